"""Story events as served rows (issue 15 item 1): filters in SQL, keyset pages, capped totals, streamed exports,
and migration 4's backfill. Every store test runs on SQLite and PostgreSQL. All reports are invented here.
"""

from __future__ import annotations

import io
import json
import random

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.dedup import deduplicate
from eventwire.exports import event_records, write_events
from eventwire.schema import Acled, Actor, Event, Offsets, Place, Report, Span, StoryEvent
from eventwire.store import SCHEMA_VERSION, document_id, open_store
from eventwire.store import select as sel
from eventwire.store.select import EventFilter, page, reports_for, story_keys, stream
from story_reports import make_story_report

TOWNS = [  # name, lat, lon, country, admin1
    ("El Fasher", 13.628, 25.350, "SDN", "North Darfur"), ("Nyala", 12.052, 24.881, "SDN", "South Darfur"),
    ("Kassala", 15.451, 36.400, "SDN", "Kassala"), ("Mekele", 13.497, 39.475, "ETH", "Tigray"),
    ("Gondar", 12.600, 37.467, "ETH", "Amhara"), ("Kharkiv", 49.993, 36.231, "UKR", "Kharkiv"),
    ("Odesa", 46.482, 30.723, "UKR", "Odesa"),
]
ACTORS = [  # id, the names reports give it
    ("rsf", ["Rapid Support Forces", "RSF"]), ("sudan-military", ["Sudanese Army"]),
    ("fano", ["Fano militia", "Fano"]), ("ukraine-military", ["Ukrainian forces"]),
    ("russia-military", ["Russian forces", "Russian army"]), ("traders", ["Market traders"]),
    ("unknown-gunmen", ["Gunmen"]),
]
TYPES = ["ASSAULT", "ASSAULT", "PROTEST", "COERCE", "CONSULT"]
ACLED = {"ASSAULT": ("Battles", "Armed clash"), "PROTEST": ("Protests", "Peaceful protest"),
         "COERCE": ("Violence against civilians", "Abduction/forced disappearance")}


def synthetic_report(rng: random.Random, n: int, events: int | None = None) -> Report:
    """An invented dispatch with 1-12 story events of random type, town, day (some undated) and actors; an actor's
    name varies between reports, and some story events name an actor id the report does not list."""
    text = f"Dispatch {n}: clashes, marches and talks were reported across the region this week ({rng.random()})."
    count = events or rng.randint(1, 12)
    places, story, mentions, names = [], [], [], {}
    for k in range(count):
        town = rng.choice(TOWNS)
        places.append(Place(start=0, end=8, text="Dispatch", name=town[0], lat=town[1] + rng.uniform(-0.2, 0.2),
                            lon=town[2] + rng.uniform(-0.2, 0.2), country=town[3], admin1=town[4], feature="city"))
        kind = rng.choice(TYPES)
        a1, a2 = rng.choice(ACTORS), rng.choice([*ACTORS, ("ghost-brigade", [])])
        for actor_id, options in (a1, a2):
            if options:
                names.setdefault(actor_id, rng.choice(options))
        day = None if rng.random() < 0.15 else f"2024-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"
        acled = Acled(event_type=ACLED[kind][0], sub_event_type=ACLED[kind][1]) if kind in ACLED else None
        fields = dict(type=kind, actor1=a1[0], actor2=a2[0], place=k, date=day, acled=acled,
                      modality=rng.choice(["asserted", "asserted", "reported", "negated"]),
                      trigger=Span(start=0, end=8, text="Dispatch"), evidence=Offsets(start=0, end=len(text)))
        mentions.append(Event(id=f"e{k + 1}", **fields))  # type: ignore[arg-type]
        story.append(StoryEvent(id=f"s{k + 1}", **fields, place_precision="attached",  # type: ignore[arg-type]
                                fatalities=rng.choice([None, 0, 2, 9]), mentions=[f"e{k + 1}"], confidence=0.8))
    site = rng.choice(["darfur-wire.test", "kyiv-post.test", "horn-daily.test"])
    return Report(id=f"dispatch-{n}", text=text, published=f"2024-0{rng.randint(1, 7)}-1{rng.randint(0, 9)}",
                  site=site, url=f"https://{site}/{n}", title=f"Dispatch {n}", places=places,
                  actors=[Actor(id=i, name=name, type="armed_group") for i, name in names.items()],
                  events=mentions, story_events=story)


def _store(db_url: str, docs: int = 40, seed: int = 15) -> list[Report]:
    rng = random.Random(seed)
    reports = [make_story_report(), *(synthetic_report(rng, n) for n in range(docs))]
    with open_store(db_url) as store:
        store.write([(r, f"mem:{r.id}") for r in reports])
        deduplicate(store)
    return reports


def _old_keys(store, flt: EventFilter) -> set[tuple[str, str]]:
    """The story events the filter kept before the served rows (the SQL of eventwire before migration 4)."""
    clauses, params = [], []
    if flt.type:
        clauses.append("s.type = ?")
        params.append(flt.type.upper())
    if flt.acled_type:
        clauses.append("(LOWER(s.acled_event_type) = ? OR LOWER(s.acled_sub_event_type) = ?)")
        params += [flt.acled_type.lower()] * 2
    if flt.date_from:
        clauses.append("s.date IS NOT NULL AND SUBSTR(s.date, 1, 10) >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("s.date IS NOT NULL AND SUBSTR(s.date, 1, 10) <= ?")
        params.append(flt.date_to)
    if flt.country:
        clauses.append("UPPER(s.country) = ?")
        params.append(flt.country.upper())
    if flt.bbox:
        west, south, east, north = flt.bbox
        clauses.append("s.lon BETWEEN ? AND ? AND s.lat BETWEEN ? AND ?")
        params += [west, east, south, north]
    if flt.actor:
        clauses.append("(" + " OR ".join(f"LOWER(COALESCE({c}, '')) LIKE ? ESCAPE '!'"
                                         for c in ("s.actor1", "a1.name", "s.actor2", "a2.name")) + ")")
        params += [sel._like(flt.actor)] * 4
    if flt.source:
        clauses.append("LOWER(COALESCE(d.source, '') || ' ' || COALESCE(d.site, '') || ' ' || COALESCE(d.url, '')) "
                       "LIKE ? ESCAPE '!'")
        params.append(sel._like(flt.source))
    if flt.dedup:
        clauses.append("l.reason = 'first report'")
    rows = store.query(
        "SELECT s.doc_id, s.story_event_id FROM story_events s JOIN documents d ON d.id = s.doc_id "
        "LEFT JOIN actors a1 ON a1.doc_id = s.doc_id AND a1.actor_id = s.actor1 "
        "LEFT JOIN actors a2 ON a2.doc_id = s.doc_id AND a2.actor_id = s.actor2 "
        "LEFT JOIN event_links l ON l.doc_id = s.doc_id AND l.story_event_id = s.story_event_id"
        + ((" WHERE " + " AND ".join(clauses)) if clauses else ""), params)
    return {(r["doc_id"], r["story_event_id"]) for r in rows}


def _order(store, keys: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The documented order: the event's day (undated last), then the document, then the story event's order."""
    dates = {(r["doc_id"], r["story_event_id"]): r["date"] for r in store.query(
        "SELECT doc_id, story_event_id, date FROM story_events")}
    return sorted(keys, key=lambda k: (dates[k] is None, dates[k] or "", k[0], int(k[1][1:])))


FILTERS = [
    EventFilter(), EventFilter(type="assault"), EventFilter(type="PROTEST", date_from="2024-03-01"),
    EventFilter(date_from="2024-02-10", date_to="2024-04-20"), EventFilter(date_to="2024-01-31"),
    EventFilter(country="sdn"), EventFilter(country="UKR", date_from="2024-05-01", date_to="2024-05-31"),
    EventFilter(bbox=(24.0, 11.5, 26.0, 14.0)), EventFilter(bbox=(-180.0, -90.0, 180.0, 90.0)),
    EventFilter(bbox=(30.0, 12.0, 40.0, 16.0), type="ASSAULT"), EventFilter(bbox=(0.0, 0.0, 1.0, 1.0)),
    EventFilter(bbox=(float("-inf"), 12.5, float("inf"), 13.7)),
    EventFilter(actor="rsf"), EventFilter(actor="RAPID"), EventFilter(actor="military"),
    EventFilter(actor="russian army"), EventFilter(actor="ghost"), EventFilter(actor="nobody at all"),
    EventFilter(actor="%"), EventFilter(actor="-"), EventFilter(actor="fano", country="ETH"),
    EventFilter(acled_type="battles"), EventFilter(acled_type="Abduction/forced disappearance"),
    EventFilter(source="kyiv-post"), EventFilter(source="mem:dispatch-3"), EventFilter(source="mem:dispatch-3 "),
    EventFilter(dedup=True), EventFilter(dedup=True, country="SDN", type="ASSAULT"),
    EventFilter(actor="military", bbox=(30.0, 40.0, 40.0, 52.0), date_from="2024-02-01", acled_type="armed clash"),
]


@pytest.fixture()
def store_url(db_url):
    _store(db_url)
    return db_url


@pytest.mark.parametrize("path", ["arms", "in-list", "scan", "dense"])
def test_filters_keep_the_rows_they_kept_before_in_the_documented_order(store_url, path, monkeypatch):
    # each way a filter can run (merged ordered queries, an IN list, rows read in order) gives the same rows
    if path != "arms":
        monkeypatch.setattr(sel, "MAX_ARMS", 0)
    if path == "scan":
        monkeypatch.setattr(sel, "MAX_IN", 0)
    if path == "dense":
        monkeypatch.setattr(sel, "SORT_MAX", 0)
        monkeypatch.setattr(sel, "WINDOW", 8)  # many windows of the index
    with open_store(store_url) as store:
        assert store.counts()["story_rows"] == store.counts()["story_events"] > 200
        for flt in FILTERS:
            old = _old_keys(store, flt)
            rows = list(stream(store, flt, batch=7))
            got = [(r.doc_id, r.record["event_id"]) for r in rows]
            assert got == _order(store, old), flt
            assert [r.sort_key for r in rows] == sorted(r.sort_key for r in rows)  # the database's order is bytes'
            assert sel.count(store, flt, cap=10_000) == (len(old), True)
            keys = [r.sort_key for r in rows]
            assert [r.sort_key for r in page(store, flt, 5, offset=3).rows] == keys[3:8], flt
            second = page(store, flt, 4, cursor=page(store, flt, 6).next_cursor) if len(keys) > 6 else None
            assert second is None or [r.sort_key for r in second.rows] == keys[6:10], flt
        assert len(_old_keys(store, EventFilter(actor="rapid"))) < len(_old_keys(store, EventFilter(actor="rsf")))


def test_keyset_pages_concatenate_to_the_whole_result_also_when_rows_come_in_between(db_url):
    reports = _store(db_url, docs=30)
    flt = EventFilter(type="ASSAULT")
    with open_store(db_url) as store:
        whole = [r.sort_key for r in stream(store, flt)]
        assert len(whole) > 20
        seen, cursor = [], None
        while True:
            got = page(store, flt, 4, cursor=cursor)
            seen += [r.sort_key for r in got.rows]
            assert got.total == len(whole) and got.total_exact
            if got.next_cursor is None:
                break
            cursor = got.next_cursor
        assert seen == whole
        # offsets give the same slices
        assert [r.sort_key for r in page(store, flt, 5, offset=10).rows] == whole[10:15]
        assert [r.sort_key for r in page(store, flt, 5, offset=3, cursor=page(store, flt, 4).next_cursor).rows] \
            == whole[7:12]
        assert page(store, flt, 5, offset=len(whole)).rows == []
        # rows written between two pages: none served twice, none of the first result skipped
        first = page(store, flt, 10)
        rng = random.Random(99)
        store.write([(synthetic_report(rng, 1000 + n, events=12), f"mem:late-{n}") for n in range(6)])
        served, cursor = [r.sort_key for r in first.rows], first.next_cursor
        while cursor:
            got = page(store, flt, 7, cursor=cursor)
            served += [r.sort_key for r in got.rows]
            cursor = got.next_cursor
        assert served == sorted(set(served))  # strictly increasing: no duplicate
        assert set(whole) <= set(served)
        late = set(r.sort_key for r in stream(store, flt)) - set(whole)
        assert late and {k for k in late if k > whole[9]} <= set(served)  # the new rows after the cursor are served
        assert reports  # the store held them all along


def test_total_is_exact_up_to_a_cap(db_url):
    _store(db_url, docs=10)
    with open_store(db_url) as store:
        n = sum(1 for _ in stream(store, EventFilter()))
        assert (page(store, EventFilter(), 3, cap=5).total, page(store, EventFilter(), 3, cap=5).total_exact) == \
            (5, False)
        assert page(store, EventFilter(), 3, cap=n).total == n and page(store, EventFilter(), 3, cap=n).total_exact
        last = page(store, EventFilter(), 50, offset=n - 2, cap=1)  # the page itself shows the end: exact
        assert (len(last.rows), last.total, last.total_exact, last.next_cursor) == (2, n, True, None)
        assert page(store, EventFilter(actor="nobody at all"), 5) == sel.Page([], None, 0, True)


def test_bad_cursors_are_refused():
    for bad in ("", "abc", "MTpub3Q", sel.encode_cursor("2024")[:-2] + "!!", "x" * 300):
        with pytest.raises(ValueError, match="cursor: not a cursor this server gave"):
            sel.decode_cursor(bad)
    key = "20240305" + "0" * 32 + "000002s2"
    assert sel.decode_cursor(sel.encode_cursor(key)) == key


def test_events_endpoint_pages_by_cursor_and_refuses_bad_ones(db_url):
    from eventwire.api import create_app
    from eventwire.settings import Settings

    _store(db_url, docs=12)
    app = create_app(db_url, settings=Settings.from_env(), pipeline=object(), workers=0)  # type: ignore[arg-type]
    with TestClient(app, base_url="http://localhost") as c:
        whole = c.get("/events", params={"limit": 500}).json()
        assert whole["total_exact"] and whole["next_cursor"] is None and whole["total"] == len(whole["events"])
        rows, params = [], {"limit": 5, "country": "SDN"}
        while True:
            got = c.get("/events", params=params).json()
            rows += got["events"]
            if not got["next_cursor"]:
                break
            params["cursor"] = got["next_cursor"]
        assert [(r["doc_id"], r["event_id"]) for r in rows] == [
            (r["doc_id"], r["event_id"]) for r in whole["events"] if r["place_country"] == "SDN"]
        first = rows[0]
        assert set(first) == {*json.loads(json.dumps(whole["events"][0]))} and "canonical_id" in first
        assert first["source_id"].startswith(("dispatch-", "sw-")) and len(first["doc_id"]) == 32
        bad = c.get("/events", params={"cursor": "not-a-cursor"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_filter"
        assert bad.json()["error"]["message"].startswith("cursor: not a cursor this server gave")
        mention = c.get("/events", params={"cursor": got.get("next_cursor") or sel.encode_cursor(
            "20240305" + "0" * 32 + "000002s2"), "records": "mention"})
        assert mention.status_code == 400 and "story events only" in mention.json()["error"]["message"]
        assert c.get("/events", params={"offset": 10_001}).status_code == 422


class _Counting:
    """A store whose queries are counted (and their LIMITs seen)."""

    def __init__(self, store) -> None:
        self.store, self.queries = store, []
        self.dialect = store.dialect

    def query(self, sql, params=()):
        self.queries.append(sql)
        return self.store.query(sql, params)

    def query_rows(self, sql, params=()):
        self.queries.append(sql)
        return self.store.query_rows(sql, params)

    def report(self, doc_id):
        return self.store.report(doc_id)


def test_exports_stream_batch_by_batch(db_url):
    _store(db_url, docs=20)
    with open_store(db_url) as store:
        counting = _Counting(store)
        rows = stream(counting, EventFilter(type="ASSAULT"), batch=3)  # type: ignore[arg-type]
        assert counting.queries == []  # nothing is read before the first row is asked for
        next(rows)
        assert len(counting.queries) == 1 and counting.queries[0].endswith("LIMIT ?")
        rest = list(rows)
        n = len(rest) + 1
        assert len(counting.queries) == n // 3 + 1  # one query per batch of 3, each asking for 3 rows at most
        # the text formats hand on pieces as the records come: the first piece before the last record is read
        from eventwire.exports import text_chunks
        from eventwire.exports_parquet import parquet_chunks

        def records(limit):
            for i, row in enumerate(stream(store, EventFilter(), batch=5)):
                if i == limit:
                    raise AssertionError("read past the first pieces")
                yield row.record

        pieces = text_chunks(records(40), "plover-json", size=1000)
        assert len(next(pieces)) >= 1000
        chunks = parquet_chunks(records(40), group=10)
        assert next(chunks)[:4] == b"PAR1"
        assert len(next(chunks)) > 0  # the second row group, still before the 40th record


@pytest.mark.parametrize("fmt", ["csv", "acled-csv", "plover-json", "geojson"])
def test_exports_from_served_rows_equal_exports_from_the_reports(store_url, fmt):
    flt = EventFilter(date_from="2024-02-01", country="SDN")
    with open_store(store_url) as store:
        expected, err = io.StringIO(), io.StringIO()
        write_events(reports_for(store, story_keys(store, flt)), fmt, expected, err)  # the reports' path
    out = CliRunner().invoke(__import__("eventwire.cli", fromlist=["main"]).main,
                             ["export", "--db", store_url, "--format", fmt, "--from", "2024-02-01", "--country", "SDN"])
    assert out.exit_code == 0
    got = out.stdout
    if fmt == "geojson":  # a store export also says which extractions and filters made it (issue 17)
        got, sep, made = got.rpartition(', "eventwire:provenance": ')
        assert sep and json.loads(made.rstrip()[:-1])["filters"] == {"date_from": "2024-02-01", "country": "SDN"}
        got += "}\n"
    assert got == expected.getvalue() and expected.getvalue().count("\n") > 10


def test_parquet_export_streams_the_csv_columns(store_url, tmp_path):
    import pyarrow.parquet as pq

    from eventwire.exports_parquet import write_parquet_records

    with open_store(store_url) as store:
        rows = [r.record for r in stream(store, EventFilter(country="UKR"))]
        path = tmp_path / "ukr.parquet"
        assert write_parquet_records(iter(rows), str(path), group=7) == len(rows)
    table = pq.ParquetFile(path)
    assert table.metadata.num_row_groups == -(-len(rows) // 7)
    read = table.read().to_pylist()
    assert [r["event_id"] for r in read] == [r["event_id"] for r in rows]
    assert read[0]["place_lat"] == rows[0]["place_lat"] and read[0]["canonical_id"] == rows[0]["canonical_id"]


def test_migration_4_backfills_a_store_at_schema_3(db_url, monkeypatch, tmp_path):
    """A store written by eventwire at schema 3 gets its served rows, in batches, when it is opened."""
    from eventwire.store import migrations
    from eventwire.store.backends import connect
    from eventwire.store.rows import report_rows

    rng = random.Random(4)
    reports = [make_story_report(), *(synthetic_report(rng, n) for n in range(7))]
    backend = connect(db_url)
    with backend.transaction():
        backend.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                        "applied_at TEXT NOT NULL)")
        for version, _, steps in migrations.MIGRATIONS[:3]:
            for step in steps:
                if isinstance(step, str):
                    backend.execute(step)
            backend.execute("INSERT INTO schema_migrations VALUES (?, 'old', '2026-01-01')", (version,))
        for r in reports:
            rows = report_rows(r, document_id(r.text), source=f"old:{r.id}", ingested_at="2026-01-01")
            for table in migrations.DOCUMENT_TABLES[:10]:  # the tables of schema 3
                if rows[table]:
                    backend.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[table][0]))})",
                                        rows[table])
    backend.close()
    monkeypatch.setattr(migrations, "BACKFILL_BATCH", 3)  # several batches
    with open_store(db_url) as store:
        assert store.migrate() == SCHEMA_VERSION
        counts = store.counts()
        assert counts["story_rows"] == counts["story_records"] == counts["story_events"] == sum(
            len(r.story_events) for r in reports)
        assert counts["document_sources"] == len(reports)
        backfilled = {t: store.query(f"SELECT * FROM {t}") for t in ("story_rows", "story_records",
                                                                     "document_sources", "actor_names")}
        assert [r.record["event_id"] for r in stream(store, EventFilter(source="old:sw-1"))] == ["s1", "s2", "s3",
                                                                                                  "s4"]
    # the same rows as a store written now
    with open_store(str(tmp_path / "fresh.db")) as store:
        store.write([(r, f"old:{r.id}") for r in reports])
        for table, rows in backfilled.items():
            key = sorted(rows[0])
            got = store.query(f"SELECT * FROM {table}")
            assert {tuple(r[k] for k in key) for r in got} == {tuple(r[k] for k in key) for r in rows}, table
            assert len(got) == len(rows)


def test_stored_records_are_the_records_of_the_report(db_url):
    report = make_story_report()
    with open_store(db_url) as store:
        store.write([(report, "mem:sw-1")])
        rows = list(stream(store, EventFilter()))
    expected = event_records(report)
    assert [r.record for r in rows] == expected  # every field, the figures, ACLED and trigger included
    assert [r.sort_key[:8] for r in rows] == ["20240603", "20240604", "99999999", "99999999"]


def test_sqlite_reads_in_other_threads_do_not_wait_for_a_write(tmp_path):
    """A request reading the store is not held up by a write in progress: it reads the last commit at once."""
    import threading

    with open_store(str(tmp_path / "s.db")) as store:
        store.write([(make_story_report(), "mem:sw-1")])
        seen: list[int] = []

        def read() -> None:
            seen.append(store.query("SELECT COUNT(*) AS n FROM ingest_errors")[0]["n"])

        with store.backend.transaction():
            store.backend.execute("INSERT INTO ingest_errors VALUES ('x', NULL, 'c', 'm', 't', 't', 1)")
            assert store.query("SELECT COUNT(*) AS n FROM ingest_errors")[0]["n"] == 1  # its own write
            reader = threading.Thread(target=read)
            reader.start()
            reader.join(timeout=5)
            assert seen == [0]  # answered while the write was open, from the last commit
        read()
        assert seen == [0, 1]


def test_jsonl_reports_hold_the_matches_once_per_document_in_the_order_of_their_first(store_url, monkeypatch):
    monkeypatch.setattr(sel, "REPORTS_PER_QUERY", 2)
    with open_store(store_url) as store:
        for flt in (EventFilter(), EventFilter(country="SDN", date_from="2024-03-01"), EventFilter(actor="military"),
                    EventFilter(bbox=(24.0, 11.5, 26.0, 14.0), dedup=True)):
            reports = list(sel.select_reports(store, flt, batch=3))
            docs = [document_id(r.text) for r in reports]
            assert len(docs) == len(set(docs))
            held = {(d, s.id) for d, r in zip(docs, reports, strict=True) for s in r.story_events}
            assert held == _old_keys(store, flt)
            order = [d for d, _ in dict.fromkeys((r.doc_id, None) for r in stream(store, flt))]
            assert docs == order  # each document where its first match comes
            for r in reports:  # only the matches' mentions, each with its canonical id
                mentions = {m for s in r.story_events for m in s.mentions}
                assert {e.id for e in r.events} == mentions


def test_postgresql_url_options_keep_their_spaces():
    """A server setting for the store's sessions (say, no parallel plans for the API's short queries) passes
    through the URL as libpq reads it."""
    from eventwire.store.backends import pg_options

    conninfo, _, size = pg_options("postgresql://u@h/db?options=-c%20max_parallel_workers_per_gather%3D0&pool_size=4")
    assert conninfo == "postgresql://u@h/db?options=-c%20max_parallel_workers_per_gather%3D0" and size == 4
