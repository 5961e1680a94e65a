"""The store (SQLite and PostgreSQL), batch ingest, dedup, running totals and store exports.

Every test runs once per backend (the `db_url` fixture). All articles are invented for these tests.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.batch import ingest
from eventwire.cli import main
from eventwire.dedup import deduplicate, explain
from eventwire.store import SCHEMA_VERSION, document_id, open_store
from eventwire.store.select import EventFilter, select_reports
from eventwire.totals import format_series, plot_series, series
from store_checks import assert_consistent
from story_reports import S_ATTACK, make_story_report

ROOT = Path(__file__).resolve().parent.parent
CLI = str(ROOT / ".venv" / "bin" / "eventwire") if (ROOT / ".venv" / "bin" / "eventwire").exists() else "eventwire"

# One shelling told by three outlets, and an unrelated arrest.
SAME_INCIDENT = [
    ("a", "2024-03-05", "KHARTOUM, March 5 (Reuters) - Fighters of the Rapid Support Forces shelled the central "
                        "market in El Fasher on Monday, killing nine people, the regional governor said."),
    ("b", "2024-03-05", "Nine people were killed when the Rapid Support Forces shelled a market in El Fasher on "
                        "Monday, residents told reporters by phone."),
    ("c", "2024-03-06", "The army said on Tuesday that the shelling of the El Fasher market by the Rapid Support "
                        "Forces on Monday killed nine civilians and wounded 20."),
    ("d", "2024-03-05", "Police arrested 40 protesters in Port Sudan on Monday after a march against rising bread "
                        "prices."),
]

# A running total from one ministry, rising and then revised down, and a second source.
TOTALS = [
    ("t1", "2024-04-01", "The health ministry said more than 1,200 people have been killed since the fighting "
                         "began on March 3."),
    ("t2", "2024-04-08", "The health ministry said 1,450 people have been killed since the fighting began on "
                         "March 3."),
    ("t3", "2024-04-15", "The health ministry said 1,390 people have been killed since the fighting began on "
                         "March 3, correcting an earlier count."),
    ("t4", "2024-04-15", "A monitoring group said at least 2,000 people have been killed since the fighting began "
                         "on March 3."),
]


def _jsonl(path: Path, docs: list[tuple[str, str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n" for i, p, t in docs),
                    encoding="utf-8")
    return path


def _corpus(root: Path, n: int) -> Path:
    """n short dispatches, each its own file, in nested folders."""
    towns = ["Kassala", "Gedaref", "Atbara", "Dongola", "Kosti", "Sennar", "Rabak", "Malakal"]
    for i in range(n):
        folder = root / f"batch{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        town = towns[i % len(towns)]
        (folder / f"story{i:03d}.txt").write_text(
            f"Gunmen attacked a police post in {town} on Friday, killing {i + 2} officers, the local governor "
            f"said. Residents said {i + 10} families fled the area after the attack, report number {i}.",
            encoding="utf-8")
    return root


def test_migrations_run_once_and_tables_are_plain(db_url):
    with open_store(db_url) as store:
        assert store.migrate() == SCHEMA_VERSION
    with open_store(db_url) as store:  # reopening applies nothing twice
        rows = store.query("SELECT version FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
        assert set(store.counts()) >= {"documents", "places", "events", "story_events", "figures", "ingest_errors",
                                       "canonical_events", "event_links"}


def test_write_is_idempotent_and_reports_round_trip(db_url, pipeline):
    reports = [pipeline.extract(t, p, id=i) for i, p, t in SAME_INCIDENT[:2]]
    with open_store(db_url) as store:
        assert store.write([(r, f"mem:{r.id}") for r in reports]) == 2
        first = store.counts()
        assert store.write([(r, f"other:{r.id}") for r in reports]) == 0  # same texts: nothing new
        assert store.counts() == first
        back = store.report(document_id(reports[0].text))
        assert back is not None and back.to_json() == reports[0].to_json()
        assert first["events"] == sum(len(r.events) for r in reports)
        assert first["story_events"] == sum(len(r.story_events) for r in reports) > 0
        assert first["places"] == sum(len(r.places) for r in reports)


def test_ingesting_the_same_corpus_twice_leaves_identical_counts(db_url, pipeline, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 6)
    with open_store(db_url) as store:
        one = ingest([str(corpus)], store, pipeline, processes=1, commit_every=4)
        counts = store.counts()
        two = ingest([str(corpus)], store, pipeline, processes=1, commit_every=4)
        assert store.counts() == counts
    assert (one.stored, one.skipped, one.failed) == (6, 0, 0)
    assert (two.stored, two.skipped, two.failed) == (0, 6, 0)
    assert counts["documents"] == 6 and counts["events"] >= 6


def test_bad_inputs_are_listed_and_every_good_one_is_stored(db_url, pipeline, tmp_path):
    """5 % corrupt inputs: 95 good dispatches and one of each kind of bad input."""
    corpus = _corpus(tmp_path / "corpus", 95)
    bad = tmp_path / "corpus" / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "cut.jsonl").write_text('{"id": "cut", "text": "Troops shelled the', encoding="utf-8")
    (bad / "huge.txt").write_bytes(b"Shelling went on. " * (50 * 1024 * 1024 // 18))  # ~50 MB
    (bad / "spanish.txt").write_text(
        "Las fuerzas del gobierno atacaron el mercado central de la ciudad el viernes por la mañana y murieron "
        "nueve personas, según dijeron los vecinos a los periodistas que llegaron después.", encoding="utf-8")
    with open_store(db_url) as store:
        summary = ingest([str(corpus)], store, pipeline, processes=1, commit_every=8)
        assert summary.stored == 95 and summary.read == 100
        codes = {Path(e.source.split(":")[0]).name: e.code for e in summary.errors}
        assert codes == {"empty.txt": "empty", "binary.txt": "not_text", "cut.jsonl": "bad_json",
                         "huge.txt": "too_large", "spanish.txt": "unsupported_language"}
        stored_errors = {Path(e.source.split(":")[0]).name for e in store.errors()}
        assert stored_errors == set(codes)
        assert all(e.message for e in store.errors())
        assert store.counts()["documents"] == 95


def test_dedup_merges_one_incident_told_three_times(db_url, pipeline, tmp_path):
    with open_store(db_url) as store:
        ingest([str(_jsonl(tmp_path / "news.jsonl", SAME_INCIDENT))], store, pipeline, processes=1)
        rows = store.query("SELECT * FROM canonical_events ORDER BY reports DESC")
        # the march the arrested protesters were on is a protest of its own (story/implied.py)
        assert rows[0]["type"] == "ASSAULT" and rows[0]["documents"] == 3
        assert sorted((r["type"], r["documents"]) for r in rows[1:]) == [("COERCE", 1), ("PROTEST", 1)]
        text = explain(store, rows[0]["id"])
        assert text is not None and "first report" in text and "same type ASSAULT" in text
        assert "El Fasher" in text
        # Tighter than the reports allow: one day apart is too far, so the incident splits again.
        assert deduplicate(store, days=0, km=25) >= 2


def test_dedup_keeps_apart_what_contradicts(db_url, pipeline, tmp_path):
    docs = [
        ("x", "2024-05-02", "Government troops shelled the town of Kassala on Thursday, killing six people."),
        ("y", "2024-05-02", "Rebel fighters of the Sudan People's Liberation Movement shelled the town of Kassala "
                            "on Thursday, killing four soldiers."),
        ("z", "2024-05-09", "Government troops shelled the town of Kassala on Thursday, killing eleven people."),
        ("w", "2024-05-02", "Government troops shelled the city of Port Sudan on Thursday, killing two people."),
    ]
    with open_store(db_url) as store:
        ingest([str(_jsonl(tmp_path / "news.jsonl", docs))], store, pipeline, processes=1)
        merged = store.query("SELECT COUNT(*) AS n FROM canonical_events WHERE documents > 1")[0]["n"]
        assert merged == 0  # another attacker, another week, another city


def test_running_totals_keep_sources_apart_and_mark_revisions(db_url, pipeline, tmp_path):
    with open_store(db_url) as store:
        ingest([str(_jsonl(tmp_path / "totals.jsonl", TOTALS))], store, pipeline, processes=1)
        found = series(store, category="killed")
        ministry = [s for s in found if s.reported_by and "ministry" in s.reported_by.lower()]
        assert len(ministry) == 1
        assert [p.value for p in ministry[0].points] == [1200, 1450, 1390]
        assert ministry[0].revisions() == [2] and ministry[0].since == "2024-03-03"
        assert any(s.reported_by and "group" in s.reported_by.lower() for s in found)
        text = format_series(found)
        assert "revised down" in text and "1,450" in text
        only = series(store, category="killed", source="monitoring")
        assert [p.value for s in only for p in s.points] == [2000]
        png = tmp_path / "totals.png"
        plot_series(found, str(png))
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_store_export_filters(db_url, pipeline, tmp_path):
    with open_store(db_url) as store:
        ingest([str(_jsonl(tmp_path / "news.jsonl", SAME_INCIDENT))], store, pipeline, processes=1)
        every = [e for r in select_reports(store, EventFilter()) for e in r.story_events]
        assert len(every) == store.counts()["story_events"]
        assault = [e for r in select_reports(store, EventFilter(type="assault")) for e in r.story_events]
        assert assault and all(e.type == "ASSAULT" for e in assault) and len(assault) < len(every)
        in_box = list(select_reports(store, EventFilter(bbox=(25.0, 13.0, 26.0, 14.0))))  # around El Fasher
        assert in_box and all("El Fasher" in r.text for r in in_box)
        assert not list(select_reports(store, EventFilter(country="EGY")))
        once = [e for r in select_reports(store, EventFilter(dedup=True)) for e in r.story_events]
        assert len(once) == store.counts()["canonical_events"]
        assert all(getattr(e, "canonical_id", None) for e in once)
        mentions = [e for r in select_reports(store, EventFilter(), records="mention") for e in r.events]
        assert len(mentions) == store.counts()["events"] > len(every)
        assert not list(select_reports(store, EventFilter(date_from="2024-03-05")))  # all happened on the 4th


def test_cli_ingest_export_totals_explain(db_url, tmp_path):
    runner = CliRunner()
    news = _jsonl(tmp_path / "news.jsonl", SAME_INCIDENT + TOTALS)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(news), str(tmp_path / "empty.txt"), "--db", db_url, "-w", "1"])
    assert result.exit_code == 1, result.output  # one input failed
    assert "stored 8 new documents" in result.output and "empty" in result.output
    again = runner.invoke(main, ["ingest", str(news), "--db", db_url, "-w", "1"])
    assert again.exit_code == 0 and "8 stored already" in again.output
    out = runner.invoke(main, ["export", "--db", db_url, "--format", "csv", "--dedup"])
    assert out.exit_code == 0 and out.output.splitlines()[0].endswith("canonical_id")
    canonical = out.output.splitlines()[1].rsplit(",", 1)[1]
    why = runner.invoke(main, ["explain", canonical, "--db", db_url])
    assert why.exit_code == 0 and canonical in why.output
    assert runner.invoke(main, ["explain", "c000", "--db", db_url]).exit_code == 2
    tot = runner.invoke(main, ["totals", "--db", db_url, "--category", "killed"])
    assert tot.exit_code == 0 and "since 2024-03-03" in tot.output
    pq = tmp_path / "events.parquet"
    assert runner.invoke(main, ["export", "--db", db_url, "--format", "parquet", "-o", str(pq)]).exit_code == 0
    import pyarrow.parquet as parquet

    assert parquet.read_table(pq).num_rows > 0
    assert runner.invoke(main, ["export", "--db", db_url, "--format", "parquet"]).exit_code == 2
    assert runner.invoke(main, ["export", "--db", db_url, "--bbox", "1,2,3"]).exit_code == 2


def test_unknown_store_urls_are_usage_errors(tmp_path):
    result = CliRunner().invoke(main, ["totals", "--db", "mysql://nobody@nowhere/db"])
    assert result.exit_code == 2 and "unknown store URL" in result.output


def _table_rows(url: str) -> dict[str, list]:
    """Every row of the document tables, order-independent (ingested_at differs between runs)."""
    with open_store(url) as store:
        out = {}
        for table in ("documents", "places", "times", "actors", "actor_mentions", "quotes", "figures", "events",
                      "event_figures", "story_events", "canonical_events", "event_links", "ingest_errors"):
            rows = store.query(f"SELECT * FROM {table}")
            for r in rows:
                for volatile in ("ingested_at", "first_seen", "last_seen", "attempts"):
                    r.pop(volatile, None)
            out[table] = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
        return out


def test_kill_9_then_rerun_leaves_exactly_a_clean_runs_rows(db_url, tmp_path):
    """A real process killed with SIGKILL mid-ingest, then the same command again. The kill is asserted to have
    landed: the process died of SIGKILL with some but not all documents stored, and those whole."""
    n = 24
    corpus = _corpus(tmp_path / "corpus", n)
    (tmp_path / "corpus" / "empty.txt").write_text("", encoding="utf-8")
    clean_url = str(tmp_path / "clean.db")
    argv = [CLI, "ingest", str(corpus), "--batch", "2", "-w", "1"]
    # one document per model batch, so documents are stored one commit (2 documents) at a time, not in a burst
    env = {**os.environ, "EVENTWIRE_PROCESSES": "1", "EVENTWIRE_BATCH_SIZE": "1"}
    subprocess.run([*argv, "--db", clean_url], env=env, capture_output=True, check=False, timeout=300)
    open_store(db_url).close()  # created here, so that watching it never waits on the migration
    target = random.randint(2, n // 2)  # documents stored when the kill comes: somewhere in the first half
    proc = subprocess.Popen([*argv, "--db", db_url], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    with open_store(db_url) as store:
        while time.monotonic() < deadline and proc.poll() is None:
            if store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"] >= target:
                break
            time.sleep(0.02)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)  # half the documents (12 commits) still to go: it cannot finish first
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, f"the ingest was not killed (exit status {proc.returncode})"
    with open_store(db_url) as store:
        stored = store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"]
        assert target <= stored < n, stored  # killed mid-ingest: some documents stored, not all
        assert_consistent(store)  # each of them whole
    rerun = subprocess.run([*argv, "--db", db_url], env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1, rerun.stdout + rerun.stderr  # the empty file still fails, and says so
    assert f"stored {n - stored} new documents, {stored} stored already" in rerun.stdout, rerun.stdout
    assert _table_rows(db_url) == _table_rows(clean_url)


@pytest.mark.skipif(sys.platform == "win32", reason="fork-based workers")
def test_ingest_with_two_workers_stores_the_same_rows(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 8)
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    for url, workers in ((one, "1"), (two, "2")):
        result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", url, "-w", workers, "--batch", "3"])
        assert result.exit_code == 0, result.output
    assert _table_rows(one) == _table_rows(two)


def test_dask_path_stores_the_same_rows_as_the_local_path(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 6)
    (tmp_path / "corpus" / "empty.txt").write_text("", encoding="utf-8")
    local, dask = str(tmp_path / "local.db"), str(tmp_path / "dask.db")
    runner = CliRunner()
    a = runner.invoke(main, ["ingest", str(corpus), "--db", local, "-w", "1"])
    b = runner.invoke(main, ["ingest", str(corpus), "--db", dask, "--dask", "local:2"])
    assert a.exit_code == b.exit_code == 1, a.output + b.output  # the empty file fails on both paths
    assert _table_rows(local) == _table_rows(dask)
    bad = runner.invoke(main, ["ingest", str(corpus), "--db", dask, "--dask", "local:x"])
    assert bad.exit_code == 2


# -- story events: the store's table, its migration, the dedup and the filters over it (no NLP) -----------------


def _index_names(store) -> set[str]:
    if store.dialect == "sqlite":
        rows = store.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'story_events'")
    else:
        rows = store.query("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'story_events'")
    return {r["name"] for r in rows}


def test_story_events_round_trip(db_url):
    report = make_story_report()
    with open_store(db_url) as store:
        assert store.write([(report, "mem:sw-1")]) == 1
        doc_id = document_id(report.text)
        rows = store.query("SELECT * FROM story_events WHERE doc_id = ? ORDER BY story_event_id", (doc_id,))
        assert [r["story_event_id"] for r in rows] == ["s1", "s2", "s3", "s4"]
        s1 = rows[0]
        assert (s1["type"], s1["mode"], s1["actor1"], s1["actor2"]) == ("ASSAULT", "firearms", "eastern-front",
                                                                         "sudan-police")
        assert (s1["place_name"], s1["place_precision"], s1["country"], s1["admin1"], s1["feature"]) == (
            "Kassala", "attached", "SDN", "Kassala", "city")
        assert (s1["lat"], s1["lon"]) == pytest.approx((15.451, 36.4))
        assert (s1["date"], s1["date_from"], s1["fatalities"], s1["injured"]) == ("2024-06-03", "mention", 7, 11)
        assert (s1["acled_event_type"], s1["acled_sub_event_type"]) == ("Battles", "Armed clash")
        assert report.text[s1["evidence_start"]:s1["evidence_end"]] == S_ATTACK
        assert report.text[s1["trigger_start"]:s1["trigger_end"]] == s1["trigger_text"] == "stormed"
        assert json.loads(s1["mentions"]) == ["e1", "e2", "e3"] and json.loads(s1["figures"]) == [0, 1, 2, 3, 4]
        assert (rows[1]["place_precision"], rows[1]["place_name"]) == ("sentence", "Al Qadarif")
        assert rows[2]["place_idx"] is None and rows[2]["date"] is None and json.loads(rows[2]["mentions"]) == ["e5"]
        assert (rows[3]["modality"], rows[3]["acled_event_type"]) == ("negated", "Violence against civilians")
        # the mention table is as it was, and the stored report keeps both lists
        assert store.counts()["events"] == 6
        back = store.report(doc_id)
        assert back is not None and back.story_events == report.story_events and back.events == report.events
        assert {"story_events_type_date", "story_events_acled", "story_events_place", "story_events_lat_lon",
                "story_events_actor1", "story_events_actor2", "story_events_date"} <= _index_names(store)
        # writing it again adds nothing
        assert store.write([(report, "mem:again")]) == 0 and store.counts()["story_events"] == 4


def test_an_older_store_gets_its_story_events_from_the_stored_reports(db_url):
    """A store at schema version 1 (before story events): opening it backfills the new table."""
    from eventwire.store.backends import connect
    from eventwire.store.migrations import MIGRATIONS
    from eventwire.store.rows import report_rows

    report = make_story_report()
    backend = connect(db_url)
    with backend.transaction():
        backend.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                        "applied_at TEXT NOT NULL)")
        for sql in MIGRATIONS[0][2]:
            backend.execute(sql)  # type: ignore[arg-type]
        backend.execute("INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01')")
        rows = report_rows(report, document_id(report.text), source="old", ingested_at="2026-01-01")
        backend.executemany("INSERT INTO documents VALUES (" + ", ".join("?" * len(rows["documents"][0])) + ")",
                            rows["documents"])
        backend.executemany("INSERT INTO event_links VALUES (?, ?, ?, ?)",
                            [(document_id(report.text), "e1", "cold", "first report")])
    backend.close()
    with open_store(db_url) as store:
        assert store.migrate() == SCHEMA_VERSION
        found = store.query("SELECT story_event_id, fatalities FROM story_events ORDER BY story_event_id")
        assert [(r["story_event_id"], r["fatalities"]) for r in found] == [("s1", 7), ("s2", None), ("s3", None),
                                                                              ("s4", None)]
        assert store.counts()["event_links"] == 0  # mention links are gone; the next dedup links story events
        assert deduplicate(store) == 2  # s1 and s2 took place and have a day
        links = store.query("SELECT story_event_id FROM event_links ORDER BY story_event_id")
        assert [r["story_event_id"] for r in links] == ["s1", "s2"]


SUDAN_GOV = ("sudan-military", "Sudanese Army", "military")
RSF = ("rsf", "Rapid Support Forces", "armed_group")
EL_FASHER = ("El Fasher", 13.628, 25.350, "SDN", "Northern Darfur")
NYALA = ("Nyala", 12.052, 24.881, "SDN", "Southern Darfur")


def _dedup_reports():
    from story_reports import incident_report

    return [
        # one shelling, told by two outlets a day apart (their texts, ids and counts differ)
        incident_report("wire-a", "The Rapid Support Forces shelled a market in El Fasher on Monday, killing 12.",
                        place=EL_FASHER, date="2024-05-06", actor1=RSF, trigger="shelled", fatalities=12),
        incident_report("wire-b", "Shells fired by the RSF hit the main market of El Fasher, killing 15 people.",
                        place=EL_FASHER, date="2024-05-06", actor1=RSF, trigger="hit", fatalities=15,
                        published="2024-05-07"),
        # the same day, another town 200 km away: another incident
        incident_report("wire-c", "The Rapid Support Forces shelled a camp near Nyala on Monday, killing four.",
                        place=NYALA, date="2024-05-06", actor1=RSF, trigger="shelled", fatalities=4),
        # the same town and day, but the army, not the RSF: two sides
        incident_report("wire-d", "The Sudanese Army shelled positions in El Fasher on Monday.",
                        place=EL_FASHER, date="2024-05-06", actor1=SUDAN_GOV, trigger="shelled"),
        # a denied shelling is no event; an undated one cannot be matched
        incident_report("wire-e", "The RSF denied it had shelled El Fasher.", place=EL_FASHER, date="2024-05-06",
                        actor1=RSF, trigger="shelled", modality="negated"),
        incident_report("wire-f", "The RSF has shelled El Fasher often.", place=EL_FASHER, date=None,
                        actor1=RSF, trigger="shelled"),
    ]


def test_dedup_merges_two_articles_story_events_and_keeps_other_incidents_apart(db_url):
    reports = _dedup_reports()
    with open_store(db_url) as store:
        store.write([(r, f"mem:{r.id}") for r in reports])
        assert deduplicate(store) == 3
        ids = {document_id(r.text): r.id for r in reports}
        links = store.query("SELECT doc_id, story_event_id, canonical_id, reason FROM event_links")
        by_article = {ids[r["doc_id"]]: r for r in links}
        assert set(by_article) == {"wire-a", "wire-b", "wire-c", "wire-d"}  # e: negated, f: no day
        assert by_article["wire-a"]["canonical_id"] == by_article["wire-b"]["canonical_id"]
        assert len({by_article[x]["canonical_id"] for x in ("wire-a", "wire-c", "wire-d")}) == 3
        assert all(r["story_event_id"] == "s1" for r in links)
        merged = store.query("SELECT * FROM canonical_events WHERE id = ?", (by_article["wire-a"]["canonical_id"],))[0]
        assert (merged["type"], merged["documents"], merged["reports"], merged["actor1"]) == ("ASSAULT", 2, 2, "rsf")
        assert (merged["first_published"], merged["last_published"]) == ("2024-05-06", "2024-05-07")
        text = explain(store, merged["id"])
        assert text is not None and "first report" in text and "same type ASSAULT" in text
        assert "actor1 rsf = rsf" in text and "El Fasher / El Fasher" in text and "s1 [mentions e1]" in text
        assert "killing 15 people" in text
        # within one article, two story events are never merged, however alike
        twice = reports[0].model_copy(deep=True)
        twice.text = reports[0].text + " "
        twice.story_events.append(twice.story_events[0].model_copy(update={"id": "s2"}))
        store.write([(twice, "mem:twice")])
        deduplicate(store)
        rows = store.query("SELECT canonical_id FROM event_links WHERE doc_id = ?", (document_id(twice.text),))
        assert len({r["canonical_id"] for r in rows}) == 2


def test_story_event_filters_run_in_sql(db_url):
    from eventwire.store.select import story_keys

    reports = [make_story_report(), *_dedup_reports()]
    with open_store(db_url) as store:
        store.write([(r, f"mem:{r.id}") for r in reports])
        deduplicate(store)

        def ids(**kw) -> list[tuple[str, str]]:
            return [(r.id, s.id) for r in select_reports(store, EventFilter(**kw)) for s in r.story_events]

        assert len(ids()) == store.counts()["story_events"] == 10
        assert ids(type="protest") == [("sw-1", "s2")]
        assert ids(acled_type="armed clash") == [("sw-1", "s1")]
        assert ids(acled_type="PROTESTS") == [("sw-1", "s2")]
        assert ids(date_from="2024-06-04") == [("sw-1", "s2")]  # undated story events are left out
        assert {x for x, _ in ids(date_to="2024-05-06")} == {"wire-a", "wire-b", "wire-c", "wire-d", "wire-e"}
        assert {x for x, _ in ids(bbox=(24.0, 11.5, 25.0, 12.5))} == {"wire-c"}  # around Nyala
        assert ids(country="egy") == []
        assert {x for x, _ in ids(actor="rapid support")} == {"wire-a", "wire-b", "wire-c", "wire-e", "wire-f"}
        assert ids(actor="eastern-front") == [("sw-1", "s1")]
        assert ids(actor="%") == [] and ids(actor="_") == []  # LIKE's wildcards are just characters
        assert ids(source="mem:wire-c") == [("wire-c", "s1")]
        once = ids(dedup=True)
        assert len(once) == store.counts()["canonical_events"] == 5  # a+b, c, d, and sw-1's s1 and s2
        assert not ({("wire-a", "s1"), ("wire-b", "s1")} <= set(once))
        keys = story_keys(store, EventFilter())
        assert [k.story_event_id for k in keys if k.doc_id == document_id(reports[0].text)] == ["s1", "s2", "s3",
                                                                                                 "s4"]
        # each kept story event, and each of its mentions, carries its canonical id
        sw = next(r for r in select_reports(store, EventFilter(type="ASSAULT")) if r.id == "sw-1")
        assert [s.id for s in sw.story_events] == ["s1", "s4"] and [e.id for e in sw.events] == ["e1", "e2", "e3",
                                                                                                  "e6"]
        canonical = sw.story_events[0].canonical_id  # type: ignore[attr-defined]
        assert canonical and all(e.canonical_id == canonical for e in sw.events[:3])  # type: ignore[attr-defined]
        mentions = [e for r in select_reports(store, EventFilter(type="ASSAULT"), records="mention") if r.id == "sw-1"
                    for e in r.events]
        assert [e.id for e in mentions] == ["e1", "e2", "e3", "e6"]
        sw_mentions = next(r for r in select_reports(store, EventFilter(type="ASSAULT"), records="mention")
                           if r.id == "sw-1")
        assert [s.id for s in sw_mentions.story_events] == ["s1", "s4"]  # the story events of the kept mentions
        assert mentions[0].canonical_id == canonical  # type: ignore[attr-defined]
        first = [e.id for r in select_reports(store, EventFilter(dedup=True), records="mention") if r.id == "sw-1"
                 for e in r.events]
        assert first == ["e1", "e4"]  # the evidence mention of each story event (s1, s2)


def test_cli_export_records(db_url, tmp_path):
    with open_store(db_url) as store:
        store.write([(make_story_report(), "mem:sw-1")])
    runner = CliRunner()
    assert runner.invoke(main, ["dedup", "--db", db_url]).output.strip() == "2 canonical events from 2 story events"
    story = runner.invoke(main, ["export", "--db", db_url, "--format", "acled-csv"])
    assert story.exit_code == 0, story.output
    rows = story.output.splitlines()
    assert len(rows) == 3 and ",7," in rows[1] and "mentions=e1,e2,e3" in rows[1]  # s1 (7 killed) and s2
    mention = runner.invoke(main, ["export", "--db", db_url, "--format", "csv", "--records", "mention"])
    assert [line.split(",")[4] for line in mention.output.splitlines()[1:]] == ["e1", "e2", "e3", "e4", "e5", "e6"]
    pq = tmp_path / "story.parquet"
    result = runner.invoke(main, ["export", "--db", db_url, "--format", "parquet", "-o", str(pq)])
    assert result.exit_code == 0 and "4 story events written" in result.output


def test_same_actor_across_articles():
    from eventwire.dedup import same_actor

    assert same_actor("russia", "Russia", "russia-military", "Russian Military")  # a state and its forces
    assert same_actor("eln", "ELN", "national-liberation-army", "National Liberation Army (ELN)")
    assert same_actor("jnim", "JNIM", "jamaat-nusrat-al-islam-wal-muslimin", "Jama'at Nusrat al-Islam wal-Muslimin")
    assert not same_actor("russia", "Russia", "ukraine-military", "Ukrainian Military")
    # a group and its branch: outlets name the attackers either way (test_dedup_rules has more)
    assert same_actor("islamic-state", "Islamic State", "iswap", "Islamic State West Africa Province")
    assert not same_actor("islamic-state", "Islamic State", "isf", "Islamic State Supporters Front")
    assert not same_actor("russia", "Russia", "russia-opposition", "Russian Opposition")


def test_one_of_selects_the_rows_of_any_number_of_keys(db_url):
    """Backend.one_of: ``IN (?, ...)`` on SQLite, one array parameter on PostgreSQL; the same rows either way."""
    with open_store(db_url) as store:
        store.backend.execute("CREATE TABLE keyed (k TEXT PRIMARY KEY, v INTEGER)")
        store.backend.executemany("INSERT INTO keyed VALUES (?, ?)", [(f"k{i:04d}", i) for i in range(1200)])
        for keys in ([], ["k0007"], [f"k{i:04d}" for i in range(0, 1200, 2)] + ["nope", "it's"]):
            where, params = store.backend.one_of("k", keys)
            found = store.query(f"SELECT k FROM keyed WHERE {where} AND v >= ? ORDER BY k", [*params, 5])
            assert [r["k"] for r in found] == sorted(k for k in keys if k[1:].isdigit() and int(k[1:]) >= 5)
        where, params = store.backend.one_of("k", ["k0001", "k0002"])
        store.backend.execute(f"DELETE FROM keyed WHERE {where}", params)
        assert store.query("SELECT COUNT(*) AS n FROM keyed")[0]["n"] == 1198
