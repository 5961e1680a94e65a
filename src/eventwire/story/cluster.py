"""Mentions of one real-world event, joined.

Mentions are taken in text order.  A statement (ACCUSE, REQUEST, THREATEN, REJECT, SUPPORT,
CONCEDE) is its own event, joined only with a same-sentence mention of the same act by the same
speaker ("condemned ... and denounced").  Any other mention joins the most recently mentioned
compatible event: the same type, nothing contradicting (two named doers, two attached places
that do not contain one another, two days, an act of its own kind such as an abduction within a
shelling), and, from a later sentence, nothing that marks it as another incident ("separately",
"another attack", a background mention against a foreground event).  Only a mention the scorer
rates at or above its threshold may found an event; weaker mentions may join one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .features import MentionView
from .scorer import StoryScorer

if TYPE_CHECKING:
    from .resolve import Story

CLAIMS = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONCEDE"}
OWN_KIND = {"abduct", "sexual", "destroy", "torture", "beat", "assassinate"}
DISTINCT_OPENERS = ("separately", "in a separate", "in another", "elsewhere", "in a similar", "in an unrelated",
                    "also on", "in a second")
DISTINCT_MODIFIERS = {"another", "separate", "second", "third", "earlier", "previous", "similar", "other",
                      "further", "new", "fresh"}


@dataclass
class Group:
    members: list[MentionView] = field(default_factory=list)
    type: str = ""
    background: bool = False
    date: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    places: set[int] = field(default_factory=set)
    mode: str | None = None
    last_sent: int = -1
    founded: bool = False


def _distinct(v: MentionView) -> bool:
    """The text marks the mention as another incident than the one before."""
    tok = v.token
    if tok is None:
        return False
    opener = tok.sent.text[:24].lower()
    if opener.startswith(DISTINCT_OPENERS):
        return True
    return any(c.lower_ in DISTINCT_MODIFIERS for c in tok.children if c.dep_ in ("amod", "det", "advmod"))


def _fits(g: Group, v: MentionView, story: Story) -> bool:
    e = v.event
    if e.type != g.type:
        return False
    same_sent = v.sent_index == g.last_sent
    if not same_sent and (v.background != g.background or _distinct(v)):
        return False
    if v.own_date and g.date and v.own_date[:10] != g.date[:10]:
        return False
    if (e.mode in OWN_KIND or g.mode in OWN_KIND) and e.mode != g.mode and e.mode and g.mode:
        return False
    if e.actor1 and g.actor1 and e.actor1 != g.actor1 and not (
            story.generic_actor(e.actor1) or story.generic_actor(g.actor1)):
        return False
    if e.place is not None and g.places and not any(story.places_compatible(e.place, p) for p in g.places):
        return False
    if same_sent:
        return True
    # A later sentence: a restatement ("the raid", "the attack", "were killed") of this incident.
    if e.type in ("ASSAULT", "COERCE", "PROTEST") or v.definite or getattr(e, "same_as", None):
        return True
    return e.actor1 is not None and e.actor1 == g.actor1


def cluster(chosen: list[tuple[MentionView, float]], story: Story) -> list[list[MentionView]]:
    threshold = StoryScorer.load().threshold
    groups: list[Group] = []
    for v, p in chosen:
        e = v.event
        home = None
        if e.type in CLAIMS:
            home = next((g for g in reversed(groups) if g.type == e.type and g.last_sent == v.sent_index
                         and (not e.actor1 or not g.actor1 or e.actor1 == g.actor1)), None)
        else:
            home = next((g for g in reversed(groups) if g.type not in CLAIMS and _fits(g, v, story)), None)
        if home is None:
            if p < threshold:
                continue
            home = Group(type=e.type, background=v.background)
            groups.append(home)
        else:
            groups.remove(home)
            groups.append(home)  # most recently mentioned last
        home.members.append(v)
        home.founded = home.founded or p >= threshold
        home.last_sent = v.sent_index
        home.date = home.date or v.own_date
        home.actor1 = home.actor1 if home.actor1 and not story.generic_actor(home.actor1) else (
            e.actor1 or home.actor1)
        home.actor2 = home.actor2 or e.actor2
        home.mode = home.mode or e.mode
        if e.place is not None:
            home.places.add(e.place)
    groups.sort(key=lambda g: g.members[0].index)
    return [g.members for g in groups if g.founded]
