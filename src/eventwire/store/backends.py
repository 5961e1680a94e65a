"""SQLite and PostgreSQL behind one small interface: run SQL written with ``?`` placeholders.

    connect(url) -> Backend
    backend.execute(sql, params) / executemany(sql, rows) / query(sql, params) -> list[dict]
    backend.one_of(column, values) -> (condition, params)   (``IN (?, ...)``; PostgreSQL: ``= ANY(?)``, one array)
    with backend.transaction(): ...   (one transaction; rolled back on any exception)

URLs: a file path or ``sqlite:///path`` (SQLite, WAL mode), ``postgresql://…`` or ``postgres://…``
(PostgreSQL through psycopg 3 and a pool of connections; URL options ``connect_timeout=S`` (default 5) and
``pool_size=N`` (default 10)).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from ..errors import SettingsError, StoreUnavailable

DEFAULT_CONNECT_TIMEOUT = 5  # seconds: libpq's connect_timeout; also how long a request waits for a connection
DEFAULT_POOL_SIZE = 10  # connections at most, per process


class Backend:
    dialect: str = ""
    url: str = ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def query_rows(self, sql: str, params: Sequence[Any] = ()) -> Sequence[Mapping[str, Any]]:
        """As ``query``, but the rows as the driver gives them (read by column name, not copied to dicts):
        for the read paths that stream many rows."""
        return self.query(sql, params)

    def one_of(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """The condition that `column` is one of `values`, and its parameters: ``column IN (?, ?, ...)``."""
        return f"{column} IN ({', '.join('?' * len(values)) or 'NULL'})", list(values)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

    def lock(self, name: str) -> None:
        """Inside a transaction: wait until no other transaction holds the lock `name`, then hold it to the end."""
        raise NotImplementedError

    def ping(self, timeout: float) -> None:
        """Ask the store to answer now, within about `timeout` seconds; StoreUnavailable when it does not."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SQLiteBackend(Backend):
    """One file; WAL mode so readers (Datasette, pandas) never block the writer."""

    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        self.url = path
        try:
            self.conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise SettingsError(f"cannot open the SQLite store {path!r}: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        # Processes opening a fresh file at once: the switch to WAL can be refused ("database is locked") without
        # waiting on the busy timeout, so it is tried again for a while.
        deadline = time.monotonic() + 60
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise SettingsError(f"cannot open the SQLite store {path!r}: {exc}") from None
                time.sleep(0.02)
        self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at each checkpoint, safe on crash
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None  # the thread whose transaction is open
        # Reads outside a transaction run on a connection of their thread's own (WAL: readers see the last commit
        # and never wait for the writer), so requests in threads read at once instead of one after the other.
        self._readers = threading.local()
        self._reader_conns: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()  # not self._lock: a write holds that one for its whole transaction

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self._lock:
            return self.conn.execute(sql, tuple(params)).rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._lock:
            self.conn.executemany(sql, [tuple(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        reader = self._reader() if sql.lstrip()[:6].upper() in ("SELECT", "WITH") else None
        if reader is not None:
            return [dict(r) for r in reader.execute(sql, tuple(params)).fetchall()]
        with self._lock:
            return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    def query_rows(self, sql: str, params: Sequence[Any] = ()) -> Sequence[Mapping[str, Any]]:
        reader = self._reader() if sql.lstrip()[:6].upper() in ("SELECT", "WITH") else None
        if reader is not None:
            return reader.execute(sql, tuple(params)).fetchall()  # sqlite3.Row: by name, without a copy
        with self._lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    def _reader(self) -> sqlite3.Connection | None:
        """This thread's read connection; None inside this thread's transaction (which must see its own writes)."""
        if self._owner == threading.get_ident() or self.url in ("", ":memory:") or self.url.startswith("file:"):
            return None
        conn = getattr(self._readers, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.url, timeout=60, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            self._readers.conn = conn
            with self._readers_lock:
                self._reader_conns.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._depth:  # nested: part of the outer transaction
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            self._owner = threading.get_ident()
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0
                self._owner = None

    def lock(self, name: str) -> None:
        pass  # BEGIN IMMEDIATE: one writing transaction at a time already

    def ping(self, timeout: float) -> None:
        # a connection of its own (mode=rw: never creates the file), so no transaction of ours holds it up
        try:
            conn = sqlite3.connect(f"file:{quote(self.url)}?mode=rw", uri=True, timeout=timeout)
            try:
                conn.execute("SELECT version FROM schema_migrations LIMIT 1").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"the SQLite store {self.url!r} cannot be read") from exc

    def close(self) -> None:
        with self._readers_lock:
            for conn in self._reader_conns:
                conn.close()
            self._reader_conns.clear()
        self.conn.close()


class PostgresBackend(Backend):
    """A pool of connections (psycopg_pool): each call takes one, a transaction keeps one to its end.

    The server may restart under us. A connection it dropped is found and replaced: a read (``query``
    outside a transaction) that hits one is run again once on a fresh connection; a transaction starts
    only on a connection that answers. A write that loses its connection midway raises StoreUnavailable:
    PostgreSQL commits it whole or not at all, and writing the same documents again is harmless.
    """

    dialect = "postgresql"

    def __init__(self, url: str, *, connect_timeout: int | None = None, pool_size: int | None = None) -> None:
        import psycopg
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        self.url = url
        conninfo, timeout, size = pg_options(url)
        self.timeout = connect_timeout or timeout
        kwargs = {"autocommit": True, "row_factory": dict_row, "connect_timeout": self.timeout}
        try:  # one connection first, for the server's own words when it refuses (auth, no such database)
            psycopg.connect(conninfo, **kwargs).close()
        except psycopg.Error as exc:
            raise SettingsError(f"cannot connect to the PostgreSQL store {_redact(url)}: {exc}".strip()) from None
        # reconnect_timeout: how long the pool keeps retrying one lost connection (backing off 1, 2, 4 s) before
        # it gives the slot up; the next request then connects at once. Short, so a server back after a long
        # outage is used within a second or two, not after the next doubled back-off.
        self.pool = ConnectionPool(conninfo, kwargs=kwargs, min_size=1, max_size=pool_size or size, open=False,
                                   timeout=self.timeout, reconnect_timeout=float(self.timeout), name="eventwire")
        self.pool.open()
        self._local = threading.local()  # the connection of this thread's open transaction

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def one_of(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``column = ANY(?)`` with the values as one array: a short statement, the same for any number of values.
        psycopg parses a statement's placeholders again whenever its text is new, and for the dedup's lists of
        500 keys that parsing cost more than the server's answer."""
        return f"{column} = ANY(?)", [list(values)]

    def _own(self) -> Any:
        return getattr(self._local, "conn", None)

    def _unavailable(self, what: str) -> StoreUnavailable:
        return StoreUnavailable(f"the PostgreSQL store {_redact(self.url)} {what}")

    def _getconn(self, *, checked: bool, timeout: float | None = None) -> Any:
        """A connection of the pool; ``checked``: one that answered just now (a round trip)."""
        from psycopg_pool import PoolTimeout

        for attempt in range(2):
            try:
                conn = self.pool.getconn(timeout=timeout or self.timeout)
            except PoolTimeout:
                raise self._unavailable(f"gave no connection within {timeout or self.timeout} s") from None
            if not checked:
                return conn
            try:
                self.pool.check_connection(conn)
                return conn
            except Exception:
                self.pool.putconn(conn)  # broken: the pool replaces it
                if attempt == 0:
                    self.pool.check()  # and every idle connection the server dropped with it (a restart)
        raise self._unavailable("does not answer")

    def _run(self, fn: Callable[[Any], Any], *, retry: bool) -> Any:
        """fn(connection) on this thread's transaction, or on a connection of the pool: again once on a fresh
        connection if the first was found dropped and ``retry`` (reads only)."""
        import psycopg

        own = self._own()
        if own is not None:
            return fn(own)
        for attempt in range(2):
            conn = self._getconn(checked=False)
            try:
                return fn(conn)
            except psycopg.OperationalError as exc:
                if not conn.broken:
                    conn.close()  # a connection the driver cannot use any more: the pool replaces it
                if attempt or not retry:
                    raise self._unavailable("dropped the connection") from exc
            finally:
                self.pool.putconn(conn)
            self.pool.check()  # drop the other connections the server dropped, then try once more
        raise AssertionError("unreachable")  # pragma: no cover

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._run(lambda c: c.execute(self._sql(sql), tuple(params)).rowcount, retry=False)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return

        def many(conn: Any) -> None:
            with conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

        self._run(many, retry=False)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        read = sql.lstrip()[:6].upper() in ("SELECT", "WITH")  # only what changes nothing is run twice
        return self._run(lambda c: list(c.execute(self._sql(sql), tuple(params)).fetchall()), retry=read)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        import psycopg

        own = self._own()
        if own is not None:  # nested: a savepoint of the outer transaction
            with own.transaction():
                yield
            return
        conn = self._getconn(checked=True)
        self._local.conn = conn
        try:
            with conn.transaction():
                yield
        except psycopg.OperationalError as exc:
            # rolled back by the server, or committed with the acknowledgement lost; also a connection left
            # in a state the driver cannot use ("cannot exit pipeline mode while busy" during a restart):
            # closed, so the pool replaces it
            if not conn.broken:
                conn.close()
            raise self._unavailable("dropped the connection during a write, which was not confirmed; "
                                    "write it again") from exc
        finally:
            self._local.conn = None
            self.pool.putconn(conn)

    def lock(self, name: str) -> None:
        # a transaction-level advisory lock: released at commit or rollback, also when the client dies
        key = int.from_bytes(hashlib.sha256(f"eventwire:{name}".encode()).digest()[:8], "big", signed=True)
        self.execute("SELECT pg_advisory_xact_lock(?)", (key,))

    def ping(self, timeout: float) -> None:
        conn = self._getconn(checked=True, timeout=timeout)  # a connection the server dropped is replaced first
        try:
            conn.execute("SELECT 1").fetchall()
        except Exception as exc:
            raise self._unavailable("does not answer") from exc
        finally:
            self.pool.putconn(conn)

    def close(self) -> None:
        self.pool.close()


def pg_options(url: str) -> tuple[str, int, int]:
    """(the URL for libpq, connect timeout in seconds, pool size) from a postgresql:// URL: ``pool_size`` is
    eventwire's and is taken out; ``connect_timeout`` is libpq's, 5 s when not given."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    options = dict(query)

    def positive(name: str, default: int) -> int:
        raw = options.get(name, str(default))
        if not raw.isdigit() or int(raw) < 1:
            raise SettingsError(f"{name}={raw!r} in the store URL {_redact(url)}: give a whole number, 1 or more")
        return int(raw)

    timeout = positive("connect_timeout", DEFAULT_CONNECT_TIMEOUT)
    size = positive("pool_size", DEFAULT_POOL_SIZE)
    # %20, not '+': libpq reads '+' as itself (options=-c%20name%3Dvalue must reach it with its space)
    rest = urlencode([(k, v) for k, v in query if k != "pool_size"], quote_via=quote)
    return urlunsplit(parts._replace(query=rest)), timeout, size


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    return f"{scheme}://{creds.split(':', 1)[0]}@{host}"


def connect(url: str) -> Backend:
    """The backend for a store URL (see the module docstring)."""
    if not url:
        raise SettingsError("no store given: pass --db PATH (SQLite) or --db postgresql://…")
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(url)
    if url.startswith("sqlite:///"):
        return SQLiteBackend(url[len("sqlite:///"):])
    if "://" in url:
        raise SettingsError(f"unknown store URL {url!r}: use a file path, sqlite:///PATH or postgresql://…")
    return SQLiteBackend(url)
