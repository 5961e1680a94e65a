"""The incremental dedup (dedup.update): equal to a full rebuild whatever order the documents come in,
running tolls, explain, the API's write path, two updates at once, and a store from before it.

Every test runs once per backend (the `db_url` fixture). All articles are invented for these tests.
"""

from __future__ import annotations

import random
import threading

import pytest
from fastapi.testclient import TestClient

from dedup_cases import expected_tables, make_doc, random_docs, stored_tables
from eventwire.dedup import Canonical, deduplicate, explain, km_between, load_reports, match, update
from eventwire.dedup_cluster import cluster
from eventwire.store import document_id, open_store


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_updates_in_any_batch_order_equal_a_full_rebuild(db_url, seed):
    """Documents stored in random batches (seed 0: latest first, so every batch is earlier than what is
    stored), the incremental update after each: the tables are a full rebuild's every time."""
    rng = random.Random(seed)
    docs = random_docs(rng, 45, spread=5)
    if seed == 0:
        docs.sort(key=lambda r: max((s.date or "" for s in r.story_events), default=""), reverse=True)
    else:
        rng.shuffle(docs)
    runs = []
    with open_store(db_url) as store:
        i = 0
        while i < len(docs):
            batch = docs[i:i + rng.randint(1, 9)]
            store.write([(r, f"mem:{r.id}") for r in batch])
            i += len(batch)
            runs.append(update(store))
            assert stored_tables(store) == expected_tables(store), (i, runs[-1])
            if len(runs) == 1:
                linked_first = store.counts()["event_links"]
        assert runs[0].rebuilt and not any(r.rebuilt for r in runs[1:])  # only the first: no state yet
        incremental = runs[1:]
        assert linked_first + sum(r.new_reports for r in incremental) == store.counts()["event_links"]
        # the hard cases happened: stored reports taken again, and events that a new report split or absorbed
        assert sum(r.retaken for r in incremental) > 0 and sum(r.canonical_removed for r in incremental) > 0
        merged = store.query("SELECT COUNT(*) AS n FROM canonical_events WHERE documents > 1")[0]["n"]
        assert merged >= 5
        assert store.query("SELECT COUNT(*) AS n FROM dedup_pending")[0]["n"] == 0
        before = stored_tables(store)
        deduplicate(store)
        assert stored_tables(store) == before
        again = update(store)  # nothing new: nothing written
        assert (again.new_reports, again.canonical_written, again.links_written, again.rebuilt) == (0, 0, 0, False)


def test_blocking_never_hides_a_match(tmp_path):
    """The invariants the blocking index rests on (dedup_cluster.Window), checked against the rules as they
    are: (1) a report with coordinates and a country never joins an event whose placed reports all have a
    country, none of its reports the report's country, none within km; (2) a report without coordinates
    joins only on a named actor1 of its own. And clustering with the index gives what a scan of every open
    event gives."""
    rng = random.Random(5)
    with open_store(str(tmp_path / "pairs.db")) as store:
        store.write([(r, r.id) for r in random_docs(rng, 240, spread=2)])
        reports = load_reports(store)
    apart = unnamed = matched = 0
    for _ in range(8000):
        r = rng.choice(reports)
        pool = [x for x in reports if x.type == r.type and x.doc_id != r.doc_id]
        members = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
        if len({x.doc_id for x in members}) < len(members):
            continue
        c = Canonical("cx", [(x, "x") for x in sorted(members, key=lambda x: x.date)])
        placed = [x for x in members if x.lat is not None]
        found = match(c, r, 25.0, 1)
        matched += found is not None
        # the fast path (places refused first, no reason) gives the same answer and score
        fast = match(c, r, 25.0, 1, explain=False)
        assert (fast is None) == (found is None) and (fast is None or fast[0] == found[0]), ("fast", c, r)  # type: ignore[index]
        if r.lat is not None and r.lon is not None and r.country and placed and all(x.country for x in placed) \
                and all(x.country != r.country for x in members) and all(
                    km_between(x.lat, x.lon, r.lat, r.lon) > 25 for x in placed):  # type: ignore[arg-type]
            apart += 1
            assert found is None, ("1", c, r)
        if r.lat is None and "actor1" not in r.named:
            unnamed += 1
            assert found is None, ("2", c, r)
    assert apart >= 100 and unnamed >= 30 and matched >= 100  # each side of the invariants was seen
    for km, days in ((25.0, 1), (5.0, 0), (60.0, 2)):
        blocked, scanned = cluster(reports, km, days), cluster(reports, km, days, blocking=False)
        assert [(c.id, [(x.doc_id, x.event_id, why) for x, why in c.reports]) for c in blocked] == [
            (c.id, [(x.doc_id, x.event_id, why) for x, why in c.reports]) for c in scanned]


def test_the_reports_of_one_type_read_alone_are_those_read_with_every_type(db_url):
    """The update reads a stored document's reports of the type it clusters only (load_reports(type=...)): what
    they recall, borrow and stand in for comes from the document's story events of their own type, so they are
    the very reports a full read gives."""
    rng = random.Random(11)
    docs = random_docs(rng, 60, spread=3)
    with open_store(db_url) as store:
        store.write([(r, r.id) for r in docs])
        every = load_reports(store)
        ids = sorted({r.doc_id for r in every})
        types = sorted({r.type for r in every})
        assert len(types) >= 3 and any(len({r.type for r in every if r.doc_id == d}) > 1 for d in ids)
        assert sum(r.borrowed for r in every) + sum(r.stand_in for r in every) > 0  # derived fields were at stake
        for type_ in types:
            alone = load_reports(store, ids[:40], type=type_) + load_reports(store, ids[40:], type=type_)
            assert sorted(alone, key=_key) == sorted((r for r in every if r.type == type_), key=_key), type_
        assert load_reports(store, ids[:5], type="NO-SUCH-TYPE") == []


def _key(r):  # type: ignore[no-untyped-def]
    return r.doc_id, r.event_id


def test_a_difference_of_latitude_never_exceeds_the_distance():
    """dedup._places_refuse settles far places by their difference of latitude alone: it must be a lower bound
    of km_between, rounding included, everywhere on the globe."""
    from eventwire.dedup import KM_PER_DEGREE_LAT

    rng = random.Random(2)
    for _ in range(20000):
        lat1, lon1 = rng.uniform(-90, 90), rng.uniform(-180, 180)
        lat2 = max(-90.0, min(90.0, lat1 + rng.choice((rng.uniform(-2, 2), rng.uniform(-0.3, 0.3), 0.0))))
        lon2 = lon1 + rng.choice((0.0, rng.uniform(-1, 1), rng.uniform(-360, 360)))
        assert abs(lat1 - lat2) * KM_PER_DEGREE_LAT <= km_between(lat1, lon1, lat2, lon2)


def _toll(i: int, published: str, killed: int | None, outlet: str, *, injured: int | None = None,
          day: str = "2024-06-03"):
    return make_doc(i, published, [{"type": "ASSAULT", "date": day, "place": 0, "actor1": 0, "actor2": 3,
                                    "fatalities": killed, "injured": injured}], outlet)


def test_running_tolls_follow_revisions_and_keep_each_sources_claim(db_url):
    with open_store(db_url) as store:
        update(store)
        store.write([(_toll(1, "2024-06-03", 12, "Sahel Wire", injured=20), "a")])
        update(store)
        store.write([(_toll(2, "2024-06-04", 17, "Kassala Post"), "b")])
        update(store)

        def head():
            rows = store.query("SELECT * FROM canonical_events")
            assert len(rows) == 1
            r = rows[0]
            return (r["fatalities"], r["fatalities_min"], r["fatalities_max"], r["injured"], r["injured_min"],
                    r["injured_max"], r["reports"], r["last_published"])

        assert head() == (17, 12, 17, 20, 20, 20, 2, "2024-06-04")  # 12 dead, then 17: the latest report's
        store.write([(_toll(3, "2024-06-05", 15, "Red Sea Courier", injured=25), "c")])
        update(store)
        assert head() == (15, 12, 17, 25, 20, 25, 3, "2024-06-05")  # revised down: kept, and the range kept
        store.write([(_toll(4, "2024-06-02", 9, "Early Bird", day="2024-06-02"), "d")])  # an earlier report
        stats = update(store)
        assert not stats.rebuilt and stats.retaken >= 1
        assert head() == (15, 9, 17, 25, 20, 25, 4, "2024-06-05")
        assert stored_tables(store) == expected_tables(store)
        cid = store.query("SELECT id FROM canonical_events")[0]["id"]
        text = explain(store, cid)
        assert text is not None
        reasons = [r["reason"] for r in store.query("SELECT reason FROM event_links WHERE canonical_id = ?", (cid,))]
        lines = [line for line in text.splitlines() if line.startswith("- ")]
        assert len(lines) == len(reasons) == 4 and all(any(why in line for line in lines) for why in reasons)
        assert sum("first report" in line for line in lines) == 1


def test_explain_keeps_every_reason_after_updates(db_url):
    rng = random.Random(7)
    docs = random_docs(rng, 30, spread=3)
    with open_store(db_url) as store:
        for i in range(0, len(docs), 4):
            store.write([(r, r.id) for r in docs[i:i + 4]])
            update(store)
        links = store.query("SELECT canonical_id, reason FROM event_links")
        for cid in {r["canonical_id"] for r in links}:
            text = explain(store, cid)
            assert text is not None
            mine = [r["reason"] for r in links if r["canonical_id"] == cid]
            lines = [line for line in text.splitlines() if line.startswith("- ")]
            assert len(lines) == len(mine) and sorted(line.split("): ", 1)[1] for line in lines) == sorted(mine)


def test_two_updates_at_once_leave_one_rebuilds_tables(db_url):
    """Two writers store documents and update at the same moment (the advisory lock orders them)."""
    rng = random.Random(11)
    docs = random_docs(rng, 40, spread=4)
    with open_store(db_url) as store:
        store.write([(r, r.id) for r in docs[:10]])
        update(store)
    for round_ in range(3):
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        halves = [docs[10 + round_ * 10:15 + round_ * 10], docs[15 + round_ * 10:20 + round_ * 10]]

        def writer(batch, barrier=barrier, errors=errors):  # type: ignore[no-untyped-def]
            try:
                with open_store(db_url) as mine:
                    written = mine.write_batch([(r, r.id) for r in batch])
                    mine.backend.execute("DELETE FROM dedup_pending")  # each update sees only its own documents
                    barrier.wait(timeout=30)
                    update(mine, written.added)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(h,)) for h in halves]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors, errors
        with open_store(db_url) as store:
            assert stored_tables(store) == expected_tables(store)
            assert store.counts()["event_links"] == len({(r["doc_id"], r["story_event_id"]) for r in store.query(
                "SELECT doc_id, story_event_id FROM event_links")})


def test_documents_given_by_id_and_inconsistent_links_fall_back_to_a_rebuild(db_url):
    rng = random.Random(3)
    docs = random_docs(rng, 24, spread=3)
    with open_store(db_url) as store:
        store.write([(r, r.id) for r in docs[:12]])
        update(store)
        # rows written without the pending mark (a bulk load): named by id, they are clustered all the same
        store.write([(r, r.id) for r in docs[12:18]])
        store.backend.execute("DELETE FROM dedup_pending")
        stats = update(store, [document_id(r.text) for r in docs[12:18]])
        assert stats.new_reports > 0 and not stats.rebuilt
        assert stored_tables(store) == expected_tables(store)
        # a link the rules would never write (another version's): the update notices and rebuilds
        store.backend.execute("UPDATE event_links SET canonical_id = 'cbogus', reason = 'other rules'")
        store.write([(r, r.id) for r in docs[18:]])
        assert update(store).rebuilt
        assert stored_tables(store) == expected_tables(store)
        # other settings: a full rebuild with them
        assert update(store, km=5).rebuilt and not update(store, km=5).rebuilt


def test_a_store_from_before_gets_its_tolls_and_is_rebuilt_on_the_next_update(db_url):
    """A store from before migration 5 with canonical events: the migration fills their tolls from the links,
    and the next update (no dedup state yet) rebuilds in full."""
    from eventwire.store.backends import connect
    from eventwire.store.migrations import MIGRATIONS
    from eventwire.store.rows import report_rows

    docs = [_toll(1, "2024-06-03", 12, "Sahel Wire", injured=4), _toll(2, "2024-06-04", 17, "Kassala Post"),
            _toll(3, "2024-06-04", None, "Red Sea Courier")]
    backend = connect(db_url)
    with backend.transaction():
        backend.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                        "applied_at TEXT NOT NULL)")
        for version, _, steps in [m for m in MIGRATIONS if m[0] < 5]:
            for step in steps:
                step(backend) if callable(step) else backend.execute(step)
            backend.execute("INSERT INTO schema_migrations VALUES (?, 'old', '2026-01-01')", (version,))
        ids = []
        for r in docs:
            rows = report_rows(r, document_id(r.text), source="old", ingested_at="2026-01-01")
            for table, table_rows in rows.items():
                if table_rows and table != "story_lines":  # migration 7's
                    backend.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(table_rows[0]))})",
                                        table_rows)
            ids.append(document_id(r.text))
        backend.execute("INSERT INTO canonical_events VALUES ('cold', 'ASSAULT', NULL, '2024-06-03', NULL, NULL, "
                        "'SDN', 'Kassala', 'eastern-front', NULL, 3, 3, '2024-06-03', '2024-06-04')")
        backend.executemany("INSERT INTO event_links VALUES (?, 's1', 'cold', 'old reason')", [(i,) for i in ids])
    backend.close()
    with open_store(db_url) as store:
        row = store.query("SELECT * FROM canonical_events")[0]
        # the latest report by publication with a toll: doc 2 (the 2024-06-04 report without one is skipped)
        assert (row["fatalities"], row["fatalities_min"], row["fatalities_max"]) == (17, 12, 17)
        assert (row["injured"], row["injured_min"], row["injured_max"]) == (4, 4, 4)
        stats = update(store)
        assert stats.rebuilt and stored_tables(store) == expected_tables(store)
        assert store.query("SELECT fatalities FROM canonical_events")[0]["fatalities"] == 17


FIRST_TEXT = ("KASSALA, June 3 (Sahel Wire) - Gunmen of the Eastern Front stormed a police post in Kassala on "
              "Monday, killing seven officers, a local official said.")
SECOND_TEXT = ("Seven police officers were killed when fighters of the Eastern Front attacked a police post in "
               "Kassala on Monday, residents said.")


def test_the_api_links_new_documents_on_write_and_never_rebuilds_on_read(db_url, pipeline, monkeypatch):
    import eventwire.dedup
    import eventwire.dedup_cluster
    import eventwire.dedup_update
    from eventwire.api import create_app

    with open_store(db_url) as store:
        update(store)  # the store has its dedup state: from now on nothing needs a full rebuild

    def no_rebuild(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a full rebuild was run")

    for module in (eventwire.dedup, eventwire.dedup_cluster, eventwire.dedup_update):
        monkeypatch.setattr(module, "cluster", no_rebuild)
    monkeypatch.setattr(eventwire.dedup, "deduplicate", no_rebuild)
    app = create_app(db_url, settings=pipeline.settings, pipeline=pipeline)
    with TestClient(app, base_url="http://localhost") as client:
        first = client.post("/documents", json={"text": FIRST_TEXT, "published": "2024-06-03"})
        assert first.status_code == 200 and first.json()["stored"] == 1
        events = client.get("/events", params={"type": "ASSAULT"}).json()["events"]
        assert events and all(e["canonical_id"] for e in events)  # linked by the write, not by this read
        second = client.post("/documents", json={"text": SECOND_TEXT, "published": "2024-06-04"})
        assert second.status_code == 200 and second.json()["stored"] == 1
        doc2 = second.json()["documents"][0]
        mine = [e for e in client.get("/events", params={"type": "ASSAULT"}).json()["events"] if e["doc_id"] == doc2]
        assert mine and all(e["canonical_id"] for e in mine)
        details = [client.get(f"/events/{e['canonical_id']}").json() for e in mine]
        both = [d for d in details if d["event"]["documents"] == 2]
        assert both, details  # the second report joined the first one's event
        reports = both[0]["reports"]
        assert {r["outlet"] for r in reports} == {"Sahel Wire", None} and all(r["fatalities"] == 7 for r in reports)
        head = both[0]["event"]
        assert (head["fatalities"], head["fatalities_min"], head["fatalities_max"]) == (7, 7, 7)
