"""SQLite and PostgreSQL behind one small interface: run SQL written with ``?`` placeholders.

    connect(url) -> Backend
    backend.execute(sql, params) / executemany(sql, rows) / query(sql, params) -> list[dict]
    with backend.transaction(): ...   (one transaction; rolled back on any exception)

URLs: a file path or ``sqlite:///path`` (SQLite, WAL mode), ``postgresql://…`` or ``postgres://…``
(PostgreSQL through psycopg 3).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import SettingsError


class Backend:
    dialect: str = ""
    url: str = ""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

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
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at each checkpoint, safe on crash
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._lock = threading.RLock()
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._lock:
            self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._lock:
            self.conn.executemany(sql, [tuple(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

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
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0

    def close(self) -> None:
        self.conn.close()


class PostgresBackend(Backend):
    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise SettingsError(f"cannot connect to the PostgreSQL store {_redact(url)}: {exc}".strip()) from None
        self._lock = threading.RLock()
        self._tx: Any = None

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._lock:
            self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if not rows:
            return
        with self._lock, self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.conn.execute(self._sql(sql), tuple(params)).fetchall())

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock, self.conn.transaction():
            yield

    def close(self) -> None:
        self.conn.close()


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
