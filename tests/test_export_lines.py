"""A csv export written from stored lines (migration 7, ``story_lines``): the same bytes as the csv writer makes
of each stored record, with no record decoded; migration 7 fills the lines of a store written before it. Every
store test runs on SQLite and PostgreSQL. All reports are invented here (test_rows.py's dispatches).
"""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from fastapi.testclient import TestClient

from eventwire.exports import CSV_COLUMNS, CSV_HEADER, STORED_FIELDS, RecordWriter, csv_head, csv_tail
from eventwire.store import SCHEMA_VERSION, migrations, open_store
from eventwire.store import select as sel
from eventwire.store.select import EventFilter, csv_lines, stream
from test_rows import FILTERS, _Counting, _store


def _csv_writer_line(values: list) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


def _records_csv(store, flt: EventFilter) -> str:
    """The csv export as eventwire wrote it before migration 7: each stored record decoded and written."""
    out = io.StringIO()
    writer = RecordWriter("csv", out)
    for row in stream(store, flt, batch=11):
        writer.write_stored(row.values, row.canonical_id)
    return out.getvalue()


def test_a_stored_line_and_its_canonical_id_are_the_csv_writers_bytes():
    rng = random.Random(7)
    tricky = [None, "", " ", "a,b", 'say "no"', "two\nlines", "cr\rhere", "tab\there", "Émile Zola — ✓", "'", 0, -3,
              1.5, 2.0e-7, True, False, "\"", ",", "x" * 300]
    canonical = [None, "", "c0123456789ab", "C-1:2.3_x", "a,b", 'q"uote', "new\nline", 42]
    for _ in range(400):
        width = rng.choice([len(CSV_COLUMNS) - 1, len(STORED_FIELDS), 3, 2])  # older, shorter records too
        values = [rng.choice(tricky) for _ in range(width)]
        cid = rng.choice(canonical)
        assert csv_head(values) + csv_tail(cid) == _csv_writer_line([*values[:len(CSV_COLUMNS) - 1], cid])
    assert _csv_writer_line(list(CSV_COLUMNS)) == CSV_HEADER


@pytest.mark.parametrize("path", ["arms", "dense"])
def test_csv_export_is_written_from_the_lines_with_the_bytes_of_the_records(db_url, path, monkeypatch):
    _store(db_url)
    if path == "dense":  # rows found through the index window by window, then fetched by key
        monkeypatch.setattr(sel, "MAX_ARMS", 0)
        monkeypatch.setattr(sel, "SORT_MAX", 0)
        monkeypatch.setattr(sel, "WINDOW", 8)
    with open_store(db_url) as store:
        for flt in FILTERS:
            expected = _records_csv(store, flt)
            counting = _Counting(store)
            got = CSV_HEADER + "".join(csv_lines(counting, flt, batch=7))  # type: ignore[arg-type]
            assert got == expected, flt
            assert not any("story_records" in q for q in counting.queries), flt  # no record read, none decoded
        # some rows are in no canonical event's first report, and every line of the store was read somewhere
        whole = _records_csv(store, EventFilter())
        assert whole.count("\n") == store.counts()["story_lines"] + 1 > 200


def test_api_and_cli_csv_exports_are_the_records_bytes(db_url, tmp_path):
    from click.testing import CliRunner

    from eventwire.api import create_app
    from eventwire.cli import main
    from eventwire.settings import Settings

    _store(db_url)
    flt = EventFilter(country="SDN", date_from="2024-02-01")
    with open_store(db_url) as store:
        expected = _records_csv(store, flt)
    app = create_app(db_url, settings=Settings.from_env(), pipeline=object(), workers=0)  # type: ignore[arg-type]
    with TestClient(app, base_url="http://localhost") as client:
        r = client.get("/export", params={"format": "csv", "country": "SDN", "from": "2024-02-01"})
    assert r.status_code == 200, r.text
    assert r.text == expected and expected.count("\n") > 10
    out = tmp_path / "sdn.csv"
    done = CliRunner().invoke(main, ["export", "--db", db_url, "--format", "csv", "--country", "SDN",
                                     "--from", "2024-02-01", "--output", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_bytes() == expected.encode()


def test_migration_7_fills_the_lines_of_a_store_written_before_it(db_url, monkeypatch):
    """A store at schema 6 (no story_lines) gets every story event's line when it is opened, batch by batch, and
    exports the bytes it exported before; a record an older eventwire stored shorter keeps its shorter row."""
    reports = _store(db_url)
    with open_store(db_url) as store:
        written = {r["sort_key"]: r for r in store.query("SELECT * FROM story_lines")}
        # a record stored by an older eventwire, with fewer values than the csv columns
        short = store.query("SELECT doc_id, story_event_id, record FROM story_records ORDER BY doc_id LIMIT 1")[0]
        store.backend.execute("UPDATE story_records SET record = ? WHERE doc_id = ? AND story_event_id = ?",
                              (json.dumps(json.loads(short["record"])[:40]), short["doc_id"], short["story_event_id"]))
        before = {flt: _records_csv(store, flt) for flt in FILTERS}
        # the store as eventwire wrote it at schema 6
        store.backend.execute("DROP TABLE story_lines")
        store.backend.execute("DROP INDEX IF EXISTS event_links_doc_id_story_event_id_canonical_id")
        store.backend.execute("DELETE FROM schema_migrations WHERE version = 7")
    monkeypatch.setattr(migrations, "LINES_BATCH", 9)  # several batches
    with open_store(db_url) as store:
        assert SCHEMA_VERSION == 7 and store.migrate() == SCHEMA_VERSION
        lines = {r["sort_key"]: r for r in store.query("SELECT * FROM story_lines")}
        assert len(lines) == store.counts()["story_rows"] == sum(len(r.story_events) for r in reports)
        changed = {k for k in lines if lines[k] != written[k]}
        assert len(changed) == 1 and lines[changed.pop()]["csv"].count(",") < len(CSV_COLUMNS) - 1
        for flt, expected in before.items():
            assert CSV_HEADER + "".join(csv_lines(store, flt, batch=5)) == expected, flt


def test_a_rewritten_document_replaces_its_lines(db_url):
    """A document written again with other metadata (ingest --update-metadata) and so other days: its lines are
    the new report's, none of its old sort keys is left, and the export shows the new title."""
    from eventwire.store.metadata import rewrite

    reports = _store(db_url, docs=5)
    report = reports[3]
    new = report.model_copy(deep=True)
    new.title = "Dispatch, revised"
    for s in new.story_events:
        s.date = "2024-07-01"
    with open_store(db_url) as store:
        doc = store.query("SELECT doc_id FROM story_rows WHERE story_event_id = 's1' ORDER BY sort_key")
        old = {r["sort_key"] for r in store.query("SELECT sort_key FROM story_lines")}
        assert rewrite(store, [(new, "mem:rewritten")])
        lines = store.query("SELECT sort_key, csv FROM story_lines WHERE csv LIKE ?", ("%Dispatch, revised%",))
        assert len(lines) == len(new.story_events) and all(r["sort_key"].startswith("20240701") for r in lines)
        assert len(old - {r["sort_key"] for r in store.query("SELECT sort_key FROM story_lines")}) == len(lines)
        assert store.counts()["story_lines"] == store.counts()["story_rows"] and doc
        exported = CSV_HEADER + "".join(csv_lines(store, EventFilter(date_from="2024-07-01")))
        assert exported == _records_csv(store, EventFilter(date_from="2024-07-01"))
        assert exported.count('"Dispatch, revised"') == len(new.story_events)


@pytest.mark.postgres
def test_postgresql_reads_canonical_ids_from_an_index_alone(db_url):
    """PostgreSQL: an export's canonical ids come from the index on (doc_id, story_event_id, canonical_id) once
    VACUUM has run, not from the key's index and then the table."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's index-only scans")
    import psycopg

    _store(db_url)
    with psycopg.connect(db_url, autocommit=True) as conn:
        with conn.cursor() as cur:  # links of other documents: a table of many pages, as at scale
            cur.executemany("INSERT INTO event_links VALUES (%s, %s, %s, 'first report')",
                            [(f"{i:032x}", "s1", f"c{i:012x}") for i in range(1, 30_001)])
        conn.execute("VACUUM ANALYZE event_links")
        conn.execute("SET enable_seqscan = off")  # a table this small would be read whole
        conn.execute("SET enable_bitmapscan = off")
        conn.execute("SET enable_mergejoin = off")  # the nested loop of an export's batch, as at scale
        conn.execute("SET enable_hashjoin = off")
        keys = [r[0] for r in conn.execute("SELECT sort_key FROM story_lines ORDER BY sort_key LIMIT 20")]
        plan = "\n".join(r[0] for r in conn.execute(
            "EXPLAIN " + sel._LINES.replace("?", "%s") + f" WHERE r.sort_key IN ({', '.join(['%s'] * len(keys))})",
            keys))
    assert "Index Only Scan using event_links_doc_id_story_event_id_canonical_id" in plan, plan
