"""Exports written straight from the stored records and lines (issue 15): every format's bytes are those eventwire
wrote before (each stored record decoded into a whole record, then written), each batch is one query, and the API
reads the next batch while it sends this one. Every store test runs on SQLite and PostgreSQL. All reports are
invented here (test_rows.py's dispatches, and one with awkward text).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import random
import threading

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.exports import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    CSV_HEADER,
    STORED_FIELDS,
    acled_row,
    csv_head,
    geojson_feature,
    plover_record,
)
from eventwire.schema import Place, dumps
from eventwire.store import open_store
from eventwire.store import select as sel
from eventwire.store.select import EventFilter, csv_lines, stream
from story_reports import make_story_report
from test_rows import _Counting, _store

FORMATS = ["csv", "geojson", "plover-json", "acled-csv", "parquet", "jsonl"]


def _awkward_store(db_url: str) -> None:
    """test_rows' dispatches, a report whose title and text hold what JSON and csv writers escape (line breaks
    JSON readers take for one, quotes, commas, non-ASCII) with a story event placed without coordinates, and two
    records stored shorter, as an older eventwire stored them (their lines made from them, as migration 7 does)."""
    _store(db_url)
    report = make_story_report("awkward-1")
    report.text += " A later édition added this."  # another text: another document than test_rows' own
    report.title = 'Dispatch\u2028one \u00ab\u00c9mile\u00bb, "quoted",\nsecond line \x85 and \u2029 end'
    report.places.append(Place(start=0, end=4, text="Here", name="Nowhere Town", country="SDN"))
    report.story_events[1].place = len(report.places) - 1
    with open_store(db_url) as store:
        store.write([(report, "mem:awkward")])
        rows = store.query("SELECT r.sort_key, x.doc_id, x.story_event_id, x.record FROM story_rows r JOIN "
                           "story_records x ON x.doc_id = r.doc_id AND x.story_event_id = r.story_event_id "
                           "WHERE r.country = 'SDN' ORDER BY r.sort_key LIMIT 2")
        for row, width in zip(rows, (30, 12), strict=True):
            values = json.loads(row["record"])[:width]
            store.backend.execute("UPDATE story_records SET record = ? WHERE doc_id = ? AND story_event_id = ?",
                                  (json.dumps(values, ensure_ascii=False), row["doc_id"], row["story_event_id"]))
            store.backend.execute("UPDATE story_lines SET csv = ? WHERE sort_key = ?",
                                  (csv_head(values), row["sort_key"]))


def _old_export(store, flt: EventFilter, fmt: str, made: dict) -> bytes:
    """The story events' export as eventwire wrote it before: every stored record decoded into a whole record
    (Row.record), then written by the format's functions (schema.dumps for the JSON formats); csv: the stored values
    as they are and the canonical id (a shorter record, a shorter row)."""
    rows = list(stream(store, flt))
    records = [r.record for r in rows]
    if fmt == "parquet":
        from eventwire.exports_parquet import parquet_chunks

        return b"".join(parquet_chunks(iter(records), provenance=made))
    if fmt in ("csv", "acled-csv"):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS if fmt == "csv" else ACLED_COLUMNS)
        for r, rec in zip(rows, records, strict=True):
            if fmt == "csv":
                writer.writerow([*r.values[:len(CSV_COLUMNS) - 1], r.canonical_id])
            elif (row := acled_row(rec)) is not None:
                writer.writerow(row.values())
        return out.getvalue().encode()
    if fmt == "plover-json":
        return "".join(dumps(plover_record(rec)) + "\n" for rec in records).encode()
    features = [f for f in map(geojson_feature, records) if f is not None]
    return ('{"type": "FeatureCollection", "features": [\n' + ",\n".join(dumps(f) for f in features)
            + f'\n], "eventwire:skipped": {len(records) - len(features)}, "eventwire:provenance": {dumps(made)}}}\n'
            ).encode()


@pytest.mark.parametrize("query", [{"country": "SDN"}, {"from": "2024-02-01", "actor": "military"}, {}])
def test_every_format_of_an_export_is_the_bytes_it_was(db_url, query):
    from eventwire.api import create_app
    from eventwire.cli_release import store_provenance
    from eventwire.filters import make_filter
    from eventwire.settings import Settings

    _awkward_store(db_url)
    flt = make_filter(country=query.get("country"), date_from=query.get("from"), actor=query.get("actor"))
    app = create_app(db_url, settings=Settings.from_env(), pipeline=object(), workers=0)  # type: ignore[arg-type]
    with TestClient(app, base_url="http://localhost") as client, open_store(db_url) as store:
        for fmt in FORMATS:
            r = client.get("/export", params={"format": fmt, **query})
            assert r.status_code == 200, r.text
            if fmt == "jsonl":  # whole reports, as before
                expected = "".join(rep.to_json() + "\n" for rep in sel.select_reports(store, flt)).encode()
            else:
                expected = _old_export(store, flt, fmt, store_provenance(store, fmt, "story", flt))
            assert r.content == expected, fmt
            if fmt == "geojson" and not query:  # the awkward rows are in it, escaped as before
                skipped = int(r.text.rpartition('"eventwire:skipped": ')[2].split(",")[0])
                assert skipped >= 2 and "\\u2028" in r.text and "\u2028" not in r.text
    assert len(expected) > 1000


def test_cli_exports_are_the_bytes_they_were(db_url, tmp_path):
    from eventwire.cli import main
    from eventwire.cli_release import store_provenance
    from eventwire.exports_parquet import write_parquet_records

    _awkward_store(db_url)
    flt = EventFilter(country="SDN")
    with open_store(db_url) as store:
        for fmt in FORMATS[:4]:
            done = CliRunner().invoke(main, ["export", "--db", db_url, "--format", fmt, "--country", "SDN"])
            assert done.exit_code == 0, done.output
            assert done.stdout_bytes == _old_export(store, flt, fmt, store_provenance(store, fmt, "story", flt)), fmt
        old = tmp_path / "old.parquet"
        write_parquet_records(iter([r.record for r in stream(store, flt)]), str(old),
                              provenance=store_provenance(store, "parquet", "story", flt))
    new = tmp_path / "new.parquet"
    done = CliRunner().invoke(main, ["export", "--db", db_url, "--format", "parquet", "--country", "SDN",
                                     "--output", str(new), "--provenance", str(tmp_path / "p.json")])
    assert done.exit_code == 0, done.output
    assert new.read_bytes() == old.read_bytes()


def test_json_formats_escape_the_line_breaks_schema_dumps_escapes():
    from eventwire.exports_write import _dumps

    rng = random.Random(3)
    pieces = ["a", "\u2028", "\u2029", "\x85", "\u00e9", "\n", '"', "\\", "\u4e2d", "\U0001f600", " "]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        data = {"t": text, "n": [text, 1.5, None, True], "k": {text: text}}
        assert _dumps(data) == dumps(data)


@pytest.mark.parametrize("flt", [EventFilter(country="SDN"), EventFilter(actor="military"),
                                 EventFilter(bbox=(24.0, 11.5, 26.0, 14.0), date_from="2024-02-01")])
def test_each_batch_of_an_export_is_one_query(db_url, flt):
    """One query per batch of lines or records, whatever the filter's arms (the filter's next keys joined to their
    rows): not the keys, then their rows by IN lists of keys."""
    _store(db_url)
    with open_store(db_url) as store:
        plan = sel._plan(store, flt)
        assert not plan.dense and plan.hint is None
        for what in ("lines", "records"):
            counting = _Counting(store)
            n = (sum(p.count("\n") for p in csv_lines(counting, flt, batch=4)) if what == "lines"  # type: ignore[arg-type]
                 else len(list(stream(counting, flt, batch=4))))  # type: ignore[arg-type]
            reads = [q for q in counting.queries if "story_" in q]  # not the look-up of an actor's ids
            assert n > 8 and len(reads) == n // 4 + 1, (what, reads)
        # and the rows are those read key by key
        keys = [k["sort_key"] for k in sel._keys(store, plan, None, 10_000)]
        assert [r.sort_key for r in stream(store, flt, batch=3)] == keys
        assert "".join(csv_lines(store, flt, batch=3)).count("\n") == len(keys)


def test_the_next_piece_is_made_while_this_one_is_sent():
    """The API's body: the next piece is asked for as soon as this one is handed on, never more than one ahead; a
    client that leaves mid-way stops the body once the piece being made is done."""
    from eventwire.api import _ahead

    asked: list[int] = []
    release = threading.Event()

    def body():
        for i in range(1, 6):
            asked.append(i)
            if i == 3:
                release.wait(5)
            yield b"%d" % i

    async def run() -> list[bytes]:
        got = []
        pieces = _ahead(b"0", body())
        got.append(await pieces.__anext__())
        for _ in range(50):  # piece 1 is made while piece 0 is with the client
            if asked:
                break
            await asyncio.sleep(0.01)
        assert asked == [1]
        got.append(await pieces.__anext__())  # piece 1 handed on: piece 2 is asked for, and no further
        await asyncio.sleep(0.05)
        assert asked == [1, 2]
        got.append(await pieces.__anext__())
        await asyncio.sleep(0.05)
        assert asked == [1, 2, 3]  # piece 3 waits in its thread
        await pieces.aclose()  # the client left
        release.set()
        await asyncio.sleep(0.1)
        return got

    assert asyncio.run(run()) == [b"0", b"1", b"2"]
    assert asked == [1, 2, 3]  # nothing read after the client left


def test_a_whole_export_through_the_api_is_one_header_and_every_line(db_url):
    from eventwire.api import create_app
    from eventwire.settings import Settings

    _store(db_url, docs=60)
    app = create_app(db_url, settings=Settings.from_env(), pipeline=object(), workers=0)  # type: ignore[arg-type]
    with TestClient(app, base_url="http://localhost") as client, open_store(db_url) as store:
        with client.stream("GET", "/export", params={"format": "csv"}) as r:
            text = b"".join(r.iter_bytes()).decode()
        assert text == CSV_HEADER + "".join(csv_lines(store, EventFilter()))
        assert text.count("\n") == store.counts()["story_lines"] + 1
    assert len(STORED_FIELDS) > len(CSV_COLUMNS)


@pytest.mark.parametrize("fmt", ["geojson", "parquet"])
def test_geojson_and_parquet_exports_make_no_whole_record_of_each_row(db_url, fmt, monkeypatch):
    """GeoJSON's properties and Parquet's columns are the csv columns: taken from the stored values as they are."""
    import sys

    from eventwire.api import _export_body

    _store(db_url)

    def refused(*args, **kwargs):
        raise AssertionError("a whole record was made of a stored row")

    for name, module in list(sys.modules.items()):  # wherever the function is imported
        if name.startswith("eventwire") and hasattr(module, "record_from_stored"):
            monkeypatch.setattr(module, "record_from_stored", refused)
    with open_store(db_url) as store:
        body = b"".join(_export_body(store, EventFilter(type="ASSAULT"), fmt, "story", {"made": "here"}))
    assert len(body) > 1000


def test_jsonl_reads_each_documents_matches_through_its_key(tmp_path):
    """A jsonl export finds its documents' matches by the documents' keys: SQLite's planner read the filter's own
    index for each of them instead (a NOT EXISTS on earlier matches, then a query per 50 documents), so a
    country-year of the 1M-event store exported about one document a second."""
    db = str(tmp_path / "store.db")
    _store(db)
    with open_store(db) as store:
        counting = _Counting(store)
        flt = EventFilter(country="SDN", date_from="2024-02-01")
        assert len(list(sel.select_reports(counting, flt, batch=5))) > 5  # type: ignore[arg-type]
        by_document = [q for q in counting.queries if "doc_id IN" in q and "documents" not in q]
        assert by_document
        for sql in by_document:
            marks = sql.count("?")
            plan = " | ".join(r["detail"] for r in store.query(f"EXPLAIN QUERY PLAN {sql}", ["x"] * marks))
            assert "(doc_id=?)" in plan and "country" not in plan and "CORRELATED" not in plan, plan
