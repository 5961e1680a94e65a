"""Candidate temporal expressions: one compiled regex per kind of expression.

Each pattern yields matches labelled with a *kind*; ``normalize`` turns a match
into a TIMEX3 type/value (or rejects it).  Span conventions follow the TE3
(TimeBank/AQUAINT) gold: determiners and most quantity modifiers belong to the
span ("the past three months", "nearly two years"), prepositions do not ("in
2009", "within hours" -> "hours"); a group named ``body`` marks the span inside a
wider match that is only context.  Patterns run only near trigger words (see
``candidates``) to keep the stage cheap next to the parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import ADJ_NUM_RE, DAYPART_RE, MONTH_RE, NUM_RE, SEASON_RE, UNIT_RE, WEEKDAY_RE

B0 = r"(?<![\w$£€'’])"  # start boundary: not inside a word, not a currency amount
B1 = r"(?![\w])"

MON = r"(?-i:" + MONTH_RE + r")"
WD = WEEKDAY_RE
# Quantity modifiers that TE3 keeps inside the span; "over" only right before a number.
# (TE3 gold leaves "about", "almost", "over", "only" outside the span more often than not.)
QMOD = (r"(?:(?P<qmod>approximately|roughly|nearly|some|more\s+than|less\s+than|under|at\s+least|at\s+most"
        r"|up\s+to|no\s+more\s+than|no\s+less\s+than|fewer\s+than|just\s+under|well\s+over"
        r"|a\s+little\s+over)\s+)?")
EMOD = r"(?:(?P<emod>early|earlier|mid|late|later|the\s+(?:end|beginning|start|middle|close)\s+of)[\s-]+)?"
REL_WORDS = (r"this\s+past|this\s+coming|this|last|next|past|previous|coming|current|following"
             r"|preceding|latest|prior|upcoming|recent")
ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
TZ = r"(?:\s*\(?(?-i:[A-Z]{1,2}[SD]?T|GMT|UTC|EST|EDT|CST|CDT|PST|PDT|CET|CEST|BST|IST))?"
AMPM = r"(?-i:[ap]\.\s?m\.?|[AP]\.M\.?|am|pm|AM|PM)(?![A-Za-z])"
DAYREF = r"(?:today|tonight|yesterday|tomorrow)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(B0 + pattern, re.I)


# Order matters only to break ties between equally long candidates (earlier wins).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # sets: "every week", "each Thursday", "daily", "annually", "$2 a year", "twice a week"
    ("set", _c(r"(?:(?P<q>every|each|per)\s+(?:(?P<num>other|\d+|two|three|four|five|six|seven|eight|nine|ten"
               r"|twelve)\s+)?(?P<unit>day|week|month|year|quarter|season|hour|minute|morning|afternoon|evening"
               r"|night|weekend|decade|(?P<wd>" + WD + r")|(?P<mon>" + MON + r")|(?P<season>" + SEASON_RE
               + r"))s?)" + B1)),
    ("set_adv", _c(r"(?P<adv>daily|nightly|weekly|biweekly|fortnightly|monthly|yearly|annually|hourly)" + B1)),
    ("set_freq", _c(r"(?:(?P<freq>once|twice|thrice|(?:\w+|\d+)\s+times)\s+)?(?:a|an|per)\s+(?P<unit>day|week|month"
                    r"|year|hour|minute|season)" + B1)),
    # "10 p.m. Wednesday", "5 p.m. EST Nov. 9", "around 7:15 p.m.", "8 PM"
    ("clock", _c(r"(?:(?P<qmod>around|about|approximately|shortly\s+(?:after|before)|just\s+(?:after|before))\s+)?"
                 r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ampm>" + AMPM + r")" + TZ +
                 r"(?:(?:,\s*|\s+)(?:on\s+)?(?:(?P<wd>" + WD + r")(?:,?\s+(?P<mon>" + MON + r")\s+(?P<day>\d{1,2}))?"
                 r"|(?P<dref>" + DAYREF + r")|(?P<mon2>" + MON + r")\s+(?P<day2>\d{1,2})))?(?<!\.\.)")),
    ("clock24", _c(r"(?P<h>[01]?\d|2[0-3]):?(?P<mi>[0-5]\d)\s*(?P<tz>(?-i:GMT|UTC|local\s+time|hours|hrs|h))"
                   + B1)),
    # "at 14:30" (24-hour clock after a preposition; scores like "3:2" stay out)
    ("clock_at", _c(r"(?:at|by|until|from|before|after|around)\s+(?P<body>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d))"
                    r"(?![\d:])")),
    ("noon", _c(r"(?:(?P<emod>early|late|mid)[\s-]?)?(?P<np>noon|midnight|midday|mid-?\s?afternoon|mid-?morning)"
                r"(?:\s+(?:on\s+)?(?:(?P<wd>" + WD + r")|(?P<dref>" + DAYREF + r")))?" + B1)),
    # "Friday, Oct. 23", "March 5, 2013", "Nov. 24", "Dec 1"
    ("mdy", _c(r"(?:(?P<wd>" + WD + r"),?\s+)?(?:(?P<emod>early|late|mid)[\s-]+)?(?P<mon>" + MON + r")\s+"
               r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?" + r"(?!\d|:\d)(?:,?\s+(?P<year>" + YEAR + r"))?(?!\d)")),
    # "5 March 2013", "the 5th of March"
    ("dmy", _c(r"(?:(?P<wd>" + WD + r"),?\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
               r"(?P<mon>" + MON + r")(?:,?\s+(?P<year>" + YEAR + r"))?" + B1)),
    ("iso", _c(r"(?P<year>" + YEAR + r")-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<h>\d\d):(?P<mi>\d\d))?" + B1)),
    ("slash", _c(r"(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)" + B1)),
    # "March 2013", "January this year", "early December", "mid-November", "the end of November"
    ("month", _c(EMOD + r"(?:the\s+month\s+of\s+)?(?P<mon>" + MON + r")(?:(?:,?\s+(?:of\s+)?(?P<year>" + YEAR
                 + r"|'\d\d))|\s+(?P<yrel>this|last|next)\s+year)?" + B1)),
    ("holiday", _c(r"(?:(?P<rel>last|this|next)\s+)?(?P<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year'?s?\s+(?:Eve|Day)"
                   r"|Thanksgiving(?:\s+Day)?|Halloween|Valentine'?s\s+Day|Boxing\s+Day"
                   r"|May\s+Day|Labor\s+Day|Memorial\s+Day)" + B1)),
    # "Sunday night", "early Friday morning", "Friday"
    ("weekday", _c(r"(?:(?P<emod>early|late|earlier|later)\s+)?(?:(?P<rel>last|this|next|this\s+coming|this\s+past"
                   r"|the\s+previous|the\s+following|the\s+next|the\s+same|coming)\s+)?(?P<wd>" + WD + r")"
                   r"(?:\s+(?P<part>" + DAYPART_RE + r"))?(?!\w)")),
    ("dayref", _c(r"(?:(?P<emod>early|late|earlier|later)\s+)?(?P<dref>today|tonight|yesterday|tomorrow"
                  r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>"
                  + DAYPART_RE + r"))?" + B1)),
    # "in the morning": the part of the day of the story
    ("the_part", _c(r"(?:in|during|by)\s+(?P<body>the\s+(?:early\s+|late\s+)?(?P<part>morning|afternoon|evening))"
                    r"(?!\s+(?:of|after|before)\b)" + B1)),
    ("week_of", _c(r"the\s+week\s+of\s+(?P<mon>" + MON + r")\s+(?P<day>[0-3]?\d)(?!\d)")),
    ("overnight", _c(r"overnight" + B1)),
    ("daypart", _c(r"(?:(?P<emod>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+"
                   r"(?P<part>" + DAYPART_RE + r")" + B1)),
    # "the past three months", "nearly two years", "at least 20 more years", "2 1/2 years"
    ("duration", _c(QMOD + r"(?:the\s+)?(?:(?P<rel>past|last|next|previous|coming|following|first|final|remaining"
                    r"|latest|initial|preceding|additional|further|other|another|entire|full|whole|same)\s+)?"
                    r"(?P<num>" + NUM_RE + r")(?P<range>\s*(?:to|-|or)\s*" + NUM_RE + r")?(?P<half2>\s+and\s+a\s+half)?"
                    r"\s+(?:(?:more|additional|straight|consecutive"
                    r"|long|full|trading|business|working|calendar|successive|further)\s+)?(?P<unit>" + UNIT_RE
                    + r")(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?(?!\w|-|\s+old\b)")),
    # "seven-day truce", "24-hour", "two-year" (not ages: "two-year-old")
    ("adj", _c(QMOD + r"(?P<num>" + ADJ_NUM_RE + r")[- ]?(?:and[- ]a[- ]half[- ])?-(?P<unit>second|minute|hour|day"
               r"|week|month|year|decade|century)(?!-old|s?\s+old\b|-\w)(?:-long)?" + B1)),
    ("adj2", _c(r"(?P<unit>day|week|month|year|decade)s?-long" + B1)),
    # "two weeks ago", "a year earlier", "five months later"
    ("ago", _c(QMOD + r"(?P<num>" + NUM_RE + r")\s+(?P<unit>" + UNIT_RE + r")\s+(?:or\s+so\s+)?(?P<dir>ago|earlier"
               r"|later|from\s+now|before|hence)(?!\s+than)" + B1)),
    # "last week", "this year", "the past year", "early next year", "this past spring"
    ("rel", _c(EMOD + r"(?:the\s+)?(?P<rel>" + REL_WORDS + r")\s+(?:(?P<unit>week|month|year|quarter|decade"
               r"|century|weekend|fiscal\s+year|fiscal\s+quarter|half)|(?P<mon>" + MON + r")|(?P<season>"
               + SEASON_RE + r"))" + B1)),
    # "the end of the year", "the weekend", "year-end", "year-earlier", "the year-ago quarter"
    ("the_unit", _c(r"(?:(?P<emod>the\s+(?:end|beginning|start|middle|close)\s+of|(?:early|late|mid|later"
                    r"|earlier)\s+in)\s+)?the\s+(?P<unit>year|month|week|weekend|quarter|decade|century|day)(?!-)"
                    + B1)),
    # "the year ended June 30": a twelve-month reporting period
    ("year_ended", _c(r"the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending)\b)")),
    ("latest", _c(r"the\s+(?:latest\s+)?(?:quarter|period)(?!-)" + B1)),
    ("yearx", _c(r"(?:the\s+)?(?:(?:comparable|corresponding)\s+)?(?P<x>year[- ]end|year[- ]earlier|year[- ]ago|year's"
                 r"\s+end)(?:\s+(?P<what>quarter|period))?" + B1)),
    # quarters and halves: "the third quarter", "fourth-quarter", "the first half of 2013"
    ("quarter", _c(r"(?:the\s+(?=(?:\S+\s+){0,3}?(?:quarter|half)\b))?"
                   r"(?:(?P<yr1>" + YEAR + r")\s+|(?P<yrel>this|last|next)\s+year's\s+)?"
                   r"(?:(?P<rel>current|latest|last|past|previous|prior|next|coming|same|year-ago|year-earlier"
                   r"|fiscal|first|flat)\s+)*(?P<ord>" + ORD + r")[- ](?:fiscal[- ])?(?P<what>quarter|half)"
                   r"(?!s)(?:\s+of\s+(?:fiscal\s+)?(?:(?P<yr2>" + YEAR + r")|(?P<yrel2>this|last|next)\s+year))?"
                   + B1)),
    ("q_short", _c(r"(?-i:Q(?P<q>[1-4])|H(?P<h>[12]))(?:\s+|-)(?:FY)?(?P<year>" + YEAR + r")" + B1)),
    ("season", _c(EMOD + r"(?:the\s+)?(?P<season>" + SEASON_RE + r")(?:\s+(?:of\s+)?(?P<year>" + YEAR + r"))?"
                  + B1)),
    ("decade", _c(r"(?:the\s+)?(?:(?P<emod>early|mid|late)[\s-]+)?(?:(?P<dec>(?:1[5-9]|20)\d0)'?s|'(?P<short>\d0)s"
                  r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))" + B1)),
    ("century", _c(r"(?:the\s+)?(?:(?P<emod>early|mid|late)[\s-]+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)"
                   r"[\s-]century" + B1)),
    ("year", _c(r"(?:(?P<emod>early|mid|late)[\s-]+)?(?P<fiscal>fiscal\s+(?:year\s+)?|FY\s?)?(?P<year>" + YEAR + r")"
                r"(?![\d%]|,\d|\.\d|-\d\d\b|\s*(?:percent|per\s+cent)\b)")),
    ("spoken_year", _c(r"(?:the\s+year\s+)?(?P<sy>(?:nineteen|eighteen)[\s-](?:(?:twenty|thirty|forty|fifty|sixty"
                       r"|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten"
                       r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
                       r"|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten"
                       r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)"
                       + B1)),
    # PRESENT_REF / PAST_REF / FUTURE_REF
    ("ref", _c(r"(?P<ref>right\s+now|now|currently|current|nowadays|these\s+days|at\s+present|the\s+present"
               r"|recently|recent|lately|the\s+past(?!\s+(?:\d|" + NUM_RE + r"|" + UNIT_RE + r")\b)"
               r"|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+(?:near|short|long)\s+term"
               r"|in\s+the\s+coming\s+(?:days|weeks|months|years)|(?:a|one)\s+day\s+soon)" + B1)),
    # bare plural units after a preposition: "for years", "within hours", "after weeks of"
    ("bare", _c(r"(?:(?:for|within|after|in|over|during|took|take|takes|lasted|lasting|last|spent|spend|of|from"
                r"|since)\s+)(?P<body>(?:(?P<adj>the\s+coming|the\s+past|the\s+next|the\s+last|the\s+following"
                r"|the\s+ensuing|the\s+first|recent|coming|past|the\s+early|the)\s+)?(?P<unit>seconds|minutes|hours"
                r"|days|weeks|months|years|decades|centuries))(?!\s*-|\s+(?:old|ago|ahead)\b)" + B1)),
    ("recent_units", _c(r"(?:the\s+)?(?P<adj>recent|coming|past|ensuing|following|previous)\s+(?P<unit>hours|days"
                        r"|weeks|months|years|decades)(?:\s+and\s+(?:months|years|weeks))?" + B1)),
    ("ahead", _c(r"the\s+(?P<unit>days|weeks|months|years)\s+ahead" + B1)),
]


# Speed: running ~35 patterns over every character costs more than the rest of the
# stage together, so each pattern runs only inside windows around the trigger words
# it cannot match without (U: units and day words, M: month/holiday names, D: digits,
# W: a few adverbs).  Triggers are found with one word scan and set lookups.
_U = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "today", "yesterday",
      "tomorrow", "tonight", "week", "weeks", "weekend", "weekends", "fortnight", "month", "months", "quarter",
      "quarters", "year", "years", "decade", "decades", "century", "centuries", "millennium", "millennia",
      "period", "half", "night", "nights", "morning", "mornings", "evening", "evenings", "afternoon",
      "afternoons", "noon", "midnight", "midday", "overnight", "midafternoon", "hourly"}
_U |= {d + s for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
       for s in ("", "s")}
_M = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "January",
      "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
      "Christmas", "Thanksgiving", "Halloween", "Valentine", "Independence", "Boxing", "Year", "Labor",
      "Memorial"}
_M |= {w.upper() for w in _M}
_W = {"now", "current", "currently", "recent", "recently", "lately", "past", "future", "term", "present",
      "nowadays", "spring", "summer", "autumn", "fall", "winter", "springs", "summers", "winters", "twenties",
      "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "eighteen",
      "nineteen", "thousand", "daily", "nightly", "weekly", "biweekly", "fortnightly", "monthly", "yearly",
      "annually", "hourly", "coming", "these"}
_WORD = re.compile(r"[A-Za-z]+|\d+")
GROUPS: dict[str, str] = {
    "set": "UMW", "set_adv": "UW", "set_freq": "U", "clock": "D", "clock24": "D", "clock_at": "D",
    "noon": "U", "mdy": "M", "dmy": "M", "iso": "D", "slash": "D", "month": "M", "holiday": "M",
    "weekday": "U", "dayref": "U", "daypart": "U", "duration": "U", "adj": "U", "adj2": "U",
    "overnight": "U", "ago": "U", "rel": "UMW", "the_unit": "U", "latest": "U", "year_ended": "U",
    "the_part": "U", "week_of": "U", "yearx": "U", "quarter": "U", "q_short": "D", "season": "W",
    "decade": "DW", "century": "U", "year": "D", "spoken_year": "W", "ref": "UW", "bare": "U",
    "recent_units": "U", "ahead": "U",
}
_BEFORE, _AFTER = 56, 40  # widest context a pattern may need around its trigger


def _triggers(text: str) -> dict[str, list[tuple[int, int]]]:
    hits: dict[str, list[tuple[int, int]]] = {"U": [], "M": [], "D": [], "W": []}
    for m in _WORD.finditer(text):
        w = m.group()
        if w[0].isdigit():
            hits["D"].append(m.span())
            continue
        if w in _M:
            hits["M"].append(m.span())
        lw = w.lower()
        if lw in _U:
            hits["U"].append(m.span())
        elif lw in _W:
            hits["W"].append(m.span())
    return hits


def _windows(text: str, groups: str, cache: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    if groups in cache:
        return cache[groups]
    if "" not in cache:
        cache.update({"_" + g: v for g, v in _triggers(text).items()})
        cache[""] = []
    n = len(text)
    spans = sorted((max(0, s - _BEFORE), min(n, e + _AFTER)) for g in groups for s, e in cache["_" + g])
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    # End each window at whitespace so that "(?!\w)" never succeeds mid-word.
    out = []
    for lo, hi in merged:
        while hi < n and not text[hi].isspace():
            hi += 1
        out.append((lo, hi))
    cache[groups] = out
    return out


def candidates(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Every (kind, match) any pattern finds; overlaps are resolved later."""
    cache: dict[str, list[tuple[int, int]]] = {}
    for kind, rx in PATTERNS:
        last_end = -1
        for lo, hi in _windows(text, GROUPS[kind], cache):
            lo = max(lo, last_end)  # merged windows are disjoint, but keep matches unique anyway
            for m in rx.finditer(text, lo, hi):
                if m.end() > m.start():
                    last_end = m.end()
                    yield kind, m
