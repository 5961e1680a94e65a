"""The actors stage: every participant mentioned, canonicalized within the document.

Public API (later stages rely on it; keep it stable):

    find_actors(doc) -> ActorTable
    ActorTable.actors                  list[schema.Actor], in order of first mention
    ActorTable.actor_at(start, end)    id of the actor with a mention overlapping the span, or None
    ActorTable.resolve(doc, start, end)
                                       id for the mention at [start, end): an existing mention,
                                       or a pronoun / nominal ("he", "the ministry") resolved to
                                       an earlier actor; None when nothing fits
    ActorTable.ensure(doc, start, end) like resolve, but registers the span as a new actor (or a
                                       new mention of the resolved one) so it always returns an id

Offsets are character offsets into ``doc.text``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..schema import Actor, Mention

_ENTITY_TYPES = {"PERSON": "person", "ORG": "other", "NORP": "population", "GPE": "state"}


def slug(name: str) -> str:
    """A stable id from a canonical name: 'Gaza Health Ministry' -> 'gaza-health-ministry'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "actor"


class ActorTable:
    """The document's actors and a span index over their mentions."""

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self._by_id: dict[str, Actor] = {}

    def add(self, name: str, type_: str, start: int, end: int, text: str, **fields: object) -> str:
        actor_id = slug(name)
        actor = self._by_id.get(actor_id)
        if actor is None:
            actor = Actor(id=actor_id, name=name, type=type_, **fields)
            self._by_id[actor_id] = actor
            self.actors.append(actor)
        if not any(m.start == start and m.end == end for m in actor.mentions):
            actor.mentions.append(Mention(start=start, end=end, text=text))
            actor.mentions.sort(key=lambda m: m.start)
        return actor_id

    def actor_at(self, start: int, end: int) -> str | None:
        for actor in self.actors:
            for m in actor.mentions:
                if m.start < end and start < m.end:
                    return actor.id
        return None

    def resolve(self, doc: Doc, start: int, end: int) -> str | None:
        return self.actor_at(start, end)

    def ensure(self, doc: Doc, start: int, end: int) -> str:
        found = self.resolve(doc, start, end)
        if found is not None:
            return found
        text = doc.text[start:end]
        return self.add(text, "other", start, end, text)


def find_actors(doc: Doc) -> ActorTable:
    """Actors from the named entities (placeholder recognizer; the real one replaces it)."""
    table = ActorTable()
    for ent in doc.ents:
        kind = _ENTITY_TYPES.get(ent.label_)
        if kind:
            table.add(ent.text, kind, ent.start_char, ent.end_char, ent.text)
    return table
