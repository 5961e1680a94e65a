"""Wire-service datelines: ``GAZA, Dec 1 (Reuters) -`` → places, date, agency.

    parse_dateline(text, published=None) -> schema.Dateline | None

A dateline is the opening of a dispatch that says where (and often when, and for
which agency) it was filed::

    Rafah/Jerusalem/Cairo, Dec 1 (EFE).-       KYIV, Ukraine (AP) —
    Gaza City (Palestinian Territories) (AFP) -    NEW YORK, Jan. 5, 2024 /PRNewswire/ --
    Bamako, Jan 16 (AFP) Fifteen people ...      Feb. 7 (UPI) --
    MAIDUGURI, Nigeria, Sept 3 At least ...     SANAA Aug 24 Residents said ...
    July 21, 2019 (NEW YORK) -                   Beira — At least three ...
    London [U.K.], Feb. 9 (ANI):                 Moscow, Oct. 6, (dpa/GNA) –
    TASHKENT. July 4 (Interfax) -                Dhaka: The group said on Saturday ...
    VIENNA • Investigators said ...              KABUL, Afghanistan, Monday (AP) —
    By Jane Doe WASHINGTON (Reuters) -           March 3, 2024 — Gunmen killed ...

``places`` holds the cities the dispatch was filed from (EFE joins several with slashes);
a state, region or country that qualifies the city ("KANSAS CITY, Mo.", "BEIRUT,
Lebanon", "Gaza City (Palestinian Territories)", "London [U.K.]") is no second place: it
goes to the extra fields ``qualifiers`` / ``qualifier_spans``, which the places stage
reads to resolve the city.  ``date`` is the dateline's own date (a bare weekday: the last
such day on or before ``published``), else None.

The parser is deliberately strict, because a false dateline puts a wrong place
and date at the top of every report: it fires only on an ALL-CAPS place, or on a
capitalised place followed by a date and/or an agency, and in both cases only
when a separator (``-``, ``--``, ``–``, ``—``, ``.-``, ``:``, ``•``) closes it --
or, after a known agency or an ALL-CAPS place with a date, when the lead sentence
starts right after it ("(AFP) Fifteen", "MAIDUGURI, Nigeria, Sept 3 At least").
A date may come first ("Feb. 7 (UPI) --", "July 21, 2019 (NEW YORK) -") or stand alone
before a dash and the lead.  A capitalised place with nothing but a separator ("Beira —
At least ...", "Dhaka: The ...") counts when the gazetteer knows it (or the region or
country qualifying it: "Musa Khel, Balochistan –") as a sizeable place and a sentence
starts after it; after a bare colon, capitals too must be known and the sentence must read
like a lead (ten words or more, mostly lower case), since "Obama: ..." and "HUFFPOLLSTER:
..." open headlines.  It looks at the start of the text, past up to three short heading
lines (title, byline) above the first paragraph, and past a byline on the dateline's own
line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .schema import Dateline, Span

__all__ = ["parse_dateline"]

_L = r"[^\W\d_]"  # one letter, any script

# A place-name token: dotted initials ("D.C.", "N.Y.") or letters joined by ' ’ - ("Deir al-Balah").
_TOKEN = re.compile(rf"(?:{_L}\.){{2,}}|{_L}+(?:['’\-]{_L}+)*")
# Lower-case connectors inside a place name ("Rio de Janeiro", "Isle of Man"), never at its ends.
_PARTICLES = frozenset({
    "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "al", "ad",
    "ar", "as", "ash", "az", "bin", "ibn", "abu", "van", "von", "der", "den", "of", "upon", "sur", "am",
    "im", "y", "e",
})
# Lower-case Arabic article glued to a name: "al-Mawasi", "el-Arish".
_PREFIXED = re.compile(rf"(?:(?:al|el|ad|ar|as|ash|at|az|an|ed|es|ez)-|[dl]['’]){_L}")  # also "Côte d'Ivoire"

_MONTH = r"(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         rf"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))(?!{_L})\.?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:,?[ \t]+(?P<year>(?:19|20)\d\d)(?!\d))?"
_WEEKDAY = r"(?:(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?i:day)?\.?,?[ \t]+)?"
_DATES = (
    re.compile(_WEEKDAY + _MONTH + r"[ \t]+" + _DAY + _YEAR),  # Dec 1 / Jan. 5, 2024
    re.compile(_WEEKDAY + _DAY + r"[ \t]+" + _MONTH + _YEAR),  # 12 May / 1 December 2023
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),  # 2023-12-01
)
# A dateline that opens with its date ("Feb. 7 (UPI) --", "Tuesday, Feb. 7 (UPI) --").
_LEAD_DATES = (
    re.compile(_WEEKDAY + _MONTH + r"[ \t]+" + _DAY + _YEAR),
    re.compile(_WEEKDAY + _DAY + r"[ \t]+" + _MONTH + _YEAR),
)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}

_COMMA = re.compile(r",[ \t]*")
_PAREN = re.compile(r"[ \t]*\(([^()\n]{1,60})\)")
_BRACKET = re.compile(r"[ \t]*\[([^\[\]\n]{1,40})\]")  # "London [U.K.], Feb. 9 (ANI):"
# A weekday standing for the date ("KABUL, Monday (AP) —"): the last such day on or before `published`.
_WEEKDAY_ONLY = re.compile(r"(?P<wd>(?i:mon|tues|wednes|thurs|fri|satur|sun))(?i:day)(?![^\W\d_])")
_WEEKDAYS = {"mon": 0, "tues": 1, "wednes": 2, "thurs": 3, "fri": 4, "satur": 5, "sun": 6}
# NEW YORK, ... /PRNewswire/ --; TASS's "MOSCOW, March 3. /TASS/. Russian forces ..."
_SLASH_AGENCY = re.compile(r"\.?[ \t]+/([A-Za-z][\w .&-]{1,40}?)/(?:\.(?=[ \t]+[A-Z\"“]))?")
_WIRE_AGENCY = re.compile(r"[ \t]*--\(([^()\n]{2,40})\)--")  # NEW YORK--(BUSINESS WIRE)--
# The separator; ".-" is EFE's.  Hyphens and colons need a space after them ("UPDATE 2-Israel" is no
# dateline); en and em dashes may touch the next word.
_SEP = re.compile(r"[ \t]*\.?[ \t]*(?:(?:-{1,3}|_|:|•)(?=\s|$)|[–—―])")

_AGENCIES = frozenset(a.lower() for a in (
    "Reuters", "AP", "AFP", "EFE", "dpa", "ANSA", "Xinhua", "UPI", "IANS", "PTI", "ANI", "Anadolu", "AA",
    "CNN", "BBC", "WAFA", "TASS", "RIA Novosti", "Interfax", "Kyodo", "Kyodo News", "Yonhap", "KUNA",
    "SPA", "IRNA", "QNA", "MENA", "WAM", "Petra", "SANA", "Bernama", "Antara", "Prensa Latina",
    "Europa Press", "Notimex", "Télam", "Lusa", "Agerpres", "Ukrinform", "UNIAN", "BelTA", "Bloomberg",
    "CNA", "AAP", "CP", "PA", "IPS", "Sputnik", "Jiji", "Jiji Press", "NHK", "PAP", "HINA", "Tanjug",
    "BTA", "ANA-MPA", "Tasnim", "Fars", "Mehr", "ISNA", "NNA", "APA", "KNA", "NAN", "UNB", "BSS", "APP",
    "Associated Press", "Agence France-Presse", "The Canadian Press", "Press Association", "Xinhua News",
    "AP Photo", "Business Wire", "GLOBE NEWSWIRE", "PRNewswire",
))
_ACRONYM = re.compile(r"[A-Z]{2,6}(?:-[A-Z]{2,10})*")  # "KUNA", "NNN-AGENCIES"
# What may follow an agency when no separator closes the dateline: the lead sentence itself.
_SENTENCE_START = re.compile(r"[ \t]+[\"“'‘]?[A-Z0-9]")

# Capitalised openers that are no place: section labels, acronyms of actors, days and months.
_NOT_PLACES = frozenset({
    "breaking", "news", "update", "updated", "updates", "exclusive", "analysis", "opinion", "editorial",
    "factbox", "explainer", "watch", "live", "urgent", "flash", "corrected", "correction", "refile",
    "insight", "feature", "comment", "alert", "video", "photos", "developing", "war", "note", "editor",
    "editors", "read", "more", "related", "advertisement", "sponsored", "transcript", "warning", "caption",
    "file", "photo", "listen", "summary", "fact", "check", "interview", "timeline", "poll", "podcast",
    "newsletter", "preview", "recap", "highlights", "headlines", "special", "report",
    "un", "us", "usa", "uk", "eu", "nato", "idf", "who", "icrc", "unrwa", "unicef", "unhcr", "hamas",
    "hezbollah", "isis", "police", "by",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})

_FUTURE_DAYS = 3  # how far a dateline may lie after `published` (time zones, late metadata)
_HEADING_LINES = 3  # short lines (title, byline) looked past to find the first paragraph
_HEADING_MAX = 200


def parse_dateline(text: str, published: str | None = None, *,
                   known_place: Callable[[str], bool] | None = None) -> Dateline | None:
    """The dateline that opens ``text`` (or its first paragraph below a title), or None.

    ``published`` (ISO date) supplies the year of a dateline date written without one;
    without it such a date is ``XXXX-MM-DD``.  ``known_place`` says whether a capitalised
    name is a sizeable place; it is asked only about a dateline with neither date nor agency
    nor capitals ("Beira — ..."); by default the gazetteer answers.
    """
    for pos in _starts(text):
        found = None
        if _BYLINE.match(text, pos):
            found = _after_byline(text, pos, published, known_place or _gazetteer_knows)
        if found is None:
            found = _parse_at(text, pos, published, known_place or _gazetteer_knows)
        if found is not None:
            return found
    return None


_BYLINE = re.compile(r"(?:By|BY)[ \t]+[A-Z]")
_BYLINE_MAX = 100  # how far into a byline line the dateline may start
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’.-]+(?![^\W\d_])")


def _after_byline(text: str, pos: int, published: str | None, known_place: Callable[[str], bool]) -> Dateline | None:
    """A byline running into the dateline on one line: "By Jane Doe WASHINGTON (Reuters) -", "By JANE
    DOE, Associated Press TOKYO (AP) —".  The dateline is the last run of capitals that parses as one."""
    nl = text.find("\n", pos)
    window = text[pos:min(pos + _BYLINE_MAX, nl if nl >= 0 else len(text))]
    runs = []
    prev_end, prev_caps = -2, False
    for m in _CAPS_WORD.finditer(window):
        if not (prev_caps and m.start() == prev_end + 1):  # the first word of a run of capitals
            runs.append(pos + m.start())
        prev_end, prev_caps = m.end(), True
    for start in reversed(runs):
        if start == pos or not text[start - 1].isspace():
            continue
        found = _place_first(text, start, published, known_place)
        if found is not None and _all_caps(found.places[0]):
            return found
    return None


def _gazetteer_knows(name: str) -> bool:
    """A city of 10,000 or more, a first-level region or a country of that name."""
    try:
        from .gazetteer import open_for_process

        entries = open_for_process().lookup(name)
    except Exception:  # no index (a bare install): only the stricter shapes count
        return False
    return any(e.name_kind in ("primary", "alternate") and (
        e.feature == "country" or e.feature_code == "ADM1" or (e.feature == "city" and (e.population or 0) >= 10_000))
        for e in entries)


def _starts(text: str) -> list[int]:
    """Where a dateline may begin: the first line, and below up to three short heading lines."""
    starts: list[int] = []
    pos = len(text) - len(text.lstrip())
    while pos < len(text) and len(starts) <= _HEADING_LINES:
        starts.append(pos)
        nl = text.find("\n", pos)
        line = text[pos:nl if nl >= 0 else len(text)].rstrip()
        # A line ending like a sentence is the first paragraph, not a heading: stop there.
        if nl < 0 or len(line) > _HEADING_MAX or line.endswith((".", "!", "?", ";", ",", '"', "”")):
            break
        rest = text[nl:]
        pos = nl + len(rest) - len(rest.lstrip())
    return starts


def _parse_at(text: str, pos: int, published: str | None, known_place: Callable[[str], bool]) -> Dateline | None:
    return (_place_first(text, pos, published, known_place) or _date_first(text, pos, published)
            or _agency_only(text, pos))


def _place_first(text: str, pos: int, published: str | None, known_place: Callable[[str], bool]) -> Dateline | None:
    first = _place(text, pos)
    if first is None:
        return None
    places = [first]
    qualifiers: list[tuple[int, int]] = []  # "KYIV, Ukraine", "KANSAS CITY, Mo.": not a second place
    p = first[1]
    # EFE joins the cities a dispatch was written in with slashes: Rafah/Jerusalem/Cairo.
    while text.startswith("/", p):
        nxt = _place(text, p + 1)
        if nxt is None:
            break
        places.append(nxt)
        p = nxt[1]
    when: str | None = None
    has_date = False  # a calendar date (a weekday alone does not make a capitalised name a dateline)
    dated = False  # a calendar date or a weekday
    agency: tuple[int, int] | None = None
    # "SANAA Aug 24 Residents ...", "TASHKENT. July 4 (Interfax) -", "Harare Nov 3 (AFP) -": the place
    # runs into the date
    m = (_CAPS_TO_DATE if _all_caps(text[first[0]:first[1]]) else _SPACE).match(text, p)
    d = _date(text, m.end(), published) if m else None
    if d is not None:
        has_date = dated = True
        when, p = d
    while True:
        m = _COMMA.match(text, p)
        if m:
            q = m.end()
            if text.startswith("(", q):  # "Moscow, Oct. 6, (dpa/GNA) –"
                p = q
                continue
            d = None if dated else _date(text, q, published)
            if d is not None:
                has_date = dated = True
                when, p = d
                continue
            d = None if dated else _weekday(text, q, published)
            if d is not None:  # "KABUL, Monday (AP) —"
                dated = True
                when, p = d
                continue
            bare = _bare_agency(text, q)
            if bare is not None:  # "TEHRAN, IRNA --", "Moscow, SANA-"
                agency, p = bare
                break
            qualifier = None if dated else _place(text, q)
            if qualifier is not None and not _listed_non_place(text[qualifier[0]:qualifier[1]]):  # "KYIV, Ukraine"
                qualifiers.append(qualifier)
                p = qualifier[1]
                continue
            break
        m = _BRACKET.match(text, p)
        if m and not dated:  # "London [U.K.], Feb. 9 (ANI):"
            inner = _strip_span(text, m.start(1), m.end(1))
            qualifier = _place(text, inner[0])
            if qualifier is not None and qualifier[1] == inner[1]:
                qualifiers.append(qualifier)
                p = m.end()
                continue
            break
        m = _PAREN.match(text, p)
        if m:
            inner = _strip_span(text, m.start(1), m.end(1))
            name, after = text[inner[0]:inner[1]], _SEP.match(text, m.end()) is not None
            if _is_agency(name, after=after) or (dated and after and _outlet(name)):
                # after the date a bracket is no qualifier: "GENEVA, Jan 5 (UN News) -"
                agency, p = inner, m.end()
                break
            qualifier = _place(text, inner[0])
            if not dated and qualifier is not None and qualifier[1] == inner[1]:  # "(Palestinian Territories)"
                qualifiers.append(qualifier)
                p = m.end()
                continue
            break
        m = _SLASH_AGENCY.match(text, p)
        if m:
            agency, p = _strip_span(text, m.start(1), m.end(1)), m.end()
        break
    m = _WIRE_AGENCY.match(text, p)
    if m and agency is None:  # NAIROBI, Kenya--(BUSINESS WIRE)--
        agency, p = _strip_span(text, m.start(1), m.end(1)), m.end()
        sep_end: int | None = p
    else:
        sep_end = _closing(text, p, agency)
    if sep_end is None and has_date and _all_caps(text[places[0][0]:places[0][1]]) \
            and _SENTENCE_START.match(text, p):
        sep_end = p  # "MAIDUGURI, Nigeria, Sept 3 At least five ...": capitals and a date, then the lead
    if sep_end is None:
        return None
    if agency is None:  # "KABUL — (AFP) — ...": the agency after the separator
        after = _agency_after(text, sep_end)
        if after is not None:
            agency, sep_end = after
    sep = _SEP.match(text, p)
    colon = sep is not None and ":" in sep.group() and not has_date and agency is None
    if colon or not _strict_enough(text, places[0], has_date, agency is not None):
        # "Beira — At least three people ...", "Dhaka: The group said ...", "Musa Khel, Balochistan – ...":
        # a known place (or a known region or country qualifying it), a separator, and the lead sentence.
        # A colon alone asks this of capitals too: "HUFFPOLLSTER:", "MIKE PENCE:" open headlines and
        # transcripts.
        names = [text[s:e] for s, e in places]
        known = all(known_place(n) for n in names) or any(known_place(text[s:e]) for s, e in qualifiers)
        if not (sep and _SENTENCE_START.match(text, sep_end)
                and not any(_listed_non_place(n) for n in names) and known):
            return None
        if colon and not _reads_like_a_lead(text, sep_end):
            return None  # "Clinton: Time for a new strategy." is a headline quoting a person
    return _dateline(text, places[0][0], sep_end, places, qualifiers, when, agency)


# "SANAA Aug 24", "TASHKENT. July 4": an ALL-CAPS place and its date with no comma between.
_CAPS_TO_DATE = re.compile(r"\.?[ \t]+")
_SPACE = re.compile(r"[ \t]+")
# A known agency after the separator: "KABUL — (AFP) — ...", "KABUL - AFP - ...".
_AGENCY_AFTER = re.compile(r"[ \t]*(?:\(([^()\n]{2,40})\)|([A-Z][A-Za-z.&]*(?:-[A-Za-z]+)*"
                           r"(?: [A-Z][A-Za-z.&]*(?:-[A-Za-z]+)*){0,2}))")


def _bare_agency(text: str, p: int) -> tuple[tuple[int, int], int] | None:
    """A known agency with no brackets, right before the separator: (its span, where the separator starts)."""
    m = _AGENCY_AFTER.match(text, p)
    if m is None or m.group(2) is None:
        return None
    words = m.group(2).split()
    for k in range(len(words), 0, -1):  # "IRNA --", not "IRNA Officials"
        name = " ".join(words[:k])
        end = m.start(2) + len(name)
        # not a two-letter one, which is as often a postal code ("SCRANTON, PA —")
        if len(name) > 2 and name.lower() in _AGENCIES and _SEP.match(text, end):
            return (m.start(2), end), end
    return None


def _agency_after(text: str, p: int) -> tuple[tuple[int, int], int] | None:
    m = _AGENCY_AFTER.match(text, p)
    if m is None:
        return None
    g = 1 if m.group(1) is not None else 2
    inner = _strip_span(text, m.start(g), m.end(g))
    if text[inner[0]:inner[1]].lower() not in _AGENCIES:
        return None
    sep = _SEP.match(text, m.end())
    if sep is not None:
        return inner, sep.end()
    if g == 1 and _SENTENCE_START.match(text, m.end()):  # "BAMAKO - (AFP) Fifteen people ..."
        return inner, m.end()
    return None


def _weekday(text: str, pos: int, published: str | None) -> tuple[str | None, int] | None:
    """(ISO date, end) for a bare weekday at ``pos``: the last such day on or before ``published``."""
    m = _WEEKDAY_ONLY.match(text, pos)
    if m is None:
        return None
    pub = _parse_iso(published)
    if pub is None:
        return None, m.end()
    back = (pub.weekday() - _WEEKDAYS[m.group("wd").lower()]) % 7
    return (pub - timedelta(days=back)).isoformat(), m.end()


_LEAD_MIN_WORDS = 10
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SENTENCE_END = re.compile(r"(?<=[a-z]{3}[.!?])\s")  # "statehood. ", not "U.S. "


def _reads_like_a_lead(text: str, p: int) -> bool:
    """Whether the sentence from ``p`` reads like a news lead: ten words or more, most of them in
    lower case ("Dhaka: The group said on Saturday that it had ..."), not a headline after a
    speaker's name ("Obama: Families Of Victims Don't Care About Politics")."""
    nl = text.find("\n", p)
    line = text[p:nl if nl >= 0 else len(text)]
    words = _WORD.findall(_SENTENCE_END.split(line, 1)[0])
    if len(words) < _LEAD_MIN_WORDS:
        return False
    capitalised = sum(1 for w in words[1:] if w[0].isupper())
    return capitalised <= 0.4 * (len(words) - 1)


def _closing(text: str, p: int, agency: tuple[int, int] | None) -> int | None:
    """Where the dateline ends: after its separator, or right after a known agency when the
    lead sentence follows it ("(AFP) Fifteen people")."""
    sep = _SEP.match(text, p)
    if sep is not None:
        return sep.end()
    if agency is not None and text[agency[0]:agency[1]].lower() in _AGENCIES and _SENTENCE_START.match(text, p):
        return p
    return None


def _dateline(text: str, start: int, end: int, places: list[tuple[int, int]], qualifiers: list[tuple[int, int]],
              when: str | None, agency: tuple[int, int] | None) -> Dateline:
    extra = {}
    if qualifiers:
        extra = {"qualifiers": [text[s:e] for s, e in qualifiers],
                 "qualifier_spans": [Span(start=s, end=e, text=text[s:e]) for s, e in qualifiers]}
    return Dateline(
        start=start, end=end, text=text[start:end],
        places=[text[s:e] for s, e in places],
        place_spans=[Span(start=s, end=e, text=text[s:e]) for s, e in places],
        date=when, agency=text[agency[0]:agency[1]] if agency else None, **extra,
    )


def _date_first(text: str, pos: int, published: str | None) -> Dateline | None:
    """``Feb. 7 (UPI) --`` or ``July 21, 2019 (NEW YORK) -``: a date, then an agency and/or a place
    in brackets, then the separator."""
    found = None
    for pattern in _LEAD_DATES:
        m = pattern.match(text, pos)
        if m is not None:
            found = _date(text, pos, published)
            break
    if found is None:
        return None
    when, p = found
    places: list[tuple[int, int]] = []
    agency: tuple[int, int] | None = None
    for _ in range(2):
        m = _PAREN.match(text, p)
        if m is None:
            break
        inner = _strip_span(text, m.start(1), m.end(1))
        name = text[inner[0]:inner[1]]
        if agency is None and _is_agency(name, after=_SEP.match(text, m.end()) is not None):
            agency, p = inner, m.end()
            continue
        place = _place(text, inner[0])
        if places or place is None or place[1] != inner[1] or _listed_non_place(name):
            return None
        places.append(place)
        p = m.end()
    if not places and agency is None:
        # "March 3, 2024 — Gunmen killed ...": the date alone, a dash, and the lead sentence
        sep = _SEP.match(text, p)
        if sep is None or ":" in sep.group() or not _SENTENCE_START.match(text, sep.end()):
            return None
        return _dateline(text, pos, sep.end(), [], [], when, None)
    end = _closing(text, p, agency)
    if end is None:
        return None
    return _dateline(text, pos, end, places, [], when, agency)


def _strict_enough(text: str, first: tuple[int, int], has_date: bool, has_agency: bool) -> bool:
    """An ALL-CAPS place, or any capitalised place with a date or an agency, and no known non-place."""
    name = text[first[0]:first[1]]
    if _listed_non_place(name):
        return False
    if has_date or has_agency:
        return True
    return _all_caps(name)


def _all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _listed_non_place(name: str) -> bool:
    return any(w.lower() in _NOT_PLACES for w in name.split())


def _agency_only(text: str, pos: int) -> Dateline | None:
    """CNN's opening: ``(CNN) —`` or ``(CNN)Text``; only for known agencies."""
    m = _PAREN.match(text, pos)
    if m is None or m.start(0) != pos:
        return None
    inner = _strip_span(text, m.start(1), m.end(1))
    name = text[inner[0]:inner[1]]
    if not _is_agency(name, after=_SEP.match(text, m.end()) is not None):  # "(CNN)", "(NAN) –"
        return None
    sep = _SEP.match(text, m.end())
    end = sep.end() if sep else m.end()
    return Dateline(start=pos, end=end, text=text[pos:end], agency=name)


def _place(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a capitalised place name at ``pos`` (up to six tokens), or None."""
    tokens: list[tuple[int, int, bool]] = []  # start, end, is a particle
    p = pos
    caps = False  # the name opens with an ALL-CAPS word of two letters or more
    while len(tokens) < 6:
        m = _TOKEN.match(text, p)
        if m is None:
            break
        word, end = m.group(), m.end()
        particle = False
        if tokens and caps and not word.isupper() and word.lower() not in _PARTICLES:
            break  # "SANAA Aug 24": an ALL-CAPS name ends where the capitals end
        if tokens and any(pattern.match(text, m.start()) for pattern in _LEAD_DATES[:1]):
            break  # "Kabul Jan 5 (AFP)": the date is no part of the name
        if word[0].isupper():
            # "St. Louis", "ST. LOUIS", "ATLANTA, Ga. (AP)": keep a short abbreviation's period.
            short = (len(word) <= 5 and word[1:].islower()) or (len(word) <= 3 and word.isupper())
            if (short and text.startswith(".", end)
                    and text[end + 1:end + 2] in (" ", ",", "(", "—", "–", "-", ":")):
                end += 1
        elif tokens and word.lower() in _PARTICLES:
            particle = True
        elif not _PREFIXED.match(word):
            break
        if not tokens:
            caps = len(word) >= 2 and word.isupper()
        tokens.append((m.start(), end, particle))
        # Words of one name are separated by exactly one space on the same line.
        if not (text.startswith(" ", end) and _TOKEN.match(text, end + 1)):
            break
        p = end + 1
    while tokens and tokens[-1][2]:
        tokens.pop()
    if not tokens:
        return None
    return tokens[0][0], tokens[-1][1]


def _is_agency(name: str, *, after: bool) -> bool:
    """A known agency ("Reuters", "AP/AFP"), or an unknown acronym right before the separator."""
    parts = [part.strip() for part in name.split("/")]
    if all(part.lower() in _AGENCIES for part in parts):
        return True
    # "dpa/GNA": a known agency and an unknown acronym, right before the separator; or a service
    # named after a known agency ("Thomson Reuters Foundation", "AFP Relaxnews")
    return after and all(part.lower() in _AGENCIES or _ACRONYM.fullmatch(part) or _names_agency(part)
                         for part in parts)


def _outlet(name: str) -> bool:
    """An outlet's name: one to four capitalised words ("UN News", "Al Jazeera")."""
    words = name.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def _names_agency(name: str) -> bool:
    words = name.split()
    if not 1 < len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    return any(" ".join(words[i:j]).lower() in _AGENCIES
               for i in range(len(words)) for j in range(i + 1, min(i + 3, len(words)) + 1))


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _date(text: str, pos: int, published: str | None) -> tuple[str | None, int] | None:
    """(ISO date, end) for a date at ``pos``; the date is None when the day does not exist."""
    for pattern in _DATES:
        m = pattern.match(text, pos)
        if m is None:
            continue
        groups = m.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get(groups["mon"].lower()[:3])
        if month is None:  # a case-folding oddity ("ſep") matched the pattern but names no month
            continue
        year = int(groups["year"]) if groups.get("year") else None
        return _resolve(year, month, int(groups["day"]), published), m.end()
    return None


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
