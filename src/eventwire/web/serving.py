"""The uvicorn server of `eventwire serve`, with timeouts and limits on what a client can hold open.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) and caps connections plus tasks
(``limit_concurrency``: more get 503), but it waits forever for request headers that never finish.
``server_config`` adds that deadline (``timeout_read``: the request line and headers must arrive within
it, counted from the connection's first byte or the end of the previous response); the app enforces the
same deadline on request bodies (``create_app(body_timeout_s=)``, 408 ``timeout``). ``serve_processes``
runs several server processes on one socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import traceback
from collections.abc import Callable
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_TIMEOUT_KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open
DEFAULT_TIMEOUT_READ = 30.0  # seconds for a request's headers (and, in the app, for its body)
DEFAULT_LIMIT_CONCURRENCY = 200  # open connections + running requests; more are refused with 503
DEFAULT_MAX_HEADER_BYTES = 16 * 1024  # the request line and headers (h11's incomplete-event limit)


class HeaderDeadlineH11(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers do not arrive in time."""

    read_timeout_s: float = DEFAULT_TIMEOUT_READ
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.read_timeout_s, self._expire)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expire(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def server_config(app: Any, *, host: str = "127.0.0.1", port: int = 8000,
                  timeout_keep_alive: int = DEFAULT_TIMEOUT_KEEP_ALIVE, timeout_read: float = DEFAULT_TIMEOUT_READ,
                  limit_concurrency: int = DEFAULT_LIMIT_CONCURRENCY,
                  max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES, log_level: str = "warning") -> uvicorn.Config:
    """The uvicorn configuration `eventwire serve` runs `app` with."""
    protocol = type("EventwireH11Protocol", (HeaderDeadlineH11,), {"read_timeout_s": float(timeout_read)})
    return uvicorn.Config(app, host=host, port=port, http=protocol, log_level=log_level,
                          timeout_keep_alive=timeout_keep_alive, limit_concurrency=limit_concurrency,
                          h11_max_incomplete_event_size=max_header_bytes, server_header=False)


def serve_processes(make_app: Callable[[int], Any], processes: int, *, host: str = "127.0.0.1", port: int = 8000,
                    respawn_limit: int = 10, **options: Any) -> None:
    """Serve with `processes` server processes sharing one listening socket (the kernel hands each new
    connection to one of them). Reads of a large store are CPU-bound in Python, so one process saturates one
    core; more processes serve more clients at once. Each child builds its own app with
    ``make_app(child_index)`` after the fork (its own store connections and extraction workers). The parent
    only supervises: a child that dies is replaced (at most `respawn_limit` times in all), and SIGTERM or
    SIGINT stops every child."""
    config = server_config(None, host=host, port=port, **options)
    sock = config.bind_socket()  # bound before the fork: every child accepts on it
    children: dict[int, int] = {}  # pid -> child index
    stopping = False

    def spawn(index: int) -> None:
        pid = os.fork()
        if pid == 0:  # the child: serve until told to stop
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 0
            try:
                child = server_config(make_app(index), host=host, port=port, **options)
                uvicorn.Server(child).run(sockets=[sock])
            except BaseException:  # a child must never return into the parent's loop
                traceback.print_exc()
                code = 1
            os._exit(code)
        children[pid] = index

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for index in range(processes):
            spawn(index)
        respawned = 0
        while children:
            try:
                pid, _ = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:  # pragma: no cover - PEP 475 retries, but be safe
                continue
            index = children.pop(pid, None)
            if index is not None and not stopping and respawned < respawn_limit:
                respawned += 1
                spawn(index)
            elif index is not None and not stopping:
                stop(signal.SIGTERM, None)  # children keep dying: give up rather than spin
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        sock.close()
