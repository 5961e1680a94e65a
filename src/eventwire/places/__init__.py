"""The places stage's engine: recognise toponyms in a parsed Doc and resolve them to GeoNames.

    find_places(doc, gazetteer, dateline=None) -> list[schema.Place]
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from ..gazetteer import Entry, Gazetteer
from ..schema import Dateline, Place, Span
from .recognize import Mention, _strip, find_mentions
from .resolve import prior, resolve

__all__ = ["find_places"]

# How prominent (resolve.prior) a gazetteer-only match must be, by where it stands:
# free text, inside a PERSON entity (the model's usual mistake for Arabic place names),
# or inside an organisation's or another entity's name ("the Gaza health ministry").
THRESHOLD_FREE = 5.0
THRESHOLD_PERSON = 5.0
THRESHOLD_EMBEDDED = 6.5
THRESHOLD_LOCATIVE = 4.0
THRESHOLD_INSIDE = 9.0


def _usable(e: Entry) -> bool:
    if e.name_kind == "demonym":
        return False  # "Israeli" is not a place mention
    # GeoNames lists airport codes and other short forms as alternate names ("SEO" for
    # Séguéla): only countries and first-level regions are written as abbreviations in news.
    return (e.name_kind != "abbreviation" or e.feature == "country" or e.feature_code == "ADM1"
            or (e.country is None and e.feature == "region"))  # "EU"


def _person_words(ents: list[DocSpan]) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of the story's full personal names, and their last words (surnames)."""
    names = [e for e in ents if e.label_ == "PERSON" and len(e) > 1]
    return frozenset(t.text for e in names for t in e), frozenset(e[-1].text for e in names)


# Words that name first-level regions somewhere ("Central", Uganda) but in English text are
# almost always directions or common nouns; they count as places only when NER says so.
GENERIC_WORDS = frozenset({
    "north", "south", "east", "west", "central", "centre", "center", "northern", "southern", "eastern",
    "western", "region", "valley", "coast", "capital", "union", "police", "national", "interior", "island",
    "islands", "river", "lake", "mountain", "city", "county", "state", "district", "province", "park",
})


# Titles and company suffixes that the gazetteer also lists as names or abbreviations ("Ms."
# Mississippi or Montserrat, "Lt." Lithuania, "Mr." Mauritania, "Co." Colorado, "Man" for
# Amman): never a place on their own.
NAME_AFFIXES = frozenset({"mr", "mrs", "ms", "miss", "dr", "lt", "col", "gen", "capt", "sgt", "cpl", "maj", "adm",
                          "gov", "sen", "rep", "rev", "fr", "sr", "jr", "prof", "pres", "supt", "det", "insp", "cmdr",
                          "co", "inc", "corp", "ltd", "bros", "man"})


PLACE_TYPE_WORDS = frozenset({"county", "parish", "province", "governorate", "district", "township", "borough"})


# Bare two-letter codes that English news writes for a place on their own.  Every other
# ISO or postal code ("TV" Tuvalu, "BA" Bosnia, "PA", "OK") is far more often something
# else ("state TV", "a BA degree"); those count only as a qualifier ("Reno, NV"), after the
# story has spelled the place out, or when NER calls them places.
COMMON_CODES = frozenset({"US", "UK", "EU", "UN"})


def _accept(m: Mention, ents: list[DocSpan], person_words: tuple[frozenset[str], frozenset[str]],
            place_names: frozenset[str], text: str = "") -> bool:
    if m.text.lower() in GENERIC_WORDS or m.text.strip(". ").lower() in NAME_AFFIXES:
        return False
    # "The", "Will", "May" cannot start a gazetteer-only match; spaCy's stop list is caseless,
    # so "US" is one too, but the written-out code is not the pronoun.
    if m.first_is_stop and m.text not in COMMON_CODES:
        return False
    if len(m.text) == 2 and m.text.isupper() and m.text not in COMMON_CODES and not m.after_comma and not any(
            c.name_kind == "abbreviation" and c.name in text for c in m.candidates):
        return False  # unless the story spells the place out ("Nevada ... NV")
    if m.text in place_names and m.label != "PERSON":
        return True  # one sense per story: "Kharkiv" in "Kharkiv police" after "in Kharkiv"
    # "Clark" for Clark County: a county is not named without "County" often enough to
    # recognise one by its bare name; such aliases still help resolve NER mentions.
    cands = [c for c in m.candidates if c.lat is not None
             and not (c.feature_code == "ADM2" and c.name_kind == "alternate")]
    if not cands:
        return False
    best = max(prior(c) for c in cands)
    if m.end - m.start == 1 and best < 11 and m.text in person_words[1 if m.label == "PERSON" else 0]:
        # "Nelson" after "Nelson Mandela" is the man, unless it names a country; so is a
        # PERSON "Nelson" after "Dewly Nelson" (a surname: the model also calls many places
        # persons, and their names start multiword PERSON mistakes: "Alexandria Police").
        return False
    if m.end - m.start == 1 and len(m.text) <= 2 and not m.text.isupper():
        return False
    ent = next((e for e in ents if e.start <= m.start < e.end), None)
    whole = ent is not None and _strip(ent) == (m.start, m.end)
    if m.in_longer_name:
        return m.label is None and best >= THRESHOLD_INSIDE
    if m.after_locative and (m.label is None or whole) and max(
            (prior(c) for c in cands if c.name_kind == "primary"), default=0.0) >= THRESHOLD_LOCATIVE:
        # "in Clarinda", "near Coggeshall", even when the model calls it a person or an
        # organisation; by a place's own name, not an alternate one ("from Hamas": Hamm)
        return True
    if m.label is None:
        return best >= THRESHOLD_FREE
    if m.label == "PERSON":
        return whole and best >= THRESHOLD_PERSON
    if whole and m.label != "ORG" and best >= THRESHOLD_PERSON:
        # A whole entity the model mislabelled ("Chattanooga" as PRODUCT); not a whole ORG,
        # which is as often a company named after a place ("Toyota", "Honda").
        return True
    if best >= THRESHOLD_EMBEDDED:
        return True
    # A full name with its type word ("Harris County", "Orleans Parish") is a place wherever it stands.
    return m.end - m.start > 1 and m.text.rsplit(None, 1)[-1].lower() in PLACE_TYPE_WORDS and any(
        c.name_kind == "primary" for c in cands)


def _with_fallback(m: Mention, doc: Doc, lookup: Callable[[str], list[Entry]]) -> bool:
    """Give an unknown NER place the candidates of the longest known name inside it
    ("Kherson region", "Sinai desert", "Lake Tana"); drop an unknown single word,
    which is far more often a misread person or brand than an unlisted place."""
    if m.candidates:
        return True
    tokens = doc[m.start:m.end]
    for size in range(len(tokens) - 1, 0, -1):
        for i in range(len(tokens) - size + 1):
            sub = tokens[i:i + size]
            if not any(t.pos_ == "PROPN" or t.is_title for t in sub):
                continue
            found = [c for c in lookup(sub.text) if c.lat is not None]
            if found:
                m.candidates = found
                return True
    return len(tokens) > 1


def _qualifiers(doc: Doc, mentions: list[Mention]) -> list[int | None]:
    """'Paris, Texas' / 'Rafah, Gaza Strip': the mention right after a comma qualifies the one before."""
    out: list[int | None] = [None] * len(mentions)
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.start == a.end + 1 and doc[a.end].text == ",":
            out[i] = i + 1
    return out


def _dateline_mentions(doc: Doc, dateline: Dateline | None, mentions: list[Mention],
                       lookup: Callable[[str], list[Entry]]) -> list[Mention]:
    """The dateline's places ("Rafah/Jerusalem/Cairo") and their qualifiers ("Mo." in "KANSAS
    CITY, Mo.") that NER and the scan did not find."""
    if dateline is None:
        return []
    out = []
    qualifiers = [s if isinstance(s, Span) else Span(**s) for s in getattr(dateline, "qualifier_spans", None) or []]
    for s in [*dateline.place_spans, *qualifiers]:
        if any(m.start_char < s.end and s.start < m.end_char for m in mentions):
            continue
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        out.append(Mention(span.start, span.end, s.text, s.start, s.end, "dateline", None, lookup(s.text)))
    return out


def find_places(doc: Doc, gazetteer: Gazetteer, dateline: Dateline | None = None, *,
                use_fac: bool = False) -> list[Place]:
    @cache  # names repeat within a story
    def lookup(name: str) -> list[Entry]:
        written_short = name.isupper() or "." in name  # "US", "U.S.", "W.Va." but not "Act"
        return [e for e in gazetteer.lookup(name)
                if _usable(e) and (written_short or e.name_kind != "abbreviation")]

    ents = list(doc.ents)  # doc.ents builds new Span objects on every access
    doc_text = doc.text  # so does doc.text, token by token
    person_words = _person_words(ents)
    place_names = frozenset(e.text for e in ents if e.label_ in ("GPE", "LOC"))
    mentions = find_mentions(doc, ents, lookup, accept=lambda m: _accept(m, ents, person_words, place_names, doc_text),
                             accept_again=lambda m, named: _accept(m, ents, person_words, place_names | named,
                                                                   doc_text),
                             use_fac=use_fac)
    mentions = [m for m in mentions if _with_fallback(m, doc, lookup)]
    mentions = sorted(mentions + _dateline_mentions(doc, dateline, mentions, lookup), key=lambda m: m.start)
    resolutions = resolve(mentions, _qualifiers(doc, mentions))
    places = []
    for m, r in zip(mentions, resolutions, strict=True):
        e = r.entry
        text = doc_text[m.start_char:m.end_char]
        if e is None:
            places.append(Place(start=m.start_char, end=m.end_char, text=text, confidence=0.0))
            continue
        places.append(Place(start=m.start_char, end=m.end_char, text=text, name=e.name, geonameid=e.geonameid,
                            lat=e.lat, lon=e.lon, country=e.country, admin1=e.admin1, feature=e.feature,
                            confidence=r.confidence))
    return places
