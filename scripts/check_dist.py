#!/usr/bin/env python3
"""Check what a built wheel and sdist hold: every package data file of the source tree, the licence files, and
the version that ``eventwire.__version__`` says.

    python scripts/check_dist.py dist/eventwire-X-py3-none-any.whl [dist/eventwire-X.tar.gz] [--src DIR]

Exit status 0 when all is there, 1 with one line per missing file otherwise. Used by scripts/smoke_wheel.sh and
tests/test_release.py.
"""

from __future__ import annotations

import argparse
import ast
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# package data: every file under these folders of src/eventwire, and these single files
DATA_DIRS = ("data", "web/static")
DATA_FILES = ("py.typed", "report.schema.json")
# beside the package in the sdist: what a user needs to cite, check licences and run the examples
SDIST_FILES = ("LICENSE", "NOTICE", "README.md", "CHANGELOG.md", "CITATION.cff", "licenses.toml", "pyproject.toml",
               "examples/sample.jsonl")


def source_version(src: Path) -> str:
    """``__version__`` as src/eventwire/__init__.py writes it (read, not imported)."""
    tree = ast.parse((src / "src" / "eventwire" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SystemExit("src/eventwire/__init__.py sets no __version__")


def package_data(src: Path) -> list[str]:
    """The package data files of the source tree, as paths inside the package (eventwire/...)."""
    package = src / "src" / "eventwire"
    found = [f"eventwire/{name}" for name in DATA_FILES]
    for folder in DATA_DIRS:
        found += sorted(f"eventwire/{p.relative_to(package).as_posix()}" for p in (package / folder).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts)
    return found


def check_wheel(path: Path, src: Path) -> list[str]:
    version = source_version(src)
    names = set(zipfile.ZipFile(path).namelist())
    problems = [f"{path.name}: lacks {name}" for name in package_data(src) if name not in names]
    info = f"eventwire-{version}.dist-info"
    problems += [f"{path.name}: lacks {info}/licenses/{name}" for name in ("LICENSE", "NOTICE")
                 if f"{info}/licenses/{name}" not in names]
    if not path.name.startswith(f"eventwire-{version}-"):
        problems.append(f"{path.name}: not version {version} (eventwire.__version__)")
    return problems


def check_sdist(path: Path, src: Path) -> list[str]:
    version = source_version(src)
    top = f"eventwire-{version}"
    with tarfile.open(path) as tar:
        names = set(tar.getnames())
    wanted = [f"{top}/{name}" for name in SDIST_FILES]
    wanted += [f"{top}/src/{name}" for name in package_data(src)]
    return [f"{path.name}: lacks {name.removeprefix(top + '/')}" for name in wanted if name not in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dists", nargs="+", type=Path, help="a .whl and/or a .tar.gz")
    parser.add_argument("--src", type=Path, default=ROOT, help="the source tree they were built from")
    args = parser.parse_args(argv)
    problems = []
    for dist in args.dists:
        problems += check_wheel(dist, args.src) if dist.suffix == ".whl" else check_sdist(dist, args.src)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
