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
    TEMA, Ghana | Xinhua | Ghanaian ...         By IANS, Mumbai : ...   AFP, Kabul
    ASTANA. KAZINFORM - ...                      LONDON (Reuters) -The ...
    Srinagar, Nov 12 An encounter ...            Nairobi (HAN) January 10, 2015 – ...
    ANKARA-Anadolu Agency  /  BERLIN  (a line of its own above the lead)
    (MENAFN- Kuwait News Agency (KUNA)) KUWAIT, Nov 22 (KUNA) --
    PESHAWAR, (UrduPoint / Pakistan Point News - 20th Apr, 2020 ) :The ...
    Arusha. Only 14 per cent ...                 LONDON--Oil edged lower ...
    KASSAB (19 June) The government ...          Kampala, Uganda — January 30, 2026 The ...
    MOGADISHU [SMN] – ...                        [SEOUL] A government source ...
    Abidjan, 01 fév (AIP)- ...                   BOGOTÁ, 12 de agosto.— ...
    Bamako, 01/12/2022 (MAP) – ...               Havana, Cuba.-Interior Minister ...
    Minna (Nigeria) | Gunmen ...                 GAROWE (Somali Commentator)-Authorities ...
    Ouagadougou (AFP) April 27, 2023  (a line of its own)    March 26. 2020 (Khartoum) Sudan ...

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
or, after a known agency, or an ALL-CAPS place (or a town the gazetteer knows) with a date,
when the lead sentence starts right after it ("(AFP) Fifteen", "MAIDUGURI, Nigeria, Sept 3
At least", "Srinagar, Nov 12 An").
A date may come first ("Feb. 7 (UPI) --", "July 21, 2019 (NEW YORK) -") or stand alone
before a dash and the lead.  A capitalised place with nothing but a separator ("Beira —
At least ...", "Dhaka: The ...") counts when the gazetteer knows it (or the region or
country qualifying it: "Musa Khel, Balochistan –") as a sizeable place and a sentence
starts after it; after a bare colon, capitals too must be known and the sentence must read
like a lead (ten words or more, at least half in lower case, no " | " between a headline and
its site), since "Obama: ..." and "HUFFPOLLSTER: ..." open headlines, and the place must be no
country ("Kenya: Police fire ...").  A line
of its own ends a dateline with a date or an agency ("Ludhiana, December 8"), or with
nothing when the place is a town the gazetteer knows, in capitals or with its qualifier
("BERLIN", "Mainz, Germany"), and a lead follows.  An agency's name is no place ("IRNA -
Islamic Republic News Agency").  It looks at the start of the text, past up to six short
heading lines (title, date, outlet, byline) above the first paragraph, past an "Updated: ..."
stamp or a bracketed credit, and past a byline on the dateline's own line.  Month names may
be French, Spanish, Portuguese, Italian, German, Indonesian or Malay ("Havana, Juin 9 (EFE)").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .dateline_agencies import AGENCIES
from .dateline_agency import agency_first_dateline as _agency_then_place
from .dateline_dates import LEAD_DATES as _LEAD_DATES
from .dateline_dates import date_at as _date
from .dateline_dates import weekday_at as _weekday
from .dateline_lines import END_OF_LINE as _END_OF_LINE
from .dateline_lines import deep_starts as _deep_starts
from .dateline_lines import reads_like_a_lead as _reads_like_a_lead
from .dateline_lines import starts as _starts
from .dateline_names import MASTHEAD as _MASTHEAD
from .dateline_names import WEB_NAME as _WEB_NAME
from .dateline_names import agency_dash_date as _agency_dash_date
from .dateline_names import all_caps as _all_caps
from .dateline_names import bracket_outlet as _bracket_outlet
from .dateline_names import gazetteer_knows as _gazetteer_knows
from .dateline_names import is_agency as _is_agency
from .dateline_names import listed_non_place as _listed_non_place
from .dateline_names import outlet as _outlet
from .dateline_names import place_span as _place
from .dateline_names import region_only as _region_only
from .dateline_names import strip_span as _strip_span
from .schema import Dateline, Span

__all__ = ["parse_dateline"]

_COMMA = re.compile(r",[ \t]*")
_PAREN = re.compile(r"[ \t]*\(([^()\n]{1,60})\)")
_BRAND = re.compile(r"(?:[A-Z]{2,}[a-z]{2,}|[A-Z][a-z]+[A-Z][A-Za-z]*)")  # "VOVworld", "ArabToday", "DFWatch"
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_BRAND_GLUED = re.compile(r"((?:[A-Z][a-z]+|[A-Z]{2,})[A-Z][a-z][A-Za-z]*)(?=[–—-][ \t]?[\"“A-Z])")
_LEAD_AFTER = re.compile(r"[ \t]*[\"“'‘]?[A-Z]")
_CAPS_AFTER_HYPHEN = re.compile(r"-([A-Z]{3,}[A-Z0-9.]*)(?=[ \t])")
_NOT_AGENCY_CAPS = {"based", "born"}
_PERIOD_PAREN = re.compile(r"\.[ \t]+(?=\()")  # "Moscow. (RIA Novosti ...) -"
# "Baku. 4 April. REPORT.AZ/ The ...": an agency closed by a slash after the date
_SLASH_CLOSED = re.compile(r"\.?[ \t]+([A-Za-z][\w.&-]{1,30}?)/[ \t]*(?=[\"“A-Z])")
_BRACKET = re.compile(r"[ \t]*\[([^\[\]\n]{1,40})\]")  # "London [U.K.], Feb. 9 (ANI):"
# NEW YORK, ... /PRNewswire/ --; TASS's "MOSCOW, March 3. /TASS/. Russian forces ..."
_SLASH_AGENCY = re.compile(r"[.,]?[ \t]+/[ \t]?([A-Za-z][\w .&-]{1,40}?)[ \t]?/(?:\.(?=[ \t]+[A-Z\"“]))?")
_WIRE_AGENCY = re.compile(r"[ \t]*--\(([^()\n]{2,40})\)--")  # NEW YORK--(BUSINESS WIRE)--
# The separator; ".-" is EFE's.  Hyphens and colons need a space after them ("UPDATE 2-Israel" is no
# dateline); en and em dashes may touch the next word, and so may a double hyphen ("LONDON--Oil ...")
# and a colon with a space before it ("PESHAWAR, (...) :Police held ...") or before a capitalised word
# ("ISLAMABAD:Prime Minister ..."; a bare colon must still open a lead, see below).
_SEP = re.compile(r"[ \t]*:(?=[\"“'‘]?[A-Z][a-z])|[ \t]+:(?=[\"“'‘]?[A-Z0-9])"
                  r"|(?:(?<=[a-z])\.|(?<=[a-z]\.))-(?=[\"“'‘]?[A-Z][a-z])"  # EFE's ".-" glued: "Havana, Cuba.-Interior"
                  r"|[ \t]*\.?[ \t]*(?:(?:-{1,4}|_|:|•)(?=\s|$)|-{2,4}(?=[\"“'‘A-Z])|[–—―])")

_AGENCIES = AGENCIES
# What may follow an agency when no separator closes the dateline: the lead sentence itself.
_SENTENCE_START = re.compile(r"[ \t]+[\"“'‘]?[A-Z0-9]")
_GLUED_LEAD = re.compile(r"[\"“'‘]?[A-Z][a-z]")  # "ISLAMABAD:Prime Minister ...": the lead glued to a colon


def parse_dateline(text: str, published: str | None = None, *,
                   known_place: Callable[[str], bool] | None = None) -> Dateline | None:
    """The dateline that opens ``text`` (or its first paragraph below a title), or None.

    ``published`` (ISO date) supplies the year of a dateline date written without one;
    without it such a date is ``XXXX-MM-DD``.  ``known_place`` says whether a capitalised
    name is a sizeable place; it is asked only about a dateline with neither date nor agency
    nor capitals ("Beira — ..."); by default the gazetteer answers.
    """
    known = known_place or _gazetteer_knows
    tried = _starts(text)
    for pos in tried:
        found = _agency_then_place(text, pos, published, known, _place_first) or _agency_first(
            text, pos, published, known)
        if found is None and _BYLINE.match(text, pos):
            found = _after_byline(text, pos, published, known)
        if found is None:
            found = _parse_at(text, pos, published, known)
        if found is not None:
            return found
    for pos in _deep_starts(text, tried):
        # below a standfirst, long captions or bullet lines: only a strong wire dateline
        found = _place_first(text, pos, published, known)
        if found is not None and _strong(found):
            return found
        found = _credit_first(text, pos)
        if found is not None and found.agency and found.agency.lower() in _AGENCIES:
            return found  # "AFP - A suicide bomber ...": a wire agency's credit opening the dispatch
    return None


def _strong(d: Dateline) -> bool:
    """A wire dateline that cannot be a heading: capitals with an agency or a date ("NEW YORK, Sept. 22,
    2023 /PRNewswire/ --", "SHARM EL-SHEIKH, Egypt (AP) —"), or a known agency and a date ("Doha,
    September 14 (QNA) -")."""
    if not d.places:
        return False
    if _all_caps(d.places[0]) and (d.agency or d.date):
        return True
    return bool(d.date and d.agency and all(part.strip().lower() in _AGENCIES for part in d.agency.split("/")))


_BYLINE = re.compile(r"(?:By|BY)[ \t]+[A-Z]")
_BYLINE_MAX = 100  # how far into a byline line the dateline may start
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’.-]+(?![^\W\d_])")
_NAME_WORD = re.compile(r"(?<![^\s])[A-Z][a-z]+")


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
    # "By Rudo Mhlanga Harare (New Ziana)- ...": a mixed-case byline runs into a known town and its agency
    for m in _NAME_WORD.finditer(window):
        if m.start() < 3:
            continue
        found = _place_first(text, pos + m.start(), published, known_place)
        if found is not None and found.agency and all(known_place(n) and not _region_only(n) for n in found.places):
            return found
    # "BY STAFF REPORTER ADDIS ABABA –": a byline in capitals runs into the dateline; it starts at the
    # first word from which a place the gazetteer knows runs to the separator.
    for m in _CAPS_WORD.finditer(window):
        if m.start() == 0:
            continue
        found = _place_first(text, pos + m.start(), published, known_place)
        if found is not None and _all_caps(found.places[0]) and all(known_place(n) for n in found.places):
            return found
    return None


# "AFP, Kabul", "By IANS, Mumbai :", "REUTERS, 3rd MAY, 2017 -": the agency before the place or date.
_AGENCY_FIRST = re.compile(r"(?:(?:By|BY)[ \t]+)?([A-Z][A-Za-z.&-]*(?: [A-Z][A-Za-z.&-]*){0,2}),[ \t]+")


def _agency_first(text: str, pos: int, published: str | None,
                  known_place: Callable[[str], bool]) -> Dateline | None:
    m = _AGENCY_FIRST.match(text, pos)
    if m is None or m.group(1).lower() not in _AGENCIES:
        return None
    agency = m.span(1)
    d = _date(text, m.end(), published)
    if d is None:
        return _place_first(text, m.end(), published, known_place, agency=agency, start=pos)
    when, p = d
    sep = _SEP.match(text, p)
    if sep is None or ":" in sep.group() or not _SENTENCE_START.match(text, sep.end()):
        return None
    return _dateline(text, pos, sep.end(), [], [], when, agency)


def _parse_at(text: str, pos: int, published: str | None, known_place: Callable[[str], bool]) -> Dateline | None:
    return (_place_first(text, pos, published, known_place) or _date_first(text, pos, published, known_place)
            or _agency_only(text, pos) or _credit_first(text, pos) or _bracketed_place(text, pos, known_place))


_BRACKETED_CAPS = re.compile(r"\[([A-Z][A-Z'’. -]{2,30})\][ \t]*")


def _bracketed_place(text: str, pos: int, known_place: Callable[[str], bool]) -> Dateline | None:
    """"[SEOUL] A government source told ...": a town in capitals in square brackets opening a lead (some
    Asian papers' dateline); only a town the gazetteer knows, and only before a sentence that reads like one."""
    m = _BRACKETED_CAPS.match(text, pos)
    if m is None or not _reads_like_a_lead(text, m.end()):
        return None
    name = m.group(1).strip()
    if not (_all_caps(name) and known_place(name.title())) or name.lower() in _AGENCIES:
        return None
    return _dateline(text, pos, m.end(), [(m.start(1), m.start(1) + len(name))], [], None, None)


_TIME = re.compile(r"[ \t]*\d{1,2}[:.h]\d\d(?!\d)")
_NAME_FIRST = re.compile(r"[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2}")


def _credit_first(text: str, pos: int) -> Dateline | None:
    """A known agency, or an outlet's web name, and a separator open a sentence that reads like a lead:
    "AFP - Gunmen ...", "PanARMENIAN.Net - The ...".  The longest such name wins."""
    m = _NAME_FIRST.match(text, pos)
    if m is None:
        return None
    words = m.group().split(" ")
    for k in range(len(words), 0, -1):
        name = " ".join(words[:k])
        end = pos + len(name)
        if not (_WEB_NAME.fullmatch(name) or _MASTHEAD.fullmatch(name)
                or (len(name) > 2 and name.lower() in _AGENCIES)):
            continue
        sep = _SEP.match(text, end)
        # (a colon only after a wire agency we know: "BSS : Prime Minister ...")
        if sep is None or (":" in sep.group() and name.lower() not in _AGENCIES) or not _reads_like_a_lead(
                text, sep.end() + (len(text) - sep.end() - len(text[sep.end():].lstrip()))):
            return None  # "IRNA - Islamic Republic News Agency" is a credit line, not a lead
        return Dateline(start=pos, end=sep.end(), text=text[pos:sep.end()], agency=name)
    return None


def _place_first(text: str, pos: int, published: str | None, known_place: Callable[[str], bool], *,
                 agency: tuple[int, int] | None = None, start: int | None = None) -> Dateline | None:
    """A dateline opening with its place; ``agency`` and ``start`` when the agency came first ("AFP, Kabul")."""
    first = _place(text, pos)
    if first is None:
        return None
    name = text[first[0]:first[1]]
    if (name.lower() in _AGENCIES and (name.isupper() or not known_place(name))) or _MASTHEAD.fullmatch(name):
        return None  # "IRNA - Islamic Republic News Agency", "AMMONNEWS -": an agency's name is no place
    places = [first]
    qualifiers: list[tuple[int, int]] = []  # "KYIV, Ukraine", "KANSAS CITY, Mo.": not a second place
    p = first[1]
    # EFE joins the cities a dispatch was written in with slashes: Rafah/Jerusalem/Cairo.
    while text.startswith("/", p):
        nxt = _place(text, p + 1)
        if nxt is None:
            if _SLASH_BEFORE_BRACKET.match(text, p):  # "Khartum/ (AFP)": the second city dropped
                p += 1
            break
        places.append(nxt)
        p = nxt[1]
    glued = _CAPS_AFTER_HYPHEN.match(text, p) if len(places) == 1 and not _all_caps(name) and known_place(
        name) else None
    if glued is not None and glued.group(1).lower() not in _NOT_AGENCY_CAPS:
        agency = glued.span(1)  # "Baghdad-ALSHARQIYA  February 19 :": the outlet glued to the town
        p = glued.end(1)
    if text.startswith("-", p) and len(places) == 1:
        tail = _place(text, p + 1, qualifier=True)
        if tail is not None and _region_only(text[tail[0]:tail[1]]):  # "Kabul-Afghanistan (PMG):"
            qualifiers.append(tail)
            p = tail[1]
    when: str | None = None
    has_date = False  # a calendar date (a weekday alone does not make a capitalised name a dateline)
    dated = False  # a calendar date or a weekday
    caps = _all_caps(text[first[0]:first[1]])
    lenient = False  # an agency not on our list may run into the lead
    # "SANAA Aug 24 Residents ...", "TASHKENT. July 4 (Interfax) -", "Harare Nov 3 (AFP) -": the place
    # runs into the date
    m = (_CAPS_TO_DATE if caps or (text.startswith(".", p) and known_place(name)) else _SPACE).match(text, p)
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
            month = None if dated else _MONTH_ALONE.match(text, q)
            if month is not None:  # "HAVANA, Cuba, August, —": a month with no day is no date
                p = month.end()
                continue
            slashed = _SLASH_AGENCY.match(text, p) if agency is None else None
            if slashed is not None:  # "YEREVAN, January 21, /ARKA/. The ..."
                agency, p = _strip_span(text, slashed.start(1), slashed.end(1)), slashed.end()
                break
            dash = _SEP.match(text, q)
            if dash is not None and ":" not in dash.group() and dash.start() == q:
                p = q  # "Ankara, – Turkish forces ...": the date between the comma and the dash dropped
                break
            brand = _BRAND_GLUED.match(text, q) if caps and agency is None else None
            if brand is not None:  # "TBILISI, DFWatch– Teenager ...": an outlet's camel-cased name glued to the dash
                agency, p = brand.span(1), brand.end(1)
                break
            bare = None if agency else _bare_agency(text, q, short=dated)
            if bare is not None:  # "TEHRAN, IRNA --", "Moscow, SANA-"; after a date "Vientiane October 29, 2022, PL."
                agency, p = bare
                break
            qualifier = None if dated else _place(text, q, qualifier=True)
            if qualifier is not None and not _listed_non_place(text[qualifier[0]:qualifier[1]]):  # "KYIV, Ukraine"
                qualifiers.append(qualifier)
                p = qualifier[1]
                continue
            break
        m = _BRACKET.match(text, p)
        if m and not dated:  # "London [U.K.], Feb. 9 (ANI):"
            inner = _strip_span(text, m.start(1), m.end(1))
            qualifier = _place(text, inner[0], qualifier=True)
            name = text[inner[0]:inner[1]]
            if agency is None and _SEP.match(text, m.end()) and _is_agency(name, after=True) and (
                    name.lower() in _AGENCIES or not known_place(name)):
                agency, p = inner, m.end()  # "GARBAHAREY [SMN] –": some services bracket their name square
                break
            if qualifier is not None and qualifier[1] == inner[1]:
                qualifiers.append(qualifier)
                p = m.end()
                continue
            break
        pp = _PERIOD_PAREN.match(text, p) if len(places) == 1 and known_place(name) else None
        m = _PAREN.match(text, pp.end() if pp else p)
        dated_agency = _agency_dash_date(text, m, published) if m and agency is None and not dated else None
        if dated_agency is not None:  # "Kigali, (UrduPoint/Pakistan Point News – Oct 30, 2022): ..."
            agency, when = dated_agency
            has_date = dated = True
            p = m.end()  # type: ignore[union-attr]
            break
        if m:
            inner = _strip_span(text, m.start(1), m.end(1))
            d = None if dated else _date(text, inner[0], published)
            if d is not None and d[1] == inner[1]:  # the date in brackets: "KASSAB (19 June) The ..."
                when, p = d[0], m.end()
                has_date = dated = True
                continue
            # "Hamburg (dpa/lno). Clothes ...": a period may close the bracketed agency too
            name = text[inner[0]:inner[1]]
            known_town = all(known_place(text[s:e]) for s, e in places)
            after = _SEP.match(text, m.end()) is not None or _PERIOD_LEAD.match(text, m.end()) is not None or (
                known_town and _END_OF_LINE.match(text, m.end()) is not None) or (  # "Dubai (Etihad)" above the lead
                _HYPHEN_LEAD.match(text, m.end()) is not None)  # "GAROWE (Somali Commentator)-Authorities ..."
            if agency is None and known_town and _ACRONYM.fullmatch(name) and not known_place(name) and \
                    _SENTENCE_START.match(text, m.end()) and _reads_like_a_lead(text, m.end() + 1):
                # "Islamabad (HRNW) Two people died ...": a town the gazetteer knows, an outlet's initials, the lead
                agency, p, lenient = inner, m.end(), True
                break
            # capitals and a date may run into the lead past any acronym: "HAVANA, Mar 6 (PL) Cuban ..."
            lenient = has_date and caps and bool(_SENTENCE_START.match(text, m.end()))
            # an outlet's own name in the agency's bracket, after capitals, a date or a known town:
            # "KHARTOUM (Sudan Tribune) -", "Mogadishu (Caasimada Online) -"; not a byline "Jane Doe (Outlet) -"
            own_name = after and (dated or caps or all(known_place(text[s:e]) for s, e in places)) and (
                (dated and _outlet(name)) or _bracket_outlet(name))
            if agency is None and (_is_agency(name, after=after or lenient) or own_name):
                # after the date a bracket is no qualifier: "GENEVA, Jan 5 (UN News) -"
                agency, p = inner, m.end()
                sp = _SPACE.match(text, p) if not dated else None
                d = _date(text, sp.end(), published) if sp else None
                if d is not None and (_SEP.match(text, d[1]) or _END_OF_LINE.match(text, d[1])):
                    when, p = d  # the date after the agency: "Ouagadougou (AFP) April 27, 2023" above the lead
                    has_date = dated = True
                break
            credited = _credited_agency(name) if agency is None and after else None
            if credited:  # "(RIA Novosti political commentator Pavel Orlov) -": the agency and its writer
                agency, p = (inner[0], inner[0] + credited), m.end()
                break
            sp = _SPACE.match(text, m.end())
            d = _date(text, sp.end(), published) if sp and agency is None and not dated else None
            if d is not None and (_SEP.match(text, d[1]) or _END_OF_LINE.match(text, d[1])) and \
                    _is_agency(name, after=True):
                # the date after the agency: "Nairobi (HAN) January 10, 2015 – ...", "Ouagadougou (AFP)
                # April 27, 2023" on a line of its own
                agency, (when, p) = inner, d
                has_date = dated = True
                break
            qualifier = _place(text, inner[0], qualifier=True)
            if not dated and qualifier is not None and qualifier[1] == inner[1]:  # "(Palestinian Territories)"
                qualifiers.append(qualifier)
                p = m.end()
                continue
            break
        m = _PIPE_AGENCY.match(text, p)
        if m and agency is None:  # "TEMA, Ghana | Xinhua | Ghanaian President ..."
            inner = _strip_span(text, m.start(1), m.end(1))
            if (_is_agency(text[inner[0]:inner[1]], after=True) or _outlet(text[inner[0]:inner[1]])) and (
                    caps or all(known_place(text[s:e]) for s, e in places)):  # not "Politics | Opinion |"
                agency, p, lenient = inner, m.end(), True
            break
        m = _PERIOD.match(text, p)
        bare = _bare_agency(text, m.end(), lead=True) if m and caps and not dated and agency is None else None
        if bare is not None:  # Kazinform's "ASTANA. KAZINFORM - ...", "ASTANA. KAZINFORM The ..."
            agency, p = bare
            lenient = True
            break
        bare = _bare_agency(text, p + 1, line_end=True) if text.startswith("-", p) and agency is None else None
        if bare is not None:  # "ANKARA-Anadolu Agency" on a line of its own
            agency, p = bare
            break
        m = _SLASH_AGENCY.match(text, p)
        if m and agency is None:
            agency, p = _strip_span(text, m.start(1), m.end(1)), m.end()
        m = _SLASH_CLOSED.match(text, p) if agency is None and dated else None
        if m and (_is_agency(m.group(1), after=True) or _WEB_NAME.fullmatch(m.group(1))):
            agency, p, lenient = m.span(1), m.end(1) + 1, True
        break
    sp = _SPACE.match(text, p) if agency is None and dated else None
    bare = (_bare_agency(text, sp.end(), line_end=True) or _bare_agency(text, sp.end(), lead=True)) if sp else None
    if bare is not None:  # "TOKYO, April 13 Kyodo" on a line of its own, "Kabul, Jan 5 Xinhua Police ..."
        agency, p = bare
    m = _WIRE_AGENCY.match(text, p)
    if m and agency is None:  # NAIROBI, Kenya--(BUSINESS WIRE)--
        agency, p = _strip_span(text, m.start(1), m.end(1)), m.end()
        sep_end: int | None = p
    else:
        sep_end = _closing(text, p, agency, lenient=lenient)
    names = [text[s:e] for s, e in places]
    if sep_end is None and has_date and (caps or all(  # not "Xinhua, August 8, 2015 Adjust font size:"
            known_place(n) and not _region_only(n) and n.lower() not in _AGENCIES for n in names)):
        # "MAIDUGURI, Nigeria, Sept 3 At least five ...", "HAVANA, Mar 9. The ...", "Srinagar, Nov 12 An
        # encounter ...": capitals, or a town the gazetteer knows, and a date, then the lead
        m = _PERIOD_LEAD.match(text, p)
        sep_end = p if _SENTENCE_START.match(text, p) else p + 1 if m else None
    if sep_end is None and (has_date or agency) and text.startswith(".", p) and _END_OF_LINE.match(text, p + 1) and (
            caps or all(known_place(text[s:e]) for s, e in places)):
        p += 1  # "Lima, Mar. 7." on a line of its own
    if sep_end is None and (has_date or agency) and _END_OF_LINE.match(text, p) and (
            caps or all(known_place(text[s:e]) for s, e in places)):  # not a byline "John Doe (AP)"
        sep_end = p  # the dateline on a line of its own: "Ludhiana, December 8", "AFP, Kabul"
    pipe = _PIPE_SEP.match(text, p) if sep_end is None and agency is None else None
    piped = pipe is not None and bool(caps or qualifiers) and all(
        known_place(n) and not _region_only(n) for n in names) and _reads_like_a_lead(text, pipe.end())
    if piped:
        sep_end = pipe.end()  # type: ignore[union-attr]  # (not "Politics | Opinion |": a known town, a lead)
    own_line = sep_end is None and agency is None and not dated and _own_line(
        text, p, caps or bool(qualifiers), names, known_place)
    if own_line:
        sep_end = p  # "BERLIN", "Mainz, Germany" on a line of its own above the lead
    lead = _period_lead(text, p) if sep_end is None and agency is None and not dated else None
    period = lead is not None and not any(_listed_non_place(n) for n in names) and _reads_like_a_lead(
        text, lead[1]) and all(known_place(n) and not _region_only(n) for n in names)
    if period:
        sep_end = lead[0]  # "Arusha. Only 14 per cent ...": a known town and a period
    if sep_end is None:
        return None
    if dated and agency is None and _TIME.match(text, sep_end):
        return None  # "Montevideo, July 23rd 2024 - 05:11 UTC": a site's clock, not a dateline
    weak = False  # an agency running into the lead does not make a weak place a dateline
    if agency is None:  # "KABUL — (AFP) — ...": the agency after the separator
        after = _agency_after(text, sep_end)
        bare = _bare_agency(text, sep_end, lead=True) if after is None else None
        if bare is not None:  # "MOSCOW, Jan 5 - RIA Novosti. Russian ...", "KABUL – AFP Police said ..."
            after, weak = (bare[0], bare[1] + (1 if _PERIOD_LEAD.match(text, bare[1]) else 0)), True
        if after is None:
            sp = _SPACE.match(text, sep_end)
            brand = _BRAND.match(text, sp.end() if sp else sep_end)
            if brand is not None and _END_OF_LINE.match(text, brand.end()):
                after = brand.span(), brand.end()  # "Riyadh - ArabToday" on its line, the lead below
        if after is not None:
            agency, sep_end = after
    if not dated:  # the date after the separator: "Kampala, Uganda — January 30, 2026 The ..."
        sp = _SPACE.match(text, sep_end)
        d = _date(text, sp.end() if sp else sep_end, published)
        late = _agency_after(text, d[1]) if d is not None and agency is None else None
        if late is not None:  # "Manama- Dec4 (BNA) Prince ...": the date and then the agency after the separator
            when, (agency, sep_end) = d[0], late  # type: ignore[index]
            has_date = dated = True
        elif d is not None and (_SENTENCE_START.match(text, d[1]) or _SEP.match(text, d[1])):
            then = _SEP.match(text, d[1])
            when, sep_end = d[0], then.end() if then else d[1]
            has_date = dated = True
    sep = _SEP.match(text, p)
    colon = sep is not None and ":" in sep.group() and not has_date and agency is None
    strong_agency = agency is not None and not weak
    if not (own_line or period or piped) and (colon or not _strict_enough(text, places[0], has_date, strong_agency)):
        # "Beira — At least three people ...", "Dhaka: The group said ...", "Musa Khel, Balochistan – ...":
        # a known place (or a known region or country qualifying it), a separator, and the lead sentence.
        # A colon alone asks this of capitals too: "HUFFPOLLSTER:", "MIKE PENCE:" open headlines and
        # transcripts.
        known = all(known_place(n) for n in names) or any(known_place(text[s:e]) for s, e in qualifiers)
        glued = text[sep_end - 2:sep_end] == ".-" and _reads_like_a_lead(text, sep_end)  # "Havana, Cuba.-Interior"
        if not (sep and (_SENTENCE_START.match(text, sep_end) or glued
                         or (colon and caps and _GLUED_LEAD.match(text, sep_end)))
                and not any(_listed_non_place(n) for n in names) and known):
            return None
        if not qualifiers and any(_region_only(n) for n in names):
            return None  # "Kenya – Police fire ...", "Oman – Muscat Daily ...": a country heads a headline
        if colon and (not _reads_like_a_lead(text, sep_end) or any(_region_only(n) for n in names)):
            # "Clinton: Time for a new strategy." is a headline quoting a person; "Kenya: Police fire ..."
            # one naming its country
            return None
    return _dateline(text, places[0][0] if start is None else start, sep_end, places, qualifiers, when, agency)


_LETTER_START = re.compile(r"[ \t]+[\"“'‘]?[A-Z]")


def _period_lead(text: str, p: int) -> tuple[int, int] | None:
    """(end of the dateline, start of the lead) when a period and the lead follow the place."""
    m = _PERIOD_LEAD.match(text, p)
    if m is not None:
        return p + 1, m.end() - 1
    if p > 0 and text[p - 1] == "." and (m := _LETTER_START.match(text, p)):  # "Gulu." kept its period
        return p, m.end() - 1
    return None


def _own_line(text: str, p: int, marked: bool, names: list[str], known_place: Callable[[str], bool]) -> bool:
    """A place alone on its line, in capitals or with its qualifier ("BERLIN", "Mainz, Germany"), a
    city the gazetteer knows (no country: "COLOMBIA" labels a section), and a lead below it."""
    m = _END_OF_LINE.match(text, p)
    if m is None or not marked or any(_listed_non_place(n) for n in names):
        return False
    lead = m.end() - 1
    return _reads_like_a_lead(text, lead) and all(known_place(n) and not _region_only(n) for n in names)


_PIPE_AGENCY = re.compile(r"[ \t]*\|[ \t]*([^|\n]{2,40}?)[ \t]*\|")  # "Kampala, Uganda | THE INDEPENDENT |"
_PERIOD = re.compile(r"\.[ \t]+")
_PERIOD_LEAD = re.compile(r"\.[ \t]+[\"“'‘]?[A-Z]")
_GLUED_HYPHEN = re.compile(r"[ \t]*-(?=[\"“A-Z])")  # Reuters' "(Reuters) -The ...", SANA's "Damascus, SANA-On"
_HYPHEN_LEAD = re.compile(r"-(?=[\"“]?[A-Z][a-z]+[ \t])")  # a bracket's hyphen glued to the lead's first word
# "Minna (Nigeria) | Gunmen who stormed ...": a pipe after a known town (and its qualifier), then the lead
_PIPE_SEP = re.compile(r"[ \t]+\|[ \t]+(?=[\"“]?[A-Z])")
_AGENCY_GLUED = re.compile(r"[A-Z][A-Za-z.&]{2,}(?=-[\"“A-Z])")
_SLASH_BEFORE_BRACKET = re.compile(r"/[ \t]+\(")
_MONTH_ALONE = re.compile(r"(?i:january|february|march|april|may|june|july|august|september|october|november|"
                          r"december)(?![^\W\d_]),?(?=[ \t]*[-–—])")
# "SANAA Aug 24", "TASHKENT. July 4": an ALL-CAPS place and its date with no comma between.
_CAPS_TO_DATE = re.compile(r"\.?[ \t]+")
_SPACE = re.compile(r"[ \t]+")
_NOT_OUTLETS = {"staff", "desk", "reporter", "update", "updated", "report", "file", "photo", "video", "news", "local"}
# A known agency after the separator: "KABUL — (AFP) — ...", "KABUL - AFP - ...".
_AGENCY_AFTER = re.compile(r"[ \t]*(?:\(([^()\n]{2,40})\)|([A-Z][A-Za-z.&]*(?:-[A-Za-z]+)*"
                           r"(?: [A-Z][A-Za-z.&]*(?:-[A-Za-z]+)*){0,2}))")


def _bare_agency(text: str, p: int, *, lead: bool = False, line_end: bool = False,
                 short: bool = False) -> tuple[tuple[int, int], int] | None:
    """A known agency with no brackets, right before the separator (or, with ``lead``, the lead
    sentence; with ``line_end``, the end of the line): (its span, where the separator starts)."""
    glued = _AGENCY_GLUED.match(text, p)
    if glued is not None and glued.group().lower() in _AGENCIES:  # "Damascus, SANA-On the ..."
        return glued.span(), glued.end()
    web = None if lead or line_end else _WEB_NAME.match(text, p)
    sep = _SEP.match(text, web.end()) if web else None
    if web is not None and sep is not None and ":" not in sep.group():  # "DOHA, PALESTINOW.COM — ..."
        return web.span(), web.end()
    m = _AGENCY_AFTER.match(text, p)
    if m is None or m.group(2) is None:
        return None
    words = m.group(2).split()
    for k in range(len(words), 0, -1):  # "IRNA --", not "IRNA Officials"
        name = " ".join(words[:k]).rstrip(".")  # "ARMENPRESS. The ...": the period closes the dateline
        end = m.start(2) + len(name)
        # not a two-letter one, which is as often a postal code ("SCRANTON, PA —"), unless a date came first
        if (len(name) > 2 or short) and name.lower() in _AGENCIES and (
                _SEP.match(text, end) or (lead and _SENTENCE_START.match(text, end))
                or _PERIOD_LEAD.match(text, end)  # "YEREVAN, JANUARY 5, ARMENPRESS. The ..."
                or (line_end and _END_OF_LINE.match(text, end))):
            return (m.start(2), end), end
    if short and not lead and not line_end:
        # after the date, an agency we do not know yet, closed by a period before the lead: "Yerevan, May 15,
        # Noyan Tapan. The ..." (one to three capitalised words, no place the gazetteer knows)
        for k in range(len(words), 0, -1):
            name = " ".join(words[:k])
            if not name.endswith(".") or "." in name[:-1]:
                continue
            name = name[:-1]
            end = m.start(2) + len(name)
            if _PERIOD_LEAD.match(text, end) and not _gazetteer_knows(name) and \
                    not {w.lower() for w in name.split()} & _NOT_OUTLETS:
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
    if _END_OF_LINE.match(text, m.end()):  # "ANKARA - Anadolu Agency" on a line of its own
        return inner, m.end()
    if g == 1 and _SENTENCE_START.match(text, m.end()):  # "BAMAKO - (AFP) Fifteen people ..."
        return inner, m.end()
    return None


def _credited_agency(name: str) -> int:
    """The length of a known agency that opens a bracketed credit and is followed by its writer's
    description ("RIA Novosti political commentator Pavel Orlov"), else 0."""
    words = name.split()
    for k in range(min(3, len(words) - 1), 0, -1):
        head = " ".join(words[:k])
        if head.lower() in _AGENCIES and len(head) > 2 and words[k][:1].islower():
            return len(head)
    return 0


def _closing(text: str, p: int, agency: tuple[int, int] | None, *, lenient: bool = False) -> int | None:
    """Where the dateline ends: after its separator, or right after a known agency (any agency when
    ``lenient``) when the lead sentence follows it ("(AFP) Fifteen people")."""
    sep = _SEP.match(text, p)
    if sep is not None:
        return sep.end()
    if agency is None:
        return None
    glued = _GLUED_HYPHEN.match(text, p)
    if glued is not None:
        return glued.end()
    if _PERIOD_LEAD.match(text, p):  # "Hamburg (dpa/lno). Clothes ..."
        return p + 1
    if (lenient or text[agency[0]:agency[1]].lower() in _AGENCIES) and _SENTENCE_START.match(text, p):
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


def _date_first(text: str, pos: int, published: str | None,
                known_place: Callable[[str], bool] = _gazetteer_knows) -> Dateline | None:
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
        place = _place(text, inner[0])
        # "November 6, 2017 (JUBA) -": a town the gazetteer knows is the place, though it looks like an acronym
        town = (not places and place is not None and place[1] == inner[1] and _all_caps(name)
                and not any(part.strip().lower() in _AGENCIES for part in name.split("/")) and known_place(name))
        if agency is None and not town and _is_agency(name, after=_SEP.match(text, m.end()) is not None):
            agency, p = inner, m.end()
            continue
        if places or place is None or place[1] != inner[1] or _listed_non_place(name):
            return None
        places.append(place)
        p = m.end()
    if not places and agency is None and text.startswith(",", p):
        # "June 24, Colombo: Finance Minister ...": the date, then a town the gazetteer knows and a separator
        q = p + 1 + len(text[p + 1:]) - len(text[p + 1:].lstrip(" \t"))
        place = _place(text, q)
        sep = _SEP.match(text, place[1]) if place is not None else None
        if place is not None and sep is not None and known_place(text[place[0]:place[1]]) and not _region_only(
                text[place[0]:place[1]]) and _LEAD_AFTER.match(text, sep.end()):
            return _dateline(text, pos, sep.end(), [place], [], when, None)
    if not places and agency is None:
        # "March 3, 2024 — Gunmen killed ...": the date alone, a dash, and the lead sentence
        sep = _SEP.match(text, p)
        if sep is None or ":" in sep.group() or not _SENTENCE_START.match(text, sep.end()) or _TIME.match(
                text, sep.end()):  # "December 20, 2017 - 18:01 AMT" is a stamp
            return None
        return _dateline(text, pos, sep.end(), [], [], when, None)
    end = _closing(text, p, agency)
    if end is None and places and agency is None and when and when[:1].isdigit() and known_place(
            text[places[0][0]:places[0][1]]) and _SENTENCE_START.match(text, p) and _reads_like_a_lead(text, p + 1):
        end = p  # "March 26. 2020 (Khartoum) Sudan has denounced ...": a known town in brackets, then the lead
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


def _agency_only(text: str, pos: int) -> Dateline | None:
    """CNN's opening: ``(CNN) —`` or ``(CNN)Text``; only for known agencies."""
    m = _PAREN.match(text, pos)
    if m is None or m.start(0) != pos:
        return None
    inner = _strip_span(text, m.start(1), m.end(1))
    name = text[inner[0]:inner[1]]
    sep = _SEP.match(text, m.end())
    # "(CNN)", "(NAN) –"; an outlet's camel-cased name before a dash and a lead: "(VOVworld) – Typhoon ..."
    brand = sep is not None and ":" not in sep.group() and _BRAND.fullmatch(name) is not None and \
        _reads_like_a_lead(text, sep.end() + len(text[sep.end():]) - len(text[sep.end():].lstrip()))
    if not (_is_agency(name, after=sep is not None) or brand):
        return None
    end = sep.end() if sep else m.end()
    return Dateline(start=pos, end=end, text=text[pos:end], agency=name)

