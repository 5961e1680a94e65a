"""Invented multi-event dispatches for the incremental dedup tests (no NLP): random documents whose story
events crowd a few days and towns, so that reports merge, contradict and arrive out of date order.

    random_docs(rng, n) -> list[Report]
    expected_tables(store) -> what a full rebuild writes, from the stored story events
    stored_tables(store) -> what the store holds
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from eventwire.dedup import load_reports
from eventwire.dedup_cluster import CANONICAL_COLUMNS, canonical_row, cluster
from eventwire.schema import Actor, Dateline, Event, Offsets, Place, Report, Span, StoryEvent
from eventwire.store import Store

# (name, lat, lon, country, admin1, feature): three towns within 25 km of each other, one far away, a region,
# a country, a border town 20 km from the first across a frontier, and a town and a country beyond it
PLACES = [
    ("Kassala", 15.451, 36.400, "SDN", "Kassala", "city"),
    ("Wad Sharifey", 15.520, 36.480, "SDN", "Kassala", "city"),
    ("Aroma", 15.600, 36.350, "SDN", "Kassala", "city"),
    ("Gedaref", 14.035, 35.383, "SDN", "Al Qadarif", "city"),
    ("Kassala State", 15.600, 36.000, "SDN", "Kassala", "region"),
    ("Sudan", 15.000, 30.000, "SDN", None, "country"),
    ("Teseney", 15.400, 36.550, "ERI", "Gash-Barka", "city"),
    ("Asmara", 15.339, 38.931, "ERI", "Maekel", "city"),
    ("Eritrea", 15.200, 39.000, "ERI", None, "country"),
]
# (id, name, type): named armed groups and forces, kinds of actors ("gunmen"), and targets
ACTORS = [
    ("eastern-front", "Eastern Front", "armed_group"),
    ("beja-congress", "Beja Congress", "armed_group"),
    ("sudan-military", "Sudanese Army", "military"),
    ("sudan-police", "Sudanese Police", "military"),
    ("gunmen", "gunmen", "armed_group"),
    ("traders", "Traders", "population"),
    ("residents", "residents", "population"),
]
TYPES = ["ASSAULT", "ASSAULT", "ASSAULT", "PROTEST", "COERCE"]
MODES = [None, None, "firearms", "shelling", "abduction"]
OUTLETS = ["Sahel Wire", "Kassala Post", "Red Sea Courier", None]


def make_doc(i: int, published: str | None, events: list[dict[str, Any]], outlet: str | None = None) -> Report:
    """A dispatch of one sentence per event; each event: type, date, place (index), actor1/actor2 (indices),
    mode, fatalities, injured, modality."""
    text, places, actors, mentions, stories = f"Dispatch {i}.", [], {}, [], []
    for n, e in enumerate(events, 1):
        a1 = ACTORS[e["actor1"]] if e.get("actor1") is not None else None
        a2 = ACTORS[e["actor2"]] if e.get("actor2") is not None else None
        for a in (a1, a2):
            if a is not None:
                actors[a[0]] = Actor(id=a[0], name=a[1], type=a[2])  # type: ignore[arg-type]
        start = len(text) + 1
        sentence = f"{a1[1] if a1 else 'Someone'} attacked {a2[1] if a2 else 'a post'}"
        place = None
        if e.get("place") is not None:
            name, lat, lon, country, admin1, feature = PLACES[e["place"]]
            sentence += " in "
            p0 = start + len(sentence)
            sentence += name
            places.append(Place(start=p0, end=p0 + len(name), text=name, name=name, lat=lat, lon=lon,
                                country=country, admin1=admin1, feature=feature))  # type: ignore[arg-type]
            place = len(places) - 1
        sentence += f", report {n}."
        text += " " + sentence
        trigger = Span(start=text.index("attacked", start), end=text.index("attacked", start) + 8, text="attacked")
        fields = dict(type=e["type"], mode=e.get("mode"), actor1=a1[0] if a1 else None, actor2=a2[0] if a2 else None,
                      place=place, date=e.get("date"), modality=e.get("modality", "asserted"), trigger=trigger,
                      evidence=Offsets(start=start, end=len(text)))
        mentions.append(Event(id=f"e{n}", **fields))  # type: ignore[arg-type]
        stories.append(StoryEvent(id=f"s{n}", **fields, place_precision="attached" if place is not None else None,
                                  date_from="mention" if e.get("date") else None, fatalities=e.get("fatalities"),
                                  injured=e.get("injured"), mentions=[f"e{n}"]))  # type: ignore[arg-type]
    return Report(id=f"d{i}", text=text, published=published, places=places, actors=list(actors.values()),
                  events=mentions, story_events=stories, site="news.test" if outlet is None else None,
                  dateline=Dateline(start=0, end=0, text="", agency=outlet) if outlet else None)


def random_docs(rng: random.Random, n: int, start: str = "2024-06-01", spread: int = 6) -> list[Report]:
    """n dispatches of 1-3 story events each, over `spread` days from `start`."""
    day0 = dt.date.fromisoformat(start)
    docs = []
    for i in range(n):
        events = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            day = day0 + dt.timedelta(days=rng.randrange(spread))
            events.append({
                "type": rng.choice(TYPES), "mode": rng.choice(MODES),
                "date": None if rng.random() < 0.05 else day.isoformat(),
                "place": None if rng.random() < 0.15 else rng.randrange(len(PLACES)),
                "actor1": None if rng.random() < 0.2 else rng.randrange(len(ACTORS)),
                "actor2": None if rng.random() < 0.5 else rng.randrange(len(ACTORS)),
                "fatalities": None if rng.random() < 0.4 else rng.randrange(1, 30),
                "injured": None if rng.random() < 0.6 else rng.randrange(1, 30),
                "modality": "negated" if rng.random() < 0.05 else rng.choice(["asserted", "asserted", "reported"]),
            })
        first = min((e["date"] for e in events if e["date"]), default=start)
        published = None if rng.random() < 0.1 else (
            dt.date.fromisoformat(first) + dt.timedelta(days=rng.randrange(3))).isoformat()
        docs.append(make_doc(i, published, events, rng.choice(OUTLETS)))
    return docs


def expected_tables(store: Store) -> tuple[set[tuple], set[tuple]]:
    """The canonical_events and event_links rows a full rebuild writes for the stored story events (scanning
    every open event, so that the blocking index is checked too)."""
    canon = cluster(load_reports(store), blocking=False)  # a scan of every open event: no index to trust
    events = {canonical_row(c) for c in canon}
    links = {(r.doc_id, r.event_id, c.id, why) for c in canon for r, why in c.reports}
    return events, links


def stored_tables(store: Store) -> tuple[set[tuple], set[tuple]]:
    events = {tuple(r[c] for c in CANONICAL_COLUMNS) for r in store.query("SELECT * FROM canonical_events")}
    links = {(r["doc_id"], r["story_event_id"], r["canonical_id"], r["reason"])
             for r in store.query("SELECT * FROM event_links")}
    return events, links
