"""Reactions and their targets: a condemnation, a demand, a threat or a denial with no target of its own
takes the doer of the act it is about; an accusation pinned on someone names the accused; talks and
agreements name the other side; a denial answers the accusation against its author.

Each reaction looks at its trigger's own children, a bounded subtree (64 tokens) and the story's
records once: linear in mentions.
"""

from __future__ import annotations

import itertools
from typing import Any

from ..schema import StoryEvent
from .resolve import SIDES, Story, names_a_thing

# Reactions whose target is whoever did what they react to: "condemned the attack", "denied the accusation".
REACTIONS = {"ACCUSE", "REJECT", "REQUEST", "THREATEN"}
OBJECT_PREPS = {"for", "over", "of", "on", "about", "against"}
# Nouns for an act a reaction may name without the act being a mention of its own.
ACT_NOUNS = {"attack", "killing", "murder", "bombing", "massacre", "shooting", "assault", "violence", "coup",
             "takeover", "abduction", "kidnapping", "raid", "strike", "blast", "explosion", "ambush",
             "assassination", "crackdown", "shelling", "offensive", "incursion", "invasion", "seizure", "execution",
             "death", "incident", "atrocity", "bloodshed", "hijacking"}
# What a denial denies: an accusation, or a part in an act.
ACCUSATIONS = {"accusation", "claim", "allegation", "charge", "report", "responsibility", "role", "involvement",
               "blame", "link", "suggestion", "assertion", "statement"} | ACT_NOUNS


def _actor_at_token(story: Story, tok: Any) -> str | None:
    if story.actors is None or tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return story.actors.resolve(story.doc, tok.left_edge.idx, tok.idx + len(tok.text))


def _blamed_on(tok: Any, story: Story) -> str | None:
    """ "pinned the attack on X", "put the blame for the protests on X": X is accused."""
    holder = tok.head if tok.dep_ == "dobj" else tok
    for c in itertools.islice(holder.subtree, 48):
        if c.dep_ == "prep" and c.lower_ == "on" and c.head.pos_ in ("VERB", "NOUN") and (
                c.head.i == holder.i or c.head.dep_ in ("dobj", "pobj")) and c.head.lemma_.lower() not in ACT_NOUNS:
            # ("an attack on a housing estate" names a target, not who is blamed)
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return _actor_at_token(story, obj)
    return None


def _other_side(tok: Any, story: Story, actor1: str | None) -> str | None:
    """ "X and Y agreed to a ceasefire", "X struck a deal with Y", "talks between X and Y": the side
    that is not actor1."""
    verb = tok.head if tok.dep_ == "dobj" and tok.pos_ == "NOUN" else tok
    heads = [c for c in verb.children if c.dep_ == "nsubj"]
    heads += [g for c in itertools.chain(verb.children, tok.children) if c.dep_ == "prep"
              and c.lower_ in ("with", "between") for g in c.children if g.dep_ == "pobj"]
    for h in heads:
        for t in [h] + [c for c in h.children if c.dep_ == "conj"]:
            a = _actor_at_token(story, t)
            if a is not None and a != actor1 and story.actor_type.get(a, "other") != "other":
                return a
    return None


def _reacted_act(tok: Any) -> Any:
    """The noun for an act the reaction is about ("condemned the killings"), when it names one."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    objects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
                for p in c.children if p.dep_ in ("pobj", "pcomp")]
    for obj in objects:
        for t in itertools.islice(obj.subtree, 24):
            if t.pos_ == "NOUN" and t.lemma_.lower() in ACT_NOUNS:
                return t
    return None


def reaction_targets(resolved: list[tuple[Any, StoryEvent]], groups: list[Any], story: Story) -> None:
    """A reaction with no target of its own takes the doer of the act it is about: "ECOWAS condemned
    the attempt to seize power" -> the coup's doers; "blamed the militia for the bombing" has one.
    The act may be any candidate event of the story, coded or not, or one the reaction only names
    ("condemned the killings": the story's latest act before it). An accusation pinned "on" someone
    names the accused; an agreement or talks name the other side; a denial answers the accusation
    against its author, and that accusation's target is the denier."""
    by_token: dict[int, Any] = {}
    for g in groups:
        for v in g.members:
            if v.token is not None:
                by_token[v.token.i] = g
    record_of = {id(g): rec for g, rec in resolved}
    acts = [rec for _, rec in resolved if rec.type in ("ASSAULT", "COERCE") and rec.actor1 is not None]
    for g, rec in resolved:
        if rec.type == "ACCUSE" and rec.actor2 is not None and (
                rec.actor2 == "civilians" or names_a_thing(story, rec.actor2)):
            # one condemns or blames a party: not the victims, a weapon or a place ("branded the strike on
            # a housing estate a terrorist attack")
            rec.actor2 = None
        if rec.type == "ACCUSE" and rec.actor2 is not None and g.members and g.members[0].token is not None and any(
                done is not None and done.actor2 == rec.actor2 and done.actor1 not in (None, rec.actor2)
                for done in (record_of.get(id(h)) for h in _object_groups(g.members[0].token, g, by_token))):
            rec.actor2 = None  # "condemned the attack in which assailants killed UN peacekeepers": not the victims
        if rec.actor2 is not None or not g.members or g.members[0].token is None:
            continue
        tok = g.members[0].token
        if rec.type == "ACCUSE":
            rec.actor2 = _blamed_on(tok, story)
            if rec.actor2 == rec.actor1:
                rec.actor2 = None
        if rec.type in SIDES and rec.actor2 is None:
            rec.actor2 = _other_side(tok, story, rec.actor1)
        if rec.type not in REACTIONS or rec.actor2 is not None:
            continue
        for hit in _object_groups(tok, g, by_token):
            done = record_of.get(id(hit))
            doer = done.actor1 if done is not None else next(
                (v.event.actor1 for v in hit.members if v.event.actor1), None)
            if doer and doer != rec.actor1:
                rec.actor2 = doer
                break
        if rec.actor2 is None and rec.type in ("ACCUSE", "REQUEST") and _reacted_act(tok) is not None:
            start = rec.evidence.start if rec.evidence else 0
            before = [a for a in acts if a.evidence and a.evidence.start <= start and a.actor1 != rec.actor1]
            doer = (before[-1] if before else next((a for a in acts if a.actor1 != rec.actor1), None))
            if doer is not None:
                rec.actor2 = doer.actor1
    _pair_denials([rec for _, rec in resolved], [g for g, _ in resolved])


def _object_groups(tok: Any, g: Any, by_token: dict[int, Any]) -> list[Any]:
    """The groups of the acts a reaction is about: its objects ("condemned the attack"), or an act in the
    object phrase ("the attempt to seize power"), "a condemnation of the attack"."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
                for p in c.children if p.dep_ in ("pobj", "pcomp")]
    if tok.dep_ in ("dobj", "pobj") and tok.pos_ != "VERB":
        objects += [p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    out = []
    for obj in objects:
        hit = next((by_token[t.i] for t in itertools.islice(obj.subtree, 64)
                    if t.i in by_token and by_token[t.i] is not g), None)
        if hit is not None:
            out.append(hit)
    return out


def _pair_denials(records: list[StoryEvent], groups: list[Any]) -> None:
    accusations = [r for r in records if r.type == "ACCUSE" and r.actor1 is not None]
    for g, rec in zip(groups, records, strict=True):
        if rec.type != "REJECT" or rec.actor2 is not None or rec.actor1 is None:
            continue
        tok = g.members[0].token if g.members else None
        against = [a for a in accusations if a.actor2 == rec.actor1 and a.actor1 != rec.actor1]
        if not against and tok is not None and any(
                t.lemma_.lower() in ACCUSATIONS or t.dep_ == "ccomp" for c in tok.children
                if c.dep_ in ("dobj", "ccomp", "nsubjpass") for t in itertools.islice(c.subtree, 16)):
            against = [a for a in accusations if a.actor1 != rec.actor1]
        if not against:
            continue
        start = rec.evidence.start if rec.evidence else 0
        before = [a for a in against if a.evidence and a.evidence.start <= start]
        accusation = before[-1] if before else against[0]
        rec.actor2 = accusation.actor1
        if accusation.actor2 is None:
            accusation.actor2 = rec.actor1
