"""Number phrases: digits and words, vague quantities and their qualifiers.

    scan_quantities(doc) -> list[Quantity]

A ``Quantity`` is a candidate count: the tokens of the number (with its qualifier), a value
and bounds.  Whether it counts *people* is decided later (``category.py``); here we only drop
what is plainly not a count: dates, times, money, percentages, ages and measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import PERSON_NOUNS

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague plurals: the qualifier is the word itself, the value its conservative lower bound
# ("dozens" = at least two dozen).  Documented in docs/figures.md.
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2_000_000}
SEVERAL = {"several": 3, "a few": 3, "a handful": 3}
# "several hundred villagers": a vague magnitude, its lower bound three of the unit
_SEVERAL_OF = {"dozen": ("dozens", 36), "hundred": ("hundreds", 300), "thousand": ("thousands", 3000),
               "million": ("millions", 3_000_000)}
# Vague magnitudes: the story conventions give them no value (value null, the bound stays in `low`);
# "scores" is coded as "dozens".
VAGUE_QUALIFIERS = {"dozens", "scores", "hundreds", "thousands", "millions", "tens of thousands",
                    "hundreds of thousands", "tens of millions", "hundreds of millions"}

# Qualifiers written before the number, longest first; value = the schema's qualifier name.
PRE_QUALIFIERS: list[tuple[tuple[str, ...], str]] = sorted([
    (("more", "than"), "more than"), (("over",), "more than"), (("in", "excess", "of"), "more than"),
    (("upwards", "of"), "more than"), (("at", "least"), "at least"), (("no", "fewer", "than"), "at least"),
    (("no", "less", "than"), "at least"), (("a", "minimum", "of"), "at least"),
    (("about",), "about"), (("around",), "about"), (("some",), "about"), (("approximately",), "about"),
    (("roughly",), "about"), (("an", "estimated"), "about"), (("estimated",), "about"),
    (("nearly",), "nearly"), (("almost",), "nearly"), (("close", "to"), "nearly"), (("just", "under"), "nearly"),
    (("up", "to"), "up to"), (("as", "many", "as"), "up to"), (("at", "most"), "up to"),
    (("fewer", "than"), "up to"), (("less", "than"), "up to"), (("under",), "up to"),
], key=lambda item: -len(item[0]))

# the same, by the word right before the number (one lookup, not a pass over the list per number)
_PRE_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _name in PRE_QUALIFIERS:
    _PRE_BY_LAST.setdefault(_words[-1], []).append((_words, _name))

LOWER_BOUND = {"exact", "more than", "at least", "between"}
UPPER_BOUND = {"exact", "up to", "nearly"}

# Words after a number that make it something other than a head count.
_NOT_COUNT_NEXT = {
    "percent", "per", "%", "cent", "a.m.", "p.m.", "am", "pm", "o'clock", "km", "kilometres", "kilometers",
    "miles", "mile", "metres", "meters", "tons", "tonnes", "dollars", "euros", "pounds", "shekels", "liters",
    "litres", "kg", "degrees", "barrels", "gallons", "acres", "hectares", "square", "feet", "foot", "inches", "mph",
    "votes", "points", "goals", "runs", "yards", "pages", "words", "bpd", "mw", "gw", "kwh",
    "years", "year", "months", "month", "weeks", "week", "days", "day", "hours",
    "hour", "minutes", "minute", "seconds", "times", "th", "st", "nd", "rd",
}
_NOT_COUNT_PREV = {"$", "€", "£", "¥", "us$", "no.", "number", "page", "article", "resolution", "route", "flight",
                   "aged", "age", "ages", "chapter", "section"}
_SKIP_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_JOINED_RANGE = re.compile(r"^(\d{1,3}(?:,\d{3})*|\d+)[-–](\d{1,3}(?:,\d{3})*|\d+)$")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


@dataclass
class Quantity:
    """A number phrase: tokens [start, end) of the whole phrase, [num_start, num_end) of the number."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: int
    low: int | None
    high: int | None
    qualifier: str
    anchor: Token  # the number token whose syntactic head lies outside the number


def _word_value(words: list[str]) -> int | None:
    """'twenty one' / 'two hundred fifty' / 'three thousand' -> int; None if not a number."""
    total, current, seen = 0, 0, False
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        elif w == "and" and seen:
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_number_word(t: Token) -> bool:
    w = t.lower_
    return w in UNITS or w in TENS or w in SCALES


# More people than live on Earth: a serial number or an id, not a count.
MAX_PEOPLE = 10_000_000_000


def _digit_value(text: str) -> int | float | None:
    if not _DIGITS.match(text):
        return None
    plain = text.replace(",", "")
    value = float(plain) if "." in plain else int(plain)  # int: no float rounding of long digit runs
    return value if value <= MAX_PEOPLE else None


def _read_number(doc: Doc, i: int) -> tuple[int, int, str] | None:
    """The number starting at token i: (end token, value, qualifier) or None."""
    t = doc[i]
    n = len(doc)
    low = t.lower_
    if low == "a" and i + 1 < n and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million"):
        base = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}[doc[i + 1].lower_]
        return i + 2, base, "exact"
    if low == "a" and i + 1 < n and f"a {doc[i + 1].lower_}" in SEVERAL:
        return i + 2, SEVERAL[f"a {doc[i + 1].lower_}"], "several"
    if low == "several" and i + 1 < n and doc[i + 1].lower_ in _SEVERAL_OF:
        name, bound = _SEVERAL_OF[doc[i + 1].lower_]
        return i + 2, bound, name
    if low == "several":
        return i + 1, SEVERAL[low], "several"
    if low == "half" and i + 2 < n and doc[i + 1].lower_ == "a" and doc[i + 2].lower_ in ("dozen", "million"):
        return i + 3, 6 if doc[i + 2].lower_ == "dozen" else 500_000, "about"  # "half a million" -> about 500,000
    if low in ("tens", "hundreds") and i + 2 < n and doc[i + 1].lower_ == "of" \
            and doc[i + 2].lower_ in ("thousands", "millions"):
        base = 10 if low == "tens" else 100
        scale = 1000 if doc[i + 2].lower_ == "thousands" else 1_000_000
        return i + 3, 2 * base * scale, f"{low} of {doc[i + 2].lower_}"
    if low in VAGUE:
        return i + 1, VAGUE[low], "dozens" if low == "scores" else low
    digits = _digit_value(t.text)
    if digits is not None:
        j = i + 1
        if j < n and doc[j].lower_ in SCALES:
            digits *= SCALES[doc[j].lower_]
            j += 1
        if digits != int(digits):
            return None  # "2.5" people is not a count
        if j < n and doc[j].lower_ == "dozen":
            digits *= 12
            j += 1
        return j, int(digits), "exact"
    if _is_number_word(t) and low not in SCALES:
        words, j = [], i
        while j < n:
            w = doc[j]
            if _is_number_word(w):
                words.append(w.lower_)
            elif w.text in ("-", "–") and j + 1 < n and _is_number_word(doc[j + 1]) and words:
                pass
            elif w.lower_ == "and" and words and words[-1] in SCALES and j + 1 < n and _is_number_word(doc[j + 1]):
                words.append("and")
            else:
                break
            j += 1
        value = _word_value(words)
        if value is None:
            return None
        if j < n and doc[j].lower_ == "dozen":
            value *= 12
            j += 1
        return j, value, "exact"
    return None


def _pre_qualifier(doc: Doc, i: int) -> tuple[int, str] | None:
    if i < 1:
        return None
    for words, name in _PRE_BY_LAST.get(doc[i - 1].lower_, ()):
        k = len(words)
        if i - k >= 0 and tuple(doc[j].lower_ for j in range(i - k, i)) == words:
            if k == 1 and doc[i - 1].dep_ == "prt":
                continue  # "handed over three captives": a particle of the verb, no qualifier
            return i - k, name
    return None


def _post_qualifier(doc: Doc, end: int) -> tuple[int, str] | None:
    """A qualifier written after the number: 'eight or more' (at least), '250-plus' (more than)."""
    n = len(doc)
    if end + 1 < n and doc[end].lower_ == "or" and doc[end + 1].lower_ in ("more", "so"):
        return end + 2, "at least" if doc[end + 1].lower_ == "more" else "about"
    if end < n and doc[end].lower_ in ("plus", "+") and doc[end].idx == doc[end - 1].idx + len(doc[end - 1].text):
        return end + 1, "more than"
    if end + 1 < n and doc[end].text in ("-", "–") and doc[end + 1].lower_ == "plus":
        return end + 2, "more than"
    return None


def _anchor(doc: Doc, start: int, end: int) -> Token:
    for j in range(start, end):
        head = doc[j].head.i
        if not start <= head < end or doc[j].head.i == j:
            return doc[j]
    return doc[end - 1]


_CURRENCY_WORDS = {"dollars", "dollar", "euros", "euro", "pounds", "pound", "shekels", "yuan", "yen", "rupees",
                   "rubles", "roubles", "francs", "usd", "eur", "gbp", "cents", "dinars", "riyals", "naira"}


def _currency_near(doc: Doc, start: int, end: int) -> bool:
    for j in range(max(0, start - 2), min(len(doc), end + 2)):
        if doc[j].is_currency or doc[j].lower_ in _CURRENCY_WORDS:
            return True
    return False


def _people_follow(doc: Doc, end: int) -> bool:
    """Is the number followed by a person noun ('20 and 30 people')?  Then an entity label is a tagger slip."""
    for j in range(end, min(end + 4, len(doc))):
        t = doc[j]
        if j == end and t.lower_ in ("dead", "injured", "wounded", "missing", "killed"):
            return True
        if t.pos_ in ("NOUN", "PROPN"):
            return t.lemma_.lower() in PERSON_NOUNS or t.lower_ in PERSON_NOUNS or t.ent_type_ == "NORP"
        if t.pos_ not in ("ADJ", "ADP") and t.lower_ != "of":
            return False
    return False


def _not_a_count(doc: Doc, start: int, end: int, value: int, qualifier: str) -> bool:
    first = doc[start]
    ent = first.ent_type_
    if ent in ("MONEY", "QUANTITY"):
        # the small NER calls a bare "more than 10 million" MONEY or QUANTITY: trust it only with a currency
        # in sight (units are caught by the next word)
        if ent == "MONEY" and _currency_near(doc, start, end):
            return True
    elif ent in _SKIP_ENTS and not _people_follow(doc, end):
        return True
    if end < len(doc):
        nxt = doc[end].lower_
        if nxt in _NOT_COUNT_NEXT or nxt.startswith("year"):
            return True
        # "12-year-old", "seven-day truce", "three-storey": a hyphenated modifier, not a count
        if doc[end].text in ("-", "–") and end + 1 < len(doc) and not _is_number_word(doc[end + 1]) \
                and _digit_value(doc[end + 1].text) is None and doc[end + 1].lower_ != "plus":
            return True
        if nxt == "," and end + 1 < len(doc) and start > 0 and doc[start - 1].text == "," \
                and doc[start - 1].i > 0 and doc[start - 2].pos_ in ("PROPN", "NOUN") and value < 120 \
                and doc[end + 1].pos_ in ("VERB", "AUX", "ADP"):
            return True  # "The driver, 45, was arrested": an age in apposition
    if start > 1 and doc[start - 1].text == "," and doc[start - 2].pos_ == "PROPN" and value < 120 \
            and (end == len(doc) or doc[end].text in (",", ";", ")", ".")):
        return True  # "Ariel Leal, 22; Lance Garcia, 36": ages in a list of names
    if start > 0 and doc[start - 1].lower_ in _NOT_COUNT_PREV:
        return True
    if end + 1 < len(doc) and doc[end].lower_ == "out" and doc[end + 1].lower_ == "of":
        return True  # "nine out of 10 Indians": a proportion
    if start > 1 and doc[start - 2].lower_ == "out" and doc[start - 1].lower_ == "of":
        return True
    # a year ("in 2022", "1975-1990")
    return re.fullmatch(r"(1[89]|20)\d\d", first.text) is not None


def scan_quantities(doc: Doc) -> list[Quantity]:
    """Every number phrase in the doc, left to right, non-overlapping (linear in tokens)."""
    out: list[Quantity] = []
    i, n = 0, len(doc)
    while i < n:
        joined = _JOINED_RANGE.match(doc[i].text)
        if joined:
            # "20–30" as one token
            lo, hi = int(joined.group(1).replace(",", "")), int(joined.group(2).replace(",", ""))
            if lo < hi and not re.fullmatch(r"(1[89]|20)\d\d", joined.group(1)) and _people_follow(doc, i + 1):
                out.append(Quantity(i, i + 1, i, i + 1, lo, lo, hi, "between", doc[i]))
            i += 1
            continue
        read = _read_number(doc, i)
        if read is None:
            i += 1
            continue
        end, value, qualifier = read
        start, num_start = i, i
        # "between 20 and 30" (the small NER often calls it a DATE: judged on the whole range)
        if i > 0 and doc[i - 1].lower_ == "between" and end + 1 < n and doc[end].lower_ == "and":
            second = _read_number(doc, end + 1)
            if second is not None:
                end2 = second[0]
                if not _not_a_count(doc, num_start, end2, value, "between"):
                    out.append(Quantity(i - 1, end2, num_start, end2, value, value, second[1], "between",
                                        _anchor(doc, num_start, end2)))
                i = end2
                continue
        if _not_a_count(doc, num_start, end, value, qualifier):
            i = end  # before "X to Y": "since October 2023 to 49,000" is no range
            continue
        # "20 to 30 people", "20-30 people"
        if qualifier == "exact" and end + 1 < n and doc[end].lower_ in ("to", "-", "–"):
            second = _read_number(doc, end + 1)
            if second is not None and second[2] == "exact" and second[1] > value:
                end2 = second[0]
                if not _not_a_count(doc, num_start, end2, value, "between"):
                    out.append(Quantity(start, end2, num_start, end2, value, value, second[1], "between",
                                        _anchor(doc, num_start, end2)))
                i = end2
                continue
        if qualifier == "several":
            i = end  # "several", "a few": not counted (the story conventions)
            continue
        post = _post_qualifier(doc, end) if qualifier == "exact" else None
        if post is not None:
            end, qualifier = post  # "eight or more", "250-plus"
        pre = _pre_qualifier(doc, i)
        if pre is not None and qualifier == "exact":
            start, qualifier = pre
        elif pre is not None:
            start = pre[0]  # "more than hundreds": keep the vague word as qualifier, widen the span
        low = value if qualifier in LOWER_BOUND or qualifier in VAGUE or " of " in qualifier \
            or qualifier == "several" else None
        high = value if qualifier in UPPER_BOUND else None
        out.append(Quantity(start, end, num_start, end, value, low, high, qualifier, _anchor(doc, num_start, end)))
        i = end
    return out
