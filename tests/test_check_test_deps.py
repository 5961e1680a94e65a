"""`make test` on a fresh machine (scripts/check_test_deps.py): it installs what the PostgreSQL and browser
halves of the suite need, or stops naming the missing piece; it never lets them skip behind a green line."""

from __future__ import annotations

import importlib.util
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check_test_deps.py"


def _load():
    spec = importlib.util.spec_from_file_location("check_test_deps", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["check_test_deps"] = mod
    spec.loader.exec_module(mod)
    return mod


deps = _load()


def _exe(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def bare(tmp_path, monkeypatch):
    """A machine with neither PostgreSQL nor Chromium where the script looks (an empty bin dir on PATH)."""
    pgroot = tmp_path / "usr-lib-postgresql"
    monkeypatch.setattr(deps, "PG_BINDIR_GLOBS", (str(pgroot / "*" / "bin"),))
    monkeypatch.setattr(deps, "CHROMIUM_PATHS", (str(tmp_path / "no-chromium"),))
    (tmp_path / "bin").mkdir()
    return {"PATH": str(tmp_path / "bin"), "pgroot": pgroot, "bin": tmp_path / "bin"}


class Machine:
    """Fake `which` and command runner: records the commands; `apt-get install` puts the packages in place."""

    def __init__(self, bare, *, tools=("apt-get",), sudo_ok=False, apt_ok=True):
        self.bare, self.tools, self.sudo_ok, self.apt_ok = bare, set(tools), sudo_ok, apt_ok
        self.commands: list[list[str]] = []
        self.said: list[str] = []

    def which(self, name):
        return f"/usr/bin/{name}" if name in self.tools else None

    def run(self, cmd):
        self.commands.append(list(cmd))
        if cmd[:3] == ["sudo", "-n", "true"]:
            return 0 if self.sudo_ok else 1
        if "install" in cmd and "apt-get" in cmd:
            if not self.apt_ok:
                return 100
            if "postgresql" in cmd:
                for exe in ("initdb", "pg_ctl"):
                    _exe(self.bare["pgroot"] / "15" / "bin" / exe)
            if "chromium" in cmd:
                _exe(self.bare["bin"] / "chromium")
        return 0

    def ensure(self, env, euid=1000):
        return deps.ensure({"PATH": self.bare["PATH"], **env}, euid=euid, which=self.which, run=self.run,
                           say=self.said.append)


def test_without_root_or_sudo_it_stops_naming_each_missing_package_and_the_opt_out(bare):
    m = Machine(bare)
    status, skipped = m.ensure({})
    assert status == 1 and skipped == []
    text = "\n".join(m.said)
    assert "no postgresql here" in text and "no chromium here" in text
    assert "make test SKIP_POSTGRES=1" in text and "make test SKIP_BROWSER=1" in text
    assert "EVENTWIRE_TEST_POSTGRES_URL" in text and "EVENTWIRE_CHROMIUM" in text
    assert not any("apt-get" in c for c in m.commands)  # nothing installed without root


def test_as_root_it_installs_both_packages_with_apt_get_and_goes_on(bare):
    m = Machine(bare, tools=("apt-get", "useradd"))
    status, skipped = m.ensure({}, euid=0)
    assert (status, skipped) == (0, [])
    installs = [c for c in m.commands if "install" in c]
    assert installs == [["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
                         "--no-install-recommends", "postgresql", "chromium"]]
    assert deps.have_postgres({"PATH": bare["PATH"]}) and deps.have_chromium({"PATH": bare["PATH"]})


def test_with_passwordless_sudo_it_installs_only_what_is_missing(bare):
    _exe(bare["bin"] / "chromium")
    m = Machine(bare, tools=("apt-get", "sudo"), sudo_ok=True)
    status, _ = m.ensure({})
    assert status == 0
    install = next(c for c in m.commands if "install" in c)
    assert install[:2] == ["sudo", "-n"] and install[-1] == "postgresql" and "chromium" not in install


def test_a_failed_install_or_no_apt_get_is_a_stop_not_a_skip(bare):
    m = Machine(bare, apt_ok=False)
    assert m.ensure({}, euid=0)[0] == 1 and any("could not install" in s for s in m.said)
    m = Machine(bare, tools=())
    assert m.ensure({}, euid=0)[0] == 1
    assert any("package manager" in s for s in m.said)


def test_what_is_there_already_needs_nothing(bare, tmp_path):
    m = Machine(bare)
    status, _ = m.ensure({"EVENTWIRE_TEST_POSTGRES_URL": "postgresql://me@db/x",
                          "EVENTWIRE_CHROMIUM": str(_exe(tmp_path / "chrome"))})
    assert status == 0 and m.commands == [] and m.said == []


def test_opting_out_runs_the_rest_with_that_half_not_required_and_says_so(bare):
    m = Machine(bare, tools=())
    env = {"SKIP_BROWSER": "1", "EVENTWIRE_TEST_POSTGRES_URL": "postgresql://me@db/x"}
    status, skipped = m.ensure(env)
    assert status == 0 and [n.skip_var for n in skipped] == ["SKIP_BROWSER"]
    run_env = deps.test_env(env, skipped)
    assert run_env["EVENTWIRE_REQUIRE_BROWSER"] == "0" and run_env["EVENTWIRE_REQUIRE_POSTGRES"] == "1"
    assert deps.test_env({}, [])["EVENTWIRE_REQUIRE_BROWSER"] == "1"  # by default a missing browser fails
    text = deps.banner(skipped, 0)
    assert "NOT the whole suite" in text and "SKIP_BROWSER=1" in text and "browser" in text
    assert deps.banner([], 0) == ""


def test_the_script_runs_the_command_with_both_halves_required(tmp_path):
    """End to end: the real script, on a machine that has both (a server URL and a Chromium of our own)."""
    env = {**os.environ, "EVENTWIRE_TEST_POSTGRES_URL": "postgresql://me@db/x",
           "EVENTWIRE_CHROMIUM": str(_exe(tmp_path / "chrome"))}
    env.pop("SKIP_BROWSER", None)
    env.pop("SKIP_POSTGRES", None)
    probe = "import os; print(os.environ['EVENTWIRE_REQUIRE_POSTGRES'], os.environ['EVENTWIRE_REQUIRE_BROWSER'])"
    out = subprocess.run([sys.executable, str(SCRIPT), "--", sys.executable, "-c", probe], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.split() == ["1", "1"]
    failing = subprocess.run([sys.executable, str(SCRIPT), "--skip-browser", "--", sys.executable, "-c",
                              "raise SystemExit(3)"], env=env, capture_output=True, text=True, timeout=60)
    assert failing.returncode == 3 and "make test FAILED, but NOT the whole suite" in failing.stderr
