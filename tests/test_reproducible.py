"""Reproducibility (issue 17): the same corpus extracted twice — in one process, on all cores, into SQLite and into
PostgreSQL — gives byte-identical exports, provenance included (it holds no time, path or run id).

The corpus is a handful of short dispatches we wrote for this test."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import pg_server
from eventwire import load_pipeline
from eventwire.batch import ingest
from eventwire.cli import main
from eventwire.exports import write_events
from eventwire.ingest import read_inputs
from eventwire.schema import Report
from eventwire.store import open_store

CORPUS = [
    ("r1", "2024-03-05", "KHARTOUM, March 5 (Sahel Wire) - Fighters of the Rapid Support Forces shelled the central "
                         "market in El Fasher on Monday, killing nine people, the regional governor said."),
    ("r2", "2024-03-05", "Nine people were killed when the Rapid Support Forces shelled a market in El Fasher on "
                         "Monday, residents told reporters by phone."),
    ("r3", "2024-03-06", "Police arrested 40 protesters in Port Sudan on Tuesday after a march against rising bread "
                         "prices, a lawyer for the detainees said."),
    ("r4", "2024-03-07", "KASSALA, March 7 (Red Sea Courier) - Gunmen ambushed a bus near Kassala on Wednesday, "
                         "wounding 12 passengers. The army blamed the Eastern Front, which denied it."),
    ("r5", "2024-03-08", "The foreign ministry recalled its ambassador from Chad on Thursday after border troops "
                         "exchanged fire near Geneina, killing two soldiers."),
    ("r6", "2024-03-09", "Hundreds of traders marched in Gedaref on Friday to demand better protection. Officials "
                         "may hold talks with the traders next week."),
]
FORMATS = ("csv", "jsonl", "geojson", "parquet", "plover-json", "acled-csv")


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": i, "published": p, "text": t}) + "\n" for i, p, t in CORPUS),
                    encoding="utf-8")
    return path


def _extracted(pipeline, corpus: Path, processes: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """jsonl reports and the event formats of one extraction run."""
    reports = list(pipeline.pipe(read_inputs([str(corpus)], settings=pipeline.settings), n_process=processes))
    assert all(isinstance(r, Report) for r in reports) and len(reports) == len(CORPUS)
    out = {"jsonl": "".join(r.to_json() + "\n" for r in reports)}
    for fmt in ("csv", "geojson", "plover-json", "acled-csv"):
        buf = io.StringIO()
        write_events(reports, fmt, buf, io.StringIO())
        out[fmt] = buf.getvalue()
    return out


def _exports(db: str, folder: Path) -> dict[str, bytes]:
    """Every store export format, and the deduplicated csv, with their provenance sidecars, as bytes."""
    runner = CliRunner()
    folder.mkdir()
    out = {}
    for fmt, extra in [*((f, []) for f in FORMATS), ("csv", ["--dedup"])]:
        name = f"{fmt}{'-dedup' if extra else ''}"
        path = folder / f"events.{name}"
        result = runner.invoke(main, ["export", "--db", db, "--format", fmt, "--output", str(path), *extra])
        assert result.exit_code == 0, result.output
        out[name] = path.read_bytes()
        out[f"{name}.provenance.json"] = Path(f"{path}.provenance.json").read_bytes()
    return out


@pytest.mark.postgres
def test_one_corpus_gives_the_same_bytes_in_one_process_on_all_cores_and_on_both_stores(tmp_path, pipeline,
                                                                                         postgres_server):
    corpus = _corpus(tmp_path)
    cores = max(2, os.cpu_count() or 1)
    parallel = load_pipeline(n_process=cores, batch_size=1)  # one document per batch: every worker takes some
    assert parallel.provenance == pipeline.provenance  # processes and batch size are not part of it

    once = _extracted(pipeline, corpus, processes=1)
    assert _extracted(pipeline, corpus, processes=1) == once  # twice in one process
    assert _extracted(parallel, corpus, processes=cores) == once  # on all cores
    extraction = pipeline.provenance.extraction_id
    assert json.loads(once["geojson"])["eventwire:provenance"]["extractions"][0]["extraction_id"] == extraction
    assert once["csv"].count("\n") > len(CORPUS)  # events were found: the comparison means something

    name, pg_url = pg_server.create_database(postgres_server)
    try:
        sqlite_url = str(tmp_path / "store.db")
        with open_store(sqlite_url) as store:
            assert ingest([str(corpus)], store, pipeline, processes=1).stored == len(CORPUS)
        with open_store(pg_url) as store:
            assert ingest([str(corpus)], store, parallel, processes=cores).stored == len(CORPUS)
        on_sqlite = _exports(sqlite_url, tmp_path / "sqlite")
        on_postgres = _exports(pg_url, tmp_path / "postgres")
    finally:
        pg_server.drop_database(postgres_server, name)
    assert on_sqlite.keys() == on_postgres.keys()
    for key in on_sqlite:
        assert on_sqlite[key] == on_postgres[key], key
    # the stored reports are the extracted documents, each with its provenance
    stored = {d["id"]: d for d in map(json.loads, on_sqlite["jsonl"].decode().splitlines())}
    made = {d["id"]: d for d in map(json.loads, once["jsonl"].splitlines())}
    assert stored.keys() == made.keys()
    assert all(stored[i]["provenance"] == made[i]["provenance"] and stored[i]["text"] == made[i]["text"] for i in made)
    side = json.loads(on_sqlite["csv.provenance.json"])
    assert [e["extraction_id"] for e in side["extractions"]] == [extraction]
    assert b"ingested_at" not in on_sqlite["jsonl"] and b"T00:" not in on_sqlite["csv.provenance.json"]
