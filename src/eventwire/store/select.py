"""Reports out of the store, with their events filtered, for exports and the API.

    EventFilter(date_from=, date_to=, type=, country=, bbox=, actor=, source=, dedup=)
    select_reports(store, flt) -> Iterator[Report]   (reports holding only the matching events)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..exports import event_place
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


def select_reports(store: Store, flt: EventFilter) -> Iterator[Report]:
    """Stored reports in publication order, each with only the events the filter keeps (reports
    with no such event are left out)."""
    links = {(r["doc_id"], r["event_id"]): (r["canonical_id"], r["reason"])
             for r in store.query("SELECT doc_id, event_id, canonical_id, reason FROM event_links")}
    first_reports = {key for key, (_, reason) in links.items() if reason == "first report"} if flt.dedup else None
    sql = "SELECT id FROM documents"
    params: list[str] = []
    if flt.source:
        sql += " WHERE LOWER(COALESCE(source, '') || ' ' || COALESCE(site, '') || ' ' || COALESCE(url, '')) LIKE ?"
        params.append(f"%{flt.source.lower()}%")
    for row in store.query(sql + " ORDER BY published, id", params):
        report = store.report(row["id"])
        if report is None:
            continue
        kept = [e for e in report.events if flt.keeps(report, e, first_reports, row["id"])]
        for e in kept:
            link = links.get((row["id"], e.id))
            if link is not None:
                e.canonical_id = link[0]  # type: ignore[attr-defined]
        if kept:
            report.events = kept
            yield report
