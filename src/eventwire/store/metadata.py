"""A stored document's metadata (publication date, title, URL, site), compared with an input of the same text,
and replaced by `eventwire ingest --update-metadata`.

    stored_metadata(store, doc_ids) -> {doc_id: {"published", "title", "url", "site"}}
    differences(stored, new) -> {field: (stored value, new value)}     the fields the input gives otherwise
    rewrite(store, [(report, source)]) -> doc ids whose story events changed

A document is keyed by its text, so the same text brought again under another date or title is the same
document: ingest keeps what is stored and says so. Rewriting replaces the document's row and every row derived
from its report (the report itself re-extracted by the caller with the new metadata: the publication date
anchors "Friday" and "last week", so the dates of its times, events and story events may change with it). When
its story events change, the canonical events built on them are out of date: the dedup's state is cleared, so
the next dedup (run by ingest itself unless --no-dedup) rebuilds them in full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from ..schema import Report
from . import Store
from .migrations import DOCUMENT_TABLES
from .rows import actor_name_rows, document_id, report_rows

META_FIELDS = ("published", "title", "url", "site")
Meta = Mapping[str, str | None]


def stored_metadata(store: Store, doc_ids: Sequence[str]) -> dict[str, dict[str, str | None]]:
    """The metadata of those of `doc_ids` that are stored (the others are absent from the answer)."""
    found: dict[str, dict[str, str | None]] = {}
    ids = list(dict.fromkeys(doc_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = store.query(f"SELECT id, {', '.join(META_FIELDS)} FROM documents WHERE id IN "
                           f"({', '.join('?' * len(chunk))})", chunk)
        found.update({r["id"]: {f: r[f] for f in META_FIELDS} for r in rows})
    return found


def differences(stored: Meta, new: Meta) -> dict[str, tuple[str | None, str]]:
    """The fields an input gives (not None) with another value than the stored one; a field the input lacks is
    not a difference (a plain-text file brings no title)."""
    return {f: (stored.get(f), new[f]) for f in META_FIELDS  # type: ignore[misc]
            if new.get(f) is not None and new.get(f) != stored.get(f)}


def _story_rows(store: Store, doc_id: str) -> list[tuple]:
    rows = store.query("SELECT * FROM story_events WHERE doc_id = ? ORDER BY story_event_id", (doc_id,))
    return [tuple(r.values()) for r in rows]


def rewrite(store: Store, reports: Iterable[tuple[Report, str | None]]) -> list[str]:
    """Replace stored documents by these reports of the same texts (one transaction): the document row (its first
    ingest time kept) and every derived row. Returns the ids whose story events changed (the dedup state is then
    cleared: the next dedup rebuilds in full). A report whose text is not stored is left out."""
    changed: list[str] = []
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    batch = sorted(((document_id(r.text), r, source) for r, source in reports), key=lambda x: x[0])
    names: set[tuple[str, str]] = set()
    with store.backend.transaction():
        for doc_id, report, source in batch:
            rows = report_rows(report, doc_id, source=source, ingested_at=now)
            doc = rows["documents"][0]
            # the row lock first (a writer at once waits), the first ingest time kept
            if not store.backend.execute(
                    "UPDATE documents SET source_id = ?, source = ?, url = ?, site = ?, title = ?, published = ?, "
                    "report = ?, schema_version = ? WHERE id = ?", (*doc[1:7], doc[8], doc[9], doc_id)):
                continue
            before = _story_rows(store, doc_id)
            for table in reversed(DOCUMENT_TABLES[1:]):
                store.backend.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            for table in DOCUMENT_TABLES[1:]:
                if rows[table]:
                    marks = ", ".join("?" * len(rows[table][0]))
                    store.backend.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
            names |= actor_name_rows(report)
            if _story_rows(store, doc_id) != before:
                changed.append(doc_id)
        if names:
            store.backend.executemany("INSERT INTO actor_names VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(names))
        if changed:  # its canonical events are stale: the next dedup rebuilds them all
            store.backend.execute("DELETE FROM dedup_state WHERE name = 'clustered_with'")
    return changed
