#!/usr/bin/env python3
"""What the release checks cost (issue 17): the wheel smoke test (scripts/smoke_wheel.sh: build the sdist and the
wheel, check their files, validate CITATION.cff, install into an empty venv from the package index, extract the
sample with no network) and the licence check (scripts/check_licenses.py), each timed as CI runs it.

    python benchmarks/release_check.py

Prints each step's seconds, then one JSON object.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEP = re.compile(r"^smoke_wheel: (.+) \((\d+) s\)$")


def main() -> int:
    t0 = time.perf_counter()
    lic = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_licenses.py")], cwd=ROOT,
                         capture_output=True, text=True)
    licence_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    smoke = subprocess.run(["bash", str(ROOT / "scripts" / "smoke_wheel.sh")], cwd=ROOT, capture_output=True,
                           text=True)
    smoke_s = time.perf_counter() - t0
    steps = {}
    for line in smoke.stdout.splitlines():
        m = STEP.match(line)
        if m:
            name = "built the sdist and the wheel" if m.group(1).startswith("built ") else m.group(1)
            steps[name] = int(m.group(2))
    reports = next((line.split(": ", 1)[1] for line in smoke.stdout.splitlines()
                    if line.startswith("smoke_wheel: ") and " reports, " in line), None)
    print("\n".join(f"{k}: {v} s" for k, v in steps.items()), file=sys.stderr)
    print(json.dumps({"licence_check_ok": lic.returncode == 0, "licence_check_s": round(licence_s, 1),
                      "wheel_smoke_ok": smoke.returncode == 0, "wheel_smoke_s": round(smoke_s, 1),
                      "wheel_steps_s": steps, "wheel_extract": reports}))
    return 0 if lic.returncode == 0 and smoke.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
