"""Incremental dedup: the story events stored since the last dedup join the canonical events, and the two
tables are then exactly what a full rebuild (``dedup.deduplicate``) would write.

    update(store, doc_ids=None, km=25, days=1) -> UpdateStats     (also dedup.update)

**Why it equals a rebuild.** The rebuild is greedy: it takes the reports in one total order
(``dedup_cluster.sort_key``, date first) and, per PLOVER type (a report only ever joins one of its own type), each
joins the best event of its *window*: the canonical events of its type whose first report is at most
`days` before it. So what happens from a point k of the order on depends only on the window state at k
(those events, with their reports before k) and on the reports after k. A new report n changes nothing
before its own place in the order. The update reads the stored window state at n (from ``event_links``:
the events whose first report lies within `days` before n, with their reports before n) and runs the
greedy pass again from there, over the new reports and the stored ones after n, next to the stored pass
(each stored report's stored link). It keeps D, the events whose reports differ between the two passes.
Once no event of D is open any more (each one's first report is over `days` old), the window states are
equal again, so everything after is as stored: the pass stops there, or jumps to the next new report and
starts again from the stored state there. Only the events of D (written or removed) and the links that
changed are written.

**Bounded.** A stored report taken again is matched only against the events of D and the event it joined
in the stored pass (B): every other open event is the same in both passes, and the stored pass found none
of them better than B (nor any at all, when it started its own event); only when B itself is in D is it
matched against the window, as a new report is (through the blocking index, ``dedup_cluster.Window``). What a
new report reads is its block: its type × the days from `days` before it to where its changes close,
through the index ``story_events (type, date)``.

The stored tables must be what the same rules and settings wrote (``dedup_state``; otherwise, or when the
stored links contradict the rules, the update rebuilds in full instead). It runs in one transaction under
the advisory lock ``dedup``: two updates at once run one after the other, the second on top of the first.
"""

from __future__ import annotations

import datetime as dt
import heapq
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .dedup import Canonical, EventReport, load_reports
from .dedup_cluster import (
    FIRST,
    INSERT_CANONICAL,
    UPSERT_LINK,
    Window,
    best_fit,
    canonical_id,
    canonical_row,
    cluster,
    delete_keys,
    rebuild_tables,
    save_state,
    sort_key,
    state_key,
)
from .store import Store

Stored = tuple[EventReport, str, str]  # a stored report, its canonical id and the reason it was merged
Member = tuple[str, str, str]  # doc_id, story_event_id, reason


@dataclass
class UpdateStats:
    """What one update did."""

    documents: int = 0  # documents looked at: marked pending, and given
    new_reports: int = 0  # story events clustered for the first time
    stored_read: int = 0  # stored story events read (their type, in the date windows around new ones)
    retaken: int = 0  # stored story events taken again after a new one (their links may change)
    passes: int = 0  # passes from a new report's place until the stored and new windows agree again
    canonical_written: int = 0
    canonical_removed: int = 0
    links_written: int = 0
    rebuilt: bool = False  # rebuilt in full: no dedup state yet, other settings, version or rules
    canonical_events: int = 0  # in the store afterwards
    seconds: float = 0.0


class _Inconsistent(Exception):
    """The stored links are not what the rules give (written by other rules): rebuild in full."""


def update(store: Store, doc_ids: Iterable[str] | None = None, *, km: float = 25.0, days: int = 1) -> UpdateStats:
    """Cluster the story events of the documents marked pending (every document Store.write added since the
    dedup last ran) and of `doc_ids` that are not linked yet; see the module docstring."""
    started = time.perf_counter()
    stats = UpdateStats()
    given = list(dict.fromkeys(doc_ids or ()))
    with store.backend.transaction():
        store.backend.lock("dedup")  # a second update waits here, then reads what the first wrote
        pending = [r["doc_id"] for r in store.query("SELECT doc_id FROM dedup_pending")]
        state = store.query("SELECT value FROM dedup_state WHERE name = 'clustered_with'")
        try:
            if not state or state[0]["value"] != state_key(km, days):
                raise _Inconsistent
            _incremental(store, list(dict.fromkeys([*pending, *given])), km, days, stats)
            save_state(store, km, days, pending)
        except _Inconsistent:
            stats = UpdateStats(rebuilt=True)
            canon = cluster(load_reports(store), km, days)
            rebuild_tables(store, canon, km, days, pending)
            stats.canonical_written = len(canon)
        stats.canonical_events = int(store.query("SELECT COUNT(*) AS n FROM canonical_events")[0]["n"])
    stats.seconds = time.perf_counter() - started
    return stats


def _incremental(store: Store, docs: list[str], km: float, days: int, stats: UpdateStats) -> None:
    stats.documents = len(docs)
    cache = _Documents(store)
    linked: set[tuple[str, str]] = set()
    for start in range(0, len(docs), 500):
        chunk = docs[start:start + 500]
        where, params = store.backend.one_of("doc_id", chunk)
        linked |= {(r["doc_id"], r["story_event_id"]) for r in store.query(
            f"SELECT doc_id, story_event_id FROM event_links WHERE {where}", params)}
    new = [r for rs in cache.get(docs).values() for r in rs if (r.doc_id, r.event_id) not in linked]
    stats.new_reports = len(new)
    by_type: dict[str, list[EventReport]] = {}
    for r in new:
        by_type.setdefault(r.type, []).append(r)
    changes: dict[str, Canonical | None] = {}  # canonical id -> its new reports (None: it is no more)
    links: dict[tuple[str, str], tuple[str, str]] = {}  # the stored links read
    skip = {(r.doc_id, r.event_id) for r in new}
    for type_, reports in sorted(by_type.items()):
        block = _Block(store, type_, days, skip, links, cache, stats)
        # read at once what the passes will need at least: `days` either side of each new report
        block.ensure_all([(_plus(r.day, -days), _plus(r.day, days + 1)) for r in reports])
        reports.sort(key=sort_key)
        i = 0
        while i < len(reports):
            i = _pass(block, reports, i, km, days, changes, stats)
    _write(store, changes, links, stats)


class _Documents:
    """The reports of each document read so far: a new document's all at once, a stored document's of the type
    being clustered (load_reports derives a report from its document's story events of its own type alone, so a
    stored document is read once per type it has in a block, never whole)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.whole: dict[str, list[EventReport]] = {}  # document -> its reports of every type
        self.of_type: dict[tuple[str, str], list[EventReport]] = {}  # (document, type) -> its reports of that type

    def get(self, doc_ids: Iterable[str], type_: str | None = None) -> dict[str, list[EventReport]]:
        """The reports of each document, of `type_` only when given."""
        wanted = list(dict.fromkeys(doc_ids))
        missing = [d for d in wanted if d not in self.whole and (type_ is None or (d, type_) not in self.of_type)]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            found: dict[str, list[EventReport]] = {d: [] for d in chunk}
            for r in load_reports(self.store, chunk, type=type_):
                found[r.doc_id].append(r)
            if type_ is None:
                self.whole.update(found)
            else:
                self.of_type.update({(d, type_): reports for d, reports in found.items()})
        if type_ is None:
            return {d: self.whole[d] for d in wanted}
        return {d: [r for r in self.whole[d] if r.type == type_] if d in self.whole else self.of_type[(d, type_)]
                for d in wanted}


class _Block:
    """The stored (linked) story events of one type, read a run of days at a time through the index
    story_events (type, date), each day's in the greedy order."""

    def __init__(self, store: Store, type_: str, days: int, skip: set[tuple[str, str]],
                 links: dict[tuple[str, str], tuple[str, str]], cache: _Documents, stats: UpdateStats) -> None:
        self.store, self.type, self.skip, self.cache, self.stats = store, type_, skip, cache, stats
        self.links = links  # shared by the blocks: the stored links read, to write only those that change
        # days read at once past the one asked for: a pass usually ends `days` after its last new report
        self.span = dt.timedelta(days=max(days, 1))
        self.by_day: dict[dt.date, list[Stored]] = {}

    def ensure(self, lo: dt.date, hi: dt.date) -> None:
        """Read the days lo..hi not read yet."""
        self.ensure_all([(lo, hi)])

    def ensure_all(self, ranges: list[tuple[dt.date, dt.date]]) -> None:
        """Read the days of `ranges` not read yet: one query per run of days, their documents together."""
        missing = sorted({d for lo, hi in ranges for d in _days(lo, hi) if d not in self.by_day})
        runs: list[tuple[dt.date, dt.date]] = []
        for d in missing:
            if runs and _plus(runs[-1][1], 1) == d:
                runs[-1] = (runs[-1][0], d)
            else:
                runs.append((d, d))
        scanned = [(lo, hi, self._scan(lo, hi)) for lo, hi in runs]
        reports = self.cache.get((doc for _, _, keys in scanned for doc, _ in keys), self.type)
        for lo, hi, keys in scanned:
            self._fill(lo, hi, keys, reports)

    def _scan(self, lo: dt.date, hi: dt.date) -> set[tuple[str, str]]:
        """The story events of this type dated lo..hi (the index), their links kept."""
        params = (self.type, lo.isoformat(), _plus(hi, 1).isoformat() if hi < dt.date.max else "9999-99")
        rows = self.store.query(
            "SELECT s.doc_id, s.story_event_id, l.canonical_id, l.reason FROM story_events s LEFT JOIN event_links l "
            "ON l.doc_id = s.doc_id AND l.story_event_id = s.story_event_id "
            "WHERE s.type = ? AND s.date >= ? AND s.date < ?", params)
        self.links.update({(r["doc_id"], r["story_event_id"]): (r["canonical_id"], r["reason"]) for r in rows
                           if r["canonical_id"] is not None})
        return {(r["doc_id"], r["story_event_id"]) for r in rows}

    def _fill(self, lo: dt.date, hi: dt.date, keys: set[tuple[str, str]],
              reports: dict[str, list[EventReport]]) -> None:
        for d in _days(lo, hi):
            self.by_day[d] = []
        for doc in {doc for doc, _ in keys}:
            for r in reports[doc]:
                key = (r.doc_id, r.event_id)
                if r.type != self.type or (key not in keys and not lo <= r.day <= hi):
                    continue  # the document's other story events
                if (key in keys) != (lo <= r.day <= hi):
                    raise _Inconsistent  # a date the database orders otherwise than its day: never guess
                if key in self.skip or key not in self.links:
                    continue  # new now, or stored since by another writer (its own update clusters it)
                self.by_day[r.day].append((r, *self.links[key]))
                self.stats.stored_read += 1
        for d in _days(lo, hi):
            self.by_day[d].sort(key=lambda x: sort_key(x[0]))

    def _next_date(self, d: dt.date) -> dt.date | None:
        """The first day from d on that has story events of this type (one index lookup; dates that are no
        day, which load_reports skips, are stepped over)."""
        value, op = d.isoformat(), ">="
        while True:
            row = self.store.query(f"SELECT MIN(date) AS d FROM story_events WHERE type = ? AND date {op} ?",
                                   (self.type, value))
            found = row[0]["d"] if row else None
            if found is None:
                return None
            day = _day(found)
            if day is not None and day >= d:
                return day
            value, op = found, ">"

    def after(self, k0: tuple[str, str, str, int, str], d0: dt.date) -> Iterator[Stored]:
        """The stored reports from k0 on, in the greedy order, read as they are needed."""
        d: dt.date | None = d0
        while d is not None:
            if d not in self.by_day:
                nxt = self._next_date(d)
                if nxt is None:
                    return
                d = nxt
                self.ensure(d, min(dt.date.max - self.span, d) + self.span)
            for item in self.by_day[d]:
                if sort_key(item[0]) >= k0:
                    yield item
            d = _plus(d, 1) if d < dt.date.max else None


def _pass(block: _Block, new: list[EventReport], j: int, km: float, days: int, changes: dict[str, Canonical | None],
          stats: UpdateStats) -> int:
    """The greedy pass again from new[j]'s place until the new and the stored window states agree (or the
    stored reports end); returns the index of the first new report it did not take."""
    stats.passes += 1
    k0, d0 = sort_key(new[j]), new[j].day
    lo = _plus(d0, -days)
    block.ensure(lo, d0)
    # The stored window state at k0: the events whose first report lies in [d0 - days, k0), their reports before k0.
    before: dict[str, list[tuple[EventReport, str]]] = {}
    opened: list[str] = []
    d = lo
    while d <= d0:
        for r, cid, why in block.by_day[d]:
            if sort_key(r) >= k0:
                break
            before.setdefault(cid, []).append((r, why))
            if cid == canonical_id(r):
                opened.append(cid)
        d = _plus(d, 1)
    for cid in opened:
        if before[cid][0][1] != FIRST or canonical_id(before[cid][0][0]) != cid:
            raise _Inconsistent
    news = {cid: Canonical(cid, list(before[cid])) for cid in opened}  # the new pass's events
    olds: dict[str, list[Member]] = {cid: [(r.doc_id, r.event_id, why) for r, why in before[cid]] for cid in opened}
    first_day = {cid: news[cid].first.day for cid in opened}
    window = Window(km)
    for cid in opened:  # in the greedy order: the events' creation order
        window.add(news[cid])
    differ: set[str] = set()  # D
    closing: list[tuple[dt.date, str]] = []
    stored = block.after(k0, d0)
    old = next(stored, None)
    i = j
    while old is not None or i < len(new):
        is_new = i < len(new) and (old is None or sort_key(new[i]) < sort_key(old[0]))
        r = new[i] if is_new else old[0]  # type: ignore[index]
        window.close(r.day, days)
        # the events of D whose first report is over `days` old are closed: final (a heap by first day, as
        # reports come in day order; an entry whose event left D or got another first day is stale)
        while closing and (r.day - closing[0][0]).days > days:
            day, cid = heapq.heappop(closing)
            if cid in differ and first_day[cid] == day:
                changes[cid] = news.get(cid)
                differ.discard(cid)
        own = canonical_id(r)
        touched = set()
        if is_new:
            i += 1
            best = best_fit(window.candidates(r), r, km, days)
        else:
            if not differ:
                return i  # the windows agree: from here on all is as stored, up to the next new report
            _, was, why = old  # type: ignore[misc]
            old = next(stored, None)
            stats.retaken += 1
            if (was == own) != (why == FIRST):
                raise _Inconsistent
            if was == own:
                olds[own], first_day[own] = [(r.doc_id, r.event_id, why)], r.day
                candidates = window.candidates(r, differ)
            else:
                if was not in olds:
                    raise _Inconsistent
                olds[was].append((r.doc_id, r.event_id, why))
                if was in differ:
                    candidates = window.candidates(r)
                else:  # the event it joined, and those of D the blocking index lets it fit
                    candidates = window.pick({was} | {c.id for c in window.candidates(r, differ)})
                    if not any(c.id == was for c in candidates):
                        raise _Inconsistent
            touched.add(was)
            best = best_fit(candidates, r, km, days)
        if best is None:
            c = Canonical(own, [(r, FIRST)])
            window.add(c)
            news[own], first_day[own] = c, r.day
            touched.add(own)
        else:
            window.join(best[2], r, best[1])
            touched.add(best[2].id)
        for cid in touched:
            if _same(news.get(cid), olds.get(cid)):
                differ.discard(cid)
            else:
                differ.add(cid)
                heapq.heappush(closing, (first_day[cid], cid))
    for cid in differ:  # the stored reports ended: every event is final
        changes[cid] = news.get(cid)
    return i


def _same(c: Canonical | None, members: list[Member] | None) -> bool:
    return (c is not None and members is not None and len(c.reports) == len(members)
            and all((r.doc_id, r.event_id, why) == m for (r, why), m in zip(c.reports, members, strict=True)))


def _write(store: Store, changes: dict[str, Canonical | None], links: dict[tuple[str, str], tuple[str, str]],
           stats: UpdateStats) -> None:
    """Write the events that changed (remove those that are no more) and the links that changed."""
    if not changes:
        return
    ids = sorted(changes)
    delete_keys(store, "canonical_events", "id", ids)
    rows = [canonical_row(c) for c in (changes[cid] for cid in ids) if c is not None]
    if rows:
        store.backend.executemany(INSERT_CANONICAL, rows)
    link_rows = [(r.doc_id, r.event_id, c.id, why) for c in (changes[cid] for cid in ids) if c is not None
                 for r, why in c.reports if links.get((r.doc_id, r.event_id)) != (c.id, why)]
    if link_rows:
        store.backend.executemany(UPSERT_LINK, link_rows)
    stats.canonical_written, stats.canonical_removed = len(rows), len(ids) - len(rows)
    stats.links_written = len(link_rows)


def _plus(d: dt.date, n: int) -> dt.date:
    try:
        return d + dt.timedelta(days=n)
    except OverflowError:
        return dt.date.max if n > 0 else dt.date.min


def _days(lo: dt.date, hi: dt.date) -> Iterator[dt.date]:
    """lo..hi, both included."""
    for n in range((hi - lo).days + 1):
        yield lo + dt.timedelta(days=n)


def _day(value: str) -> dt.date | None:
    """The day of a stored date, as load_reports reads it (None: no day)."""
    if len(value) < 10 or not value[:4].isdigit():
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
