"""The clustering machinery of the dedup, shared by the full rebuild (dedup.deduplicate) and the
incremental update (dedup_update.py): the greedy order, the window of open canonical events with its
blocking index, and the rows the two tables get. The rules (`match`) and the reports (`load_reports`) are
dedup.py's.

    cluster(reports, km=25, days=1) -> [Canonical]        (greedy, in sort_key order, per type)
    rebuild_tables(store, canon, km, days, pending)        (both tables replaced, inside the dedup lock)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .dedup import RULES_VERSION, Canonical, EventReport, match
from .store import Store

FIRST = "first report"  # the reason of a canonical event's first report


def sort_key(r: EventReport) -> tuple[str, str, str, int, str]:
    """The greedy order: date, then publication, then document and story event (a total order: the last
    part, the story event's id, only breaks ties between ids such as "s1" and "s01")."""
    return r.date, r.published or "", r.doc_id, _event_order(r.event_id), r.event_id


def canonical_id(r: EventReport) -> str:
    """A canonical event's id: derived from its first report."""
    return "c" + hashlib.sha1(f"{r.doc_id}:{r.event_id}".encode()).hexdigest()[:12]


def best_fit(window: Iterable[Canonical], r: EventReport, km: float, days: int) -> tuple[float, str, Canonical] | None:
    """The canonical event of `window` (in creation order) that `r` fits best: the lowest score, the earliest
    created among equals; never one that holds a report of r's own article. None: r starts its own."""
    best: tuple[float, str, Canonical] | None = None
    for c in window:
        if c.has_doc(r.doc_id):
            continue  # one article's distinct events stay distinct (its own coreference decided)
        found = match(c, r, km, days, explain=False)  # the reason of the best fit only, below
        if found is not None and (best is None or found[0] < best[0]):
            best = (found[0], found[1], c)
    if best is not None:
        found = match(best[2], r, km, days)
        assert found is not None and found[0] == best[0]
        best = (found[0], found[1], best[2])
    return best


KM_PER_DEGREE = 111.0  # of latitude (111.2 on the mean sphere): a band this many km wide per degree is wide enough
WILD = ("wild",)  # the blocking key of an event with no coordinates, or some without a country: any may fit it


class Window:
    """The open canonical events of one type, in creation order, with a blocking index: which of them a
    report may fit at all.

    It rests on two invariants of the rules (`match`; tests/test_dedup_update.py checks both on random
    pairs): (1) a report whose place has coordinates and a country never joins a canonical event whose
    reports with coordinates all have a country, none of its reports has the report's country, and none
    lies within `km` of it; (2) a report without coordinates joins only on a named actor1 of its own; (3) a
    report at a fine place joins an event with fine places only when each is within `km`, in its first-level
    area, or a region of its country (``dedup._places_refuse``). So a report at a fine place is matched
    against the events with coordinates in its band of latitude or the two beside it (bands `km` wide hold
    every place within `km`), with a fine place in its first-level area or a region of its country, placed
    at no finer than its country, or with no coordinates at all or some without a country ("wild"); a
    report placed at a country, sea or region against those with a report in its country too; a report
    without coordinates and a named actor1 against none; any other against every open event. Exact: the
    best event is the one a scan of the whole window finds (``blocking=False`` scans it, for tests)."""

    def __init__(self, km: float, blocking: bool = True) -> None:
        self.events: deque[Canonical] = deque()
        self.blocking = blocking
        self._width = max(km, 0.001) / KM_PER_DEGREE
        self._order: dict[str, int] = {}  # canonical id -> creation number
        self._by_id: dict[str, Canonical] = {}
        self._keys: dict[str, set[tuple[Any, ...]]] = {}
        self._index: dict[tuple[Any, ...], set[str]] = {}

    def __iter__(self) -> Iterator[Canonical]:
        return iter(self.events)

    def _keys_for(self, c: Canonical) -> set[tuple[Any, ...]]:
        keys: set[tuple[Any, ...]] = {("country", x.country) for x, _ in c.reports if x.country}
        placed, fine, _ = c.placed()
        keys |= {("band", math.floor(x.lat / self._width)) for x in placed}  # type: ignore[operator]
        if not placed or any(not x.country for x in placed):
            keys.add(WILD)
        # what a report at a fine place may meet (`dedup._places_refuse`): an event placed at no finer than a
        # country or sea, a fine place of its own first-level area, or a region of its country
        if not fine:
            keys |= {("coarse", x.country) for x in placed if x.country}
        keys |= {("admin1", x.country, x.admin1) for x in fine if x.country and x.admin1}
        keys |= {("region", x.country) for x in fine if x.country and x.feature == "region"}
        return keys

    def _index_event(self, c: Canonical) -> None:
        old, new = self._keys[c.id], self._keys_for(c)
        for key in old - new:
            self._index[key].discard(c.id)
        for key in new - old:
            self._index.setdefault(key, set()).add(c.id)
        self._keys[c.id] = new

    def add(self, c: Canonical) -> None:
        """A canonical event opened now (or one open at the start of an incremental pass)."""
        self.events.append(c)
        self._order[c.id] = len(self._order)
        self._by_id[c.id], self._keys[c.id] = c, set()
        self._index_event(c)

    def join(self, c: Canonical, r: EventReport, reason: str) -> None:
        c.reports.append((r, reason))
        self._index_event(c)

    def close(self, day: dt.date, days: int) -> None:
        """Close the events whose first report is over `days` before `day` (reports come in date order)."""
        while self.events and (day - self.events[0].first.day).days > days:
            c = self.events.popleft()
            for key in self._keys.pop(c.id):
                self._index[key].discard(c.id)
            del self._by_id[c.id], self._order[c.id]

    def pick(self, ids: Iterable[str]) -> list[Canonical]:
        """The open events among `ids`, in creation order."""
        return sorted((self._by_id[i] for i in ids if i in self._by_id), key=lambda c: self._order[c.id])

    def candidates(self, r: EventReport, among: set[str] | None = None) -> list[Canonical]:
        """The open events `r` may fit (of `among`, when given), in creation order."""
        ids = self._ids(r)
        if among is not None:
            ids = among if ids is None else ids & among
        return list(self.events) if ids is None else self.pick(ids)

    def _ids(self, r: EventReport) -> set[str] | None:
        """The ids of the open events `r` may fit; None: all of them."""
        if not self.blocking:
            return None
        if r.lat is None:
            return None if "actor1" in r.named else set()
        if r.lon is None or not r.country:
            return None
        band = math.floor(r.lat / self._width)
        keys: tuple[tuple[Any, ...], ...] = (WILD, ("band", band - 1), ("band", band), ("band", band + 1))
        if r.coarse or r.feature == "region":
            keys += (("country", r.country),)  # a country (or a region's width) holds what it may meet
        else:
            keys += (("coarse", r.country), ("admin1", r.country, r.admin1), ("region", r.country))
        return set().union(*(self._index.get(key, ()) for key in keys))


def cluster(reports: list[EventReport], km: float = 25.0, days: int = 1, *, blocking: bool = True) -> list[Canonical]:
    """Greedy clustering in date order; each report joins the best-fitting canonical event."""
    windows: dict[str, Window] = {}
    out: list[Canonical] = []
    for r in sorted(reports, key=sort_key):
        window = windows.setdefault(r.type, Window(km, blocking))
        # Canonical events whose first date is too old can never match again (sorted by date).
        window.close(r.day, days)
        best = best_fit(window.candidates(r), r, km, days)
        if best is None:
            c = Canonical(id=canonical_id(r), reports=[(r, FIRST)])
            window.add(c)
            out.append(c)
        else:
            window.join(best[2], r, best[1])
    return out


def _event_order(event_id: str) -> int:
    return int(event_id[1:]) if event_id[1:].isdigit() else 0


def state_key(km: float, days: int) -> str:
    """What the stored canonical events were clustered with: an incremental update is exact only on top of
    tables the same rules, version and settings wrote."""
    from . import __version__

    return f"eventwire {__version__}; rules {RULES_VERSION}; km={km:g}; days={days}"


CANONICAL_COLUMNS = ("id", "type", "mode", "date", "lat", "lon", "country", "place_name", "actor1", "actor2",
                     "reports", "documents", "first_published", "last_published", "fatalities", "fatalities_min",
                     "fatalities_max", "injured", "injured_min", "injured_max")
INSERT_CANONICAL = (f"INSERT INTO canonical_events ({', '.join(CANONICAL_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(CANONICAL_COLUMNS))})")


def _running(c: Canonical, which: str) -> tuple[int | None, int | None, int | None]:
    """A toll across the reports (`which`: fatalities or injured), as each source gives it: the latest
    report's (by publication, then in the greedy order), the lowest and the highest. None of them is "the"
    toll: sources are kept side by side, never reconciled."""
    told = [((r.published or "", sort_key(r)), getattr(r, which)) for r, _ in c.reports
            if getattr(r, which) is not None]
    if not told:
        return None, None, None
    values = [v for _, v in told]
    return max(told)[1], min(values), max(values)  # type: ignore[type-var]


def canonical_row(c: Canonical) -> tuple[Any, ...]:
    """A canonical_events row (CANONICAL_COLUMNS) from its reports."""
    published = sorted(r.published for r, _ in c.reports if r.published)
    # the place the story stage gave each report (not one its article names that stands in for a country)
    lat, lon, name = next(((r.given or (r.lat, r.lon, r.place_name)) for r, _ in c.reports
                           if (r.given or (r.lat,))[0] is not None), (None, None, None))
    name = name if lat is not None else c.value("place_name")
    return (c.id, c.first.type, c.value("mode"), c.first.date, lat, lon,
            c.value("country"), name, c.value("actor1"), c.value("actor2"),
            len(c.reports), len({r.doc_id for r, _ in c.reports}),
            published[0] if published else None, published[-1] if published else None,
            *_running(c, "fatalities"), *_running(c, "injured"))


UPSERT_LINK = ("INSERT INTO event_links VALUES (?, ?, ?, ?) ON CONFLICT (doc_id, story_event_id) "
               "DO UPDATE SET canonical_id = excluded.canonical_id, reason = excluded.reason")
KEYS_PER_STATEMENT = 500


def delete_keys(store: Store, table: str, column: str, keys: Sequence[str]) -> None:
    """DELETE the rows of `table` whose `column` is one of `keys`, KEYS_PER_STATEMENT keys a statement."""
    for start in range(0, len(keys), KEYS_PER_STATEMENT):
        where, params = store.backend.one_of(column, keys[start:start + KEYS_PER_STATEMENT])
        store.backend.execute(f"DELETE FROM {table} WHERE {where}", params)


def rebuild_tables(store: Store, canon: list[Canonical], km: float, days: int, pending: Sequence[str]) -> None:
    """Inside the dedup lock: replace both tables with `canon`, record what they were made with, and
    clear the pending marks of the documents clustered."""
    event_rows = [canonical_row(c) for c in canon]
    link_rows = [(r.doc_id, r.event_id, c.id, reason) for c in canon for r, reason in c.reports]
    store.backend.execute("DELETE FROM event_links")
    store.backend.execute("DELETE FROM canonical_events")
    if event_rows:
        store.backend.executemany(INSERT_CANONICAL, event_rows)
    if link_rows:
        store.backend.executemany("INSERT INTO event_links VALUES (?, ?, ?, ?)", link_rows)
    save_state(store, km, days, pending)


def save_state(store: Store, km: float, days: int, pending: Sequence[str]) -> None:
    store.backend.execute("INSERT INTO dedup_state VALUES ('clustered_with', ?) ON CONFLICT (name) "
                          "DO UPDATE SET value = excluded.value", (state_key(km, days),))
    delete_keys(store, "dedup_pending", "doc_id", pending)
