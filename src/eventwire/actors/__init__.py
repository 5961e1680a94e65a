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

Offsets are character offsets into ``doc.text``.  Modules: ``knowledge`` (the actors file,
countries, demonyms), ``recognize`` (candidate mentions from the parse), ``coref`` (which
earlier actor a mention is), ``canonical`` (ids and names).  Rules: docs/actors.md.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..schema import Actor, Mention
from .coref import Cluster, Resolver
from .knowledge import Knowledge, knowledge, slug
from .recognize import TITLES, Desc, Recognizer, is_subject

__all__ = ["ActorTable", "find_actors", "knowledge", "slug"]

_PERSON_NOUNS = TITLES - {"prime", "vice", "deputy", "of", "state", "foreign", "defense", "defence", "interior",
                          "health", "finance", "political", "military", "top", "senior", "former", "supreme",
                          "crown", "mr.", "mrs.", "ms.", "dr."}


# People named by what they are or do: an unnamed speaker is a person ("a trader", "one witness").
_HUMAN_NOUNS = {"source", "witness", "resident", "trader", "doctor", "nurse", "farmer", "teacher", "journalist",
                "survivor", "mother", "father", "man", "woman", "boy", "girl", "driver", "medic", "paramedic",
                "shopkeeper", "student", "worker", "engineer", "activist", "lawyer", "analyst", "expert",
                "villager", "refugee", "soldier", "fighter", "officer", "relative", "neighbour", "neighbor"}


_NAME_LINKS = {"the", "of", "for", "and", "de", "al", "du", "des", "la", "le", "el", "without", "on", "in"}


class ActorTable:
    """The document's actors and a span index over their mentions."""

    def __init__(self, resolver: Resolver | None = None, recognizer: Recognizer | None = None) -> None:
        self.actors: list[Actor] = []
        self._by_id: dict[str, Actor] = {}
        self._resolver = resolver
        self._recognizer = recognizer

    # -- building ---------------------------------------------------------------------------

    def _publish(self, c: Cluster, text: str) -> Actor:
        """The schema.Actor for a cluster (created once; later mentions are appended to it)."""
        actor = self._by_id.get(c.id)
        if actor is None:
            actor = Actor(id=c.id, name=c.name, type=c.type, country=c.country, attributes=c.attributes)
            self._by_id[c.id] = actor
            self.actors.append(actor)
        known = {(m.start, m.end) for m in actor.mentions}
        for m in c.mentions:
            if (m.start, m.end) not in known:
                actor.mentions.append(Mention(start=m.start, end=m.end, text=text[m.start:m.end]))
        actor.mentions.sort(key=lambda m: m.start)
        actor.country = actor.country or c.country
        if actor.type == "other":
            actor.type = c.type  # type: ignore[assignment]
        return actor

    def add(self, name: str, type_: str, start: int, end: int, text: str, **fields: object) -> str:
        """Register a mention of the actor called `name` (kept from the first API; `text` is the mention)."""
        actor_id = slug(name)
        actor = self._by_id.get(actor_id)
        if actor is None:
            actor = Actor(id=actor_id, name=name, type=type_, **fields)  # type: ignore[arg-type]
            self._by_id[actor_id] = actor
            self.actors.append(actor)
        if not any(m.start == start and m.end == end for m in actor.mentions):
            actor.mentions.append(Mention(start=start, end=end, text=text))
            actor.mentions.sort(key=lambda m: m.start)
        return actor_id

    def _text(self, doc: Doc) -> str:
        if self._recognizer is not None and self._recognizer.doc is doc:
            return self._recognizer.text
        return doc.text

    # -- lookups ----------------------------------------------------------------------------

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor whose mention overlaps [start, end) most (ties: the closest in length)."""
        best, best_key = None, None
        for actor in self.actors:
            for m in actor.mentions:
                if m.start < end and start < m.end:
                    overlap = min(end, m.end) - max(start, m.start)
                    key = (overlap, -abs((m.end - m.start) - (end - start)))
                    if best_key is None or key > best_key:
                        best, best_key = actor.id, key
        return best

    def _describe(self, doc: Doc, start: int, end: int) -> Desc | None:
        """What the span says about its referent, read like any mention of the document."""
        if self._recognizer is None:
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        rec = self._recognizer
        root = span.root
        if root.pos_ == "PRON":
            return Desc(start, end, "other", "pronoun", root.i, name=root.lower_)
        found = [d for d in rec.chunk(list(span), root) if d.start <= root.idx < d.end or d.head == root.i]
        if found:
            d = found[0]
            d.start, d.end = start, end  # the caller's span is the mention
            return d
        return None

    def resolve(self, doc: Doc, start: int, end: int) -> str | None:
        """An existing mention overlapping the span, or the earlier actor a pronoun/nominal refers to."""
        hit = self.actor_at(start, end)
        if hit is not None or self._resolver is None:
            return hit
        d = self._describe(doc, start, end)
        if d is None:
            return None
        res = self._resolver
        c: Cluster | None = None
        if d.kind == "pronoun":
            c = res.pronoun(d.name or "", start, d.head)
        elif d.entry is not None:
            c = res.by_id.get(d.entry.id)
        elif d.kind == "state" and d.country:
            c = res.by_id.get(res.kb.state_id(d.country))
        elif d.kind == "person":
            words = (d.name or "").lower().split()
            c = next((x for x in reversed(res.clusters) if x.type == "person"
                      and x.name.lower().split()[-len(words):] == words), None) if words else None
        elif d.kind in ("military", "police", "government", "officials", "ministry", "armed", "group", "party",
                        "media", "agency", "population"):
            c = res.antecedent(d)
        if c is None:
            return None
        return self._register(c, d, self._text(doc))

    def _register(self, c: Cluster, d: Desc, text: str) -> str:
        assert self._resolver is not None
        self._resolver.attach(c, d)
        return self._publish(c, text).id

    def ensure(self, doc: Doc, start: int, end: int) -> str:
        """Like resolve, but a span that refers to nothing known becomes a new actor."""
        found = self.resolve(doc, start, end)
        if found is not None:
            return found
        text = self._text(doc)[start:end]
        d = self._describe(doc, start, end)
        if self._resolver is not None and d is not None and d.kind != "pronoun":
            c = self._resolver.add(d)
            if c is not None:
                return self._publish(c, self._text(doc)).id
        return self.add(_name_of(text), _type_of(doc, start, end), start, end, text)


def _name_of(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or text


def _type_of(doc: Doc, start: int, end: int) -> str:
    """A type from the head noun of a span nothing else recognized ("a senior official" -> person)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "other"
    head = span.root.lower_
    if head in _PERSON_NOUNS or span.root.ent_type_ == "PERSON" or head in _HUMAN_NOUNS:
        return "person"
    if head in ("sources", "witnesses", "people"):
        return "population"
    return "other"


def _with_known_spans(rec: Recognizer) -> list[Desc]:
    """The recognizer's mentions, where a knowledge alias the tagger broke up replaces the pieces.

    A raw-text alias match wins over the unknown names inside it ("Doctors" + "Without Borders");
    a match nothing overlaps is kept only when it starts with a capital (a name the tagger missed).
    """
    found = list(rec.run())
    for m in rec.known_spans():
        inside = [d for d in found if d.start < m.end and m.start < d.end]
        if any(d.entry is not None or d.start < m.start or d.end > m.end for d in inside):
            continue  # already known there, or part of a longer phrase: the phrase's reading stands
        words = rec.text[m.start:m.end].split()
        if not all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in words):
            continue  # "Israeli military campaign": lower-case words make it a description, not a name
        found = [d for d in found if d not in inside]
        found.append(m)
    return found


def find_actors(doc: Doc, kb: Knowledge | None = None) -> ActorTable:
    """Every participant of `doc`, canonicalized: one pass over chunks and entities, then appositions."""
    kb = kb or knowledge()
    sent_of = [0] * len(doc)
    if doc.has_annotation("SENT_START"):
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = n
    def subject_of(i: int) -> bool:  # asked only for mention heads: cheaper than a list over all tokens
        return is_subject(doc[i])

    rec = Recognizer(doc, kb)
    res = Resolver(kb, sent_of, subject_of)
    dl = doc._.eventwire_dateline if Doc.has_extension("eventwire_dateline") else None
    if dl is not None:
        res.default_country = next((p.country for p in doc._.eventwire_places or []
                                    if dl.start <= p.start < dl.end and p.country), None)
    pending: list[Desc] = []
    for d in sorted(_with_known_spans(rec), key=lambda d: (d.start, -d.end)):
        if d.appos_of is not None:
            pending.append(d)  # needs its partner's actor, which may come later in the text
            continue
        res.add(d)
    for d in pending:
        partner = res.by_head.get(d.appos_of)  # type: ignore[arg-type]
        if partner is None:
            ent = rec.ent_of[d.appos_of] if d.appos_of is not None else None
            partner = next((res.by_head[i] for i in range(ent.start, ent.end) if i in res.by_head), None) \
                if ent is not None else None
        if partner is not None:
            if partner.type == "other" and d.type != "other":
                partner.type = d.type
            res.attach(partner, d)
        elif d.kind != "role":
            d.appos_of = None
            res.add(d)
    res.merge_stray_names()
    table = ActorTable(res, rec)
    for c in res.clusters:
        if c.mentions:
            table._publish(c, rec.text)
    table.actors.sort(key=lambda a: a.mentions[0].start if a.mentions else 0)
    return table
