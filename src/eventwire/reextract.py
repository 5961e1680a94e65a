"""Re-extract stored documents with the current pipeline: one extraction for the whole store again.

    reextract(store, pipeline, processes=None, every=False, dedup=True, allow_mixed=False) -> ReextractSummary

Every document whose extraction (store/extractions.py) is not the pipeline's — or every document, with
``every`` — is read again from its stored text (with its stored id, date, title, url and site) and its rows are
replaced, a batch per transaction: its extraction tables are rewritten, its ``documents.report`` updated, its
old event links dropped. A crash leaves whole documents (old or new); running it again finishes the rest. Once
all are done the canonical events are rebuilt in full (the dedup state is cleared first, so a later
``eventwire dedup`` rebuilds too when ``dedup`` is off). A document the pipeline now refuses (a smaller
``--max-chars``, say) keeps its old rows and is listed; the store then still holds two extractions.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .errors import MixedExtractions
from .ingest import Document
from .pipeline import Pipeline
from .schema import ErrorReport, Report
from .store import Store
from .store.extractions import extraction_row
from .store.migrations import DOCUMENT_TABLES
from .store.rows import actor_name_rows, extraction_of, report_rows

PAGE = 200  # stored documents read per query


@dataclass
class ReextractSummary:
    extraction: str  # the pipeline's extraction id
    read: int = 0  # documents read again
    rewritten: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (doc_id, code, message): kept as they were
    canonical_events: int | None = None  # after the rebuild (None: not run)
    dedup_refused: str | None = None
    seconds: float = 0.0


def _documents(store: Store, current: str, every: bool, sent: deque[str]) -> Iterator[Document]:
    """The stored documents to read again, in id order, a page per query (keyset: rewritten ones drop out)."""
    last = ""
    other = "" if every else "AND e.extraction <> ? "
    while True:
        params: tuple = (last,) if every else (last, current)
        rows = store.query(
            "SELECT d.id, d.source_id, d.source, d.url, d.site, d.title, d.published, d.text FROM documents d "
            "JOIN document_extractions e ON e.doc_id = d.id "
            f"WHERE d.id > ? {other}ORDER BY d.id LIMIT {PAGE}", params)
        if not rows:
            return
        for r in rows:
            sent.append(r["id"])
            yield Document(id=r["source_id"] or r["id"], text=r["text"], published=r["published"], title=r["title"],
                           url=r["url"], site=r["site"], source=r["source"])
        last = rows[-1]["id"]


def _rewrite(store: Store, done: list[tuple[str, Report, str | None]]) -> None:
    """Replace the rows of each document with those of its new report, in one transaction."""
    if not done:
        return
    children = DOCUMENT_TABLES[1:]
    names: set[tuple[str, str]] = set()
    extractions: dict[str, str] = {}
    with store.backend.transaction():
        for doc_id, report, source in sorted(done, key=lambda x: x[0]):  # key order: no deadlock with a writer
            rows = report_rows(report, doc_id, source=source, ingested_at="")
            for table in ("document_extractions", *reversed(children)):
                store.backend.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            store.backend.execute("DELETE FROM event_links WHERE doc_id = ?", (doc_id,))
            store.backend.execute("UPDATE documents SET report = ?, schema_version = ?, published = ? WHERE id = ?",
                                  (report.to_json(), report.schema_version, report.published, doc_id))
            for table in children:
                if rows[table]:
                    store.backend.executemany(
                        f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[table][0]))})", rows[table])
            store.backend.execute("INSERT INTO document_extractions VALUES (?, ?)", (doc_id, extraction_of(report)))
            store.backend.execute("INSERT INTO dedup_pending VALUES (?) ON CONFLICT DO NOTHING", (doc_id,))
            names |= actor_name_rows(report)
            extractions.setdefault(*extraction_row(report))
        store.backend.executemany("INSERT INTO extractions VALUES (?, ?) ON CONFLICT DO NOTHING",
                                  sorted(extractions.items()))
        if names:
            store.backend.executemany("INSERT INTO actor_names VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(names))
        # the stored clusters were made of the old story events: the next dedup rebuilds in full
        store.backend.execute("DELETE FROM dedup_state")


def reextract(store: Store, pipeline: Pipeline, *, processes: int | None = None, every: bool = False,
              commit_every: int = 64, dedup: bool = True, allow_mixed: bool = False,
              progress: Callable[[ReextractSummary], None] | None = None) -> ReextractSummary:
    """Bring the stored documents to the pipeline's extraction (see the module docstring)."""
    started = time.perf_counter()
    summary = ReextractSummary(extraction=pipeline.provenance.extraction_id)
    sent: deque[str] = deque()
    done: list[tuple[str, Report, str | None]] = []
    sources: dict[str, str | None] = {}

    def documents() -> Iterator[Document]:
        for document in _documents(store, summary.extraction, every, sent):
            sources[sent[-1]] = document.source
            yield document

    for result in pipeline.pipe(documents(), n_process=processes):
        doc_id = sent.popleft()
        summary.read += 1
        if isinstance(result, ErrorReport):
            summary.failed.append((doc_id, result.error.code, result.error.message))
        else:
            done.append((doc_id, result, sources.pop(doc_id, None)))
        if len(done) >= commit_every:
            _rewrite(store, done)
            summary.rewritten += len(done)
            done = []
            if progress is not None:
                progress(summary)
    _rewrite(store, done)
    summary.rewritten += len(done)
    if dedup and summary.rewritten:
        from .dedup import deduplicate

        try:
            summary.canonical_events = deduplicate(store, allow_mixed=allow_mixed)
        except MixedExtractions as exc:
            summary.dedup_refused = exc.message
    summary.seconds = time.perf_counter() - started
    return summary
