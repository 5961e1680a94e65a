#!/usr/bin/env python3
"""Every dependency and every shipped data file has a recorded licence (licenses.toml).

    python scripts/check_licenses.py [--root DIR] [--no-installed]

Fails (exit 1, one line per problem) when pyproject.toml names a dependency, runtime or dev, with no
``[packages.NAME]`` entry; when a file under src/eventwire/data or src/eventwire/web/static/vendor has no
``[files."PATH"]`` entry; when an entry names a package or a file that is gone or has no ``license``; and, unless
--no-installed, when an installed dependency's metadata says another licence than the entry's ``metadata`` (a
licence that changed on an upgrade). Run by tests/test_release.py (so by `make test`) and by .ci/run.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = "licenses.toml"
DATA_DIRS = ("src/eventwire/data", "src/eventwire/web/static/vendor")


def normalize(name: str) -> str:
    """A distribution name as PEP 503 compares them (En_Core.Web -> en-core-web)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def dependencies(pyproject: dict) -> dict[str, str]:
    """normalized name -> the requirement as written, for the runtime and every optional group."""
    project = pyproject.get("project", {})
    found = {}
    for req in [*project.get("dependencies", []),
                *(r for group in project.get("optional-dependencies", {}).values() for r in group)]:
        name = re.split(r"[\s\[<>=!~;@(]", req.strip(), maxsplit=1)[0]
        found[normalize(name)] = req
    return found


def installed_license(name: str) -> str | None:
    """What an installed distribution's metadata says its licence is (None: not installed here)."""
    try:
        meta = metadata.metadata(name)
    except metadata.PackageNotFoundError:
        return None
    if meta.get("License-Expression"):
        return meta["License-Expression"].strip()
    text = (meta.get("License") or "").strip()
    if text and text.upper() != "UNKNOWN":
        return text.splitlines()[0].strip()
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return "; ".join(classifiers)


def data_files(root: Path) -> list[str]:
    files = []
    for folder in DATA_DIRS:
        base = root / folder
        if base.is_dir():
            files += [p.relative_to(root).as_posix() for p in sorted(base.rglob("*"))
                      if p.is_file() and "__pycache__" not in p.parts]
    return files


def check(root: Path = ROOT, installed: bool = True) -> list[str]:
    """The problems found (empty when every dependency and file is recorded)."""
    record_path = root / RECORD
    if not record_path.is_file():
        return [f"{RECORD}: missing"]
    record = tomllib.loads(record_path.read_text(encoding="utf-8"))
    with open(root / "pyproject.toml", "rb") as f:
        deps = dependencies(tomllib.load(f))
    packages = {normalize(k): (k, v) for k, v in record.get("packages", {}).items()}
    files = record.get("files", {})
    problems = []
    for name, req in sorted(deps.items()):
        if name not in packages:
            problems.append(f"pyproject.toml: dependency {req!r} has no [packages.{name}] entry in {RECORD}")
    for name, (key, entry) in sorted(packages.items()):
        if name not in deps:
            problems.append(f"{RECORD}: [packages.{key}] is no dependency in pyproject.toml any more")
        if not entry.get("license"):
            problems.append(f"{RECORD}: [packages.{key}] has no license")
        if installed and name in deps:
            found = installed_license(key)
            if found is not None and found != entry.get("metadata"):
                problems.append(f"{RECORD}: [packages.{key}] records metadata {entry.get('metadata')!r} but the "
                                f"installed {key} says {found!r}: check its licence, then record what it says")
    present = data_files(root)
    for path in present:
        if path not in files:
            problems.append(f"{path}: no [files.\"{path}\"] entry in {RECORD} (its licence, source and what it asks)")
    for path, entry in sorted(files.items()):
        if not (root / path).is_file():
            problems.append(f"{RECORD}: [files.\"{path}\"] names no file")
        elif not entry.get("license"):
            problems.append(f"{RECORD}: [files.\"{path}\"] has no license")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to check")
    parser.add_argument("--no-installed", action="store_true",
                        help="do not compare with the installed packages' metadata")
    args = parser.parse_args(argv)
    problems = check(args.root, installed=not args.no_installed)
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"check_licenses: every dependency and data file has a recorded licence ({RECORD})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
