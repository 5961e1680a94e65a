"""Scale extraction out over a Dask distributed cluster.

    extract_on_dask(items, address, settings=..., batch_size=16) -> Iterator[Report | ErrorReport]

``address`` is a scheduler (``tcp://host:8786``; any address ``distributed.Client`` takes) or
``local`` / ``local:N``, which starts a ``LocalCluster`` of N single-threaded worker processes on
this machine (default: ``settings.processes``, one per core) and closes it when the stream ends.

Documents travel in batches of plain dicts; every worker process loads the spaCy pipeline once
(``_worker_pipeline`` keeps it per process and settings) and sends back JSON strings, so nothing
heavy crosses the wire.  The client yields the reports in input order while keeping at most
about two batches per worker thread in flight, so memory stays bounded on a corpus of any size
and one writer (the caller) stores everything.  ``InputError`` items pass through as error
reports in their place; a batch whose task fails (a crashed worker, a bug) yields ``internal``
error reports for its documents and the run goes on.  A worker that cannot load the model
(``ModelError``) stops the run, as ``load_pipeline`` would: every later batch would fail too.

Workers need eventwire and the spaCy model installed; see docs/distributed.md.
"""

from __future__ import annotations

import dataclasses
import itertools
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .errors import InputError, ModelError, SettingsError
from .ingest import Document
from .pipeline import Pipeline, error_report
from .schema import ErrorReport, Report
from .settings import Settings

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = ["extract_on_dask"]

# Batches in flight per worker thread: one running, one queued behind it.
IN_FLIGHT_PER_THREAD = 2
_RECHECK_EVERY = 32  # batches between looks at how many worker threads the cluster has now


def extract_on_dask(items: Iterable[Document | InputError], address: str, *, settings: Settings,
                    batch_size: int = 16) -> Iterator[Report | ErrorReport]:
    """Reports for `items`, in input order, extracted by the workers of the Dask cluster at `address`.

    ``address``: ``tcp://host:port`` (an existing scheduler) or ``local`` / ``local:N`` (a
    ``LocalCluster`` of N worker processes, 1 thread each, closed at the end).  A bad address
    raises ``SettingsError`` at once; an unreachable scheduler raises it on the first ``next()``.
    """
    if batch_size <= 0:
        raise SettingsError(f"batch_size must be positive, not {batch_size}")
    local = _local_workers(address, settings)
    return _extract(iter(items), address, local, settings, batch_size)


# -- client side ---------------------------------------------------------------------------------


def _local_workers(address: str, settings: Settings) -> int | None:
    """N for ``local`` / ``local:N``, None for a scheduler address."""
    address = address.strip()
    if address != "local" and not address.startswith("local:"):
        if not address:
            raise SettingsError("the Dask address is empty; give tcp://HOST:PORT or local[:N]")
        return None
    if address == "local":
        return settings.processes
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise SettingsError(f"Dask address {address!r}: write local or local:N with N a number of worker "
                            "processes (1 or more), e.g. local:4")
    return int(count)


def _extract(items: Iterator[Document | InputError], address: str, local: int | None, settings: Settings,
             batch_size: int) -> Iterator[Report | ErrorReport]:
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if local is not None:
            cluster = LocalCluster(n_workers=local, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            try:
                client = Client(address.strip())
            except (OSError, TimeoutError, ValueError) as exc:
                raise SettingsError(f"cannot reach the Dask scheduler at {address!r} ({exc}); start one with "
                                    "`dask scheduler` and give its tcp://HOST:PORT") from None
        try:
            yield from _stream(client, items, settings, batch_size)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _stream(client: Client, items: Iterator[Document | InputError], settings: Settings,
            batch_size: int) -> Iterator[Report | ErrorReport]:
    """Submit batches, at most ``window`` in flight, and yield their reports in input order."""
    fields = dataclasses.asdict(settings)
    run = uuid.uuid4().hex[:8]
    # Each entry: the batch's items (InputErrors stay on the client) and the future for its documents.
    pending: deque[tuple[list[Document | InputError], Future | None]] = deque()
    window = _window(client)
    try:
        for n, batch in enumerate(_batched(items, batch_size)):
            if n % _RECHECK_EVERY == 0 and n:
                window = _window(client)  # workers may have joined or left
            docs = [dataclasses.asdict(item) for item in batch if isinstance(item, Document)]
            future = client.submit(_extract_batch, docs, fields, key=f"eventwire-batch-{run}-{n}",
                                   pure=False) if docs else None
            pending.append((batch, future))
            while len(pending) >= window:
                yield from _collect(client, *pending.popleft())
        while pending:
            yield from _collect(client, *pending.popleft())
    finally:
        # An abandoned stream (the caller stopped reading, or an error) leaves no work on the cluster.
        futures = [f for _, f in pending if f is not None]
        if futures and client.status == "running":
            client.cancel(futures)


def _window(client: Client) -> int:
    threads = sum(client.nthreads().values())
    return max(2, IN_FLIGHT_PER_THREAD * threads)


def _collect(client: Client, batch: list[Document | InputError],
             future: Future | None) -> Iterator[Report | ErrorReport]:
    """The reports of one batch, in order: the workers' for documents, error reports for InputErrors."""
    docs = [item for item in batch if isinstance(item, Document)]
    results: list[Report | ErrorReport] | None = None
    if future is not None:
        try:
            wire = future.result()
            if len(wire) != len(docs):
                raise RuntimeError(f"the worker returned {len(wire)} reports for {len(docs)} documents")
            results = [ErrorReport.model_validate_json(text) if is_error else Report.from_json(text)
                       for is_error, text in wire]
        except ModelError:
            raise  # no worker will do better; stop the run as load_pipeline would
        except Exception as exc:  # a failed batch must not stop the run
            if client.status != "running":
                raise ConnectionError(f"lost the Dask scheduler ({exc!r}); {len(docs)} documents in this "
                                      "batch and those after it were not processed") from exc
            results = [error_report(exc, doc.id) for doc in docs]
        finally:
            future.release()
    extracted = iter(results or [])
    for item in batch:
        yield error_report(item) if isinstance(item, InputError) else next(extracted)


def _batched(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


# -- worker side ---------------------------------------------------------------------------------

_worker_pipelines: dict[Settings, tuple[Pipeline, threading.Lock]] = {}
_worker_lock = threading.Lock()


def _worker_pipeline(settings: Settings) -> tuple[Pipeline, threading.Lock]:
    """This worker process's pipeline for `settings`, loaded on first use and kept for the next batches.

    The lock serialises batches when a worker runs several threads: spaCy pipelines are not meant to
    be called from two threads at once (run workers with ``--nthreads 1``).
    """
    with _worker_lock:
        entry = _worker_pipelines.get(settings)
        if entry is None:
            entry = _worker_pipelines[settings] = (Pipeline(settings), threading.Lock())
        return entry


def _extract_batch(docs: list[dict[str, Any]], fields: dict[str, Any]) -> list[tuple[bool, str]]:
    """Runs on a worker: (is_error, JSON) for each document of the batch, in order."""
    pipeline, lock = _worker_pipeline(Settings(**fields))
    with lock:
        results = pipeline._run_batch([Document(**doc) for doc in docs])
    return [(isinstance(r, ErrorReport), r.to_json()) for r in results]
