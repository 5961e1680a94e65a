"""PostgreSQL restarted under write load: how fast the store recovers, and whether an accepted write is lost.

    python benchmarks/pg_restart.py [--outages 0 1 3 6] [--writers 3] [--quick]

Starts a throwaway PostgreSQL cluster (tests/pg_server.py: Debian's initdb + pg_ctl, 127.0.0.1, a free
port, removed at the end), opens one store on it with the default URL options (connect_timeout 5 s,
pool of 10), as `eventwire serve` would, and runs --writers threads sharing that store, each writing one
small hand-made report (no NLP) after another and recording every write that returned. An app
(`create_app`, no extraction workers) on a store of its own answers `GET /health` in this process.
Then, for each outage in --outages seconds, the server is restarted as an operator does it
(`pg_ctl stop -m fast`, the outage, `pg_ctl start -w`) and measured from the moment `pg_ctl start`
returned (the server accepts connections again):

  first write      seconds to the first write that returned, by any writer
  all writers      seconds until every writer has had a write return (issue 14's "recovers within 5 s")
  /health          seconds until GET /health is 200 again
  lost             writes that had returned but are not in the store afterwards (must be 0)

The cluster runs with fsync off and synchronous_commit off (tests/pg_server.py): a fast shutdown writes
everything committed, so nothing may be lost. --quick: outages 0 and 1 s. Skipped (a line saying why,
and {"skipped": ...} as the JSON) when no initdb/pg_ctl can be found. Exit status 1 when the benchmark
itself failed; missed targets are reported in the JSON ("targets"), not in the exit status.
The last printed line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]  # this checkout's code; pg_server, story_reports

RECOVERY_TARGET_S = 5.0
WAIT_S = 20.0  # how long after the server is back we wait for recovery before giving up on it
KASSALA = ("Kassala", 15.451, 36.400, "SDN", "Kassala")
GUNMEN = ("eastern-front", "Eastern Front", "armed_group")


def _report(i: int) -> Any:
    from story_reports import incident_report

    day = 1 + i % 28
    text = (f"Gunmen attacked a police post in Kassala on 2024-06-{day:02d}, killing {i % 40 + 2} officers "
            f"(dispatch {i}).")
    return incident_report(f"r{i}", text, place=KASSALA, date=f"2024-06-{day:02d}", actor1=GUNMEN,
                           fatalities=i % 40 + 2)


@dataclass
class Writers:
    """`n` threads writing into one shared store until stopped; every write that returned is recorded."""

    store: Any
    n: int
    stop: threading.Event = field(default_factory=threading.Event)
    accepted: list[tuple[float, int, str]] = field(default_factory=list)  # (when it returned, writer, doc id)
    failures: dict[str, int] = field(default_factory=dict)  # exception class -> count
    failure_samples: dict[str, str] = field(default_factory=dict)  # exception class -> its first message
    unexpected: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _next: int = 0
    threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        self.threads = [threading.Thread(target=self._run, args=(k,), daemon=True, name=f"writer-{k}")
                        for k in range(self.n)]
        for t in self.threads:
            t.start()

    def _run(self, k: int) -> None:
        from eventwire.store import document_id

        while not self.stop.is_set():
            with self._lock:
                i, self._next = self._next, self._next + 1
            report = _report(i)
            try:
                added = self.store.write([(report, f"bench:{i}")])
            except Exception as exc:  # the server is down: a write may fail, but must say so
                with self._lock:
                    kind = type(exc).__name__
                    self.failures[kind] = self.failures.get(kind, 0) + 1
                    self.failure_samples.setdefault(kind, _describe(exc))
                time.sleep(0.05)
                continue
            now = time.monotonic()
            with self._lock:
                if added != 1:
                    self.unexpected.append(f"write {i} returned {added}, not 1")
                self.accepted.append((now, k, document_id(report.text)))
            time.sleep(0.01)

    def first_after(self, t: float) -> dict[int, float]:
        """Per writer, when its first write after `t` returned."""
        out: dict[int, float] = {}
        with self._lock:
            for when, k, _ in self.accepted:
                if when > t and k not in out:
                    out[k] = when
        return out

    def join(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(30)


def _describe(exc: BaseException) -> str:
    """The exception's message, and the last line of eventwire's code it passed through."""
    import traceback

    ours = [f for f in traceback.extract_tb(exc.__traceback__) if "/eventwire/" in f.filename]
    where = f" (at {Path(ours[-1].filename).name}:{ours[-1].lineno} {ours[-1].name})" if ours else ""
    return " ".join(str(exc).split())[:200] + where


def _stored_ids(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM documents")}


def _health_ok(client: Any) -> bool:
    try:
        return client.get("/health").status_code == 200
    except Exception:
        return False


def restart_once(cluster: Any, writers: Writers, client: Any, url: str, outage: float) -> dict[str, Any]:
    """Restart the server with `outage` seconds down; the recovery times and the writes lost so far."""
    deadline = time.monotonic() + 15  # every writer has written before the restart: a steady state
    t0 = time.monotonic()
    while len(writers.first_after(t0)) < writers.n and time.monotonic() < deadline:
        time.sleep(0.05)
    before = len(writers.accepted)
    failures_before = sum(writers.failures.values())
    down_at = time.monotonic()
    cluster.restart(mode="fast", down=outage)
    up = time.monotonic()
    health_at: float | None = None
    while time.monotonic() < up + WAIT_S:
        if health_at is None and _health_ok(client):
            health_at = time.monotonic()
        if health_at is not None and len(writers.first_after(up)) == writers.n:
            break
        time.sleep(0.05)
    back = writers.first_after(up)
    time.sleep(1.0)  # writing on for a while after the recovery
    accepted = [doc for _, _, doc in list(writers.accepted)]
    stored = _stored_ids(url)
    lost = sorted(set(accepted) - stored)

    def since_up(t: float | None) -> float | None:
        return None if t is None else round(t - up, 2)

    return {
        "outage_s": outage, "restart_s": round(up - down_at, 2),
        "first_write_s": since_up(min(back.values(), default=None)),
        "all_writers_s": since_up(max(back.values())) if len(back) == writers.n else None,
        "health_s": since_up(health_at),
        "writes_accepted_before": before, "writes_accepted_after": len(accepted) - before,
        "writes_failed": sum(writers.failures.values()) - failures_before,
        "lost_so_far": len(lost), "lost_samples": lost[:3],
    }


def run(outages: list[float], n_writers: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    import pg_server
    from eventwire.api import create_app
    from eventwire.store import open_store

    bindir = pg_server.find_bindir()
    if bindir is None:
        return {"skipped": "no initdb/pg_ctl (install PostgreSQL, or set EVENTWIRE_PG_BINDIR): no server this "
                           "benchmark may restart"}
    cluster = pg_server.ThrowawayCluster(bindir)
    try:
        try:
            cluster.start()
        except pg_server.PostgresUnavailable as exc:
            return {"skipped": f"no throwaway PostgreSQL server: {exc}"}
        _name, url = pg_server.create_database(cluster.url)
        server_version = _server_version(url)
        with open_store(url) as store:  # created (migrated) first: what is measured is the restart
            client = TestClient(create_app(url), base_url="http://localhost", raise_server_exceptions=False)
            writers = Writers(store, n_writers)
            writers.start()
            rows: list[dict[str, Any]] = []
            try:
                for outage in outages:
                    row = restart_once(cluster, writers, client, url, outage)
                    rows.append(row)
                    _print_row(row)
            finally:
                writers.join()
                opened = client.app.state.eventwire._store  # type: ignore[attr-defined]
                if opened is not None:
                    with contextlib.suppress(Exception):
                        opened.close()
        accepted = {doc for _, _, doc in writers.accepted}
        lost = sorted(accepted - _stored_ids(url))
    finally:
        cluster.stop()
    worst = [r["all_writers_s"] for r in rows]
    return {
        "postgres": server_version, "writers": n_writers, "shutdown": "pg_ctl stop -m fast",
        "store_url_options": "defaults (connect_timeout 5 s, pool_size 10)",
        "restarts": rows, "writes_accepted": len(accepted), "writes_failed": sum(writers.failures.values()),
        "failure_kinds": writers.failures,
        "failure_samples": writers.failure_samples, "unexpected": writers.unexpected[:5],
        "lost_writes": len(lost), "lost_samples": lost[:5],
        "worst_recovery_s": None if None in worst else max(worst, default=None),
        "targets": {
            "recovers_within_5_s": all(w is not None and w <= RECOVERY_TARGET_S for w in worst)
            and all(r["health_s"] is not None and r["health_s"] <= RECOVERY_TARGET_S for r in rows),
            "no_lost_write": not lost,
        },
    }


def _server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]


HEADER = (f"{'outage s':>8} {'restart s':>9} {'1st write s':>11} {'all writers s':>13} {'/health s':>9} "
          f"{'failed':>6} {'lost':>4}")


def _print_row(r: dict[str, Any]) -> None:
    def s(v: Any) -> str:
        return "never" if v is None else str(v)

    print(f"{r['outage_s']:>8g} {r['restart_s']:>9} {s(r['first_write_s']):>11} {s(r['all_writers_s']):>13} "
          f"{s(r['health_s']):>9} {r['writes_failed']:>6} {r['lost_so_far']:>4}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--outages", type=float, nargs="+", default=None, metavar="S",
                    help="seconds the server stays down, one restart each (default 0 1 3 6)")
    ap.add_argument("--writers", type=int, default=3, help="writer threads (default 3)")
    ap.add_argument("--quick", action="store_true", help="outages 0 and 1 s only")
    args = ap.parse_args(argv)
    if args.writers < 1:
        ap.error("--writers must be at least 1")
    outages = args.outages or ([0.0, 1.0] if args.quick else [0.0, 1.0, 3.0, 6.0])
    # SIGTERM as Ctrl-C: the `finally` blocks stop the PostgreSQL server either way
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    # the pool logs every failed reconnect while the server is down: expected here, and not the numbers
    logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
    print(f"PostgreSQL restarts under {args.writers} writers; seconds measured from the server being back",
          flush=True)
    print(HEADER, flush=True)
    try:
        out = run(outages, args.writers)
    except KeyboardInterrupt:
        print("interrupted; the PostgreSQL server was stopped and removed", file=sys.stderr)
        return 130
    except Exception as exc:
        import traceback

        traceback.print_exc()
        print(json.dumps({"failed": f"{type(exc).__name__}: {exc}"}))
        return 1
    if "skipped" in out:
        print(f"skipped: {out['skipped']}")
    else:
        print(f"writes accepted {out['writes_accepted']}, failed (said so) {out['writes_failed']} "
              f"{out['failure_kinds']}; lost {out['lost_writes']}; worst recovery {out['worst_recovery_s']} s; "
              f"targets {out['targets']}")
    print(json.dumps(out, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
