#!/usr/bin/env python3
"""Train the story stage's actor ranker: which actors an analyst codes as actor1 and actor2 of an event.

    .venv/bin/python benchmarks/train_actor_ranker.py          # train, write src/eventwire/data/story_actor_ranker.json
    .venv/bin/python benchmarks/train_actor_ranker.py --check  # cross-validation only, write nothing

Data: the project's own coded real reports, ``benchmarks/stories/own-*.jsonl`` (the same reports
the story scorer learns from; the shared 32 and our fresh and held-out sets are never used here).
Each report is run through the pipeline; every candidate group of mentions that matches a gold
event (type, and a mention in the gold evidence sentence; first come, as the stories scorer
matches) yields the doer candidates of ``eventwire.story.actor_ranker.candidates`` with the
rules' pick among them. A candidate is labelled 1 when one of its names (name, id, aliases,
mentions) matches the gold actor1 as the stories scorer matches names.

Model: scikit-learn LogisticRegression (L2, liblinear, no intercept: the ``bias`` feature carries
it). C and the threshold under which the rules' pick stands are chosen by 5-fold
cross-validation over reports, on how often the chosen doer is the analyst's; the final model
is fitted on all reports. CPU only, seconds. Deterministic: fixed folds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OWN = sorted((ROOT / "benchmarks" / "stories").glob("own-*.jsonl"))
OUT = ROOT / "src" / "eventwire" / "data" / "story_actor_ranker.json"
CS = (0.01, 0.03, 0.1, 0.3, 1.0)
ROLES = ("actor1", "actor2")
THRESHOLDS = (0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8)
# Name matching as ../shared/benchmarks/stories/score.py does it (one name's words within the other's).
STOP = {"the", "a", "an", "of", "in", "s", "'s", "and", "said", "spokesman", "spokeswoman"}


def _words(s: str | None) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", (s or "").lower()) if t not in STOP}


def names_match(a: str | None, b: str | None) -> bool:
    ta, tb = _words(a), _words(b)
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def load_gold(paths: list[Path]) -> list[dict[str, Any]]:
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            out += [json.loads(line) for line in f if line.strip()]
    return out


def _right(story: Any, actor_id: str | None, gold_name: str | None) -> bool:
    """One of the actor's names (id, name, aliases, mentions) matches the analyst's."""
    if actor_id is None or not gold_name:
        return False
    a = story.actor_by_id.get(actor_id)
    names = [actor_id.replace("-", " ")]
    if a is not None:
        names += [a.name, *a.aliases, *(m.text for m in a.mentions)]
    return any(names_match(n, gold_name) for n in names)


def examples(gold: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per role, per report, per matched event: the candidates' features, labels and whether the rules
    were right (for an event the analyst coded without that role, right means none)."""
    from eventwire.ingest import document_from_text
    from eventwire.pipeline import load_pipeline
    from eventwire.story import candidate_groups
    from eventwire.story.actor_ranker import candidates, kind_of
    from eventwire.story.resolve import _pick_actor1, _pick_actor2

    pipeline = load_pipeline(n_process=1)
    out: dict[str, list[dict[str, Any]]] = {role: [] for role in ROLES}
    for g in gold:
        document = document_from_text(g["text"], id=g["id"], source=g["id"], published=g["published"],
                                      settings=pipeline.settings)
        doc = pipeline.nlp(pipeline._prepare(document))
        groups, story = candidate_groups(doc, doc._.eventwire_events or [], doc._.eventwire_places or [],
                                         doc._.eventwire_times or [], doc._.eventwire_actor_table,
                                         doc._.eventwire_quotes or [], doc._.eventwire_figures or [])
        text = g["text"]
        used: set[int] = set()
        events: dict[str, list[dict[str, Any]]] = {role: [] for role in ROLES}
        for ge in g["events"]:
            start = text.find(ge["evidence"])
            end = start + len(ge["evidence"])
            k = next((k for k, grp in enumerate(groups) if k not in used and any(
                v.event.type == ge["plover"] and v.sent_start < end and start < v.sent_end for v in grp.members)),
                None)
            if k is None:
                continue
            used.add(k)
            members = groups[k].members
            first_a2 = _pick_actor2(members, story, None)  # as resolve() picks them
            rule1 = _pick_actor1(members, story, first_a2)
            rule2 = _pick_actor2(members, story, rule1) if rule1 is not None and (
                rule1 == first_a2 or members[0].event.type == "ASSAULT") else first_a2
            picks = {"actor1": (rule1, candidates(members, story, rule1, first_a2)),
                     "actor2": (rule2, candidates(members, story, rule2, rule1, "actor2"))}
            for role, (rule, cands) in picks.items():
                gold_name = ge.get(role)
                if role == "actor1" and not gold_name:
                    continue  # an analyst's event with no doer: nothing to rank
                events[role].append({"features": [c.features for c in cands],
                                     "labels": [int(_right(story, c.actor, gold_name)) for c in cands],
                                     "rule_right": _right(story, rule, gold_name) if gold_name else rule is None,
                                     "rule_none": rule is None, "kind": kind_of(members[0].event.type),
                                     "gold_none": not gold_name})
        for role in ROLES:
            out[role].append({"id": g["id"], "events": events[role]})
    return out


def fit(reports: list[dict[str, Any]], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [f for r in reports for e in r["events"] for f in e["features"]]
    labels = [y for r in reports for e in r["events"] for y in e["labels"]]
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform(feats)
    model = LogisticRegression(C=c, solver="liblinear", fit_intercept=False, max_iter=1000)
    model.fit(x, labels)
    return {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
            if abs(w) > 1e-6}


def accuracy(reports: list[dict[str, Any]], weights: dict[str, float] | None, threshold: float,
             fill: float | dict[str, float] | None = None) -> float:
    """How often the chosen actor is the analyst's (the rules' pick where the model is unsure: below
    `threshold` to override a pick, below `fill` to name one where the rules found nobody)."""
    from eventwire.story.actor_ranker import RoleModel

    fills = fill if isinstance(fill, dict) else {}
    ranker = RoleModel(weights=weights or {}, threshold=threshold,
                       fill_threshold=threshold if fill is None or isinstance(fill, dict) else fill, fill_by_kind=fills)
    ok = n = 0
    for r in reports:
        for e in r["events"]:
            n += 1
            if weights is None or not e["features"]:
                ok += e["rule_right"]
                continue
            probs = [ranker.probability(f) for f in e["features"]]
            best = max(range(len(probs)), key=probs.__getitem__)
            # (an analyst's event with no such actor: the rules' none is right, any candidate wrong)
            needed = ranker.fill_by_kind.get(e.get("kind", ""), ranker.fill_threshold) if e.get("rule_none") \
                else ranker.threshold
            ok += e["rule_right"] if probs[best] < needed else e["labels"][best]
    return ok / n if n else 0.0


def cross_validate(reports: list[dict[str, Any]], role: str, folds: int = 5) -> tuple[
        float, float, dict[str, float], float, dict[str, float]]:
    """(C, threshold, fill thresholds and precisions per kind of event, accuracy) over held-out folds.

    C and the override threshold maximise accuracy, and so does the threshold above which the model
    names someone where the rules found nobody -- except for the doer of violence: blaming someone for
    an attack in an exported row misleads more than leaving it blank, so there the model fills a gap
    only above the lowest threshold at which the doers it names are more often right than wrong
    (precision >= 0.5; numbers both ways in BENCHMARKS.md)."""
    best = (0.0, 0.0, -1.0)
    fold_sets = {}
    for c in CS:
        fold_weights = [fit([r for i, r in enumerate(reports) if i % folds != k], c) for k in range(folds)]
        fold_sets[c] = fold_weights
        for t in THRESHOLDS:
            ok = n = 0.0
            for k in range(folds):
                test = [r for i, r in enumerate(reports) if i % folds == k]
                m = sum(len(r["events"]) for r in test)
                ok += accuracy(test, fold_weights[k], t, 0.0) * m
                n += m
            acc = ok / n if n else 0.0
            print(f"  C={c} threshold={t}: accuracy {acc:.3f} (filling every gap)", file=sys.stderr)
            if acc > best[2] + 1e-9:
                best = (c, t, acc)
    c, t, _ = best
    from eventwire.story.actor_ranker import RoleModel

    fill: dict[str, float] = {}
    precisions: dict[str, float] = {}
    for kind in ("violence", "statement"):
        fill[kind], precisions[kind] = 1.0, 0.0
        if not (role == "actor1" and kind == "violence"):
            scores = []
            for f in THRESHOLDS:
                ok = n = 0.0
                for k in range(folds):
                    test = [r for i, r in enumerate(reports) if i % folds == k]
                    m = sum(len(r["events"]) for r in test)
                    ok += accuracy(test, fold_sets[c][k], t, {kind: f, **{x: 0.0 for x in ("violence", "statement")
                                                                         if x != kind}}) * m
                    n += m
                scores.append((ok / n if n else 0.0, -f))
            fill[kind] = -max(scores)[1]
            continue
        for f in THRESHOLDS:
            right = named = 0
            for k in range(folds):
                model = RoleModel(weights=fold_sets[c][k])
                for r in (r for i, r in enumerate(reports) if i % folds == k):
                    for e in r["events"]:
                        if not e.get("rule_none") or not e["features"] or e.get("kind") != kind:
                            continue
                        probs = [model.probability(x) for x in e["features"]]
                        b = max(range(len(probs)), key=probs.__getitem__)
                        if probs[b] >= f:
                            named += 1
                            right += e["labels"][b]
            precision = right / named if named else 0.0
            print(f"  C={c} {kind} fill={f}: names {named}, right {right} ({precision:.2f})", file=sys.stderr)
            if named and precision >= 0.5:
                fill[kind], precisions[kind] = f, precision
                break
    ok = n = 0.0
    for k in range(folds):
        test = [r for i, r in enumerate(reports) if i % folds == k]
        m = sum(len(r["events"]) for r in test)
        ok += accuracy(test, fold_sets[c][k], t, fill) * m
        n += m
    return c, t, fill, (ok / n if n else 0.0), precisions


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="cross-validate only; write nothing")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--gold", type=Path, nargs="+", default=None,
                    help="coded reports to train on (default: benchmarks/stories/own-*.jsonl)")
    args = ap.parse_args()
    paths = args.gold or OWN
    if not paths:
        sys.exit("train_actor_ranker: no benchmarks/stories/own-*.jsonl")
    import sklearn

    started = time.perf_counter()
    by_role = examples(load_gold(paths))
    read_s = time.perf_counter() - started
    summary: dict[str, Any] = {"seconds": {"read": round(read_s, 1)}}
    models: dict[str, Any] = {}
    for role, reports in by_role.items():
        n_events = sum(len(r["events"]) for r in reports)
        ceiling = sum(any(e["labels"]) for r in reports for e in r["events"]) / max(1, n_events)
        rules = accuracy(reports, None, 0.5)
        c, threshold, fill, cv, fill_precision = cross_validate(reports, role)
        shown = ", ".join(f"{k} {fill[k]}" + (f" (right {fill_precision[k]:.2f})" if fill_precision[k] else "")
                          for k in fill)
        print(f"{role}: {len(reports)} reports, {n_events} matched events; candidates hold the "
              f"analyst's in {ceiling:.3f}; rules alone {rules:.3f}; 5-fold CV best C={c} threshold={threshold} "
              f"fill {shown}: {cv:.3f}", file=sys.stderr)
        summary[role] = {"events": n_events, "ceiling": round(ceiling, 3), "rules": round(rules, 3), "C": c,
                         "threshold": threshold, "fill_by_kind": fill,
                         "fill_precision": {k: round(v, 3) for k, v in fill_precision.items()}, "cv": round(cv, 3)}
        if not args.check:
            models[role] = {"threshold": threshold, "fill_by_kind": fill,
                            "weights": dict(sorted(fit(reports, c).items()))}
    summary["seconds"]["train"] = round(time.perf_counter() - started - read_s, 1)
    if args.check:
        print(json.dumps(summary))
        return 0
    data = {"model": "logistic regression per role over story/actor_ranker.py candidate features",
            "trained_on": [p.name for p in paths], **summary, "sklearn": sklearn.__version__,
            "trained": dt.date.today().isoformat(), "roles": models}
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
