"""Which story events of an article are its reports for the dedup, and where they are (dedup.load_reports).

A story event is no report when it is dated after its article (a real event is not reported before it
happens) or when it is an earlier incident the article recalls after its lead. A report the story stage
placed only at its country takes the first finer place of that country its article names (``stand_in``).
Each is derived from the report's own document alone, as the clustering machinery assumes (dedup.py).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .store import Store

if TYPE_CHECKING:
    from .dedup import EventReport


def stand_in(store: Store, reports: list[EventReport]) -> None:
    """Give a report placed only at its country the first finer place of that country its article names: not
    a dateline (where the story was filed) nor the capital (where officials speak). It fits as a fine place
    but never vouches for another such place (dedup.judge); `given` keeps the story stage's place."""
    wanted = sorted({r.doc_id for r in reports if r.feature == "country" and not r.borrowed and r.country})
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        texts = {row["id"]: row["head"] for row in store.query(
            f"SELECT id, substr(text, 1, 100) AS head FROM documents WHERE id IN ({marks})", chunk)}
        for row in store.query(
                "SELECT doc_id, start_char, text, name, lat, lon, country, admin1, feature FROM places "
                "WHERE lat IS NOT NULL AND country IS NOT NULL AND feature IS NOT NULL "
                "AND feature NOT IN ('country', 'water') "
                f"AND doc_id IN ({marks}) ORDER BY doc_id, start_char", chunk):
            if row["start_char"] < 100 and _opens(texts.get(row["doc_id"], ""), row["start_char"]):
                continue  # a dateline: where the story was filed
            if _is_capital(row["country"], row["lat"], row["lon"]):
                continue  # where officials speak and outlets file from, not where it happened
            first.setdefault((row["doc_id"], row["country"]), row)
    for r in reports:
        p = first.get((r.doc_id, r.country or "")) if r.feature == "country" and not r.borrowed else None
        if p is not None:
            r.given = (r.lat, r.lon, r.place_name)
            r.lat, r.lon, r.admin1, r.feature, r.place_name = p["lat"], p["lon"], p["admin1"], p["feature"], p["name"]
            r.stand_in = True


def _opens(head: str, start: int) -> bool:
    """Whether a place begins the text before any lower-case word: a dateline ("ABUJA, Nigeria (Reuters) -",
    "Port-au-Prince, Haiti —")."""
    return not any(w[:1].islower() for w in head[:start].split())


@lru_cache(maxsize=1 << 10)
def _capital(country: str) -> tuple[float, float] | None:
    from .gazetteer import open_for_process

    found = open_for_process().capital(country)
    return (found.lat, found.lon) if found is not None and found.lat is not None else None


def _is_capital(country: str, lat: float, lon: float) -> bool:
    """Whether a place is its country's capital (within a few km of where the gazetteer puts it)."""
    at = _capital(country)
    return at is not None and _km(at[0], at[1], lat, lon) <= 5.0  # type: ignore[arg-type]


def after_publication(day: dt.date, published: str | None) -> bool:
    """Whether a day lies over a day after the article's publication (a day of slack for time zones)."""
    try:
        return published is not None and (day - dt.date.fromisoformat(published[:10])).days > 1
    except ValueError:
        return False


def mark_recalled(reports: list[EventReport]) -> None:
    """"... only a week after a massacre left 115 dead", "where more than 100 people were killed last
    Thursday": an article leads with its news; an incident of the same type that it tells later and dates
    before its lead is one it recalls (background), not one it reports. It brings no new source and its
    details are the background's (a vague day, a rounded toll); linked, it joins the article to every report
    of that older incident. Such a report is left out (a report of its own elsewhere carries the incident)."""
    by_doc: dict[tuple[str, str], list[EventReport]] = {}
    for r in reports:
        by_doc.setdefault((r.doc_id, r.type), []).append(r)
    for group in by_doc.values():
        group.sort(key=lambda x: (_event_number(x.event_id), x.event_id))
        lead = group[0]
        for r in group[1:]:
            if r.day < lead.day:
                r.recalled = True


def mark_taken(reports: list[EventReport]) -> None:
    """A hijacking or a raid that takes hostages is one incident told as an attack and an abduction ("gunmen
    opened fire on the train ... took the passengers hostage"); the story stage may keep the two acts apart.
    A report whose article tells, in another report of the same type and day, of people taken tells of people
    taken too: an abduction stays apart only from reports whose articles tell of no one taken (dedup
    ._modes_apart)."""
    taken = {(r.doc_id, r.type, r.day) for r in reports if r.taken}
    for r in reports:
        if not r.taken and (r.doc_id, r.type, r.day) in taken:
            r.taken = True


def _event_number(event_id: str) -> int:
    return int(event_id[1:]) if event_id[1:].isdigit() else 0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from .dedup import km_between

    return km_between(lat1, lon1, lat2, lon2)
