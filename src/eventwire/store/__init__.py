"""The store: reports as plain, normalized tables in SQLite (default) or PostgreSQL.

    store = open_store("reports.db")              # or "postgresql://user@host/db"
    store.write([(report, source)], errors=[...])   # one transaction; idempotent; -> documents added
    store.write_batch(...) -> Written(added, present)  # the same, saying which documents were there already
    store.known(doc_ids) -> set                      # which documents are stored already
    store.report(doc_id) -> Report | None
    store.counts() -> {table: rows}
    store.ping()                                     # the store answers now, or StoreUnavailable

Documents are keyed by the SHA-256 of their text (`document_id`), so the same article ingested
twice, or from two files, is stored once. Every write of a batch of documents is one transaction:
a crash (even kill -9) leaves whole documents or none, and rerunning the same ingest finishes
the rest. Writers may run at once (processes, threads): a document is added by exactly one
of them, and the others find it present. Tables: see migrations.py and docs/store.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..schema import Report
from .backends import Backend, connect
from .extractions import extraction_row
from .migrations import DOCUMENT_TABLES, MIGRATIONS
from .rows import actor_name_rows, document_id, extraction_of, report_rows

__all__ = ["IngestError", "Store", "Written", "document_id", "open_store"]

SCHEMA_VERSION = MIGRATIONS[-1][0]


@dataclass(frozen=True)
class IngestError:
    """An input that was not stored, and why."""

    source: str
    source_id: str | None
    code: str
    message: str


@dataclass(frozen=True)
class Written:
    """What one write did: the ids of the documents it added, and of those stored already (by an earlier
    write, a concurrent one, or earlier in the same batch)."""

    added: list[str]
    present: list[str]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _insert_sql(table: str, width: int) -> str:
    return f"INSERT INTO {table} VALUES ({', '.join('?' * width)}) ON CONFLICT DO NOTHING"


class Store:
    """One open store; use as a context manager or call close()."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.migrate()

    @property
    def dialect(self) -> str:
        return self.backend.dialect

    # -- schema ------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Apply the migrations this store lacks; returns the schema version."""
        with self.backend.transaction():
            self.backend.lock("migrate")  # processes opening a fresh store at once migrate one after the other
            self.backend.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)")
            done = {r["version"] for r in self.backend.query("SELECT version FROM schema_migrations")}
            for version, description, statements in MIGRATIONS:
                if version in done:
                    continue
                for step in statements:
                    if callable(step):
                        step(self.backend)
                    else:
                        self.backend.execute(step)
                self.backend.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, description, _now()))
        newest = self.backend.query("SELECT MAX(version) AS v FROM schema_migrations")[0]["v"]
        if newest > SCHEMA_VERSION:
            from ..errors import SettingsError

            raise SettingsError(f"the store {self.backend.url!r} has schema version {newest}, newer than this "
                                f"eventwire ({SCHEMA_VERSION}); upgrade eventwire")
        return int(newest)

    # -- writing -----------------------------------------------------------------------------

    def known(self, doc_ids: Sequence[str]) -> set[str]:
        """The ids among `doc_ids` that are stored already."""
        found: set[str] = set()
        ids = list(dict.fromkeys(doc_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            found |= {r["id"] for r in self.backend.query(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)}
        return found

    def write(self, reports: Iterable[tuple[Report, str | None]], errors: Iterable[IngestError] = ()) -> int:
        """Store reports (each with the input it came from) and record errors, in one transaction.
        A document stored already is left as it is. Returns the number of documents added."""
        return len(self.write_batch(reports, errors).added)

    def write_batch(self, reports: Iterable[tuple[Report, str | None]],
                    errors: Iterable[IngestError] = ()) -> Written:
        """As write(), saying which documents were added and which were stored already."""
        added: list[str] = []
        present: list[str] = []
        now = _now()
        # in id order, so two writers at once take their row locks in one order (no deadlock)
        batch = sorted(((document_id(r.text), r, source) for r, source in reports), key=lambda x: x[0])
        names: set[tuple[str, str]] = set()  # the actor_names look-up: once per batch, in key order (no deadlock)
        extractions: dict[str, str] = {}  # the extractions of the documents added (store/extractions.py)
        with self.backend.transaction():
            for doc_id, report, source in batch:
                rows = report_rows(report, doc_id, source=source, ingested_at=now)
                # the documents row decides: a writer at once with us waits on our row (PostgreSQL) or our
                # transaction (SQLite), then inserts nothing and leaves the document to us
                if not self.backend.execute(_insert_sql("documents", len(rows["documents"][0])), rows["documents"][0]):
                    present.append(doc_id)
                    continue
                for table in DOCUMENT_TABLES[1:]:
                    if rows[table]:
                        self.backend.executemany(_insert_sql(table, len(rows[table][0])), rows[table])
                # which extraction made it (migration 6; store/extractions.py)
                self.backend.execute("INSERT INTO document_extractions VALUES (?, ?)", (doc_id, extraction_of(report)))
                if source:  # it was stored now: an older failure of the same input is history
                    self.backend.execute("DELETE FROM ingest_errors WHERE source = ?", (source,))
                # the dedup has not seen it yet (dedup.update clears the mark once it has)
                self.backend.execute("INSERT INTO dedup_pending VALUES (?) ON CONFLICT DO NOTHING", (doc_id,))
                added.append(doc_id)
                names |= actor_name_rows(report)
                extractions.setdefault(*extraction_row(report))
            if extractions:
                self.backend.executemany("INSERT INTO extractions VALUES (?, ?) ON CONFLICT DO NOTHING",
                                         sorted(extractions.items()))
            if names:
                self.backend.executemany("INSERT INTO actor_names VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(names))
            for err in sorted(errors, key=lambda e: e.source):
                self.backend.execute(
                    "INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (source) DO UPDATE SET "
                    "source_id = excluded.source_id, code = excluded.code, message = excluded.message, "
                    "last_seen = excluded.last_seen, attempts = ingest_errors.attempts + 1",
                    (err.source, err.source_id, err.code, err.message, now, now))
        return Written(added, present)

    # -- reading -----------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.backend.query(sql, params)

    def query_rows(self, sql: str, params: Sequence[Any] = ()) -> Sequence[Mapping[str, Any]]:
        """Rows read by column name (Backend.query_rows): for the read paths that stream many rows."""
        return self.backend.query_rows(sql, params)

    def report(self, doc_id: str) -> Report | None:
        rows = self.backend.query("SELECT report FROM documents WHERE id = ?", (doc_id,))
        return Report.from_json(rows[0]["report"]) if rows else None

    def counts(self) -> dict[str, int]:
        tables = (*DOCUMENT_TABLES, "ingest_errors", "canonical_events", "event_links")
        return {t: int(self.backend.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]) for t in tables}

    def errors(self) -> list[IngestError]:
        return [IngestError(r["source"], r["source_id"], r["code"], r["message"])
                for r in self.backend.query("SELECT * FROM ingest_errors ORDER BY source")]

    def ping(self, timeout: float = 2.0) -> None:
        """Check the store for real (PostgreSQL: ``SELECT 1`` on a pooled connection; SQLite: a read of the file on
        a connection of its own); StoreUnavailable when it does not answer within about `timeout` seconds."""
        self.backend.ping(timeout)

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(url: str) -> Store:
    """Open (and create or migrate) the store at `url`: a path or sqlite:///PATH, or postgresql://…"""
    return Store(connect(url))
