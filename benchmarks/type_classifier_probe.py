#!/usr/bin/env python3
"""Experiment (issue 12, item 4): would a learned sentence-level type classifier find the event types the rules
miss on reports they were not written on?

    .venv/bin/python benchmarks/type_classifier_probe.py [--threshold 0.5]

Trains one logistic regression per PLOVER type (scikit-learn, CPU, seconds) on the sentences of our own coded
reports whose errors are read (``benchmarks/stories/own-*.jsonl`` and ``fresh/fresh-[jklmntuvwxy].jsonl``): a
sentence is labelled with every type a gold event has its evidence there. Features: the sentence's content lemmas,
its root lemma, and the types the rules' mentions give in it. Scored on the blind and held-out sets
(``fresh-[opqr]``, ``heldout/*``), counts only: per type, of the (sentence, type) pairs the gold has and the rules
miss, how many the classifier finds, and how many pairs it adds that the gold does not have. Nothing is shipped; the
last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "benchmarks" / "stories"
TYPES = ("ASSAULT", "ACCUSE", "COERCE", "SANCTION", "REQUEST", "REJECT", "PROTEST", "RETREAT", "THREATEN", "AGREE",
         "MOBILIZE")
CONTENT = {"NOUN", "VERB", "ADJ", "PROPN"}


def load(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def sentences(reports: list[dict], pipeline) -> list[tuple[dict[str, float], set[str], set[str]]]:
    """(features, gold types, rule types) per sentence."""
    out = []
    for g in reports:
        report = pipeline.extract(g["text"], published=g["published"])
        doc = pipeline.nlp(g["text"])
        spans = []
        for ge in g["events"]:
            start = g["text"].find(ge["evidence"])
            if start >= 0:
                spans.append((start, start + len(ge["evidence"]), ge["plover"]))
        for sent in doc.sents:
            a, b = sent.start_char, sent.end_char
            gold = {t for s, e, t in spans if s < b and a < e}
            rules = {m.type for m in report.events if m.trigger and a <= m.trigger.start < b}
            feats: dict[str, float] = {"bias": 1.0, f"root:{sent.root.lemma_.lower()}": 1.0}
            for tok in sent:
                if tok.pos_ in CONTENT and tok.is_alpha:
                    feats[f"w:{tok.lemma_.lower()}"] = 1.0
            for t in rules:
                feats[f"rule:{t}"] = 1.0
            out.append((feats, gold, rules))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--c", type=float, default=1.0)
    args = ap.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from eventwire.pipeline import load_pipeline

    started = time.perf_counter()
    pipeline = load_pipeline(n_process=1)
    train_paths = sorted(STORIES.glob("own-*.jsonl")) + sorted((STORIES / "fresh").glob("fresh-[jklmntuvwxy].jsonl"))
    test_paths = sorted((STORIES / "fresh").glob("fresh-[opqr].jsonl")) + sorted((STORIES / "heldout").glob("*.jsonl"))
    if not test_paths:
        sys.exit("type_classifier_probe: no blind or held-out reports")
    train = sentences(load(train_paths), pipeline)
    test = sentences(load(test_paths), pipeline)
    vec = DictVectorizer()
    x_train = vec.fit_transform([f for f, _, _ in train])
    x_test = vec.transform([f for f, _, _ in test])
    result: dict[str, dict[str, int]] = {}
    totals: Counter = Counter()
    for t in TYPES:
        y = [int(t in gold) for _, gold, _ in train]
        if sum(y) < 5:
            continue
        model = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced")
        model.fit(x_train, y)
        prob = model.predict_proba(x_test)[:, 1]
        row = Counter()
        for p, (_, gold, rules) in zip(prob, test, strict=True):
            if t in rules:
                continue  # the rules already give this type here
            said = bool(p >= args.threshold)
            if t in gold:
                row["missed_by_rules"] += 1
                row["found"] += int(said)
            elif said:
                row["added_wrongly"] += 1
        result[t] = dict(row)
        totals.update(row)
    summary = {"train_sentences": len(train), "test_sentences": len(test), "threshold": args.threshold,
               "per_type": result, "total": dict(totals), "seconds": round(time.perf_counter() - started, 1)}
    for t, row in result.items():
        print(f"{t:9s} missed by rules {row.get('missed_by_rules', 0):3d}  found {row.get('found', 0):3d}  "
              f"added wrongly {row.get('added_wrongly', 0):4d}", file=sys.stderr)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
