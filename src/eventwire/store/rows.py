"""A report as rows of the store's tables (see migrations.py), keyed by the document's id."""

from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Any

from ..exports import STORED_FIELDS, csv_head, event_extra, event_place, event_records, story_place
from ..schema import Report


def document_id(text: str) -> str:
    """The id of a document in the store: the SHA-256 of its text (32 hex digits). The same article
    ingested twice, from any file, is one document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None


def report_rows(report: Report, doc_id: str, *, source: str | None, ingested_at: str) -> dict[str, list[tuple]]:
    """Rows for every document table, in DOCUMENT_TABLES order."""
    rows: dict[str, list[tuple]] = {}
    rows["documents"] = [(doc_id, report.id, source, report.url, report.site, report.title, report.published,
                          report.text, report.to_json(), report.schema_version, ingested_at)]
    rows["places"] = [(doc_id, i, p.start, p.end, p.text, p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1,
                       p.feature) for i, p in enumerate(report.places)]
    rows["times"] = [(doc_id, i, t.start, t.end, t.text, t.type, t.value, t.mod) for i, t in enumerate(report.times)]
    rows["actors"] = [(doc_id, a.id, a.name, a.type, a.country, _json(a.attributes)) for a in report.actors]
    rows["actor_mentions"] = [(doc_id, a.id, i, m.start, m.end, m.text)
                              for a in report.actors for i, m in enumerate(a.mentions)]
    rows["quotes"] = [(doc_id, i, q.start, q.end, q.text, q.kind, q.speaker, q.speaker_text, q.speaker_start,
                       q.speaker_end, q.cue) for i, q in enumerate(report.quotes)]
    rows["figures"] = [(doc_id, i, f.start, f.end, f.text, f.category, f.value, f.low, f.high, f.qualifier, f.who,
                        f.scope, f.since, f.reported_by, f.place, f.date) for i, f in enumerate(report.figures)]
    rows["events"] = []
    rows["event_figures"] = []
    for e in report.events:
        p = event_place(report, e)
        place_idx = e.place if e.place is not None else event_extra(e, "place_guess")
        rows["events"].append((
            doc_id, e.id, e.type, e.mode, e.actor1, e.actor2, place_idx,
            event_extra(e, "place_precision") if p else None, p.name or p.text if p else None,
            p.lat if p else None, p.lon if p else None, p.country if p else None,
            e.date, event_extra(e, "date_from"), e.modality, e.reported_by,
            e.acled.event_type if e.acled else None, e.acled.sub_event_type if e.acled else None,
            e.trigger.start if e.trigger else None, e.trigger.end if e.trigger else None,
            e.trigger.text if e.trigger else None,
            e.evidence.start if e.evidence else None, e.evidence.end if e.evidence else None,
            e.confidence, 1 if event_extra(e, "main") else 0, event_extra(e, "same_as"),
            event_extra(e, "content_type")))
        rows["event_figures"] += [(doc_id, e.id, i) for i in sorted(set(e.figures)) if 0 <= i < len(report.figures)]
    rows["story_events"] = story_event_rows(report, doc_id)
    rows.update(serving_rows(report, doc_id, source))
    return rows


UNKNOWN_EXTRACTION = "unknown"  # a report that carries no provenance (made by hand, or stored before it existed)


def extraction_of(report: Report) -> str:
    """The id of the extraction that made `report` (its provenance's extraction_id), or 'unknown'."""
    return report.provenance.extraction_id if report.provenance is not None else UNKNOWN_EXTRACTION


def story_event_rows(report: Report, doc_id: str) -> list[tuple]:
    """The ``story_events`` rows of a report: one per story event, its place's fields copied in."""
    rows = []
    for s in report.story_events:
        p = story_place(report, s)
        rows.append((
            doc_id, s.id, s.type, s.mode, s.actor1, s.actor2, s.place if p else None,
            s.place_precision if p else None, (p.name or p.text) if p else None,
            p.lat if p else None, p.lon if p else None, p.country if p else None, p.admin1 if p else None,
            p.feature if p else None, s.date, s.date_from, s.fatalities, s.injured, s.modality, s.reported_by,
            s.acled.event_type if s.acled else None, s.acled.sub_event_type if s.acled else None,
            s.trigger.start if s.trigger else None, s.trigger.end if s.trigger else None,
            s.trigger.text if s.trigger else None,
            s.evidence.start if s.evidence else None, s.evidence.end if s.evidence else None,
            s.confidence, json.dumps(list(s.mentions)),
            json.dumps(sorted({i for i in s.figures if 0 <= i < len(report.figures)}))))
    return rows


# -- the served rows (migration 4): what GET /events and the exports read ----------------------------------------

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
UNDATED = "99999999"  # an undated story event's day in its sort key: after every dated one


def sort_key(date: str | None, doc_id: str, story_event_id: str) -> str:
    """The order story events are served in: the event's day, then the document, then the story event's order in
    it (``s2`` before ``s10``); undated ones last. Digits and lower-case hex at fixed widths (then the story
    event's id, which ties nothing but a malformed id), so every collation orders it as bytes do."""
    day = date[:10].replace("-", "") if date and _DAY.match(date) else UNDATED
    tail = story_event_id[1:]
    order = min(int(tail), 999_999) if tail.isdigit() else 0
    return f"{day}{doc_id}{order:06d}{story_event_id}"


def cell(lat: float | None, lon: float | None) -> int | None:
    """The 1-degree grid cell of a point (bbox filters look only at the cells the box covers)."""
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    row = math.floor(min(max(lat, -90.0), 90.0)) + 90
    column = math.floor(min(max(lon, -180.0), 180.0)) + 180
    return row * 361 + column


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def serving_rows(report: Report, doc_id: str, source: str | None) -> dict[str, list[tuple]]:
    """The ``story_rows``, ``story_records``, ``document_sources`` and ``story_lines`` rows of a stored report."""
    actors = _first_actors(report)
    story_rows, story_records, story_lines = [], [], []
    for s, rec in zip(report.story_events, event_records(report, "story"), strict=True):
        a1, a2 = actors.get(s.actor1 or ""), actors.get(s.actor2 or "")
        key = sort_key(s.date, doc_id, s.id)
        story_rows.append((
            doc_id, s.id, key, s.type, _upper(rec["place_country"]),
            rec["place_lat"], rec["place_lon"], cell(rec["place_lat"], rec["place_lon"]), s.actor1, s.actor2,
            _lower(a1.name) if a1 else None, _lower(a2.name) if a2 else None,
            _lower(rec["acled_event_type"]), _lower(rec["acled_sub_event_type"])))
        values = [rec[f] for f in STORED_FIELDS]
        story_records.append((doc_id, s.id, json.dumps(values, ensure_ascii=False, separators=(",", ":"))))
        story_lines.append((key, doc_id, s.id, csv_head(values)))
    searched = " ".join(x or "" for x in (source, report.site, report.url)).lower()
    return {"story_rows": story_rows, "story_records": story_records, "document_sources": [(doc_id, searched)],
            "story_lines": story_lines}


def _first_actors(report: Report) -> dict[str, Any]:
    """The report's actors by id; of two with one id, the first (as the ``actors`` table keeps it)."""
    actors: dict[str, Any] = {}
    for a in report.actors:
        actors.setdefault(a.id, a)
    return actors


def _upper(value: str | None) -> str | None:
    return value.upper() if value is not None else None


def actor_name_rows(report: Report) -> set[tuple[str, str]]:
    """(actor id, its name in this report, lower-cased; '' without one) of every actor1 and actor2 of the report's
    story events: the ``actor_names`` look-up, where an ``actor=`` filter finds the ids it means."""
    actors = _first_actors(report)
    found = set()
    for s in report.story_events:
        for actor_id in (s.actor1, s.actor2):
            if actor_id:
                actor = actors.get(actor_id)
                found.add((actor_id, (actor.name or "").lower() if actor else ""))
    return found
