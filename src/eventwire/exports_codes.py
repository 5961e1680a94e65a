"""The code tables and date rules the export formats share: PLOVER quad classes and sectors, ACLED inter codes
and precisions, GeoNames feature classes, country names, and TIMEX3 values as one day (exports.py)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

QUAD = {  # PLOVER quad categories: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("REQUEST", "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4),
}

# eventwire actor type -> CAMEO/PLOVER sector code; types with no clear sector are left out.
SECTOR = {"military": "MIL", "police": "COP", "intelligence": "SPY", "government": "GOV", "ministry": "GOV",
          "party": "PTY", "igo": "IGO", "ngo": "NGO", "media": "MED", "population": "CVL"}

# eventwire actor type -> ACLED inter code (1 state forces, 7 civilians, 8 external/other forces).
# armed_group stays empty: rebel (2), political (3) and identity (4) militias cannot be told apart here.
ACLED_INTER = {"state": 1, "military": 1, "police": 1, "intelligence": 1, "government": 1, "ministry": 1,
               "population": 7, "igo": 8}

# place feature -> ACLED geo_precision (1 the town itself, 2 near/part of it, 3 a larger region)
GEO_PRECISION = {"city": 1, "landmark": 1, "other": 2, "water": 2, "region": 3, "country": 3}

# place feature -> GeoNames feature class (P populated place, A admin area, H water, S spot, L area)
FEATURE_CLASS = {"city": "P", "region": "A", "country": "A", "water": "H", "landmark": "S", "other": "L"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


_SHORT_NAMES = {"PSE": "Palestine", "RUS": "Russia", "COD": "Democratic Republic of Congo",
                "COG": "Republic of Congo"}


@lru_cache(maxsize=512)
def country_names(alpha3: str) -> tuple[str | None, str | None, int | None]:
    """(name, alpha-2, numeric) of an ISO 3166 alpha-3 code; pycountry is a dependency already."""
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    if c is None:
        return None, None, None
    # the short name, as ACLED writes it: "Iran", not "Iran, Islamic Republic of"
    name = _SHORT_NAMES.get(alpha3) or getattr(c, "common_name", None) or c.name.split(", ")[0]
    return name, c.alpha_2, int(c.numeric)


def day_date(value: str | None) -> tuple[str | None, int | None]:
    """A TIMEX3 value as one ISO day and ACLED's time_precision (1 day, 2 week, 3 month).

    A week is coded as its Wednesday (a weekend as its Saturday), a month as its 15th: the middle of
    the period, as ACLED does.  Anything vaguer (a year, 'XXXX-11-24', 'PAST_REF') gives (None, None).
    """
    if not value:
        return None, None
    try:
        if m := _DAY.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), 1
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 3).isoformat(), 2
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 15).isoformat(), 3
    except ValueError:  # 2023-02-30, week 54: not a date
        return None, None
    return None, None
