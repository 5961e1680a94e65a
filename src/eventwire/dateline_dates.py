"""Dates in datelines, for :mod:`eventwire.dateline`: "Dec 1", "1 December 2023", "Jan. 5, 2024",
"3rd March, 2024", ENA's "March 3/2024", a bare weekday, and the "Updated: ..." stamps that may
precede a dateline.  A date without a year takes it from the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["LEAD_DATES", "STAMP", "date_at", "weekday_at"]

_L = r"[^\W\d_]"  # one letter, any script

# Month names in the languages of the wires that date their copy in their own (AFP and dpa in French and
# German, EFE in Spanish, Lusa in Portuguese, ANSA in Italian, ANTARA and Bernama in Indonesian and Malay),
# which also turn up in English copy ("Havana, Juin 9 (EFE)").
_FOREIGN_MONTHS = {
    1: "janvier enero janeiro gennaio januar januari gen janv ene",
    2: "février fevrier febrero fevereiro febbraio februar februari fév fev févr fevr",
    3: "mars marzo março marco märz maerz maret",
    4: "avril abril aprile avr abr",
    5: "mai mayo maio maggio mei mag",
    6: "juin junio junho giugno juni giu",
    7: "juillet julio julho luglio juli julai lug juil",
    8: "août aout agosto agustus ogos ago",
    9: "septembre septiembre setiembre setembro settembre set",
    10: "octobre octubre outubro ottobre oktober ott",
    11: "novembre noviembre novembro",
    12: "décembre decembre diciembre dezembro dicembre dezember desember disember dic déc",
}
_FOREIGN = {name: number for number, names in _FOREIGN_MONTHS.items() for name in names.split()}
_MONTH = r"(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         rf"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|" \
         rf"{'|'.join(sorted(_FOREIGN, key=len, reverse=True))}))(?!{_L})\.?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?i:st|nd|rd|th)?(?!\d)"  # "4TH JANUARY" in capitals too
_YEAR = r"(?:(?:[,.]?[ \t]+|/)(?P<year>(?:19|20)\d\d)(?!\d))?"  # "Jan. 5, 2024", "March 26. 2020", ENA's "March 3/2024"
_WEEKDAY = r"(?:(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?i:day)?\.?,?[ \t]+)?"
_DATES = (
    # Dec 1 / Jan. 5, 2024; BNA's glued "Dec4" and SUNA's "Aug, 23" too
    re.compile(_WEEKDAY + _MONTH + r"(?:,?[ \t]+|(?=\d))" + _DAY + _YEAR),
    # 12 May / 1 December 2023 / dpa's and BelTA's German "31. März"
    # Spanish and Portuguese "12 de agosto"
    re.compile(_WEEKDAY + _DAY + r"\.?[ \t]+(?:de[ \t]+)?" + _MONTH + _YEAR),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),  # 2023-12-01
    # "Kabul, 05.01.2021 (AFP)": day, month and year with periods, as European wires write them
    # (a period after the year ends the date: "DUSHANBE, 06.08.2020. (NIAT Khovar)")
    re.compile(r"(?P<day>[0-3]\d)\.(?P<mnum>[01]\d)\.(?P<year>(?:19|20)\d\d)(?![\d:]|\.\d)"),
    # "Bamako, 01/12/2022 (MAP) –": day first as French and North African wires write it; "12/01/2022"
    # is read either way, whichever lies nearer the publication day (see date_at). Only before an agency's
    # bracket or a dash: a byline's stamp ("By JANE DOE 05/25/2011" on its own line) is no dateline.
    re.compile(r"(?P<day>[0-3]?\d)/(?P<mnum>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])(?=[ \t]*[(\-–—])"),
)
# A dateline that opens with its date ("Feb. 7 (UPI) --", "Tuesday, Feb. 7 (UPI) --").
LEAD_DATES = (
    re.compile(_WEEKDAY + _MONTH + r"[ \t]+" + _DAY + _YEAR),
    re.compile(_WEEKDAY + _DAY + r"[ \t]+" + _MONTH + _YEAR),
)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}

# A weekday standing for the date ("KABUL, Monday (AP) —"): the last such day on or before `published`.
_WEEKDAY_ONLY = re.compile(r"(?P<wd>(?i:mon|tues|wednes|thurs|fri|satur|sun))(?i:day)(?![^\W\d_])")
_WEEKDAYS = {"mon": 0, "tues": 1, "wednes": 2, "thurs": 3, "fri": 4, "satur": 5, "sun": 6}
_FUTURE_DAYS = 3  # how far a dateline may lie after `published` (time zones, late metadata)
# "Updated: 2008-08-30 11:09", "Published on Mon, Mar 4, 2024 10:15 AM IST |": a stamp before the dateline.
_STAMP_WORD = (r"\d[\d:./-]*|(?i:am|pm|a\.m\.|p\.m\.|ist|gmt|utc|est|edt|cst|pst|pkt|eat|wat|cat|cet|cest|bst|hrs)"
               r"(?![^\W\d_])|(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon|tue|wed|thu|fri|sat|sun|"
               r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\.?(?![^\W\d_])")
STAMP = re.compile(r"(?i:(?:last[ \t]+)?(?:updated|published|posted|modified))[ \t]*(?::|(?i:on))?[ \t]*"
                   rf"(?:(?:{_STAMP_WORD})[ \t,|]*){{1,8}}")


def weekday_at(text: str, pos: int, published: str | None) -> tuple[str | None, int] | None:
    """(ISO date, end) for a bare weekday at ``pos``: the last such day on or before ``published``."""
    m = _WEEKDAY_ONLY.match(text, pos)
    if m is None:
        return None
    pub = _parse_iso(published)
    if pub is None:
        return None, m.end()
    back = (pub.weekday() - _WEEKDAYS[m.group("wd").lower()]) % 7
    return (pub - timedelta(days=back)).isoformat(), m.end()


def date_at(text: str, pos: int, published: str | None) -> tuple[str | None, int] | None:
    """(ISO date, end) for a date at ``pos``; the date is None when the day does not exist."""
    for pattern in _DATES:
        m = pattern.match(text, pos)
        if m is None:
            continue
        groups = m.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else _month_number(groups["mon"])
        if month is None:  # a case-folding oddity ("ſep") matched the pattern but names no month
            continue
        year = int(groups["year"]) if groups.get("year") else None
        day = int(groups["day"])
        if "/" in m.group(0) and groups.get("mnum"):
            day, month = _day_month(day, month, year, published)
        return _resolve(year, month, day, published), m.end()
    return None


def _day_month(first: int, second: int, year: int | None, published: str | None) -> tuple[int, int]:
    """(day, month) of a numeric date "a/b/yyyy": a number over 12 is the day; when both could be
    months, the reading nearer the publication day (day first when it is unknown)."""
    if second > 12 >= first:
        return second, first  # "12/25/2023": month first, as US pages write it
    if first > 12 or year is None:
        return first, second
    pub = _parse_iso(published)
    if pub is None:
        return first, second
    def gap(day: int, month: int) -> int:
        try:
            return abs((date(year, month, day) - pub).days)
        except ValueError:
            return 1 << 30
    return (second, first) if gap(second, first) < gap(first, second) else (first, second)


def _month_number(name: str) -> int | None:
    name = name.lower()
    return _FOREIGN.get(name) or _MONTHS.get(name[:3])


def _resolve(year: int | None, month: int, day: int, published: str | None) -> str | None:
    """The ISO date; a missing year comes from ``published``, else it stays ``XXXX``."""
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: Feb 29 is a real day without a year
    except ValueError:
        return None
    if year is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    pub = _parse_iso(published)
    candidates = []
    if pub is not None:
        for y in (pub.year - 1, pub.year, pub.year + 1):
            try:
                candidate = date(y, month, day)
            except ValueError:  # Feb 29 outside a leap year
                continue
            # A dispatch is not dated after its publication, give or take time zones.
            if candidate <= pub + timedelta(days=_FUTURE_DAYS):
                candidates.append(candidate)
    if not candidates:
        return f"XXXX-{month:02d}-{day:02d}"  # never a silent guess at the year
    return max(candidates).isoformat()  # the latest allowed one is the closest to `published`


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
