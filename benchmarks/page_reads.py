#!/usr/bin/env python3
"""What the web page's own reads cost on a large store: GET /facets, /timeline and /map (store/overview.py).

    python benchmarks/page_reads.py --db PATH_OR_URL [--repeat 2]

A SQLite file is opened read-only (its WAL honoured; nothing is written, no migration is run), so a store another
process is using can be measured; a postgresql:// URL is opened with open_store. The busiest country is found
first; each read is timed ``--repeat`` times (the best is kept). Prints one line per read, then a JSON object.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from typing import Any

from eventwire.store.overview import facets, map_points, timeline
from eventwire.store.select import EventFilter


class _ReadOnlySQLite:
    """The one method overview.py calls, on a read-only connection."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.conn.row_factory = sqlite3.Row

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, list(params))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    if args.db.startswith("postgresql"):
        from eventwire.store import open_store

        store: Any = open_store(args.db)
    else:
        store = _ReadOnlySQLite(args.db.removeprefix("sqlite:///"))
    found = facets(store)
    top = found.countries[0][0] if found.countries else "SDN"
    month = timeline(store, EventFilter(country=top)).days
    day = month[len(month) // 2][0] if month else "2024-01-15"
    start, end = day[:8] + "01", day[:8] + "28"
    reads = {
        "facets": lambda: facets(store),
        "timeline": lambda: timeline(store, EventFilter()),
        f"timeline country={top}": lambda: timeline(store, EventFilter(country=top)),
        f"timeline country={top} dedup": lambda: timeline(store, EventFilter(country=top, dedup=True)),
        f"map country={top} {day[:7]}": lambda: map_points(store, EventFilter(country=top, date_from=start,
                                                                             date_to=end)),
        f"map country={top} (+cells)": lambda: map_points(store, EventFilter(country=top)),
        "map (+cells)": lambda: map_points(store, EventFilter()),
    }
    out: dict[str, Any] = {"story_events": found.total}
    for name, read in reads.items():
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            read()
            best = min(best, time.perf_counter() - t0)
        out[name] = round(best * 1000)
        print(f"{name:40s} {best * 1000:8.0f} ms", flush=True)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
