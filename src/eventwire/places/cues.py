"""What the wording around a place name says about it: its type, its container, its neighbour.

News copy states much of what a gazetteer lookup alone cannot know:

* a **type word**: "Sinda village", "the city of Belgorod", "Pochalla county", "the border
  with Niger", "Kfarjouz, a village ..." -- a village is no first-level region, "Niger" at a
  border is the country, and a name the gazetteer lacks is still a place;
* **containment**: "Marere village in Mocimboa da Praia district", "Ain Issa, in Raqqa
  province", "Borno State's Damboa district", "the Macomia village of Ilala", "the Amuru
  district of Oromia";
* **proximity**: "Kfarjouz, a village close to Nabatieh", "Wadi al-Naft, 25 km west of
  Kirkuk", "Matapata village some 25 kilometres from the town of Palma".

Everything here looks at a few tokens around each mention or type word: linear in tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ..gazetteer import Entry

if TYPE_CHECKING:
    from .recognize import Mention

# Type words, singular and plural: what kind of place the name next to them is.
SETTLEMENT_WORDS = frozenset({
    "village", "villages", "town", "towns", "city", "cities", "hamlet", "hamlets", "township", "townships",
    "settlement", "settlements", "locality", "neighbourhood", "neighborhood", "suburb", "outpost",
})
ADMIN_WORDS = frozenset({
    "district", "districts", "county", "counties", "province", "provinces", "region", "regions", "state",
    "governorate", "governorates", "oblast", "oblasts", "prefecture", "municipality",
    "commune", "subdistrict", "sub-district", "woreda", "canton", "parish", "borough", "krai", "kray",
    "raion", "rayon", "emirate", "lga",
})
TYPE_WORDS = SETTLEMENT_WORDS | ADMIN_WORDS
# Equivalent first- and second-level type words across countries: "Belgorod region" is
# listed as "Belgorod Oblast", "Raqqa province" as "Raqqa Governorate".
REGION_TYPES = ("region", "province", "oblast", "governorate", "state", "district", "county", "prefecture")
_BORDER = frozenset({"border", "borders", "frontier"})
_PLURAL = {"villages", "towns", "cities", "hamlets", "townships", "settlements", "districts", "counties",
           "provinces", "regions", "governorates", "oblasts"}
_DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
    "north-west", "south-east", "south-west", "northern", "southern", "eastern", "western", "central",
})
_UNITS = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometer": 1.0,
          "miles": 1.609, "mile": 1.609, "mi": 1.609}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "a": 1, "few": 5}
_POSSESSIVE = ("'s", "’s")
# The longest wording read between two mentions: ", roughly 25 kilometers (15 miles) to the west of".
MAX_GAP = 16
# How far a place said to be "near" another is taken to lie from it when no distance is given.
NEAR_KM = 15.0


def hint_of(word: str) -> str | None:
    w = word.lower()
    if w in SETTLEMENT_WORDS:
        return "settlement"
    if w in ADMIN_WORDS:
        return "admin"
    return None


def _is_name(tok: Token) -> bool:
    """A word of a proper name: tagged PROPN, or capitalised inside a sentence (the small model
    tags rare names "Ingoane" as nouns)."""
    if tok.is_lower or not tok.text[:1].isupper():
        return False  # "the labor department"
    if tok.pos_ == "PROPN":
        return True
    return tok.is_title and tok.is_alpha and not tok.is_sent_start and tok.pos_ in ("NOUN", "ADJ", "X")


_JOIN = frozenset({"al", "el", "da", "de", "do", "du", "la", "-", "al-", "el-"})


def _name_run_before(doc: Doc, end: int, limit: int = 5) -> int | None:
    """The start of the run of name words that ends right before ``end``, or None
    ("Deir el-Balah": joiners inside the run)."""
    i = end
    while i > 0 and end - i < limit:
        t = doc[i - 1]
        if _is_name(t) or (i < end and t.lower_ in _JOIN and i - 1 > 0 and (
                _is_name(doc[i - 2]) or doc[i - 2].lower_ in _JOIN)):
            i -= 1
            continue
        break
    while i < end and not _is_name(doc[i]):
        i += 1
    return i if i < end else None


def _name_run_after(doc: Doc, start: int, limit: int = 5) -> int | None:
    """The end of the run of name words that starts at ``start``, or None ("Mais al-Jabal")."""
    i = start
    while i < len(doc) and i - start < limit:
        t = doc[i]
        if _is_name(t) or (i > start and t.lower_ in _JOIN and i + 1 < len(doc) and (
                _is_name(doc[i + 1]) or doc[i + 1].lower_ in _JOIN)):
            i += 1
            continue
        break
    while i > start and not _is_name(doc[i - 1]):
        i -= 1
    return i if i > start else None


@dataclass
class Cue:
    start: int  # token span of the name
    end: int
    hint: str  # "settlement", "admin", "country", or "place" (where another place lies: no type)
    type_word: str | None  # "village", "district", ...
    strong: bool = False  # "the village of X", "X, a village ...": X is the place's name, whatever NER says


def find_cues(doc: Doc) -> list[Cue]:
    """Every name that a type word or a border phrase qualifies, in token order.

    "Sinda village", "Amuru district", "Sobane Da, Gangafani and Yoro villages", "the city of
    Belgorod", "the Macomia village of Ilala", "Kfarjouz, a village ...", "the border with
    Niger", "the Burkina Faso border"."""
    cues: list[Cue] = []
    n = len(doc)
    # Only type and border words start a cue: find them in the array of lower-case forms
    # rather than building a Token for every word.
    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in TYPE_WORDS | _BORDER | _COMPASS | _CAMP}
    for k in np.flatnonzero(np.isin(doc.to_array(LOWER), list(wanted))):
        t = doc[int(k)]
        w = t.lower_
        if w in _BORDER:
            _border_cues(doc, t, cues)
            continue
        if w in _COMPASS:
            _direction_cue(doc, t, cues)
            continue
        if w in _CAMP:
            _camp_cue(doc, t, cues)
            continue
        if w not in TYPE_WORDS or not t.is_lower:
            continue
        hint = hint_of(w)
        assert hint is not None
        # "Sinda village", "Belgorod region": the type word closes the noun phrase ("state
        # media", "city council" and "district court" are other things).
        nxt = doc[t.i + 1] if t.i + 1 < n else None
        modifier = nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not nxt.is_punct
        start = _name_run_before(doc, t.i)
        # "the Macomia village of Ilala", "the Ukrainian city of Zaporizhzhia": the name after "of"
        # is the village's, the one before says where it is (but "Umemger village of Guma LGA")
        of_name = nxt is not None and nxt.lower_ == "of" and t.i + 2 < n and _is_name(doc[t.i + 2]) and \
            start is not None and _determined(doc, t.i, start)
        if start is not None and of_name and not _container(doc, start, w):
            cues.append(Cue(start, t.i, "place", None))  # "the Macomia village of": a known place, if any
        elif start is not None and not modifier and not _container(doc, start, w):
            if w in _PLURAL:  # "Sobane Da, Gangafani and Yoro villages"; not "Georgia cities"
                if _coordinated(doc, start, hint, w, cues):
                    cues.append(Cue(start, t.i, hint, w))
            else:
                cues.append(Cue(start, t.i, hint, w))
        # "the city of Belgorod", "the Macomia village of Ilala"
        if nxt is not None and nxt.lower_ == "of" and t.i + 2 < n:
            end = _name_run_after(doc, t.i + 2)
            if end is not None and _determined(doc, t.i, start):
                cues.append(Cue(t.i + 2, end, hint, w, strong=True))
                if w in _PLURAL:  # "the villages of Zorbanik, Melikvank and Baghanis"
                    _listed_after(doc, end, hint, w, cues)
        # "Kfarjouz, a village close to Nabatieh"
        if t.i >= 3 and not modifier and _apposed(doc, t.i):  # not "Prin, a city partnerships manager"
            j = t.i - 1
            while j > 0 and doc[j].lower_ not in _APPOSITION_OPENERS and not doc[j].like_num:
                j -= 1
            if j >= 2 and doc[j - 1].text == ",":
                s = _name_run_before(doc, j - 1)
                if s is not None:
                    cues.append(Cue(s, j - 1, hint, w, strong=True))
                    if w in _PLURAL:  # "Tell Harbak and Kafr Mousa, two towns in Idlib province"
                        _coordinated(doc, s, hint, w, cues, strong=True)
    return cues


def _determined(doc: Doc, i: int, name_start: int | None) -> bool:
    """'the [adjectives] TYPE of X' or 'the Y TYPE of X': an article opens the phrase."""
    j = (name_start if name_start is not None else i) - 1
    while j >= 0 and j > i - 6 and (doc[j].pos_ == "ADJ" or doc[j].lower_ in _DIRECTIONS):
        j -= 1
    return j >= 0 and doc[j].lower_ in ("the", "a", "an")


# What opens an apposition that names the kind of place: "X, a town ...", "X and Y, two towns ...".
_APPOSITION_OPENERS = frozenset({"a", "an", "two", "three", "four", "five", "six", "both"})


def _apposed(doc: Doc, i: int) -> bool:
    """'X, a (small) village ...', 'X and Y, two (small) towns ...': the type word ends a short
    indefinite apposition after a comma (a count before a plural type word)."""
    plural = doc[i].lower_ in _PLURAL
    for j in range(i - 1, max(i - 5, 0), -1):
        w = doc[j].lower_
        if w in ("a", "an") or (plural and (w in _APPOSITION_OPENERS or doc[j].like_num)):
            return j >= 1 and doc[j - 1].text == ","
        if doc[j].pos_ not in ("ADJ", "NOUN", "PROPN") and w not in _DIRECTIONS:
            return False
    return False


_QUANTIFIERS = frozenset({"a", "an", "one", "another", "each", "every", "any", "few", "several", "many", "some",
                          "two", "three", "four", "five", "other", "nearby", "neighbouring", "neighboring"})


def _container(doc: Doc, start: int, word: str) -> bool:
    """'a coastal South Carolina town', 'a few Georgia cities': the name says where the town is,
    it is not the town's name."""
    j = start - 1
    while j >= 0 and start - j <= 3 and doc[j].pos_ == "ADJ" and doc[j].lower_ not in _QUANTIFIERS:
        j -= 1
    return j >= 0 and (doc[j].lower_ in _QUANTIFIERS or doc[j].like_num)


def _coordinated(doc: Doc, start: int, hint: str, word: str, cues: list[Cue], strong: bool = False) -> bool:
    """The other names of a list before a plural type word; whether there were any."""
    i, found = start, False
    while i >= 2 and doc[i - 1].lower_ in (",", "and", "or"):
        j = i - 1
        if doc[j].lower_ in ("and", "or") and j >= 1 and doc[j - 1].text == ",":
            j -= 1  # the Oxford comma
        s = _name_run_before(doc, j)
        if s is None:
            break
        cues.append(Cue(s, j, hint, word, strong=strong))
        found = True
        i = s
    return found


_LIST_MAX = 8  # names read in one list after "the villages of"


def _listed_after(doc: Doc, end: int, hint: str, word: str, cues: list[Cue]) -> None:
    """The other names of a list after 'the villages of X': ", Y, and Z"."""
    for _ in range(_LIST_MAX):
        k = end
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ in ("and", "or"):
            k += 1
        if k == end or k >= len(doc):
            return
        nxt = _name_run_after(doc, k)
        if nxt is None:
            return
        cues.append(Cue(k, nxt, hint, word, strong=True))
        end = nxt


# "north of X", "a dozen kilometres to the southeast of X": where another place lies.
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                      "north-east", "north-west", "south-east", "south-west"})


def _direction_cue(doc: Doc, t: Token, cues: list[Cue]) -> None:
    """'(15 km) (to the) north of X': X is a place the gazetteer may know, whatever NER calls it."""
    k = t.i + 1
    if k + 1 >= len(doc) or doc[k].lower_ != "of" or not t.is_lower:
        return
    k += 1
    if doc[k].lower_ == "the":
        k += 1
    end = _name_run_after(doc, k) if k < len(doc) else None
    if end is not None:
        cues.append(Cue(k, end, "place", None))


# "the Nuseirat refugee camp", "Dadaab refugee camps": the camp bears its place's name.
_CAMP = frozenset({"camp", "camps"})
_CAMP_KINDS = frozenset({"refugee", "refugees", "displacement", "idp"})


def _camp_cue(doc: Doc, t: Token, cues: list[Cue]) -> None:
    if t.i < 2 or doc[t.i - 1].lower_ not in _CAMP_KINDS:
        return
    start = _name_run_before(doc, t.i - 1)
    if start is not None and not _container(doc, start, "camp"):  # not "a West Bank refugee camp"
        cues.append(Cue(start, t.i - 1, "settlement", "camp", strong=True))


def _border_cues(doc: Doc, t: Token, cues: list[Cue]) -> None:
    """'the border with Niger', 'Niger's borders', 'the Burkina Faso border': a country."""
    i = t.i
    if i + 2 < len(doc) and doc[i + 1].lower_ in ("with", "of"):
        k = i + 2
        if doc[k].lower_ == "the":
            k += 1
        end = _name_run_after(doc, k)
        if end is not None:
            cues.append(Cue(k, end, "country", None))
    j = i
    if j >= 2 and doc[j - 1].text in _POSSESSIVE:
        j -= 1
    start = _name_run_before(doc, j)
    if start is not None:
        cues.append(Cue(start, j, "country", None))


# --------------------------------------------------------------------------- relations


@dataclass
class Relations:
    parent: list[int | None]  # the mention that contains mention i ("X in Y", "Y's X")
    near: list[tuple[int, float] | None]  # (mention, km) that mention i is said to be near
    measured: list[bool]  # the text gives that distance ("25 km west of"), not just "near"
    guessed: list[bool]  # the parent is a guess from word order ("the Y village of X")
    listed: list[bool]  # mentions i and i + 1 are items of one list ("Zorbanik, Melikvank, and Baghanis")


_NEAR_RE = re.compile(
    r"^(?:, )?(?:(?:a|an|the) (?:\w+ ){0,3}?TYPE )?(?:(?:just|some|about|roughly|around|nearly|almost|approximately"
    r"|only|barely|less than|more than|over|under) )?"
    r"(?:(?P<num>NUM) (?P<unit>UNIT) (?:\( [^)]* \) )?(?:(?:to the|to|the) )?(?:DIR )?(?:of|from|outside)"
    r"|close to|near|outside|outside of|next to|not far from|on the outskirts of|in the outskirts of|just outside)"
    r"(?: the (?:\w+ ){0,3}?TYPE of| the)?$")
_IN_RE = re.compile(r"^(?:, )?(?:(?:a|an|two|three|four|five|six|both|NUM) (?:\w+ ){0,3}?TYPE )?in(?: the)?(?: DIR)?$")


def _gap(doc: Doc, a: int, b: int) -> tuple[str, list[float]]:
    """The words between two mentions as a pattern string (numbers, units, type words and
    directions replaced by NUM, UNIT, TYPE, DIR), with the numbers."""
    words, nums = [], []
    for t in doc[a:b]:
        w = t.lower_
        if t.like_num or (w in _NUMBER_WORDS and t.i + 1 < b and doc[t.i + 1].lower_ in _UNITS):
            try:
                nums.append(float(w.replace(",", "")))
            except ValueError:
                nums.append(float(_NUMBER_WORDS.get(w, 10)))
            words.append("NUM")
        elif w in _UNITS:
            nums.append(_UNITS[w])
            words.append("UNIT")
        elif w in TYPE_WORDS:
            words.append("TYPE")
        elif w in _DIRECTIONS:
            words.append("DIR")
        else:
            words.append(w)
    return " ".join(words), nums


_LIST_GAPS = frozenset({",", "and", "or", ", and", ", or"})


def find_relations(doc: Doc, mentions: list[Mention]) -> Relations:
    """Containment and proximity between neighbouring mentions (sorted by start)."""
    n = len(mentions)
    parent: list[int | None] = [None] * n
    near: list[tuple[int, float] | None] = [None] * n
    possessor: list[int | None] = [None] * n  # "Borno State's [Damboa] district": Damboa -> Borno State
    measured = [False] * n
    guessed = [False] * n
    listed = [False] * n
    for i in range(n - 1):
        a, b = mentions[i], mentions[i + 1]
        if b.start - a.end > MAX_GAP or b.start < a.end:
            continue
        listed[i] = " ".join(t.lower_ for t in doc[a.end:b.start]) in _LIST_GAPS
        if b.start == a.end + 2 and doc[a.end].lower_ in TYPE_WORDS and doc[a.end + 1].lower_ == "of" and a.start > 0 \
                and not (a.candidates and all(c.feature == "water" for c in a.candidates)):
            # (a sea only describes the coast: "the Red Sea city of Hodeidah" is no town inside the sea)
            # "the Amuru district of Oromia": the district is in Oromia.  With a settlement word it
            # goes either way: "the Macomia village of Ilala" (Ilala in Macomia), "the Holly
            # Heights neighborhood of Gainesville" (Holly Heights in Gainesville); the one the
            # gazetteer lacks is the small one, else the one after "of".
            if hint_of(doc[a.end].lower_) == "admin" or (b.candidates and not a.candidates):
                parent[i] = i + 1
            else:
                parent[i + 1] = i  # a guess, dropped when the "container" is the smaller town
                guessed[i + 1] = True
            continue
        start = a.end
        while start < b.start and (doc[start].lower_ in TYPE_WORDS or (  # "Marere village in ..."
                a.type_word == "camp" and doc[start].lower_ in _CAMP_KINDS | _CAMP)):  # "X refugee camp outside ..."
            start += 1
        gap, nums = _gap(doc, start, b.start)
        if gap in _POSSESSIVE or (gap.split(" ", 1)[0] in _POSSESSIVE and all(
                doc[k].pos_ == "ADJ" or doc[k].lower_ in _DIRECTIONS for k in range(start + 1, b.start))):
            # "Syria's Raqqa province": only with a type word (or a region reading): "Israel's Gaza
            # war" does not put Gaza in Israel.
            if b.hint in ("admin", "settlement"):
                parent[i + 1] = possessor[i + 1] = i
            continue
        if _IN_RE.match(gap):
            parent[i] = i + 1
            continue
        m = _NEAR_RE.match(gap)
        if m is not None:
            km = NEAR_KM
            if m.group("num") and len(nums) >= 2:
                km = nums[0] * nums[1]
                measured[i] = True
            near[i] = (i + 1, km)
    # "Tell Harbak and Kafr Mousa, two towns in Idlib province": the apposition puts every item there.
    for i in range(n - 2, -1, -1):
        a, b = mentions[i], mentions[i + 1]
        if listed[i] and parent[i] is None and parent[i + 1] is not None and a.type_word is not None \
                and a.type_word == b.type_word and a.type_word in _PLURAL:
            parent[i] = parent[i + 1]
    # "in [Borno State]'s [Damboa] district": the village is in Damboa, Damboa in Borno State.
    for i in range(n - 1):
        p = parent[i]
        if p == i + 1 and p + 1 < n and possessor[p + 1] == p:
            parent[i] = p + 1
    return Relations(parent, near, measured, guessed, listed)


# --------------------------------------------------------------------------- candidates


def typed_lookup(name: str, hint: str | None, type_word: str | None,
                 lookup: Callable[[str], list[Entry]]) -> list[Entry]:
    """Candidates of a name with its type word: "Belgorod region" is listed as "Belgorod Oblast",
    "Raqqa province" as "Raqqa Governorate"; the bare name too."""
    found = list(lookup(name))
    if hint == "admin" and type_word and not any(e.feature == "region" for e in found):
        seen = {e.geonameid for e in found}
        for t in REGION_TYPES:
            for e in lookup(f"{name} {t}"):
                if e.geonameid not in seen and e.feature == "region":
                    seen.add(e.geonameid)
                    found.append(e)
    return found
