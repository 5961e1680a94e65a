"""A report as rows of the store's tables (see migrations.py), keyed by the document's id."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..exports import event_extra, event_place, story_place
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
    return rows


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
