#!/usr/bin/env python3
"""What `make test` (and .ci/run) runs first: makes sure the whole suite can run, then runs it.

    python3 scripts/check_test_deps.py [--skip-browser] [--skip-postgres] [-- COMMAND...]

The suite has two halves that need more than Python: the PostgreSQL store tests (a server of your own in
EVENTWIRE_TEST_POSTGRES_URL, or Debian's initdb/pg_ctl for a throwaway cluster: tests/pg_server.py) and
the web page tests (Debian's Chromium, driven by Playwright: tests/test_web*.py). For each one missing,
this installs the Debian package with apt-get when it can (as root, or with passwordless sudo), else
stops with exit status 1 and a message naming the package and how to opt out. Then it runs COMMAND
with EVENTWIRE_REQUIRE_POSTGRES=1 and EVENTWIRE_REQUIRE_BROWSER=1, so a half that cannot run fails
instead of being skipped. Opting out (`make test SKIP_BROWSER=1`, `SKIP_POSTGRES=1`) runs the rest
and ends with a loud line naming what did not run. Stdlib only: it runs before anything is installed.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

# Where the tests look (tests/pg_server.py, tests/test_web.py); module constants so tests can point them away.
PG_BINDIR_GLOBS = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin")
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_NAMES = ("chromium", "chromium-browser")
TRUE = {"1", "true", "yes", "on"}

Runner = Callable[[Sequence[str]], int]


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in TRUE


def have_postgres(env: Mapping[str, str]) -> bool:
    """A server of our own, or initdb and pg_ctl where tests/pg_server.py looks for them."""
    if env.get("EVENTWIRE_TEST_POSTGRES_URL"):
        return True
    dirs = [env["EVENTWIRE_PG_BINDIR"]] if env.get("EVENTWIRE_PG_BINDIR") else []
    initdb = shutil.which("initdb", path=env.get("PATH", ""))
    dirs += [os.path.dirname(initdb)] if initdb else []
    for pattern in PG_BINDIR_GLOBS:
        dirs += glob.glob(pattern)
    return any(all(os.access(os.path.join(d, exe), os.X_OK) for exe in ("initdb", "pg_ctl")) for d in dirs)


def have_chromium(env: Mapping[str, str]) -> bool:
    """A Chromium where tests/test_web.py looks for one."""
    candidates = [env.get("EVENTWIRE_CHROMIUM") or "", *CHROMIUM_PATHS]
    candidates += [shutil.which(n, path=env.get("PATH", "")) or "" for n in CHROMIUM_NAMES]
    return any(c and os.path.exists(c) for c in candidates)


@dataclass(frozen=True)
class Need:
    """One half of the suite and what it needs."""

    what: str        # "the PostgreSQL store tests"
    package: str     # the Debian package that brings it
    present: Callable[[Mapping[str, str]], bool]
    skip_var: str    # make test SKIP_... =1 leaves this half out
    require_var: str  # the tests' own switch: 1 = fail when it is missing
    other_ways: str  # what else satisfies it


NEEDS = (
    Need("the PostgreSQL store tests", "postgresql", have_postgres, "SKIP_POSTGRES", "EVENTWIRE_REQUIRE_POSTGRES",
         "set EVENTWIRE_TEST_POSTGRES_URL=postgresql://user@host/db (a user that may CREATE DATABASE) or "
         "EVENTWIRE_PG_BINDIR=/dir/with/initdb"),
    Need("the web page tests in a browser", "chromium", have_chromium, "SKIP_BROWSER", "EVENTWIRE_REQUIRE_BROWSER",
         "set EVENTWIRE_CHROMIUM=/path/to/chromium"),
)


def root_prefix(euid: int, which: Callable[[str], str | None], run: Runner) -> list[str] | None:
    """The prefix that runs a command as root: [] when we are root, sudo -n when it needs no password, else None."""
    if euid == 0:
        return []
    if which("sudo") and run(["sudo", "-n", "true"]) == 0:
        return ["sudo", "-n"]
    return None


def install(packages: list[str], prefix: list[str], run: Runner) -> bool:
    apt = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]
    return (run([*apt, "update", "-q"]) == 0
            and run([*apt, "install", "-y", "-q", "--no-install-recommends", *packages]) == 0)


def ensure(env: Mapping[str, str], *, euid: int, which: Callable[[str], str | None], run: Runner,
           say: Callable[[str], None]) -> tuple[int, list[Need]]:
    """Install what is missing where we can. Returns (exit status, the halves left out on purpose)."""
    skipped = [n for n in NEEDS if _flag(env, n.skip_var)]
    missing = [n for n in NEEDS if n not in skipped and not n.present(env)]
    if missing:
        names = ", ".join(n.package for n in missing)
        prefix = root_prefix(euid, which, run) if which("apt-get") else None
        if prefix is not None:
            say(f"make test: installing Debian's {names} for {' and '.join(n.what for n in missing)} "
                "(apt-get; once per machine)")
            if not install([n.package for n in missing], prefix, run):
                say(f"make test: apt-get could not install {names}; see its output above")
                return 1, skipped
            missing = [n for n in missing if not n.present(env)]
        for n in missing:
            how = (f"install Debian's `{n.package}` package (apt-get install {n.package}: needs root or "
                   "passwordless sudo)" if which("apt-get") else
                   f"install {n.package} with your system's package manager")
            say(f"make test: {n.what} cannot run: no {n.package} here. To run them, {how}, or {n.other_ways}. "
                f"To run the rest without them: make test {n.skip_var}=1")
        if missing:
            return 1, skipped
    # PostgreSQL refuses to run as root; tests/pg_server.py then runs the cluster as `postgres` (else `nobody`)
    if euid == 0 and not _flag(env, "SKIP_POSTGRES") and not env.get("EVENTWIRE_TEST_POSTGRES_URL"):
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            if which("useradd"):
                run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"])
    return 0, skipped


def test_env(env: Mapping[str, str], skipped: list[Need]) -> dict[str, str]:
    """The environment of the test run: every half required (a missing one fails), those left out not."""
    out = dict(env)
    for n in NEEDS:
        out[n.require_var] = "0" if n in skipped else "1"
    return out


def banner(skipped: list[Need], status: int) -> str:
    if not skipped:
        return ""
    left = "; ".join(f"{n.what} ({n.skip_var}=1)" for n in skipped)
    verdict = "passed" if status == 0 else "FAILED"
    line = "!" * 100
    return (f"{line}\nmake test {verdict}, but NOT the whole suite: left out {left}.\n"
            f"Their skips above are not passes. Run `make test` without {', '.join(n.skip_var for n in skipped)} "
            f"to test everything.\n{line}")


def _run(cmd: Sequence[str]) -> int:
    return subprocess.run(list(cmd), check=False).returncode


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[args.index("--") + 1:] if "--" in args else []
    opts = args[:args.index("--")] if "--" in args else args
    env = dict(os.environ)
    for opt, var in (("--skip-browser", "SKIP_BROWSER"), ("--skip-postgres", "SKIP_POSTGRES")):
        if opt in opts:
            env[var] = "1"

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    status, skipped = ensure(env, euid=os.geteuid(), which=shutil.which, run=_run, say=say)
    if status or not command:
        return status
    status = subprocess.run(command, env=test_env(env, skipped), check=False).returncode
    if text := banner(skipped, status):
        say(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
