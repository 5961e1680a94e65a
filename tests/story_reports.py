"""Hand-made reports with story events, shared by the export, store and API tests (no NLP).

All texts are our own. ``make_story_report`` is one dispatch with three mentions of one attack (s1),
a march (s2), hypothetical talks (s3) and a denied shooting (s4); ``incident_report`` a short
article with one story event, for the dedup.
"""

from __future__ import annotations

from eventwire.schema import (
    Acled,
    Actor,
    Dateline,
    Event,
    Figure,
    Mention,
    Offsets,
    Place,
    Report,
    Span,
    StoryEvent,
)

S_ATTACK = ("Gunmen of the Eastern Front stormed a police post in Kassala on Monday, killing seven officers and "
            "wounding 11.")
S_TOLL = "The attack, the second on the town this month, left five of the dead unidentified, a hospital official said."
S_MARCH = "Hundreds of traders marched in Gedaref on Tuesday to demand better protection."
S_TALKS = "Officials may hold talks with the group next week."
S_DENIAL = "The governor denied that soldiers had fired on the crowd."
STORY_TEXT = f"KASSALA, June 4 (Sahel Wire) - {S_ATTACK} {S_TOLL} {S_MARCH} {S_TALKS} {S_DENIAL}"


def _at(sub, start_at=0):
    i = STORY_TEXT.index(sub, start_at)
    return i, i + len(sub)


def _trigger(sub, sentence):
    start, end = _at(sub, STORY_TEXT.index(sentence))
    return Span(start=start, end=end, text=sub)


def _ev(sentence):
    start, end = _at(sentence)
    return Offsets(start=start, end=end)


def make_story_report(report_id: str = "sw-1") -> Report:
    """Three mentions of one attack (s1), a march (s2), hypothetical talks (s3), a denied shooting (s4)."""
    k0, k1 = _at("Kassala", 30)
    g0, g1 = _at("Gedaref")
    places = [
        Place(start=k0, end=k1, text="Kassala", name="Kassala", geonameid=366847, lat=15.451, lon=36.400,
              country="SDN", admin1="Kassala", feature="city"),
        Place(start=g0, end=g1, text="Gedaref", name="Al Qadarif", geonameid=370481, lat=14.035, lon=35.383,
              country="SDN", admin1="Al Qadarif", feature="city"),
    ]
    m0, m1 = _at("Gunmen of the Eastern Front")
    actors = [
        Actor(id="eastern-front", name="Eastern Front", type="armed_group", country="SDN",
              mentions=[Mention(start=m0, end=m1, text="Gunmen of the Eastern Front")]),
        Actor(id="sudan-police", name="Sudanese Police", type="military", country="SDN"),
        Actor(id="traders", name="Traders", type="population"),
        Actor(id="hospital-official", name="hospital official", type="person"),
    ]
    s0, s1 = _at("seven officers")
    w0, w1 = _at("11", s1)
    f0, f1 = _at("five of the dead")
    figures = [
        Figure(start=s0, end=s1, text="seven officers", category="killed", value=7),
        Figure(start=w0, end=w1, text="11", category="injured", value=11),
        Figure(start=f0, end=f1, text="five of the dead", category="killed", value=5),
        Figure(start=0, end=0, text="", category="abducted", value=3),
        Figure(start=0, end=0, text="", category="abducted", value=2),
    ]
    attack = Acled(event_type="Battles", sub_event_type="Armed clash")
    events = [
        Event(id="e1", type="ASSAULT", mode="firearms", actor1="eastern-front", actor2="sudan-police", place=0,
              date="2024-06-03", figures=[0, 1], acled=attack, trigger=_trigger("stormed", S_ATTACK),
              evidence=_ev(S_ATTACK)),
        Event(id="e2", type="ASSAULT", figures=[0], trigger=_trigger("killing", S_ATTACK), evidence=_ev(S_ATTACK)),
        Event(id="e3", type="ASSAULT", figures=[2, 3, 4], modality="reported", reported_by="hospital-official",
              trigger=_trigger("attack", S_TOLL), evidence=_ev(S_TOLL)),
        Event(id="e4", type="PROTEST", mode="demonstrate", actor1="traders", place_guess=1,
              place_precision="sentence", date="2024-06-04", trigger=_trigger("marched", S_MARCH),
              evidence=_ev(S_MARCH)),
        Event(id="e5", type="CONSULT", modality="hypothetical", trigger=_trigger("talks", S_TALKS),
              evidence=_ev(S_TALKS)),
        Event(id="e6", type="ASSAULT", modality="negated", trigger=_trigger("fired", S_DENIAL),
              evidence=_ev(S_DENIAL)),
    ]
    story_events = [
        StoryEvent(id="s1", type="ASSAULT", mode="firearms", actor1="eastern-front", actor2="sudan-police", place=0,
                   place_precision="attached", date="2024-06-03", date_from="mention", figures=[0, 1, 2, 3, 4],
                   fatalities=7, injured=11, modality="asserted", acled=attack, mentions=["e1", "e2", "e3"],
                   trigger=_trigger("stormed", S_ATTACK), evidence=_ev(S_ATTACK), confidence=0.9),
        StoryEvent(id="s2", type="PROTEST", mode="demonstrate", actor1="traders", place=1, place_precision="sentence",
                   date="2024-06-04", date_from="mention", modality="asserted",
                   acled=Acled(event_type="Protests", sub_event_type="Peaceful protest"), mentions=["e4"],
                   trigger=_trigger("marched", S_MARCH), evidence=_ev(S_MARCH)),
        StoryEvent(id="s3", type="CONSULT", modality="hypothetical", mentions=["e5"],
                   trigger=_trigger("talks", S_TALKS), evidence=_ev(S_TALKS)),
        StoryEvent(id="s4", type="ASSAULT", place=0, place_precision="story", modality="negated",
                   acled=Acled(event_type="Violence against civilians", sub_event_type="Attack"), mentions=["e6"],
                   trigger=_trigger("fired", S_DENIAL), evidence=_ev(S_DENIAL)),
    ]
    return Report(id=report_id, text=STORY_TEXT, published="2024-06-04", title="Attack in Kassala",
                  url="https://x.test/kassala", dateline=Dateline(start=0, end=28, text=STORY_TEXT[:28],
                                                                   agency="Sahel Wire"),
                  places=places, actors=actors, figures=figures, events=events, story_events=story_events)


def incident_report(report_id: str, text: str, *, place: tuple[str, float, float, str, str] | None, date: str | None,
                    type: str = "ASSAULT", actor1: tuple[str, str, str] | None = None, trigger: str = "attacked",
                    fatalities: int | None = None, published: str | None = None,
                    modality: str = "asserted") -> Report:
    """A one-event article: its story event (s1, one mention e1) at ``place`` (name, lat, lon, country,
    admin1; a city the text ties to the event) on ``date``, by ``actor1`` (id, name, type)."""
    places = []
    if place is not None:
        name, lat, lon, country, admin1 = place
        start = text.index(name)
        places.append(Place(start=start, end=start + len(name), text=name, name=name, lat=lat, lon=lon,
                            country=country, admin1=admin1, feature="city"))
    actors = [Actor(id=actor1[0], name=actor1[1], type=actor1[2])] if actor1 else []  # type: ignore[arg-type]
    t0 = text.index(trigger)
    span = Span(start=t0, end=t0 + len(trigger), text=trigger)
    evidence = Offsets(start=0, end=len(text))
    figures = [Figure(start=0, end=0, text="", category="killed", value=fatalities)] if fatalities else []
    fields = dict(type=type, actor1=actor1[0] if actor1 else None, place=0 if places else None, date=date,
                  figures=[0] if figures else [], modality=modality, trigger=span, evidence=evidence)
    return Report(
        id=report_id, text=text, published=published or date, places=places, actors=actors, figures=figures,
        events=[Event(id="e1", **fields)],  # type: ignore[arg-type]
        story_events=[StoryEvent(id="s1", **fields, place_precision="attached" if places else None,  # type: ignore[arg-type]
                                 date_from="mention" if date else None, fatalities=fatalities, mentions=["e1"])])
