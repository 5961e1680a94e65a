"""Expansion of a story record: one record per place when the evidence mention lists several places
hit, and both directions of a clash between two fighting sides. Each record looks at its first
mention's sentence only: linear in mentions.
"""

from __future__ import annotations

from typing import Any

from ..events.acled import BATTLE_TRIGGERS
from ..schema import StoryEvent
from .features import MentionView
from .resolve import Story, place_head

# Sides that fight: a clash between two of them is coded both ways (CONVENTIONS: "both directions of a clash").
FIGHTING_TYPES = {"military", "armed_group", "state", "government", "population"}


def _coordinated_places(v: MentionView, place: int, story: Story) -> list[int]:
    """The places listed with the attached one ("bombings in Songkhla, Narathiwat and Yala"): one
    event per place, as analysts code them."""
    head = place_head(story, place)
    if head is None:
        return [place]
    first = head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    chain, todo = {first.i}, [first]
    while todo:  # the conjuncts of the first: "A, B and C" (the parser may hang "B and C" as an apposition)
        for c in todo.pop().children:
            if c.i not in chain and (c.dep_ == "conj" or (c.dep_ == "appos" and any(
                    g.dep_ == "conj" for g in c.children))):
                chain.add(c.i)
                todo.append(c)
    if len(chain) < 2 or (first.head.lower_ == "between" and first.dep_ == "pobj"):
        return [place]  # "the road between A and B" names one stretch, not places hit
    out: list[int] = []
    for i in story.places_between(v.sent_start, v.sent_end):
        q = story.places[i]
        if any(story.places[j].text == q.text for j in out):
            continue
        h = place_head(story, i)
        if h is not None and h.i in chain:
            out.append(i)
    return out if place in out else [place]


MUTUAL_OBJECTS = {"fire", "gunfire", "shot", "blow", "salvo", "barrage", "strike"}


def _mutual(tok: Any) -> bool:
    """A fight both sides wage: "clashes", "a gunbattle", "exchanged fire with", "traded shots", "an
    exchange of fire"."""
    if tok is None:
        return False
    lemma = tok.lemma_.lower()
    if lemma in BATTLE_TRIGGERS or lemma in ("gunbattle", "firefight", "shootout"):
        return True
    if lemma in ("exchange", "trade") and tok.tag_ != "NNS":  # "kept up their exchanges of fire": a pattern
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in MUTUAL_OBJECTS for o in objs)
    return False


def expand(record: StoryEvent, members: list[MentionView], story: Story) -> list[StoryEvent]:
    """One record per place when a mention lists several places attacked, and both directions of a
    clash between two fighting sides."""
    out = [record]
    if record.place is not None and record.place_precision == "attached" and record.type in ("ASSAULT", "PROTEST",
                                                                                              "COERCE"):
        # the evidence mention's own list: a restatement's does not split the event
        holder = next((v for v in members if v.sent_index == members[0].sent_index
                       and v.event.place == record.place), None)
        if holder is not None:
            places = _coordinated_places(holder, record.place, story)
            if len(places) > 1:
                out = [record.model_copy(update={"place": i}) for i in places]
    if record.type == "ASSAULT" and _mutual(members[0].token) and record.actor1 and record.actor2 and \
            story.actor_type.get(record.actor1) in FIGHTING_TYPES and \
            story.actor_type.get(record.actor2) in FIGHTING_TYPES:
        out += [r.model_copy(update={"actor1": r.actor2, "actor2": r.actor1}) for r in out]
    return out
