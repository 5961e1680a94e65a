"""Datelines that name the agency before the place or the date, for :mod:`eventwire.dateline`.

    (ANSA) - ROME, JAN 5 - ...          APA-Dakar (Senegal) — ...        IANS | New Delhi: ...
    APA - Tunis (Tunisia) — ...         Shafaq News- Erbil  (a line of its own above the lead)
    (RFE/RL) April 17, 2007 -- ...      Shafaq News/ Iraq's presidency ...

The agency comes first and a joiner (a hyphen or dash, a pipe, a slash) ties it to a place dateline
that would stand on its own ("ROME, JAN 5 -"), or to a town the gazetteer knows alone on its line, or
(in brackets) to a date and the separator.  Only a known agency, or a bracketed name that reads as one,
opens such a dateline: "Police - Kabul" or a headline "Trump - Iran talks" is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .dateline_agencies import AGENCIES
from .dateline_dates import date_at
from .dateline_lines import END_OF_LINE, reads_like_a_lead
from .dateline_names import is_agency, listed_non_place, place_span, region_only, strip_span
from .schema import Dateline

__all__ = ["agency_first_dateline"]

PlaceFirst = Callable[..., "Dateline | None"]

_BRACKETED = re.compile(r"\(([^()\n]{2,40})\)|\[([^\[\]\n]{2,40})\]")  # "(ANSA) ROME", "[Radio Dabanga] Khartoum"
_NAME = re.compile(r"[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2}")
# What ties the agency to the place: "(ANSA) - ROME", "APA-Dakar", "IANS | New Delhi", "Shafaq News / Erbil"
_JOINER = re.compile(r"[ \t]*(?:-{1,2}|[–—|/])[ \t]*")
_SLASH_LEAD = re.compile(r"[ \t]*/[ \t]+")  # "Shafaq News/ Iraq's presidency ..."
_SPACE = re.compile(r"[ \t]+")
_LEAD_START = re.compile(r"[\"“'‘]?[A-Z]")
_SEP = re.compile(r"[ \t]*(?:-{1,3}|[–—])[ \t]+")


def _leading_agency(text: str, pos: int) -> tuple[int, int] | None:
    """The agency opening the text at ``pos``: a bracketed one, or the longest known name."""
    m = _BRACKETED.match(text, pos)
    if m is not None:
        g = 1 if m.group(1) is not None else 2
        inner = strip_span(text, m.start(g), m.end(g))
        return inner if is_agency(text[inner[0]:inner[1]], after=True) else None
    m = _NAME.match(text, pos)
    if m is None:
        return None
    run = m.group()
    # the longest known name ending before a space or a hyphen: "Shafaq News- Erbil", "APA-Dakar"
    ends = [len(run)] + [i for i in range(len(run) - 1, 0, -1) if run[i] in " -"]
    for end in ends:
        name = run[:end]
        # not a two-letter one ("AP" is rare first; "US - Iran" is a headline)
        if len(name) > 2 and name.lower() in AGENCIES:
            return pos, pos + end
    return None


def agency_first_dateline(text: str, pos: int, published: str | None, known_place: Callable[[str], bool],
                          place_first: PlaceFirst) -> Dateline | None:
    """A dateline whose agency comes first (see the module's docstring), or None.  ``place_first`` is the
    parser of a dateline that opens with its place (passed in: that parser lives in ``dateline``)."""
    agency = _leading_agency(text, pos)
    if agency is None:
        return None
    after = agency[1] + (1 if text.startswith((")", "]"), agency[1]) else 0)
    name = text[agency[0]:agency[1]]
    if text.startswith("(", pos):
        # "(RFE/RL) April 17, 2007 -- ...": the date right after the bracketed agency
        d = date_at(text, after + 1, published) if text.startswith(" ", after) else None
        sep = _SEP.match(text, d[1]) if d is not None else None
        if d is not None and sep is not None and _LEAD_START.match(text, sep.end()):
            return _make(text, pos, sep.end(), None, d[0], name)
    slash = _SLASH_LEAD.match(text, after)
    if slash is not None and not text.startswith("(", pos) and reads_like_a_lead(text, slash.end()):
        return _make(text, pos, slash.end(), None, None, name)  # "Shafaq News/ The ministry said ..."
    joiner = _JOINER.match(text, after)
    if (joiner is None or joiner.end() == after) and text.startswith("[", pos) and text.startswith(" ", after):
        joiner = _SPACE.match(text, after)  # "[Radio Dabanga] Khartoum -Omar ...": a bracket is joiner enough
    if joiner is None or joiner.end() == after:
        return None
    q = joiner.end()
    inner = place_first(text, q, published, known_place)
    if inner is None and text.startswith("[", pos):  # "[Radio Dabanga] Khartoum -Omar ...": the hyphen glued
        inner = place_first(text, q, published, known_place, agency=agency)
    if inner is not None and inner.places:
        return _make(text, pos, inner.end, inner, inner.date, name)
    # "Shafaq News- Erbil" on a line of its own above the lead: a town the gazetteer knows
    place = place_span(text, q)
    eol = END_OF_LINE.match(text, place[1]) if place is not None else None
    if place is None or eol is None:
        return None
    town = text[place[0]:place[1]]
    if not known_place(town) or region_only(town) or listed_non_place(town) or town.lower() in AGENCIES:
        return None
    if not reads_like_a_lead(text, eol.end() - 1):
        return None
    return Dateline(start=pos, end=place[1], text=text[pos:place[1]], places=[town],
                    place_spans=[{"start": place[0], "end": place[1], "text": town}], agency=name)


def _make(text: str, start: int, end: int, inner: Dateline | None, when: str | None, agency: str) -> Dateline:
    fields = {} if inner is None else {
        "places": inner.places, "place_spans": inner.place_spans,
        "qualifiers": inner.qualifiers, "qualifier_spans": inner.qualifier_spans}
    return Dateline(start=start, end=end, text=text[start:end], date=when, agency=agency, **fields)
