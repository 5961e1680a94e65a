"""`eventwire serve --processes N`: N server processes on one port, supervised, stopped together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

psutil = pytest.importorskip("psutil")

SRC = str(Path(__file__).resolve().parent.parent / "src")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _servers(parent: psutil.Process) -> list[psutil.Process]:
    """The parent's direct children: the server processes (their extraction workers are grandchildren)."""
    return parent.children(recursive=False)


def _wait(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_processes_share_the_port_replace_a_dead_one_and_stop_together(tmp_path):
    port = _free_port()
    db = tmp_path / "s.db"
    env = dict(os.environ, PYTHONPATH=SRC)
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port),
                             "--processes", "2", "--workers", "1"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        parent = psutil.Process(proc.pid)

        def healthy() -> bool:
            try:
                return httpx.get(url + "/health", timeout=5, trust_env=False).status_code == 200
            except httpx.HTTPError:
                return False

        assert _wait(healthy), proc.stderr.read() if proc.poll() is not None else "no answer"
        assert _wait(lambda: len(_servers(parent)) == 2)
        servers = _servers(parent)
        # both answer on the one port: the kernel spreads connections, so fresh connections reach both
        assert all(s.is_running() for s in servers)
        listening = [s for s in servers if any(c.laddr and c.laddr.port == port and c.status == "LISTEN"
                                               for c in s.net_connections(kind="tcp"))]
        assert len(listening) == 2
        r = httpx.get(url + "/events?limit=5", timeout=30, trust_env=False)
        assert r.status_code == 200 and r.json()["events"] == []
        # a server process that dies is replaced
        victim = servers[0]
        victim.kill()
        victim.wait(10)
        assert _wait(lambda: len(_servers(parent)) == 2 and victim.pid not in {s.pid for s in _servers(parent)})
        assert _wait(healthy)
        # SIGTERM to the parent stops every server process and the parent itself
        survivors = _servers(parent)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        assert _wait(lambda: not any(s.is_running() and s.status() != psutil.STATUS_ZOMBIE for s in survivors), 15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
