"""Toponym recognition: spaCy's place entities plus gazetteer matching over proper-noun runs.

The small English model misses or mislabels many place names (it tags "Khan Yunis" and
"Rafah" as PERSON, and places inside organisation names are never entities of their own:
"Gaza" in "the Gaza health ministry").  So candidates come from two sources:

1. NER entities labelled GPE, LOC (and FAC, optionally): always mentions, even when the
   gazetteer has no entry (they are then recognised but unresolved);
2. runs of proper-noun tokens, matched longest-first against the gazetteer; such a
   match is kept when its strongest reading is prominent enough for where it stands
   (inside a PERSON entity, inside an ORG, or free, lower after a locative preposition:
   "in Clarinda"), so that "Will", "Of" or "Jordan Peterson" do not become places; a match
   refused at first is kept after all when the story has accepted the same name elsewhere.

Demonyms and adjectives ("Israeli", "Russian") are not place mentions: they carry
NORP labels or ADJ tags and are never matched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Entry
from .cues import TYPE_WORDS

PLACE_LABELS = frozenset({"GPE", "LOC"})
MAX_TOKENS = 6
# Words that start a name run but are not part of the place name.
_LEADING = frozenset({"the", "The", "THE"})
# Lower-case words allowed inside a run ("Bosnia and Herzegovina", "Isle of Man", "Deir al-Balah").
_JOINERS = frozenset({"of", "and", "de", "del", "la", "al", "el", "-", "upon", "on", "du", "des", "da", "do", "'s"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# Prepositions that put a place after them far more often than a person or a brand.
_LOCATIVE = frozenset({"in", "near", "outside", "from", "at", "between"})


def _locative_before(doc: Doc, i: int) -> bool:
    """Whether the words before token ``i`` put a place there: a locative preposition ("in Clarinda"),
    or "of" after a common noun ("the shelling of El Fasher", "neighbourhoods of Omdurman"), where the
    model often reads an Arabic town's name as a person's or an organisation's."""
    if i < 1:
        return False
    if doc[i - 1].lower_ in _LOCATIVE:
        return True
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].pos_ == "NOUN" and doc[i - 2].is_lower
# Labels whose text is never a place, even when a gazetteer has the string.
_NEVER = frozenset({"NORP", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"})


@dataclass
class Mention:
    start: int  # token index
    end: int
    text: str
    start_char: int
    end_char: int
    source: str  # "ner" or "gazetteer"
    label: str | None  # the NER label of the entity it came from or sits in
    candidates: list[Entry] = field(default_factory=list)
    first_is_stop: bool = False  # "The", "Will", "May": a stop word cannot start a gazetteer-only match
    after_comma: bool = False  # "Reno, NV": right after a comma that follows a place name
    after_locative: bool = False  # "in Clarinda", "near Coggeshall": right after a locative preposition
    in_longer_name: bool = False  # next to other name words outside any entity ("Air France KLM")
    hint: str | None = None  # what the wording says it is: "settlement", "admin" or "country" (see cues)
    type_word: str | None = None  # the type word that says so: "village", "district", ...
    partial: bool = False  # the candidates are those of a shorter name inside it ("Kherson" in "Kherson region")
    variant: bool = False  # the candidates spell the name otherwise, in a country of the story's places


def _strip(span: Span) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s", "'")):
        end -= 1
    return start, end


def _split_possessive(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """'[Borno State's Damboa] district' read as one entity is two places: Borno State, and
    Damboa in it (only before a type word: "St. Patrick's Day" stays whole)."""
    if end >= len(doc) or doc[end].lower_ not in TYPE_WORDS:
        return [(start, end)]
    for k in range(start + 1, end - 1):
        if doc[k].text in ("'s", "’s"):
            return [(start, k), (k + 1, end)]
    return [(start, end)]


def _final_h_variant(name: str, lookup: Callable[[str], list[Entry]]) -> list[Entry]:
    """A place the tagger found under a spelling the gazetteer lacks, written with or without the final
    "h" of an Arabic or Persian name ("Hodeidah" / Hodeida, "Jedda" / Jeddah)."""
    if len(name) < 5 or " " in name:
        return []
    if name.endswith(("ah", "eh")):
        return lookup(name[:-1])
    if name.endswith(("a", "e")):
        return lookup(name + "h")
    return []


def _is_name_token(tok: Token) -> bool:
    if tok.is_lower or not tok.text[:1].isupper():
        return False  # "turkey", "labor", "-Ch"
    if tok.pos_ == "PROPN":
        return True
    # All-caps datelines and headlines: the tagger often calls them NOUN.
    return tok.is_upper and len(tok.text) > 1 and tok.is_alpha


def _inside_longer_name(doc: Doc, m: Mention, taken: list[bool]) -> bool:
    before = m.start > 0 and not taken[m.start - 1] and _is_name_token(doc[m.start - 1])
    after = m.end < len(doc) and not taken[m.end] and _is_name_token(doc[m.end])
    return before or after


def _story_countries(mentions: list[Mention]) -> list[str]:
    """The countries of the places the tagger found so far (their likeliest reading), at most three."""
    out: list[str] = []
    for m in mentions:
        if m.candidates and m.candidates[0].country and m.candidates[0].country not in out:
            out.append(m.candidates[0].country)
    return out[:3]


def find_mentions(doc: Doc, ents: list[Span], lookup: Callable[[str], list[Entry]], *,
                  accept: Callable[[Mention], bool], use_fac: bool = False,
                  accept_again: Callable[[Mention, frozenset[str]], bool] | None = None,
                  variants: Callable[[str, str], list[Entry]] | None = None) -> list[Mention]:
    """Place mentions in ``doc``: NER places, then gazetteer matches that ``accept`` keeps.

    ``accept_again`` gets a second look at each refused match, with the names of all the
    gazetteer matches accepted in the story: one sense per story, so "Allendale" in "the
    Allendale Woman's Club" counts when "in Allendale" did.
    """
    labels = PLACE_LABELS | ({"FAC"} if use_fac else set())
    taken = [False] * len(doc)
    ent_label: list[str | None] = [None] * len(doc)
    mentions: list[Mention] = []
    for ent in ents:
        for i in range(ent.start, ent.end):
            ent_label[i] = ent.label_
        if ent.label_ not in labels:
            continue
        first, last = _strip(ent)
        if first >= last or doc[last - 1].lower_ in _WEEKDAYS:
            continue  # ("Palm Sunday", "Bloody Sunday": a day, which the tagger may take for a place)
        for start, end in _split_possessive(doc, first, last):
            span = doc[start:end]
            m = Mention(start, end, span.text, span.start_char, span.end_char, "ner", ent.label_,
                        lookup(span.text) or _final_h_variant(span.text, lookup),
                        after_locative=start >= 1 and doc[start - 1].lower_ in _LOCATIVE)
            if ent.label_ == "FAC" and not m.candidates:
                continue  # an unknown building or street: leave its words to the gazetteer scan
            if not m.candidates and end - start == 1 and doc[start].lower_.endswith("ism"):
                continue  # a doctrine the tagger took for a place ("their faith in Zaydism"): no place
            mentions.append(m)
            for i in range(start, end):
                taken[i] = True

    refused: list[Mention] = []
    pending: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    # A name the tagger labels NORP right after "in"/"near"/"from" is a town it took for a people
    # ("struck a market in Omdurman"); a demonym is an adjective and never stands there.
    for ent in ents:
        if ent.label_ == "NORP" and ent.start >= 1 and doc[ent.start - 1].lower_ in _LOCATIVE and all(
                t.pos_ == "PROPN" for t in ent) and not ent.text.endswith(("ans", "ese", "ish", "ians", "is")):
            for k in range(ent.start, ent.end):
                ent_label[k] = None
    while i < n:
        tok = doc[i]
        if taken[i] or not _is_name_token(tok) or ent_label[i] in _NEVER:
            i += 1
            continue
        match = None
        # Longest match first, never crossing a taken token or an entity boundary of a _NEVER label.
        limit = i
        while limit < n and limit - i < MAX_TOKENS and not taken[limit] and ent_label[limit] not in _NEVER and (
                _is_name_token(doc[limit]) or (limit > i and doc[limit].text in _JOINERS)):
            limit += 1
        longest = True
        for j in range(limit, i, -1):
            if not _is_name_token(doc[j - 1]):
                continue
            span = doc[i:j]
            candidates = lookup(span.text)
            if not candidates and j == i + 1 and _locative_before(doc, i):
                candidates = _final_h_variant(span.text, lookup)  # "in Hodeidah"
            if not candidates and longest and j - i >= 2 and variants is not None and i >= 1 and \
                    doc[i - 1].lower_ in ("in", "near"):
                pending.append((i, j))  # a name no spelling of the gazetteer's has: another spelling, later
            longest = False
            if candidates:
                match = Mention(i, j, span.text, span.start_char, span.end_char, "gazetteer", ent_label[i],
                                candidates, tok.is_stop,
                                after_comma=i >= 2 and doc[i - 1].text == "," and taken[i - 2],
                                after_locative=_locative_before(doc, i))
                break
        if match is not None and match.label in (None, "PERSON") and _inside_longer_name(doc, match, taken):
            match.in_longer_name = True  # "Nelson" in "Nelson Mandela", "Jordan" in "Michael Jordan"
        if match is not None and accept(match):
            mentions.append(match)
            for k in range(match.start, match.end):
                taken[k] = True
            i = match.end
        else:
            if match is not None:
                refused.append(match)
            i += 1
    if accept_again is not None and refused:
        accepted = frozenset(m.text for m in mentions if m.source == "gazetteer")
        for m in refused:
            if m.text in accepted and not any(taken[m.start:m.end]) and accept_again(m, accepted):
                mentions.append(m)
                for k in range(m.start, m.end):
                    taken[k] = True
    if pending and variants is not None:
        mentions = _spelled_otherwise(doc, mentions, pending, variants, ent_label, accept)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _spelled_otherwise(doc: Doc, mentions: list[Mention], pending: list[tuple[int, int]],
                       variants: Callable[[str, str], list[Entry]], ent_label: list[str | None],
                       accept: Callable[[Mention], bool]) -> list[Mention]:
    """Names after "in" or "near" that no spelling in the gazetteer matches ("a police station in Bulo Burte",
    which it spells Bulo Burti; the tagger took it for an organisation): a town of that other spelling in a
    country the story's other places are in. It replaces a shorter match inside it in another country ("Bulo",
    a village in the Philippines)."""
    outside = [m for m in mentions if not any(i <= m.start and m.end <= j for i, j in pending)]
    countries = _story_countries(sorted(outside, key=lambda m: m.start))
    if not countries:
        return mentions
    for i, j in pending:
        span = doc[i:j]
        cands = [e for iso3 in countries for e in variants(span.text, iso3) if e.feature == "city"][:3]
        if not cands:
            continue
        inside = [m for m in mentions if i <= m.start and m.end <= j]
        if any(m.end > j or m.start < i for m in mentions if m.start < j and m.end > i and m not in inside):
            continue  # overlaps a longer name
        if any(m.candidates and m.candidates[0].country in countries for m in inside):
            continue
        m = Mention(i, j, span.text, span.start_char, span.end_char, "gazetteer", ent_label[i], cands,
                    after_locative=True, variant=True)
        if accept(m):
            mentions = [x for x in mentions if x not in inside] + [m]
    return mentions
