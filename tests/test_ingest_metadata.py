"""`eventwire ingest` and a text stored already under other metadata: it says so and keeps the stored;
`--update-metadata` applies the new one, and the store is then what a first ingest with that metadata writes
(dates anchored on the new publication date, canonical events rebuilt). Once per backend; invented articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import pg_server
from eventwire.batch import ingest
from eventwire.cli import main
from eventwire.store import document_id, open_store
from store_checks import assert_consistent

RAID = ("Gunmen killed five people in a village near Khartoum on Friday and burned a dozen homes, a local "
        "official said.")
# The same raid told by another outlet a week later: it happened on Friday May 10.
WITNESS = "Gunmen killed five villagers near Khartoum on Friday, witnesses told reporters by phone."
DERIVED = ("documents", "places", "times", "actors", "actor_mentions", "quotes", "figures", "events", "event_figures",
           "story_events", "story_rows", "story_records", "document_sources", "canonical_events", "event_links")


def _jsonl(path: Path, *docs: dict) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _tables(store) -> dict[str, list[tuple]]:
    """Every row of the document tables and the dedup tables, without the ingest time."""
    out = {}
    for table in DERIVED:
        rows = [{k: v for k, v in r.items() if k not in ("ingested_at", "report")}
                for r in store.query(f"SELECT * FROM {table}")]
        out[table] = sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)
    return out


def _story_dates(store, text: str) -> list[str]:
    rows = store.query("SELECT date FROM story_events WHERE doc_id = ? ORDER BY story_event_id", (document_id(text),))
    return [r["date"] for r in rows]


def test_another_date_or_title_is_listed_and_the_stored_kept(db_url, pipeline, tmp_path):
    first = _jsonl(tmp_path / "first.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-04", "title": "Raid"})
    again = _jsonl(tmp_path / "again.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-11",
                                              "title": "Village raid", "url": "https://example.org/raid"})
    same = _jsonl(tmp_path / "same.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-04"})
    with open_store(db_url) as store:
        ingest([str(first)], store, pipeline)
        before = _tables(store)
        summary = ingest([str(again)], store, pipeline)
        assert summary.skipped == 1 and summary.stored == 0 and summary.updated == 0
        [conflict] = summary.conflicts
        assert conflict.doc_id == document_id(RAID) and not conflict.updated
        assert conflict.fields == {"published": ("2024-05-04", "2024-05-11"), "title": ("Raid", "Village raid"),
                                   "url": (None, "https://example.org/raid")}
        assert _tables(store) == before  # kept, all of it
        # the same metadata (a field left out is not another value) is no conflict
        assert ingest([str(same)], store, pipeline).conflicts == []
        # the same text twice in one run under two dates: the first is stored, the second listed
        other = tmp_path / "twice.jsonl"
        _jsonl(other, {"id": "w1", "text": WITNESS, "published": "2024-05-11"},
               {"id": "w2", "text": WITNESS, "published": "2024-05-12"})
        twice = ingest([str(other)], store, pipeline)
        assert twice.stored == 1 and [c.fields for c in twice.conflicts] == [{"published": ("2024-05-11",
                                                                                             "2024-05-12")}]


@pytest.fixture
def second_url(db_url, tmp_path, request):
    """Another empty store on the same backend."""
    if "://" not in db_url:
        yield str(tmp_path / "second.db")
        return
    admin = request.getfixturevalue("postgres_server")
    name, url = pg_server.create_database(admin)
    try:
        yield url
    finally:
        pg_server.drop_database(admin, name)


def test_update_metadata_gives_what_a_first_ingest_with_it_gives(db_url, second_url, pipeline, tmp_path):
    old = _jsonl(tmp_path / "old.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-04", "title": "Raid"},
                 {"id": "w1", "text": WITNESS, "published": "2024-05-11"})
    new = _jsonl(tmp_path / "new.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-11",
                                          "title": "Village raid", "url": "https://example.org/raid"})
    with open_store(db_url) as store:
        ingest([str(old)], store, pipeline)
        assert _story_dates(store, RAID)[0] == "2024-05-03"  # "Friday" before May 4
        canonical_before = store.counts()["canonical_events"]
        summary = ingest([str(new)], store, pipeline, update_metadata=True)
        assert summary.updated == 1 and summary.redated == 1 and summary.conflicts[0].updated
        assert _story_dates(store, RAID)[0] == "2024-05-10"  # "Friday" before May 11: the witness's day
        row = store.query("SELECT published, title, url, report FROM documents WHERE id = ?",
                          (document_id(RAID),))[0]
        assert (row["published"], row["title"], row["url"]) == ("2024-05-11", "Village raid",
                                                                 "https://example.org/raid")
        assert json.loads(row["report"])["published"] == "2024-05-11"
        assert store.counts()["canonical_events"] < canonical_before  # the raid and the witness now one event
        assert_consistent(store)
        updated = _tables(store)
    # exactly what storing the new metadata in the first place gives: no stale row anywhere
    with open_store(second_url) as fresh:
        ingest([str(new)], fresh, pipeline)  # the raid under its new metadata, then the witness (same files)
        ingest([str(old)], fresh, pipeline)
        expected = _tables(fresh)
    assert updated == expected


def test_a_title_only_change_keeps_the_events_and_the_incremental_dedup(db_url, pipeline, tmp_path):
    with open_store(db_url) as store:
        ingest([str(_jsonl(tmp_path / "a.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-04"}))], store,
               pipeline)
        links = store.query("SELECT * FROM event_links ORDER BY doc_id, story_event_id")
        summary = ingest([str(_jsonl(tmp_path / "b.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-04",
                                                            "title": "A raid"}))], store, pipeline,
                         update_metadata=True)
        assert (summary.updated, summary.redated) == (1, 0)
        assert store.query("SELECT value FROM dedup_state WHERE name = 'clustered_with'")  # no rebuild needed
        assert store.query("SELECT * FROM event_links ORDER BY doc_id, story_event_id") == links
        assert store.query("SELECT title FROM documents")[0]["title"] == "A raid"
        record = json.loads(store.query("SELECT record FROM story_records")[0]["record"])
        assert "A raid" in record  # the exports' doc_title comes from the stored record
        assert_consistent(store)


def test_cli_says_what_it_kept_and_what_it_updated(db_url, tmp_path):
    runner = CliRunner()
    first = _jsonl(tmp_path / "first.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-04"})
    again = _jsonl(tmp_path / "again.jsonl", {"id": "r1", "text": RAID, "published": "2024-05-11"})
    assert runner.invoke(main, ["ingest", str(first), "--db", db_url, "-w", "1"]).exit_code == 0
    kept = runner.invoke(main, ["ingest", str(again), "--db", db_url, "-w", "1"])
    assert kept.exit_code == 0, kept.output
    assert "1 stored already under other metadata: kept the stored (--update-metadata" in kept.output
    assert f"kept {again}:1 (document " in kept.output
    assert "published '2024-05-04' (this input: '2024-05-11')" in kept.output
    updated = runner.invoke(main, ["ingest", str(again), "--db", db_url, "-w", "1", "--update-metadata"])
    assert updated.exit_code == 0, updated.output
    assert "updated to this run's, extracted again (1 with other event dates" in updated.output
    assert "published '2024-05-04' -> '2024-05-11'" in updated.output
    out = runner.invoke(main, ["export", "--db", db_url, "--format", "csv"])
    assert out.exit_code == 0 and ",2024-05-11," in out.output and "2024-05-04" not in out.output
    quiet = runner.invoke(main, ["ingest", str(again), "--db", db_url, "-w", "1"])
    assert "other metadata" not in quiet.output  # now the same
