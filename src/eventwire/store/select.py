"""Reports out of the store, with their events filtered, for exports and the API.

    EventFilter(date_from=, date_to=, type=, country=, bbox=, actor=, source=, dedup=, acled_type=)
    story_keys(store, flt) -> list[StoryKey]        the matching story events, in publication order (SQL)
    reports_for(store, keys) -> Iterator[Report]     their reports, each holding only those story events
    select_reports(store, flt, records="story") -> Iterator[Report]

Story events (the default records) are filtered in SQL on the ``story_events`` table and its
indexes, so a page of ``GET /events`` reads only the reports it shows. Event mentions
(``records="mention"``) are filtered on the stored reports, as before story events existed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..exports import check_records, event_place
from ..schema import Event, Report
from . import Store


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

    def where(self) -> tuple[str, list[Any]]:
        """The filter as SQL over ``story_events s``, ``documents d`` and actors ``a1``, ``a2``."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.type:
            clauses.append("s.type = ?")
            params.append(self.type.upper())
        if self.acled_type:
            clauses.append("(LOWER(s.acled_event_type) = ? OR LOWER(s.acled_sub_event_type) = ?)")
            params += [self.acled_type.lower()] * 2
        # story event dates are ISO days or null: a filter on dates leaves the undated out
        if self.date_from:
            clauses.append("s.date IS NOT NULL AND SUBSTR(s.date, 1, 10) >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("s.date IS NOT NULL AND SUBSTR(s.date, 1, 10) <= ?")
            params.append(self.date_to)
        if self.country:
            clauses.append("UPPER(s.country) = ?")
            params.append(self.country.upper())
        if self.bbox:
            west, south, east, north = self.bbox
            clauses.append("s.lon BETWEEN ? AND ? AND s.lat BETWEEN ? AND ?")
            params += [west, east, south, north]
        if self.actor:
            pattern = _like(self.actor)
            clauses.append("(" + " OR ".join(f"LOWER(COALESCE({c}, '')) LIKE ? ESCAPE '!'"
                                             for c in ("s.actor1", "a1.name", "s.actor2", "a2.name")) + ")")
            params += [pattern] * 4
        if self.source:
            clauses.append("LOWER(COALESCE(d.source, '') || ' ' || COALESCE(d.site, '') || ' ' || "
                           "COALESCE(d.url, '')) LIKE ? ESCAPE '!'")
            params.append(_like(self.source))
        if self.dedup:
            clauses.append("l.reason = 'first report'")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

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


@dataclass(frozen=True)
class StoryKey:
    """One stored story event: its document (the store's id), its id in the report, its canonical event."""

    doc_id: str
    story_event_id: str
    canonical_id: str | None


def _order(story_event_id: str) -> tuple[int, str]:
    tail = story_event_id[1:]
    return (int(tail) if tail.isdigit() else 0, story_event_id)


def story_keys(store: Store, flt: EventFilter) -> list[StoryKey]:
    """The story events the filter keeps, in publication order (then document, then story order)."""
    where, params = flt.where()
    rows = store.query(
        "SELECT s.doc_id, s.story_event_id, l.canonical_id, d.published FROM story_events s "
        "JOIN documents d ON d.id = s.doc_id "
        "LEFT JOIN actors a1 ON a1.doc_id = s.doc_id AND a1.actor_id = s.actor1 "
        "LEFT JOIN actors a2 ON a2.doc_id = s.doc_id AND a2.actor_id = s.actor2 "
        "LEFT JOIN event_links l ON l.doc_id = s.doc_id AND l.story_event_id = s.story_event_id" + where, params)
    rows.sort(key=lambda r: (r["published"] or "", r["doc_id"], _order(r["story_event_id"])))
    return [StoryKey(r["doc_id"], r["story_event_id"], r["canonical_id"]) for r in rows]


def reports_for(store: Store, keys: list[StoryKey]) -> Iterator[Report]:
    """The reports of ``keys`` (in their order, one per run of a document), each holding only those story
    events and their mentions, every one marked with its ``canonical_id``."""
    start = 0
    while start < len(keys):
        doc_id = keys[start].doc_id
        end = start
        while end < len(keys) and keys[end].doc_id == doc_id:
            end += 1
        wanted = {k.story_event_id: k.canonical_id for k in keys[start:end]}
        start = end
        report = store.report(doc_id)
        if report is None:
            continue
        report.story_events = [s for s in report.story_events if s.id in wanted]
        canonical_of = {}
        for s in report.story_events:
            s.canonical_id = wanted[s.id]  # type: ignore[attr-defined]
            canonical_of.update(dict.fromkeys(s.mentions, wanted[s.id]))
        report.events = [e for e in report.events if e.id in canonical_of]
        for e in report.events:
            e.canonical_id = canonical_of[e.id]  # type: ignore[attr-defined]
        yield report


def select_reports(store: Store, flt: EventFilter, records: str = "story") -> Iterator[Report]:
    """Stored reports in publication order, each holding only the matching story events (and their
    mentions) or, with ``records="mention"``, only the matching event mentions (and the story events
    they belong to); reports with none are left out. Every kept record carries the ``canonical_id`` of
    its story event's canonical event."""
    if check_records(records) == "story":
        yield from reports_for(store, story_keys(store, flt))
        return
    links = {(r["doc_id"], r["story_event_id"]): (r["canonical_id"], r["reason"])
             for r in store.query("SELECT doc_id, story_event_id, canonical_id, reason FROM event_links")}
    sql = "SELECT id FROM documents d"
    params: list[str] = []
    if flt.source:
        sql += (" WHERE LOWER(COALESCE(source, '') || ' ' || COALESCE(site, '') || ' ' || COALESCE(url, '')) "
                "LIKE ? ESCAPE '!'")
        params.append(_like(flt.source))
    for row in store.query(sql + " ORDER BY published, id", params):
        doc_id = row["id"]
        report = store.report(doc_id)
        if report is None:
            continue
        # a mention belongs to the canonical event of its story event; with dedup, a first report's story
        # event is represented by its evidence mention (its first)
        canonical_of: dict[str, str] = {}
        firsts: set[tuple[str, str]] = set()
        for s in report.story_events:
            link = links.get((doc_id, s.id))
            if link is None:
                continue
            canonical_of.update(dict.fromkeys(s.mentions, link[0]))
            if link[1] == "first report" and s.mentions:
                firsts.add((doc_id, s.mentions[0]))
        kept = [e for e in report.events if flt.keeps(report, e, firsts if flt.dedup else None, doc_id)]
        for e in kept:
            if e.id in canonical_of:
                e.canonical_id = canonical_of[e.id]  # type: ignore[attr-defined]
        if kept:
            report.events = kept
            ids = {e.id for e in kept}
            report.story_events = [s for s in report.story_events if ids.intersection(s.mentions)]
            yield report
