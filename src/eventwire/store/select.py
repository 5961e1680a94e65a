"""Story events out of the store: filtered, ordered and paged in SQL; reports for jsonl and event mentions.

    EventFilter(date_from=, date_to=, type=, country=, bbox=, actor=, source=, dedup=, acled_type=)
    page(store, flt, limit, offset=0, cursor=None) -> Page(rows, next_cursor)    one page, by keyset
    count(store, flt, cap=TOTAL_CAP) -> (total, exact)                           counted up to a cap
    stream(store, flt, batch=BATCH) -> Iterator[Row]                             every match, batch by batch
    csv_lines(store, flt) -> Iterator[str]                                       every match as csv lines
    select_reports(store, flt, records="story") -> Iterator[Report]              reports holding them (reports.py)

Story events (the default records) are served from ``story_rows`` (a column per filter, indexes that end
in ``sort_key``) and ``story_records`` (each event's record, the row of every export format): a page or a
batch reads only its own rows and never a report. Rows come in ``sort_key`` order — the event's day, then
the document, then the story event's order — so a date range is a range of the index, and a cursor is the
last row's sort key. Filters that are a choice of values (an actor's ids as actor1 or actor2, the grid
cells of a bbox, an ACLED type or sub-type) run as one ordered, limited query per value, merged (UNION):
each reads only its own index range however large the store. Event mentions (``records="mention"``) are
filtered on the stored reports, as before story events existed (not for stores at scale).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..exports import csv_tail, event_place, record_from_stored
from ..schema import Event, Report
from . import Store
from .rows import UNDATED, cell

TOTAL_CAP = 1_000  # `total` is exact up to this many matches, then "at least this many"
BATCH = 2_000  # rows per query when streaming an export
LINES_BATCH = 5_000  # csv lines per batch (a line is a few hundred bytes, a record's decoded values far more)
LINES_CHUNK = 500  # rows read per query by their keys (psycopg caches the parse of a statement this short)
MAX_ARMS = 36  # ordered queries merged for one page at most (a bbox of 6 x 6 one-degree cells)
MAX_IN = 2_000  # values an IN list may name (actor ids, grid cells); past it the filter is read row by row
SORT_MAX = 2_000  # matches an IN list may bring to be sorted; past it rows are read in order and tested
REPORTS_PER_QUERY = 50  # reports read per query for jsonl (memory: that many reports' JSON)


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """"W,S,E,N" as four floats; ValueError with a message a user can act on."""
    try:
        box = tuple(float(x) for x in value.split(","))
    except ValueError:
        box = ()
    if len(box) != 4 or not (box[0] <= box[2] and box[1] <= box[3]):
        raise ValueError(f"bbox {value!r}: give min_lon,min_lat,max_lon,max_lat, e.g. 34.2,31.2,34.6,31.6")
    return box  # type: ignore[return-value]


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, its own % and _ taken literally (ESCAPE '!')."""
    escaped = value.lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class EventFilter:
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None
    type: str | None = None  # PLOVER type
    country: str | None = None  # ISO 3166-1 alpha-3 of the event's place
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    actor: str | None = None  # part of an actor's id or name (actor1 or actor2)
    source: str | None = None  # part of the document's source (file), site or url
    dedup: bool = False  # one row per canonical event: its first report only
    acled_type: str | None = None  # ACLED event type or sub-event type (case-insensitive)

    def keeps(self, report: Report, event: Event, first_reports: set[tuple[str, str]] | None, doc_id: str) -> bool:
        """Whether an event mention passes (``records="mention"``): the same rules on the mention's fields."""
        if self.type and event.type != self.type.upper():
            return False
        if self.acled_type:
            acled = event.acled
            names = {(acled.event_type or "").lower(), (acled.sub_event_type or "").lower()} if acled else set()
            if self.acled_type.lower() not in names:
                return False
        day = (event.date or "")[:10]
        if self.date_from and (len(day) < 10 or day < self.date_from):
            return False
        if self.date_to and (len(day) < 10 or day > self.date_to):
            return False
        place = event_place(report, event)
        if self.country and (place is None or (place.country or "").upper() != self.country.upper()):
            return False
        if self.bbox:
            if place is None or place.lat is None or place.lon is None:
                return False
            west, south, east, north = self.bbox
            if not (west <= place.lon <= east and south <= place.lat <= north):
                return False
        if self.actor:
            wanted = self.actor.lower()
            names = {a.id: a.name for a in report.actors}
            if not any(x and (wanted in x.lower() or wanted in (names.get(x) or "").lower())
                       for x in (event.actor1, event.actor2)):
                return False
        return not (first_reports is not None and (doc_id, event.id) not in first_reports)


# -- the filter as SQL over story_rows ------------------------------------------------------------------------------

def _day(value: str) -> str:
    return value[:10].replace("-", "")


def _day_after(value: str) -> str:
    """The sort-key bound below which every event of ``value``'s day (or earlier) lies."""
    try:
        return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=1)).strftime("%Y%m%d")
    except ValueError:  # not a day ("2024-03"): as a string comparison on the stored date would take it
        return _day(value)


def _cells(bbox: tuple[float, float, float, float]) -> list[int] | None:
    """The grid cells a box covers (see rows.cell); None when there are more than MAX_IN."""
    west, south, east, north = (v if math.isfinite(v) else math.copysign(1e9, v) for v in bbox)  # cell() clamps
    low, high = cell(south, west), cell(north, east)
    if low is None or high is None:
        return None
    rows, columns = high // 361 - low // 361 + 1, high % 361 - low % 361 + 1
    if rows * columns > MAX_IN:
        return None
    return [(low // 361 + i) * 361 + low % 361 + j for i in range(rows) for j in range(columns)]


@dataclass
class _Plan:
    """A filter as SQL on ``story_rows``: ``where`` holds for every row, and a row matches one of ``arms`` (each
    an equality on a column whose index ends in sort_key; a single empty arm when there is none). ``{t}`` stands
    for the table's alias."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    arms: list[tuple[str, list[Any]]] = field(default_factory=lambda: [("", [])])
    empty: bool = False  # nothing can match (an actor no stored event names)
    # Too many values for arms: an IN list that finds the matches through an index, but unordered (they are
    # sorted); used only when they are few (SORT_MAX): many matches are found sooner reading rows in order
    # (``dense``: window by window of the sort_key index, so no planner may sort the whole table instead).
    hint: tuple[str, list[Any]] | None = None
    dense: bool = False
    low: str | None = None  # the sort keys the filter allows: low <= key < high (its dates)
    high: str | None = None

    def add(self, clause: str, *params: Any) -> None:
        self.where.append(clause)
        self.params.extend(params)

    def arm_sql(self, arm: tuple[str, list[Any]], *extra: tuple[str, list[Any]], alias: str = "r") -> tuple[str, list]:
        """`` WHERE …`` of one arm (with more conditions) on ``story_rows <alias>``, and its parameters."""
        clauses = [c for c in (arm[0], *self.where, *(e[0] for e in extra)) if c]
        params = [*arm[1], *self.params, *(p for e in extra for p in e[1])]
        return ((" WHERE " + " AND ".join(clauses)).replace("{t}", alias) if clauses else ""), params

    def any_arm(self) -> tuple[str, list[Any]]:
        """The arms as one condition (for counting)."""
        if len(self.arms) == 1:
            return self.arms[0]
        return "(" + " OR ".join(a[0] for a in self.arms) + ")", [p for a in self.arms for p in a[1]]


MAX_NAMES = 50  # names of one actor an arm lists (past it the arm tests its rows' names with LIKE)


def _actor_ids(store: Store, pattern: str) -> tuple[list[str], dict[str, list[str]]]:
    """The actors whose id or (in some report) name holds the pattern, from the small look-up: the ids that hold
    it themselves, and the others with the names (lower case, as story_rows keeps them) that hold it. The same
    LIKE as the rule on story_rows decides, so an arm built from them finds exactly the rows the rule keeps."""
    rows = store.query("SELECT actor_id, name, CASE WHEN LOWER(actor_id) LIKE ? ESCAPE '!' THEN 1 ELSE 0 END AS by_id "
                       "FROM actor_names WHERE name LIKE ? ESCAPE '!' OR LOWER(actor_id) LIKE ? ESCAPE '!' "
                       "ORDER BY actor_id, name", (pattern, pattern, pattern))
    by_id = sorted({r["actor_id"] for r in rows if r["by_id"]})
    by_name: dict[str, list[str]] = {}
    for r in rows:
        if r["actor_id"] not in by_id:  # its name matched (the WHERE): only the rows giving it that name match
            by_name.setdefault(r["actor_id"], []).append(r["name"])
    return by_id, by_name


def _actor_arms(by_id: list[str], by_name: dict[str, list[str]], pattern: str) -> list[tuple[str, list[Any]]]:
    """One arm per actor and role: an id that holds the text matches every row naming it there, and needs no
    test on the row, so the database reads its index range in order and stops after the page (a LIKE on the row
    would be a guess to its planner: PostgreSQL, taking it for rare, read every row of the actor, then sorted);
    an actor found by a name matches the rows that give it one of those names."""
    arms: list[tuple[str, list[Any]]] = []
    for role in ("actor1", "actor2"):
        arms += [(f"{{t}}.{role} = ?", [i]) for i in by_id]
        for i, names in by_name.items():
            if len(names) <= MAX_NAMES:
                arms.append((f"({{t}}.{role} = ? AND {{t}}.{role}_name IN ({', '.join('?' * len(names))}))",
                             [i, *names]))
            else:
                arms.append((f"({{t}}.{role} = ? AND {{t}}.{role}_name LIKE ? ESCAPE '!')", [i, pattern]))
    return arms


def _plan(store: Store, flt: EventFilter) -> _Plan:
    plan = _Plan()
    if flt.type:
        plan.add("{t}.type = ?", flt.type.upper())
    # story event dates are ISO days or null; the day leads the sort key, and undated events sort last
    if flt.date_from:
        plan.low = _day(flt.date_from)
        plan.add("{t}.sort_key >= ?", plan.low)
    if flt.date_from or flt.date_to:  # a filter on dates leaves the undated out
        plan.high = min(_day_after(flt.date_to), UNDATED) if flt.date_to else UNDATED
        plan.add("{t}.sort_key < ?", plan.high)
    if flt.country:
        plan.add("{t}.country = ?", flt.country.upper())
    arms: list[tuple[str, list[Any]]] | None = None
    if flt.actor:
        # the rule: the actor's id, or its name in this event's report, holds the text (actor1 or actor2). A few
        # actors: an arm each (their union is the rule, see _actor_arms); more: the rule on every row, and the ids
        # from the look-up pick the index ranges that can hold a match
        pattern = _like(flt.actor)
        by_id, by_name = _actor_ids(store, pattern)
        ids = sorted({*by_id, *by_name})
        if not ids:
            plan.empty = True
        elif 2 * len(ids) <= MAX_ARMS:
            arms = _actor_arms(by_id, by_name, pattern)
        else:
            plan.add("(" + " OR ".join(f"{column} LIKE ? ESCAPE '!'" for column in (
                "LOWER(COALESCE({t}.actor1, ''))", "COALESCE({t}.actor1_name, '')",
                "LOWER(COALESCE({t}.actor2, ''))", "COALESCE({t}.actor2_name, '')")) + ")", *[pattern] * 4)
            if len(ids) <= MAX_IN:
                marks = ", ".join("?" * len(ids))
                plan.hint = (f"({{t}}.actor1 IN ({marks}) OR {{t}}.actor2 IN ({marks}))", [*ids, *ids])
    if flt.bbox:
        west, south, east, north = flt.bbox
        plan.add("{t}.lat BETWEEN ? AND ? AND {t}.lon BETWEEN ? AND ?", south, north, west, east)
        cells = _cells(flt.bbox)
        if arms is None and plan.hint is None and cells is not None:
            if len(cells) <= MAX_ARMS:
                arms = [("{t}.cell = ?", [c]) for c in cells]
            elif len(cells) <= MAX_IN:
                plan.hint = (f"{{t}}.cell IN ({', '.join('?' * len(cells))})", cells)
    if flt.acled_type:
        name = flt.acled_type.lower()
        plan.add("({t}.acled_type = ? OR {t}.acled_sub_type = ?)", name, name)
        if arms is None and plan.hint is None:
            arms = [("{t}.acled_type = ?", [name]), ("{t}.acled_sub_type = ?", [name])]
    if flt.source:  # a substring of every document's source, site and URL: a scan of the narrow look-up, once
        found = store.query("SELECT doc_id FROM document_sources WHERE text LIKE ? ESCAPE '!' LIMIT ?",
                            (_like(flt.source), MAX_IN + 1))
        if not found:
            plan.empty = True
        elif len(found) <= MAX_IN:
            plan.add(f"{{t}}.doc_id IN ({', '.join('?' * len(found))})", *(r["doc_id"] for r in found))
        else:
            plan.add("{t}.doc_id IN (SELECT doc_id FROM document_sources WHERE text LIKE ? ESCAPE '!')",
                     _like(flt.source))
    if flt.dedup:
        plan.add("EXISTS (SELECT 1 FROM event_links l WHERE l.doc_id = {t}.doc_id AND l.story_event_id = "
                 "{t}.story_event_id AND l.reason = 'first report')")
    if arms:
        plan.arms = arms
    return plan


def _keys(store: Store, plan: _Plan, after: str | None, limit: int, offset: int = 0,
          extra: tuple[tuple[str, list[Any]], ...] = (), columns: str = "sort_key") -> Sequence[Mapping[str, Any]]:
    """The matches after ``after`` (``columns``: their sort key, and more if asked), from the ``offset``-th on,
    ``limit`` at most. The sort key alone is read from the index (an offset skips index entries, not rows)."""
    if plan.dense:
        return _window_keys(store, plan, after, limit, offset, extra, columns)
    return store.query_rows(*_keys_sql(plan, after, limit, offset, extra, columns))


def _keys_sql(plan: _Plan, after: str | None, limit: int, offset: int = 0,
              extra: tuple[tuple[str, list[Any]], ...] = (), columns: str = "sort_key") -> tuple[str, list[Any]]:
    """_keys as one query (not for a dense plan): its SQL and parameters."""
    extra = (*extra, *([("{t}.sort_key > ?", [after])] if after is not None else []))
    parts, params = [], []
    selected = ", ".join(f"r.{c.strip()}" for c in columns.split(","))
    for arm in plan.arms:
        where, arm_params = plan.arm_sql(arm, *extra)
        parts.append(f"SELECT {selected} FROM story_rows r{where} ORDER BY r.sort_key LIMIT ?")
        params += [*arm_params, offset + limit]
    if len(parts) == 1:
        sql = parts[0] + " OFFSET ?"
        params.append(offset)
    else:
        sql = " UNION ".join(f"SELECT {columns} FROM ({p}) a{i}" for i, p in enumerate(parts))
        sql += " ORDER BY sort_key LIMIT ? OFFSET ?"
        params += [limit, offset]
    return sql, params


WINDOW = 1_024  # sort keys in the first window of a scan in order (each next one twice as many)


def _window_keys(store: Store, plan: _Plan, after: str | None, limit: int, offset: int,
                 extra: tuple[tuple[str, list[Any]], ...], columns: str) -> Sequence[Mapping[str, Any]]:
    """_keys for many matches: the rows read in sort_key order, a window of the index at a time (its far edge found
    on the index alone), so a query reads about (offset + limit) / the share of rows that match, whatever plan
    the database would pick for the filter alone."""
    found: list[Mapping[str, Any]] = []
    # where the next window starts: after the cursor, or at the filter's first day
    start, op = (after, ">") if after is not None and (plan.low is None or after >= plan.low) else (plan.low, ">=")
    size = WINDOW
    while len(found) < offset + limit:
        bounds = ([(f"sort_key {op} ?", start)] if start is not None else []) + \
            ([("sort_key < ?", plan.high)] if plan.high is not None else [])
        where = (" WHERE " + " AND ".join(c for c, _ in bounds)) if bounds else ""
        far = store.query(f"SELECT sort_key FROM story_rows{where} ORDER BY sort_key LIMIT 1 OFFSET ?",
                          [*(v for _, v in bounds), size - 1])
        edge = far[0]["sort_key"] if far else None
        window = ([(f"{{t}}.sort_key {op} ?", [start])] if start is not None else []) + \
            ([("{t}.sort_key <= ?", [edge])] if edge is not None else [])
        where, params = plan.arm_sql(plan.any_arm(), *extra, *window)
        selected = ", ".join(f"r.{c.strip()}" for c in columns.split(","))
        found += store.query_rows(f"SELECT {selected} FROM story_rows r{where} ORDER BY r.sort_key LIMIT ?",
                                  [*params, offset + limit - len(found)])
        if edge is None:
            break
        start, op, size = edge, ">", size * 2
    return found[offset:offset + limit]


@dataclass
class Row:
    """One served story event: its sort key, its document (the store's id), its record as stored
    (exports.STORED_FIELDS values) and its canonical event (from the dedup)."""

    sort_key: str
    doc_id: str
    values: list[Any]
    canonical_id: str | None

    @cached_property
    def record(self) -> dict[str, Any]:
        """The full record (exports.RECORD_FIELDS)."""
        return record_from_stored(self.values, self.canonical_id)


_FETCH = ("SELECT r.sort_key, r.doc_id, x.record, l.canonical_id FROM story_rows r "
          "JOIN story_records x ON x.doc_id = r.doc_id AND x.story_event_id = r.story_event_id "
          "LEFT JOIN event_links l ON l.doc_id = r.doc_id AND l.story_event_id = r.story_event_id")


# a csv export's rows: the stored line (migration 7) and the canonical id, nothing decoded.
_LINES = ("SELECT r.sort_key, r.csv, l.canonical_id FROM story_lines r "
          "LEFT JOIN event_links l ON l.doc_id = r.doc_id AND l.story_event_id = r.story_event_id")

# A batch's rows in one query: the filter's next keys (found on its index, and stopped after the batch) joined to
# what is read of each row. On PostgreSQL the keys' LIMIT tells the planner the batch is short, so it looks each row
# up by its key (a nested loop: one query per batch, where reading them by IN lists of keys took 2.5 times its
# time), and joined to the whole of story_rows instead, it merged the join with story_lines' key index from its
# first key on. SQLite materializes such a subquery and sorts its rows again: there a filter of one arm is joined
# to story_rows directly (_JOINED), in the index's order. {keys}: the keys' query (_keys_sql, ``_KEYED`` columns).
_KEYED = {"lines": "sort_key", "records": "sort_key, doc_id, story_event_id"}
_BATCH_OF = {
    "lines": "SELECT k.sort_key, x.csv, l.canonical_id FROM ({keys}) k JOIN story_lines x ON x.sort_key = k.sort_key "
             "LEFT JOIN event_links l ON l.doc_id = x.doc_id AND l.story_event_id = x.story_event_id "
             "ORDER BY k.sort_key LIMIT ?",
    "records": "SELECT k.sort_key, k.doc_id, x.record, l.canonical_id FROM ({keys}) k JOIN story_records x "
               "ON x.doc_id = k.doc_id AND x.story_event_id = k.story_event_id LEFT JOIN event_links l "
               "ON l.doc_id = k.doc_id AND l.story_event_id = k.story_event_id ORDER BY k.sort_key LIMIT ?",
}
_BY_KEYS = {"lines": _LINES, "records": _FETCH}
_JOINED = {"lines": "SELECT r.sort_key, x.csv, l.canonical_id FROM story_rows r JOIN story_lines x "
                    "ON x.sort_key = r.sort_key LEFT JOIN event_links l ON l.doc_id = x.doc_id "
                    "AND l.story_event_id = x.story_event_id",
           "records": _FETCH}


def _row(r: Mapping[str, Any]) -> Row:
    return Row(r["sort_key"], r["doc_id"], json.loads(r["record"]), r["canonical_id"])


def _fetch_rows(store: Store, select: str, keys: list[str]) -> list[Mapping[str, Any]]:
    """The rows of ``keys`` (``select``: _FETCH or _LINES), in their order."""
    found: dict[str, Mapping[str, Any]] = {}
    for start in range(0, len(keys), LINES_CHUNK):
        chunk = keys[start:start + LINES_CHUNK]
        for r in store.query_rows(f"{select} WHERE r.sort_key IN ({', '.join('?' * len(chunk))})", chunk):
            found[r["sort_key"]] = r
    return [found[k] for k in keys if k in found]


def _fetch(store: Store, keys: list[str]) -> list[Row]:
    """The rows of ``keys``, in their order."""
    return [_row(r) for r in _fetch_rows(store, _FETCH, keys)]


# -- cursors ---------------------------------------------------------------------------------------------------------

_CURSOR = re.compile(r"^1:(\d{8}[0-9a-f]{32}\d{6}[\x21-\x7e]{1,64})$")


def encode_cursor(key: str) -> str:
    """An opaque cursor: the rows after ``key``."""
    return base64.urlsafe_b64encode(f"1:{key}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The sort key a cursor stands for; ValueError when it is not one encode_cursor made."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        text = ""
    m = _CURSOR.match(text) if len(cursor) <= 200 else None
    if m is None:
        raise ValueError("cursor: not a cursor this server gave; pass next_cursor back as it came, "
                         "or start again without one")
    return m[1]


# -- pages, counts, streams ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    rows: list[Row]
    next_cursor: str | None  # None: this page holds the last match
    total: int  # the matches (all of them, whatever the cursor and offset), up to the cap
    total_exact: bool  # False: there are at least ``total``


def _count(store: Store, plan: _Plan, cap: int) -> int:
    """The matches, counting no further than cap + 1. Several arms on PostgreSQL: the union of each arm's first
    cap + 1 keys (each read in order from its own index, and stopped), which holds every match when there are at
    most cap, and more than cap when there are more; not one query on their OR, which PostgreSQL answers by
    reading every entry of every arm's index range into a bitmap first (SQLite reads the OR's indexes a row at a
    time and stops after cap + 1: half the work of the union)."""
    if len(plan.arms) == 1 or store.dialect == "sqlite":
        where, params = plan.arm_sql(plan.any_arm())
        return int(store.query(f"SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM story_rows r{where} LIMIT ?) t",
                               [*params, cap + 1])[0]["n"])
    parts, params = [], []
    for i, arm in enumerate(plan.arms):
        where, arm_params = plan.arm_sql(arm)
        parts.append(f"SELECT sort_key FROM (SELECT r.sort_key FROM story_rows r{where} ORDER BY r.sort_key "
                     f"LIMIT ?) a{i}")
        params += [*arm_params, cap + 1]
    return int(store.query(f"SELECT COUNT(*) AS n FROM ({' UNION '.join(parts)}) t", params)[0]["n"])


def _settle(store: Store, plan: _Plan) -> int | None:
    """Take the plan's IN list when it finds few matches (returns their count, up to SORT_MAX + 1)."""
    if plan.hint is None:
        return None
    hinted = _Plan([*plan.where, plan.hint[0]], plan.params + plan.hint[1], plan.arms)
    n = _count(store, hinted, SORT_MAX)
    if n <= SORT_MAX:
        plan.add(plan.hint[0], *plan.hint[1])
    else:
        plan.dense = True
    plan.hint = None
    return n


def page(store: Store, flt: EventFilter, limit: int, offset: int = 0, cursor: str | None = None,
         cap: int | None = None) -> Page:
    """The ``limit`` matches after the cursor (from the start without one), skipping ``offset`` of them first;
    ``next_cursor`` continues after this page (rows added meanwhile after it are found, none is served twice).
    ``total`` counts every match up to ``cap`` (default TOTAL_CAP; more when it was counted anyway)."""
    cap = TOTAL_CAP if cap is None else cap
    after = decode_cursor(cursor) if cursor else None
    plan = _plan(store, flt)
    if plan.empty:
        return Page([], None, 0, True)
    counted = _settle(store, plan)
    keys = [k["sort_key"] for k in _keys(store, plan, after, limit + 1, offset)]
    more = len(keys) > limit
    keys = keys[:limit]
    if after is None and not more and (keys or not offset):  # the page saw every match
        total, exact = offset + len(keys), True
    else:
        if counted is None:
            counted = _count(store, plan, cap)
        else:
            cap = SORT_MAX  # counted further already
        total, exact = min(counted, cap), counted <= cap
    return Page(_fetch(store, keys), encode_cursor(keys[-1]) if more and keys else None, total, exact)


def count(store: Store, flt: EventFilter, cap: int = TOTAL_CAP) -> tuple[int, bool]:
    """(matches, exact): exact up to ``cap``; past it (cap, False), having read no more than cap + 1 of them."""
    plan = _plan(store, flt)
    if plan.empty:
        return 0, True
    if plan.hint is not None:
        plan.add(plan.hint[0], *plan.hint[1])
    n = _count(store, plan, cap)
    return min(n, cap), n <= cap


def _batches(store: Store, flt: EventFilter, batch: int, what: str) -> Iterator[Sequence[Mapping[str, Any]]]:
    """Every match as ``what`` reads it ("lines": _LINES' columns, "records": _FETCH's), in order, ``batch`` rows per
    query (memory holds one batch, however many match); each query starts after the last row served, so rows
    written meanwhile are served at most once."""
    plan = _plan(store, flt)
    if plan.empty:
        return
    _settle(store, plan)
    after: str | None = None
    while True:
        if store.dialect == "sqlite" and len(plan.arms) == 1 and not plan.dense:  # the filter's index, in order
            extra = [("{t}.sort_key > ?", [after])] if after is not None else []
            where, params = plan.arm_sql(plan.arms[0], *extra)
            rows = store.query_rows(f"{_JOINED[what]}{where} ORDER BY r.sort_key LIMIT ?", [*params, batch])
            last = rows[-1]["sort_key"] if rows else None
            found = len(rows)
        elif not plan.dense:  # one query: the next keys and their rows
            sql, params = _keys_sql(plan, after, batch, columns=_KEYED[what])
            rows = store.query_rows(_BATCH_OF[what].format(keys=sql), [*params, batch])
            last = rows[-1]["sort_key"] if rows else None
            found = len(rows)
        else:  # the keys, window by window, then their rows
            keys = [k["sort_key"] for k in _keys(store, plan, after, batch)]
            rows = _fetch_rows(store, _BY_KEYS[what], keys)
            last = keys[-1] if keys else None
            found = len(keys)
        if rows:
            yield rows
        if found < batch:
            return
        after = last


def stream(store: Store, flt: EventFilter, batch: int = BATCH) -> Iterator[Row]:
    """Every match, in order, ``batch`` rows per query (see _batches)."""
    for rows in _batches(store, flt, batch, "records"):
        yield from [_row(r) for r in rows]


def csv_lines(store: Store, flt: EventFilter, batch: int = LINES_BATCH) -> Iterator[str]:
    """Every match as the csv format's lines (no header), a piece of text per batch of ``batch`` rows: each its
    stored line (story_lines) and its canonical id, the same bytes as the csv writer makes of its record."""
    for rows in _batches(store, flt, batch, "lines"):
        yield "".join([r["csv"] + csv_tail(r["canonical_id"]) for r in rows])


# -- reports (reports.py) -------------------------------------------------------------------------------------------

_IN_REPORTS = ("StoryKey", "reports_for", "select_reports", "story_keys")


def __getattr__(name: str) -> Any:
    """The reports' functions live in reports.py; they are still found here, where they were."""
    if name in _IN_REPORTS:
        from . import reports

        return getattr(reports, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
