"""A bounded, loopback-only load test of the HTTP API (`eventwire serve`) over a fresh store.

    python benchmarks/load_test.py [--clients 50] [--posts 5] [--backend sqlite|postgresql|both]

For each backend it creates a fresh store (SQLite: a file in a temp dir; PostgreSQL: a new database on
the server tests/pg_server.py finds or starts: EVENTWIRE_TEST_POSTGRES_URL or a throwaway cluster;
skipped, with a line saying why, when none can be had), serves `create_app(store)` with uvicorn on
127.0.0.1 (a free port, a background thread of this process; nothing leaves the machine), and starts
--clients threads at once, each with its own httpx.Client. Each client, --posts times:

    POST /documents   one short, invented, news-like article, unique to the client and item
    GET  /events?limit=20
    GET  /health

Measured: requests/s over the whole run, p50/p99 latency per endpoint, errors (any non-2xx answer or
any exception) and, after the run, lost writes: every document posted with a 2xx must be in the store
(read directly with open_store) and readable with GET /documents/{id} (same text back); the store must
hold nothing else. The clients share this process (and its GIL) with the server, and extraction is
serialized by the app's model lock, so POST /documents latency is mostly queueing behind that lock.
Exit status 1 when there were errors or lost writes. The last printed line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

TOWNS = ("El Fasher", "Nyala", "Kharkiv", "Goma", "Mogadishu", "Kandahar", "Aleppo", "Mosul", "Juba", "Maiduguri",
         "Bamako", "Sanaa", "Benghazi", "Bunia", "Tripoli", "Homs", "Kismayo", "Gao", "Malakal", "Beni")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DEEDS = ("Gunmen attacked a police checkpoint", "Militants shelled the central market",
         "Security forces fired on protesters", "A car bomb exploded near the governor's office",
         "Rebels ambushed an army convoy")
ENDPOINTS = ("POST /documents", "GET /events", "GET /health")


def article(client: int, item: int) -> dict[str, Any]:
    """A short invented news report, distinct for every (client, item)."""
    n = client * 1000 + item
    town = TOWNS[n % len(TOWNS)]
    month = MONTHS[(client + item) % 12]
    day = 1 + (client * 7 + item) % 28
    killed = 2 + (client * 3 + item * 5) % 40
    wounded = killed + 1 + (client + item) % 17
    text = (f"{town.upper()}, {month} {day} (Wire) - {DEEDS[n % len(DEEDS)]} in {town} on {DAYS[n % 7]}, "
            f"killing {killed} people and wounding {wounded}, a local official said. "
            f"Witnesses told reporters the fighting lasted several hours. (Dispatch {client}-{item}.)")
    return {"text": text, "published": f"2024-{1 + (client + item) % 12:02d}-{day:02d}"}


# -- the server ------------------------------------------------------------------------------------------------


class ServerThread:
    """uvicorn serving `app` on 127.0.0.1 (a free port) in a daemon thread; a context manager."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off", backlog=1024)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True,
                                       name="uvicorn")

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {self.url}")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.sock.close()


# -- the clients -----------------------------------------------------------------------------------------------


@dataclass
class ClientLog:
    latency: dict[str, list[float]] = field(default_factory=lambda: {e: [] for e in ENDPOINTS})
    errors: list[str] = field(default_factory=list)
    posted: dict[str, str] = field(default_factory=dict)  # doc_id -> text, for every 2xx POST


def _client(url: str, client: int, posts: int, start: threading.Barrier, log: ClientLog) -> None:
    import httpx

    from eventwire.store import document_id

    def timed(name: str, method: str, path: str, **kw: Any) -> httpx.Response | None:
        t0 = time.perf_counter()
        try:
            r = http.request(method, path, **kw)
        except Exception as exc:
            log.latency[name].append(time.perf_counter() - t0)
            log.errors.append(f"{name} client {client}: {type(exc).__name__}: {exc}")
            return None
        log.latency[name].append(time.perf_counter() - t0)
        if not 200 <= r.status_code < 300:
            log.errors.append(f"{name} client {client}: HTTP {r.status_code}: {r.text[:300]}")
            return None
        return r

    with httpx.Client(base_url=url, timeout=300, trust_env=False) as http:
        start.wait()
        for item in range(posts):
            doc = article(client, item)
            r = timed("POST /documents", "POST", "/documents", json=doc)
            if r is not None:
                body = r.json()
                want = document_id(doc["text"])
                if body.get("documents") != [want] or body.get("stored", 0) + body.get("skipped", 0) != 1:
                    log.errors.append(f"POST /documents client {client}: unexpected answer {body}")
                else:
                    log.posted[want] = doc["text"]
            r = timed("GET /events", "GET", "/events", params={"limit": 20})
            if r is not None and not isinstance(r.json().get("events"), list):
                log.errors.append(f"GET /events client {client}: no events list in {r.text[:200]}")
            timed("GET /health", "GET", "/health")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of `values`; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def run_load(db_url: str, pipeline: Any, *, clients: int = 50, posts: int = 5) -> dict[str, Any]:
    """Serve a fresh store at `db_url`, run the clients, check every write; the numbers as a dict."""
    import httpx

    from eventwire.api import create_app
    from eventwire.store import open_store

    app = create_app(db_url, settings=pipeline.settings, pipeline=pipeline, token=None, max_body=1_000_000)
    logs = [ClientLog() for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    try:
        with ServerThread(app) as server:
            threads = [threading.Thread(target=_client, args=(server.url, c, posts, start, logs[c]), daemon=True)
                       for c in range(clients)]
            for t in threads:
                t.start()
            start.wait(timeout=60)
            t0 = time.perf_counter()
            for t in threads:
                t.join()
            seconds = time.perf_counter() - t0

            posted: dict[str, str] = {}
            errors: list[str] = []
            for log in logs:
                posted.update(log.posted)
                errors += log.errors
            # every 2xx write is in the store, and nothing else is
            with contextlib.closing(open_store(db_url)) as store:
                stored = {r["id"] for r in store.query("SELECT id FROM documents")}
            lost = sorted(set(posted) - stored)
            extra = sorted(stored - set(posted))
            # every posted id reads back, with its text
            unreadable: list[str] = []
            with httpx.Client(base_url=server.url, timeout=60, trust_env=False) as http:
                for doc_id, text in posted.items():
                    r = http.get(f"/documents/{doc_id}")
                    if r.status_code != 200 or r.json().get("doc_id") != doc_id or r.json().get("text") != text:
                        unreadable.append(f"{doc_id}: HTTP {r.status_code} {r.text[:200]}")
                listed = http.get("/events", params={"limit": 500}).json()
    finally:
        opened = app.state.eventwire._store
        if opened is not None:
            opened.close()

    latency = {e: [x for log in logs for x in log.latency[e]] for e in ENDPOINTS}
    requests = sum(len(v) for v in latency.values())
    return {
        "clients": clients, "posts_per_client": posts, "requests": requests, "seconds": round(seconds, 2),
        "requests_per_s": round(requests / seconds, 1), "documents_per_s": round(len(posted) / seconds, 2),
        "latency_ms": {e: {"n": len(v), "p50": round(1000 * percentile(v, 50), 1),
                           "p99": round(1000 * percentile(v, 99), 1), "max": round(1000 * max(v, default=0), 1)}
                       for e, v in latency.items()},
        "errors": len(errors), "error_samples": errors[:5],
        "posted": len(posted), "stored": len(stored), "lost_writes": len(lost), "lost_samples": lost[:5],
        "unexpected_documents": len(extra), "unreadable": len(unreadable), "unreadable_samples": unreadable[:5],
        "events_total": listed.get("total"),
    }


# -- the backends ----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def sqlite_store() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="eventwire-load-") as tmp:
        yield str(Path(tmp) / "store.db")


@contextlib.contextmanager
def postgres_store() -> Iterator[str]:
    """A fresh database on the server tests/pg_server.py finds or starts; raises pg_server.PostgresUnavailable."""
    sys.path.insert(0, str(ROOT / "tests"))
    import pg_server

    with pg_server.session_server() as admin_url:
        name, url = pg_server.create_database(admin_url)
        try:
            yield url
        finally:
            pg_server.drop_database(admin_url, name)


def _print(name: str, res: dict[str, Any]) -> None:
    print(f"{name}: {res['requests']} requests in {res['seconds']} s = {res['requests_per_s']} req/s "
          f"({res['posted']} documents, {res['documents_per_s']} docs/s), {res['clients']} clients x "
          f"{res['posts_per_client']} posts")
    for e, lat in res["latency_ms"].items():
        print(f"  {e:<16} n={lat['n']:<4} p50={lat['p50']:>8.1f} ms  p99={lat['p99']:>8.1f} ms  "
              f"max={lat['max']:>8.1f} ms")
    print(f"  errors={res['errors']} lost_writes={res['lost_writes']} unexpected={res['unexpected_documents']} "
          f"unreadable={res['unreadable']} stored={res['stored']} events_total={res['events_total']}")
    for line in res["error_samples"] + res["lost_samples"] + res["unreadable_samples"]:
        print(f"    {line}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--posts", type=int, default=5, help="documents each client posts (default 5)")
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = ap.parse_args(argv)
    if args.clients < 1 or args.posts < 1:
        ap.error("--clients and --posts must be at least 1")

    from eventwire import load_pipeline

    t0 = time.perf_counter()
    pipeline = load_pipeline(n_process=1)
    print(f"pipeline loaded in {time.perf_counter() - t0:.1f} s", flush=True)
    out: dict[str, Any] = {"clients": args.clients, "posts_per_client": args.posts}
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    failed = False
    for name in backends:
        stores = sqlite_store if name == "sqlite" else postgres_store
        try:
            with stores() as url:
                res = run_load(url, pipeline, clients=args.clients, posts=args.posts)
        except Exception as exc:
            if type(exc).__name__ != "PostgresUnavailable":
                traceback.print_exc()
                out[name] = {"failed": f"{type(exc).__name__}: {exc}"}
                failed = True
                continue
            print(f"{name}: skipped, no PostgreSQL server: {exc}", flush=True)
            out[name] = {"skipped": str(exc)}
            continue
        _print(name, res)
        sys.stdout.flush()
        out[name] = res
        failed = failed or bool(res["errors"] or res["lost_writes"] or res["unreadable"] or res["unexpected_documents"])
    print(json.dumps(out, sort_keys=True))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
