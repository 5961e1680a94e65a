#!/usr/bin/env python3
"""The dataset at scale: a store of a million story events, served and exported under load.

    python benchmarks/scale.py [--backend sqlite|postgresql|both] [--docs 250000] [--new 10000]
                               [--clients 50] [--seconds 30] [--workdir DIR] [--reuse] [--verify-rebuild]

For each backend:

1. **generate**: ``--docs`` synthetic reports (benchmarks/scale_data.py: about four story events each,
   1 in 3 incidents told by two or three outlets) written with ``Store.write_batch`` — no extraction —
   then the cross-article dedup brought up to date. With ``--reuse`` a store of that size already in
   ``--workdir`` (SQLite) or database ``eventwire_scale`` (PostgreSQL) is used as it is.
2. **serve**: ``eventwire serve --db URL`` in its own process on 127.0.0.1, one extraction worker.
3. **queries under load**: ``--clients`` concurrent clients (one asyncio process of their own) for
   ``--seconds`` each, cycling through the typical queries: a country and a month; a 1°×1° box around
   a city; an actor; a type over a year; page 100 of a type-year (offset 4,950, limit 50), and the same
   page reached by cursor when the API gives one. Two loads: *paced* (each client waits a second
   between requests, as a person reading pages does) and *saturating* (each client sends its next
   request as soon as the last is answered). Meanwhile another client calls ``/health`` ten times a
   second. p50 / p99 per query kind and for /health.
4. **export**: ``GET /export?format=csv`` of the busiest country's busiest year, read as a stream
   ``--export-repeat`` times (rows/s: the median, and each run's with the machine's load), and the server
   process's peak RSS (VmHWM; the extraction workers are other processes); ``--export-formats`` adds others.
5. **incremental dedup**: ``--new`` more synthetic reports (documents) written, then the dedup brought up to
   date; seconds, the stored story events it read, and (``--verify-rebuild``) whether a full rebuild gives
   the same tables. **Fair and repeatable**: the batch is written, deduplicated (and verified) inside one
   transaction that is then rolled back, so the store stays as generated and every run measures the same
   batch into the same 1M-event store (``--keep-new`` commits it instead: the next run then meets a denser
   window). A store that older versions of this script left with committed batches (source ids ``new…``)
   has them removed on ``--reuse``, and its canonical events rebuilt in full, before anything is measured.
   **Realistic density**: the new reports' incidents fall in the store's last ``--new-span-days`` days;
   by default (``auto``) as many days as the generator's own rate at the store's end
   (``scale_data.World.day_weights``: the last day is three times the first) fills with as many story
   events as the batch brings, so the batch is as dense per day as the store's own reports of those days
   (10,000 documents into 250,000: 68 days). Late and repeated news arriving over the last weeks: each day of
   the window then holds twice what the generator put there. ``--new-span-days 30`` packs the batch
   2.3 times as densely as the store (what BENCHMARKS.md measured before).

Results go to benchmarks/scale.json, or ``--out FILE`` (merged per backend); the last line printed is one JSON
object.
PostgreSQL: EVENTWIRE_TEST_POSTGRES_URL, else a throwaway cluster (tests/pg_server.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

OUT = HERE / "scale.json"
PG_DB = "eventwire_scale"


# -- the store -------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def store_url(backend: str, workdir: Path, reuse: bool) -> Iterator[str]:
    if backend == "sqlite":
        path = workdir / "scale.db"
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        yield str(path)
        return
    import psycopg

    import pg_server

    with pg_server.session_server() as admin_url:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DB,)).fetchone()
            if exists and not reuse:
                conn.execute(f"DROP DATABASE {PG_DB}")
                exists = None
            if not exists:
                conn.execute(f"CREATE DATABASE {PG_DB}")
        yield admin_url.rsplit("/", 1)[0] + "/" + PG_DB


def dedup_update(store: Any) -> dict[str, Any]:
    """Bring the dedup up to date the way ingest does: incrementally (a full rebuild when it has none yet)."""
    from eventwire.dedup_update import update

    t0 = time.perf_counter()
    stats = update(store)
    return {"seconds": round(time.perf_counter() - t0, 2), "how": "rebuild" if stats.rebuilt else "incremental",
            "result": _jsonable(stats)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, (int, float, str, type(None))):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "__dict__"):
        return _jsonable(vars(value))
    return str(value)


def generate(url: str, docs: int, seed: int, reuse: bool, dedup: bool = True) -> dict[str, Any]:
    import scale_data
    from eventwire.store import open_store

    with open_store(url) as store:
        have = store.counts()
        if reuse and have["documents"] >= docs:
            done = dedup_update(store) if dedup else None  # what a store generated without it still lacks
            have = store.counts()
            return {"reused": True, "documents": have["documents"], "story_events": have["story_events"],
                    "canonical_events": have["canonical_events"], "dedup": done}
        t0 = time.perf_counter()
        batch: list = []
        written = 0
        for item in scale_data.reports(docs, seed=seed):
            batch.append(item)
            if len(batch) == 1000:
                written += len(store.write_batch(batch).added)
                batch = []
                if written % 25000 == 0:
                    print(f"  {written} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        if batch:
            written += len(store.write_batch(batch).added)
        write_s = time.perf_counter() - t0
        done = dedup_update(store) if dedup else None
        counts = store.counts()
    return {"reused": False, "documents": counts["documents"], "story_events": counts["story_events"],
            "canonical_events": counts["canonical_events"], "write_seconds": round(write_s, 1),
            "write_docs_per_s": round(written / write_s, 1), "dedup": done}


# -- the server ------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(url: str, processes: int = 1) -> Iterator[tuple[str, int]]:
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", url, "--port", str(port),
                             "--workers", "1", "--limit-concurrency", "1000",
                             "--processes", str(processes)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"eventwire serve exited: {proc.stderr.read()[-2000:]}")  # type: ignore[union-attr]
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/health", timeout=5, trust_env=False).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("eventwire serve did not answer /health in 180 s")
            time.sleep(0.5)
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def server_rss_mb(pid: int, processes: int) -> float | None:
    """The largest peak RSS of the server processes: the one process, or the supervisor's direct children
    (not the extraction workers, which are other processes and hold the model)."""
    if processes <= 1:
        return peak_rss_mb(pid)
    import psutil

    peaks = [peak_rss_mb(c.pid) for c in psutil.Process(pid).children(recursive=False)]
    return max((p for p in peaks if p is not None), default=None)


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


# -- the queries -----------------------------------------------------------------------------------------------

def query_plan(url: str, seed: int) -> dict[str, list[str]]:
    """Typical queries, with parameters drawn from what the store holds (busy countries, real actors)."""
    from eventwire.store import open_store

    rng = random.Random(seed)
    with open_store(url) as store:
        countries = [r["country"] for r in store.query(
            "SELECT country, COUNT(*) AS n FROM story_events WHERE country IS NOT NULL GROUP BY country "
            "ORDER BY n DESC LIMIT 15")]
        cities = store.query("SELECT lat, lon FROM story_events WHERE lat IS NOT NULL AND doc_id IN "
                             "(SELECT id FROM documents ORDER BY id LIMIT 200)")
        actors = [r["actor1"] for r in store.query(
            "SELECT actor1 FROM story_events WHERE doc_id IN (SELECT id FROM documents ORDER BY id LIMIT 300) "
            "AND actor1 LIKE '%-%'")]
    plan: dict[str, list[str]] = {"country-month": [], "bbox": [], "actor": [], "type-year": [], "page-100": []}
    for _ in range(200):
        year = rng.choice(range(2019, 2026))
        month = rng.randint(1, 12)
        plan["country-month"].append(f"/events?country={rng.choice(countries)}&from={year}-{month:02d}-01"
                                     f"&to={year}-{month:02d}-28&limit=50")
        c = rng.choice(cities)
        plan["bbox"].append(f"/events?bbox={c['lon'] - 0.5:.3f},{c['lat'] - 0.5:.3f},{c['lon'] + 0.5:.3f},"
                            f"{c['lat'] + 0.5:.3f}&limit=50")
        plan["actor"].append(f"/events?actor={rng.choice(actors)}&limit=50")
        kind = rng.choice(("ASSAULT", "PROTEST", "COERCE"))
        plan["type-year"].append(f"/events?type={kind}&from={year}-01-01&to={year}-12-31&limit=50")
        plan["page-100"].append(f"/events?type={kind}&from={year}-01-01&to={year}-12-31"
                                "&limit=50&offset=4950")
    return plan


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(1000 * values[min(len(values) - 1, int(q * len(values)))], 1)


async def _load(base: str, plan: dict[str, list[str]], clients: int, seconds: float, think: float) -> dict[str, Any]:
    import httpx

    kinds = list(plan)
    lat: dict[str, list[float]] = {k: [] for k in [*kinds, "health"]}
    errors: list[str] = []
    stop = time.monotonic() + seconds

    async def one(http: httpx.AsyncClient, name: str, path: str) -> None:
        t0 = time.perf_counter()
        try:
            r = await http.get(path)
            if r.status_code != 200:
                errors.append(f"{name}: HTTP {r.status_code} {r.text[:200]}")
            else:
                r.json()
        except httpx.HTTPError as exc:
            errors.append(f"{name}: {type(exc).__name__}")
        lat[name].append(time.perf_counter() - t0)

    async def client(i: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(i)
        await asyncio.sleep(rng.random() * (think or 0.05))
        n = 0
        while time.monotonic() < stop:
            name = kinds[(i + n) % len(kinds)]
            await one(http, name, rng.choice(plan[name]))
            n += 1
            if think:
                await asyncio.sleep(think * (0.5 + rng.random()))

    async def health(http: httpx.AsyncClient) -> None:
        while time.monotonic() < stop:
            await one(http, "health", "/health")
            await asyncio.sleep(0.1)

    limits = httpx.Limits(max_connections=clients + 5, max_keepalive_connections=clients + 5)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits, trust_env=False) as http:
        t0 = time.monotonic()
        await asyncio.gather(*(client(i, http) for i in range(clients)), health(http))
        took = time.monotonic() - t0
    events = [v for k, v in lat.items() if k != "health" for v in v]
    return {"clients": clients, "think_s": think, "seconds": round(took, 1), "requests": len(events),
            "req_per_s": round(len(events) / took, 1), "errors": len(errors), "error_samples": errors[:3],
            "events_p50_ms": _pct(events, 0.5), "events_p99_ms": _pct(events, 0.99),
            "health_p50_ms": _pct(lat["health"], 0.5), "health_p99_ms": _pct(lat["health"], 0.99),
            "by_query": {k: {"n": len(lat[k]), "p50_ms": _pct(lat[k], 0.5), "p99_ms": _pct(lat[k], 0.99)}
                         for k in kinds}}


def single_client(base: str, plan: dict[str, list[str]], n: int = 20) -> dict[str, Any]:
    """Each query kind alone, one client: the service time without queueing."""
    import httpx

    out: dict[str, Any] = {}
    with httpx.Client(base_url=base, timeout=60, trust_env=False) as http:
        for name, paths in plan.items():
            times = []
            for path in paths[:n]:
                t0 = time.perf_counter()
                http.get(path).raise_for_status()
                times.append(time.perf_counter() - t0)
            out[name] = {"p50_ms": _pct(times, 0.5), "max_ms": round(1000 * max(times), 1)}
        # the cursor walk, when the API pages by cursor: 100 pages of a type-year
        first = http.get(plan["type-year"][0]).json()
        if "next_cursor" in first:
            cursor, times = first.get("next_cursor"), []
            path = plan["type-year"][0]
            for _ in range(99):
                if not cursor:
                    break
                t0 = time.perf_counter()
                body = http.get(path + f"&cursor={cursor}").json()
                times.append(time.perf_counter() - t0)
                cursor = body.get("next_cursor")
            out["cursor-page"] = {"pages": len(times), "p50_ms": _pct(times, 0.5), "max_ms": _pct(times, 1.0)}
    return out


def _count_rows(fmt: str, lines: Iterator[str]) -> int:
    """The rows of an export read as text: csv records (a quoted cell may hold a line break), GeoJSON features
    (one a line between the collection's first and last lines), or lines (plover-json, jsonl)."""
    if fmt in ("csv", "acled-csv"):
        return sum(1 for _ in csv.reader(lines)) - 1  # less the header
    n = sum(1 for line in lines if line)
    return n - 2 if fmt == "geojson" else n


def _timed_lines(response: Any, t0: float, first: list[float]) -> Iterator[str]:
    for line in response.iter_lines():
        if not first:
            first.append(time.perf_counter() - t0)
        yield line


def export_stream(base: str, url: str, pid: int, processes: int, fmt: str = "csv", repeat: int = 1) -> dict[str, Any]:
    """``GET /export`` of the busiest country-year in ``fmt``, read as a stream, ``repeat`` times: rows/s (the median
    and each run's), and the server's peak RSS. Parquet is read whole, then its rows counted."""
    import statistics

    import httpx

    from eventwire.store import open_store

    with open_store(url) as store:
        top = store.query("SELECT country, SUBSTR(date, 1, 4) AS year, COUNT(*) AS n FROM story_events "
                          "WHERE country IS NOT NULL AND date IS NOT NULL GROUP BY country, SUBSTR(date, 1, 4) "
                          "ORDER BY n DESC LIMIT 1")[0]
    path = f"/export?format={fmt}&country={top['country']}&from={top['year']}-01-01&to={top['year']}-12-31"
    rss_before = server_rss_mb(pid, processes)
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        first: list[float] = []  # when the first line came
        with httpx.Client(base_url=base, timeout=600, trust_env=False) as http, http.stream("GET", path) as r:
            r.raise_for_status()
            if fmt == "parquet":
                import io

                import pyarrow.parquet as pq

                rows = pq.ParquetFile(io.BytesIO(r.read())).metadata.num_rows
            else:
                rows = _count_rows(fmt, _timed_lines(r, t0, first))
        took = time.perf_counter() - t0
        first_byte = first[0] if first else None
        runs.append({"rows": rows, "seconds": round(took, 2), "rows_per_s": round(rows / took, 1),
                     "first_byte_ms": round(1000 * (first_byte or took), 1), "load": round(os.getloadavg()[0], 2)})
    rates = [run["rows_per_s"] for run in runs]
    return {"query": path, "expected_rows": top["n"], "rows": runs[-1]["rows"], "seconds": runs[-1]["seconds"],
            "rows_per_s": round(statistics.median(rates), 1), "rows_per_s_min": min(rates),
            "rows_per_s_max": max(rates), "runs": runs, "first_byte_ms": runs[-1]["first_byte_ms"],
            "server_peak_rss_mb_before": rss_before, "server_peak_rss_mb": server_rss_mb(pid, processes)}


# -- incremental dedup -------------------------------------------------------------------------------------------

class _RollBack(Exception):
    """Raised at the end of a measured batch, so that its transaction leaves the store as it was."""


def realistic_span(store_docs: int, new_docs: int) -> int:
    """The days at the store's end that the generator fills with as many story events as `new_docs` documents
    bring: the span in which a batch is as dense per day as the store (see the module docstring)."""
    import scale_data

    weights = scale_data.World.day_weights_for(scale_data.START, scale_data.END)
    per_day_at_end = store_docs * weights[-1] / sum(weights)  # documents a day (each about four story events)
    return max(1, round(new_docs / per_day_at_end))


def remove_added(url: str) -> int:
    """Remove the documents that older versions of `incremental` committed (source ids ``new…``), with every row
    of theirs, then rebuild the canonical events in full: the store as generated. Returns how many."""
    from eventwire.dedup import deduplicate
    from eventwire.store import open_store
    from eventwire.store.migrations import DOCUMENT_TABLES

    with open_store(url) as store:
        ids = [r["id"] for r in store.query("SELECT id FROM documents WHERE source_id LIKE 'new%' ORDER BY id")]
        if not ids:
            return 0
        t0 = time.perf_counter()
        with store.backend.transaction():
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                marks = ", ".join("?" * len(chunk))
                for table in ("document_extractions", "dedup_pending", "event_links", *reversed(DOCUMENT_TABLES)):
                    key = "id" if table == "documents" else "doc_id"
                    store.backend.execute(f"DELETE FROM {table} WHERE {key} IN ({marks})", chunk)
            # the names only the removed documents gave an actor (a batch's World invents its own group names)
            store.backend.execute(
                "DELETE FROM actor_names WHERE (actor_id, name) NOT IN (SELECT actor1, COALESCE(actor1_name, '') "
                "FROM story_rows WHERE actor1 IS NOT NULL UNION SELECT actor2, COALESCE(actor2_name, '') "
                "FROM story_rows WHERE actor2 IS NOT NULL)")
        print(f"  removed {len(ids)} added documents in {time.perf_counter() - t0:.0f} s; rebuilding the dedup",
              file=sys.stderr)
        deduplicate(store)
    if url.startswith("postgresql"):
        _vacuum(url, "VACUUM ANALYZE")
    return len(ids)


def _vacuum(url: str, what: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(what)


def incremental(url: str, new: int, seed: int, verify: bool, span_days: int | None,
                keep: bool = False) -> dict[str, Any]:
    """`new` documents written and deduplicated (and `verify`: compared with a rebuild) in one transaction,
    rolled back unless `keep` (see the module docstring)."""
    import scale_data
    from eventwire.store import open_store

    out: dict[str, Any] = {}
    with open_store(url) as store:
        before = store.counts()
        if span_days is None:
            span_days = realistic_span(before["documents"], new)
            out["span"] = "auto: as dense per day as the store's own last days"
        # a new seed: other incidents, dated in the store's last `span_days` days (the news that comes in next
        # overlaps the days stored last); span_days 0: spread over all the store's years (the worst case)
        start = scale_data.END - dt.timedelta(days=span_days) if span_days else scale_data.START
        tag = before["documents"]  # a committed batch (--keep-new) makes the next one another
        world = scale_data.World(seed + tag, start=start)
        batch = []
        for report, source in scale_data.reports(new, seed=seed + 1000 + span_days + tag, world=world):
            report.id = f"new{tag}-" + report.id
            report.text = report.text + f" (late edition {span_days}, {tag})"
            batch.append((report, source))
        try:
            with store.backend.transaction():
                t0 = time.perf_counter()
                written = 0
                for i in range(0, len(batch), 1000):
                    written += len(store.write_batch(batch[i:i + 1000]).added)
                write_s = time.perf_counter() - t0
                load = round(os.getloadavg()[0], 2)  # the machine's load when the update began (2 cores, shared)
                dedup = dedup_update(store)
                out.update({"span_days": span_days or "all", "new_documents": written, "load": load,
                            "story_events_before": before["story_events"], "write_seconds": round(write_s, 1),
                            "dedup": dedup, "kept": keep})
                if verify:
                    from eventwire.dedup import deduplicate

                    links = _links(store)
                    t0 = time.perf_counter()
                    deduplicate(store)
                    out["rebuild_seconds"] = round(time.perf_counter() - t0, 1)
                    out["identical_to_rebuild"] = links == _links(store)
                if not keep:
                    raise _RollBack
        except _RollBack:
            pass
        out["documents_after"] = store.counts()["documents"]
    if keep and verify and url.startswith("postgresql"):
        # the rebuild rewrote every canonical event and link: without a vacuum the next run reads dead rows
        # (measured: export 4,954 → 13,920 rows/s, paced p99 650 → 389 ms); a team does the same after --rebuild
        _vacuum(url, "VACUUM ANALYZE canonical_events, event_links")
    return out


def _links(store: Any) -> set[tuple]:
    return {(r["doc_id"], r["story_event_id"], r["canonical_id"], r["reason"])
            for r in store.query("SELECT doc_id, story_event_id, canonical_id, reason FROM event_links")}


# -- main ------------------------------------------------------------------------------------------------------

def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"backend": backend, "date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(),
                              "server_processes": args.processes}
    with store_url(backend, workdir, args.reuse) as url:
        if args.reuse:
            removed = remove_added(url)
            if removed:
                result["removed_added_documents"] = removed
        print(f"[{backend}] generating {args.docs} documents", file=sys.stderr)
        result["store"] = generate(url, args.docs, args.seed, args.reuse, dedup=not args.generate_only)
        print(f"[{backend}] {result['store']}", file=sys.stderr)
        if args.generate_only:
            return result
        parts = set(args.parts.split(","))
        plan = query_plan(url, args.seed)
        if parts & {"load", "export"}:
            with server(url, args.processes) as (base, pid):
                if "load" in parts:
                    result["single_client"] = single_client(base, plan)
                    print(f"[{backend}] single client {result['single_client']}", file=sys.stderr)
                    result["paced"] = asyncio.run(_load(base, plan, args.clients, args.seconds, think=1.0))
                    print(f"[{backend}] paced {result['paced']}", file=sys.stderr)
                    result["saturating"] = asyncio.run(_load(base, plan, args.clients, args.seconds, think=0.0))
                    print(f"[{backend}] saturating {result['saturating']}", file=sys.stderr)
                if "export" in parts:
                    for fmt in args.export_formats.split(","):
                        done = export_stream(base, url, pid, args.processes, fmt, args.export_repeat)
                        result["export" if fmt == "csv" else f"export_{fmt}"] = done
                        print(f"[{backend}] export {fmt} {done}", file=sys.stderr)
        if args.new and "incremental" in parts:
            span = None if args.new_span_days == "auto" else int(args.new_span_days)
            result["incremental"] = incremental(url, args.new, args.seed, args.verify_rebuild, span, args.keep_new)
            print(f"[{backend}] incremental {result['incremental']}", file=sys.stderr)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--docs", type=int, default=250_000)
    ap.add_argument("--new", type=int, default=10_000)
    ap.add_argument("--new-span-days", default="auto",
                    help="the new reports' incidents fall in the store's last N days (0: over all its years; auto: "
                         "as many days as make the batch as dense as the store's own) [default: auto]")
    ap.add_argument("--keep-new", action="store_true",
                    help="commit the incremental batch (by default it is rolled back: every run measures the same)")
    ap.add_argument("--out", default=str(OUT), help="the JSON file results are merged into")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                    help="server processes (eventwire serve --processes) [default: the cores]")
    ap.add_argument("--workdir", default="/tmp/eventwire-scale")
    ap.add_argument("--reuse", action="store_true", help="use a store of that size generated before")
    ap.add_argument("--verify-rebuild", action="store_true", help="check the incremental dedup against a rebuild")
    ap.add_argument("--no-save", action="store_true", help="do not write benchmarks/scale.json")
    ap.add_argument("--parts", default="load,export,incremental",
                    help="what to measure, comma-separated: load, export, incremental [default: all]")
    ap.add_argument("--export-formats", default="csv",
                    help="the export's formats, comma-separated (csv, geojson, plover-json, acled-csv, parquet, jsonl)")
    ap.add_argument("--export-repeat", type=int, default=3, help="exports of each format (rows/s: their median)")
    ap.add_argument("--generate-only", action="store_true", help="build the store (for a later --reuse) and stop")
    args = ap.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    results = {b: run_backend(b, args) for b in backends}
    if not args.no_save:
        out = Path(args.out)
        saved = json.loads(out.read_text()) if out.exists() else {}
        for backend, result in results.items():  # a run of some parts keeps the other parts' numbers
            saved.setdefault(backend, {}).update(result)
        out.write_text(json.dumps(saved, indent=1) + "\n")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
