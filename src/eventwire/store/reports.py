"""Stored reports holding only the matching story events (jsonl exports, the reports' path of the other formats)
or event mentions; the story events' keys. Found in ``select`` too, where they were.

    story_keys(store, flt) -> list[StoryKey]                            the matches' keys, in the served order
    reports_for(store, keys) -> Iterator[Report]                        their reports, holding only them
    select_reports(store, flt, records="story") -> Iterator[Report]     reports holding the matches
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..exports import check_records
from ..schema import Report
from . import Store
from . import select as sel
from .select import BATCH, EventFilter


@dataclass(frozen=True)
class StoryKey:
    """One stored story event: its document (the store's id), its id in the report, its canonical event."""

    doc_id: str
    story_event_id: str
    canonical_id: str | None


def story_keys(store: Store, flt: EventFilter) -> list[StoryKey]:
    """The story events the filter keeps, in the served order."""
    return [StoryKey(r.doc_id, r.record["event_id"], r.canonical_id) for r in sel.stream(store, flt)]


def _only(report: Report, wanted: dict[str, str | None]) -> Report:
    """The report holding only the story events ``wanted`` (id -> canonical id) and their mentions, each marked
    with its ``canonical_id``."""
    report.story_events = [s for s in report.story_events if s.id in wanted]
    canonical_of = {}
    for s in report.story_events:
        s.canonical_id = wanted[s.id]  # type: ignore[attr-defined]
        canonical_of.update(dict.fromkeys(s.mentions, wanted[s.id]))
    report.events = [e for e in report.events if e.id in canonical_of]
    for e in report.events:
        e.canonical_id = canonical_of[e.id]  # type: ignore[attr-defined]
    return report


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
        if report is not None:
            yield _only(report, wanted)


_ALL = 1 << 40  # a LIMIT no document's story events reach


def _story_reports(store: Store, flt: EventFilter, batch: int) -> Iterator[Report]:
    """One report per document holding a match, in the order of its first match: the matches read a batch at a
    time in order, then for REPORTS_PER_QUERY of their documents at a time, each document's matches (its story
    events found by the document's key, then the filter on them), and the reports of those whose first match is in
    this batch (memory: one batch of keys and that many reports). Each document's matches are read through its
    key: a filter's own index would read every match of the filter for each document (SQLite's planner took it for a
    NOT EXISTS on earlier matches, and a query per 50 documents read the whole country-year each time; PostgreSQL's
    generic plan for a query asking for the documents' keys did the same)."""
    plan = sel._plan(store, flt)
    if plan.empty:
        return
    sel._settle(store, plan)
    arm, arm_params = plan.any_arm()
    after: str | None = None
    while True:
        keys = sel._keys(store, plan, after, batch, columns="sort_key, doc_id")
        batch_docs = list(dict.fromkeys(k["doc_id"] for k in keys))  # in the order of their first match here
        low = keys[0]["sort_key"] if keys else None
        for start in range(0, len(batch_docs), sel.REPORTS_PER_QUERY):  # a few documents a query
            docs = batch_docs[start:start + sel.REPORTS_PER_QUERY]
            marks = ", ".join("?" * len(docs))
            # the documents' story events through their key (a subquery with a LIMIT: neither database pushes the
            # filter into it, so neither reads the filter's own index instead), then the filter on them
            where, params = plan.arm_sql((arm, arm_params))
            wanted: dict[str, dict[str, str | None]] = {d: {} for d in docs}
            first: dict[str, str] = {}  # each document's first match
            for o in store.query("SELECT r.sort_key, r.doc_id, r.story_event_id, l.canonical_id FROM (SELECT * FROM "
                                 f"story_rows WHERE doc_id IN ({marks}) LIMIT ?) r LEFT JOIN event_links l "
                                 f"ON l.doc_id = r.doc_id AND l.story_event_id = r.story_event_id{where}",
                                 [*docs, _ALL, *params]):
                wanted[o["doc_id"]][o["story_event_id"]] = o["canonical_id"]
                first[o["doc_id"]] = min(first.get(o["doc_id"], o["sort_key"]), o["sort_key"])
            new = [d for d in docs if low is not None and first.get(d, "") >= low]  # not met in an earlier batch
            if not new:
                continue
            found = store.query(f"SELECT id, report FROM documents WHERE id IN ({', '.join('?' * len(new))})", new)
            stored = {r["id"]: r["report"] for r in found}
            for doc_id in new:
                if doc_id in stored:
                    yield _only(Report.from_json(stored.pop(doc_id)), wanted[doc_id])
        if len(keys) < batch:
            return
        after = keys[-1]["sort_key"]


def select_reports(store: Store, flt: EventFilter, records: str = "story", batch: int = BATCH) -> Iterator[Report]:
    """Stored reports, each holding only the matching story events (and their mentions) or, with
    ``records="mention"``, only the matching event mentions (and the story events they belong to); reports
    with none are left out. Story events: one report per document, in the order of its first match (see
    stream); mentions: in publication order. Every kept record carries the ``canonical_id`` of its story
    event's canonical event."""
    if check_records(records) == "story":
        yield from _story_reports(store, flt, batch)
        return
    links = {(r["doc_id"], r["story_event_id"]): (r["canonical_id"], r["reason"])
             for r in store.query("SELECT doc_id, story_event_id, canonical_id, reason FROM event_links")}
    sql = "SELECT id FROM documents d"
    params: list[str] = []
    if flt.source:
        sql += (" WHERE LOWER(COALESCE(source, '') || ' ' || COALESCE(site, '') || ' ' || COALESCE(url, '')) "
                "LIKE ? ESCAPE '!'")
        params.append(sel._like(flt.source))
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
