"""The places stage's engine: recognise toponyms in a parsed Doc and resolve them to GeoNames.

    find_places(doc, gazetteer, dateline=None) -> list[schema.Place]
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Container
from functools import cache, lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from ..gazetteer import Entry, Gazetteer
from ..schema import Dateline, Place, Span
from .cues import TYPE_WORDS, Cue, find_cues, find_relations, hint_of, typed_lookup
from .recognize import _LOCATIVE, Mention, _strip, find_mentions
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
THRESHOLD_LOCATIVE_ALTERNATE = 4.5  # a town of some 30,000 named by another spelling
_STRICT_LOCATIVE = frozenset({"in", "near", "outside"})
SPONSORING = frozenset({"backed", "led", "supported", "sponsored", "funded", "armed", "aligned", "allied", "brokered",
                        "trained", "financed"})
# Verbs whose object is a place when it is a town's name: no one storms or besieges a person.
TAKING_VERBS = frozenset({"storm", "overrun", "overran", "shell", "besiege", "retake", "recapture", "capture", "seize",
                          "raid", "invade", "occupy", "encircle", "bombard", "evacuate"})


def _word_before(text: str, start: int) -> str:
    """The word right before character ``start``, lower-cased."""
    words = text[max(0, start - 20):start].split()
    return words[-1].lower() if words else ""


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
    "fort", "port", "mount",
})


# Titles and company suffixes that the gazetteer also lists as names or abbreviations ("Ms."
# Mississippi or Montserrat, "Lt." Lithuania, "Mr." Mauritania, "Co." Colorado, "Man" for
# Amman): never a place on their own.
NAME_AFFIXES = frozenset({"mr", "mrs", "ms", "miss", "dr", "lt", "col", "gen", "capt", "sgt", "cpl", "maj", "adm",
                          "gov", "sen", "rep", "rev", "fr", "sr", "jr", "prof", "pres", "supt", "det", "insp", "cmdr",
                          "co", "inc", "corp", "ltd", "bros", "man", "st", "ste", "mt", "ft", "pt"})


PLACE_TYPE_WORDS = frozenset({"county", "parish", "province", "governorate", "district", "township", "borough"})


# Bare two-letter codes that English news writes for a place on their own.  Every other
# ISO or postal code ("TV" Tuvalu, "BA" Bosnia, "PA", "OK") is far more often something
# else ("state TV", "a BA degree"); those count only as a qualifier ("Reno, NV"), after the
# story has spelled the place out, or when NER calls them places.
COMMON_CODES = frozenset({"US", "UK", "EU", "UN"})


class _Either:
    """The union of two name sets without building it (once per refused mention would be quadratic)."""

    def __init__(self, a: Container[str], b: Container[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, name: object) -> bool:
        return name in self.a or name in self.b


def _accept(m: Mention, ents: list[DocSpan], person_words: tuple[frozenset[str], frozenset[str]],
            place_names: Container[str], text: str = "", ent_starts: list[int] | None = None,
            in_text: Callable[[str], bool] | None = None) -> bool:
    """Is `m` a place?  (``in_text``: a cached ``name in text``, so a repeated code does not search the
    whole text each time; ``ent_starts``: the entities' first tokens, for a bisect.)"""
    in_text = in_text or text.__contains__
    if m.text.lower() in GENERIC_WORDS or m.text.strip(". ").lower() in NAME_AFFIXES:
        return False
    # "The", "Will", "May" cannot start a gazetteer-only match; spaCy's stop list is caseless,
    # so "US" is one too, but the written-out code is not the pronoun.
    if m.first_is_stop and m.text not in COMMON_CODES:
        return False
    if len(m.text) == 2 and m.text.isupper() and m.text not in COMMON_CODES and not m.after_comma and not any(
            c.name_kind == "abbreviation" and in_text(c.name) for c in m.candidates):
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
    region = m.after_locative and any(c.feature_code == "ADM1" and c.name_kind == "primary" for c in cands)
    if m.end - m.start == 1 and best < 11 and not region and m.text in person_words[1 if m.label == "PERSON" else 0]:
        # "Nelson" after "Nelson Mandela" is the man, unless it names a country; so is a
        # PERSON "Nelson" after "Dewly Nelson" (a surname: the model also calls many places
        # persons, and their names start multiword PERSON mistakes: "Alexandria Police").
        return False
    if m.end - m.start == 1 and len(m.text) <= 2 and not m.text.isupper():
        return False
    # the entity holding the mention's first token (entities are sorted and disjoint: a bisect)
    starts = ent_starts if ent_starts is not None else [e.start for e in ents]
    k = bisect_right(starts, m.start) - 1
    ent = ents[k] if k >= 0 and m.start < ents[k].end else None
    whole = ent is not None and _strip(ent) == (m.start, m.end)
    if m.in_longer_name:
        return m.label is None and best >= THRESHOLD_INSIDE
    if m.variant and m.after_locative and best >= THRESHOLD_LOCATIVE:
        return True  # "in Bulo Burte": a town of the story's country, spelled otherwise (recognize.find_mentions)
    if m.after_locative and (m.label is None or whole) and max(
            (prior(c) for c in cands if c.name_kind == "primary"), default=0.0) >= THRESHOLD_LOCATIVE:
        # "in Clarinda", "near Coggeshall", even when the model calls it a person or an
        # organisation; by a place's own name, not an alternate one ("from Hamas": Hamm)
        return True
    if m.after_locative and (m.label is None or whole) and m.start > 0 and text and \
            _word_before(text, m.start_char) in _STRICT_LOCATIVE and max(
            (prior(c) for c in cands if c.name_kind == "alternate" and c.feature == "city"),
            default=0.0) >= THRESHOLD_LOCATIVE_ALTERNATE:
        # "in Jowhar" (Jawhar): a town's other spelling, right after "in" or "near" (not "from")
        return True
    if whole and ent is not None and m.label in ("PERSON", "ORG") and ent.root.dep_ == "dobj" and \
            ent.root.head.lemma_.lower() in TAKING_VERBS and max(
            (prior(c) for c in cands if c.name_kind == "primary" and c.feature == "city"),
            default=0.0) >= THRESHOLD_LOCATIVE:
        # "gang members stormed Mirebalais", "the army retook Kolofata": what is stormed or retaken is a place
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


def _with_fallback(m: Mention, doc: Doc, lookup: Callable[[str], list[Entry]], related: bool = False,
                   demonym: Callable[[str], bool] = lambda _: False) -> bool:
    """Give an unknown NER place the candidates of the longest known name inside it
    ("Kherson region", "Sinai desert", "Lake Tana"), marked partial; drop an unknown single
    word, which is far more often a misread person or brand than an unlisted place, unless
    the wording says it is a place ("Sinda village", "in Noshki", "Kfarjouz, a village
    close to Nabatieh")."""
    if m.candidates:
        return True
    if m.source == "site":
        return related  # "Wadi al-Naft, 25 km west of Kirkuk"
    tokens = doc[m.start:m.end]
    if m.type_word is not None and m.hint == "admin":
        # "Pochalla [county]": listed as "Pochalla County"
        found = typed_lookup(m.text, m.hint, m.type_word, lookup)
        if found:
            m.candidates = found
            return True
    if m.type_word is not None and len(tokens) > 1 and tokens[-1].lower_ in TYPE_WORDS:
        # "Raqqa province" read by NER: "Raqqa Governorate"; "Galim village": Galim
        found = typed_lookup(tokens[:-1].text, m.hint, m.type_word, lookup)
        if found:
            m.candidates = found
            return True
    for size in range(len(tokens) - 1 if m.source == "ner" else 0, 0, -1):  # a cue names the whole name
        for i in range(len(tokens) - size + 1):
            sub = tokens[i:i + size]
            if not any(t.pos_ == "PROPN" or t.is_title for t in sub) or sub.text.lower() in GENERIC_WORDS or (
                    size == 1 and len(sub.text) <= 2):
                continue  # not "Da" for "Sobane Da"
            found = [c for c in lookup(sub.text) if c.lat is not None]
            if found:
                m.candidates = found
                m.partial = True
                return True
    if len(tokens) > 1:
        return True
    if demonym(m.text):
        return False  # NER's "Ukrainian" as a place
    if m.hint is not None or related or m.source in ("cue", "dateline"):
        return True
    # "in Noshki", but not "in Modi's name", "in OT", "in GT3"
    tok = tokens[0]
    return m.after_locative and tok.pos_ == "PROPN" and tok.is_alpha and not tok.is_upper and not (
        m.end < len(doc) and doc[m.end].text in ("'s", "’s"))


def _apply_cues(doc: Doc, mentions: list[Mention], cues: list[Cue], lookup: Callable[[str], list[Entry]],
                person_words: tuple[frozenset[str], frozenset[str]]) -> list[Mention]:
    """Type words and border phrases: a hint on the mention they qualify ("Amuru district",
    "the border with Niger"), or a new mention where NER and the scan found none ("Sinda
    village", "the city of Belgorod", "the village of Kareto")."""
    at: dict[int, Mention] = {k: m for m in mentions for k in range(m.start, m.end)}
    for m in mentions:  # NER's "Pochalla County", "Galim village"
        last = doc[m.end - 1].lower_
        if m.end - m.start > 1 and last in TYPE_WORDS:
            m.hint, m.type_word = hint_of(last), last
    new: list[Mention] = []
    for c in cues:
        hit = {id(at[k]): at[k] for k in range(c.start, c.end) if k in at}
        if hit:
            for m in hit.values():
                if c.hint == "place":
                    continue
                if c.hint != "country" and m.candidates and max(m.candidates, key=prior).feature == "country":
                    continue  # "a U.S. county", "a Mali village": the country holds the place
                if c.type_word == "camp" and m.candidates and max(m.candidates, key=prior).feature == "region":
                    continue  # "the West Bank refugee camp": a camp in the region
                if m.hint is None or c.hint == "country":
                    m.hint, m.type_word = c.hint, c.type_word
            continue
        span = doc[c.start:c.end]
        label = doc[c.start].ent_type_ or None
        if label in _NEVER_CUE and not (c.strong and label == "LANGUAGE"):
            continue
        if span.text.lower() in GENERIC_WORDS or span.text.strip(". ").lower() in NAME_AFFIXES:
            continue
        cands = typed_lookup(span.text, c.hint, c.type_word, lookup)
        if c.hint != "country" and cands and max(cands, key=prior).feature == "country":
            continue
        if c.hint == "place" and not cands:
            continue
        if not cands and not _unlisted_name(doc, c, label):
            continue
        if not c.strong and any(t.text in person_words[0] for t in span) and not any(
                x.feature == "country" or (c.hint == "admin" and x.feature_code == "ADM1") for x in cands):
            # "Biden state"; but "Ceel Baraf, a town ..." though NER calls it a person, and "Kachin
            # state" though NER read "Ethnic Kachin" as a person's name
            continue
        m = Mention(c.start, c.end, span.text, span.start_char, span.end_char, "cue", label, cands,
                    after_locative=c.start >= 1 and doc[c.start - 1].lower_ in _LOCATIVE,
                    hint=None if c.hint == "place" else c.hint, type_word=c.type_word)
        new.append(m)
        for k in range(c.start, c.end):
            at[k] = m
    out = sorted(mentions + new, key=lambda m: m.start)
    # One sense per story: "the town of Palma" makes every "Palma" a town.
    hints = {m.text: (m.hint, m.type_word) for m in out if m.hint in ("settlement", "admin")}
    for m in out:
        if m.hint is None and m.text in hints and m.source != "gazetteer":
            m.hint, m.type_word = hints[m.text]
    return out


def _unlisted_name(doc: Doc, c: Cue, label: str | None) -> bool:
    """Whether a name the gazetteer lacks is a place's: "the village of Tamboulel", "Kasaisa, a
    village", "Kalamberi village"; not a nationality, a faith or an organisation ("the Kurdish
    region", "Christian and Muslim villages", "the Hamas territory"), nor an adjective."""
    span = doc[c.start:c.end]
    if c.hint == "country" or any(t.pos_ == "ADJ" for t in span) or (span.text.isupper() and len(span.text) <= 6):
        return False  # nor an acronym ("the ECOWAS region")
    if c.strong or label not in ("NORP", "ORG"):
        return True
    # NER's nationality or organisation: only a bare name right before a singular type word
    before = doc[c.start - 1] if c.start > 0 else None
    return label == "NORP" and c.type_word is not None and hint_of(c.type_word) is not None and \
        not c.type_word.endswith("s") and (before is None or before.pos_ not in ("DET", "ADJ", "CCONJ", "PUNCT"))


# Entity labels whose words a type word never makes a place ("two villages", "March district").
_NEVER_CUE = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"})


def _not_a_surname(m: Mention, doc: Doc, surnames: frozenset[str]) -> bool:
    """'Major General Edward Buba ... Buba said': NER's one-word place that is the surname of a
    person the story names is the person, unless it is a country or the wording makes it a
    place ("in Buba", "Buba district")."""
    if m.source == "ner" and m.end - m.start == 1 and m.text.lower() in GENERIC_WORDS:
        return False  # "Fort" split off "Fort Nelson" is no place of its own
    if m.source != "ner" or m.end - m.start != 1 or m.text not in surnames or m.after_locative or m.hint:
        return True
    if m.start > 0 and doc[m.start - 1].lower_ in _DIRECTIONAL:
        return True  # "flew to Kano"
    return any(c.feature == "country" for c in m.candidates)


_DIRECTIONAL = frozenset({"to", "into", "toward", "towards", "across", "via", "through"})


def _demonyms(ents: list[DocSpan], gazetteer: Gazetteer) -> Counter[str]:
    """The countries the story's nationality words name ("Ethiopian", "Mozambican")."""
    votes: Counter[str] = Counter()
    for e in ents:
        if e.label_ == "NORP":
            country = _demonym_of(e.text, gazetteer)
            if country:
                votes[country] += 1
    return votes


@lru_cache(maxsize=4096)  # "Israeli" comes back often
def _demonym_of(text: str, gazetteer: Gazetteer) -> str | None:
    """The country a nationality word names ("Ethiopian": ETH), "" when it names several, None
    when it is none."""
    countries = {x.country for x in gazetteer.lookup(text)
                 if x.name_kind == "demonym" and x.feature == "country" and x.country}
    if not countries:
        return None
    return countries.pop() if len(countries) == 1 else ""


def _qualifiers(doc: Doc, mentions: list[Mention]) -> list[int | None]:
    """'Paris, Texas' / 'Rafah, Gaza Strip': the mention right after a comma qualifies the one before."""
    out: list[int | None] = [None] * len(mentions)
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.start == a.end + 1 and doc[a.end].text == ",":
            out[i] = i + 1
    return out


def _sites(doc: Doc, ents: list[DocSpan], mentions: list[Mention]) -> list[Mention]:
    """Facilities the gazetteer lacks ("Wadi al-Naft" read as a facility), kept only when the
    text says how far they lie from a known place."""
    taken = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for e in ents:
        if e.label_ != "FAC":
            continue
        start, end = _strip(e)
        if start < end and not any(k in taken for k in range(start, end)):
            span = doc[start:end]
            out.append(Mention(start, end, span.text, span.start_char, span.end_char, "site", "FAC"))
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


# Words that make a name a square's, a street's or a building's when they stand in it, capitalised:
# before the name ("Plaza Bolivar", "Avenida Paulista") or after it ("Nyerere Road", "Damascus Gate").
FACILITY_BEFORE = frozenset({"Plaza", "Avenida", "Calle", "Rue", "Hotel"})
FACILITY_AFTER = frozenset({
    "Square", "Street", "Road", "Avenue", "Boulevard", "Bridge", "Plaza", "Gate", "Mosque", "Church", "Cathedral",
    "Hospital", "Hotel", "Market", "Stadium", "Prison", "Palace",
})
# What may stand between a facility's name and the town it is in: "Plaza Bolivar in Bogota",
# "Tahrir Square in central Cairo", "the Nyerere Road bridge in Dar es Salaam", "Martyrs Square, Beirut".
_FACILITY_GAP = frozenset({"in", "in the", "in central", "in downtown", "in the centre of", "in the center of",
                           "in the heart of", ",", ", in", "in the old city of"})
_FACILITY_NAME_MAX = 3  # capitalised words read between a name and its facility word


def _facility_containers(doc: Doc, mentions: list[Mention]) -> list[int | None]:
    """For each mention inside a square's, street's or building's name, the mention of the town
    the text puts that facility in ("Plaza Bolivar in Bogota": Lima), else None."""
    out: list[int | None] = [None] * len(mentions)
    n = len(doc)
    for i, m in enumerate(mentions):
        end = None
        if (m.start > 0 and doc[m.start - 1].text in FACILITY_BEFORE) or doc[m.start].text in FACILITY_BEFORE:
            end = m.end
            while end < n and end - m.end < _FACILITY_NAME_MAX and doc[end].is_title and \
                    doc[end].text not in FACILITY_AFTER:
                end += 1
            if end < n and doc[end].text in FACILITY_AFTER:
                end += 1
        elif doc[m.end - 1].text in FACILITY_AFTER and m.end - m.start > 1:
            end = m.end  # NER's "Independence Square"
        else:
            k = m.end
            while k < n and k - m.end < _FACILITY_NAME_MAX and doc[k].is_title and doc[k].text not in FACILITY_AFTER:
                k += 1
            if k < n and doc[k].text in FACILITY_AFTER:
                end = k + 1
        if end is None or i + 1 >= len(mentions):
            continue
        if end < n and doc[end].is_lower and doc[end].lower_ in _FACILITY_NOUNS:
            end += 1  # "the Nyerere Road bridge in ..."
        nxt = mentions[i + 1]
        gap = " ".join(t.lower_ for t in doc[end:nxt.start])
        if nxt.start >= end and gap in _FACILITY_GAP:
            out[i] = i + 1
    return out


_FACILITY_NOUNS = frozenset({"bridge", "market", "hospital", "mosque", "church", "hotel", "stadium", "prison",
                             "roundabout", "junction", "intersection", "area", "district"})


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
    ent_starts = [e.start for e in ents]
    in_text = cache(doc_text.__contains__)
    mentions = find_mentions(doc, ents, lookup,
                             accept=lambda m: _accept(m, ents, person_words, place_names, doc_text, ent_starts,
                                                      in_text),
                             accept_again=lambda m, named: _accept(m, ents, person_words, _Either(place_names, named),
                                                                   doc_text, ent_starts, in_text),
                             use_fac=use_fac, variants=gazetteer.lookup_variant)
    mentions = _apply_cues(doc, mentions, find_cues(doc), lookup, person_words)
    mentions = [m for m in mentions if _not_a_surname(m, doc, person_words[1])]
    mentions = sorted(mentions + _dateline_mentions(doc, dateline, mentions, lookup) + _sites(doc, ents, mentions),
                      key=lambda m: m.start)
    rel = find_relations(doc, mentions)
    # a facility only with a distance: "Wadi al-Naft, 25 km west of Kirkuk", not "Highway 35 near Los Gatos"
    related = [rel.measured[i] if mentions[i].source == "site" else rel.near[i] is not None or rel.parent[i] is not None
               for i in range(len(mentions))]
    mentions = [m for m, r in zip(mentions, related, strict=True)
                if _with_fallback(m, doc, lookup, r, lambda t: _demonym_of(t, gazetteer) is not None)
                and not (m.source == "cue" and _demonym_of(m.text, gazetteer) is not None)]  # "the Chadian border"
    rel = find_relations(doc, mentions)
    resolutions = resolve(mentions, _qualifiers(doc, mentions), rel.parent, rel.near, _demonyms(ents, gazetteer),
                          gazetteer.country, gazetteer.admin1, gazetteer.lookup_variant, rel.guessed, rel.listed,
                          _facility_containers(doc, mentions))
    places = []
    for m, r in zip(mentions, resolutions, strict=True):
        e = r.entry
        text = doc_text[m.start_char:m.end_char]
        if r.drop or (m.source == "site" and r.precision != "near"):
            continue  # a facility counts only where the text says what it lies near
        if m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].lower_ in SPONSORING:
            continue  # "the Rwanda-backed M23", "the Saudi-led coalition": whose backing, not where
        if e is None:
            places.append(Place(start=m.start_char, end=m.end_char, text=text, confidence=0.0))
            continue
        places.append(Place(start=m.start_char, end=m.end_char, text=text, name=e.name, geonameid=e.geonameid,
                            lat=e.lat, lon=e.lon, country=e.country, admin1=e.admin1, feature=e.feature,
                            confidence=r.confidence, precision=r.precision))
    capitals = _capitals(doc, places, gazetteer)
    return sorted(places + capitals, key=lambda p: p.start) if capitals else places


def _capitals(doc: Doc, places: list[Place], gazetteer: Gazetteer) -> list[Place]:
    """"Haiti's capital", "the Somali capital": the country's capital city, where the text does not
    name it ("the Somali capital, Mogadishu" names it)."""
    out = []
    ends = {p.end: p for p in places}
    starts = {p.start for p in places}
    for tok in doc:
        if tok.lower_ != "capital" or tok.i < 1 or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        nxt = tok.i + 1
        while nxt < len(doc) and doc[nxt].is_punct:
            nxt += 1
        if nxt < len(doc) and doc[nxt].idx in starts:
            continue
        prev = doc[tok.i - 1]
        iso3 = None
        if prev.text in ("'s", "’s") and tok.i >= 2:
            owner = ends.get(doc[tok.i - 2].idx + len(doc[tok.i - 2].text))
            iso3 = owner.country if owner is not None and owner.feature == "country" else None
        elif prev.ent_type_ == "NORP":
            iso3 = _demonym_of(prev.text, gazetteer) or None
        e = gazetteer.capital(iso3) if iso3 else None
        if e is not None and tok.idx not in starts:
            out.append(Place(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, name=e.name,
                             geonameid=e.geonameid, lat=e.lat, lon=e.lon, country=e.country, admin1=e.admin1,
                             feature=e.feature, confidence=0.9, precision="exact"))
    return out
