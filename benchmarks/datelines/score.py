"""Score datelines on openings of real news pages (``real.jsonl``).

Runs ``<cmd> extract --input-format jsonl --format jsonl`` over the texts (as the stories scorer
does) and compares each report's ``dateline`` with the gold:

  places  the set of places, case-insensitive (a qualifier such as "Mo." or "Lebanon" is no place)
  agency  token containment either way ("AP" = "AP"; "Anadolu Agency" ~ "Anadolu Agency")
  date    the ISO date, resolved with the publication year

Two readings of each: ``story`` counts only items whose gold has the field (what the stories
scorer reports), ``all`` counts every item, so a dateline read where there is none (a false
dateline) costs as much as one missed.  ``false_datelines`` is the share of items with no gold
dateline where one was read; ``missed`` the share with a gold dateline where none was read.

    python3 benchmarks/datelines/score.py --cmd ./ew [--part dev|test|all] [--errors]

The last line is JSON.  Build the set once per change; score ``test`` only at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def toks(s: str | None) -> set[str]:
    return set(re.findall(r"\w+", (s or "").lower()))


def agency_ok(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return not pred
    a, b = toks(gold), toks(pred)
    return bool(a and b) and (a <= b or b <= a)


class Acc:
    def __init__(self) -> None:
        self.ok = self.n = 0

    def add(self, good: bool) -> None:
        self.n += 1
        self.ok += bool(good)

    def out(self) -> float | None:
        return round(self.ok / self.n, 3) if self.n else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cmd", default=os.environ.get("EVENTWIRE_CMD", "eventwire"))
    ap.add_argument("--gold", default=os.path.join(HERE, "real.jsonl"))
    ap.add_argument("--part", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--errors", action="store_true", help="print each item the output gets wrong")
    ap.add_argument("--reports", help="score this reports.jsonl instead of running the extractor")
    args = ap.parse_args()

    with open(args.gold, encoding="utf-8") as f:
        gold = [json.loads(line) for line in f if line.strip()]
    if args.part != "all":
        gold = [g for g in gold if g["part"] == args.part]
    if args.reports:
        with open(args.reports, encoding="utf-8") as f:
            out = f.read()
    else:
        feed = "".join(json.dumps({"id": g["id"], "text": g["text"], "published": g["published"]}) + "\n"
                       for g in gold)
        # a dateline is a format: openings of German, Portuguese or Spanish pages are read too
        env = {**os.environ, "EVENTWIRE_CHECK_LANGUAGE": "0"}
        proc = subprocess.run([*shlex.split(args.cmd), "extract", "--input-format", "jsonl", "--format", "jsonl"],
                              input=feed, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-3000:])
            sys.exit(f"score.py: extractor exited {proc.returncode}")
        out = proc.stdout
    reports = {}
    for line in out.splitlines():
        if line.strip():
            r = json.loads(line)
            reports[r.get("id")] = r

    story = {k: Acc() for k in ("places", "agency", "date")}
    every = {k: Acc() for k in ("places", "agency", "date")}
    false_dl, missed, exact = Acc(), Acc(), Acc()
    errors = []
    for g in gold:
        gd = g["dateline"]
        rd = (reports.get(g["id"]) or {}).get("dateline") or {}
        pp = {p.lower() for p in rd.get("places") or []}
        gp = {p.lower() for p in gd["places"]}
        ok = {"places": pp == gp, "agency": agency_ok(gd["agency"], rd.get("agency")),
              "date": (rd.get("date") or None) == gd["date"]}
        for k in ok:
            every[k].add(ok[k])
        if gd["places"]:
            story["places"].add(ok["places"])
        if gd["agency"]:
            story["agency"].add(ok["agency"])
        if gd["date"]:
            story["date"].add(ok["date"])
        has_gold = bool(gd["places"] or gd["agency"] or gd["date"])
        has_pred = bool(rd.get("places") or rd.get("agency") or rd.get("date"))
        (missed if has_gold else false_dl).add(has_pred != has_gold)
        exact.add(all(ok.values()))
        if not all(ok.values()):
            errors.append((g, rd, [k for k, v in ok.items() if not v]))

    summary = {
        "items": len(gold), "part": args.part,
        "story": {k: a.out() for k, a in story.items()},
        "all": {k: a.out() for k, a in every.items()},
        "exact": exact.out(), "false_datelines": false_dl.out(), "missed": missed.out(),
        "n": {"places": story["places"].n, "agency": story["agency"].n, "date": story["date"].n,
              "no_dateline": false_dl.n},
    }
    if args.errors:
        for g, rd, wrong in errors:
            gd = g["dateline"]
            print(f"{g['id']} [{', '.join(wrong)}] {g['shape']}")
            print(f"    text: {g['text'][:160]!r}")
            print(f"    gold: places={gd['places']} date={gd['date']} agency={gd['agency']}")
            print(f"    got:  places={rd.get('places') or []} date={rd.get('date')} agency={rd.get('agency')}"
                  f"  span={rd.get('text')!r}")
        print()
    print(f"datelines on {len(gold)} real openings ({args.part}): "
          f"places {summary['story']['places']} agency {summary['story']['agency']} date {summary['story']['date']} "
          f"(items with the field); all items: places {summary['all']['places']} agency {summary['all']['agency']} "
          f"date {summary['all']['date']}; exact {summary['exact']}; false datelines {summary['false_datelines']}; "
          f"missed {summary['missed']}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
