"""Event coreference within one story: which event mentions are the same event.

A story names its main incident many times ("were killed", "the fresh assault", "32 deaths",
"the campaign"); event data should count it once. Two mentions corefer when nothing they say
contradicts: the same PLOVER type, the same date where the text dates both, no two different actors in one role, no two
different places where the text ties a place to the event, and the same standing (a planned,
hypothetical or negated event is not the asserted one). Mentions are taken in text order and join
the most recently mentioned compatible cluster, whose profile gathers what its mentions say (so "32 deaths" joins
"Israeli forces killed dozens in Gaza" through the shared date and type, and a later "Hamas attack"
on the same day does not join a cluster whose attacker is the Israeli military).

    corefer(events, places, figures) -> None   (sets the extra field `same_as` on later mentions)

Not clustered: claims (ACCUSE, REQUEST, THREATEN, REJECT, SUPPORT, CONCEDE: each is its own
statement), generic mentions ("the war", "the conflict", "violence"), which name a whole
conflict rather than an incident, and events that count a running total ("over 15,000 killed
since Oct. 7"), which are not one incident.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import islice

from ..schema import Event, Figure, Place

# Claims (accusations, demands, threats, refusals, praise, concessions) are speech acts: two of them
# are two statements, even when they say the same thing.
CLAIMS = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONCEDE"}
# Modes that make an act its own kind of event: an abduction is not the shelling it happened in.
OWN_KIND = {"abduct", "sexual", "destroy", "torture", "beat", "assassinate"}
GENERIC = {"war", "wars", "conflict", "conflicts", "violence", "hostilities", "bloodshed", "insurgency"}
MAX_BACK = 256  # clusters of one type a mention looks back through
STANDING = {"asserted": "real", "reported": "real", "planned": "planned", "hypothetical": "hypothetical",
            "negated": "negated"}


@dataclass
class _Cluster:
    first: Event
    type: str
    date: str | None
    standing: str
    mode: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    place: str | None = None
    dated: bool = False  # the date comes from the text, not from the publication date
    last_end: int = 0  # where the cluster's latest mention's sentence ends
    members: list[Event] = field(default_factory=list)


def _place_key(e: Event, places: list[Place]) -> str | None:
    if not isinstance(e.place, int) or not 0 <= e.place < len(places):
        return None
    p = places[e.place]
    return str(p.geonameid) if p.geonameid else p.text.lower()


def _own_date(e: Event) -> str | None:
    """The date the text gives the mention; one that fell back to the publication date is unknown."""
    return e.date if getattr(e, "date_from", None) == "text" else None


def _fits(c: _Cluster, e: Event, place: str | None) -> bool:
    if e.type != c.type or STANDING.get(e.modality, "real") != c.standing:
        return False
    adjacent = e.evidence.start - c.last_end <= 2 if e.evidence else False  # the next sentence
    if e.date != c.date:
        # A mention the text does not date took the publication date; it may still be an earlier
        # incident taken up again right after it ("... on Monday. The shelling killed four") or
        # naming one of its actors.
        if _own_date(e) and c.dated:
            return False
        shared = (e.actor1 and e.actor1 == c.actor1) or (e.actor2 and e.actor2 == c.actor2)
        if not (adjacent or shared):
            return False
    if (e.mode and c.mode and e.mode != c.mode) or ((e.mode in OWN_KIND or c.mode in OWN_KIND) and e.mode != c.mode):
        return False
    if e.actor1 and c.actor1 and e.actor1 != c.actor1:
        return False
    # One attack may name several targets ("shelled the village ... killed four farmers") when told in one breath.
    if e.actor2 and c.actor2 and e.actor2 != c.actor2 and not adjacent:
        return False
    return not (place and c.place and place != c.place)


def corefer(events: list[Event], places: list[Place], figures: list[Figure]) -> None:
    """Mark each event mention that repeats an earlier one with ``same_as`` (the earlier id).

    Only a cluster of the same type and standing can fit; those are kept apart, each set ordered by
    latest mention, and a mention looks back through at most ``MAX_BACK`` of them (a story has a few;
    a text with thousands must not cost thousands per mention)."""
    clusters: dict[tuple[str, str], OrderedDict[int, _Cluster]] = {}
    for e in events:
        trigger = (e.trigger.text if e.trigger else "").lower()
        # a running total (a war's toll, a year's; the toll of one incident is no longer cumulative)
        running = any(0 <= i < len(figures) and figures[i].scope == "cumulative" for i in e.figures)
        if e.type in CLAIMS or trigger in GENERIC or running:
            continue
        place = _place_key(e, places)
        # The most recently mentioned compatible event: "the shelling" refers back to the last one.
        standing = STANDING.get(e.modality, "real")
        kin = clusters.setdefault((e.type, standing), OrderedDict())
        home = next((c for c in islice(reversed(kin.values()), MAX_BACK) if _fits(c, e, place)), None)
        if home is None:
            c = _Cluster(first=e, type=e.type, date=e.date, standing=standing, mode=e.mode, actor1=e.actor1,
                         actor2=e.actor2, place=place, dated=_own_date(e) is not None,
                         last_end=e.evidence.end if e.evidence else 0, members=[e])
            kin[id(c)] = c
            continue
        kin.move_to_end(id(home))  # keep clusters ordered by their latest mention
        e.same_as = home.first.id  # type: ignore[attr-defined]
        home.members.append(e)
        if _own_date(e) and not home.dated:
            home.date, home.dated = e.date, True
        home.last_end = e.evidence.end if e.evidence else home.last_end
        home.mode = home.mode or e.mode
        home.actor1 = home.actor1 or e.actor1
        home.actor2 = home.actor2 or e.actor2
        home.place = home.place or place
