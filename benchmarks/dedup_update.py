"""Incremental dedup vs a full rebuild on a synthetic store (rows written directly, no NLP).

    python benchmarks/dedup_update.py [--events 100000] [--new 1000] [--when recent|spread|both]
                                      [--backend sqlite|postgresql] [--span 730] [--check]

Builds a store of --events story events (invented incidents over two years in 20 countries, each told
by 1-4 documents whose places, actors, dates and tolls vary the way outlets' do; a fifth of the documents
tell two or three events), clusters it in full (`dedup.deduplicate`, timed), then stores --new reports
(half of them further reports of stored incidents, half new incidents) and times `dedup.update` on them:
--when recent: dated within the last week of the span, as a daily feed brings them; spread: any day of
the two years (the worst case: most blocks are touched); both (default): recent, then spread on top.
--check then compares the tables with a full rebuild that scans every open event (no blocking index:
slow at a million). PostgreSQL: a fresh database on the server tests/pg_server.py finds or starts. The
last line printed is one JSON object.

Measured (2026-12-06, a shared 2-core machine, seconds; every --check equal to the rebuild):

| store | backend | full rebuild | +1% recent (a week) | +1% spread (two years) |
|---|---|---|---|---|
| 100,000 events | SQLite | 12.9 | 0.33 | 5.9 |
| 100,000 events | PostgreSQL | 13.1 | 0.57 | 6.6 |
| 100,000 events, --span 73 (a million's density) | SQLite | 49.8 | 2.3 | 10.7 |
| 1,000,000 events (no --check) | SQLite | 511 | 18.9 | 136 |

(+1%: 1,000 new reports into 100,000; 10,000 into 1,000,000.) On benchmarks/scale.py's data (100,000
story events; 1,000 new documents, 4,000 reports, spread over its years): update 6.3 s, rebuild 10.2 s,
identical. A spread batch touches nearly every block and reads nearly the whole store; a feed of recent
news reads the last days only.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.dedup import deduplicate, load_reports, update  # noqa: E402
from eventwire.dedup_cluster import CANONICAL_COLUMNS, canonical_row, cluster  # noqa: E402
from eventwire.store import Store, open_store  # noqa: E402

START = dt.date(2023, 1, 1)
SPAN = 730
TYPES = ["ASSAULT"] * 9 + ["PROTEST"] * 4 + ["COERCE"] * 2 + ["MOBILIZE", "CONSULT", "ACCUSE", "THREATEN", "AID"]
MODES = {"ASSAULT": [None, "firearms", "shelling", "airstrike", "abduction"], "PROTEST": [None, "demonstrate"]}
STORY_COLUMNS = ("doc_id", "story_event_id", "type", "mode", "actor1", "actor2", "place_name", "lat", "lon",
                 "country", "admin1", "feature", "date", "fatalities", "injured", "modality", "trigger_text",
                 "mentions", "figures")


class World:
    """Countries, their towns and actors."""

    def __init__(self, rng: random.Random) -> None:
        self.countries = []
        for c in range(20):
            code = f"C{c:02d}"
            lat0, lon0 = rng.uniform(-30, 40), rng.uniform(-20, 100)
            towns = [(f"{code} town {t}", lat0 + rng.uniform(-3, 3), lon0 + rng.uniform(-3, 3), f"{code}-A{t % 4}")
                     for t in range(10)]
            actors = [(f"{code.lower()}-military", f"{code} Army", "military"),
                      (f"{code.lower()}-police", f"{code} Police", "military"),
                      *[(f"{code.lower()}-group-{g}", f"{code} Front {g}", "armed_group") for g in range(3)],
                      ("gunmen", "gunmen", "armed_group"), ("civilians", "civilians", "population")]
            self.countries.append((code, (lat0, lon0), towns, actors))


def incident(rng: random.Random, world: World, day: dt.date) -> dict[str, Any]:
    code, centre, towns, actors = rng.choice(world.countries)
    kind = rng.choice(TYPES)
    a1, a2 = rng.sample(actors, 2)
    return {"type": kind, "mode": rng.choice(MODES.get(kind, [None])), "day": day, "country": code,
            "centre": centre, "town": rng.choice(towns), "towns": towns, "actor1": a1, "actor2": a2,
            "killed": rng.choice([None, None, rng.randrange(1, 60)])}


def report(rng: random.Random, inc: dict[str, Any]) -> dict[str, Any]:
    """One outlet's telling: a neighbouring town or only the country now and then, an unnamed actor, a day
    off, another toll."""
    town = inc["town"]
    place = (town[0], town[1], town[2], inc["country"], town[3], "city")
    roll = rng.random()
    if roll < 0.1:
        place = (inc["country"], inc["centre"][0], inc["centre"][1], inc["country"], None, "country")
    elif roll < 0.15:
        place = None
    day = inc["day"] + dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, -1]) if rng.random() < 0.3 else 0)
    killed = inc["killed"]
    if killed is not None and rng.random() < 0.4:
        killed = max(1, killed + rng.randrange(-5, 8))
    actor1 = inc["actor1"] if rng.random() < 0.85 else ("gunmen", "gunmen", "armed_group")
    return {"type": inc["type"], "mode": inc["mode"] if rng.random() < 0.8 else None, "place": place,
            "date": day.isoformat(), "actor1": actor1, "actor2": inc["actor2"], "killed": killed,
            "published": (inc["day"] + dt.timedelta(days=rng.randrange(3))).isoformat()}


def documents(rng: random.Random, world: World, n_events: int, days: list[dt.date], prefix: str,
              known: list[dict[str, Any]], retell: list[dict[str, Any]] | None = None,
              ) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """(doc_id, published, story events) until n_events story events. Half the documents retell an incident
    of `retell` (default: those made so far, `known`, which each new incident joins)."""
    made = seq = 0
    while made < n_events:
        pool = known if retell is None else retell
        if pool and rng.random() < 0.5:
            incs = [rng.choice(pool)]
        else:
            incs = [incident(rng, world, rng.choice(days))]
            known.append(incs[0])
        if rng.random() < 0.2:  # a second and third event of the same dispatch: other incidents near it
            incs += [incident(rng, world, incs[0]["day"] + dt.timedelta(days=rng.randrange(2)))
                     for _ in range(rng.randrange(1, 3))]
        reports = [report(rng, i) for i in incs]
        seq += 1
        made += len(reports)
        yield f"{prefix}{seq:09d}", reports[0]["published"], reports


def write(store: Store, docs: Iterator[tuple[str, str, list[dict[str, Any]]]], pending: bool) -> int:
    b = store.backend
    n = 0
    doc_rows: list[tuple] = []
    story_rows: list[tuple] = []
    actor_rows: list[tuple] = []

    def flush() -> None:
        with b.transaction():
            b.executemany("INSERT INTO documents (id, source_id, source, published, text, report, ingested_at) "
                          "VALUES (?, ?, ?, ?, ?, '{}', '2026-01-01')", doc_rows)
            b.executemany(f"INSERT INTO story_events ({', '.join(STORY_COLUMNS)}) "
                          f"VALUES ({', '.join('?' * len(STORY_COLUMNS))})", story_rows)
            b.executemany("INSERT INTO actors (doc_id, actor_id, name, type) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT DO NOTHING", actor_rows)
            if pending:
                b.executemany("INSERT INTO dedup_pending VALUES (?)", [(r[0],) for r in doc_rows])
        doc_rows.clear()
        story_rows.clear()
        actor_rows.clear()

    for doc_id, published, reports in docs:
        doc_rows.append((doc_id, doc_id, "synthetic", published, doc_id))
        for k, r in enumerate(reports, 1):
            p = r["place"] or (None,) * 6
            story_rows.append((doc_id, f"s{k}", r["type"], r["mode"], r["actor1"][0], r["actor2"][0], p[0], p[1],
                               p[2], p[3], p[4], p[5], r["date"], r["killed"], None, "asserted", "attacked",
                               f'["e{k}"]', "[]"))
            for a in (r["actor1"], r["actor2"]):
                actor_rows.append((doc_id, *a))
            n += 1
        if len(story_rows) >= 5000:
            flush()
    flush()
    if store.dialect == "postgresql":
        b.execute("ANALYZE")  # as autovacuum would have by then in a store that lives: plans for its sizes
    return n


def tables(store: Store) -> tuple[set, set]:
    events = {tuple(r[c] for c in CANONICAL_COLUMNS) for r in store.query("SELECT * FROM canonical_events")}
    links = {tuple(r.values()) for r in store.query(
        "SELECT doc_id, story_event_id, canonical_id, reason FROM event_links")}
    return events, links


def expected(store: Store) -> tuple[set, set]:
    canon = cluster(load_reports(store), blocking=False)
    return ({canonical_row(c) for c in canon},
            {(r.doc_id, r.event_id, c.id, why) for c in canon for r, why in c.reports})


@contextlib.contextmanager
def store_url(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield str(Path(tmp) / "bench.db")
        return
    sys.path.insert(0, str(ROOT / "tests"))
    import pg_server

    with pg_server.session_server() as admin:
        name, url = pg_server.create_database(admin)
        try:
            yield url
        finally:
            pg_server.drop_database(admin, name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--new", type=int, default=1_000)
    ap.add_argument("--when", choices=("recent", "spread", "both"), default="both")
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--span", type=int, default=SPAN, help="days the stored events cover (default two years)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true", help="compare the tables with a full rebuild's")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    world = World(rng)
    days = [START + dt.timedelta(days=d) for d in range(args.span)]
    out: dict[str, Any] = {"backend": args.backend, "events": args.events, "new": args.new, "when": args.when}
    with store_url(args.backend) as url, open_store(url) as store:
        t = time.perf_counter()
        known: list[dict[str, Any]] = []
        out["stored_events"] = write(store, documents(rng, world, args.events, days, "d", known), pending=False)
        out["write_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        out["canonical_before"] = deduplicate(store)
        out["rebuild_s"] = round(time.perf_counter() - t, 2)
        for when in ("recent", "spread") if args.when == "both" else (args.when,):
            new_days = days[-7:] if when == "recent" else days
            window = set(new_days)
            retell = [i for i in known if i["day"] in window] or known
            out[f"new_events_{when}"] = write(store, documents(rng, world, args.new, new_days, f"n{when[0]}", known,
                                                                 retell), pending=True)
            t = time.perf_counter()
            stats = update(store)
            out[f"update_{when}_s"] = round(time.perf_counter() - t, 3)
            out[f"update_{when}"] = {k: v for k, v in vars(stats).items() if k != "seconds"}
        if args.check:
            t = time.perf_counter()
            out["equal_to_rebuild"] = tables(store) == expected(store)
            out["check_s"] = round(time.perf_counter() - t, 2)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
