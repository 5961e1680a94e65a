"""The store's tables, as numbered migrations: each runs once, in order, in one transaction.

Plain tables and columns that Datasette, pandas and SQL users read without eventwire. One
dialect for SQLite and PostgreSQL: TEXT, INTEGER, BIGINT, DOUBLE PRECISION; no autoincrement
(every key is derived from the data, so re-ingesting writes the same keys). Character offsets are
``start_char`` / ``end_char`` (``end`` is reserved in SQL). Every row of an extraction table
belongs to one document (``doc_id``) and carries its offsets into ``documents.text``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .backends import Backend

# A step is SQL, or a function of the backend for what SQL alone cannot do (filling a new table
# from the stored reports); both run inside the migration's transaction.
Step = str | Callable[["Backend"], None]


def _backfill_story_events(backend: Backend) -> None:
    """Story events of the documents stored before the table existed, from their stored reports
    (reports extracted before the story stage have none)."""
    from ..schema import Report
    from .rows import story_event_rows

    last = ""
    while True:
        batch = backend.query("SELECT id, report FROM documents WHERE id > ? ORDER BY id LIMIT 200", (last,))
        if not batch:
            return
        rows = []
        for doc in batch:
            try:
                report = Report.from_json(doc["report"])
            except ValueError:  # a report this version cannot read: it keeps its other rows
                continue
            rows += story_event_rows(report, doc["id"])
        if rows:
            backend.executemany(f"INSERT INTO story_events VALUES ({', '.join('?' * len(rows[0]))}) "
                                "ON CONFLICT DO NOTHING", rows)
        last = batch[-1]["id"]


BACKFILL_BATCH = 200  # documents read per query when a migration fills a new table from the stored reports


def _backfill_story_rows(backend: Backend) -> None:
    """The served rows of the documents stored before migration 4, from their stored reports, BACKFILL_BATCH
    documents at a time (bounded memory)."""
    from ..schema import Report
    from .rows import actor_name_rows, serving_rows

    last = ""
    while True:
        batch = backend.query("SELECT id, source, report FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                              (last, BACKFILL_BATCH))
        if not batch:
            return
        rows: dict[str, list[tuple]] = {}
        names: set[tuple[str, str]] = set()
        for doc in batch:
            try:
                report = Report.from_json(doc["report"])
            except ValueError:  # a report this version cannot read: it keeps its other rows
                continue
            for table, table_rows in serving_rows(report, doc["id"], doc["source"]).items():
                if table != "story_lines":  # migration 7's table, which fills it next
                    rows.setdefault(table, []).extend(table_rows)
            names |= actor_name_rows(report)
        for table, table_rows in rows.items():
            if table_rows:
                backend.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(table_rows[0]))}) "
                                    "ON CONFLICT DO NOTHING", table_rows)
        if names:
            backend.executemany("INSERT INTO actor_names VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(names))
        last = batch[-1]["id"]


def _backfill_running_tolls(backend: Backend) -> None:
    """The running tolls of the canonical events stored already, from their linked story events (as
    dedup_cluster.canonical_row computes them: the latest report's by publication, then in the greedy order)."""
    for col in ("fatalities", "injured"):
        members = ("FROM event_links l JOIN story_events s ON s.doc_id = l.doc_id AND s.story_event_id = "
                   "l.story_event_id JOIN documents d ON d.id = l.doc_id "
                   f"WHERE l.canonical_id = canonical_events.id AND s.{col} IS NOT NULL")
        backend.execute(
            f"UPDATE canonical_events SET {col}_min = (SELECT MIN(s.{col}) {members}), "
            f"{col}_max = (SELECT MAX(s.{col}) {members}), "
            f"{col} = (SELECT s.{col} {members} ORDER BY COALESCE(d.published, '') DESC, s.date DESC, "
            "l.doc_id DESC LIMIT 1)")


LINES_BATCH = 5_000  # story events read per query when migration 7 fills story_lines


def _create_story_lines(backend: Backend) -> None:
    """``story_lines``: on SQLite a table clustered on its key (WITHOUT ROWID), so that the lines of an export, read
    in sort_key order, lie side by side in the file; PostgreSQL keeps every table as a heap with its key's index."""
    backend.execute("""CREATE TABLE story_lines (
        sort_key TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents (id),
        story_event_id TEXT NOT NULL,
        csv TEXT NOT NULL)""" + (" WITHOUT ROWID" if backend.dialect == "sqlite" else ""))


def _backfill_story_lines(backend: Backend) -> None:
    """The csv lines of the story events stored before migration 7, from their stored records (the same values
    write_stored wrote them from), LINES_BATCH at a time in sort_key order."""
    import json

    from ..exports import csv_head

    last = ""
    while True:
        batch = backend.query(
            "SELECT r.sort_key, r.doc_id, r.story_event_id, x.record FROM story_rows r JOIN story_records x "
            "ON x.doc_id = r.doc_id AND x.story_event_id = r.story_event_id WHERE r.sort_key > ? "
            "ORDER BY r.sort_key LIMIT ?", (last, LINES_BATCH))
        if not batch:
            return
        backend.executemany("INSERT INTO story_lines VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            [(r["sort_key"], r["doc_id"], r["story_event_id"], csv_head(json.loads(r["record"])))
                             for r in batch])
        last = batch[-1]["sort_key"]


def _analyze_story_lines(backend: Backend) -> None:
    """PostgreSQL: the new table's statistics now, not at autovacuum's next pass (SQLite keeps none unless asked)."""
    if backend.dialect == "postgresql":
        backend.execute("ANALYZE story_lines")


def _index_canonical_ids(backend: Backend) -> None:
    """PostgreSQL: each story event's canonical id from an index alone (an index-only scan, once VACUUM has marked
    the table's pages all-visible), not from the key's index and then the table: half the time of an export's
    join to event_links. SQLite reads its rows through the key's own index already."""
    if backend.dialect == "postgresql":
        backend.execute("CREATE INDEX event_links_doc_id_story_event_id_canonical_id "
                        "ON event_links (doc_id, story_event_id, canonical_id)")


MIGRATIONS: list[tuple[int, str, list[Step]]] = [
    (1, "documents, extractions, errors, canonical events", [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source_id TEXT,
            source TEXT,
            url TEXT,
            site TEXT,
            title TEXT,
            published TEXT,
            text TEXT NOT NULL,
            report TEXT NOT NULL,
            schema_version TEXT,
            ingested_at TEXT NOT NULL)""",
        "CREATE INDEX documents_published ON documents (published)",
        """CREATE TABLE places (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
            name TEXT, geonameid BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
            country TEXT, admin1 TEXT, feature TEXT,
            PRIMARY KEY (doc_id, idx))""",
        """CREATE TABLE times (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
            type TEXT, value TEXT, mod TEXT,
            PRIMARY KEY (doc_id, idx))""",
        """CREATE TABLE actors (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            actor_id TEXT NOT NULL,
            name TEXT, type TEXT, country TEXT, attributes TEXT,
            PRIMARY KEY (doc_id, actor_id))""",
        """CREATE TABLE actor_mentions (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            actor_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (doc_id, actor_id, idx))""",
        """CREATE TABLE quotes (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
            kind TEXT, speaker TEXT, speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER, cue TEXT,
            PRIMARY KEY (doc_id, idx))""",
        """CREATE TABLE figures (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
            category TEXT, value BIGINT, low BIGINT, high BIGINT, qualifier TEXT, who TEXT,
            scope TEXT, since TEXT, reported_by TEXT, place_idx INTEGER, date TEXT,
            PRIMARY KEY (doc_id, idx))""",
        "CREATE INDEX figures_series ON figures (category, scope, since)",
        """CREATE TABLE events (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            event_id TEXT NOT NULL,
            type TEXT NOT NULL, mode TEXT,
            actor1 TEXT, actor2 TEXT,
            place_idx INTEGER, place_precision TEXT, place_name TEXT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT,
            date TEXT, date_from TEXT,
            modality TEXT, reported_by TEXT,
            acled_event_type TEXT, acled_sub_event_type TEXT,
            trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT,
            evidence_start INTEGER, evidence_end INTEGER,
            confidence DOUBLE PRECISION, main INTEGER, same_as TEXT, content_type TEXT,
            PRIMARY KEY (doc_id, event_id))""",
        "CREATE INDEX events_type_date ON events (type, date)",
        """CREATE TABLE event_figures (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            event_id TEXT NOT NULL,
            figure_idx INTEGER NOT NULL,
            PRIMARY KEY (doc_id, event_id, figure_idx))""",
        """CREATE TABLE ingest_errors (
            source TEXT PRIMARY KEY,
            source_id TEXT,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            attempts INTEGER NOT NULL)""",
        """CREATE TABLE canonical_events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL, mode TEXT,
            date TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT, place_name TEXT,
            actor1 TEXT, actor2 TEXT,
            reports INTEGER NOT NULL, documents INTEGER NOT NULL,
            first_published TEXT, last_published TEXT)""",
        """CREATE TABLE event_links (
            doc_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            canonical_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (doc_id, event_id))""",
        "CREATE INDEX event_links_canonical ON event_links (canonical_id)",
    ]),
    (2, "story events", [
        # One row per real-world event of a document (Report.story_events): the row an analyst codes. Its
        # place is denormalized (name, lat, lon, country, admin1, feature) so that filters need no join.
        """CREATE TABLE story_events (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            story_event_id TEXT NOT NULL,
            type TEXT NOT NULL, mode TEXT,
            actor1 TEXT, actor2 TEXT,
            place_idx INTEGER, place_precision TEXT, place_name TEXT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT, admin1 TEXT, feature TEXT,
            date TEXT, date_from TEXT,
            fatalities BIGINT, injured BIGINT,
            modality TEXT, reported_by TEXT,
            acled_event_type TEXT, acled_sub_event_type TEXT,
            trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT,
            evidence_start INTEGER, evidence_end INTEGER,
            confidence DOUBLE PRECISION,
            mentions TEXT NOT NULL,
            figures TEXT NOT NULL,
            PRIMARY KEY (doc_id, story_event_id))""",
        "CREATE INDEX story_events_type_date ON story_events (type, date)",
        "CREATE INDEX story_events_date ON story_events (date)",
        "CREATE INDEX story_events_acled ON story_events (acled_event_type, acled_sub_event_type)",
        "CREATE INDEX story_events_place ON story_events (country, admin1)",
        "CREATE INDEX story_events_lat_lon ON story_events (lat, lon)",
        "CREATE INDEX story_events_actor1 ON story_events (actor1)",
        "CREATE INDEX story_events_actor2 ON story_events (actor2)",
        "CREATE INDEX story_events_fatalities ON story_events (fatalities)",
        _backfill_story_events,
    ]),
    (3, "canonical events are made of story events: event_links link them", [
        # The dedup links story events, not mentions: its two tables are rebuilt by the next
        # `eventwire dedup` (or ingest, or the API's first read).
        "DROP TABLE event_links",
        "DELETE FROM canonical_events",
        """CREATE TABLE event_links (
            doc_id TEXT NOT NULL,
            story_event_id TEXT NOT NULL,
            canonical_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (doc_id, story_event_id))""",
        "CREATE INDEX event_links_canonical ON event_links (canonical_id)",
    ]),
    (4, "story events as served rows: filter columns, a sort key, the record of every format", [
        # What GET /events, GET /export and `eventwire export` read (store/select.py): every filter is a column
        # here, every index ends in sort_key (the order rows are served in), and the record is the row of every
        # export format, so a page is served without reading a report. See docs/store.md.
        """CREATE TABLE story_rows (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            story_event_id TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            type TEXT NOT NULL,
            country TEXT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, cell INTEGER,
            actor1 TEXT, actor2 TEXT, actor1_name TEXT, actor2_name TEXT,
            acled_type TEXT, acled_sub_type TEXT,
            PRIMARY KEY (doc_id, story_event_id))""",
        "CREATE UNIQUE INDEX story_rows_sort_key ON story_rows (sort_key)",
        "CREATE INDEX story_rows_type_sort_key ON story_rows (type, sort_key)",
        "CREATE INDEX story_rows_country_sort_key ON story_rows (country, sort_key)",
        "CREATE INDEX story_rows_actor1_sort_key ON story_rows (actor1, sort_key)",
        "CREATE INDEX story_rows_actor2_sort_key ON story_rows (actor2, sort_key)",
        "CREATE INDEX story_rows_cell_sort_key_lat_lon ON story_rows (cell, sort_key, lat, lon)",
        "CREATE INDEX story_rows_acled_type_sort_key ON story_rows (acled_type, sort_key)",
        "CREATE INDEX story_rows_acled_sub_type_sort_key ON story_rows (acled_sub_type, sort_key)",
        """CREATE TABLE story_records (
            doc_id TEXT NOT NULL REFERENCES documents (id),
            story_event_id TEXT NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (doc_id, story_event_id))""",
        """CREATE TABLE document_sources (
            doc_id TEXT PRIMARY KEY REFERENCES documents (id),
            text TEXT NOT NULL)""",
        """CREATE TABLE actor_names (
            actor_id TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (actor_id, name))""",
        _backfill_story_rows,
    ]),
    (5, "incremental dedup: running tolls of canonical events, documents the dedup has not seen, its state", [
        # A toll revised across reports (12 dead, then 17): the latest report's, the lowest and the highest,
        # each as its sources give it (dedup_cluster.py `_running`); never a value chosen between them.
        *[f"ALTER TABLE canonical_events ADD COLUMN {name} BIGINT" for name in (
            "fatalities", "fatalities_min", "fatalities_max", "injured", "injured_min", "injured_max")],
        "CREATE INDEX canonical_events_type_date ON canonical_events (type, date)",
        # Store.write marks each document it adds; the next dedup update clusters its story events and
        # clears the mark in the same transaction, so a crash between the two loses nothing.
        "CREATE TABLE dedup_pending (doc_id TEXT PRIMARY KEY)",
        # what the stored canonical events were clustered with (dedup.state_key); none yet, so the next update
        # rebuilds in full (the stored links may come from other rules); the tolls are filled now meanwhile
        "CREATE TABLE dedup_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        _backfill_running_tolls,
    ]),
    (6, "provenance: the extraction that made each document, and what each extraction was", [
        # One row per extraction (provenance.py: eventwire version, spaCy model and version, gazetteer build,
        # result-changing settings), its Report.provenance as JSON; 'unknown' for reports that carry none.
        """CREATE TABLE extractions (
            id TEXT PRIMARY KEY,
            provenance TEXT NOT NULL)""",
        # Each document's extraction: the dedup refuses to cluster several together (store/extractions.py), and
        # `eventwire reextract` finds the documents of other extractions through the index.
        """CREATE TABLE document_extractions (
            doc_id TEXT PRIMARY KEY REFERENCES documents (id),
            extraction TEXT NOT NULL)""",
        "CREATE INDEX document_extractions_extraction ON document_extractions (extraction)",
        # reports stored before this migration carry no provenance: their extraction is unknown
        "INSERT INTO extractions VALUES ('unknown', 'null')",
        "INSERT INTO document_extractions (doc_id, extraction) SELECT id, 'unknown' FROM documents",
    ]),
    (7, "export lines: each story event's csv line, in the served order", [
        # A csv export writes each row from its stored line (exports.csv_head: the csv columns less canonical_id)
        # and its canonical id, reading no record JSON; keyed by sort_key, the order rows are served in. See
        # docs/store.md, "Where an export's time goes".
        _create_story_lines,
        "CREATE INDEX story_lines_doc_id ON story_lines (doc_id)",
        _backfill_story_lines,
        _analyze_story_lines,
        _index_canonical_ids,
    ]),
]

# Tables that hold one document's extraction, in the order rows are written (documents first).
DOCUMENT_TABLES = ("documents", "places", "times", "actors", "actor_mentions", "quotes", "figures", "events",
                   "event_figures", "story_events", "story_rows", "story_records", "document_sources", "story_lines")
