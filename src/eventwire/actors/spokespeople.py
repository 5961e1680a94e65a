"""Who a spokesperson speaks for.

News names a spokesperson by the body they speak for: "Mombasa police spokesman Ali Hassan",
"Amina Farah, a spokeswoman for the Somali Red Crescent", "Peter Okello, the Ugandan army's
spokesman". What such a person says or confirms is the body's statement, and event
data codes it so (ACLED and PLOVER name the institution, not its press officer). This pass finds
that body for each named person and records it as ``attributes["speaks_for"]`` (an actor id);
the story stage puts the body where the person would be an event's actor.

The body is an actor the phrase names ("the Somali Red Crescent"); else, for the words news
uses for a state's forces ("army", "police", "defence"), that state's military or police, the
state read from the phrase ("Indian", "Delhi"), the person, or the dateline. One look at each
mention's phrase: linear in the mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from . import ActorTable

SPOKES_WORDS = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen",
                "mouthpiece"}
# words for a state's forces, and the body they stand for
FORCE_WORDS = {"army": "military", "military": "military", "defence": "military", "defense": "military",
               "forces": "military", "police": "police", "interior": "police"}
OFFICES = {"ministry", "office", "department", "agency", "council", "commission", "service", "embassy",
           "presidency", "party"}
# bodies that speak through a spokesperson (a person named beside them is theirs)
BODY_TYPES = {"military", "armed_group", "government", "ministry", "party", "igo", "ngo", "state", "other",
              "police", "intelligence"}


def _spokes_token(name_head: Token) -> Token | None:
    """The "spokesman" word of the phrase that names the person, if any: a compound before the name
    ("police spokesman X"), an apposition ("X, a spokesman for ...", "the army's spokesman, X")."""
    for c in name_head.children:
        if c.dep_ in ("compound", "appos", "nmod") and c.lower_ in SPOKES_WORDS:
            return c
    for c in name_head.children:  # "X, who speaks for the army"
        if c.dep_ == "relcl" and c.lemma_.lower() == "speak" and any(
                p.dep_ == "prep" and p.lower_ == "for" for p in c.children):
            return c
    head = name_head.head
    if name_head.dep_ == "appos" and head.lower_ in SPOKES_WORDS:
        return head
    if name_head.dep_ == "compound" and head.lower_ in SPOKES_WORDS:
        return head
    return None


def _body_tokens(spokes: Token) -> list[Token]:
    """The words that name whom the spokesperson speaks for: modifiers before the word ("Delhi
    police", "the army's") and the object of "for"/"of"."""
    out: list[Token] = []
    for c in spokes.children:
        if c.i < spokes.i and c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
            out.extend(t for t in c.subtree if t.i < spokes.i)
        elif c.dep_ == "prep" and c.lower_ in ("for", "of", "at"):
            out.extend(t for g in c.children if g.dep_ == "pobj" for t in g.subtree)
    return sorted({t.i: t for t in out}.values(), key=lambda t: t.i)


def find_speakers_bodies(doc: Doc, table: ActorTable, default_country: str | None = None) -> None:
    """Set ``attributes["speaks_for"]`` on each person named as a body's spokesperson."""
    kb = table.kb
    places = list(doc._.eventwire_places or []) if doc.has_extension("eventwire_places") else []
    named = {m.text: a.id for a in table.actors if a.type != "person" for m in a.mentions}
    for actor in list(table.actors):
        if actor.type != "person" or "speaks_for" in actor.attributes:
            continue
        for m in actor.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            spokes = span.root if span.root.lower_ in SPOKES_WORDS else _spokes_token(span.root)
            if spokes is None:
                continue
            body = _body(doc, table, spokes, actor.id, actor.country, places, default_country, kb, named)
            if body is not None:
                actor.attributes["speaks_for"] = body
                break


def _body(doc: Doc, table: ActorTable, spokes: Token, person: str, person_country: str | None,
          places: list, default_country: str | None, kb: object, named: dict[str, str]) -> str | None:
    words = _body_tokens(spokes)
    if not words:
        return None
    # 1. an actor the phrase names (or a name it was called elsewhere: "OLA spokesperson")
    best = None
    for t in words:
        hit = table.actor_at(t.idx, t.idx + len(t)) or (named.get(t.text) if t.pos_ == "PROPN" else None)
        if hit is None or hit == person:
            continue
        found = table.get(hit)
        if found is None or found.type not in BODY_TYPES:
            continue
        if best is None or (found.type != "state" and best.type == "state"):
            best = found  # "the Ugandan army's": the army, not Uganda
    force = next((FORCE_WORDS[t.lower_] for t in words if t.lower_ in FORCE_WORDS), None)
    if best is not None and not (best.type == "state" and force):
        return best.id
    # 2. the words for a state's forces, of the state the phrase, the person or the dateline names
    if force is None or any(t.lower_ in OFFICES for t in words):
        return None  # "a Defence Ministry spokesman": a ministry nothing recognized, not the army
    country = best.country if best is not None else None
    city = None
    if country is None:
        for t in words:
            country = kb.demonym(t.text) if kb is not None else None  # type: ignore[attr-defined]
            if country:
                break
            place = next((p for p in places if p.start <= t.idx < p.end and p.country), None)
            if place is not None:
                country = place.country
                if place.feature == "city":  # "Delhi police": the city's force
                    city = doc.text[place.start:place.end]
                break
    country = country or person_country or default_country
    if country is None:
        return None
    return table.implied(force, country, city)
