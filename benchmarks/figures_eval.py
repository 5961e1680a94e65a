"""Evaluate the figures stage on benchmarks/figures_gold.jsonl (invented dispatches, hand-labelled).

    .venv/bin/python benchmarks/figures_eval.py [--gold PATH] [--show]

A predicted figure matches a gold one when their spans overlap (gold spans are located by text,
``occurrence`` picks the n-th hit).  Per field: among matched pairs, how often the field agrees
(precision over predictions, recall over gold, both counting only correct fields).  Exact match:
value + category + scope + reported_by all correct.  reported_by is compared by surface name:
the gold name must overlap (case-insensitively) the predicted actor's name or one of its mentions;
null must be null.  The last line printed is one JSON object with the numbers per split.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

FIELDS = ("category", "value", "low", "high", "qualifier", "scope", "since", "reported_by", "who")
EXACT = ("value", "category", "scope", "reported_by")


def _locate(text: str, gold: dict[str, Any]) -> tuple[int, int]:
    start = -1
    for _ in range(gold.get("occurrence", 0) + 1):
        start = text.find(gold["text"], start + 1)
    if start < 0:
        raise ValueError(f"gold span {gold['text']!r} not in text")
    return start, start + len(gold["text"])


def _names(report: dict[str, Any], actor_id: str | None) -> list[str]:
    if actor_id is None:
        return []
    for actor in report["actors"]:
        if actor["id"] == actor_id:
            return [actor["name"].lower()] + [m["text"].lower() for m in actor["mentions"]]
    return [actor_id.replace("-", " ")]


def _same_source(gold: str | None, names: list[str]) -> bool:
    if gold is None:
        return not names
    g = gold.lower()
    return any(g in n or n in g for n in names if n)


def _field_ok(field: str, gold: dict[str, Any], pred: dict[str, Any], report: dict[str, Any]) -> bool:
    if field == "reported_by":
        return _same_source(gold.get("reported_by"), _names(report, pred.get("reported_by")))
    if field == "who":
        g, p = gold.get("who"), pred.get("who")
        return (g or "").lower() == (p or "").lower()
    return gold.get(field) == pred.get(field)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def evaluate(gold_path: Path, show: bool = False) -> dict[str, Any]:
    from eventwire import load_pipeline

    pipeline = load_pipeline(n_process=1)
    tallies: dict[str, dict[str, int]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        report = pipeline.extract(doc["text"], published=doc.get("published"), id=doc["id"]).to_dict()
        t = tallies.setdefault(doc["split"], {"gold": 0, "pred": 0, "span": 0, "exact": 0,
                                               **{f: 0 for f in FIELDS}})
        preds = report["figures"]
        t["gold"] += len(doc["figures"])
        t["pred"] += len(preds)
        used: set[int] = set()
        for g in doc["figures"]:
            gs, ge = _locate(doc["text"], g)
            match = next((k for k, p in enumerate(preds) if k not in used and p["start"] < ge and gs < p["end"]), None)
            if match is None:
                if show:
                    print(f"  MISS {doc['id']}: {g['text']!r} {g['category']}")
                continue
            used.add(match)
            p = preds[match]
            t["span"] += 1
            oks = {f: _field_ok(f, g, p, report) for f in FIELDS}
            for f, ok in oks.items():
                t[f] += ok
            t["exact"] += all(oks[f] for f in EXACT)
            if show and not all(oks[f] for f in (*EXACT, "qualifier", "since", "low", "high")):
                bad = {f: (g.get(f), p.get(f)) for f, ok in oks.items() if not ok and f != "who"}
                print(f"  DIFF {doc['id']}: {g['text']!r} gold/pred {bad}")
        if show:
            for k, p in enumerate(preds):
                if k not in used:
                    print(f"  EXTRA {doc['id']}: {p['text']!r} {p['category']} by={p['reported_by']}")
    out: dict[str, Any] = {}
    for split, t in sorted(tallies.items()):
        out[split] = {"gold": t["gold"], "pred": t["pred"], "span": _prf(t["span"], t["pred"], t["gold"]),
                      "exact_match": _prf(t["exact"], t["pred"], t["gold"]),
                      "fields": {f: _prf(t[f], t["pred"], t["gold"]) for f in FIELDS}}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=HERE / "figures_gold.jsonl")
    parser.add_argument("--show", action="store_true", help="print misses, differences and extras")
    args = parser.parse_args()
    result = evaluate(args.gold, show=args.show)
    for split, r in result.items():
        print(f"{split}: exact-match F1 {r['exact_match']['f1']}  span F1 {r['span']['f1']}  "
              f"({r['gold']} gold, {r['pred']} predicted)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
