#!/usr/bin/env python3
"""Evaluate the cross-article dedup on benchmarks/dedup_gold.jsonl (invented dispatches, hand-labelled).

    .venv/bin/python benchmarks/dedup_eval.py [--gold PATH] [--distractors PATH ...] [--no-wikievents]
                                              [--no-distractors] [--distractor-dates gold|none]
                                              [--show N] [--keep-db PATH]

Each gold line is an article (``id``, ``published``, ``text``; optionally ``url``, ``title``, ``outlet``)
with the incident its main event reports and that event's PLOVER type.  A line whose ``incident`` is
null is a distractor of that file (a same-country, same-week report of something else): it is
ingested with its own date, and a merge of it with a gold article is a false merge.  The articles
are ingested (library, one process) into a fresh SQLite store, which also runs the dedup.  Scoring
is pairwise over the gold articles: a pair is predicted "same" when both articles have a story event
of their gold type linked to one canonical event; it is gold "same" when the two share the incident
label.  (Before story events, mentions were linked: see docs/notes/dedup-eval.md.)

Distractors: the 40 real WikiEvents articles of ../shared/benchmarks/events/wikievents_{dev,test}.jsonl
(read at run time only when present; EVENTWIRE_SHARED overrides ../shared).  They have no
publication date; by default each gets one of the gold articles' dates in turn (--distractor-dates
gold) so their events fall inside the gold window and can collide with it; ``none`` ingests them
undated.  A canonical event that joins a gold article and a distractor is a false merge (its
pairs count as false positives); canonical events that merge two or more distractors are counted
separately (no gold for them) and a few are printed with their explanation.  ``--distractors PATH``
(repeatable) adds the lines of other files (``id``, ``text``, optionally ``published``) as distractors
too; ``--no-wikievents`` leaves the WikiEvents ones out, ``--no-distractors`` every distractor.

The last line printed is one JSON object with the numbers.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "benchmarks" / "events"
DISTRACTOR_FILES = ("wikievents_dev.jsonl", "wikievents_test.jsonl")
PREFIX = "distractor:"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_distractors(dates: list[str], mode: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in DISTRACTOR_FILES:
        path = SHARED / name
        if path.exists():
            out += [{"id": PREFIX + r["id"], "text": r["text"]} for r in read_jsonl(path)]
    if mode == "gold" and dates:
        for i, r in enumerate(out):
            r["published"] = dates[i % len(dates)]
    return out


def split_gold(lines: list[dict[str, Any]], path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The gold articles of a file, and its lines whose incident is null (its own distractors)."""
    gold, own = [], []
    for i, r in enumerate(lines, 1):
        for key in ("id", "text", "incident"):
            if key not in r:
                raise SystemExit(f"{path}:{i}: no {key!r}")
        if r["incident"] is None:
            own.append({"id": PREFIX + str(r["id"]), "text": r["text"], "published": r.get("published"),
                        "url": r.get("url"), "title": r.get("title")})
        else:
            if "type" not in r:
                raise SystemExit(f"{path}:{i}: no 'type' for incident {r['incident']!r}")
            gold.append(r)
    return gold, own


def load_extra(paths: list[Path], dates: list[str], mode: str) -> list[dict[str, Any]]:
    """Distractors from files given on the command line; an undated one gets a gold date (mode gold)."""
    out: list[dict[str, Any]] = []
    for path in paths:
        for r in read_jsonl(path):
            out.append({"id": f"{PREFIX}{path.stem}:{r['id']}", "text": r["text"], "published": r.get("published"),
                        "url": r.get("url"), "title": r.get("title")})
    undated = [r for r in out if not r["published"]]
    if mode == "gold" and dates:
        for i, r in enumerate(undated):
            r["published"] = dates[i % len(dates)]
    return out


def short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=HERE / "dedup_gold.jsonl")
    ap.add_argument("--distractors", type=Path, action="append", default=[],
                    help="a JSONL file of more distractors (id, text, published); repeatable")
    ap.add_argument("--no-wikievents", action="store_true", help="leave out the WikiEvents distractors")
    ap.add_argument("--no-distractors", action="store_true", help="only the gold articles (no distractor at all)")
    ap.add_argument("--distractor-dates", choices=("gold", "none"), default="gold",
                    help="publication dates given to the undated distractors [default: gold]")
    ap.add_argument("--show", type=int, default=5, help="distractor-only merges to print [default: 5]")
    ap.add_argument("--keep-db", type=Path, default=None, help="write the store here instead of a temp dir")
    args = ap.parse_args()

    from eventwire.batch import ingest
    from eventwire.dedup import explain, load_reports
    from eventwire.pipeline import load_pipeline
    from eventwire.store import open_store

    gold, own = split_gold(read_jsonl(args.gold), args.gold)
    by_id = {g["id"]: g for g in gold}
    dates = sorted({g["published"] for g in gold})
    distractors = [] if args.no_distractors else (
        own + load_extra(args.distractors, dates, args.distractor_dates)
        + ([] if args.no_wikievents else load_distractors(dates, args.distractor_dates)))

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dedup-eval-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for r in [*gold, *distractors]:
                line = {k: r.get(k) for k in ("id", "published", "text", "url", "title") if r.get(k)}
                f.write(json.dumps(line) + "\n")
        db = args.keep_db or Path(tmp) / "dedup.db"
        if db.exists():
            db.unlink()
        pipeline = load_pipeline(None, n_process=1)
        with open_store(str(db)) as store:
            summary = ingest([str(corpus)], store, pipeline, processes=1)
            for err in summary.errors:
                print(f"ingest error {err.source_id}: {err.code}: {err.message}")
            rows = store.query(
                "SELECT d.source_id, s.story_event_id AS event_id, s.type, s.date, s.place_name, "
                "s.place_precision, s.actor1, s.modality, s.mentions, s.doc_id, l.canonical_id, l.reason "
                "FROM story_events s JOIN documents d ON d.id = s.doc_id "
                "LEFT JOIN event_links l ON l.doc_id = s.doc_id AND l.story_event_id = s.story_event_id "
                "ORDER BY d.source_id, s.story_event_id")
            reports = {(r.doc_id, r.event_id): r for r in load_reports(store)}
            report = score(gold, by_id, distractors, rows, store, explain, args.show, reports)
    seconds = time.perf_counter() - started
    report["summary"]["seconds"] = round(seconds, 1)
    print(f"\n{seconds:.1f} s ({summary.stored} documents stored, {summary.canonical_events} canonical events)")
    print(json.dumps(report["summary"]))
    return 0


def why_apart(a: Any, b: Any, km: float = 25.0, days: int = 1) -> str:
    """Which of the dedup's rules keeps two reports (dedup.EventReport) apart, as dedup.refusal says
    (each in turn as the canonical event's first report)."""
    from eventwire.dedup import Canonical, refusal

    one = refusal(Canonical("x", [(a, "")]), b, km, days)
    other = refusal(Canonical("x", [(b, "")]), a, km, days)
    if one is None or other is None:
        return "compatible as a pair: the greedy clustering put them in different canonical events"
    return one if one == other else f"{one} (the other way round: {other})"


def score(gold: list[dict[str, Any]], by_id: dict[str, dict[str, Any]], distractors: list[dict[str, Any]],
          rows: list[dict[str, Any]], store: Any, explain: Any, show: int,
          reports: dict[tuple[str, str], Any]) -> dict[str, Any]:
    events: dict[str, list[dict[str, Any]]] = defaultdict(list)  # source id -> its story events
    members: dict[str, set[str]] = defaultdict(set)  # canonical id -> source ids
    reasons: dict[tuple[str, str], str] = {}  # (canonical, source id) -> the first link reason
    for r in rows:
        events[r["source_id"]].append(r)
        if r["canonical_id"]:
            members[r["canonical_id"]].add(r["source_id"])
            reasons.setdefault((r["canonical_id"], r["source_id"]), r["reason"])

    def canon_of(sid: str) -> set[str]:
        """The canonical events of an article's story events of its gold type."""
        t = by_id[sid]["type"]
        return {e["canonical_id"] for e in events[sid] if e["type"] == t and e["canonical_id"]}

    ids = [g["id"] for g in gold]
    canon = {sid: canon_of(sid) for sid in ids}
    tp, fp, fn = [], [], []
    gold_pairs = pred_pairs = 0
    for a, b in itertools.combinations(ids, 2):
        same_gold = by_id[a]["incident"] == by_id[b]["incident"]
        shared = canon[a] & canon[b] if by_id[a]["type"] == by_id[b]["type"] else set()
        gold_pairs += same_gold
        pred_pairs += bool(shared)
        if same_gold and shared:
            tp.append((a, b))
        elif shared:
            fp.append((a, b, sorted(shared)))
        elif same_gold:
            fn.append((a, b))

    # Canonical events that join gold articles (through a story event of their gold type) with distractors
    # (through any story event), and distractor-only merges.
    gold_ids = set(ids)
    mixed: list[tuple[str, set[str], set[str]]] = []
    distractor_only: list[str] = []
    for cid, docs in sorted(members.items()):
        g, d = {x for x in docs & gold_ids if cid in canon[x]}, {x for x in docs if x.startswith(PREFIX)}
        if g and d:
            mixed.append((cid, g, d))
        elif len(d) >= 2 and not g:
            distractor_only.append(cid)
    mixed_pairs = {(x, y) for _, g, d in mixed for x in g for y in d}

    def in_passing(cid: str, sid: str) -> bool:
        """Whether a distractor joins canonical event `cid` only through a story event that is not its
        first of that type: a mention in passing ("... where more than 100 were killed last week"), which
        may well be the gold incident itself (judge by eye)."""
        linked = [e for e in events[sid] if e["canonical_id"] == cid]
        firsts = {}
        for e in events[sid]:
            firsts.setdefault(e["type"], e["event_id"])
        return bool(linked) and all(firsts[e["type"]] != e["event_id"] for e in linked)

    firm = {(x, y) for cid, g, d in mixed for x in g for y in d if not in_passing(cid, y)}
    passing_pairs = mixed_pairs - firm

    p_fp = len(fp) + len(mixed_pairs)
    precision = len(tp) / (len(tp) + p_fp) if tp or p_fp else 1.0
    recall = len(tp) / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    p_gold_only = len(tp) / pred_pairs if pred_pairs else 1.0

    # The same pairs scored on each article's MAIN event only, as the gold labels it: its first story event of
    # its gold type (news leads with it). A correct link of a mention in passing of another incident ("a week
    # after the bombing in X") is then no false pair; a main event linked wrongly still is.
    def lead_of(sid: str) -> str | None:
        t = by_id.get(sid, {}).get("type")
        return next((e["canonical_id"] for e in events[sid] if (t is None or e["type"] == t)), None)

    lead = {sid: lead_of(sid) for sid in ids}
    l_tp = l_fp = 0
    for a, b in itertools.combinations(ids, 2):
        if lead[a] and lead[a] == lead[b] and by_id[a]["type"] == by_id[b]["type"]:
            if by_id[a]["incident"] == by_id[b]["incident"]:
                l_tp += 1
            else:
                l_fp += 1
    firsts_of = {sid: {e["canonical_id"] for e in events[sid] if not in_passing(e["canonical_id"], sid)}
                 for sid in {y for _, _, d in mixed for y in d}}
    l_fp += sum(1 for cid, g, d in mixed for x in g for y in d if lead[x] == cid and cid in firsts_of[y])
    l_precision = l_tp / (l_tp + l_fp) if l_tp + l_fp else 1.0
    l_recall = l_tp / gold_pairs if gold_pairs else 1.0
    l_f1 = 2 * l_precision * l_recall / (l_precision + l_recall) if l_precision + l_recall else 0.0

    def describe(sid: str) -> str:
        t = by_id[sid]["type"]
        evs = [e for e in events[sid] if e["type"] == t]
        if not evs:
            found = sorted({e["type"] for e in events[sid]})
            return f"{sid}: no {t} story event (types found: {', '.join(found) or 'none'})"
        parts = [f"{e['event_id']} {e['mentions']} date={e['date']} place={e['place_name']} "
                 f"({e['place_precision']}) actor1={e['actor1']} modality={e['modality']} -> "
                 f"{e['canonical_id'] or 'not linked (dropped by dedup)'}" for e in evs]
        return f"{sid}: " + " | ".join(parts)

    def gold_reports(sid: str) -> list[Any]:
        t = by_id[sid]["type"]
        return [reports[(e["doc_id"], e["event_id"])] for e in events[sid]
                if e["type"] == t and (e["doc_id"], e["event_id"]) in reports]

    def missed_because(a: str, b: str) -> str:
        ra, rb = gold_reports(a), gold_reports(b)
        if not ra or not rb:
            return " and ".join(f"{s} has no dated, real {by_id[s]['type']} story event"
                                for s, r in ((a, ra), (b, rb)) if not r)
        return "; ".join(sorted({why_apart(x, y) for x in ra for y in rb}))

    n_incidents = len({g["incident"] for g in gold})
    print(f"gold: {len(gold)} articles, {n_incidents} incidents, {gold_pairs} same-incident pairs; "
          f"distractors: {len(distractors)}")
    print(f"predicted same pairs among gold articles: {pred_pairs} (true {len(tp)}, false {len(fp)}); "
          f"missed: {len(fn)}")
    print(f"canonical events joining a gold article and a distractor: {len(mixed)} "
          f"({len(mixed_pairs)} pairs, {len(passing_pairs)} of them through a distractor's mention in passing); "
          f"canonical events merging 2+ distractors only: {len(distractor_only)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
          + (f"  (precision over gold pairs only {p_gold_only:.3f})" if distractors else ""))
    print(f"main events only (each article's first story event of its gold type): precision {l_precision:.3f}  "
          f"recall {l_recall:.3f}  F1 {l_f1:.3f}")

    if tp:
        print("\nmerged correctly: " + ", ".join(f"{a}+{b}" for a, b in tp))
    if fp:
        print("\n== false merges (gold articles of different incidents) ==")
        seen: set[str] = set()
        for a, b, cids in fp:
            print(f"- {a} [{by_id[a]['incident']}] + {b} [{by_id[b]['incident']}] in {', '.join(cids)}")
            for cid in cids:
                print(f"    {a}: {reasons.get((cid, a))}\n    {b}: {reasons.get((cid, b))}")
                if cid not in seen:
                    seen.add(cid)
                    print("    " + (explain(store, cid) or "").replace("\n", "\n    "))
    if fn:
        print("\n== missed pairs (same incident, not merged) ==")
        for a, b in fn:
            print(f"- {a} + {b} [{by_id[a]['incident']}]: {missed_because(a, b)}")
        print("  the articles' story events of their gold type:")
        for sid in sorted({x for pair in fn for x in pair}):
            print("    " + describe(sid))
    if mixed:
        print("\n== false merges with distractors ==")
        for cid, g, d in mixed:
            passing = sorted(x[len(PREFIX):] for x in d if in_passing(cid, x))
            print(f"- {cid}: gold {sorted(g)} + distractors {sorted(x[len(PREFIX):] for x in d)}"
                  + (f" (in passing: {passing})" if passing else ""))
            print("    " + (explain(store, cid) or "").replace("\n", "\n    "))
    if distractor_only:
        print(f"\n== merges among distractors only ({len(distractor_only)}; first {show}, judge by eye) ==")
        for cid in distractor_only[:show]:
            print("    " + (explain(store, cid) or "").replace("\n", "\n    "))

    summary = {"pairs_gold": gold_pairs, "pairs_predicted": pred_pairs + len(mixed_pairs), "true_pairs": len(tp),
               "false_pairs": p_fp, "missed_pairs": len(fn), "precision": round(precision, 4),
               "recall": round(recall, 4), "f1": round(f1, 4), "precision_gold_only": round(p_gold_only, 4),
               "false_merges_with_distractors": len(mixed), "false_pairs_with_distractors": len(mixed_pairs),
               "false_pairs_with_distractors_in_passing": len(passing_pairs),
               "distractor_merges": len(distractor_only), "articles": len(gold), "incidents": n_incidents,
               "distractors": len(distractors), "main_precision": round(l_precision, 4),
               "main_recall": round(l_recall, 4), "main_f1": round(l_f1, 4)}
    return {"summary": summary}


if __name__ == "__main__":
    sys.exit(main())
