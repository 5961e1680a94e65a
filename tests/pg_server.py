"""A PostgreSQL server for the test session, and throwaway databases on it.

How a server is found (see docs/notes/postgres-ci.md):

1. ``EVENTWIRE_TEST_POSTGRES_URL`` set: that server is used as is (``postgresql://user[:pw]@host:port/db``;
   the user must be allowed to CREATE DATABASE). If it cannot be reached, that is an error, never a skip.
2. Otherwise a throwaway cluster: ``initdb`` + ``pg_ctl`` from ``EVENTWIRE_PG_BINDIR``, from ``PATH`` or from
   ``/usr/lib/postgresql/*/bin`` (newest first), in a temp dir, on a free port on 127.0.0.1 (its unix socket in
   the temp dir), with trust auth and fsync off; stopped and removed at the end of the session. PostgreSQL
   refuses to run as root, so as root the cluster is run as the ``postgres`` system user (or ``nobody``) via
   ``runuser`` (or ``su``).
3. Neither: :class:`PostgresUnavailable`, which conftest turns into a skip, or into a failure when
   ``EVENTWIRE_REQUIRE_POSTGRES=1`` (CI).

Kept free of pytest so it can be used from a shell too::

    python tests/pg_server.py   # starts a throwaway server, prints its URL, stops it on Enter
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENV_URL = "EVENTWIRE_TEST_POSTGRES_URL"
ENV_REQUIRE = "EVENTWIRE_REQUIRE_POSTGRES"
ENV_BINDIR = "EVENTWIRE_PG_BINDIR"

_TIMEOUT = 120  # seconds for any one initdb / pg_ctl call
_RUN_AS_CANDIDATES = ("postgres", "nobody")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be had; the message says why and what to do."""


def required() -> bool:
    """Whether the PostgreSQL tests must run (CI), rather than be skipped when no server can be had."""
    return os.environ.get(ENV_REQUIRE, "").strip().lower() in {"1", "true", "yes", "on"}


# -- finding the binaries --------------------------------------------------------------------------------------


def _version_key(bindir: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", Path(bindir).parent.name)) or (0,)


def find_bindir() -> Path | None:
    """A directory holding both ``initdb`` and ``pg_ctl``, or None."""
    candidates: list[str] = []
    if os.environ.get(ENV_BINDIR):
        candidates.append(os.environ[ENV_BINDIR])
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).parent))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    candidates += sorted(glob.glob("/usr/pgsql-*/bin"), key=_version_key, reverse=True)  # RPM layout
    for cand in candidates:
        d = Path(cand)
        if all(os.access(d / exe, os.X_OK) for exe in ("initdb", "pg_ctl")):
            return d
    return None


# -- running as a non-root user --------------------------------------------------------------------------------


def _run_as_user() -> pwd.struct_passwd | None:
    """The user to run the cluster as when we are root (None when we are not root)."""
    if os.geteuid() != 0:
        return None
    for name in _RUN_AS_CANDIDATES:
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PostgresUnavailable(
        "running as root, and PostgreSQL refuses to run as root, but there is no 'postgres' (or 'nobody') "
        "user to run it as; create one (useradd --system postgres) or set " + ENV_URL
    )


def _wrap(argv: list[str], user: pwd.struct_passwd | None) -> list[str]:
    if user is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", user.pw_name, "--", *argv]
    if shutil.which("su"):
        return ["su", "-s", "/bin/sh", user.pw_name, "-c", shlex.join(argv)]
    raise PostgresUnavailable("running as root, and neither runuser nor su is there to drop to a non-root user")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _clean_env() -> dict[str, str]:
    """Our environment without PG* variables (PGDATA, PGPORT, ...) that could steer initdb / pg_ctl."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


# -- the throwaway cluster -------------------------------------------------------------------------------------


class ThrowawayCluster:
    """initdb + pg_ctl start in a temp dir; :meth:`stop` stops it and removes the dir."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.user = _run_as_user()
        self.tmp: Path | None = None
        self.port: int | None = None
        self._opts = ""
        self._running = False

    @property
    def data(self) -> Path:
        assert self.tmp is not None
        return self.tmp / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            _wrap([str(a) for a in args], self.user),
            cwd=self.tmp,  # the non-root user must be able to stand in the working directory
            env=_clean_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )

    def start(self) -> str:
        # /tmp rather than $TMPDIR: as root, TMPDIR may sit under /root where the postgres user cannot go,
        # and the unix socket path must stay short (about 100 bytes).
        base = "/tmp" if os.path.isdir("/tmp") and os.access("/tmp", os.W_OK) else None
        self.tmp = Path(tempfile.mkdtemp(prefix="eventwire-pg-", dir=base))
        atexit.register(self.stop)
        if self.user is not None:
            os.chown(self.tmp, self.user.pw_uid, self.user.pw_gid)
        proc = self._run(
            self.bindir / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        if proc.returncode != 0:
            self.stop()
            raise PostgresUnavailable(f"initdb ({self.bindir}) failed:\n{proc.stdout}{proc.stderr}".rstrip())
        log = self.tmp / "server.log"
        last = ""
        for _attempt in range(3):  # another process may grab the free port between our check and the start
            self.port = _free_port()
            opts = (
                f"-h 127.0.0.1 -p {self.port} -k {shlex.quote(str(self.tmp))} -F "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            )
            proc = self._run(self.bindir / "pg_ctl", "-D", self.data, "-l", log, "-w", "-t", "60", "-o", opts, "start")
            if proc.returncode == 0:
                self._running, self._opts = True, opts
                return self.url
            last = f"{proc.stdout}{proc.stderr}" + (log.read_text(errors="replace")[-2000:] if log.exists() else "")
        self.stop()
        raise PostgresUnavailable(f"pg_ctl start ({self.bindir}) failed:\n{last}".rstrip())

    def halt(self, mode: str = "fast") -> None:
        """Stop the server (``pg_ctl stop -m MODE``: every client loses its connection), keeping its data."""
        assert self.tmp is not None and self._running
        proc = self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "30", "stop")
        if proc.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed:\n{proc.stdout}{proc.stderr}")

    def resume(self) -> None:
        """Start the halted server again, on the same port."""
        assert self.tmp is not None
        proc = self._run(self.bindir / "pg_ctl", "-D", self.data, "-l", self.tmp / "server.log", "-w", "-t", "60",
                         "-o", self._opts, "start")
        if proc.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed:\n{proc.stdout}{proc.stderr}")

    def restart(self, *, mode: str = "fast", down: float = 0.0) -> None:
        """halt(), ``down`` seconds, resume(): an operator's restart."""
        self.halt(mode)
        time.sleep(down)
        self.resume()

    def stop(self) -> None:
        if self.tmp is None:
            return
        if self._running:
            self._running = False
            with contextlib.suppress(Exception):
                self._run(self.bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "-t", "30", "stop")
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp = None


# -- the session server and databases on it -------------------------------------------------------------------


def _check(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        conn.execute("SELECT 1")


@contextlib.contextmanager
def session_server() -> Iterator[str]:
    """Yield the URL of a PostgreSQL server whose user may create databases (see the module docstring).

    Raises :class:`PostgresUnavailable` when none can be had; a URL from the environment that does not
    answer raises ``RuntimeError`` instead (it is never a reason to skip).
    """
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise PostgresUnavailable(f"psycopg is not installed ({exc})") from None
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        if not url.startswith(("postgresql://", "postgres://")):
            raise RuntimeError(f"{ENV_URL} must be a postgresql://user@host:port/dbname URL, not {url!r}")
        try:
            _check(url)
        except Exception as exc:
            raise RuntimeError(f"{ENV_URL} is set but its server does not answer: {exc}") from None
        yield url
        return
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            f"no PostgreSQL server: set {ENV_URL}=postgresql://user@host:port/db, or install PostgreSQL "
            "(initdb and pg_ctl on PATH or under /usr/lib/postgresql/*/bin; Debian: apt-get install postgresql)"
        )
    cluster = ThrowawayCluster(bindir)
    try:
        url = cluster.start()
        try:
            _check(url)
        except Exception as exc:
            raise PostgresUnavailable(f"throwaway server started but does not answer: {exc}") from None
        yield url
    finally:
        cluster.stop()


def with_dbname(url: str, dbname: str) -> str:
    """``url`` pointing at database ``dbname`` (user, password, host, port and query kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + dbname))


def create_database(admin_url: str) -> tuple[str, str]:
    """Create a fresh, uniquely named database; return ``(name, url)``."""
    import psycopg
    from psycopg import sql

    name = f"eventwire_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name, with_dbname(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    """Drop database ``name``, even when connections to it were left open."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        ident = sql.Identifier(name)
        if conn.info.server_version >= 130000:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
        else:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(ident))


if __name__ == "__main__":
    with session_server() as server_url:
        print(server_url, flush=True)
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            input("server running; press Enter to stop it ")
