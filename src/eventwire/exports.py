"""Event output formats: one row, record or feature per event, from any iterable of reports.

    event_rows(report, records="story")       -> list[dict]   the flat eventwire columns (CSV_COLUMNS)
    acled_rows(report, records="story")       -> list[dict]   ACLED-named columns (ACLED_COLUMNS), ACLED-mapped only
    plover_records(report, records="story")   -> list[dict]   PLOVER-style JSON event records
    geojson_features(report, records="story") -> (features, skipped)   Points; events without coordinates counted
    write_events(results, fmt, out, err, records="story") -> (total, failed)

Every format is made from one full record per event (``event_records``: the csv columns and what the
other formats need beyond them), which the store keeps per story event (``STORED_FIELDS``), so the
store's exports never read a report: ``RecordWriter(fmt, out).write(record)`` / ``text_chunks(records,
fmt)`` write records as they come; Parquet is in exports_parquet.py.

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

from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .exports_codes import (
    ACLED_INTER,
    FEATURE_CLASS,
    GEO_PRECISION,
    QUAD,
    SECTOR,
    country_names,
    day_date,
)
from .schema import Acled, Actor, Event, Figure, Offsets, Place, Report, Span, StoryEvent

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


# -- one record per event: the csv columns and what the other formats need beyond them -------------

# What acled-csv and plover-json read of an event beyond the csv columns. A record (``event_records``) has
# CSV_COLUMNS then these; the store keeps every record (less canonical_id, which the dedup decides) as a
# JSON array in STORED_FIELDS order, so every format is written from the store without reading a report.
RECORD_EXTRAS = ("story", "outlet", "near", "detained", "actor1_type", "actor1_text", "actor2_type", "actor2_text",
                 "figures", "acled", "trigger")
RECORD_FIELDS = (*CSV_COLUMNS, *RECORD_EXTRAS)
STORED_FIELDS = tuple(f for f in RECORD_FIELDS if f != "canonical_id")
assert CSV_COLUMNS[-1] == "canonical_id"  # the stored array starts with the csv row less its last column


def _actor_text(actor: Actor | None) -> str | None:
    return None if actor is None else actor.mentions[0].text if actor.mentions else actor.name


def event_records(report: Report, records: str = "story") -> list[dict[str, Any]]:
    """One full record (RECORD_FIELDS) per story event (or, with ``records="mention"``, per event mention):
    every format's row is made from it (csv_row, acled_row, plover_record, geojson_feature)."""
    actors = _actors(report)
    outlet = _outlet(report)
    out = []
    for e in _items(report, records):
        a1, a2, by = actors.get(e.actor1 or ""), actors.get(e.actor2 or ""), actors.get(e.reported_by or "")
        p = e.place
        out.append({
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
            # beyond the csv columns
            "story": e.story, "outlet": outlet, "near": e.near, "detained": e.counts["detained"],
            "actor1_type": a1.type if a1 else None, "actor1_text": _actor_text(a1),
            "actor2_type": a2.type if a2 else None, "actor2_text": _actor_text(a2),
            "figures": [{"category": f.category, "value": f.value, "low": f.low, "high": f.high,
                         "qualifier": f.qualifier, "scope": f.scope, "since": f.since, "reported_by": f.reported_by,
                         "text": f.text} for f in e.figures],
            "acled": e.acled.model_dump(mode="json") if e.acled else None,
            "trigger": e.trigger.model_dump(mode="json") if e.trigger else None,
        })
    return out


def record_from_stored(values: list[Any], canonical_id: Any = None) -> dict[str, Any]:
    """A record from its stored JSON array (fields a newer eventwire appended are None in an older row)."""
    rec = dict(zip(STORED_FIELDS, values, strict=False))
    for name in STORED_FIELDS[len(values):]:
        rec[name] = None
    rec["canonical_id"] = canonical_id
    return rec


# -- the formats -------------------------------------------------------------------------------

def csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    """The flat row (CSV_COLUMNS) of a record."""
    return {c: rec[c] for c in CSV_COLUMNS}


def event_rows(report: Report, records: str = "story") -> list[dict[str, Any]]:
    """One flat row (CSV_COLUMNS) per story event (or, with ``records="mention"``, per event mention)."""
    return [csv_row(rec) for rec in event_records(report, records)]


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


def _mention_ids(rec: dict[str, Any]) -> list[str]:
    return rec["mentions"].split() if rec["mentions"] else []


def acled_row(rec: dict[str, Any]) -> dict[str, Any] | None:
    """The ACLED-named row (ACLED_COLUMNS) of a record; None when it has no ACLED type or did not take place."""
    event_type, sub_event_type = rec["acled_event_type"], rec["acled_sub_event_type"]
    if not event_type or rec["modality"] not in _ACLED_MODALITIES:
        return None
    located = rec["place_text"] is not None  # the event has a place (a place always has its text)
    cc3 = rec["place_country"]
    name, _, numeric = country_names(cc3) if cc3 else (None, None, None)
    date, precision = day_date(rec["date"])
    type1, type2 = rec["actor1_type"], rec["actor2_type"]  # an actor of the report always has a type
    inter1 = ACLED_INTER.get(type1) if type1 is not None else None
    inter2 = ACLED_INTER.get(type2) if type2 is not None else None
    tags = [f"eventwire doc={rec['doc_id']}", f"event={rec['event_id']}", f"type={rec['type']}",
            f"modality={rec['modality']}"]
    if mentions := _mention_ids(rec):
        tags.append(f"mentions={','.join(mentions)}")
    if rec["reported_by"]:
        by = rec["reported_by_name"]
        tags.append(f"reported_by={by if by is not None else rec['reported_by']}")
    if rec["confidence"] is not None:
        tags.append(f"confidence={rec['confidence']:g}")
    return {
        **dict.fromkeys(ACLED_COLUMNS),
        "event_id_cnty": f"{cc3 or 'XXX'}:{rec['doc_id']}:{rec['event_id']}",
        "event_date": date, "year": date[:4] if date else None, "time_precision": precision,
        "disorder_type": _disorder_type(event_type, sub_event_type),
        "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": rec["actor1_name"] if type1 is not None else None, "inter1": inter1,
        "actor2": rec["actor2_name"] if type2 is not None else None, "inter2": inter2,
        "interaction": _interaction(inter1, inter2, type2 is not None),
        "civilian_targeting": "Civilian targeting"
        if event_type == "Violence against civilians" or inter2 == 7 else None,
        "iso": numeric, "country": name, "admin1": rec["place_admin1"] if located else None,
        "location": (rec["place_name"] or rec["place_text"]) if located else None,
        "latitude": rec["place_lat"] if located else None, "longitude": rec["place_lon"] if located else None,
        # a place that is only where the event was told (the sentence's or the dateline's) is at best
        # "near" the event: 2, not 1
        "geo_precision": max(GEO_PRECISION.get(rec["place_feature"] or "", 2), 2 if rec["near"] else 1)
        if located and rec["place_lat"] is not None else None,
        "source": rec["outlet"] or rec["doc_url"] or rec["doc_id"], "notes": rec["evidence_text"],
        "fatalities": rec["killed"] or 0,  # ACLED writes 0 when no death is reported
        "tags": "; ".join(tags),
    }


def acled_rows(report: Report, records: str = "story") -> list[dict[str, Any]]:
    """ACLED-named rows (ACLED_COLUMNS) for the story events (or event mentions) that have an ACLED
    type and took place.  Events without an ACLED mapping, and negated, hypothetical or planned
    ones, give no row.  FATALITIES is a story event's ``fatalities`` (a mention's linked killed figures)."""
    return [row for rec in event_records(report, records) if (row := acled_row(rec)) is not None]


def _plover_actor(rec: dict[str, Any], role: str) -> list[dict[str, Any]]:
    actor_id, actor_type = rec[f"{role}_id"], rec[f"{role}_type"]
    if actor_type is None:  # an id the report's actors do not hold
        return [{"identifier_id": actor_id}] if actor_id else []
    return [{
        "code": rec[f"{role}_country"], "sector": SECTOR.get(actor_type), "actor_text": rec[f"{role}_text"],
        "identifier_id": actor_id, "identifier_text": rec[f"{role}_name"], "type": actor_type,
    }]


def plover_record(rec: dict[str, Any]) -> dict[str, Any]:
    """The PLOVER-style JSON event record of a record: PLOVER's JSON field names, eventwire's extras."""
    date, precision = day_date(rec["date"])
    loc = None
    if rec["place_text"] is not None:
        cc3 = rec["place_country"]
        name, alpha2, _ = country_names(cc3) if cc3 else (None, None, None)
        loc = {"geonameid": rec["place_geonameid"], "name": rec["place_name"], "text": rec["place_text"],
               "latitude": rec["place_lat"], "longitude": rec["place_lon"],
               "feature class": FEATURE_CLASS.get(rec["place_feature"] or ""), "feature": rec["place_feature"],
               "country code": alpha2, "cc3": cc3, "country": name, "admin1": rec["place_admin1"],
               "precision": rec["place_precision"]}
    record = {
        "id": f"{rec['doc_id']}:{rec['event_id']}",
        "story_id": rec["doc_id"],
        "date": date if precision == 1 else None,  # PLOVER wants a day; vaguer dates stay in date_value
        "date_value": rec["date"], "date_from": rec["date_from"],
        "event": [rec["type"]], "mode": [rec["mode"]] if rec["mode"] else [], "context": [],
        "quad_code": QUAD.get(rec["type"]),
        "source": _plover_actor(rec, "actor1"),
        "recipient": _plover_actor(rec, "actor2"),
        "event_loc": loc,
        "event_text": [rec["trigger_text"]] if rec["trigger"] is not None else [],
        "text": rec["evidence_text"],
        "text_info": {"is_story": False, "start": rec["evidence_start"], "end": rec["evidence_end"]}
        if rec["evidence_start"] is not None else None,
        "cite_info": {"citation": rec["doc_id"], "url": rec["doc_url"], "title": rec["doc_title"],
                      "published": rec["doc_published"], "publication": rec["outlet"],
                      "language": "en", "coder": f"eventwire {__version__}"},
        "dead": rec["killed"], "injured": rec["injured"], "arrested": rec["detained"],
        "modality": rec["modality"], "reported_by": rec["reported_by"], "reported_by_name": rec["reported_by_name"],
        "confidence": rec["confidence"],
        "trigger": rec["trigger"],
        "figures": rec["figures"] or [],
        "acled": rec["acled"],
    }
    if rec["story"]:
        record["mentions"] = _mention_ids(rec)
    else:
        record["story_event"] = rec["story_event"]
    return record


def plover_records(report: Report, records: str = "story") -> list[dict[str, Any]]:
    """One PLOVER-style JSON event record per story event (or event mention): PLOVER's JSON field
    names, eventwire's extras."""
    return [plover_record(rec) for rec in event_records(report, records)]


def geojson_feature(rec: dict[str, Any]) -> dict[str, Any] | None:
    """The Point feature (properties = the csv columns) of a record; None when its place has no coordinates."""
    if rec["place_lat"] is None or rec["place_lon"] is None:
        return None
    return {"type": "Feature", "id": f"{rec['doc_id']}:{rec['event_id']}",
            "geometry": {"type": "Point", "coordinates": [rec["place_lon"], rec["place_lat"]]},
            "properties": csv_row(rec)}


def geojson_features(report: Report, records: str = "story") -> tuple[list[dict[str, Any]], int]:
    """Point features (properties = the csv columns) for events with a located place, and how many had none."""
    features, skipped = [], 0
    for rec in event_records(report, records):
        feature = geojson_feature(rec)
        if feature is None:
            skipped += 1
        else:
            features.append(feature)
    return features, skipped


# -- writing (exports_write.py) -----------------------------------------------------------------------------------

_IN_WRITE = ("CSV_HEADER", "RecordWriter", "csv_head", "csv_tail", "error_line", "text_chunks", "write_events",
             "write_parquet")


def __getattr__(name: str) -> Any:
    """The writers live in exports_write.py; they are still found here, where they were."""
    if name in _IN_WRITE:
        from . import exports_write

        return getattr(exports_write, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
