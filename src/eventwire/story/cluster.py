"""Mentions of one real-world event, joined.

Mentions are taken in text order.  A statement (ACCUSE, REQUEST, THREATEN, REJECT, SUPPORT,
CONCEDE) is its own event, joined only with a same-sentence mention of the same act by the same
speaker ("condemned ... and denounced").  Any other mention joins the most recently mentioned
compatible event: the same type, nothing contradicting (two named doers, two attached places
that do not contain one another, two days, an act of its own kind such as an abduction within a
shelling), and, from a later sentence, nothing that marks it as another incident ("separately",
"another attack", a background mention against a foreground event).  Which groups are events an
analyst codes is the scorer's call (``story/scorer.py``), made on the whole group.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .features import MentionView

if TYPE_CHECKING:
    from .resolve import Story

WINDOW = 40  # how many of the most recently mentioned events a mention may join
CLAIMS = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONCEDE"}
# Acts a later sentence may tell again by whom they were done to: a release, a handover, an expulsion.
RESTATED = {"RETREAT", "SANCTION", "AID"}
OWN_KIND = {"abduct", "sexual", "destroy", "torture", "beat", "assassinate", "coup"}
# Kinds of coercion that are never one act: modes of one kind may be ("detained" ... "held").
COERCE_KINDS = {"restrict": "restrict", "ban": "restrict", "martial-law": "restrict", "evacuation": "evacuation",
                "arrest": "arrest", "detention": "arrest", "search": "arrest", "looting": "looting",
                "seize": "looting", "coup": "coup", "deport": "deport", "censor": "censor"}
DISTINCT_OPENERS = ("separately", "in a separate", "in another", "elsewhere", "in a similar", "in an unrelated",
                    "also on", "in a second", "in a comparable", "in an earlier", "in a previous", "in neighbouring",
                    "in neighboring", "in nearby", "meanwhile", "later that day", "earlier that day", "the same day",
                    "on the same day", "a day earlier", "a day later", "the previous day", "the next day",
                    "in response", "in retaliation", "in return", "retaliating")
# "Later that Friday", "Earlier on Monday", "later in the day": another moment, another incident
DISTINCT_TIME_OPENER = re.compile(r"(?:later|earlier)\s*,?\s+(?:that|on|in the|the same)\b")
DISTINCT_MODIFIERS = {"another", "separate", "second", "third", "earlier", "previous", "similar", "other",
                      "further", "new", "fresh", "prior", "subsequent"}
PLACE_NOUNS = {"village", "town", "city", "district", "province", "region", "county", "camp", "neighbourhood",
               "neighborhood", "locality", "market", "farm", "house", "home", "school", "mosque", "church", "base",
               "checkpoint", "post", "prison", "hospital"}
# "in a nearby district", "in a neighbouring province": a place other than the one told before
OTHER_PLACE = {"nearby", "neighbouring", "neighboring", "adjacent", "different"}
# Adverbs on the verb that make the act a repeat: "bandits struck once more", "gunmen attacked again".
REPEAT_ADVERBS = {"again", "more", "anew"}


@dataclass
class Group:
    members: list[MentionView] = field(default_factory=list)
    type: str = ""
    background: bool = False
    date: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    targets: set[str] = field(default_factory=set)  # every actor2 its mentions give
    places: set[int] = field(default_factory=set)
    guess: int | None = None  # where its first mention's sentence places it, when nothing is attached
    mode: str | None = None
    last_sent: int = -1
    features: dict[str, float] = field(default_factory=dict)
    score: float = 1.0


def _distinct(v: MentionView) -> bool:
    """The text marks the mention as another incident than the one before."""
    tok = v.token
    if tok is None:
        return False
    sent = v.sent if v.sent is not None else tok.sent
    opener = tok.doc[sent.start:min(sent.end, sent.start + 8)].text.lower().lstrip("\"“'( ")  # 8 tokens: no doc.text
    if opener.startswith(DISTINCT_OPENERS) or DISTINCT_TIME_OPENER.match(opener):
        return True
    if any(c.lower_ in DISTINCT_MODIFIERS for c in tok.children if c.dep_ in ("amod", "det", "advmod")):
        return True
    # "killed in another village", "in Kalat, another district": the place is another than the one before
    verb = tok if tok.pos_ == "VERB" else tok.head
    for head in {tok, verb}:
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "at", "on", "near"):
                continue
            for g in c.children:
                if g.dep_ == "pobj" and g.lemma_.lower() in PLACE_NOUNS and any(
                        (d.lower_ == "another" and d.dep_ == "det") or (d.lower_ in OTHER_PLACE and d.dep_ == "amod")
                        for d in g.children):
                    return True
    verb = tok if tok.pos_ == "VERB" else tok.head
    return any(c.dep_ in ("advmod", "npadvmod", "dobj") and c.lower_ in REPEAT_ADVERBS for c in verb.children)


ANSWERS = {"return", "response", "retaliation", "reprisal", "exchange"}


def _answering(v: MentionView) -> bool:
    """The act answers another: "in return", "in response", "in retaliation"."""
    tok = v.token
    if tok is None:
        return False
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if any(c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() in ANSWERS for g in c.children)
           for h in {tok, verb} for c in h.children):
        return True
    # the parser may hang "in return" on the verb before: read the words right before the act
    before = tok.doc[max(tok.sent.start, tok.i - 3):tok.i]
    return any(a.lower_ == "in" and b.lemma_.lower() in ANSWERS for a, b in itertools.pairwise(before))


def _same_time(a: str, b: str, published: str | None) -> bool:
    """Two dates the text gives may be one event's: the same day, or a day and a period that holds
    both it and the publication day ("Sunday" and "this year"; not "Sunday" and "Monday", nor a day
    and "late in March" in April)."""
    if a[:10] == b[:10]:
        return True
    day, period = (a, b) if len(a) > len(b) else (b, a)
    if "-W" in period[:6] and _next_week(period, day):
        return True  # "last week ... on March 11": a week a reporter counts loosely and a day in the week after
    return _holds(period, day) and bool(published) and _holds(period, published)  # type: ignore[arg-type]


def _next_week(week: str, day: str) -> bool:
    """The day falls in the ISO week after the named one ("2025-W10" and Tuesday 2025-03-11, in W11)."""
    from datetime import date
    try:
        year, number, _ = date.fromisoformat(day[:10]).isocalendar()
    except ValueError:
        return False
    if not (week[:4].isdigit() and week[6:8].isdigit()):
        return False
    return (int(week[:4]), int(week[6:8]) + 1) == (year, number)


def _holds(period: str, day: str) -> bool:
    """The period ("2024", "2024-03", "2024-W12") holds the day ("2024-03-18")."""
    if "-W" in period[:6]:
        from datetime import date
        try:
            year, week, _ = date.fromisoformat(day[:10]).isocalendar()
        except ValueError:
            return False
        return period[:4] == str(year) and period[6:8].isdigit() and int(period[6:8]) == week
    return day.startswith(period)


def _governs(a: MentionView, b: MentionView) -> bool:
    """b is an argument of a's clause: "an attack (b) killed (a)", "killed (a) in an assault (b)"."""
    if a.token is None or b.token is None:
        return False
    cur = b.token
    for _ in range(4):
        if cur.i == a.clause_root or cur.i == a.token.i:
            return True
        if cur.head == cur or (cur.dep_ in ("relcl", "acl", "advcl", "appos") and not _absolute(cur)):
            return False
        cur = cur.head
    return False


def _absolute(tok: Any) -> bool:
    """A participle in a "with" phrase tells how the act went: "the raid was carried out overnight, with
    some 20 gunmen attacking the village"."""
    noun = tok.head
    return tok.dep_ == "acl" and tok.tag_ == "VBG" and noun.dep_ == "pobj" and noun.head.lower_ == "with"


def _last_sentence(g: Group) -> list[MentionView]:
    """The group's latest mentions (at most 16) in the sentence it was last mentioned in."""
    out = []
    for m in reversed(g.members):
        if m.sent_index != g.last_sent or len(out) == 16:
            break
        out.append(m)
    return out


STATE_FORCES = {"military", "police", "state", "government"}


def _side(actor_type: str | None) -> str:
    """Which kind of party acts: a state's forces, a non-state armed group, or another."""
    if actor_type in STATE_FORCES:
        return "state"
    return "armed" if actor_type == "armed_group" else "other"


def _fits(g: Group, v: MentionView, story: Story) -> bool:
    e = v.event
    if e.type != g.type:
        return False
    same_sent = v.sent_index == g.last_sent
    if not same_sent and (v.background != g.background or _distinct(v) or v.new_weapon or v.more_victims):
        return False  # (a later "a car bomb in Hurria killed three" is one more bombing, not the one told)
    if v.own_date and g.date and not _same_time(v.own_date, g.date, v.published):
        return False
    mode = None if v.by_weapon and e.mode == "destroy" else e.mode  # "the airstrike destroyed the prison"
    if (mode in OWN_KIND or g.mode in OWN_KIND) and mode != g.mode and mode and g.mode:
        return False
    if e.type == "COERCE" and e.mode and g.mode and \
            COERCE_KINDS.get(e.mode, e.mode) != COERCE_KINDS.get(g.mode, g.mode):
        return False  # a curfew, arrests and looting in one story are three acts
    # The other side hitting back is another event ("police returned fire on the gunmen").
    if ((e.actor1 and (e.actor1 == g.actor2 or e.actor1 in g.targets)) or (
            e.actor2 and g.actor1 and e.actor2 == g.actor1)):
        return False  # (against any target the event's mentions give: "killing two soldiers" ... "soldiers searched")
    if e.actor1 and g.actor1 and e.actor1 != g.actor1 and not (
            story.generic_actor(e.actor1) or story.generic_actor(g.actor1)):
        return False
    if e.actor1 and g.actor1 and e.actor1 != g.actor1:
        side_e, side_g = _side(story.actor_type.get(e.actor1)), _side(story.actor_type.get(g.actor1))
        # unnamed "gunmen" are no state's soldiers ("soldiers exchanged fire" is the army's act); but an
        # unnamed doer of no side ("a suicide bomber") may be the armed group that claims the attack
        if side_e != side_g and not ((story.generic_actor(e.actor1) and side_g != "state" and side_e == "other")
                                     or (story.generic_actor(g.actor1) and side_e != "state" and side_g == "other")):
            return False
    # Against the group's finest places: once it has a town, its country no longer makes every other
    # town of that country the same event ("raids across Yemen ... in Ans ... in Hajja").
    fine = [p for p in g.places if story._rank(p) < 4] or list(g.places)
    if e.place is not None and fine and not any(story.places_compatible(e.place, p) for p in fine):
        return False
    if e.place is not None and not g.places and not same_sent and g.guess is not None and \
            story._rank(g.guess) <= 2 and not story.places_compatible(e.place, g.guess) and not (
                g.guess == story.dateline_place and story.places[e.place].country
                and story.places[e.place].country != story.places[g.guess].country):
        # "in the village of Zolochiv, two men died" is not the Kharkiv strike told before; but a guess that is
        # only the dateline's town abroad keeps nothing out ("NAIROBI - ... the raid hit a camp in Somalia")
        return False
    if same_sent and _answering(v):
        return False  # "Hamas freed three hostages, and Israel in return released 369 prisoners"
    if same_sent:
        # One sentence may tell two incidents: "the blast hit the mourners of a trader who died when a car
        # bomb went off days before". Mentions join when they share a clause; "the attack comes
        # after 37 civilians were killed" tells the earlier one apart.
        if v.another or any(m.earlier != v.earlier for m in _last_sentence(g)):
            return False
        same_as = getattr(e, "same_as", None)  # "the rampage ..., an attack claimed by X": an apposition
        return any(m.clause_root == v.clause_root or m.token is None or v.token is None
                   or _governs(m, v) or _governs(v, m) or (same_as is not None and m.event.id == same_as
                                                           and v.token.dep_ == "appos")
                   for m in _last_sentence(g))
    # A later sentence: a restatement ("the raid", "the attack", "were killed") of this incident.
    if e.type in ("ASSAULT", "COERCE", "PROTEST") or v.definite or getattr(e, "same_as", None):
        return True
    if e.actor1 is not None and e.actor1 == g.actor1:
        return True
    # "the rebels freed the workers before dawn", "the 36 hostages were released": the same act done to the same
    # people, told again without its doer's name
    same_patients = e.actor2 is not None and (e.actor2 == g.actor2 or e.actor2 in g.targets)
    return same_patients and e.type in RESTATED and (e.actor1 is None or (
        story.generic_actor(e.actor1) and g.actor1 is not None and
        _side(story.actor_type.get(e.actor1)) == _side(story.actor_type.get(g.actor1))))


def cluster(chosen: list[MentionView], story: Story) -> list[Group]:
    """The chosen mentions grouped into events, in order of first mention."""
    groups: list[Group] = []
    for v in chosen:
        e = v.event
        home = None
        recent = groups[-WINDOW:]  # a restatement refers to one of the events told last: linear in mentions
        if e.type in CLAIMS:
            home = next((g for g in reversed(recent) if g.type == e.type and g.last_sent == v.sent_index
                         and (not e.actor1 or not g.actor1 or e.actor1 == g.actor1)), None)
        else:
            home = next((g for g in reversed(recent) if g.type not in CLAIMS and _fits(g, v, story)), None)
        if home is None:
            home = Group(type=e.type, background=v.background, guess=getattr(e, "place_guess", None))
            groups.append(home)
        else:
            groups.remove(home)
            groups.append(home)  # most recently mentioned last
        home.members.append(v)
        home.last_sent = v.sent_index
        if v.own_date and (not home.date or len(v.own_date) > len(home.date)):
            home.date = v.own_date  # the most precise date any mention gives
        home.actor1 = home.actor1 if home.actor1 and not story.generic_actor(home.actor1) else (
            e.actor1 or home.actor1)
        home.actor2 = home.actor2 or e.actor2
        if e.actor2:
            home.targets.add(e.actor2)
        home.mode = home.mode or e.mode
        if e.place is not None:
            home.places.add(e.place)
    groups.sort(key=lambda g: g.members[0].index)
    return groups
