"""What the page's explore view draws, computed in SQL on ``story_rows`` with the /events filters (select.py).

    timeline(store, flt) -> Timeline        story events per day (the undated counted apart)
    map_points(store, flt, limit) -> MapPoints   the located story events, in the served order, up to ``limit``;
                                            past it, the matches counted per 1-degree cell and type as well
                                            (the first MAX_CELL_ROWS of them: ``cells_complete`` says if all)
    facets(store) -> Facets                 the countries and PLOVER types of the whole store, with their counts

The filters are planned as select.py plans them (the same rules, the same indexes); none of these reads a report
or a stored record. Every answer is bounded: days by the days that have events (capped at MAX_DAYS), points by
``limit``, cells by MAX_CELLS, countries by MAX_COUNTRIES.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import Store
from .rows import UNDATED
from .select import EventFilter, _keys, _Plan, _plan, _settle

MAX_DAYS = 40_000  # a century and more of days
MAX_CELLS = 20_000  # (cell, type) groups
MAX_CELL_ROWS = 100_000  # matches read to count cells: ~1 s on a store of a million story events (docs/web.md)
MAX_COUNTRIES = 300
MAX_POINTS = 5_000

_LOCATED = ("{t}.lat IS NOT NULL AND {t}.lon IS NOT NULL", [])


@dataclass(frozen=True)
class Timeline:
    days: list[tuple[str, int]]  # (ISO day, story events that day), in day order
    undated: int  # matches with no day (only without a date filter: a date filter leaves them out)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.days) + self.undated


@dataclass(frozen=True)
class MapPoints:
    points: list[dict[str, Any]]  # in the served order (select.py's sort key)
    truncated: bool  # more located matches than the limit: ``cells`` counts them
    cells: list[dict[str, Any]] = field(default_factory=list)  # {lat, lon (the mean), type, count}
    cells_complete: bool = True  # False: ``cells`` counts only the first MAX_CELL_ROWS matches read


@dataclass(frozen=True)
class Facets:
    countries: list[tuple[str, int]]  # (ISO3, story events), most first
    types: list[tuple[str, int]]
    total: int


def _where(store: Store, flt: EventFilter, *extra: tuple[str, list[Any]]) -> tuple[str, list[Any]] | None:
    """The filter as one WHERE clause on ``story_rows r`` (None: nothing can match). Any IN list the plan would
    try is taken as is: these queries read every match anyway."""
    plan: _Plan = _plan(store, flt)
    if plan.empty:
        return None
    if plan.hint is not None:
        plan.add(plan.hint[0], *plan.hint[1])
    return plan.arm_sql(plan.any_arm(), *extra)


def timeline(store: Store, flt: EventFilter) -> Timeline:
    """Story events per day of the filter's matches, in SQL (GROUP BY the day that leads the sort key)."""
    found = _where(store, flt)
    if found is None:
        return Timeline([], 0)
    where, params = found
    rows = store.query(f"SELECT SUBSTR(r.sort_key, 1, 8) AS day, COUNT(*) AS n FROM story_rows r{where} "
                       "GROUP BY SUBSTR(r.sort_key, 1, 8) ORDER BY day LIMIT ?", [*params, MAX_DAYS + 1])
    days, undated = [], 0
    for r in rows:
        if r["day"] == UNDATED:
            undated = int(r["n"])
        elif r["day"].isdigit():
            days.append((f"{r['day'][:4]}-{r['day'][4:6]}-{r['day'][6:8]}", int(r["n"])))
    return Timeline(days[:MAX_DAYS], undated)


_DETAILS = ("SELECT s.doc_id, s.story_event_id, s.mode, s.place_name, s.place_precision, s.date, s.fatalities, "
            "l.canonical_id FROM story_events s LEFT JOIN event_links l ON l.doc_id = s.doc_id AND "
            "l.story_event_id = s.story_event_id WHERE s.doc_id IN ")


def map_points(store: Store, flt: EventFilter, limit: int = 2_000) -> MapPoints:
    """The located matches (lat and lon known), ``limit`` at most, in the served order, each with what a map's
    popup shows; past ``limit``, ``cells`` counts every located match per 1-degree cell and type too."""
    limit = max(1, min(limit, MAX_POINTS))
    plan = _plan(store, flt)
    if plan.empty:
        return MapPoints([], False)
    _settle(store, plan)
    keys = _keys(store, plan, None, limit + 1, extra=(_LOCATED,),
                 columns="sort_key, doc_id, story_event_id, type, lat, lon, country")
    truncated = len(keys) > limit
    keys = keys[:limit]
    details: dict[tuple[str, str], dict[str, Any]] = {}
    docs = sorted({k["doc_id"] for k in keys})
    for start in range(0, len(docs), 500):
        chunk = docs[start:start + 500]
        for d in store.query(_DETAILS + f"({', '.join('?' * len(chunk))})", chunk):
            details[(d["doc_id"], d["story_event_id"])] = d
    points = []
    for k in keys:
        d = details.get((k["doc_id"], k["story_event_id"]), {})
        points.append({"lat": k["lat"], "lon": k["lon"], "type": k["type"], "mode": d.get("mode"),
                       "date": d.get("date"), "country": k["country"], "place_name": d.get("place_name"),
                       "place_precision": d.get("place_precision"), "fatalities": d.get("fatalities"),
                       "doc_id": k["doc_id"], "event_id": k["story_event_id"], "canonical_id": d.get("canonical_id")})
    cells: list[dict[str, Any]] = []
    if truncated:
        found = _where(store, flt, _LOCATED)
        assert found is not None
        where, params = found
        # a bounded read: counting every match of a million would take seconds (GROUP BY reads each row)
        rows = store.query("SELECT c.cell AS cell, c.type AS type, COUNT(*) AS n, AVG(c.lat) AS lat, "
                           "AVG(c.lon) AS lon FROM (SELECT r.cell AS cell, r.type AS type, r.lat AS lat, "
                           f"r.lon AS lon FROM story_rows r{where} LIMIT ?) c GROUP BY c.cell, c.type "
                           "ORDER BY n DESC, cell, type LIMIT ?", [*params, MAX_CELL_ROWS, MAX_CELLS])
        cells = [{"lat": round(float(r["lat"]), 4), "lon": round(float(r["lon"]), 4), "type": r["type"],
                  "count": int(r["n"])} for r in rows]
        return MapPoints(points, truncated, cells, sum(c["count"] for c in cells) < MAX_CELL_ROWS)
    return MapPoints(points, truncated, cells)


def facets(store: Store) -> Facets:
    """The countries and types in the store, with how many story events each has (for the page's filters)."""
    countries = store.query("SELECT country, COUNT(*) AS n FROM story_rows WHERE country IS NOT NULL "
                            "GROUP BY country ORDER BY n DESC, country LIMIT ?", (MAX_COUNTRIES,))
    types = store.query("SELECT type, COUNT(*) AS n FROM story_rows GROUP BY type ORDER BY n DESC, type")
    total = int(store.query("SELECT COUNT(*) AS n FROM story_rows")[0]["n"])
    return Facets([(r["country"], int(r["n"])) for r in countries], [(r["type"], int(r["n"])) for r in types], total)
