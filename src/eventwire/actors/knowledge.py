"""What the actors stage knows before it reads a document: recurring actors, countries, demonyms.

Loaded once per process (``knowledge()``): the shipped ``data/actors.tsv``, any extra files
named by ``EVENTWIRE_ACTORS`` (os.pathsep separated; later files win), country names,
capitals and demonyms from ``countryinfo`` (already a dependency, via the gazetteer), ISO 3166
codes and names from ``pycountry``, plus the demonym and capital supplements in the knowledge file.
See docs/actors.md for the file format.
"""

from __future__ import annotations

import json
import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import SettingsError

ACTOR_TYPES = ("state", "military", "government", "ministry", "armed_group", "party", "igo", "ngo",
               "media", "person", "population", "other", "police", "intelligence")
ENV_VAR = "EVENTWIRE_ACTORS"


def slug(name: str) -> str:
    """A stable id from a canonical name: 'Gaza Health Ministry' -> 'gaza-health-ministry'."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "actor"


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-", "–": "-"})


_THE = re.compile(r"^the ")
_POSS = re.compile(r"'s?$")


def norm(text: str) -> str:
    """Lookup key: lower case, unified quotes, single spaces, no leading article or trailing 's."""
    t = " ".join(text.translate(_QUOTES).split()).lower()
    return _POSS.sub("", _THE.sub("", t))


@dataclass
class Entry:
    """One line of the knowledge file."""

    id: str
    type: str
    country: str | None
    name: str
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)


class KnowledgeError(SettingsError, ValueError):
    """A knowledge file is missing or malformed (error code ``bad_setting``: it is configuration)."""


@dataclass
class Knowledge:
    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, Entry] = field(default_factory=dict)        # norm(alias) -> entry
    exact: dict[str, Entry] = field(default_factory=dict)          # short all-caps aliases, case-sensitive
    demonyms: dict[str, str] = field(default_factory=dict)         # norm(demonym) -> ISO3
    countries: dict[str, str] = field(default_factory=dict)        # norm(country name) -> ISO3
    capitals: dict[str, str] = field(default_factory=dict)         # norm(capital) -> ISO3
    country_names: dict[str, str] = field(default_factory=dict)    # ISO3 -> display name
    adjectives: dict[str, str] = field(default_factory=dict)       # ISO3 -> demonym adjective ("Israeli")
    ethnic: dict[str, str] = field(default_factory=dict)           # norm(form) -> adjective ("kurds" -> "Kurdish")
    _patterns: list[re.Pattern[str]] | None = field(default=None, repr=False)

    def patterns(self) -> list[re.Pattern[str]]:
        """Regexes for the multi-word aliases (case-insensitive) and the short all-caps ones (exact); built once."""
        if self._patterns is None:
            multi = sorted((a for a, e in self.aliases.items() if " " in a and e.type != "state"), key=len,
                           reverse=True)
            exact = sorted((a for a, e in self.exact.items() if e.type != "state"), key=len, reverse=True)
            self._patterns = [re.compile(r"\b(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in multi)
                                         + r")\b", re.IGNORECASE)] if multi else []
            if exact:
                self._patterns.append(re.compile(r"\b(?:" + "|".join(map(re.escape, exact)) + r")\b"))
        return self._patterns

    def lookup(self, text: str) -> Entry | None:
        """The knowledge entry a name denotes, if any."""
        stripped = text.strip()
        hit = self.exact.get(stripped)
        if hit is not None:
            return hit
        key = norm(stripped)
        return self.aliases.get(key) if len(key) > 1 else None

    def country_of_name(self, text: str) -> str | None:
        return self.countries.get(norm(text))

    def demonym(self, text: str) -> str | None:
        return self.demonyms.get(norm(text))

    def ethnic_name(self, text: str) -> str | None:
        """The adjective of the ethnic or national-minority group `text` names ("Kurds" -> "Kurdish"), if any.

        Such a group is not a state: "Kurdish forces" are not any country's military.
        """
        return self.ethnic.get(norm(text))

    def state_id(self, iso3: str) -> str:
        for e in self.entries.values():
            if e.type == "state" and e.country == iso3:
                return e.id
        return slug(self.country_names.get(iso3, iso3))

    def state_name(self, iso3: str) -> str:
        for e in self.entries.values():
            if e.type == "state" and e.country == iso3:
                return e.name
        return self.country_names.get(iso3, iso3)


def _parse_attributes(raw: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in raw.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def read_entries(text: str, source: str = "<actors>") -> list[Entry]:
    """Parse knowledge-file text; raises KnowledgeError with the line number on a bad line."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.rstrip("\n").split("\t")]
        if len(cols) < 4:
            raise KnowledgeError(f"{source}:{n}: need id, type, country, name (tab-separated), got {line!r}")
        id_, type_, country, name = cols[:4]
        if type_ not in (*ACTOR_TYPES, "demonym", "capital", "ethnic"):
            raise KnowledgeError(f"{source}:{n}: unknown type {type_!r}")
        if country and not re.fullmatch(r"[A-Z]{3}", country):
            raise KnowledgeError(f"{source}:{n}: country must be ISO 3166-1 alpha-3, not {country!r}")
        aliases = [a.strip() for a in cols[4].split("|") if a.strip()] if len(cols) > 4 else []
        attrs = _parse_attributes(cols[5]) if len(cols) > 5 else {}
        if type_ in ("demonym", "capital") and not country:
            raise KnowledgeError(f"{source}:{n}: a {type_} line needs a country")
        out.append(Entry(id=id_ if type_ in ("demonym", "capital", "ethnic") else (id_ or slug(name)), type=type_,
                         country=country or None, name=name, aliases=aliases, attributes=attrs))
    return out


def _countryinfo(kb: Knowledge) -> None:
    """Country names, alternative spellings, capitals and demonyms from countryinfo's data files."""
    try:
        base = resources.files("countryinfo") / "data"
        files = [p for p in base.iterdir() if p.name.endswith(".json")]
    except (ModuleNotFoundError, FileNotFoundError):  # the stage still works from the knowledge file
        return
    best: dict[str, int] = {}  # demonym -> population of the country holding it (most populous wins)
    for p in sorted(files, key=lambda p: p.name):
        d = json.loads(p.read_text(encoding="utf-8"))
        iso3 = (d.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        pop = d.get("population") or 0
        if d.get("name") and (iso3 not in kb.country_names or pop):
            kb.country_names[iso3] = d["name"]
        for name in [d.get("name") or "", *(d.get("altSpellings") or [])]:
            # 2-letter codes ("IN", "IS") are ordinary words too often; the knowledge file adds US/UK
            if len(name) > 3 or (len(name) == 3 and name in ("UAE", "DRC")):
                kb.countries.setdefault(norm(name), iso3)
        capitals = d.get("capital") or []
        for cap in [capitals] if isinstance(capitals, str) else capitals:
            kb.capitals.setdefault(norm(cap), iso3)
            kb.capitals.setdefault(norm(cap.replace("'", "").replace("’", "")), iso3)  # Sana'a / Sanaa
        first = (d.get("demonym") or "").split(",")[0].strip()
        if first and (iso3 not in kb.adjectives or pop):
            kb.adjectives[iso3] = first
        for dem in (d.get("demonym") or "").split(","):
            dem = dem.strip()
            if dem and pop >= best.get(dem, -1):
                best[dem] = pop
                kb.demonyms[norm(dem)] = iso3
                kb.demonyms[norm(dem + "s")] = iso3


def _pycountry(kb: Knowledge) -> set[str]:
    """ISO 3166-1 alpha-3 codes (to check knowledge files) and names for countries countryinfo lacks."""
    try:
        import pycountry
    except ImportError:
        return set()
    codes = set()
    for c in pycountry.countries:
        codes.add(c.alpha_3)
        name = getattr(c, "common_name", None) or c.name
        kb.country_names.setdefault(c.alpha_3, name)
        for form in {name, c.name}:
            kb.countries.setdefault(norm(form), c.alpha_3)
    return codes


def build(paths: list[Path]) -> Knowledge:
    """A Knowledge from countryinfo and pycountry plus the given knowledge files (later files win)."""
    kb = Knowledge()
    _countryinfo(kb)
    codes = _pycountry(kb)
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"cannot read the actors knowledge file {path} (see ${ENV_VAR}): {exc}") from None
        for e in read_entries(text, str(path)):
            if codes and e.country and e.country not in codes and e.country != "XKX":  # Kosovo: user-assigned
                raise KnowledgeError(f"{path}: {e.name!r}: {e.country} is not an ISO 3166-1 alpha-3 code")
            if e.type == "capital":
                for form in (e.name, *e.aliases):
                    kb.capitals[norm(form)] = e.country or ""
                continue
            if e.type == "ethnic":
                for form in (e.name, *e.aliases):
                    kb.ethnic[norm(form)] = e.name
                    kb.demonyms.pop(norm(form), None)  # never a country's demonym as well
                continue
            if e.type == "demonym":
                if e.country:
                    kb.adjectives[e.country] = e.name
                for form in (e.name, *e.aliases):
                    kb.demonyms[norm(form)] = e.country or ""
                continue
            kb.entries[e.id] = e
            if e.type == "state" and e.country:
                kb.country_names.setdefault(e.country, e.name)
                for form in (e.name, *e.aliases):
                    kb.countries[norm(form)] = e.country
            for form in (e.name, *e.aliases):
                if form.isupper() and len(form) <= 4:
                    kb.exact[form] = e
                else:
                    kb.aliases[norm(form)] = e
    return kb


DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "actors.tsv"
_cache: dict[tuple[str, ...], Knowledge] = {}
_lock = threading.Lock()


def knowledge_paths(extra: str | None = None) -> list[Path]:
    """The shipped file, then those named by `extra` (default: $EVENTWIRE_ACTORS)."""
    raw = os.environ.get(ENV_VAR, "") if extra is None else extra
    return [DEFAULT_PATH, *(Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip())]


def knowledge(extra: str | None = None) -> Knowledge:
    """The process-wide Knowledge for these files; built on first use, then cached."""
    paths = knowledge_paths(extra)
    key = tuple(str(p) for p in paths)
    with _lock:
        kb = _cache.get(key)
        if kb is None:
            kb = _cache[key] = build(paths)
        return kb
