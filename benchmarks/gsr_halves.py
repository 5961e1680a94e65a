"""PLOVER gold-standard records scored in two halves: odd record numbers (used for tuning) and even
ones (held out).

The GSR has no dev/test split. The events rules of the second round were drawn from reading GSR
errors: at first over the whole set, from then on only over odd-numbered records. The even half is
the closest thing to a held-out number the GSR gives.

    python benchmarks/gsr_halves.py            # every event mention (the default)
    EVENTWIRE_EVENTS=sentence python benchmarks/gsr_halves.py

Prints one JSON line: doc-type P/R/F1 per half (same definition as events/score.py: the set of
PLOVER types predicted per record against the mapped gold type).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "benchmarks"
CLI = str(ROOT / ".venv" / "bin" / "eventwire")


def main() -> None:
    gold_path = SHARED / "events" / "plover_gsr.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    type_map = json.loads((SHARED / "events" / "type_map.json").read_text(encoding="utf-8"))["plover_gsr"]
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, str(SHARED / "run.py"), "events", "--data", str(gold_path), "--cmd", CLI,
                        "--keep", work], check=True, capture_output=True)
        predictions = {}
        for line in (Path(work) / "predictions.jsonl").read_text(encoding="utf-8").splitlines():
            p = json.loads(line)
            predictions[p["id"]] = {e["type"] for e in p.get("events") or []}
    counts = {"odd (tuning)": [0, 0, 0], "even (held out)": [0, 0, 0]}
    sizes = {"odd (tuning)": 0, "even (held out)": 0}
    for record in gold:
        number = int(record["id"].split("-")[3][:4])
        half = "odd (tuning)" if number % 2 else "even (held out)"
        wanted = {type_map[e["type"]]["plover"] for e in record["events"] if type_map[e["type"]]["plover"]}
        got = predictions.get(record["id"], set())
        sizes[half] += 1
        c = counts[half]
        c[0] += len(wanted & got)
        c[1] += len(got - wanted)
        c[2] += len(wanted - got)
    out = {}
    for half, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[half] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                     "records": sizes[half]}
    print(json.dumps({"doc_type": out}))


if __name__ == "__main__":
    main()
