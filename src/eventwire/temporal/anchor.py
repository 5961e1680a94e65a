"""Handlers for anchored expressions: calendar dates, weekdays, relative dates,
times of day, quarters, seasons, decades and years."""

from __future__ import annotations

import datetime as dt
import re

from .lexicon import DAYPARTS, MONTHS, ORDINALS, SEASONS, WEEKDAYS, year_from_words
from .normalize import (
    Ctx,
    Handler,
    Hit,
    _direction,
    _emod,
    _hit,
    _norm,
    _qmod,
    _year_str,
    add_months,
    month_day_year,
    month_year,
    quarter_of,
    reporting_quarter,
    season_value,
    week_of,
    weekday_date,
    ymd,
)

# "May" is a month only after words like these ("in May", "early May", "since May");
# "Theresa May", "May the talks succeed" stay out.
_LOWER_OK_BEFORE_MAY = re.compile(
    r"\b(?:in|since|until|till|by|of|early|late|mid|last|this|next|from|through|during|before|after"
    r"|between|throughout|and\s+(?:early|late|mid)|April\s+(?:and|to|or))\s*-?$", re.I)


def _mon(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _year(s: str) -> int:
    s = s.strip("'’")
    y = int(s)
    return y + (1900 if y >= 30 else 2000) if len(s) == 2 else y


def h_mdy(m: re.Match[str], ctx: Ctx) -> Hit | None:
    mon, day = _mon(m.group("mon")), int(m.group("day"))
    if _bad_date(2000, mon, day):  # 2000 is a leap year: only impossible days are rejected
        return None
    year = m.groupdict().get("year")
    if year:
        if _bad_date(int(year), mon, day):
            return None
        return _hit(m, "DATE", f"{int(year):04d}-{mon:02d}-{day:02d}", _emod(m))
    s, e = m.span()
    wd = m.groupdict().get("wd")
    if wd and ctx.dct is not None:
        # "Saturday, April 25": the year whose April 25 is a Saturday, nearest the document date
        want = WEEKDAYS[wd.lower()]
        for y in (ctx.dct.year, ctx.dct.year + 1, ctx.dct.year - 1):
            if not _bad_date(y, mon, day) and dt.date(y, mon, day).isoweekday() == want:
                return _hit(m, "DATE", f"{y:04d}-{mon:02d}-{day:02d}", _emod(m))
    return _hit(m, "DATE", month_day_year(ctx, mon, day, s, e), _emod(m))


def _bad_date(y: int, mon: int, day: int) -> bool:
    try:
        dt.date(y, mon, day)
    except ValueError:
        return True
    return False


def h_iso(m: re.Match[str], ctx: Ctx) -> Hit | None:
    y, mon, day = int(m.group("year")), int(m.group("mon")), int(m.group("day"))
    if _bad_date(y, mon, day):
        return None
    if m.group("h"):
        return _hit(m, "TIME", f"{y:04d}-{mon:02d}-{day:02d}T{m.group('h')}:{m.group('mi')}")
    return _hit(m, "DATE", f"{y:04d}-{mon:02d}-{day:02d}")


def h_slash(m: re.Match[str], ctx: Ctx) -> Hit | None:
    y = _year(m.group("year"))
    mon, day = int(m.group("mon")), int(m.group("day"))
    if _bad_date(y, mon, day):
        return None
    return _hit(m, "DATE", f"{y:04d}-{mon:02d}-{day:02d}")


def h_month(m: re.Match[str], ctx: Ctx) -> Hit | None:
    mon_txt = m.group("mon")
    mon = _mon(mon_txt)
    s, e = m.span()
    year = m.groupdict().get("year")
    yrel = _norm(m.groupdict().get("yrel"))
    emod = _emod(m)
    # "May" is mostly the modal verb (or a name): accept only after a date-ish preposition.
    if (mon_txt.lower() == "may" and not year and not m.groupdict().get("emod")
            and not _LOWER_OK_BEFORE_MAY.search(ctx.text[max(0, s - 16):s])):
        return None
    if mon_txt.lower().rstrip(".") in ("mar", "jan", "jun", "jul", "aug", "oct", "nov", "dec", "sep",
                                       "sept", "feb", "apr") and not year:
        return None  # a bare abbreviation without a day is rarely a date ("Mar" in names)
    if mon_txt[0].islower():
        return None
    if not year and not yrel and re.match(r"\s+(?:for|of|on|against)\s+[A-Z]", ctx.text[e:e + 16]) \
            and re.search(r"\b(?:the|a|an|annual)\s+$", ctx.text[max(0, s - 10):s], re.I):
        return None  # "the annual March for Life", "the March of the Mothers": an event name
    if year:
        val = f"{_year(year):04d}-{mon:02d}"
    elif yrel:
        k = {"this": 0, "last": -1, "next": 1}[yrel]
        val = f"{_year_str(ctx, k)}-{mon:02d}"
    else:
        val = month_year(ctx, mon, s, e)
    return _hit(m, "DATE", val, emod)


HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new years day": (1, 1), "new year day": (1, 1),
            "new year's eve": (12, 31), "new years eve": (12, 31), "halloween": (10, 31),
            "valentine's day": (2, 14), "valentines day": (2, 14), "boxing day": (12, 26),
            "may day": (5, 1)}


def _nth_weekday(y: int, mon: int, wd: int, n: int) -> dt.date:
    if n > 0:
        d = dt.date(y, mon, 1)
        d += dt.timedelta(days=(wd - d.isoweekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)
    d = dt.date(y, mon + 1, 1) - dt.timedelta(days=1) if mon < 12 else dt.date(y, 12, 31)
    return d - dt.timedelta(days=(d.isoweekday() - wd) % 7)


def h_holiday(m: re.Match[str], ctx: Ctx) -> Hit | None:
    name = _norm(m.group("hol")).replace("’", "'")
    rel = _norm(m.groupdict().get("rel"))
    s, e = m.span()
    if name in HOLIDAYS:
        mon, day = HOLIDAYS[name]
        if ctx.dct is None:
            return _hit(m, "DATE", f"XXXX-{mon:02d}-{day:02d}")
        if rel == "last":
            y = ctx.dct.year if dt.date(ctx.dct.year, mon, day) < ctx.dct else ctx.dct.year - 1
            return _hit(m, "DATE", f"{y:04d}-{mon:02d}-{day:02d}")
        if rel in ("this", "next"):
            y = ctx.dct.year if dt.date(ctx.dct.year, mon, day) >= ctx.dct else ctx.dct.year + 1
            return _hit(m, "DATE", f"{y:04d}-{mon:02d}-{day:02d}")
        return _hit(m, "DATE", month_day_year(ctx, mon, day, s, e))
    rules = {"thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
             "memorial day": (5, 1, -1)}
    if name not in rules:
        return None
    mon, wd, n = rules[name]
    if ctx.dct is None:
        return _hit(m, "DATE", f"XXXX-{mon:02d}" + (f"-{n:02d}" if wd == 0 else ""))
    y = ctx.dct.year
    cand = dt.date(y, mon, n) if wd == 0 else _nth_weekday(y, mon, wd, n)
    if cand > ctx.dct and (rel == "last" or (not rel and _direction(ctx, s, e) == "past")):
        y -= 1
    elif cand < ctx.dct and rel in ("this", "next"):
        y += 1
    cand = dt.date(y, mon, n) if wd == 0 else _nth_weekday(y, mon, wd, n)
    return _hit(m, "DATE", ymd(cand))


def _dayparts(part: str | None) -> str | None:
    return DAYPARTS.get(_norm(part)) if part else None


def _with_part(day: str, part: str | None) -> tuple[str, str]:
    code = _dayparts(part)
    if not code:
        return "DATE", day
    return "TIME", f"{day}T{code}"


def h_weekday(m: re.Match[str], ctx: Ctx) -> Hit | None:
    wd = WEEKDAYS[m.group("wd").lower()]
    rel = _norm(m.groupdict().get("rel")).replace("the ", "")
    part = m.groupdict().get("part")
    s, e = m.span()
    if m.group("wd")[0].islower() and not rel:
        return None  # lowercase weekday without a determiner: likely not a date (names, headlines)
    if rel in ("previous", "following", "same"):
        return None  # anchored on another event, not the document date
    if ctx.dct is None:
        day = f"XXXX-WXX-{wd}"
    else:
        direction = {"last": "last", "this past": "last", "next": "next", "this coming": "future",
                     "coming": "future", "this": "this"}.get(rel) or _direction(ctx, s, e)
        day = ymd(weekday_date(ctx.dct, wd, direction))
    typ, val = _with_part(day, part)
    return _hit(m, typ, val, _emod(m))


def h_dayref(m: re.Match[str], ctx: Ctx) -> Hit | None:
    ref = _norm(m.group("dref"))
    part = m.groupdict().get("part")
    offs = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2}[ref]
    day = "XXXX-XX-XX" if ctx.dct is None else ymd(ctx.dct + dt.timedelta(days=offs))
    if ref == "tonight":
        return _hit(m, "TIME", f"{day}TNI", _emod(m))
    typ, val = _with_part(day, part)
    return _hit(m, typ, val, _emod(m))


def h_daypart(m: re.Match[str], ctx: Ctx) -> Hit | None:
    rel = _norm(m.group("rel"))
    part = m.group("part")
    offs = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and _norm(part) != "night":
        return None  # "last morning" is not idiomatic; skip
    day = "XXXX-XX-XX" if ctx.dct is None else ymd(ctx.dct + dt.timedelta(days=offs))
    return _hit(m, "TIME", f"{day}T{_dayparts(part)}", _emod(m))


def h_overnight(m: re.Match[str], ctx: Ctx) -> Hit | None:
    # "overnight strikes" in a morning dispatch: the night before, unless the clause is future.
    if ctx.dct is None:
        return _hit(m, "TIME", "XXXX-XX-XXTNI")
    back = 0 if ctx.tense(*m.span()) == "FUTURE" else 1
    return _hit(m, "TIME", f"{ymd(ctx.dct - dt.timedelta(days=back))}TNI")


def h_the_part(m: re.Match[str], ctx: Ctx) -> Hit | None:
    day = "XXXX-XX-XX" if ctx.dct is None else ymd(ctx.dct)
    return _hit(m, "TIME", f"{day}T{_dayparts(m.group('part'))}")


def h_week_of(m: re.Match[str], ctx: Ctx) -> Hit | None:
    mon, day = MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("day"))
    val = month_day_year(ctx, mon, day, *m.span())
    if val.startswith("X") or _bad_date(int(val[:4]), mon, day):
        return _hit(m, "DATE", "XXXX-WXX")
    return _hit(m, "DATE", week_of(dt.date(int(val[:4]), mon, day)))


def _clock_day(m: re.Match[str], ctx: Ctx, s: int, e: int) -> str:
    gd = m.groupdict()
    if gd.get("wd"):
        if gd.get("mon") and gd.get("day"):
            return month_day_year(ctx, MONTHS[gd["mon"].lower().rstrip(".")], int(gd["day"]), s, e)
        wd = WEEKDAYS[gd["wd"].lower()]
        return f"XXXX-WXX-{wd}" if ctx.dct is None else ymd(weekday_date(ctx.dct, wd, _direction(ctx, s, e)))
    if gd.get("mon2"):
        return month_day_year(ctx, MONTHS[gd["mon2"].lower().rstrip(".")], int(gd["day2"]), s, e)
    if ctx.dct is None:
        return "XXXX-XX-XX"
    offs = {"yesterday": -1, "tomorrow": 1}.get(_norm(gd.get("dref")), 0)
    return ymd(ctx.dct + dt.timedelta(days=offs))


def h_clock(m: re.Match[str], ctx: Ctx) -> Hit | None:
    h = int(m.group("h"))
    mi = int(m.group("mi") or 0)
    ampm = (m.group("ampm") or "").lower().replace(" ", "")
    if not 1 <= h <= 12 or mi > 59:
        return None
    if ampm.startswith("p") and h != 12:
        h += 12
    if ampm.startswith("a") and h == 12:
        h = 0
    s, e = m.span()
    day = _clock_day(m, ctx, s, e)
    return _hit(m, "TIME", f"{day}T{h:02d}:{mi:02d}", _qmod(m))


def h_clock24(m: re.Match[str], ctx: Ctx) -> Hit | None:
    s, e = m.span()
    day = _clock_day(m, ctx, s, e)
    return _hit(m, "TIME", f"{day}T{int(m.group('h')):02d}:{m.group('mi')}")


def h_noon(m: re.Match[str], ctx: Ctx) -> Hit | None:
    np_ = _norm(m.group("np")).replace("-", " ").replace("  ", " ")
    code = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}.get(np_)
    if code is None:
        code = "AF" if "afternoon" in np_ else "MO"
    s, e = m.span()
    day = _clock_day(m, ctx, s, e)
    return _hit(m, "TIME", f"{day}T{code}")


# ---------------------------------------------------------------- relative units
def _rel_offset(rel: str) -> int | None:
    return {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "prior": -1,
            "this past": -1, "preceding": -1, "latest": -1, "recent": -1, "next": 1, "coming": 1,
            "following": 1, "upcoming": 1, "this coming": 1}.get(rel)


def unit_value(ctx: Ctx, unit: str, k: int) -> str | None:
    """The week/month/year/... k units away from the document date."""
    d = ctx.dct
    if unit in ("fiscal year",):
        unit = "year"
    if d is None:
        return {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
                "quarter": "XXXX-QX", "half": "XXXX-HX", "decade": "XXX", "century": "XX",
                "fiscal quarter": "XXXX-QX"}.get(unit)
    if unit == "week":
        return week_of(d + dt.timedelta(weeks=k))
    if unit == "weekend":
        return week_of(d + dt.timedelta(weeks=k)) + "-WE"
    if unit == "month":
        y, mo = add_months(d.year, d.month, k)
        return f"{y:04d}-{mo:02d}"
    if unit == "year":
        return f"{d.year + k:04d}"
    if unit in ("quarter", "fiscal quarter"):
        q = d.year * 4 + quarter_of(d) - 1 + k
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "half":
        h = d.year * 2 + (d.month - 1) // 6 + k
        return f"{h // 2:04d}-H{h % 2 + 1}"
    if unit == "decade":
        return f"{d.year // 10 + k:03d}"
    if unit == "century":
        return f"{d.year // 100 + k:02d}"
    return None


def h_rel(m: re.Match[str], ctx: Ctx) -> Hit | None:
    rel = _norm(m.group("rel"))
    k = _rel_offset(rel)
    if k is None:
        return None
    emod = _emod(m)
    gd = m.groupdict()
    if gd.get("unit"):
        unit = _norm(gd["unit"])
        if rel == "recent":
            return None
        val = unit_value(ctx, unit, k)
        return _hit(m, "DATE", val, emod) if val else None
    if gd.get("mon"):
        mon = MONTHS[gd["mon"].lower().rstrip(".")]
        if ctx.dct is None:
            return _hit(m, "DATE", f"XXXX-{mon:02d}", emod)
        y = ctx.dct.year
        if k < 0:
            y = y if mon < ctx.dct.month else y - 1
        elif k > 0 and rel != "this coming":
            y = y if mon > ctx.dct.month else y + 1
        return _hit(m, "DATE", f"{y:04d}-{mon:02d}", emod)
    code = SEASONS[gd["season"].lower()]
    if ctx.dct is None:
        return _hit(m, "DATE", f"XXXX-{code}", emod)
    direction = "this" if k == 0 else ("last" if k < 0 else "next")
    return _hit(m, "DATE", season_value(ctx.dct, code, direction), emod)


def h_the_unit(m: re.Match[str], ctx: Ctx) -> Hit | None:
    unit = _norm(m.group("unit"))
    emod = _emod(m)
    if not m.groupdict().get("emod"):
        if unit == "weekend":
            val = unit_value(ctx, "weekend", 0 if ctx.dct is None or ctx.dct.isoweekday() >= 5 else
                             (1 if _direction(ctx, *m.span()) == "future" else -1))
            return _hit(m, "DATE", val or "XXXX-WXX-WE")
        return None  # "the year", "the week", "the day": too often anaphoric to guess
    if unit == "day":
        # "earlier in the day", "the end of the day": the day of the story
        return _hit(m, "DATE", "XXXX-XX-XX" if ctx.dct is None else ymd(ctx.dct), emod)
    if unit == "quarter" and ctx.dct is not None:
        return _hit(m, "DATE", unit_value(ctx, "quarter", 0) or "", emod)
    val = unit_value(ctx, unit, 0)
    return _hit(m, "DATE", val, emod) if val else None


def h_latest(m: re.Match[str], ctx: Ctx) -> Hit | None:
    # Earnings-report idiom: "the quarter" / "the latest period" is the last completed quarter.
    if _norm(m.group(0)) == "the period":
        return None
    val = unit_value(ctx, "quarter", -1)
    return _hit(m, "DATE", val) if val else None


def h_yearx(m: re.Match[str], ctx: Ctx) -> Hit | None:
    x = _norm(m.group("x")).replace("-", " ")
    if "end" in x:
        return _hit(m, "DATE", _year_str(ctx), "END")
    what = _norm(m.groupdict().get("what"))
    if ctx.dct is not None and (what == "quarter" or reporting_quarter(ctx, m.start())):
        return _hit(m, "DATE", reporting_quarter(ctx, m.end(), -4) or unit_value(ctx, "quarter", -5) or "")
    return _hit(m, "DATE", _year_str(ctx, -1))


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def h_quarter(m: re.Match[str], ctx: Ctx) -> Hit | None:
    gd = m.groupdict()
    what = _norm(gd["what"])
    ordw = _norm(gd["ord"])
    rels = _norm(m.group(0)).split()
    n = _ORD.get(ordw)
    if n is None:
        n = 4 if what == "quarter" else 2  # "final/last quarter"
    if what == "half" and n > 2:
        return None
    letter = "Q" if what == "quarter" else "H"
    s, e = m.span()
    year: str
    if gd.get("yr1") or gd.get("yr2"):
        year = gd.get("yr1") or gd["yr2"]
    elif gd.get("yrel") or gd.get("yrel2"):
        year = _year_str(ctx, {"this": 0, "last": -1, "next": 1}[_norm(gd.get("yrel") or gd.get("yrel2"))])
    elif ctx.dct is None:
        year = "XXXX"
    else:
        y = ctx.dct.year
        cur = quarter_of(ctx.dct) if letter == "Q" else (ctx.dct.month - 1) // 6 + 1
        if any(r in rels for r in ("year-ago", "year-earlier")):
            y -= 1
        elif n > cur and ctx.tense(s, e) == "PAST":
            y -= 1  # "the fourth quarter" in a past-tense January story: last year's
        elif n > cur + 1 and ctx.tense(s, e) != "FUTURE":
            y -= 1  # a quarter two or more ahead is rarely meant unless the clause is future
        year = f"{y:04d}"
    return _hit(m, "DATE", f"{year}-{letter}{n}")


def h_q_short(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m.group("q"):
        return _hit(m, "DATE", f"{m.group('year')}-Q{m.group('q')}")
    return _hit(m, "DATE", f"{m.group('year')}-H{m.group('h')}")


def h_season(m: re.Match[str], ctx: Ctx) -> Hit | None:
    code = SEASONS[m.group("season").lower()]
    txt = m.group(0)
    year = m.groupdict().get("year")
    if m.group("season").lower() == "fall" and not year:
        # "fall" is mostly the verb/noun; only "the fall" / "in the fall" / "last fall" count.
        before = ctx.text[max(0, m.start() - 10):m.start()].lower()
        if not txt.lower().startswith("the") or not re.search(r"(?:in|during|by|since|until|this|of)\s+$", before):
            return None
    if year:
        return _hit(m, "DATE", f"{year}-{code}", _emod(m))
    word = m.group("season")
    if word[0].isupper() and not re.search(r"(?:^|[.!?:\"“]\s*|\n\s*)$", ctx.text[max(0, m.start("season") - 3):
                                                                        m.start("season")]):
        return None  # a capitalised season mid-sentence is a name: "the Arab Spring", "Summer Olympics"
    if ctx.dct is None:
        return _hit(m, "DATE", f"XXXX-{code}", _emod(m))
    s, e = m.span()
    tense = ctx.tense(s, e)
    direction = "past" if tense == "PAST" else "future" if tense == "FUTURE" else "this"
    return _hit(m, "DATE", season_value(ctx.dct, code, direction), _emod(m))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def h_decade(m: re.Match[str], ctx: Ctx) -> Hit | None:
    gd = m.groupdict()
    if gd.get("dec"):
        val = gd["dec"][:3]
    elif gd.get("short"):
        val = ("19" if int(gd["short"]) >= 30 else "20") + gd["short"][0]
    else:
        val = "19" + str(_DECADE_WORDS[gd["word"].lower()])
    return _hit(m, "DATE", val, _emod(m))


def h_century(m: re.Match[str], ctx: Ctx) -> Hit | None:
    o = m.group("ord").lower()
    mm = re.match(r"(\d+)", o)
    n = int(mm.group(1)) if mm else ORDINALS.get(o)
    if o in ("this", "last", "next", "past", "the"):
        return None
    if n is None and o.replace("-", " ") in ("twenty first", "twenty-first"):
        n = 21
    if not n or o in ("last", "final") or n > 30:
        return None
    return _hit(m, "DATE", f"{n - 1:02d}", _emod(m))


_YEAR_PREV_OK = re.compile(
    r"(?:in|since|until|till|by|of|from|before|after|during|through|to|between|and|or|early|late|mid|fiscal"
    r"|year|summer|spring|autumn|fall|winter|the|for|around|circa|c\.|-|–|,|\()\s*$", re.I)
_YEAR_PREV_BAD = re.compile(r"(?:\b(?:No|Nos|no|number|Resolution|resolution|Route|route|Highway|Flight|flight"
                            r"|Article|article|Room|room|Unit|unit|Model|model|Decree|decree|Law|law|Bill|bill)\.?"
                            r"|#|\bpage|\bp\.)\s*$")
_YEAR_NEXT_BAD = re.compile(r"\s*(?:[a-z]+s\b|people|men|women|children|police|staff|troops|personnel|feet"
                            r"|metres|meters|miles|km|kilometers|tons|tonnes|dollars|euros|pounds|yuan|rupees"
                            r"|hours|[-–]?(?:strong|member))", re.I)


def h_year(m: re.Match[str], ctx: Ctx) -> Hit | None:
    y = int(m.group("year"))
    s, e = m.span()
    gd = m.groupdict()
    if not (gd.get("fiscal") or gd.get("emod")):
        before = ctx.text[max(0, s - 12):s]
        if _YEAR_PREV_BAD.search(before):
            return None
        after = ctx.text[e:e + 20]
        if _YEAR_NEXT_BAD.match(after) and not _YEAR_PREV_OK.search(before):
            return None
        if ctx.doc is not None and not _YEAR_PREV_OK.search(before):
            span = ctx.doc.char_span(s, e)
            if span is not None and span.root.dep_ == "nummod" and span.root.ent_type_ != "DATE":
                return None
        if y < 1800 and not _YEAR_PREV_OK.search(before):
            return None
        if ctx.dct is not None and y > ctx.dct.year + 30:
            return None
    return _hit(m, "DATE", f"{y:04d}", _emod(m))


def h_spoken_year(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if re.match(r"[\s-]+(?:years?|people|troops|dollars|miles|\w+s)\b", ctx.text[m.end():m.end() + 12]):
        return None  # "two thousand years", "nineteen twenty people": a count
    y = year_from_words(m.group("sy"))
    if y is None or not 1100 <= y <= 2100:
        return None
    return _hit(m, "DATE", f"{y:04d}")


HANDLERS: dict[str, Handler] = {
    "mdy": h_mdy, "dmy": h_mdy, "iso": h_iso, "slash": h_slash, "month": h_month, "holiday": h_holiday,
    "weekday": h_weekday, "dayref": h_dayref, "daypart": h_daypart, "clock": h_clock, "clock24": h_clock24,
    "noon": h_noon, "rel": h_rel, "the_unit": h_the_unit, "yearx": h_yearx, "latest": h_latest,
    "the_part": h_the_part, "week_of": h_week_of, "quarter": h_quarter, "q_short": h_q_short,
    "season": h_season, "decade": h_decade, "century": h_century, "year": h_year,
    "spoken_year": h_spoken_year, "clock_at": h_clock24, "overnight": h_overnight,
}
