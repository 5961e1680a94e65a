"""Names in datelines, for :mod:`eventwire.dateline`: a capitalised place name and its span, a known
agency or an outlet's name, and what the gazetteer says of a name (a sizeable place; a region or
country only).
"""

from __future__ import annotations

import re

from .dateline_agencies import AGENCIES, NOT_PLACES
from .dateline_dates import LEAD_DATES, date_at

__all__ = ["ACRONYM", "WEB_NAME", "agency_dash_date", "all_caps", "bracket_outlet", "gazetteer_knows", "is_agency",
           "listed_non_place", "names_agency", "outlet", "place_span", "region_only", "strip_span"]

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


ACRONYM = re.compile(r"[A-Z]{2,6}(?:-[A-Z]{2,10})*")  # "KUNA", "NNN-AGENCIES"
# An outlet's web name: "PanARMENIAN.Net", "News.az", "UzDaily.com".
WEB_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]{2,}(?:\.[A-Za-z0-9-]+)*\.(?i:com|net|org|info|news|tv|[a-z]{2})(?![\w.])")
# An outlet's masthead in one capitalised word ending in what it is ("AMMONNEWS -", "KHAAMAPRESS:"): no town.
MASTHEAD = re.compile(r"[A-Z]{3,}(?:NEWS|PRESS|TIMES|POST|MEDIA|TODAY|DAILY|ONLINE|TV)")


def gazetteer_knows(name: str) -> bool:
    """A city of 10,000 or more, a first-level region or a country of that name; an Arabic name with
    its article glued on ("ALMUKALLA", "Elfasher") counts as the name without it."""
    try:
        from .gazetteer import open_for_process

        gazetteer = open_for_process()
        names = [name]
        if _GLUED_ARTICLE.match(name):
            names.append(name[2:])
        entries = [e for n in names for e in gazetteer.lookup(n)]
    except Exception:  # no index (a bare install): only the stricter shapes count
        return False
    return any(e.name_kind in ("primary", "alternate") and (
        e.feature == "country" or e.feature_code == "ADM1" or (e.feature == "city" and (e.population or 0) >= 10_000))
        for e in entries)


_GLUED_ARTICLE = re.compile(r"(?i:al|el)[^\W\d_]{4,}$")


_CITY_OF_A_REGION = 100_000


def region_only(name: str) -> bool:
    """A country or first-level region with no city of 100,000 of that name, nor a town of 10,000 of
    that name in the same country ("Kenya", "Georgia"; not "Putrajaya", a territory named after its
    town)."""
    try:
        from .gazetteer import open_for_process

        entries = [e for e in open_for_process().lookup(name) if e.name_kind in ("primary", "alternate")]
    except Exception:
        return False
    regions = {e.country for e in entries if e.feature == "country" or e.feature_code == "ADM1"}
    return bool(regions) and not any(
        e.feature == "city" and ((e.population or 0) >= _CITY_OF_A_REGION
                                 or (e.country in regions and (e.population or 0) >= 10_000))
        for e in entries)


def all_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def listed_non_place(name: str) -> bool:
    return any(w.lower() in NOT_PLACES for w in name.split())


def place_span(text: str, pos: int, *, qualifier: bool = False) -> tuple[int, int] | None:
    """The span of a capitalised place name at ``pos`` (up to six tokens), or None.  A ``qualifier``
    may be joined by "and" ("Trinidad and Tobago", "(Jammu and Kashmir)")."""
    tokens: list[tuple[int, int, bool]] = []  # start, end, is a particle
    p = pos
    caps = False  # the name opens with an ALL-CAPS word of three letters or more
    while len(tokens) < 6:
        m = _TOKEN.match(text, p)
        if m is None:
            break
        word, end = m.group(), m.end()
        head = word.split("-", 1)[0]
        if "-" in word and len(head) >= 3 and head.isupper() and not word.isupper():
            word, end = head, m.start() + len(head)  # "ANKARA-Anadolu Agency": the capitals are the place
        elif not tokens and word.count("-") == 1 and head[:1].isupper() and head[1:].islower() and \
                len(word) - len(head) > 3 and word[len(head) + 1:].isupper() and gazetteer_knows(head):
            word, end = head, m.start() + len(head)  # "Baghdad-ALSHARQIYA": an outlet in capitals glued on
        elif not tokens and word.count("-") == 1 and head[:1].isupper() and word[len(head) + 1:][:1].isupper() \
                and region_only(word[len(head) + 1:]) and gazetteer_knows(head):
            word, end = head, m.start() + len(head)  # "Kabul-Afghanistan (PMG):": the country qualifies the town
        particle = False
        if tokens and caps and not word.isupper() and word.lower() not in _PARTICLES:
            break  # "SANAA Aug 24": an ALL-CAPS name ends where the capitals end
        if tokens and any(pattern.match(text, m.start()) for pattern in LEAD_DATES[:1]):
            break  # "Kabul Jan 5 (AFP)": the date is no part of the name
        if word[0].isupper():
            # "St. Louis", "ST. LOUIS", "ATLANTA, Ga. (AP)": keep a short abbreviation's period.
            short = (len(word) <= 5 and word[1:].islower()) or (len(word) <= 3 and word.isupper())
            if not qualifier and not tokens and len(word) >= 4 and gazetteer_knows(word):
                short = False  # "Baku. 4 April.": a town the gazetteer knows ends there, the period is no abbreviation
            if (short and text.startswith(".", end)
                    and text[end + 1:end + 2] in (" ", ",", "(", "—", "–", "-", ":")):
                end += 1
        elif tokens and (word.lower() in _PARTICLES or (qualifier and word == "and")):
            particle = True
        elif not _PREFIXED.match(word):
            break
        if not tokens:
            caps = len(word) >= 3 and word.isupper()
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


_SERVICE = re.compile(r"[A-Za-z]{2,5}")


def is_agency(name: str, *, after: bool) -> bool:
    """A known agency ("Reuters", "AP/AFP"), or an unknown acronym right before the separator."""
    parts = [part.strip() for part in name.split("/")]
    if all(part.lower() in AGENCIES for part in parts):
        return True
    if after and any(part.lower() in AGENCIES for part in parts) and all(
            part.lower() in AGENCIES or _SERVICE.fullmatch(part) for part in parts):
        return True  # a known agency and its regional service: "dpa/lnw"
    # "dpa/GNA": a known agency and an unknown acronym, right before the separator; or a service
    # named after a known agency ("Thomson Reuters Foundation", "AFP Relaxnews")
    return after and all(part.lower() in AGENCIES or ACRONYM.fullmatch(part) or names_agency(part)
                         or WEB_NAME.fullmatch(part)
                         for part in parts)


_DASH_IN_PAREN = re.compile(r"[ \t]+[–—-][ \t]+")


def agency_dash_date(text: str, m: re.Match[str], published: str | None) -> tuple[tuple[int, int], str | None] | None:
    """The agency and the date in one bracket, as some services write them: "(APP – Oct 30, 2022)",
    "(APP - UrduPoint / Pakistan Point News - 12th May, 2021 )".  The date follows the last dash and
    fills the rest of the bracket; each name before it, split at slashes and dashes, is an agency, an
    acronym or an outlet's capitalised name."""
    inner = strip_span(text, m.start(1), m.end(1))
    dashes = list(_DASH_IN_PAREN.finditer(text, inner[0], inner[1]))
    if not dashes:
        return None
    dash = dashes[-1]
    d = date_at(text, dash.end(), published)
    if d is None or d[1] != inner[1]:
        return None
    name = text[inner[0]:dash.start()]
    if not all(part.strip().lower() in AGENCIES or outlet(part.strip()) or ACRONYM.fullmatch(part.strip())
               for part in re.split(r"/|[ \t]+[–—-][ \t]+", name)):
        return None
    return (inner[0], dash.start()), d[0]


def outlet(name: str) -> bool:
    """An outlet's name: one to four capitalised words ("UN News", "Al Jazeera")."""
    words = name.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


# Words of a desk or byline label, which stand in the agency's bracket but name no outlet: "(Staff Reporter)".
_DESK_WORDS = frozenset({
    "staff", "desk", "correspondent", "correspondents", "reporter", "reporters", "report", "bureau", "monitoring",
    "writer", "writers", "editor", "editors", "contributor", "photo", "photos", "video", "file", "update", "updated",
})
_OUTLET_WORD = re.compile(r"[A-Z0-9][\w'’&.-]*")
_DOTTED_NAME = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")  # "cabinet.gov.krd", "GOV.KRD"


def bracket_outlet(name: str) -> bool:
    """An outlet's own name in the agency's bracket ("KHARTOUM (Sudan Tribune) -", "ISLAMABAD (92 News) -",
    "Erbil (cabinet.gov.krd) -"): one to four capitalised words (or numbers), or a dotted web name, that is
    no desk label and no place the gazetteer knows by any name ("(North Darfur)", "(Palestinian
    Territories)" qualify the city); two such names joined by a slash ("UrduPoint / Pakistan Point News")."""
    if "/" in name:
        parts = [part.strip() for part in name.split("/")]
        return len(parts) == 2 and all(parts) and all(bracket_outlet(part) for part in parts)
    words = name.split()
    if _DOTTED_NAME.fullmatch(name):
        if sum(c.isalpha() for c in name) < 4:
            return False  # "U.K", "D.C"
    elif not (0 < len(words) <= 4 and all(_OUTLET_WORD.fullmatch(w) for w in words)
              and any(c.isalpha() for c in name)):
        return False
    if any(w.lower() in _DESK_WORDS for w in words):
        return False
    try:
        from .gazetteer import open_for_process

        entries = open_for_process().lookup(name)
    except Exception:  # no index: only the known agencies count
        return False
    return not any(e.name_kind in ("primary", "alternate") for e in entries)


def names_agency(name: str) -> bool:
    words = name.split()
    if not 1 < len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    return any(" ".join(words[i:j]).lower() in AGENCIES
               for i in range(len(words)) for j in range(i + 1, min(i + 3, len(words)) + 1))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
