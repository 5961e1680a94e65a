"""Extraction for the server: in worker processes, each request under a deadline.

    pool = WorkerPool(settings, size=2)        # await pool.start() in the app's lifespan
    async with pool.session() as s:            # waits for a free worker (503 ``busy`` past queue_timeout_s)
        summary = await s.parse(body, content_type, request_id)
        reports = await s.run(indices)         # 504 ``timeout`` past settings.request_timeout_s

spaCy's tokenizer holds the GIL and is quadratic on some inputs, so a thread cannot be stopped and stalls
the whole server; a process can be killed. A zygote process loads the pipeline once and forks workers
from it, so a killed worker is replaced in milliseconds, not in the seconds a fresh load takes.
Workers run at a lower CPU priority than the server, so it keeps answering while they work.
``LocalExtractor`` runs the same steps in the server's threads, for an app given a loaded pipeline
(tests, embedding): there is no deadline there.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any

from ..errors import EventwireError, InputError
from ..settings import Settings
from .bodies import ApiError, Entry, read_documents

log = logging.getLogger("eventwire.api")

WARM_UP = "GENEVA, May 2 (Reuters) - Police arrested 12 protesters in Geneva on Friday, officials said."
NICE = 5  # workers yield the CPU to the server's event loop
START_TIMEOUT_S = 180.0  # loading the model on a busy machine


def internal_message(doc_id: str | None, request_id: str) -> str:
    return f"{doc_id}: internal error (request {request_id}); the server log has the details"


class Extraction:
    """One request's documents where the pipeline lives: read once, extracted on demand."""

    def __init__(self, pipeline: Any, settings: Settings, body: bytes, content_type: str, request_id: str) -> None:
        self.pipeline, self.request_id = pipeline, request_id
        self.entries: list[Entry] = read_documents(body, content_type, settings, request_id)

    def summary(self) -> list[tuple[str | None, str]]:
        """(store id of the document's text, or None for an unreadable one; store source), per entry."""
        from ..store.rows import document_id

        return [(document_id(e.item.text) if not isinstance(e.item, InputError) else None, e.source)
                for e in self.entries]

    def run(self, indices: list[int]) -> list[dict[str, Any]]:
        """The reports of the entries at `indices` (error reports for bad ones), as dicts."""
        from ..pipeline import error_report
        from ..schema import ErrorDetail, ErrorReport

        out = []
        for i in indices:
            item = self.entries[i].item
            if isinstance(item, InputError):
                out.append(error_report(item).to_dict())
                continue
            try:
                out.append(self.pipeline.extract(item).to_dict())
            except EventwireError as exc:
                out.append(error_report(exc, item.id).to_dict())
            except Exception:  # one bad document is its own error, never the request's; details go to the log
                log.exception("request %s: extraction failed on document %r", self.request_id, item.id)
                out.append(ErrorReport(id=item.id, error=ErrorDetail(
                    code="internal", message=internal_message(item.id, self.request_id))).to_dict())
        return out


class Session:
    """A request's use of one extractor: `parse` the body, then `run` some of its documents."""

    async def parse(self, body: bytes, content_type: str, request_id: str) -> list[tuple[str | None, str]]:
        raise NotImplementedError

    async def run(self, indices: list[int]) -> list[dict[str, Any]]:
        raise NotImplementedError


# -- in the server process ------------------------------------------------------------------------

class _LocalSession(Session):
    def __init__(self, owner: LocalExtractor) -> None:
        self.owner, self.job = owner, None

    async def parse(self, body: bytes, content_type: str, request_id: str) -> list[tuple[str | None, str]]:
        from starlette.concurrency import run_in_threadpool

        pipeline = await run_in_threadpool(self.owner.pipeline)
        self.job = await run_in_threadpool(Extraction, pipeline, self.owner.settings, body, content_type, request_id)
        return self.job.summary()

    async def run(self, indices: list[int]) -> list[dict[str, Any]]:
        from starlette.concurrency import run_in_threadpool

        def locked() -> list[dict[str, Any]]:
            with self.owner.lock:  # one spaCy pipeline is not shared between threads
                return self.job.run(indices)

        return await run_in_threadpool(locked)


class LocalExtractor:
    """Extraction in the server's threads, one document at a time (no deadline: a thread cannot be stopped)."""

    def __init__(self, settings: Settings, pipeline: Any = None) -> None:
        self.settings, self._pipeline = settings, pipeline
        self.lock = threading.Lock()

    def pipeline(self) -> Any:
        with self.lock:
            if self._pipeline is None:
                from ..pipeline import load_pipeline

                s = self.settings
                self._pipeline = load_pipeline(s.model, max_bytes=s.max_bytes, n_process=1, events=s.events)
            return self._pipeline

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None

    def status(self) -> dict[str, Any]:
        return {"mode": "in-process"}

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[Session]:
        yield _LocalSession(self)


# -- worker processes -----------------------------------------------------------------------------

def load_worker_pipeline(settings: Settings) -> Any:
    """The default worker factory: the pipeline for `settings` (one process: no nested pools)."""
    from ..pipeline import Pipeline

    return Pipeline(replace(settings, n_process=1))


def _serve(conn: Connection, pipeline: Any, settings: Settings) -> None:
    """A worker's loop: one request's steps at a time until the server closes the connection."""
    job: Extraction | None = None
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if op == "parse":
                job = Extraction(pipeline, settings, *args)
                reply: tuple[Any, ...] = ("ok", job.summary())
            elif op == "run" and job is not None:
                reply = ("ok", job.run(*args))
                job = None
            else:
                reply = ("internal", f"unknown step {op!r}")
        except ApiError as exc:
            reply = ("api_error", exc.status, exc.code, exc.message)
        except Exception:
            log.exception("worker %d: step %r failed", os.getpid(), op)
            reply = ("internal", "")
        conn.send(reply)


def _zygote(cmd: Connection, settings: Settings, factory: Callable[[Settings], Any]) -> None:
    """Load the pipeline once, then fork a worker per "fork" command; kill them on "kill" and at the end."""
    from multiprocessing import reduction

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server ends us
    with contextlib.suppress(OSError):
        os.nice(NICE)
    try:
        pipeline = factory(settings)
        with contextlib.suppress(Exception):
            pipeline.extract(WARM_UP)  # loads what the stages load lazily, before the forks share it
    except Exception as exc:
        cmd.send(("failed", exc.message if isinstance(exc, EventwireError) else f"{type(exc).__name__}: {exc}"))
        return
    gc.freeze()  # the loaded pipeline stays shared copy-on-write with every worker
    cmd.send(("ready", os.getpid()))
    children: set[int] = set()
    try:
        while True:
            try:
                op, arg = cmd.recv()
            except (EOFError, OSError):
                return
            if op == "fork":
                ours, theirs = multiprocessing.Pipe()
                pid = os.fork()
                if pid == 0:  # the worker
                    code = 0
                    try:
                        cmd.close()
                        ours.close()
                        _serve(theirs, pipeline, settings)
                    except BaseException:
                        code = 1
                    finally:
                        os._exit(code)
                theirs.close()
                children.add(pid)
                cmd.send(("forked", pid))
                reduction.send_handle(cmd, ours.fileno(), 0)
                ours.close()
            elif op == "kill" and arg in children:  # only our own, unreaped child: its pid cannot be reused
                with contextlib.suppress(ProcessLookupError):
                    os.kill(arg, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(arg, 0)
                children.discard(arg)
                cmd.send(("killed", arg))
            else:
                cmd.send(("unknown", arg))
            for pid in list(children):  # reap workers that ended on their own
                with contextlib.suppress(ChildProcessError):
                    if os.waitpid(pid, os.WNOHANG)[0] == pid:
                        children.discard(pid)
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


class _Worker:
    def __init__(self, pid: int, conn: Connection) -> None:
        self.pid, self.conn = pid, conn


class _PoolSession(Session):
    def __init__(self, pool: WorkerPool, worker: _Worker, deadline: float) -> None:
        self.pool, self.worker, self.deadline = pool, worker, deadline
        self.clean = True  # False while a step is in flight: the worker's state is then unknown

    async def _call(self, op: str, *args: Any) -> Any:
        from starlette.concurrency import run_in_threadpool

        self.clean = False
        conn = self.worker.conn
        try:
            await run_in_threadpool(conn.send, (op, args))
            await _readable(conn, self.deadline - time.monotonic())
            reply = await run_in_threadpool(conn.recv)
        except TimeoutError:
            raise ApiError(504, "timeout", f"the documents took longer than the server's limit of "
                           f"{self.pool.settings.request_timeout_s:g} s to extract; send shorter or fewer "
                           "documents") from None
        except (EOFError, OSError):
            log.error("extraction worker %d ended during a request", self.worker.pid)
            raise
        if reply[0] == "api_error":
            self.clean = True
            raise ApiError(*reply[1:])
        if reply[0] != "ok":
            raise RuntimeError(f"extraction worker {self.worker.pid} failed: {reply[1]}")
        self.clean = True
        return reply[1]

    async def parse(self, body: bytes, content_type: str, request_id: str) -> list[tuple[str | None, str]]:
        return await self._call("parse", body, content_type, request_id)

    async def run(self, indices: list[int]) -> list[dict[str, Any]]:
        return await self._call("run", indices)


async def _readable(conn: Connection, timeout: float) -> None:
    """Wait until `conn` has data (or is closed), at most `timeout` seconds; TimeoutError after."""
    if timeout <= 0:
        raise TimeoutError
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
    try:
        await asyncio.wait_for(ready, timeout)
    finally:
        loop.remove_reader(fd)


class WorkerPool:
    """`size` worker processes forked from a zygote that holds the loaded pipeline."""

    def __init__(self, settings: Settings, size: int = 2, *, queue_timeout_s: float = 60.0,
                 factory: Callable[[Settings], Any] = load_worker_pipeline) -> None:
        if size < 1:
            raise ValueError(f"a worker pool needs at least one worker, not {size}")
        self.settings, self.size, self.queue_timeout_s, self.factory = settings, size, queue_timeout_s, factory
        self.failure: str | None = None  # why the pipeline could not be loaded
        self.replaced = 0
        self._workers: dict[int, _Worker] = {}
        self._zygote: Any = None
        self._cmd: Connection | None = None
        self._cmd_lock = threading.Lock()
        self._idle: asyncio.Queue[_Worker] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closing = False

    # -- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        """Begin loading in the background: the server answers (``/health``) while the model loads."""
        self._idle = asyncio.Queue()
        self._spawn(self._boot())

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _boot(self) -> None:
        from starlette.concurrency import run_in_threadpool

        try:
            await run_in_threadpool(self._start_zygote)
            for _ in range(self.size):
                await self._add_worker()
        except Exception as exc:
            self.failure = self.failure or f"the extraction workers could not start ({type(exc).__name__})"
            log.exception("extraction workers could not start")

    def _start_zygote(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # a clean process: the server has threads, never fork it
        ours, theirs = ctx.Pipe()
        proc = ctx.Process(target=_zygote, args=(theirs, self.settings, self.factory), daemon=True,
                           name="eventwire-zygote")
        proc.start()
        theirs.close()
        if not ours.poll(START_TIMEOUT_S):
            proc.kill()
            raise RuntimeError("the extraction pipeline did not load in time")
        try:
            status, detail = ours.recv()
        except EOFError:
            status, detail = "failed", f"the loading process ended (exit code {proc.exitcode})"
        if status != "ready":
            self.failure = f"the extraction pipeline could not be loaded: {detail}"
            proc.join(5)
            raise RuntimeError(self.failure)
        self._zygote, self._cmd = proc, ours

    def _fork(self) -> _Worker:
        from multiprocessing import reduction

        with self._cmd_lock:
            assert self._cmd is not None
            self._cmd.send(("fork", None))
            _, pid = self._cmd.recv()
            fd = reduction.recv_handle(self._cmd)
        return _Worker(pid, Connection(fd))

    def _kill(self, worker: _Worker) -> None:
        with self._cmd_lock:
            try:
                assert self._cmd is not None
                self._cmd.send(("kill", worker.pid))
                self._cmd.recv()
            except (AssertionError, EOFError, OSError):
                pass  # the zygote is gone, and with it (killed at its end) the worker
        worker.conn.close()

    async def _add_worker(self) -> None:
        from starlette.concurrency import run_in_threadpool

        if self._closing:
            return
        worker = await run_in_threadpool(self._fork)
        self._workers[worker.pid] = worker
        assert self._idle is not None
        self._idle.put_nowait(worker)

    async def _replace(self, worker: _Worker) -> None:
        from starlette.concurrency import run_in_threadpool

        self._workers.pop(worker.pid, None)
        await run_in_threadpool(self._kill, worker)
        self.replaced += 1
        try:
            await self._add_worker()
        except Exception:
            log.exception("could not replace extraction worker %d", worker.pid)

    async def close(self) -> None:
        from starlette.concurrency import run_in_threadpool

        self._closing = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        # a start under way finishes its thread first: only then is its zygote there to be closed
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._cmd is not None:
            self._cmd.close()  # the zygote kills its workers and ends
        for worker in self._workers.values():
            worker.conn.close()
        self._workers.clear()
        if self._zygote is not None:
            zygote = self._zygote
            await run_in_threadpool(zygote.join, 10)
            if zygote.is_alive():
                zygote.kill()

    def status(self) -> dict[str, Any]:
        idle = self._idle.qsize() if self._idle is not None else 0
        out: dict[str, Any] = {"mode": "processes", "size": self.size, "alive": len(self._workers), "idle": idle,
                               "replaced": self.replaced}
        if self.failure:
            out["failed"] = True  # why is in the server's log, not for the client
        return out

    def pids(self) -> list[int]:
        return sorted(self._workers)

    # -- requests -------------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[Session]:
        if self.failure:
            raise ApiError(503, "unavailable", "extraction is unavailable on this server; its log says why")
        if self._idle is None:  # an app served without its lifespan (uvicorn lifespan="off")
            await self.start()
        assert self._idle is not None
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.queue_timeout_s)
        except TimeoutError:
            raise ApiError(503, "busy", f"every extraction worker stayed busy for {self.queue_timeout_s:g} s; "
                           "try again later", headers={"Retry-After": "5"}) from None
        session = _PoolSession(self, worker, time.monotonic() + self.settings.request_timeout_s)
        try:
            yield session
        finally:
            if session.clean and worker.pid in self._workers:
                self._idle.put_nowait(worker)
            else:  # past the deadline, the client gone, or the worker dead: kill it, fork a fresh one
                self._spawn(self._replace(worker))
