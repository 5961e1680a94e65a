"""A quick synthetic store for the served rows (issue 15 item 1): latency of the typical GET /events queries,
one client, and export rows/s per format. The full 1M-event benchmark is benchmarks/scale.py.

    python benchmarks/rows_quick.py --db /tmp/rows.db --docs 50000          # SQLite; 4 story events a document
    python benchmarks/rows_quick.py --db postgresql://…/db --docs 50000     # PostgreSQL (the database must exist)
    add --reuse to measure a store built by an earlier run

Documents are small invented reports written through Store.write_batch (so every table and index is as ingest
writes it), with skewed countries, places, types and actors over three years, and a dedup link per story event.
Prints one JSON object: the p50/p90 of each query (ms, in-process ASGI client), and rows/s per export format.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from eventwire.schema import Acled, Actor, Event, Offsets, Place, Report, Span, StoryEvent
from eventwire.store import document_id, open_store

TYPES = ["ASSAULT"] * 8 + ["PROTEST"] * 4 + ["COERCE"] * 3 + ["MOBILIZE", "CONSULT", "ACCUSE", "AID", "SANCTION"]
ACLED = {"ASSAULT": ("Battles", "Armed clash"), "PROTEST": ("Protests", "Peaceful protest"),
         "COERCE": ("Violence against civilians", "Abduction/forced disappearance")}
SITES = ["darfur-wire.test", "sahel-news.test", "gulf-post.test", "andes-daily.test", "river-times.test"]


def _countries(rng: random.Random) -> list[tuple[str, float, float, list[tuple[str, float, float, str]]]]:
    """30 invented countries, each with 12 towns around a centre, weighted by a Zipf-like law."""
    out = []
    for i in range(30):
        code = "".join(chr(65 + (i * 7 + k * 3) % 26) for k in range(3))
        lat, lon = rng.uniform(-35, 55), rng.uniform(-100, 140)
        towns = [(f"Town{i}-{j}", lat + rng.uniform(-4, 4), lon + rng.uniform(-4, 4), f"Region{i}-{j % 4}")
                 for j in range(12)]
        out.append((code, lat, lon, towns))
    return out


def _report(rng: random.Random, n: int, countries: list, weights: list[float], actors: list[tuple[str, str]],
            actor_weights: list[float]) -> Report:
    code, _, _, towns = rng.choices(countries, weights)[0]
    day = 1_700_000_000 + rng.randrange(0, 3 * 365) * 86400
    published = time.strftime("%Y-%m-%d", time.gmtime(day + 86400))
    text = f"Report {n}: fighting and protests were reported in several towns of {code} this week."
    places, events, story, used = [], [], [], {}
    for k in range(4):
        town, lat, lon, region = rng.choice(towns)
        places.append(Place(start=0, end=6, text="Report", name=town, lat=lat, lon=lon, country=code,
                            admin1=region, feature="city"))
        a1, a2 = rng.choices(actors, actor_weights, k=2)
        used[a1[0]], used[a2[0]] = a1[1], a2[1]
        kind = rng.choice(TYPES)
        acled = Acled(event_type=ACLED[kind][0], sub_event_type=ACLED[kind][1]) if kind in ACLED else None
        date = time.strftime("%Y-%m-%d", time.gmtime(day - rng.randrange(0, 3) * 86400)) if rng.random() > 0.05 \
            else None
        fields = dict(type=kind, actor1=a1[0], actor2=a2[0], place=k, date=date, acled=acled,
                      trigger=Span(start=0, end=6, text="Report"), evidence=Offsets(start=0, end=len(text)))
        events.append(Event(id=f"e{k + 1}", **fields))  # type: ignore[arg-type]
        story.append(StoryEvent(id=f"s{k + 1}", **fields, place_precision="attached",  # type: ignore[arg-type]
                                fatalities=rng.choice([None, None, 0, 1, 3, 12]), mentions=[f"e{k + 1}"]))
    return Report(id=f"syn-{n}", text=text, published=published, site=rng.choice(SITES),
                  url=f"https://{rng.choice(SITES)}/story/{n}", places=places,
                  actors=[Actor(id=i, name=name, type="armed_group") for i, name in used.items()],
                  events=events, story_events=story)


def build(db: str, docs: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    countries = _countries(rng)
    weights = [1 / (i + 1) for i in range(len(countries))]
    actors = [(f"actor-{i}", f"Armed Group {i} of the {rng.choice(['North', 'South', 'East', 'West'])}")
              for i in range(3000)]
    actor_weights = [1 / (i + 1) ** 0.9 for i in range(len(actors))]
    start = time.perf_counter()
    with open_store(db) as store:
        for base in range(0, docs, 500):
            reports = [_report(rng, n, countries, weights, actors, actor_weights)
                       for n in range(base, min(docs, base + 500))]
            store.write_batch([(r, f"synthetic.jsonl:{i}") for i, r in enumerate(reports, base)])
            links = [(document_id(r.text), s.id, f"c{document_id(r.text)[:8]}{s.id}",
                      "first report" if rng.random() < 0.6 else "same type")
                     for r in reports for s in r.story_events]
            with store.backend.transaction():
                store.backend.executemany("INSERT INTO event_links VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", links)
        if store.dialect == "sqlite":
            store.backend.execute("ANALYZE")
        else:
            store.backend.execute("ANALYZE")
    return time.perf_counter() - start


def _ms(fn, runs: int) -> dict[str, float]:
    fn()  # warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50": round(statistics.median(times), 2), "p90": round(times[int(len(times) * 0.9) - 1], 2)}


def measure(db: str, runs: int) -> dict[str, object]:
    from fastapi.testclient import TestClient

    from eventwire.api import create_app
    from eventwire.settings import Settings
    from eventwire.store.select import EventFilter, count

    app = create_app(db, settings=Settings.from_env(), workers=0, pipeline=object())  # type: ignore[arg-type]
    app.state.eventwire.dedup_stale = False  # the synthetic links stand (a rebuild is not what is measured)
    out: dict[str, object] = {}
    with TestClient(app, base_url="http://localhost") as client:
        with open_store(db) as store:
            n = store.counts()["story_rows"]
            top = store.query("SELECT country, COUNT(*) AS n FROM story_rows GROUP BY country ORDER BY n DESC")
            box_row = store.query("SELECT lat, lon FROM story_rows WHERE country = ? LIMIT 1", (top[0]["country"],))[0]
        out["story_events"] = n
        month = {"country": top[0]["country"], "from": "2024-03-01", "to": "2024-03-31"}
        lat, lon = box_row["lat"], box_row["lon"]
        bbox = {"bbox": f"{lon - 0.5},{lat - 0.5},{lon + 0.5},{lat + 0.5}"}
        wide = {"bbox": f"{lon - 3},{lat - 3},{lon + 3},{lat + 3}"}
        queries = {
            "country_month": month,
            "rare_country_month": {"country": top[-1]["country"], "from": "2024-03-01", "to": "2024-03-31"},
            "bbox_1deg": bbox, "bbox_6deg": wide,
            "actor_top": {"actor": "actor-3"}, "actor_rare": {"actor": "actor-2900"},
            "actor_name": {"actor": "group 27 "},
            "type_year": {"type": "PROTEST", "from": "2024-01-01", "to": "2024-12-31"},
            "page_100_offset": {"type": "PROTEST", "from": "2024-01-01", "to": "2024-12-31", "offset": 4950},
            "acled_sub_type": {"acled_type": "Abduction/forced disappearance"},
            "dedup_country": {"country": top[1]["country"], "dedup": "true"},
            "source": {"source": "synthetic.jsonl:4242"},
            "no_filter": {},
        }
        for name, params in queries.items():
            out[name] = _ms(lambda p=params: client.get("/events", params=p).raise_for_status(), runs)
        # page 100 by cursor: 99 cursor hops first (not timed), then the 100th page
        params = dict(queries["type_year"])
        cursor = None
        for _ in range(99):
            cursor = client.get("/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()[
                "next_cursor"]
        out["page_100_cursor"] = _ms(lambda: client.get("/events", params={**params, "cursor": cursor})
                                     .raise_for_status(), runs)
        exports = {}
        for fmt in ("csv", "acled-csv", "plover-json", "geojson", "parquet", "jsonl"):
            flt = {"country": top[0]["country"], "from": "2024-01-01", "to": "2024-12-31", "format": fmt}
            t = time.perf_counter()
            size = 0
            with client.stream("GET", "/export", params=flt) as r:
                for chunk in r.iter_bytes():
                    size += len(chunk)
            took = time.perf_counter() - t
            with open_store(db) as store:
                rows = count(store, EventFilter(country=flt["country"], date_from=flt["from"], date_to=flt["to"]),
                             cap=10**9)[0]
            exports[fmt] = {"rows": rows, "seconds": round(took, 2), "rows_per_s": round(rows / took), "bytes": size}
        out["export_country_year"] = exports
        # memory: the whole store as csv, Python's peak allocation (one batch, not the result)
        tracemalloc.start()
        with client.stream("GET", "/export", params={"format": "csv"}) as r:
            size = sum(len(chunk) for chunk in r.iter_bytes())
        out["export_all_csv"] = {"rows": n, "bytes": size,
                                 "python_peak_mb": round(tracemalloc.get_traced_memory()[1] / 2**20, 1)}
        tracemalloc.stop()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--docs", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--reuse", action="store_true", help="measure the store as it is")
    args = ap.parse_args()
    result: dict[str, object] = {}
    if not args.reuse:
        result["build_s"] = round(build(args.db, args.docs), 1)
    result.update(measure(args.db, args.runs))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
