"""Handlers for vague and repeating expressions: PRESENT/PAST/FUTURE_REF and sets
("every week", "daily", "$2 million a year")."""

from __future__ import annotations

import re

from .lexicon import DAYPARTS, MONTHS, SEASONS, WEEKDAYS, parse_number
from .normalize import Ctx, Handler, Hit, _hit, _norm, duration_value

_REFS = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
         "current": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
         "at present": "PRESENT_REF", "the present": "PRESENT_REF", "recently": "PAST_REF",
         "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF"}


def h_ref(m: re.Match[str], ctx: Ctx) -> Hit | None:
    ref = _norm(m.group("ref"))
    val = _REFS.get(ref)
    if val is None:
        val = "FUTURE_REF"
    if ref == "current":
        # "current" is a timex when it means "now" (current system), not "current account".
        nxt = ctx.text[m.end():m.end() + 12].lower()
        if nxt.startswith((" account", " events", " affairs", " of ", "ly")):
            return None
    return _hit(m, "DATE", val)


def h_ahead(m: re.Match[str], ctx: Ctx) -> Hit | None:
    return _hit(m, "DURATION", duration_value(None, m.group("unit")))


def h_set(m: re.Match[str], ctx: Ctx) -> Hit | None:
    gd = m.groupdict()
    q = _norm(gd["q"])
    num_txt = _norm(gd.get("num"))
    n = 2 if num_txt == "other" else int(parse_number(num_txt) or 1) if num_txt else 1
    if gd.get("wd"):
        return _hit(m, "SET", f"XXXX-WXX-{WEEKDAYS[gd['wd'].lower()]}")
    if gd.get("mon"):
        return _hit(m, "SET", f"XXXX-{MONTHS[gd['mon'].lower().rstrip('.')]:02d}")
    if gd.get("season"):
        return _hit(m, "SET", f"XXXX-{SEASONS[gd['season'].lower()]}")
    unit = _norm(gd["unit"]).rstrip("s")
    if unit in ("morning", "afternoon", "evening", "night"):
        return _hit(m, "SET", f"XXXX-XX-XXT{DAYPARTS[unit]}")
    if unit == "weekend":
        return _hit(m, "SET", "XXXX-WXX-WE")
    if unit == "season":
        return _hit(m, "SET", "P3M") if q != "per" else None
    return _hit(m, "SET", duration_value(n, unit))


_ADV = {"daily": "P1D", "nightly": "XXXX-XX-XXTNI", "weekly": "P1W", "biweekly": "P2W",
        "fortnightly": "P2W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H"}


def h_set_adv(m: re.Match[str], ctx: Ctx) -> Hit | None:
    return _hit(m, "SET", _ADV[m.group("adv").lower()])


_AMOUNT_BEFORE = re.compile(r"(?:\d[\d,.]*\s*(?:%|percent|per\s+cent|[a-z]+)?|\$[\d,.]+\s*(?:million|billion)?"
                            r"|(?:million|billion|thousand|hundred|dollars|times|hours|minutes|percent))\s*$", re.I)


_PLURAL_BEFORE = re.compile(r"(?<![Tt]hi)(?<![Ii]t)(?<![HhWw]a)(?<![Hh]i)(?<![Ii])(?<![Aa])[a-z]{2,}s\s+$")


def h_set_freq(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m.group("freq"):
        return _hit(m, "SET", duration_value(1, m.group("unit")))
    # A rate needs something counted before it: "$2 million a year", "700 seats a week".
    before = ctx.text[max(0, m.start() - 30):m.start()]
    if not (_AMOUNT_BEFORE.search(before) or _PLURAL_BEFORE.search(before)):
        return None
    return _hit(m, "SET", duration_value(1, m.group("unit")))


HANDLERS: dict[str, Handler] = {
    "ref": h_ref, "ahead": h_ahead, "set": h_set, "set_adv": h_set_adv, "set_freq": h_set_freq,
}
