"""Word lists and number parsing shared by the recognizer and the normalizer.

Everything here is plain data or a pure function so it is built once at import.
Regex fragments are strings (not compiled) because ``recognize`` splices them
into its larger patterns.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Abbreviations must carry a capital; full names are matched case-insensitively
# only through the capitalised alternation below (lowercase "may"/"march" are verbs).
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}
WEEKDAY_RE = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday|" \
    r"MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}
SEASON_RE = r"(?:spring|summer|autumn|fall|winter)"

# Parts of the day, as TIMEX3 suffixes.
DAYPARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "nights": "NI",
    "mid-afternoon": "AF", "mid afternoon": "AF", "midafternoon": "AF", "midday": "12:00",
    "noon": "12:00", "midnight": "24:00", "overnight": "NI",
}
DAYPART_RE = r"(?:morning|afternoon|evening|night)"

UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "2W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
    "centurie": "CE", "millennium": "ML", "millennia": "ML", "season": "S",
}
UNIT_RE = (r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
           r"|century|centuries|millennium|millennia)")

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1, "dozen": 12, "a dozen": 12,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": 4, "final": 4,
}
# Vague quantities: TIMEX3 writes the count as "X".
VAGUE = {"several", "a few", "few", "a couple of", "a couple", "couple of", "many", "some",
         "numerous", "the", "a number of", "dozens of", "hundreds of", "the last few",
         "a handful of", "thousands of"}

_WORD_NUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
             r"|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten"
             r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
# A count: digits (with an optional "1/2"), words, "a hundred", "a couple of", ...
NUM_RE = (
    r"(?:\d+(?:\.\d+)?(?:\s+1/2|½)?"
    r"|(?:a\s+|one\s+)?hundred(?:\s+and)?(?:\s+" + _WORD_NUM + r")?"
    r"|(?:" + _WORD_NUM + r"\s+|a\s+)?thousand(?:\s+and)?(?:\s+" + _WORD_NUM + r")?"
    r"|" + _WORD_NUM + r"(?:\s+hundred(?:\s+and)?(?:\s+" + _WORD_NUM + r")?)?"
    r"|a\s+dozen|a\s+half|half\s+an?|an?|several|a\s+few|few|a\s+couple(?:\s+of)?|couple\s+of|many|some"
    r"|a\s+number\s+of|a\s+handful\s+of|dozens\s+of|hundreds\s+of|thousands\s+of)"
)
# Numbers written as words only (for hyphenated adjectives: "seven-day").
ADJ_NUM_RE = r"(?:\d+(?:\.\d+)?|" + _WORD_NUM + r"|several|multi|half|a)"

_HALF = re.compile(r"\s*(?:1/2|½|and a half)$")


def parse_number(text: str) -> float | None:
    """Value of a count phrase; None means vague ("several" -> TIMEX3 'X')."""
    t = text.lower().strip().replace("-", " ")
    t = re.sub(r"\s+", " ", t)
    half = 0.0
    m = _HALF.search(t)
    if m:
        half, t = 0.5, t[: m.start()].strip()
    if t in VAGUE or t.rstrip(" of") in VAGUE:
        return None
    if t in ("a half", "half", "half a", "half an"):
        return 0.5
    try:
        return float(t.replace(",", "")) + half
    except ValueError:
        pass
    total, cur = 0, 0
    for w in t.split():
        if w in ("and", "of"):
            continue
        if w in ONES:
            cur += ONES[w]
        elif w in TENS:
            cur += TENS[w]
        elif w == "hundred":
            cur = max(cur, 1) * 100
        elif w == "thousand":
            total += max(cur, 1) * 1000
            cur = 0
        elif w == "couple":
            cur += 2
        else:
            return None
    return float(total + cur) + half


def year_from_words(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000 (spoken-style years)."""
    t = text.lower().replace("-", " ").split()
    if not t:
        return None
    if t[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(t[2:]).replace("and ", "")) if len(t) > 2 else 0
        return 2000 + int(rest or 0)
    if t[0] in ONES and 10 < ONES[t[0]] < 21 and len(t) > 1:
        rest = parse_number(" ".join(t[1:]))
        if rest is not None and 0 <= rest < 100:
            return ONES[t[0]] * 100 + int(rest)
    return None
