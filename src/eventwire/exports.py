"""Event output formats: one row, record or feature per event, from any iterable of reports.

    event_rows(report, records="story")       -> list[dict]   the flat eventwire columns (CSV_COLUMNS)
    acled_rows(report, records="story")       -> list[dict]   ACLED-named columns (ACLED_COLUMNS), ACLED-mapped only
    plover_records(report, records="story")   -> list[dict]   PLOVER-style JSON event records
    geojson_features(report, records="story") -> (features, skipped)   Points; events without coordinates counted
    write_events(results, fmt, out, err, records="story") -> (total, failed)

``records`` picks what a row is: ``"story"`` (the default) one row per real-world event of the
story (``Report.story_events``: the row an analyst codes, its fields resolved from all its
mentions), ``"mention"`` one row per event mention (``Report.events``, as before story events
existed).  Every row carries its evidence sentence and its source document (report id, url, title,
published).  The writers stream: a row is written and flushed as soon as its report arrives,
so they work over a corpus as well as over the CLI's results or a store's query.  Error reports
never vanish: each becomes one line on ``err``.  The formats are documented in the README,
section "Event formats".
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TextIO

from . import __version__
from .schema import Acled, Actor, ErrorReport, Event, Figure, Offsets, Place, Report, Span, StoryEvent, dumps

FORMATS = ("plover-json", "acled-csv", "csv", "geojson")
# What one row is: a story event (one per real-world event of the story) or an event mention.
RECORDS = ("story", "mention")

CSV_COLUMNS = (
    "doc_id", "doc_url", "doc_title", "doc_published",
    "event_id", "type", "mode", "modality", "reported_by", "reported_by_name",
    "actor1_id", "actor1_name", "actor1_country", "actor2_id", "actor2_name", "actor2_country",
    "place_text", "place_name", "place_geonameid", "place_lat", "place_lon", "place_country", "place_admin1",
    "place_feature", "place_precision", "date", "date_from", "fatalities", "killed", "injured", "abducted",
    "released", "acled_event_type", "acled_sub_event_type", "trigger_text", "trigger_start", "trigger_end",
    "evidence_start", "evidence_end", "evidence_text", "confidence", "mentions", "story_event", "main", "same_as",
    "canonical_id",
)

# ACLED's export columns, in ACLED's order (2023 layout).  ACLED_FILLED are those eventwire fills;
# the others stay empty because eventwire does not know them (see the README).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
ACLED_EMPTY = ("assoc_actor_1", "assoc_actor_2", "region", "admin2", "admin3", "source_scale", "timestamp")
ACLED_FILLED = tuple(c for c in ACLED_COLUMNS if c not in ACLED_EMPTY)

# Counted per event from its linked figures (csv columns; PLOVER's dead/injured/arrested).
_COUNTED = ("killed", "injured", "abducted", "released", "detained")

# ACLED codes events that took place: a denied, hypothetical or planned event is not one.
_ACLED_MODALITIES = ("asserted", "reported")

_QUAD = {  # PLOVER quad categories: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("REQUEST", "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4),
}

# eventwire actor type -> CAMEO/PLOVER sector code; types with no clear sector are left out.
_SECTOR = {"military": "MIL", "government": "GOV", "ministry": "GOV", "party": "PTY", "igo": "IGO",
           "ngo": "NGO", "media": "MED", "population": "CVL"}

# eventwire actor type -> ACLED inter code (1 state forces, 7 civilians, 8 external/other forces).
# armed_group stays empty: rebel (2), political (3) and identity (4) militias cannot be told apart here.
_ACLED_INTER = {"state": 1, "military": 1, "government": 1, "ministry": 1, "population": 7, "igo": 8}

# place feature -> ACLED geo_precision (1 the town itself, 2 near/part of it, 3 a larger region)
_GEO_PRECISION = {"city": 1, "landmark": 1, "other": 2, "water": 2, "region": 3, "country": 3}

# place feature -> GeoNames feature class (P populated place, A admin area, H water, S spot, L area)
_FEATURE_CLASS = {"city": "P", "region": "A", "country": "A", "water": "H", "landmark": "S", "other": "L"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


# -- shared look-ups ---------------------------------------------------------------------------

def _actors(report: Report) -> dict[str, Actor]:
    return {a.id: a for a in report.actors}


def event_place(report: Report, event: Event) -> Place | None:
    """The event's place; failing that, the events stage's guess (its clause, sentence or dateline).

    Rows want a location for every event, as ACLED codes one; how good it is travels in
    ``place_precision`` (csv) and ``geo_precision`` (acled-csv).
    """
    index = event.place if event.place is not None else event_extra(event, "place_guess")
    if not isinstance(index, int) or not 0 <= index < len(report.places):
        return None
    return report.places[index]


def event_extra(event: Event | StoryEvent, name: str) -> Any:
    """A field a stage (or the store) adds beyond the contract (place_precision, canonical_id, ...), or None."""
    return (event.model_extra or {}).get(name)


def _guessed(event: Event) -> bool:
    return event.place is None and event_extra(event, "place_guess") is not None


def _figures(report: Report, event: Event | StoryEvent) -> list[Figure]:
    return [report.figures[i] for i in event.figures if 0 <= i < len(report.figures)]


def _amount(f: Figure) -> int | None:
    return f.value if f.value is not None else f.low


def figure_counts(report: Report, event: Event) -> dict[str, int | None]:
    """People killed, injured, ... by the event: the sum of its linked incident figures per category.

    None where no figure of that category is linked (unknown, not zero).  Cumulative figures
    (running totals "since Oct. 7") are left out: they count more than this event.
    """
    counts: dict[str, int | None] = dict.fromkeys(_COUNTED)
    for f in _figures(report, event):
        n = _amount(f)
        if f.category in counts and f.scope == "incident" and n is not None:
            counts[f.category] = (counts[f.category] or 0) + n
    return counts


def evidence_text(report: Report, event: Event) -> str | None:
    """The sentence that states the event, as written."""
    if event.evidence is None:
        return None
    return report.text[event.evidence.start:event.evidence.end]


_SHORT_NAMES = {"PSE": "Palestine", "RUS": "Russia", "COD": "Democratic Republic of Congo",
                "COG": "Republic of Congo"}


@lru_cache(maxsize=512)
def _country(alpha3: str) -> tuple[str | None, str | None, int | None]:
    """(name, alpha-2, numeric) of an ISO 3166 alpha-3 code; pycountry is a dependency already."""
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    if c is None:
        return None, None, None
    # the short name, as ACLED writes it: "Iran", not "Iran, Islamic Republic of"
    name = _SHORT_NAMES.get(alpha3) or getattr(c, "common_name", None) or c.name.split(", ")[0]
    return name, c.alpha_2, int(c.numeric)


def day_date(value: str | None) -> tuple[str | None, int | None]:
    """A TIMEX3 value as one ISO day and ACLED's time_precision (1 day, 2 week, 3 month).

    A week is coded as its Wednesday (a weekend as its Saturday), a month as its 15th: the middle of
    the period, as ACLED does.  Anything vaguer (a year, 'XXXX-11-24', 'PAST_REF') gives (None, None).
    """
    if not value:
        return None, None
    try:
        if m := _DAY.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), 1
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 3).isoformat(), 2
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 15).isoformat(), 3
    except ValueError:  # 2023-02-30, week 54: not a date
        return None, None
    return None, None


# -- one row's view of a story event or an event mention ----------------------------------------

def check_records(records: str) -> str:
    """``records`` itself when it is one of RECORDS; ValueError naming the choices otherwise."""
    if records not in RECORDS:
        raise ValueError(f"unknown records {records!r}; expected one of {', '.join(RECORDS)}")
    return records


def story_place(report: Report, story: StoryEvent) -> Place | None:
    """The story event's place (the story stage resolved it, with its precision); no guess beyond that."""
    index = story.place
    if not isinstance(index, int) or not 0 <= index < len(report.places):
        return None
    return report.places[index]


def story_counts(report: Report, story: StoryEvent) -> dict[str, int | None]:
    """People killed, injured, ... in a story event: ``fatalities`` and ``injured`` as the story stage
    gives them, the other categories by the same rule (the highest incident count among its figures:
    its mentions restate one count, so they are not added up).  None where none is given."""
    counts: dict[str, int | None] = dict.fromkeys(_COUNTED)
    for f in _figures(report, story):
        n = _amount(f)
        if f.category in counts and f.scope == "incident" and n is not None:
            counts[f.category] = max(counts[f.category] or 0, n)
    counts["killed"], counts["injured"] = story.fatalities, story.injured
    return counts


@dataclass
class _Item:
    """What every format reads of one row's event, whichever kind of record it is."""

    story: bool  # a story event (else an event mention)
    id: str
    type: str
    mode: str | None
    modality: str
    reported_by: str | None
    actor1: str | None
    actor2: str | None
    place: Place | None
    place_precision: str | None
    near: bool  # the place is only near the event (the sentence's or the dateline's): ACLED geo_precision >= 2
    date: str | None
    date_from: str | None
    counts: dict[str, int | None]
    acled: Acled | None
    trigger: Span | None
    evidence: Offsets | None
    confidence: float | None
    figures: list[Figure]
    canonical_id: Any
    mentions: list[str] = field(default_factory=list)
    story_event: str | None = None
    main: Any = None
    same_as: Any = None


# A story event's place precision that says the place is where it was reported, not where it happened.
_NEAR = ("sentence", "dateline")


def _story_items(report: Report) -> list[_Item]:
    items = []
    for s in report.story_events:
        p = story_place(report, s)
        items.append(_Item(
            story=True, id=s.id, type=s.type, mode=s.mode, modality=s.modality, reported_by=s.reported_by,
            actor1=s.actor1, actor2=s.actor2, place=p, place_precision=s.place_precision if p else None,
            near=p is not None and s.place_precision in _NEAR, date=s.date, date_from=s.date_from,
            counts=story_counts(report, s), acled=s.acled, trigger=s.trigger, evidence=s.evidence,
            confidence=s.confidence, figures=_figures(report, s), canonical_id=event_extra(s, "canonical_id"),
            mentions=list(s.mentions)))
    return items


def _mention_items(report: Report) -> list[_Item]:
    story_of = {m: s.id for s in report.story_events for m in s.mentions}
    items = []
    for e in report.events:
        p = event_place(report, e)
        items.append(_Item(
            story=False, id=e.id, type=e.type, mode=e.mode, modality=e.modality, reported_by=e.reported_by,
            actor1=e.actor1, actor2=e.actor2, place=p,
            place_precision=(event_extra(e, "place_precision") or ("guess" if _guessed(e) else None)) if p else None,
            near=_guessed(e), date=e.date, date_from=event_extra(e, "date_from"), counts=figure_counts(report, e),
            acled=e.acled, trigger=e.trigger, evidence=e.evidence, confidence=e.confidence,
            figures=_figures(report, e), canonical_id=event_extra(e, "canonical_id"),
            story_event=story_of.get(e.id), main=event_extra(e, "main"), same_as=event_extra(e, "same_as")))
    return items


def _items(report: Report, records: str) -> list[_Item]:
    return _story_items(report) if check_records(records) == "story" else _mention_items(report)


def _evidence(report: Report, evidence: Offsets | None) -> str | None:
    return None if evidence is None else report.text[evidence.start:evidence.end]


# -- the formats -------------------------------------------------------------------------------

def event_rows(report: Report, records: str = "story") -> list[dict[str, Any]]:
    """One flat row (CSV_COLUMNS) per story event (or, with ``records="mention"``, per event mention)."""
    actors = _actors(report)
    rows = []
    for e in _items(report, records):
        a1, a2, by = actors.get(e.actor1 or ""), actors.get(e.actor2 or ""), actors.get(e.reported_by or "")
        p = e.place
        rows.append({
            "doc_id": report.id, "doc_url": report.url, "doc_title": report.title, "doc_published": report.published,
            "event_id": e.id, "type": e.type, "mode": e.mode, "modality": e.modality,
            "reported_by": e.reported_by, "reported_by_name": by.name if by else None,
            "actor1_id": e.actor1, "actor1_name": a1.name if a1 else None, "actor1_country": a1.country if a1 else None,
            "actor2_id": e.actor2, "actor2_name": a2.name if a2 else None, "actor2_country": a2.country if a2 else None,
            "place_text": p.text if p else None, "place_name": p.name if p else None,
            "place_geonameid": p.geonameid if p else None, "place_lat": p.lat if p else None,
            "place_lon": p.lon if p else None, "place_country": p.country if p else None,
            "place_admin1": p.admin1 if p else None, "place_feature": p.feature if p else None,
            "place_precision": e.place_precision, "date": e.date, "date_from": e.date_from,
            # a story event's fatalities; a mention has none of its own (its killed column sums its figures)
            "fatalities": e.counts["killed"] if e.story else None,
            **{k: e.counts[k] for k in ("killed", "injured", "abducted", "released")},
            "acled_event_type": e.acled.event_type if e.acled else None,
            "acled_sub_event_type": e.acled.sub_event_type if e.acled else None,
            "trigger_text": e.trigger.text if e.trigger else None,
            "trigger_start": e.trigger.start if e.trigger else None,
            "trigger_end": e.trigger.end if e.trigger else None,
            "evidence_start": e.evidence.start if e.evidence else None,
            "evidence_end": e.evidence.end if e.evidence else None,
            "evidence_text": _evidence(report, e.evidence), "confidence": e.confidence,
            # the mentions a story event joins; the story event a mention belongs to; a mention's sentence role and
            # the mention it repeats; and (from the store) the canonical event several articles' reports became
            "mentions": " ".join(e.mentions) or None, "story_event": e.story_event,
            "main": e.main, "same_as": e.same_as, "canonical_id": e.canonical_id,
        })
    return rows


def _disorder_type(event_type: str, sub_event_type: str | None) -> str | None:
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return "Political violence"
    if event_type == "Protests":
        return "Political violence; Demonstrations" if sub_event_type == "Excessive force against protestors" \
            else "Demonstrations"
    if event_type == "Riots":
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return None


def _interaction(inter1: int | None, inter2: int | None, has_actor2: bool) -> str | None:
    """ACLED's interaction: both inter codes, lowest first ("17"); a lone actor gives "10"."""
    if inter1 and inter2:
        return f"{min(inter1, inter2)}{max(inter1, inter2)}"
    if inter1 and not has_actor2:
        return f"{inter1}0"
    return None  # an actor whose inter code is unknown: the pair is unknown too


def _outlet(report: Report) -> str | None:
    """Who published it: the wire agency of the dateline, else the site."""
    return (report.dateline.agency if report.dateline else None) or report.site


def _source(report: Report) -> str:
    return _outlet(report) or report.url or report.id


def acled_rows(report: Report, records: str = "story") -> list[dict[str, Any]]:
    """ACLED-named rows (ACLED_COLUMNS) for the story events (or event mentions) that have an ACLED
    type and took place.  Events without an ACLED mapping, and negated, hypothetical or planned
    ones, give no row.  FATALITIES is a story event's ``fatalities`` (a mention's linked killed figures)."""
    actors = _actors(report)
    rows = []
    for e in _items(report, records):
        if e.acled is None or not e.acled.event_type or e.modality not in _ACLED_MODALITIES:
            continue
        a1, a2, by = actors.get(e.actor1 or ""), actors.get(e.actor2 or ""), actors.get(e.reported_by or "")
        p = e.place
        cc3 = p.country if p else None
        name, _, numeric = _country(cc3) if cc3 else (None, None, None)
        date, precision = day_date(e.date)
        inter1 = _ACLED_INTER.get(a1.type) if a1 else None
        inter2 = _ACLED_INTER.get(a2.type) if a2 else None
        tags = [f"eventwire doc={report.id}", f"event={e.id}", f"type={e.type}", f"modality={e.modality}"]
        if e.mentions:
            tags.append(f"mentions={','.join(e.mentions)}")
        if e.reported_by:
            tags.append(f"reported_by={by.name if by else e.reported_by}")
        if e.confidence is not None:
            tags.append(f"confidence={e.confidence:g}")
        rows.append({
            **dict.fromkeys(ACLED_COLUMNS),
            "event_id_cnty": f"{cc3 or 'XXX'}:{report.id}:{e.id}",
            "event_date": date, "year": date[:4] if date else None, "time_precision": precision,
            "disorder_type": _disorder_type(e.acled.event_type, e.acled.sub_event_type),
            "event_type": e.acled.event_type, "sub_event_type": e.acled.sub_event_type,
            "actor1": a1.name if a1 else None, "inter1": inter1,
            "actor2": a2.name if a2 else None, "inter2": inter2,
            "interaction": _interaction(inter1, inter2, a2 is not None),
            "civilian_targeting": "Civilian targeting"
            if e.acled.event_type == "Violence against civilians" or inter2 == 7 else None,
            "iso": numeric, "country": name, "admin1": p.admin1 if p else None,
            "location": (p.name or p.text) if p else None,
            "latitude": p.lat if p else None, "longitude": p.lon if p else None,
            # a place that is only where the event was told (the sentence's or the dateline's) is at best
            # "near" the event: 2, not 1
            "geo_precision": max(_GEO_PRECISION.get(p.feature or "", 2), 2 if e.near else 1)
            if p and p.lat is not None else None,
            "source": _source(report), "notes": _evidence(report, e.evidence),
            "fatalities": e.counts["killed"] or 0,  # ACLED writes 0 when no death is reported
            "tags": "; ".join(tags),
        })
    return rows


def _plover_actor(actor: Actor | None, actor_id: str | None) -> list[dict[str, Any]]:
    if actor is None:
        return [{"identifier_id": actor_id}] if actor_id else []
    return [{
        "code": actor.country, "sector": _SECTOR.get(actor.type), "actor_text": actor.mentions[0].text
        if actor.mentions else actor.name, "identifier_id": actor.id, "identifier_text": actor.name,
        "type": actor.type,
    }]


def plover_records(report: Report, records: str = "story") -> list[dict[str, Any]]:
    """One PLOVER-style JSON event record per story event (or event mention): PLOVER's JSON field
    names, eventwire's extras."""
    actors = _actors(report)
    out = []
    for e in _items(report, records):
        p = e.place
        by = actors.get(e.reported_by or "")
        date, precision = day_date(e.date)
        loc = None
        if p is not None:
            name, alpha2, _ = _country(p.country) if p.country else (None, None, None)
            loc = {"geonameid": p.geonameid, "name": p.name, "text": p.text, "latitude": p.lat, "longitude": p.lon,
                   "feature class": _FEATURE_CLASS.get(p.feature or ""), "feature": p.feature,
                   "country code": alpha2, "cc3": p.country, "country": name, "admin1": p.admin1,
                   "precision": e.place_precision}
        record = {
            "id": f"{report.id}:{e.id}",
            "story_id": report.id,
            "date": date if precision == 1 else None,  # PLOVER wants a day; vaguer dates stay in date_value
            "date_value": e.date, "date_from": e.date_from,
            "event": [e.type], "mode": [e.mode] if e.mode else [], "context": [],
            "quad_code": _QUAD.get(e.type),
            "source": _plover_actor(actors.get(e.actor1 or ""), e.actor1),
            "recipient": _plover_actor(actors.get(e.actor2 or ""), e.actor2),
            "event_loc": loc,
            "event_text": [e.trigger.text] if e.trigger else [],
            "text": _evidence(report, e.evidence),
            "text_info": {"is_story": False, "start": e.evidence.start, "end": e.evidence.end} if e.evidence else None,
            "cite_info": {"citation": report.id, "url": report.url, "title": report.title,
                          "published": report.published, "publication": _outlet(report),
                          "language": "en", "coder": f"eventwire {__version__}"},
            "dead": e.counts["killed"], "injured": e.counts["injured"], "arrested": e.counts["detained"],
            "modality": e.modality, "reported_by": e.reported_by, "reported_by_name": by.name if by else None,
            "confidence": e.confidence,
            "trigger": e.trigger.model_dump(mode="json") if e.trigger else None,
            "figures": [{"category": f.category, "value": f.value, "low": f.low, "high": f.high,
                         "qualifier": f.qualifier, "scope": f.scope, "since": f.since, "reported_by": f.reported_by,
                         "text": f.text} for f in e.figures],
            "acled": e.acled.model_dump(mode="json") if e.acled else None,
        }
        if e.story:
            record["mentions"] = e.mentions
        else:
            record["story_event"] = e.story_event
        out.append(record)
    return out


def geojson_features(report: Report, records: str = "story") -> tuple[list[dict[str, Any]], int]:
    """Point features (properties = the csv columns) for events with a located place, and how many had none."""
    features, skipped = [], 0
    for row in event_rows(report, records):
        if row["place_lat"] is None or row["place_lon"] is None:
            skipped += 1
            continue
        features.append({"type": "Feature", "id": f"{report.id}:{row['event_id']}",
                         "geometry": {"type": "Point", "coordinates": [row["place_lon"], row["place_lat"]]},
                         "properties": row})
    return features, skipped


# -- writing -----------------------------------------------------------------------------------

def error_line(report: ErrorReport) -> str:
    """``eventwire: <id>: <code>: <message>`` on one line."""
    message = " ".join(report.error.message.split())
    return f"eventwire: {report.id if report.id is not None else '-'}: {report.error.code}: {message}"


def _cell(value: Any) -> Any:
    return "" if value is None else value


def write_events(results: Iterable[Report | ErrorReport], fmt: str, out: TextIO, err: TextIO,
                 records: str = "story") -> tuple[int, int]:
    """Write the events of ``results`` to ``out`` in ``fmt`` (one of FORMATS), as the reports arrive:
    one record per story event, or per event mention with ``records="mention"``.

    Error reports go to ``err``, one line each.  Returns (documents, failed documents).
    CSV: one header line, even with no events; UTF-8, LF line ends, fields quoted as needed.
    GeoJSON: one FeatureCollection, one feature per line, with the number of events left out
    for want of coordinates in the foreign member ``eventwire:skipped`` (and a line on ``err``).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown event format {fmt!r}; expected one of {', '.join(FORMATS)}")
    check_records(records)
    writer = None
    if fmt in ("csv", "acled-csv"):
        columns = CSV_COLUMNS if fmt == "csv" else ACLED_COLUMNS
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        out.flush()
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [\n')
    total = failed = skipped = written = 0
    for r in results:
        total += 1
        if isinstance(r, ErrorReport):
            failed += 1
            err.write(error_line(r) + "\n")
            err.flush()
            continue
        if writer is not None:
            for row in event_rows(r, records) if fmt == "csv" else acled_rows(r, records):
                writer.writerow({k: _cell(v) for k, v in row.items()})
        elif fmt == "plover-json":
            for rec in plover_records(r, records):
                out.write(dumps(rec) + "\n")
        else:
            features, n = geojson_features(r, records)
            skipped += n
            for feature in features:
                out.write((",\n" if written else "") + dumps(feature))
                written += 1
        out.flush()
    if fmt == "geojson":
        out.write(f'\n], "eventwire:skipped": {skipped}}}\n')
        out.flush()
        if skipped:
            err.write(f"eventwire: {skipped} events without coordinates left out of the GeoJSON\n")
    return total, failed


def write_parquet(reports: Iterable[Report], path: str, records: str = "story") -> int:
    """The csv format's rows (CSV_COLUMNS, one per story event or event mention) as a Parquet file;
    returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    check_records(records)
    rows = [row for r in reports for row in event_rows(r, records)]
    columns = {name: [row.get(name) for row in rows] for name in CSV_COLUMNS}
    pq.write_table(pa.table(columns), path)
    return len(rows)
