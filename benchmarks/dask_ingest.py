#!/usr/bin/env python3
"""Ingest on a Dask cluster into PostgreSQL, the way a team runs it (docs/distributed.md).

    python benchmarks/dask_ingest.py [--data FILE] [--dask local:N | tcp://HOST:8786]

Starts a throwaway PostgreSQL cluster (tests/pg_server.py; or EVENTWIRE_TEST_POSTGRES_URL) and a
fresh database, then runs, as separate processes:

  D  `eventwire ingest DOCS --db postgresql://… --dask ADDRESS` (default `local`: a LocalCluster
     with one worker process per core), start-up and the dedup included;
  P  `eventwire ingest DOCS --db postgresql://… -w 0` into another fresh database: the same machine
     without Dask;
  W  the writer alone: D's stored reports written again into a third database (`Store.write_batch`),
     the ceiling on what one writer takes in from any number of Dask workers.

Prints docs/s of each and the projection to a cluster of W workers: min(W × D's rate per worker,
the writer's rate). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "benchmarks"
CLI = str(ROOT / ".venv" / "bin" / "eventwire")


def timed(argv: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(SHARED / "geoparse" / "geowebnews.jsonl"))
    ap.add_argument("--dask", default="local")
    args = ap.parse_args()
    import psycopg

    import pg_server
    from eventwire.store import open_store

    docs = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line.strip()]
    n = len(docs)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as work, pg_server.session_server() as admin:
        data = Path(work) / "docs.jsonl"
        data.write_text("".join(json.dumps({"id": d["id"], "text": d["text"], **(
            {"published": d["dct"]} if d.get("dct") else {})}, ensure_ascii=False) + "\n" for d in docs),
            encoding="utf-8")
        urls = {}
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in ("dask", "plain", "writer"):
                db = f"eventwire_dask_{name}"
                conn.execute(f"DROP DATABASE IF EXISTS {db}")
                conn.execute(f"CREATE DATABASE {db}")
                urls[name] = admin.rsplit("/", 1)[0] + "/" + db
        d_s = timed([CLI, "ingest", str(data), "--db", urls["dask"], "--dask", args.dask])
        p_s = timed([CLI, "ingest", str(data), "--db", urls["plain"], "-w", "0"])
        with open_store(urls["dask"]) as src:
            stored = src.counts()
            reports = [src.report(r["id"]) for r in src.query("SELECT id FROM documents ORDER BY id")]
        t0 = time.perf_counter()
        with open_store(urls["writer"]) as dst:
            for start in range(0, len(reports), 64):
                dst.write_batch([(r, None) for r in reports[start:start + 64] if r is not None])
        w_s = time.perf_counter() - t0
    workers = cores if args.dask == "local" else None
    if args.dask.startswith("local:"):
        workers = int(args.dask.split(":")[1])
    per_worker = n / d_s / workers if workers else None
    summary = {
        "docs": n, "cores": cores, "dask": args.dask, "dask_workers": workers,
        "stored_documents": stored["documents"], "stored_story_events": stored["story_events"],
        "dask_s": round(d_s, 1), "dask_docs_per_s": round(n / d_s, 2),
        "plain_s": round(p_s, 1), "plain_docs_per_s": round(n / p_s, 2),
        "writer_docs_per_s": round(len(reports) / w_s, 1),
        "per_worker_docs_per_s": round(per_worker, 2) if per_worker else None,
        "projected_32_workers_docs_per_s": round(min(32 * per_worker, len(reports) / w_s), 1) if per_worker else None,
    }
    print(f"dask ({args.dask}) into PostgreSQL: {d_s:.1f} s ({n / d_s:.1f} docs/s); plain ingest -w 0: {p_s:.1f} s "
          f"({n / p_s:.1f} docs/s); the writer alone: {len(reports) / w_s:.0f} docs/s")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
