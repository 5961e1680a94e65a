"""Canonical ids and names for actors built from descriptions ("the Israeli Army" -> israel-military).

Ids are slugs of canonical names.  A description's canonical name is built from its
qualifier (a non-country place like "Gaza", else the state's short name), its remit and its
head kind: "Gaza Health Ministry", "Israel Military", "Qatar Diplomats".  The knowledge file
uses the same convention ({state}-military, {state}-government), so a knowledge alias ("IDF")
and a description ("Israeli forces") meet on one id.
"""

from __future__ import annotations

from typing import Any

from .knowledge import Knowledge, slug

_KIND_NOUN = {"military": "Military", "police": "Police", "intelligence": "Intelligence", "government": "Government",
              "group": "Group",
              "party": "Party", "armed": "Militants", "media": "Media", "agency": "Agency"}


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


def qualifier(kb: Knowledge, country: str | None, place: str | None) -> str:
    """The words before the noun in a canonical name: the place, else the demonym ("Israeli")."""
    if place:
        return place
    if not country:
        return ""
    return kb.adjectives.get(country) or kb.state_name(country)


def description_name(kb: Knowledge, kind: str, country: str | None, place: str | None,
                     portfolio: str | None, label: str | None) -> str:
    """'Gaza Health Ministry', 'Israel Military', 'Qatar Diplomats', 'Residents'."""
    loc = qualifier(kb, country, place)
    if kind == "ministry":
        noun = f"{_title(portfolio)} Ministry" if portfolio else "Ministry"
    elif label:
        noun = _title(label)
    else:
        noun = _KIND_NOUN.get(kind, _title(kind))
    return f"{loc} {noun}".strip()


def description_id(kb: Knowledge, kind: str, country: str | None, place: str | None,
                   portfolio: str | None, label: str | None) -> str:
    """The id a description canonicalizes to; for countries the state's id is the prefix."""
    noun = slug(description_name(kb, kind, None, None, portfolio, label))
    if place:
        return f"{slug(place)}-{noun}"
    if country:
        return f"{kb.state_id(country)}-{noun}"
    return noun


def person_attributes(role: str | None, affiliation: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if role:
        out["role"] = role
    if affiliation:
        out["affiliation"] = affiliation
    return out
