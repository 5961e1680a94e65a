"""Turn a recognized match into a TIMEX3 (type, value, mod), anchored on the document date.

Every handler gets the regex match and a ``Ctx`` (text, document date, tense
lookup) and returns a ``Hit`` or None to reject the candidate.  Without a
document date, anchored values stay underspecified the TimeML way
("XXXX-WXX-5", "XXXX-11-24"): nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .lexicon import UNITS, VAGUE, parse_number
from .tense import Tense, tense_at


@dataclass
class Hit:
    """A normalized candidate; ``kind`` (the pattern name) breaks ties between overlaps."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    kind: str = ""
    # "two years later": (signed count, unit code) so the engine can re-anchor the value
    # on an explicit date mentioned just before, instead of on the document date.
    shift: tuple[int, str] | None = None


@dataclass
class Ctx:
    """What every handler may consult; tense lookups are cached per span."""

    text: str
    dct: dt.date | None
    doc: Doc | None = None
    _tense: dict[tuple[int, int], Tense] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> Tense:
        key = (start, end)
        if key not in self._tense:
            self._tense[key] = tense_at(self.text, start, end, self.doc)
        return self._tense[key]


Handler = Callable[[re.Match[str], Ctx], Hit | None]

QMODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "more than": "MORE_THAN",
    "over": "MORE_THAN", "well over": "MORE_THAN", "just over": "MORE_THAN",
    "a little over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "just under": "LESS_THAN", "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}
EMODS = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
         "late": "END", "end": "END", "close": "END"}


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip().lower()


def _qmod(m: re.Match[str]) -> str | None:
    g = m.groupdict().get("qmod")
    return QMODS.get(_norm(g)) if g else None


def _emod(m: re.Match[str]) -> str | None:
    g = _norm(m.groupdict().get("emod"))
    if not g:
        return None
    for word, mod in EMODS.items():
        if word in g.split():
            return mod
    return None


def _hit(m: re.Match[str], typ: str, value: str, mod: str | None = None) -> Hit:
    gd = m.groupdict()
    s, e = (m.span("body") if gd.get("body") else m.span())
    return Hit(s, e, typ, value, mod)


# ---------------------------------------------------------------- date arithmetic
def ymd(d: dt.date) -> str:
    return d.isoformat()


def week_of(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


_SEASON_CODES = ["SP", "SU", "FA", "WI"]


def _season_index(d: dt.date) -> int:
    """Absolute season number: year*4 + (SP 0, SU 1, FA 2, WI 3); winter is labelled with
    the year of its December, so January 2024 is in winter 2023."""
    m = d.month
    if m in (1, 2):
        return (d.year - 1) * 4 + 3
    return d.year * 4 + {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3}[m]


def season_value(dct: dt.date, code: str, direction: str) -> str:
    """'2023-SU' for a season relative to dct: last/next (strictly before/after the
    current one), past/future (the current one or the nearest in that direction), this."""
    cur = _season_index(dct)
    want = _SEASON_CODES.index(code)
    # the instance of `code` in the current cycle, then step by whole years
    inst = (cur // 4) * 4 + want
    if direction in ("last", "past"):
        limit = cur - 1 if direction == "last" else cur
        while inst > limit:
            inst -= 4
    elif direction in ("next", "future"):
        limit = cur + 1 if direction == "next" else cur
        while inst < limit:
            inst += 4
    elif cur % 4 != want:  # "this": the current season, else the one of the document's year
        inst = dct.year * 4 + want
    else:
        inst = cur
    return f"{inst // 4:04d}-{_SEASON_CODES[inst % 4]}"


def weekday_date(dct: dt.date, wd: int, direction: str) -> dt.date:
    """Date of ISO weekday wd relative to dct: 'past' (on/before), 'future' (on/after),
    'last' (strictly before), 'next' (strictly after), 'this' (same ISO week)."""
    cur = dct.isoweekday()
    if direction == "past":
        return dct - dt.timedelta(days=(cur - wd) % 7)
    if direction == "future":
        return dct + dt.timedelta(days=(wd - cur) % 7)
    if direction == "near":
        back, fwd = (cur - wd) % 7, (wd - cur) % 7
        return dct - dt.timedelta(days=back) if back <= fwd else dct + dt.timedelta(days=fwd)
    if direction == "last":
        return dct - dt.timedelta(days=((cur - wd) % 7) or 7)
    if direction == "next":
        return dct + dt.timedelta(days=((wd - cur) % 7) or 7)
    return dct + dt.timedelta(days=wd - cur)


def _direction(ctx: Ctx, start: int, end: int) -> str:
    return {"FUTURE": "future", "NEAR": "near"}.get(ctx.tense(start, end) or "", "past")


def month_day_year(ctx: Ctx, mon: int, day: int, start: int, end: int) -> str:
    """Year of a bare 'Nov. 24': the most recent one not after the document date,
    the next one when the clause is in the future tense."""
    if ctx.dct is None:
        return f"XXXX-{mon:02d}-{day:02d}"
    d = ctx.dct
    try:
        this_year = dt.date(d.year, mon, day)
    except ValueError:
        return f"XXXX-{mon:02d}-{day:02d}"
    tense = ctx.tense(start, end)
    if tense == "NEAR":
        tense = None
    if tense == "FUTURE":
        y = d.year if this_year >= d else d.year + 1
    elif tense == "PAST":
        y = d.year if this_year <= d else d.year - 1
    else:
        # Unknown tense: the nearest of last/next occurrence, past preferred.
        past = this_year if this_year <= d else this_year.replace(year=d.year - 1)
        fut = this_year if this_year >= d else _safe(d.year + 1, mon, day)
        y = past.year if fut is None or (d - past).days <= 2 * (fut - d).days else fut.year
    return f"{y:04d}-{mon:02d}-{day:02d}"


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def month_year(ctx: Ctx, mon: int, start: int, end: int) -> str:
    if ctx.dct is None:
        return f"XXXX-{mon:02d}"
    d = ctx.dct
    if mon == d.month:
        return f"{d.year:04d}-{mon:02d}"
    tense = ctx.tense(start, end)
    if tense == "NEAR":
        tense = None
    if tense == "FUTURE":
        y = d.year if mon > d.month else d.year + 1
    elif tense == "PAST":
        y = d.year if mon < d.month else d.year - 1
    else:
        back = (d.month - mon) % 12
        y = d.year if mon < d.month else d.year - 1
        if back > 8:  # e.g. "January" in a November story: the coming one
            y = d.year + 1 if mon < d.month else d.year
    return f"{y:04d}-{mon:02d}"


def _year_str(ctx: Ctx, k: int = 0) -> str:
    return "XXXX" if ctx.dct is None else f"{ctx.dct.year + k:04d}"


_QUARTER_WORD = re.compile(r"\bquarter", re.I)


def reporting_quarter(ctx: Ctx, pos: int, shift: int = 0) -> str | None:
    """In an earnings story (a quarter mentioned shortly before), comparisons such as
    "a year earlier" refer to the reported quarter, the last one completed by the
    document date (TimeBank convention: "a year ago" -> 1988-Q3 in an Oct 1989 story)."""
    if ctx.dct is None or not _QUARTER_WORD.search(ctx.text, max(0, pos - 600), pos):
        return None
    q = ctx.dct.year * 4 + quarter_of(ctx.dct) - 2 + shift
    return f"{q // 4:04d}-Q{q % 4 + 1}"


# ---------------------------------------------------------------- durations

def unit_code(word: str) -> str:
    w = word.lower().rstrip("s")
    if w == "centurie" or w == "centuries":
        w = "century"
    return UNITS.get(w, UNITS.get(w.rstrip("s"), "X"))


def duration_value(num: float | None, unit_word: str) -> str:
    """TIMEX3 duration: P3D, PT5H, P2Y6M (for 2 1/2 years), PXY (vague)."""
    w = unit_word.lower()
    is_time = w.startswith(("hour", "minute", "second"))
    code = unit_code(w)
    if code == "2W":  # fortnight
        code, num = "W", (num * 2 if num is not None else None)
    if code == "DE":
        code, num = "Y", (num * 10 if num is not None else None)
        if num is None:
            return "PXDE"
    if code == "CE":
        code, num = "Y", (num * 100 if num is not None else None)
        if num is None:
            return "PXCE"
    if code == "ML":
        code, num = "Y", (num * 1000 if num is not None else None)
    prefix = "PT" if is_time else "P"
    if num is None:
        return f"{prefix}X{code}"
    if num != int(num):
        whole, frac = int(num), num - int(num)
        sub = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False), "D": (24, "H", True)}
        if is_time:
            sub = {"H": (60, "M", True), "M": (60, "S", True)}
        if code in sub:
            k, c2, t2 = sub[code]
            rest = round(frac * k)
            head = f"{whole}{code}" if whole else ""
            if t2 and not is_time:
                return f"P{head}T{rest}{c2}"
            return f"{prefix}{head}{rest}{c2}"
        return f"{prefix}{num:g}{code}"
    return f"{prefix}{int(num)}{code}"


def h_duration(m: re.Match[str], ctx: Ctx) -> Hit | None:
    num_txt = _norm(m.group("num"))
    unit = m.group("unit").lower()
    num = parse_number(num_txt)
    if m.groupdict().get("range"):
        num = None  # "two to three weeks": TIMEX3 keeps the count vague
    elif num is not None and 1800 <= num <= 2100 and num == int(num) and not unit.startswith("year"):
        return None  # "the 1988 quarter" is a year, not 1988 quarters
    if (m.groupdict().get("half") or m.groupdict().get("half2")) and num is not None:
        num += 0.5
    if num is None and num_txt not in VAGUE:
        return None
    if num_txt in ("a couple", "a couple of", "couple of"):
        num = 2.0
    if num_txt == "some" and not unit.endswith("s"):
        return None  # "some day", "some time": not a duration
    if num is not None and num > 5000:
        return None
    if unit in ("second",) and num_txt in ("a", "an"):
        return None  # "a second" is usually ordinal ("a second time")
    return _hit(m, "DURATION", duration_value(num, unit), _qmod(m))


def h_year_ended(m: re.Match[str], ctx: Ctx) -> Hit | None:
    return _hit(m, "DURATION", "P1Y")


def h_adj(m: re.Match[str], ctx: Ctx) -> Hit | None:
    if m.group("unit")[0].isupper():
        return None  # "the Six-Day War": a name
    num_txt = _norm(m.group("num"))
    num = 0.5 if num_txt == "half" else parse_number(num_txt)
    if num_txt in ("multi", "several"):
        num = None
    if "and-a-half" in m.group(0).lower() or "and a half" in m.group(0).lower():
        num = (num or 0) + 0.5
    return _hit(m, "DURATION", duration_value(num, m.group("unit")), _qmod(m))


def h_adj2(m: re.Match[str], ctx: Ctx) -> Hit | None:
    plural = m.group(0).lower().split("-")[0].endswith("s")
    return _hit(m, "DURATION", duration_value(None if plural else 1, m.group("unit")))


def h_bare(m: re.Match[str], ctx: Ctx) -> Hit | None:
    adj = _norm(m.groupdict().get("adj"))
    if adj in ("the", "the early", "the first"):
        return None
    return _hit(m, "DURATION", duration_value(None, m.group("unit")))


def h_recent_units(m: re.Match[str], ctx: Ctx) -> Hit | None:
    return _hit(m, "DURATION", duration_value(None, m.group("unit")))


def h_ago(m: re.Match[str], ctx: Ctx) -> Hit | None:
    num = parse_number(_norm(m.group("num")))
    unit_word = m.group("unit").lower()
    # minutes share the code "M" with months: clock units are handled as hours
    code = "H" if unit_word.startswith(("hour", "minute", "second")) else unit_code(unit_word)
    direction = _norm(m.group("dir"))
    if direction == "before":
        return None  # "two days before the vote": a duration, left to the duration pattern
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if num is None:
        return _hit(m, "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", _qmod(m))
    if ctx.dct is None:
        return _hit(m, "DATE", {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(code, "XXXX"), _qmod(m))
    d = ctx.dct
    n = int(num) if num == int(num) else num
    if code in ("Y", "DE", "CE") and num * {"Y": 1, "DE": 10, "CE": 100}[code] > 3000:
        return None  # geological spans are not calendar dates
    try:
        if code == "D":
            val = ymd(d + dt.timedelta(days=sign * n))
        elif code == "W":
            val = week_of(d + dt.timedelta(weeks=sign * n))
        elif code == "M":
            y, mo = add_months(d.year, d.month, sign * int(n))
            val = f"{y:04d}-{mo:02d}"
        elif code == "Y" and sign < 0 and n == 1 and reporting_quarter(ctx, m.start()):
            val = reporting_quarter(ctx, m.start(), -4) or ""
        elif code == "Y":
            val = f"{d.year + sign * int(n):04d}"
        elif code == "DE":
            val = f"{d.year + sign * 10 * int(n):04d}"
        elif code == "CE":
            val = f"{(d.year + sign * 100 * int(n)) // 100:02d}"
        elif code == "Q":
            q = (d.year * 4 + quarter_of(d) - 1) + sign * int(n)
            val = f"{q // 4:04d}-Q{q % 4 + 1}"
        elif code == "H":
            # "two hours ago", "minutes later": the day of the story, shifted only by whole days
            hours = n if unit_word.startswith("hour") else 0
            t = dt.datetime(d.year, d.month, d.day, 12) + dt.timedelta(hours=sign * hours)
            val = ymd(t.date())
        else:
            return None
    except (OverflowError, ValueError):
        return None
    hit = _hit(m, "DATE", val, _qmod(m))
    if direction in ("later", "earlier") and code in ("Y", "M", "D", "W") and n == int(n) and "Q" not in val:
        hit.shift = (sign * int(n), code)
    return hit


_ABSOLUTE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def reanchor(hits: list[Hit], text: str) -> None:
    """Narrative offsets ("In 2019 ... two years later") count from the explicit date
    just before them (same paragraph, ~250 characters), not from the document date."""
    last: Hit | None = None
    for h in hits:
        if h.shift is not None and last is not None and h.start - last.end < 250 \
                and "\n\n" not in text[last.end:h.start]:
            m = _ABSOLUTE.fullmatch(last.value)
            n, code = h.shift
            assert m is not None
            y, mo, d = int(m.group(1)), m.group(2), m.group(3)
            try:
                if code == "Y":
                    h.value = f"{y + n:04d}"
                elif code == "M" and mo:
                    yy, mm = add_months(y, int(mo), n)
                    h.value = f"{yy:04d}-{mm:02d}"
                elif code in ("D", "W") and d:
                    day = dt.date(y, int(mo), int(d)) + dt.timedelta(days=n * (7 if code == "W" else 1))
                    h.value = ymd(day) if code == "D" else week_of(day)
            except (OverflowError, ValueError):
                pass
        if h.type == "DATE" and h.kind != "ago" and _ABSOLUTE.fullmatch(h.value):
            last = h
