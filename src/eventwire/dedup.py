"""Cross-article dedup: the reports of one real-world event become one canonical event.

Counting reports instead of events is the failure automated event data is known for (GDELT logged
hundreds of "kidnappings" for the one 2014 Chibok abduction). An article's report of an event is
one of its story events (``Report.story_events``, the ``story_events`` table): the story stage has
already joined the article's mentions of one event and resolved its actors, place and date from all
of them, so each article brings at most one report per real event. Two reports are merged when:

* they have the same PLOVER type;
* their dates are at most ``days`` apart (default 1);
* their places are at most ``km`` apart (default 25), or in the same first-level admin area of the
  same country, or (when one is a region, measured from its centre) in the same country within 150 km;
  a country (or sea) is no point to measure from, nor is the story's place that a second event of an
  article borrowed from its main one: it only has to be the same country, and, like a report with no
  place, the two must name the same actor1 (a finer place beside it still has to fit); two towns beyond
  ``km`` on two days are two events (outlets disagree on the day or on the town, seldom on both);
* their actors do not contradict: two named actors (a state, force, group, party, body or person)
  in the same role must be one (``one_actor``: a state and its arms, a group and its branch, an id
  and its initials, two forces of one state); state forces and a non-state armed group in the same
  role are two sides even unnamed ("government troops" / "rebel fighters"), and so are the victims of
  an attack or a detention (an army camp attacked is not a market) unless a report tells of victims of
  both sides ("soldiers and civilians"; "40 people", or civilians of a report that tells of no one harmed, are
  no side); kinds of actors ("rebels",
  "gunmen") and targets written as common nouns ("the market", "people", "civilians") are how each
  outlet words them and never contradict;
* the side an attack or a detention was done to is not the doer now (police firing on protesters, then
  protesters torching parliament: both directions are two events);
* their modes do not contradict: the weapon is worded differently by each outlet ("drone strike",
  "shelling", "explosion"), but a shooting is not a bombing unless one report tells of both, tear gas
  at a crowd is no bombing (it may be the shooting of one crackdown), a sexual
  assault is an act of its own kind, and an abduction joins only reports that tell of people taken (an
  attack whose article tells of people taken that day does: a hijacking is both);
* both happened (asserted or reported), both have a day (a story event the text gives no day has
  none), and neither is a generic mention ("the war"); running totals since a date are not story
  events at all (the story stage leaves them out). A story event dated after its article, or an earlier
  incident the article recalls after its lead ("a week after a massacre in ..."), is no report; a report
  the story stage placed only at its country takes the first finer place of it that its article names (not
  a dateline nor the capital), which fits as a place but never vouches for another such place
  (dedup_reports.py).

Two story events of one article are never merged (the story stage decided they are two events).
Each report joins the compatible canonical event it fits best (the nearest in place, then in date);
why it was merged is kept in ``event_links.reason`` (one row per story event) and shown by
``eventwire explain``.

    deduplicate(store, km=25, days=1) -> number of canonical events   (rebuilds both tables)
    update(store, doc_ids=None, km=25, days=1) -> UpdateStats        (incremental; the same tables)
    (both refuse a store of several extractions, MixedExtractions, unless allow_mixed=True)
    explain(store, canonical_id) -> text
    refusal(canonical, report) -> the rule that keeps them apart, or None

The clustering machinery (dedup_cluster.py: the greedy order, the window and its blocking index, the
tables) is shared by the rebuild and the incremental update (dedup_update.py). It assumes that `match`
is a pure function of a canonical event's reports (in order) and the report, that `load_reports` derives
a report from its own document alone, and the blocking invariant (dedup_cluster.Window).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from .events.coref import GENERIC
from .store import Store

REAL = ("asserted", "reported")
COARSE = {"country", "water"}  # no point to measure from
TOWNS_APART_KM = 75.0  # two towns each report attaches its act to, further apart than this, are two places
REGION_KM = 150.0  # how far a town may lie from the centre of the region named for the same event
# Acts done to someone, whose second actor is the victim: an army camp attacked is not a market. In other
# acts (a withdrawal, a march) the second actor is whom the act concerns, and outlets name it loosely.
DONE_TO = {"ASSAULT", "COERCE"}
FIGHTING = {"state", "military", "police", "intelligence", "armed_group"}  # types whose doers contradict (judge)
MODE_APART = {"sexual"}  # an act of its own kind; an abduction is kept apart by what the reports tell (_modes_apart)
# How the harm was done, as far apart as outlets never word one attack: shot, or blown up / struck from afar.
# ("A drone strike", "shelling", "an explosion" are one family: outlets word the one weapon differently.)
WEAPONS = {"firearms": "shot", "explosives": "blast", "suicide-attack": "blast", "aerial": "blast",
           "tear gas": "crowd", "water cannon": "crowd", "disperse": "crowd"}
# Crowd control and shooting are often one crackdown told two ways ("fired tear gas", "shot dead three"): only
# other pairs of weapons keep reports apart (tear gas at a march is no market bombing).
ONE_CRACKDOWN = {"crowd", "shot"}


@dataclass
class EventReport:
    """One article's report of an event (one of its story events), as dedup sees it."""

    doc_id: str
    event_id: str  # the story event's id in its report (s1, s2, ...)
    type: str
    mode: str | None
    actor1: str | None
    actor2: str | None
    date: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    place_name: str | None
    published: str | None
    mentions: list[str] = field(default_factory=list)  # the story event's mention ids (Report.events)
    named: set[str] = field(default_factory=set)  # which of actor1 / actor2 are named actors
    feature: str | None = None  # the place's kind: a country or region is no point to measure from
    sides: dict[str, str] = field(default_factory=dict)  # role -> "state" | "nonstate", from the actor's type
    names: dict[str, str] = field(default_factory=dict)  # role -> the actor's name in its report
    countries: dict[str, str] = field(default_factory=dict)  # role -> the actor's country (ISO 3166 alpha-3)
    precision: str | None = None  # how the story stage found the place: attached, sentence, story, dateline
    taken: bool = False  # the report tells of people abducted (an abduction among its mentions or figures)
    modes: set[str] = field(default_factory=set)  # the modes of its mentions ("explosives", "firearms", ...)
    borrowed: bool = False  # its place is the story's, which another event of its article took place at
    kinds: dict[str, str] = field(default_factory=dict)  # role -> the actor's type (state, military, person, ...)
    fatalities: int | None = None
    injured: int | None = None
    # The sides of its victims, from its own second actor and its mentions' ("killing nine soldiers and three
    # civilians"); "people" alone is no side. None: the second actor's side (a report built by hand).
    victims: set[str] | None = None
    # Its place is the first finer place of its country that its article names, standing in for the country
    # the story stage gave it ("in northwestern Nigeria" ... "Kuriga, a town in Kaduna State"): it fits as a fine
    # place, but two stand-ins never vouch for each other. `given` keeps the story stage's place.
    stand_in: bool = False
    given: tuple[float | None, float | None, str | None] | None = None
    recalled: bool = False  # an earlier incident its article recalls after its lead (load_reports leaves it out)

    @property
    def victim_sides(self) -> set[str]:
        found = self.victims if self.victims is not None else (
            {self.sides["actor2"]} if "actor2" in self.sides else set())
        # Civilians are a side only when the report tells of harm: "residents were told to stay away", "the
        # villagers fled" name people near an attack, not its victims (an army camp attacked is not a market
        # raided, but the market's report tells of its dead).
        if "civilian" in found and not (self.fatalities or self.injured):
            return found - {"civilian"}
        return found

    @property
    def coarse(self) -> bool:
        """No point to measure from: a country or sea, or a place borrowed from another event."""
        return self.feature in COARSE or self.borrowed

    @cached_property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date[:10])


@dataclass
class Canonical:
    id: str
    reports: list[tuple[EventReport, str]]  # each with the reason it was merged
    # the articles of its reports, rebuilt when reports were added (they are only ever appended)
    _docs: set[str] = field(default_factory=set, repr=False, compare=False)
    _docs_n: int = field(default=0, repr=False, compare=False)
    _placed: tuple[list[EventReport], list[EventReport], str | None] = field(
        default=([], [], None), repr=False, compare=False)

    @property
    def first(self) -> EventReport:
        return self.reports[0][0]

    def has_doc(self, doc_id: str) -> bool:
        """Whether a report of article `doc_id` is here (a set kept in step with `reports`)."""
        self._refresh()
        return doc_id in self._docs

    def placed(self) -> tuple[list[EventReport], list[EventReport], str | None]:
        """Its reports with coordinates, those of them at a fine place, and the first country they give."""
        self._refresh()
        return self._placed

    def _refresh(self) -> None:
        n = len(self.reports)
        if self._docs_n == n:
            return
        if 0 < self._docs_n < n:  # reports were appended: only they are looked at
            start, (placed, fine, country) = self._docs_n, self._placed
        else:
            start, placed, fine, country = 0, [], [], None
            self._docs = set()
        for x, _ in self.reports[start:]:
            self._docs.add(x.doc_id)
            if x.lat is not None:
                placed.append(x)
                if not x.coarse:
                    fine.append(x)
                if country is None and x.country:
                    country = x.country
        self._placed, self._docs_n = (placed, fine, country), n

    def value(self, name: str) -> Any:
        """The first report's value of a field that any report gives."""
        return next((getattr(r, name) for r, _ in self.reports if getattr(r, name) is not None), None)


# km in a degree of latitude, a little less than on the mean sphere (111.195): a difference of latitude times this
# is never more than km_between gives, rounding included
KM_PER_DEGREE_LAT = 111.19


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def match(c: Canonical, r: EventReport, km: float, days: int, *, explain: bool = True) -> tuple[float, str] | None:
    """(distance score, reason) when report `r` may join `c`; None when something contradicts. Without
    `explain` the reason is left empty and places far apart are refused first: the same answer, faster
    (the clustering asks for the reason of the best fit only)."""
    if not explain and _places_refuse(c, r, km):
        return None
    found = judge(c, r, km, days, explain)
    return None if isinstance(found, str) else found


def _places_refuse(c: Canonical, r: EventReport, km: float) -> bool:
    """Whether `judge` refuses `r` for its place alone (another country, a fine place out of reach): every
    check before the place's in `judge` refuses or goes on, so the place's refusal is the answer whatever
    they say."""
    if r.lat is None:
        return False
    placed, fine, country = c.placed()
    if not placed:
        return False
    if r.country and country and r.country != country:
        return True
    if r.coarse:
        return False
    for x in fine:  # `_near` and the two-days rule of `judge`, one distance each
        region = "region" in (x.feature, r.feature)
        # two places are at least their difference of latitude apart: beyond `km` (and a region's width, when a
        # region is there) that settles what the distance would, without measuring it
        low = abs(x.lat - r.lat) * KM_PER_DEGREE_LAT  # type: ignore[operator]
        if low > km and (not region or low > REGION_KM):
            d = math.inf
        else:
            d = km_between(x.lat, x.lon, r.lat, r.lon)  # type: ignore[arg-type]
            if d <= km:
                continue
        if not ((r.admin1 and r.admin1 == x.admin1 and r.country == x.country)
                or (region and r.country == x.country and d <= REGION_KM)):
            return True
        if x.day != r.day and not (region and bool(r.admin1) and r.admin1 == x.admin1):
            return True
    return False


def refusal(c: Canonical, r: EventReport, km: float = 25.0, days: int = 1) -> str | None:
    """Why report `r` may not join `c` (the first rule that keeps them apart); None when it may."""
    found = judge(c, r, km, days)
    return found if isinstance(found, str) else None


def judge(c: Canonical, r: EventReport, km: float, days: int, explain: bool = True) -> tuple[float, str] | str:
    """(distance score, reason) when report `r` may join `c`, else the reason it may not (without
    `explain`, the reason of a fit is left empty)."""
    first = c.first
    if r.type != first.type:
        return f"types {first.type} / {r.type}"
    gap = abs((r.day - first.day).days)
    if gap > days:
        return f"dates {first.date} / {r.date} ({gap} days apart)"
    why = [f"same type {r.type}", f"dates {first.date} / {r.date} ({gap} day{'s' * (gap != 1)} apart)"] \
        if explain else []
    for role in ("actor1", "actor2"):
        # A doer contradicts only as a force: an official, a ministry or a person the story names beside
        # the act is as often who spoke of it as who did it.
        weighs = (lambda x, role=role: x.kinds.get(role) in FIGHTING) if role == "actor1" else (lambda x: True)
        # "government troops" and "rebel fighters" name no one, but they are not the same side
        their_side = next((x.sides[role] for x, _ in c.reports if role in x.sides and weighs(x)), None)
        if role == "actor1" and their_side and role in r.sides and weighs(r) and r.sides[role] != their_side:
            return f"{role} on two sides: {their_side} / {r.sides[role]}"
        if role == "actor2" and r.type in DONE_TO:
            # An attack on a base kills soldiers and civilians: victims contradict only when no report on
            # either side tells of a victim of the other's side.
            theirs_v = set().union(*(x.victim_sides for x, _ in c.reports))
            if theirs_v and r.victim_sides and not theirs_v & r.victim_sides:
                return (f"{role} on two sides: {'/'.join(sorted(theirs_v))} / "
                        f"{'/'.join(sorted(r.victim_sides))}")
        holder = next((x for x, _ in c.reports if role in x.named and weighs(x)), None)
        theirs = getattr(holder, role) if holder is not None else None
        ours = getattr(r, role) if role in r.named and weighs(r) else None
        # Targets are worded as each outlet sees them ("civilians", "patients", the town): two targets
        # contradict only when both are sides (forces, groups, the civilians of a place).
        checked = role == "actor1" or (role in r.sides and holder is not None and role in holder.sides)
        # One actor under several names: a report fits when it names any named actor there ("ELN", "National
        # Liberation Army (ELN)", "National Liberation Army").
        if checked and theirs and ours and holder is not None and not any(
                role in x.named and one_actor(x, r, role) for x, _ in c.reports):
            return f"named {role} differ: {theirs} / {ours}"
        if explain:
            why.append(f"{role} {ours} = {theirs}" if theirs and ours else f"{role}: not named on both sides")
    turned = _other_side_acting(c, r)
    if turned:
        return turned
    apart = _modes_apart(c, r)
    if apart:
        return apart
    placed = [x for x, _ in c.reports if x.lat is not None]
    fine = [x for x in placed if not x.coarse]
    if r.lat is not None and placed:
        country = next((x.country for x in placed if x.country), None)
        if r.country and country and r.country != country:
            return f"places in two countries ({placed[0].place_name} / {r.place_name})"
        if not r.coarse and fine:
            # A finer place must fit every finer place already there; a country or sea there says nothing more.
            for x in fine:
                if not _near(x, r, km):
                    d = km_between(x.lat, x.lon, r.lat, r.lon)  # type: ignore[arg-type]
                    return (f"places {d:.0f} km apart ({x.place_name} / {r.place_name}), admin1 "
                            f"{x.admin1} / {r.admin1}")
                # Outlets disagree on the day (overnight, the day it was reported) or on the town (a village or
                # its district town), seldom on both: two towns of one area on two days are two events (a town
                # inside a region named for it is no disagreement).
                d = km_between(x.lat, x.lon, r.lat, r.lon)  # type: ignore[arg-type]
                if d > TOWNS_APART_KM and _own_town(x) and _own_town(r):
                    # two towns each report's own words place the act in, further apart than a village and its
                    # district town: two attacks of one day in one province ("a base outside Beledweyne", "a
                    # police station in Bulo Burte")
                    return (f"places {d:.0f} km apart ({x.place_name} / {r.place_name}), each the town its "
                            "report places the act in")
                inside = "region" in (x.feature, r.feature) and bool(r.admin1) and r.admin1 == x.admin1
                if d > km and x.day != r.day and not inside:
                    return (f"places {d:.0f} km apart ({x.place_name} / {r.place_name}) on two days "
                            f"({x.date} / {r.date})")
            if r.stand_in and all(x.stand_in for x in fine):
                # two places that only stand in for countries: the same named actor1 must vouch (below)
                if explain:
                    why.append(f"places {c.value('place_name')} / {r.place_name} named in the articles, "
                               "not given for the event")
                return _vouched(c, r, placed, why, km, gap, explain)
            anchor = fine[0]
            d = km_between(anchor.lat, anchor.lon, r.lat, r.lon)  # type: ignore[arg-type]
            same_area = d > km and bool(r.admin1) and r.admin1 == anchor.admin1
            if explain:
                why.append(f"places {d:.1f} km apart ({anchor.place_name} / {r.place_name})"
                           + (f", same admin area {r.admin1}" if same_area else "")
                           + (", a country or sea named too" if len(fine) < len(placed) else ""))
            return d + gap, "; ".join(why) if explain else ""
        # "in Haiti" and "in Port-au-Prince" may be one place; only another country contradicts, and the
        # shared country alone is no evidence: the same named actor1 must vouch for it (below).
        if explain:
            why.append(f"places in the same country ({c.value('place_name')} / {r.place_name}), one of them a "
                       "country or sea")
    return _vouched(c, r, placed, why, km, gap, explain)


def _vouched(c: Canonical, r: EventReport, placed: list[EventReport], why: list[str], km: float, gap: int,
             explain: bool) -> tuple[float, str] | str:
    """Whether the same named actor1 vouches for a report with no place that fits by itself."""
    # Only one actor (not two arms of one state: "the government" and "the ministry" act apart) vouches.
    if not ("actor1" in r.named and any("actor1" in x.named and same_actor(
            x.actor1, x.names.get("actor1"), r.actor1, r.names.get("actor1")) for x, _ in c.reports)):  # type: ignore[arg-type]
        where = "only a country or sea to compare" if placed and r.lat is not None else "no place to compare"
        return (f"{where} ({c.value('place_name')} / {r.place_name}) and no named actor1 in common "
                f"({c.value('actor1')} / {r.actor1})")
    if explain:
        why.append("the same named actor1" if placed and r.lat is not None else
                   "no place to compare; the same named actor1")
    return km + gap, "; ".join(why) if explain else ""


def _own_town(x: EventReport) -> bool:
    """The report's own text places the act in a town (not a region, a country, the story's town or the
    dateline's)."""
    return x.feature == "city" and x.precision == "attached" and not x.stand_in


def _near(x: EventReport, r: EventReport, km: float) -> bool:
    """Whether two fine places may be where one event happened: within `km`, in the same first-level
    area, or a town within a region's width of the region's centre."""
    d = km_between(x.lat, x.lon, r.lat, r.lon)  # type: ignore[arg-type]
    if d <= km or (r.admin1 and r.admin1 == x.admin1 and r.country == x.country):
        return True
    return "region" in (x.feature, r.feature) and r.country == x.country and d <= REGION_KM


def _other_side_acting(c: Canonical, r: EventReport) -> str | None:
    """The side an event was done to, doing something in its turn, is another event (CONVENTIONS: both
    directions of a clash): police firing on protesters, protesters torching parliament the next day."""
    if r.type not in DONE_TO:
        return None
    doers = {x.sides["actor1"] for x, _ in c.reports if "actor1" in x.sides}
    victims = set().union(*({x.sides["actor2"]} if "actor2" in x.sides else set() for x, _ in c.reports))
    ours = r.sides.get("actor1")
    if ours and doers and ours not in doers and ours in victims:
        return f"the other side acting: {'/'.join(sorted(doers))} on {ours}, then {ours}"
    theirs_victim = r.sides.get("actor2")
    if doers and theirs_victim and ours and theirs_victim in doers and ours not in doers and len(doers) == 1:
        return f"the other side acting: {'/'.join(sorted(doers))}, then {ours} on {theirs_victim}"
    return None


def _modes_apart(c: Canonical, r: EventReport) -> str | None:
    """Outlets word the weapon differently ("drone strike", "explosion", "setting fire"); a sexual assault
    is an act of its own kind, a kidnapping is not the attack beside it (a report whose act is an
    abduction joins no report that tells of its own harm and of no one taken), and a shooting is not a
    bombing.
    (``x.mode`` may be None: ``r.modes | {r.mode}`` then holds None, which is no weapon.)"""
    reports = [x for x, _ in c.reports] + [r]
    modes = {x.mode for x in reports if x.mode}
    own = modes & MODE_APART
    if own and len(modes) > 1:
        return f"modes {' / '.join(sorted(modes))}"
    if any(x.mode == "abduct" for x in reports) and any(not x.taken and _harmed(x) for x in reports):
        return "an abduction and an assault that tells of no one taken but of its own harm"
    # A shooting and a bombing are two attacks, unless one report tells of both (a complex attack).
    theirs = {WEAPONS[m] for x, _ in c.reports for m in x.modes | {x.mode} if m in WEAPONS}
    ours = {WEAPONS[m] for m in r.modes | {r.mode} if m in WEAPONS}
    if theirs and ours and not theirs & ours and not (theirs | ours) <= ONE_CRACKDOWN:
        return f"weapons differ: {'/'.join(sorted(theirs))} / {'/'.join(sorted(ours))}"
    return None


def _harmed(x: EventReport) -> bool:
    """Whether a report tells of harm of its own: people killed or hurt, or a weapon ("gunmen attacked a
    village, killing six" is not "gunmen carried off pupils")."""
    return bool(x.fatalities or x.injured) or bool((x.modes | {x.mode}) - {None, "abduct"})


def one_actor(a: EventReport, b: EventReport, role: str) -> bool:
    """Whether two reports' actors in `role` may be one side: `same_actor` by id and name, or two arms
    of one state ("pakistan-police", "khyber-pakhtunkhwa-police": both state forces of one country)."""
    if same_actor(getattr(a, role), a.names.get(role), getattr(b, role), b.names.get(role)):
        return True
    country = a.countries.get(role)
    return a.sides.get(role) == b.sides.get(role) == "state" and bool(country) and country == b.countries.get(role)


NAME_STOP = {"the", "of", "for", "and", "al", "wal", "el", "de", "la", "in", "to"}


@lru_cache(maxsize=1 << 16)
def _initials(name: str) -> str:
    words = [w for w in name.lower().replace("-", " ").replace("'", "").split() if w not in NAME_STOP]
    return "".join(w[0] for w in words if w[:1].isalpha())


@lru_cache(maxsize=1 << 16)  # pure, and asked millions of times by a dedup of a big store
def same_actor(a_id: str, a_name: str | None, b_id: str, b_name: str | None) -> bool:
    """Whether two articles' actor ids may be one actor: the same id, or the same but for a plural
    (`houthi`, `houthis`); a state and its own forces or government (`russia`, `russia-military`;
    `myanmar-junta`, `myanmar-military`); a group and its branch ("Islamic State", "Islamic State Sahel
    Province"); a name and its abbreviation ("ELN", "National Liberation Army (ELN)"; `rsf`, "Rapid
    Support Forces"; "JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"); or one name with and without its
    abbreviation. A longer name that is no branch is another group ("Islamic State", "Islamic State
    Supporters Front")."""
    if a_id == b_id or _key(a_id) == _key(b_id):
        return True
    for longer, shorter in ((a_id, b_id), (b_id, a_id)):
        if longer.startswith(shorter + "-") and _arm_or_branch(longer[len(shorter) + 1:]):
            return True  # "russia", "russia-military"; "islamic-state", "islamic-state-sahel-province"
    a_state, b_state = _state_of(a_id), _state_of(b_id)
    if a_state and a_state == b_state:
        return True  # "myanmar-government", "myanmar-military": one state's arms
    a_name, b_name = a_name or a_id, b_name or b_id
    a_bare, b_bare = _bare(a_name), _bare(b_name)
    if a_bare and a_bare == b_bare:
        return True  # "National Liberation Army (ELN)", "National Liberation Army"
    for longer, shorter in ((a_bare, b_bare), (b_bare, a_bare)):
        if shorter and longer.startswith(shorter + "-") and longer.rsplit("-", 1)[-1] in BRANCH_WORDS:
            return True  # "Islamic State", "Islamic State West Africa Province": the group and its branch
    for (short, short_id), long in (((a_name, a_id), b_name), ((b_name, b_id), a_name)):
        s = short.strip().replace(".", "")
        if s.isupper() and len(s) >= 2:
            if f"({s})" in long.replace(".", "") or f"({s}" in long.replace(".", ""):
                return True
            initials = _initials(long)
            if len(s) >= 3 and len(initials) >= 3 and (
                    initials.startswith(s.lower()) or s.lower().startswith(initials)):
                return True
        elif short_id.isalpha() and 3 <= len(short_id) <= 6 and short_id == _initials(long):
            return True  # an id that is the other's initials: `rsf`, "Rapid Support Forces"
    return False


# The words after a state's id that make one of its arms: `russia-military`, `myanmar-junta`.
STATE_ARMS = {"military", "government", "police", "forces", "army", "security-forces", "armed-forces", "junta",
              "regime", "navy", "air-force", "troops", "soldiers", "authorities", "security", "military-junta",
              "defence-forces", "defense-forces", "national-army", "national-police", "federal-police",
              "federal-government", "interior-ministry", "defence-ministry", "defense-ministry"}


# The last word of a group's name that makes it a branch of the group named by the words before it:
# outlets name the attackers by the branch or by the group ("Islamic State Sahel Province", "Islamic State").
BRANCH_WORDS = {"province", "branch", "wing", "affiliate"}


def _arm_or_branch(tail: str) -> bool:
    return tail in STATE_ARMS or tail.rsplit("-", 1)[-1] in BRANCH_WORDS


@lru_cache(maxsize=1 << 16)
def _state_of(actor_id: str) -> str | None:
    """The state an id names one arm of (`myanmar-military`: myanmar), else None."""
    for arm in sorted(STATE_ARMS, key=len, reverse=True):
        if actor_id.endswith("-" + arm) and len(actor_id) > len(arm) + 1:
            return actor_id[:-len(arm) - 1]
    return None


@lru_cache(maxsize=1 << 16)
def _key(actor_id: str) -> str:
    """An id without its plurals: `houthis`, `houthi`."""
    return "-".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in actor_id.split("-"))


@lru_cache(maxsize=1 << 16)
def _bare(name: str) -> str:
    """A name without its parenthetical abbreviation, punctuation and plurals, lower-cased."""
    head = name.split("(")[0]
    return _key("-".join(w for w in head.lower().replace("-", " ").split() if w not in NAME_STOP))


_NO_DOCUMENT = object()  # a story event whose document row is gone (none: story_events references documents)
_NO_ACTOR = (None, None, None)  # the type, name and country of an actor id its report does not hold


def load_reports(store: Store, doc_ids: Sequence[str] | None = None, *, type: str | None = None) -> list[EventReport]:
    """The real, dated, specific story events of every stored document (or of `doc_ids`: at most 500), less
    those that are no report of their article (dedup_reports.py); of one PLOVER `type` only when given. A report
    is derived from its own document's story events of its own type alone (what it recalls, borrows, stands in
    for, and whether its article tells of people taken), so the reports of one type are the same read alone or
    with the others (dedup_update.py reads a document's stored reports of the type it clusters)."""
    from .dedup_reports import after_publication, mark_recalled, mark_taken, stand_in

    chunk = doc_ids is not None
    ids = list(doc_ids or ())

    def of_docs(sql: str, key: str = "doc_id", tail: str = "") -> Sequence[Mapping[str, Any]]:
        """Rows of one table, of the documents asked for: each table read alone through its key's index, and
        joined here (an index probe per story event into `actors` costs PostgreSQL more than both reads); read
        by column name as the driver gives them (no copy to dicts)."""
        if not chunk:
            return store.query_rows(sql)
        where, params = store.backend.one_of(key, ids)
        return store.query_rows(f"{sql} WHERE {where}{tail}", params)

    # the type is kept here, not asked of the database: SQLite would read the documents' story events through the
    # index on (type, date), every story event of the type, instead of the documents' own few
    rows = [dict(r) for r in of_docs(
        "SELECT doc_id, story_event_id, type, mode, actor1, actor2, date, lat, lon, country, admin1, feature, "
        "place_name, place_precision, trigger_text, modality, mentions, figures, fatalities, injured "
        "FROM story_events") if type is None or r["type"] == type]
    if chunk and not rows:
        return []  # none of these documents has such a story event: nothing more to read
    rows.sort(key=lambda r: (r["doc_id"], r["story_event_id"]))
    published = {r["id"]: r["published"] for r in of_docs("SELECT id, published FROM documents", "id")}
    actors = {(r["doc_id"], r["actor_id"]): (r["type"], r["name"], r["country"]) for r in of_docs(
        "SELECT doc_id, actor_id, type, name, country FROM actors")}
    # What tells of people taken: a mention whose act is an abduction, a figure of people abducted. Whom each
    # mention tells was harmed (its second actor), and which victims the text names as civilians rather than as
    # "people" (an outlet's "40 people died" at an army post were mostly soldiers).
    mention_modes: dict[tuple[str, str], str] = {}
    mention_victims: dict[tuple[str, str], tuple[str, str]] = {}
    for r in of_docs("SELECT doc_id, event_id, mode, actor2 FROM events"):
        if r["mode"] is not None:
            mention_modes[(r["doc_id"], r["event_id"])] = r["mode"]
        victim = actors.get((r["doc_id"], r["actor2"]))
        if victim is not None:
            mention_victims[(r["doc_id"], r["event_id"])] = (r["actor2"], victim[0])
    worded: dict[tuple[str, str], list[str]] = {}
    for r in (of_docs("SELECT doc_id, actor_id, text FROM actor_mentions", tail=" ORDER BY doc_id, actor_id, idx")
              if chunk else store.query_rows(  # a chunk's mentions are few: the actor's type is looked up here
                  "SELECT m.doc_id, m.actor_id, m.text FROM actor_mentions m JOIN actors a ON a.doc_id = m.doc_id "
                  "AND a.actor_id = m.actor_id WHERE a.type = 'population'")):
        if chunk and actors.get((r["doc_id"], r["actor_id"]), _NO_ACTOR)[0] != "population":
            continue
        worded.setdefault((r["doc_id"], r["actor_id"]), []).append(r["text"])
    abducted = {(r["doc_id"], str(r["idx"])) for r in (  # a chunk's figures by their key (not by category, as above)
        of_docs("SELECT doc_id, idx, category FROM figures") if chunk
        else store.query_rows("SELECT doc_id, idx, category FROM figures WHERE category = 'abducted'"))
        if r["category"] == "abducted"}
    for row in rows:
        row["published"] = published.get(row["doc_id"], _NO_DOCUMENT)
        for role in ("actor1", "actor2"):
            row[f"{role}_type"], row[f"{role}_name"], row[f"{role}_country"] = actors.get(
                (row["doc_id"], row[role]), _NO_ACTOR)
    rows = [row for row in rows if row["published"] is not _NO_DOCUMENT]
    out = []
    for row in rows:
        date = row["date"] or ""
        if (row["modality"] not in REAL or len(date) < 10 or not date[:4].isdigit()
                or (row["trigger_text"] or "").lower() in GENERIC):
            continue
        try:
            day = dt.date.fromisoformat(date[:10])
        except ValueError:
            continue
        if after_publication(day, row["published"]):
            continue  # a real event is not reported before it happens: a weekday resolved forward
        mentions = _mentions(row["mentions"])
        doc = row["doc_id"]
        modes = {mention_modes[(doc, m)] for m in mentions if (doc, m) in mention_modes}
        taken = (row["mode"] == "abduct" or "abduct" in modes
                 or any((doc, f) in abducted for f in _mentions(row["figures"])))
        out.append(EventReport(
            doc, row["story_event_id"], row["type"], row["mode"], row["actor1"], row["actor2"], date[:10],
            row["lat"], row["lon"], row["country"], row["admin1"], row["place_name"], row["published"],
            mentions, _named(row), row["feature"], _sides(row),
            {role: row[f"{role}_name"] for role in ("actor1", "actor2") if row[f"{role}_name"]},
            {role: row[f"{role}_country"] for role in ("actor1", "actor2") if row[f"{role}_country"]},
            row["place_precision"], taken, modes, False,
            {role: row[f"{role}_type"] for role in ("actor1", "actor2") if row[role] and row[f"{role}_type"]},
            row["fatalities"], row["injured"],
            _victims(doc, [(row["actor2"], row["actor2_type"])] + [
                mention_victims[(doc, m)] for m in mentions if (doc, m) in mention_victims], worded)))
    _mark_borrowed(out)
    mark_recalled(out)
    mark_taken(out)
    stand_in(store, out)
    return [r for r in out if not r.recalled]


# Words that tell of people harmed without saying who they were: "40 people", "dozens", "the victims".
PEOPLE_WORDS = {"people", "persons", "person", "individuals", "others", "other", "victims", "victim", "one", "them",
                "they", "those", "the", "a", "an", "some", "many", "more", "far", "at", "least", "dozens", "scores",
                "hundreds", "thousands", "tens", "of", "several", "dead", "bodies", "casualties", "lives", "and",
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "twenty", "thirty", "forty", "fifty", "hundred", "everyone", "all", "most", "group", "number"}


def _victims(doc: str, actors: list[tuple[str | None, str | None]],
             worded: dict[tuple[str, str], list[str]]) -> set[str]:
    """The sides of a report's victims: its own second actor's (a force, a group, or civilians the text
    names as such, "villagers", not "people" alone), widened by its mentions' ("killing nine soldiers and
    three civilians"). Mentions give no side to a report whose own victims have none: "17 people were
    killed ... the military said it had struck a Hamas command post" is not a strike on Hamas."""
    out = set()
    for i, (actor, kind) in enumerate(actors):
        side = SIDES.get(kind or "") if actor else None
        if side == "civilian" and not any(_says_who(text) for text in worded.get((doc, actor or ""), ())):
            side = None
        if side:
            out.add(side)
        elif i == 0:
            return set()
    return out


@lru_cache(maxsize=1 << 14)  # outlets word victims alike ("40 people", "villagers"): each wording judged once
def _says_who(text: str) -> bool:
    """Whether a mention of victims says who they were ("villagers"), not only how many ("40 people")."""
    words = (w.strip(".,;:'\"()") for w in text.lower().replace("-", " ").split())
    return any(w and w not in PEOPLE_WORDS and not w.replace(",", "").isdigit() for w in words)


def _mark_borrowed(reports: list[EventReport]) -> None:
    """"... also attacked a police station in a nearby town": a second event of one article whose own
    place the text did not give takes the story's place, where the article's main event happened; that
    place says nothing about where the second one was."""
    by_doc: dict[tuple[str, str], list[EventReport]] = {}
    for r in reports:
        by_doc.setdefault((r.doc_id, r.type), []).append(r)
    for group in by_doc.values():
        for r in group:
            if r.precision in ("story", "dateline") and r.lat is not None and any(
                    x is not r and x.precision not in ("story", "dateline") and (x.lat, x.lon) == (r.lat, r.lon)
                    for x in group):
                r.borrowed = True


def _mentions(value: str | None) -> list[str]:
    return list(_parsed_ids(value or "[]"))


@lru_cache(maxsize=1 << 12)  # a store holds few distinct lists ('["e1"]', '["e2", "e5"]'): each parsed once
def _parsed_ids(value: str) -> tuple[str, ...]:
    try:
        found = json.loads(value)
    except ValueError:
        return ()
    return tuple(str(m) for m in found) if isinstance(found, list) else ()


NAMED_TYPES = {"state", "military", "police", "intelligence", "government", "ministry", "armed_group", "party", "igo",
               "ngo", "media", "person"}
# Words that name a kind of actor, not an actor: "rebels", "gunmen", "security forces", "the army".
KIND_WORDS = {
    "rebel", "rebels", "insurgent", "insurgents", "militant", "militants", "gunman", "gunmen", "fighter", "fighters",
    "jihadist", "jihadists", "security", "force", "forces", "police", "policemen", "army", "troop", "troops",
    "soldier", "soldiers", "attacker", "attackers", "government", "armed", "men", "group", "groups", "militia",
    "militias", "militiamen", "protester", "protesters", "demonstrator", "demonstrators", "civilian", "civilians",
    "resident", "residents", "official", "officials", "authorities", "authority", "military", "unidentified",
    "unknown", "suspected", "assailant", "assailants", "bandit", "bandits", "gang", "gangs", "the", "a", "an", "of",
    "local", "state", "federal", "regime", "junta", "terrorist", "terrorists", "extremist", "extremists",
    "bomber", "bombers", "suicide", "sniper", "snipers", "shooter", "shooters", "kidnapper", "kidnappers", "abductor",
    "abductors", "raider", "raiders", "perpetrator", "perpetrators", "culprit", "culprits", "islamist", "islamists",
    "separatist", "separatists", "guerrilla", "guerrillas", "paramilitary", "paramilitaries", "insurgency", "suspect",
    "suspects", "motorcycle", "masked", "heavily"}


# an army camp attacked is not a market
SIDES = {"state": "state", "military": "state", "police": "state", "intelligence": "state", "government": "state",
         "ministry": "state", "armed_group": "nonstate", "population": "civilian"}


def _sides(row: dict[str, Any]) -> dict[str, str]:
    """Which side each actor is on, as far as its type says: state forces or a non-state armed group."""
    return {role: SIDES[row[f"{role}_type"]] for role in ("actor1", "actor2")
            if row[role] and row[f"{role}_type"] in SIDES}


def _named(row: dict[str, Any]) -> set[str]:
    """The roles held by named actors: a state, a force, group, party, body or person the text names
    ("the Rapid Support Forces", "Colombia's police"), not a kind of actor ("rebels", "gunmen")."""
    out = set()
    for role in ("actor1", "actor2"):
        if not row[role] or row[f"{role}_type"] not in NAMED_TYPES:
            continue
        words = set((row[f"{role}_name"] or row[role]).lower().replace("-", " ").split())
        if row[f"{role}_country"] or not words <= KIND_WORDS:
            out.add(role)
    return out


def deduplicate(store: Store, km: float = 25.0, days: int = 1, *, allow_mixed: bool = False) -> int:
    """Rebuild canonical_events and event_links from the stored story events; returns the canonical count.
    MixedExtractions when the store holds reports of several extractions, unless `allow_mixed`
    (store/extractions.py).

    Rebuilds at once (two ingests finishing together) write one after the other, and the one that writes
    sees every document stored before it writes: if documents came in while it clustered, it clusters again
    (the third time holding the lock, so it cannot fall behind). `update` does the same work incrementally."""
    from .dedup_cluster import cluster, rebuild_tables
    from .store.extractions import check_single

    check_single(store, allow_mixed=allow_mixed)
    for attempt in range(3):
        last = attempt == 2
        seen = None if last else _document_count(store)
        pending = [] if last else _pending(store)  # read first: every one of them is clustered below
        canon = [] if last else cluster(load_reports(store), km, days)
        with store.backend.transaction():
            store.backend.lock("dedup")
            if last:
                pending = _pending(store)
                canon = cluster(load_reports(store), km, days)
            elif _document_count(store) != seen:
                continue  # documents were added (they are never removed): cluster again
            rebuild_tables(store, canon, km, days, pending)
        return len(canon)
    raise AssertionError("unreachable")  # pragma: no cover


def update(store: Store, doc_ids: Iterable[str] | None = None, km: float = 25.0, days: int = 1, *,
           allow_mixed: bool = False) -> Any:
    """Bring the canonical events up to date with the documents stored since the last dedup (and `doc_ids`),
    incrementally; the tables are then those a full rebuild would write. Returns an ``UpdateStats``
    (see dedup_update.py). MixedExtractions when the store holds reports of several extractions, unless
    `allow_mixed` (store/extractions.py)."""
    from .dedup_update import update as run
    from .store.extractions import check_single

    check_single(store, allow_mixed=allow_mixed)
    return run(store, doc_ids, km=km, days=days)


def _document_count(store: Store) -> int:
    return int(store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"])


def _pending(store: Store) -> list[str]:
    """Documents stored since the dedup last saw them (Store.write marks each one)."""
    return [r["doc_id"] for r in store.query("SELECT doc_id FROM dedup_pending")]


RULES_VERSION = 6  # bump when the merge rules change: a store clustered by older rules is rebuilt in full


def cluster(reports: list[EventReport], km: float = 25.0, days: int = 1) -> list[Canonical]:
    """Greedy clustering in date order; each report joins the best-fitting canonical event (dedup_cluster.py)."""
    from .dedup_cluster import cluster as run

    return run(reports, km, days)


def explain(store: Store, canonical_id: str) -> str | None:
    """Why the reports of a canonical event were merged, one line per report; None if unknown."""
    head = store.query("SELECT * FROM canonical_events WHERE id = ?", (canonical_id,))
    if not head:
        return None
    c = head[0]
    lines = [f"{c['id']}: {c['type']}{'/' + c['mode'] if c['mode'] else ''} on {c['date']}"
             f"{' at ' + c['place_name'] if c['place_name'] else ''} — {c['reports']} report(s) in "
             f"{c['documents']} document(s)"]
    links = store.query(
        "SELECT l.doc_id, l.story_event_id, l.reason, s.trigger_text, s.evidence_start, s.evidence_end, s.mentions, "
        "d.title, d.source, d.published, d.text FROM event_links l "
        "JOIN story_events s ON s.doc_id = l.doc_id AND s.story_event_id = l.story_event_id "
        "JOIN documents d ON d.id = l.doc_id WHERE l.canonical_id = ? "
        "ORDER BY d.published, l.doc_id, l.story_event_id", (canonical_id,))
    for link in links:
        sentence = ""
        if link["evidence_start"] is not None:
            sentence = link["text"][link["evidence_start"]:link["evidence_end"]].strip()
        mentions = _mentions(link["mentions"])
        told = f" [mentions {' '.join(mentions)}]" if mentions else ""
        lines.append(f"- {link['doc_id'][:12]} {link['story_event_id']}{told} ({link['published'] or 'no date'}, "
                     f"{link['source'] or link['title'] or ''}): {link['reason']}")
        if sentence:
            lines.append(f"    {link['trigger_text']!r} in: {sentence[:300]}")
    return "\n".join(lines)
