#!/usr/bin/env python3
"""What each eventwire stage costs, as a share of the spaCy parse it builds on.

    python benchmarks/stage_cost.py [--data FILE.jsonl] [--limit N] [--batch-size 32]

speed.py times whole processes (start-up, reading, JSON writing included); this script
answers the narrower question the issues ask — "the actors, quotes and figures stages
together add at most 25 % to the bare parse", "the events stage at most 15 %" — by running
the loaded pipeline component by component over the same documents, the model's own
components batched with ``pipe`` as in a bare parse, and timing each one.

Default data: GeoWebNews (../shared/benchmarks/geoparse/geowebnews.jsonl) when present,
else the synthetic examples in examples/. Last line: one JSON object; ``*_ratio`` values are
stage seconds / parse seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

import eventwire
from eventwire.ingest import document_from_text
from eventwire.pipeline import EVENTWIRE_COMPONENTS

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "benchmarks"
GROUPS = {"actors_quotes_figures": ("eventwire_actors", "eventwire_quotes", "eventwire_figures"),
          "events": ("eventwire_events",), "story": ("eventwire_story",),
          "times_places": ("eventwire_times", "eventwire_places")}


def load_texts(path: Path | None, limit: int | None) -> list[tuple[str, str, str | None]]:
    if path is None:
        default = SHARED / "geoparse" / "geowebnews.jsonl"
        path = default if default.exists() else ROOT / "examples" / "sample.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("text")]
    return [(str(r["id"]), r["text"], r.get("published")) for r in rows[:limit]]


def measure(texts: list[tuple[str, str, str | None]], batch_size: int) -> dict[str, Any]:
    pipeline = eventwire.load_pipeline(n_process=1, check_language=False)
    nlp = pipeline.nlp
    documents = [document_from_text(text, id=doc_id, source=doc_id, published=published, settings=pipeline.settings)
                 for doc_id, text, published in texts]
    docs = [pipeline._prepare(d) for d in documents]  # tokenize + dateline, as the pipeline does
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if name in EVENTWIRE_COMPONENTS:
            docs = [component(doc) for doc in docs]
        else:
            docs = list(component.pipe(docs, batch_size=batch_size))  # type: ignore[attr-defined]
        seconds[name] = time.perf_counter() - started
    parse = sum(s for name, s in seconds.items() if name not in EVENTWIRE_COMPONENTS)
    result: dict[str, Any] = {"docs": len(docs), "parse_s": round(parse, 3),
                              "stages_s": {n: round(s, 3) for n, s in seconds.items() if n in EVENTWIRE_COMPONENTS}}
    for group, names in GROUPS.items():
        result[f"{group}_ratio"] = round(sum(seconds.get(n, 0.0) for n in names) / parse, 4) if parse else None
    result["all_stages_ratio"] = round(sum(result["stages_s"].values()) / parse, 4) if parse else None
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    texts = load_texts(args.data, args.limit)
    measure(texts[:5], args.batch_size)  # warm-up: gazetteer and knowledge files opened, caches filled
    result = measure(texts, args.batch_size)
    for name, s in result["stages_s"].items():
        print(f"{name:<20} {s:8.3f} s  {100 * s / result['parse_s']:6.1f} % of the parse")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
