"""The actors stage: every participant mentioned, canonicalized within the document.

Public API (later stages rely on it; keep it stable):

    find_actors(doc) -> ActorTable
    ActorTable.actors                  list[schema.Actor], in order of first mention
    ActorTable.actor_at(start, end)    id of the actor with a mention overlapping the span, or None
    ActorTable.get(actor_id)           the schema.Actor with that id, or None
    ActorTable.add_mention(actor, start, end, text)
                                       record a mention (later stages add theirs through it, so that
                                       actor_at's index stays whole)
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

import re
from bisect import insort

from spacy.tokens import Doc, Span, Token

from ..schema import Actor, Mention
from .canonical import description_id, description_name
from .coref import Cluster, Resolver, is_abbreviation
from .knowledge import Knowledge, knowledge, norm, slug
from .recognize import (
    HONORIFICS,
    MEDIA,
    MEDIA_QUALIFIERS,
    TITLE_ABBREVIATIONS,
    TITLES,
    Desc,
    Recognizer,
    is_locative,
    is_subject,
)
from .spokespeople import SPOKES_WORDS, find_speakers_bodies

__all__ = ["ActorTable", "find_actors", "knowledge", "slug"]

_PERSON_NOUNS = TITLES - {"prime", "vice", "deputy", "of", "state", "foreign", "defense", "defence", "interior",
                          "health", "finance", "political", "military", "top", "senior", "former", "supreme",
                          "crown", "mr.", "mrs.", "ms.", "dr.", *TITLE_ABBREVIATIONS}

# Descriptions of an organization: in apposition with a name ("the rights group Odhikar"), they say the name is an
# organization, not a person, even when the tagger called it one
ORGANIZATION_KINDS = {"group", "org", "armed", "agency", "media", "party"}

# People named by what they are or do: an unnamed speaker is a person ("a trader", "one witness").
_HUMAN_NOUNS = {"source", "witness", "resident", "trader", "doctor", "nurse", "farmer", "teacher", "journalist",
                "survivor", "mother", "father", "man", "woman", "boy", "girl", "driver", "medic", "paramedic",
                "shopkeeper", "student", "worker", "engineer", "activist", "lawyer", "analyst", "expert",
                "villager", "refugee", "soldier", "fighter", "officer", "relative", "neighbour", "neighbor"}


_NAME_LINKS = {"the", "of", "for", "and", "de", "al", "du", "des", "la", "le", "el", "without", "on", "in"}

# Words of a phrase that only counts people ("more than 30 others", "at least 12", "dozens"): no name in it
_COUNTING = {"more", "than", "at", "least", "about", "some", "over", "nearly", "around", "almost", "up", "to",
             "others", "other", "another", "dozens", "hundreds", "thousands", "scores", "dozen", "hundred",
             "thousand", "million", "millions", "several", "many", "few", "of", "them", "those", "all", "both",
             "the", "a", "an", "further", "additional", "roughly", "approximately", "just", "only", "fewer",
             "no", "less", "people", "persons", "and", "-", ","}
_COUNT_NOUNS = {"others", "dozens", "hundreds", "thousands", "scores", "dozen", "several", "many", "few"}
# Nouns a state's adjective stands for its military in ("a Turkish drone strike", "Russian missiles")
_MILITARY_MEANS = {"drone", "drones", "strike", "strikes", "airstrike", "airstrikes", "air", "shelling", "missile",
                   "missiles", "warplane", "warplanes", "jet", "jets", "artillery", "raid", "raids", "bombardment",
                   "bombing", "bombings", "offensive", "incursion", "helicopter", "helicopters", "rocket", "rockets",
                   "tank", "tanks", "gunfire", "fire", "attack", "attacks", "operation", "operations", "troops",
                   "aircraft", "planes", "navy", "warship", "warships", "forces", "soldiers"}
# "the 42-year-old", "the 70-year-old cleric": a person named just before
_AGED = re.compile(r"(?i)^the\s+[\w-]+[- ]year[- ]old(\s+\w+)?$")
# "Ghana's Joint Operations Command": a body named with its state's possessive
_OWNED = re.compile(r"^(?:the\s+)?([A-Z][\w .-]*?)['’]s\s+([A-Z].*)$")
# "(KNU)" right after a name: the name's abbreviation
_BRACKETED = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,9})\s*\)")
# Verbs that make an organization doing them to someone an armed group ("the CPC seized the town")
_ATTACK_VERBS = {"attack", "kill", "raid", "ambush", "storm", "seize", "overrun", "abduct", "kidnap", "shell",
                 "bomb", "behead", "massacre", "capture", "strike", "assault", "loot", "torch", "execute", "shoot"}
_NOT_SPEAKING_SOURCES = MEDIA | MEDIA_QUALIFIERS | {"reuters", "afp", "ap", "witnesses", "residents", "sources",
                                                   "reports", "report", "footage", "video", "images"}
_SAY_VERBS = {"say", "claim", "announce", "confirm", "state", "boast"}


_BUCKET = 64  # characters per bucket of the mention index


def _balanced(name: str) -> str:
    """A name with an opened bracket closed ("Movement (SPLM" -> "Movement (SPLM)"), or cut before a bracket
    that holds nothing ("Police (" -> "Police")."""
    if name.count("(") <= name.count(")"):
        return name
    head, _, inner = name.rpartition("(")
    return f"{head}({inner.strip()})" if inner.strip() else head.rstrip()


class ActorTable:
    """The document's actors and a span index over their mentions."""

    def __init__(self, resolver: Resolver | None = None, recognizer: Recognizer | None = None) -> None:
        self.actors: list[Actor] = []
        self._by_id: dict[str, Actor] = {}
        self._resolver = resolver
        self._recognizer = recognizer
        # actor_at's index: the mentions overlapping each stretch of _BUCKET characters, as (actor's
        # position in self.actors, start, end, actor id), and each actor's mention spans.
        self._order: dict[str, int] = {}
        self._buckets: dict[int, list[tuple[int, int, int, str]]] = {}
        self._spans: dict[str, set[tuple[int, int]]] = {}

    def _append(self, actor: Actor) -> None:
        self._by_id[actor.id] = actor
        self._order[actor.id] = len(self.actors)
        self.actors.append(actor)
        self._spans[actor.id] = set()
        for m in actor.mentions:
            self._index(actor, m.start, m.end)

    def _index(self, actor: Actor, start: int, end: int) -> None:
        self._spans[actor.id].add((start, end))
        item = (self._order[actor.id], start, end, actor.id)
        for b in range(start // _BUCKET, max(start, end - 1) // _BUCKET + 1):
            self._buckets.setdefault(b, []).append(item)

    def sort_by_first_mention(self) -> None:
        """Order the actors by their first mention (then rebuild actor_at's index, which records order)."""
        self.actors.sort(key=lambda a: a.mentions[0].start if a.mentions else 0)
        self._order = {a.id: k for k, a in enumerate(self.actors)}
        self._buckets = {}
        for a in self.actors:
            for m in a.mentions:
                self._index(a, m.start, m.end)

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def add_mention(self, actor: Actor, start: int, end: int, text: str, *, again: bool = False) -> bool:
        """Add the mention [start, end) to `actor` (in text order) unless it has it (``again``: even
        then); whether it was added."""
        if not again and (start, end) in self._spans[actor.id]:
            return False
        insort(actor.mentions, Mention(start=start, end=end, text=text), key=lambda m: m.start)
        self._index(actor, start, end)
        return True

    # -- building ---------------------------------------------------------------------------

    def _publish(self, c: Cluster, text: str) -> Actor:
        """The schema.Actor for a cluster (created once; later mentions are appended to it)."""
        actor = self._by_id.get(c.id)
        if actor is None:
            actor = Actor(id=c.id, name=_balanced(c.name), type=c.type, country=c.country, attributes=c.attributes)
            self._append(actor)
        known = set(self._spans[actor.id])
        for m in c.mentions:
            end = m.end
            if text[m.start:end].count("(") > text[m.start:end].count(")") and text[end:end + 1] == ")":
                end += 1  # "the Sudan People's Liberation Movement (SPLM)": the parser left the bracket out
            if (m.start, end) not in known:
                self.add_mention(actor, m.start, end, text[m.start:end], again=True)
        actor.country = actor.country or c.country
        if actor.type == "other":
            actor.type = c.type  # type: ignore[assignment]
        self._name_forms(actor)
        return actor

    def add(self, name: str, type_: str, start: int, end: int, text: str, **fields: object) -> str:
        """Register a mention of the actor called `name` (kept from the first API; `text` is the mention)."""
        actor_id = slug(name)
        actor = self._by_id.get(actor_id)
        if actor is None:
            actor = Actor(id=actor_id, name=name, type=type_, **fields)  # type: ignore[arg-type]
            self._append(actor)
        self.add_mention(actor, start, end, text)
        return actor_id

    def _name_forms(self, actor: Actor) -> None:
        """The other names news and datasets use for a state's organs, as aliases (once)."""
        if actor.aliases or self._resolver is None:
            return
        kb = self._resolver.kb
        owned = _OWNED.match(actor.name) if actor.type not in ("person", "state") else None
        iso = kb.country_of_name(owned.group(1)) if owned else None
        if owned and iso:
            # "Ghana's Joint Operations Command" is also the "Ghanaian Joint Operations Command"
            adjective = kb.adjectives.get(iso)
            actor.country = actor.country or iso
            if adjective:
                actor.aliases.append(f"{adjective} {owned.group(2)}")
            return
        if not actor.country:
            return
        if actor.type == "state":
            adjective = kb.adjectives.get(actor.country)  # "Russian" for Russia
            if adjective and adjective.lower() != actor.name.lower():
                actor.aliases.append(adjective)
        elif actor.type == "government" and actor.name.endswith("Government"):
            state = kb.state_name(actor.country)  # "Government of Guinea", as ACLED names it
            actor.aliases.extend([f"Government of {state}", f"{state} government"])
        elif actor.type == "military" and actor.name.endswith("Military"):
            # the words news uses for a state's military: "Russian forces", "Israeli troops"
            adjective = kb.adjectives.get(actor.country)
            if adjective:
                actor.aliases.extend(f"{adjective} {noun}" for noun in ("forces", "armed forces", "troops", "army"))

    @property
    def kb(self) -> Knowledge | None:
        """The actor knowledge base (names, demonyms, countries), when a resolver is attached."""
        return self._resolver.kb if self._resolver is not None else None

    def implied(self, kind: str, country: str | None = None, place: str | None = None) -> str:
        """An actor the text implies without naming: "civilians" (the people of a village or a market
        that was attacked), a state's "military" (the garrison of a base or a checkpoint) or "police"
        (of the state, or of a city: "Delhi police spokesman X"), or the state
        itself (the one that expels a diplomat). It has no
        mention; ``attributes.implied`` says so. An actor already present under that id is reused."""
        if kind in ("military", "police") and country and self._resolver is not None:
            kb = self._resolver.kb
            where = place if kind == "police" else None
            actor_id = description_id(kb, kind, country, where, None, None)
            name = description_name(kb, kind, country, where, None, None)
            type_ = kind  # the state's military, or its police
        elif kind == "government" and country and self._resolver is not None:
            # the government a coup overthrows
            kb = self._resolver.kb
            actor_id = description_id(kb, "government", country, None, None, None)
            name = description_name(kb, "government", country, None, None, None)
            type_ = "government"
        elif kind == "protesters":
            # a protest's unnamed crowd, as ACLED names it ("Protesters"); of the country it marches in
            actor_id, name, type_ = "protesters", "Protesters", "population"
        elif kind == "state" and country and self._resolver is not None:
            # a state acting through an official ("a diplomat was thrown out of Canada")
            kb = self._resolver.kb
            actor_id, name, type_ = kb.state_id(country), kb.state_name(country), "state"
        else:
            actor_id, name, type_, country = "civilians", "Civilians", "population", None
        actor = self._by_id.get(actor_id)
        if actor is None:
            actor = Actor(id=actor_id, name=name, type=type_, country=country,  # type: ignore[arg-type]
                          attributes={"implied": True})
            self._append(actor)
            self._name_forms(actor)
        return actor_id

    def _text(self, doc: Doc) -> str:
        if self._recognizer is not None and self._recognizer.doc is doc:
            return self._recognizer.text
        return doc.text

    # -- lookups ----------------------------------------------------------------------------

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor whose mention overlaps [start, end) most (ties: the closest in length)."""
        best, best_key = None, None
        for b in range(start // _BUCKET, max(start, end - 1) // _BUCKET + 1):
            for order, m_start, m_end, actor_id in self._buckets.get(b, ()):
                if m_start < end and start < m_end:
                    overlap = min(end, m_end) - max(start, m_start)
                    # ties: the actor listed first (as a scan of self.actors in order would find)
                    key = (overlap, -abs((m_end - m_start) - (end - start)), -order)
                    if best_key is None or key > best_key:
                        best, best_key = actor_id, key
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
        words = [t for t in span if t.lower_ not in ("the", "a", "an")]
        if len(words) == 1 and rec.kb.demonym(words[0].text) and not rec.kb.ethnic_name(words[0].text) \
                and words[0].tag_ not in ("NNS", "NNPS"):
            # an adjective standing for its state: "a Turkish drone strike" (the state's military), "Ukrainian claims"
            iso = rec.kb.demonym(words[0].text)
            if words[0].head.lower_ in _MILITARY_MEANS and words[0].head != words[0]:
                d = Desc(start, end, "military", "military", root.i, country=iso)
                return d
            return Desc(start, end, "state", "state", root.i, country=iso)
        name = " ".join(t.text for t in words)
        iso = rec.kb.capitals.get(norm(name)) or rec.kb.country_of_name(name)
        if iso and words and all(t.pos_ == "PROPN" for t in words) and not is_locative(root):
            # a capital or country asked for as a participant stands for the state ("Sharif asked Washington")
            return Desc(start, end, "state", "state", root.i, country=iso)
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
            speaker, same = self._speaker_of(doc, start, end)
            if speaker is not None and same:
                return speaker  # "an affiliate of al-Qaida said it carried out the raid": the speaker
            c = res.pronoun(d.name or "", start, d.head)
            if c is not None and speaker is not None and not same and c.id == speaker:
                return None  # "the ministry said they had attacked a convoy": someone else
        elif d.entry is not None:
            c = res.by_id.get(d.entry.id)
        elif d.kind == "state" and d.country:
            c = res.by_id.get(res.kb.state_id(d.country))
        elif d.kind == "person":
            words = (d.name or "").lower().split()
            c = next((x for x in reversed(res.clusters) if x.type == "person"
                      and x.name.lower().split()[-len(words):] == words), None) if words else None
        elif d.kind in ("military", "police", "intelligence", "government", "officials", "ministry", "armed", "group",
                        "party", "media", "agency", "population"):
            c = res.antecedent(d)
        if c is None:
            return None
        return self._register(c, d, self._text(doc))

    def _speaker_of(self, doc: Doc, start: int, end: int) -> tuple[str | None, bool]:
        """(the speaker's actor, whether the pronoun stands for it) when a pronoun is the subject of what its
        own sentence's organisation says: "X says it was behind the attack", "the rebels said they had
        seized the town" ("it" for an organisation, "they" for a plural one: the speaker's subject, or a
        party named inside it, "an affiliate of al-Qaida"); "the ministry said they had attacked a convoy"
        names someone else. (None, False) when the sentence is no such report."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) != 1 or span[0].dep_ != "nsubj":
            return None, False
        pron, clause = span[0], span[0].head
        if pron.lower_ not in ("it", "they") or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SAY_VERBS:
            return None, False
        subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON" or subj.lower_ in _NOT_SPEAKING_SOURCES:
            return None, False  # ("sources said they assaulted a post": the sources tell, they did not act)
        first, last = subj.left_edge, subj.right_edge
        found = self.actor_at(first.idx, last.idx + len(last.text))
        actor = self._by_id.get(found) if found is not None else None
        if actor is None or actor.type in ("person", "other", "population", "media"):
            return None, False  # (a party that acts: a state, its organs, an armed group, a party, a body)
        return found, (pron.lower_ == "they") == (subj.tag_ in ("NNS", "NNPS"))

    def _unnamed(self, doc: Doc, span: Span, start: int, end: int) -> str | None:
        """Spans that name no one: a count ("12", "more than 30 others"), an unresolved he/she, a bare title.

        A count is what the sentence's earlier number counts when that is an actor ("Five personnel of the
        Frontier Corps ... at least 12 were injured"), else Civilians; "he" is the last person named in full
        within a few sentences; "the governor" is the last person with that role. None when the span is none
        of these.
        """
        res = self._resolver
        assert res is not None
        text = self._text(doc)
        root = span.root
        if _counts_only(span):
            noun = _counted_noun(span)
            hit = self.actor_at(noun.idx, noun.idx + len(noun)) if noun is not None else None
            c = res.by_id.get(hit) if hit is not None else None
            if c is not None and c.type not in ("other", "person"):
                return self._register(c, Desc(start, end, c.type, c.kind, root.i), text)
            d = Desc(start, end, "population", "population", root.i, label="civilians")
            c = res.add(d)
            return self._publish(c, text).id if c is not None else None
        if len(span) == 1 and root.lower_ in ("he", "she", "him", "her"):
            c = self._last_person(start, res.sent_of[root.i], reach=8)
            return self._register(c, Desc(start, end, "person", "pronoun", root.i), text) if c is not None else None
        words = [t for t in span if t.lower_ not in ("the", "a", "an")]
        if span[0].lower_ == "the" and words and words[-1].lower_ in TITLES and all(
                t.lower_ in TITLES or t.pos_ == "ADJ" for t in words):
            title = words[-1].lower_
            best = None
            for c in res.clusters:
                role = [TITLE_ABBREVIATIONS.get(w, w) for w in str(c.attributes.get("role", "")).lower().split()]
                published = self._by_id.get(c.id)
                if title in SPOKES_WORDS and (any(w in SPOKES_WORDS for w in role) or (
                        published is not None and "speaks_for" in published.attributes)):
                    role = [*role, title]  # "the spokesperson" after "X, who speaks for the ministry"
                if c.type == "person" and title in role and c.mentions and c.mentions[0].start < start and (
                        best is None or c.mentions[-1].start > best.mentions[-1].start):
                    best = c
            if best is not None:  # "the governor" -> the person introduced as governor
                return self._register(best, Desc(start, end, "person", "role", root.i), text)
        if _AGED.match(text[start:end]):
            # "said the 42-year-old": the person named last, nearby
            c = self._last_person(start, res.sent_of[root.i], reach=3)
            if c is not None:
                return self._register(c, Desc(start, end, "person", "role", root.i), text)
        names = [t for t in words if t.lower_ not in HONORIFICS]
        if names and len(names) < len(words) + 1 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in names):
            c = res.person_by_name(" ".join(t.text for t in names))  # "Ms Tikhanouskaya", a surname alone
            if c is not None:
                return self._register(c, Desc(start, end, "person", "person", root.i), text)
        return None

    def _body_named_before(self, span: Span, start: int) -> Cluster | None:
        """For "the office", "the service": the body last named with that head noun before it."""
        words = [t for t in span if not t.is_punct]
        if len(words) != 2 or words[0].lower_ != "the" or words[1].pos_ != "NOUN":
            return None
        noun = words[1].lower_
        res = self._resolver
        assert res is not None
        best, best_start = None, -1
        for c in res.clusters:
            if c.type in ("person", "population") or c.kind not in ("org", "entry"):
                continue
            if c.name.lower().split()[-1:] != [noun] or " " not in c.name:
                continue
            m = c.last_before(start)
            if m is not None and m.start > best_start:
                best, best_start = c, m.start
        return best

    def _last_person(self, start: int, sent: int, reach: int) -> Cluster | None:
        """The person with the latest mention before `start`, within `reach` sentences back."""
        res = self._resolver
        assert res is not None
        last = [(m.start, i) for i, x in enumerate(res.clusters) if x.type == "person" and " " in x.name
                for m in [x.last_before(start)] if m is not None and m.sent >= sent - reach]
        return res.clusters[max(last)[1]] if last else None

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
        span = doc.char_span(start, end, alignment_mode="expand")
        if self._resolver is not None and span is not None and len(span) > 0:
            found = self._unnamed(doc, span, start, end)
            if found is not None:
                return found
        if self._resolver is not None and span is not None and len(span) > 0:
            body = self._body_named_before(span, start)
            if body is not None:  # "the service" after "the national fire service"
                return self._register(body, Desc(start, end, body.type, body.kind, span.root.i), self._text(doc))
        d = self._describe(doc, start, end)
        if self._resolver is not None and d is not None and d.kind != "pronoun":
            c = self._resolver.add(d)
            if c is not None:
                return self._publish(c, self._text(doc)).id
        name = _name_of(text)
        if span is not None and len(span) > 1:  # "three vehicles": the name is what is counted
            # ("dead three clerks": "shot dead" parsed into the phrase)
            rest = [t for t in span if not (t.like_num or t.pos_ == "NUM" or t.lower_ in _COUNTING or (
                t.i == span.start and t.lower_ in ("dead", "alive")))]
            if rest and rest[0].i > span.start:
                name = _name_of(self._text(doc)[rest[0].idx:end])
        return self.add(name, _type_of(doc, start, end), start, end, text)


def _name_of(text: str) -> str:
    """A name from a span nothing recognized, without its article or count ("three vehicles" -> "vehicles")."""
    words = text.split()
    while len(words) > 1 and (words[0].lower() in _COUNTING or words[0].lower() in ("the", "a", "an")
                              or words[0].replace(",", "").replace(".", "").isdigit()):
        words = words[1:]
    return " ".join(words) or text


def _counts_only(span: Span) -> bool:
    """"12", "more than 30 others", "at least 12", "dozens", "other people": a count with no noun of its own."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(t.like_num or t.pos_ == "NUM" or t.lower_ in _COUNTING for t in words) and any(
        t.like_num or t.pos_ == "NUM" or t.lower_ in _COUNT_NOUNS | {"people", "persons", "other"} for t in words)


def _counted_noun(span: Span) -> Token | None:
    """The noun an earlier number of the sentence counts, for an elided count ("Five personnel ... and 12 were
    injured" -> "personnel")."""
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    for t in reversed(sent[: max(0, span.start - sent.start)]):
        if (t.like_num or t.pos_ == "NUM") and t.dep_ == "nummod" and t.head.pos_ in ("NOUN", "PROPN") \
                and t.head.i < span.start:
            return t.head
    return None


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
        return is_subject(doc[i]) or _according_to(doc[i])

    rec = Recognizer(doc, kb)
    res = Resolver(kb, sent_of, subject_of, lambda i: doc[i].lower_)
    dl = doc._.eventwire_dateline if Doc.has_extension("eventwire_dateline") else None
    if dl is not None:
        res.default_country = next((p.country for p in doc._.eventwire_places or []
                                    if dl.start <= p.start < dl.end and p.country), None)
    pending: list[Desc] = []
    text = rec.text
    bracketed = {m.start(1): m.start() for m in _BRACKETED.finditer(text)}  # "(KNU)": abbreviation -> "("
    ends: dict[int, Cluster] = {}  # where a mention ends -> its actor, for the name before a bracket
    for d in sorted(_with_known_spans(rec), key=lambda d: (d.start, -d.end)):
        if d.appos_of is not None:
            pending.append(d)  # needs its partner's actor, which may come later in the text
            continue
        if d.start in bracketed and is_abbreviation(text[d.start:d.end]):
            k = bracketed[d.start]
            while k > 0 and text[k - 1].isspace():
                k -= 1
            named = ends.get(k)
            if named is not None and named.type not in ("person", "state"):
                res.abbrevs.setdefault(text[d.start:d.end], named)  # "the Karen National Union (KNU)"
        c = res.add(d)
        if c is not None:
            ends[d.end] = c
    for d in pending:
        partner = res.by_head.get(d.appos_of)  # type: ignore[arg-type]
        if partner is None:
            ent = rec.ent_of[d.appos_of] if d.appos_of is not None else None
            partner = next((res.by_head[i] for i in range(ent.start, ent.end) if i in res.by_head), None) \
                if ent is not None else None
        named = rec.proper_name_at(d.appos_of) if partner is None and d.appos_of is not None else None
        if named is not None and d.kind in ORGANIZATION_KINDS and d.type not in ("other", "person"):
            # "Iran Human Rights, a Norway-based rights group,": a name nothing made an actor, which the
            # description says is an organization
            partner = res.add(Desc(named.start_char, named.end_char, d.type, "org", d.appos_of, name=named.text))
        if partner is not None:
            if partner.type == "other" and d.type != "other":
                partner.type = d.type
            elif partner.type == "person" and d.kind in ORGANIZATION_KINDS and d.type not in ("other", "person"):
                # "the rights group Odhikar", "X, a rebel group,": the description says what the name is, whatever
                # the tagger thought (a one-word name of a group is easily tagged PERSON)
                partner.type, partner.kind = d.type, "org"
                partner.attributes.pop("role", None)
            res.attach(partner, d)
        elif d.kind != "role":
            d.appos_of = None
            res.add(d)
    res.merge_stray_names()
    for c in res.clusters:  # "the CPC seized the town", "the KNU said it had overrun an army post"
        if c.kind == "org" and c.type == "other" and any(_acts_violently(doc, m.head) for m in c.mentions):
            c.type = "armed_group"
    table = ActorTable(res, rec)
    for c in res.clusters:
        if c.mentions:
            table._publish(c, rec.text)
    table.sort_by_first_mention()
    find_speakers_bodies(doc, table, res.default_country)  # "police spokesman X" speaks for the police
    res.frozen = True
    return table


def _according_to(tok: Token) -> bool:
    """The source of "According to X, ...": the sentence's speaker, as salient as a subject ("... which it
    branded an attack": it is X)."""
    if not (tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"):
        return False
    # an outlet or witnesses are where the report comes from, not a party that speaks in it
    return not any(t.lower_ in _NOT_SPEAKING_SOURCES for t in tok.subtree)


def _acts_violently(doc: Doc, i: int) -> bool:
    """The token is the subject of an attack on someone, directly or through "said it had ..."."""
    if i < 0 or doc[i].dep_ != "nsubj":
        return False
    verbs = [doc[i].head]
    verbs += [c for c in doc[i].head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if doc[i].head.lemma_.lower() in _SAY_VERBS:
        verbs += [c for c in doc[i].head.children if c.dep_ == "ccomp" and any(
            x.dep_ == "nsubj" and x.lower_ in ("it", "they") for x in c.children)]
    return any(v.lemma_.lower() in _ATTACK_VERBS and any(c.dep_ == "dobj" for c in v.children) for v in verbs)
