"""Toponym resolution: pick each mention's referent from its gazetteer candidates.

A candidate's score is a prior (population, feature type, how the name matched) plus
document context, computed in two passes:

1. every mention takes its best candidate by prior alone;
2. those picks (the dateline's places among them) give the story's countries, first-level
   regions and points; every mention is then rescored twice with them: a candidate in a
   country or region the story is about, near the story's other places, or named by a
   qualifier right after a comma ("Paris, Texas") wins over a more populous namesake far
   away.  Mentions of the same name, and mentions resolved to the candidate itself, do not
   count as support.

The result says how precise it is: `feature` is the kind of thing resolved (a city, a
region, a country), and a place without coordinates is never given a country centroid.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..gazetteer import Entry
from .recognize import Mention

EARTH_KM = 6371.0
MAX_CANDIDATES = 30

# Feature priors: a bare "Georgia" is more often the country than a town in Iowa.
_FEATURE_BONUS = {"PCLI": 4.0, "CONT": 5.0, "ADM1": 2.5, "ADM2": 0.6, "PPLC": 4.0, "PPLA": 0.8, "RGN": 2.0,
                  "OCN": 4.0, "SEA": 3.0,
                  "BLDG": 2.0}
# Curated regions and waters have no population; give them that of a large region.
_UNPOPULATED_LOG = {"region": 6.0, "water": 6.0, "landmark": 5.0}
_KIND_BONUS = {"primary": 0.6, "alternate": 0.0, "abbreviation": 0.3, "demonym": -3.0}


@dataclass
class Resolution:
    entry: Entry | None
    confidence: float
    # "exact": the name's own entry; "enclosing": the unit the text puts it in ("Marere village
    # in Mocimboa da Praia district"); "near": the place the text says it is near; "country":
    # only the story's country is known.  None when unresolved.
    precision: str | None = None
    drop: bool = False  # a gazetteer-only match the story does not support: no place at all


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def prior(entry: Entry) -> float:
    score = math.log10(entry.population + 1) if entry.population else _UNPOPULATED_LOG.get(entry.feature, 0.0)
    if entry.feature_code == "ADM2" and entry.name_kind == "alternate":
        score -= 1.5  # "Will" for Will County: a county is rarely named without "County"
    score += _FEATURE_BONUS.get(entry.feature_code or "", 0.0)
    if entry.feature == "country":
        score += 2.0
    score += _KIND_BONUS.get(entry.name_kind or "", 0.0)
    if entry.lat is None or entry.lon is None:
        score -= 4.0  # an entry we cannot place is a poor answer
    return score


Point = tuple[float, float, int | None]  # lat, lon, geonameid of a city pick


@dataclass
class _Tally:
    countries: Counter[str]
    admin1: Counter[tuple[str | None, str]]
    points: Counter[Point]  # how many picks are each city
    picked: Counter[int | None]  # how many picks are each entry


def _tally(picks: Sequence[Entry | None], demonyms: Counter[str] | None = None) -> _Tally:
    countries: Counter[str] = Counter(demonyms or {})
    admin1: Counter[tuple[str | None, str]] = Counter()
    points: Counter[Point] = Counter()
    picked: Counter[int | None] = Counter()
    for e in picks:
        if e is None:
            continue
        picked[e.geonameid] += 1
        if e.country:
            countries[e.country] += 1
        if e.admin1 and e.feature == "region":  # a region the story names, not one inferred from a city
            admin1[(e.country, e.admin1)] += 1
        if e.lat is not None and e.lon is not None and e.feature == "city":
            points[(e.lat, e.lon, e.geonameid)] += 1
    return _Tally(countries, admin1, points, picked)


class _Less:
    """The counts of `full` less those of `part`: a view, so that a context per name costs only
    that name's own picks (a copy of the story's counts per name would be quadratic)."""

    __slots__ = ("full", "part")

    def __init__(self, full: Counter[Any], part: Counter[Any]) -> None:
        self.full, self.part = full, part

    def __getitem__(self, key: object) -> int:
        return self.full[key] - self.part[key]


class _Points:
    """The story's city picks sorted by latitude: the nearest one to a place is found by walking out
    from its latitude, stopping once the latitude difference alone is farther than the best found."""

    def __init__(self, points: Iterable[Point]) -> None:
        self.points = sorted(points, key=lambda p: p[0])
        self.lats = [p[0] for p in self.points]

    def nearest(self, lat: float, lon: float, gid: int | None, skip: set[Point]) -> float | None:
        """Distance in km to the nearest point not in `skip` and not entry `gid` itself, or None."""
        points, lats = self.points, self.lats
        hi = bisect_left(lats, lat)
        lo = hi - 1
        best: float | None = None
        while lo >= 0 or hi < len(points):
            below = lat - lats[lo] if lo >= 0 else math.inf
            above = lats[hi] - lat if hi < len(points) else math.inf
            if below <= above:
                p, apart = points[lo], below
                lo -= 1
            else:
                p, apart = points[hi], above
                hi += 1
            if best is not None and EARTH_KM * math.radians(apart) > best + 1e-6:
                break  # every point left is at least this far away
            if p in skip or (p[2] is not None and p[2] == gid):
                continue
            d = haversine_km(lat, lon, p[0], p[1])
            if best is None or d < best:
                best = d
        return best


class Context:
    """The rest of the story, as one name's readings are scored: every pick but those of mentions
    of the name itself."""

    def __init__(self, full: _Tally, own: _Tally, points: _Points) -> None:
        self.total = sum(full.countries.values()) - sum(own.countries.values())
        self.countries = _Less(full.countries, own.countries)
        self.admin1 = _Less(full.admin1, own.admin1)
        self.picked = _Less(full.picked, own.picked)
        self._points = points
        self._gone = {p for p, k in own.points.items() if full.points[p] == k}  # only this name's picks

    def nearest_km(self, entry: Entry) -> float | None:
        assert entry.lat is not None and entry.lon is not None
        return self._points.nearest(entry.lat, entry.lon, entry.geonameid, self._gone)


def _score(entry: Entry, ctx: Context, qualifier: Entry | None, parent: Entry | None = None,
           near: tuple[Entry, float] | None = None, hint: str | None = None) -> float:
    score = prior(entry) + _hint_bonus(entry, hint)
    total = ctx.total
    # Other mentions resolved to this very entry do not support it: "MEXICO CITY" in the
    # dateline must not pull "Mexico" to the city.
    same = ctx.picked[entry.geonameid] if entry.geonameid is not None else 0
    if entry.country is None and total:
        # Oceans, continents, supranational regions belong to no country and cannot win its
        # vote; credit them what a place in the story's main country would get, so that "the
        # Atlantic" in an American story stays the ocean and not Atlantic, Iowa.
        score += 4.0
    if entry.country and total:
        votes = ctx.countries[entry.country] - same
        score += 6.0 * votes / total + (1.0 if votes > 0 else 0.0)
    if entry.admin1 and entry.feature != "country" and ctx.admin1[(entry.country, entry.admin1)] - same > 0:
        score += 2.5
    if entry.lat is not None and entry.lon is not None and entry.feature == "city":
        nearest = ctx.nearest_km(entry)
        if nearest is not None:
            score += 2.0 * math.exp(-nearest / 300.0)
    if qualifier is not None and entry.country == qualifier.country and (
            qualifier.feature == "country" or (qualifier.admin1 and entry.admin1 == qualifier.admin1)):
        score += 4.0
    if parent is not None:
        score += 4.0 if inside(entry, parent) else -4.0
    if near is not None and near[0].lat is not None and entry.lat is not None and entry.lon is not None:
        d = haversine_km(entry.lat, entry.lon, near[0].lat, near[0].lon)  # type: ignore[arg-type]
        score += 3.0 if d <= near[1] + 50 else -3.0 if d > 300 else 0.0
    return score


def _hint_bonus(entry: Entry, hint: str | None) -> float:
    """A village is no first-level region; "Niger" at a border is the country."""
    if hint is None:
        return 0.0
    code = entry.feature_code
    if hint == "country":
        return 4.0 if entry.feature == "country" else -2.0
    if hint == "settlement":
        if entry.feature == "country" or code in ("ADM1", "CONT"):
            return -6.0
        return -1.0 if code == "ADM2" else 1.0 if entry.feature == "city" else 0.0
    # an admin unit: "Kirkuk province", "Niger State", "Damboa district"
    if entry.feature == "country":
        return -4.0
    return 1.5 if entry.feature == "region" and entry.lat is not None else 0.0


def inside(entry: Entry, container: Entry) -> bool:
    """Whether ``entry`` can lie in ``container``: the same country, the same first-level
    region for a region, near a town or second-level unit; never the container itself or a
    unit at least as large."""
    if entry.geonameid is not None and entry.geonameid == container.geonameid:
        return False
    if container.feature == "country":
        return entry.country == container.country and entry.feature != "country"
    if container.country is None:  # a sea, a supranational region
        return True
    if entry.country != container.country or entry.feature == "country":
        return False
    if container.feature_code == "ADM1":
        return entry.feature_code != "ADM1" and (entry.admin1 is None or entry.admin1 == container.admin1)
    if entry.feature_code in ("ADM1", "ADM2") and container.feature == "city":
        return False
    if entry.admin1 and container.admin1 and entry.admin1 != container.admin1:
        return False
    if None in (entry.lat, entry.lon, container.lat, container.lon):
        return True
    return haversine_km(entry.lat, entry.lon, container.lat, container.lon) <= 150  # type: ignore[arg-type]


def _eponymous_cities(cands: list[Entry]) -> list[Entry]:
    """Prefer a big city over the province named after it: "New York", "Sao Paulo", "Tokyo".

    News names the city far more often than its eponymous region; a region still wins when
    its city is small ("Georgia", "Texas")."""
    regions = {(c.country, c.name) for c in cands if c.feature_code == "ADM1"}
    if not regions:
        return cands
    boosted = []
    for c in cands:
        if c.feature == "city" and (c.population or 0) >= 500_000 and (c.country, c.admin1) in regions:
            boosted.append(c)
    return boosted


# A reading in a country that nothing else in the story supports is refused below this prior
# (a capital, a city of millions or a country is named anywhere; Palma de Mallorca in a
# Mozambique story is not the Palma meant).
PROMINENT = 7.5
# ... and, for a place NER found with nothing in the wording to say what it is, below this one
# (a town of under ~25,000: "Buba" in Guinea-Bissau for a Nigerian general).
LOW = 5.0
DEMONYM_WEIGHT = 0.5
# The story's country must be this clear before a place it does not support is refused, or
# an unknown one given it.
STORY_MIN_VOTES = 3
STORY_MIN_SHARE = 0.5


def story_country(votes: Counter[str]) -> str | None:
    """The country the story is about, when its votes make that clear."""
    total = sum(votes.values())
    if total < STORY_MIN_VOTES:
        return None
    (top, n), *rest = votes.most_common(2)
    if n / total < STORY_MIN_SHARE or (rest and rest[0][1] == n):
        return None
    return top


def _filter_by_hint(cands: list[Entry], hint: str | None) -> list[Entry]:
    if hint == "country":
        countries = [c for c in cands if c.feature == "country"]
        return countries or cands
    if hint == "settlement":
        return [c for c in cands if c.feature != "country" and c.feature_code not in ("ADM1", "CONT")]
    if hint == "admin":
        return [c for c in cands if c.feature != "country"]
    return cands


def resolve(mentions: Sequence[Mention], qualifiers: Sequence[int | None],
            parents: Sequence[int | None] | None = None, nears: Sequence[tuple[int, float] | None] | None = None,
            demonyms: Counter[str] | None = None,
            country_entry: Callable[[str], Entry | None] | None = None,
            region_entry: Callable[[str, str], Entry | None] | None = None,
            variants: Callable[[str, str], list[Entry]] | None = None,
            guessed: Sequence[bool] | None = None, listed: Sequence[bool] | None = None,
            facility_in: Sequence[int | None] | None = None) -> list[Resolution]:
    """The referent of each mention; ``qualifiers[i]`` is the index of the mention that qualifies
    mention i ("Paris, Texas"), or None; ``parents[i]`` the mention the text puts it in ("Marere
    village in Mocimboa da Praia district"), ``nears[i]`` (mention, km) one it is said to be near;
    ``demonyms`` counts the story's demonyms by country ("Ethiopian": ETH); ``country_entry``
    and ``region_entry`` give the entry of a country (ISO3) and of a first-level region
    (ISO3, name), for places known only to lie in them; ``variants`` (name, ISO3) other
    spellings of a name the gazetteer lacks, in one country; ``guessed[i]`` says that
    ``parents[i]`` is only a guess from word order; ``listed[i]`` that mentions i and i + 1 are
    items of one list; ``facility_in[i]`` the mention of the town a square, street or building
    whose name holds mention i lies in ("Plaza Bolivar in Bogota")."""
    n = len(mentions)
    parents = parents or [None] * n
    nears = nears or [None] * n
    demonyms = demonyms or Counter()
    # The 30 likeliest readings by prior are plenty ("Washington" has 68): context cannot lift
    # a hamlet over thirty bigger namesakes, and scoring each costs distance computations.
    usable = [sorted(_filter_by_hint([c for c in m.candidates if c.name_kind != "demonym"], m.hint),
                     key=prior, reverse=True)[:MAX_CANDIDATES] for m in mentions]
    # Where a big city and its eponymous region are both candidates, only the city stays, unless
    # a type word says it is the region ("Raqqa province").
    usable = [cands if m.hint == "admin" else [c for c in cands if c.feature_code != "ADM1" or not any(
        b.country == c.country and b.admin1 == c.name for b in _eponymous_cities(cands))]
        for cands, m in zip(usable, mentions, strict=True)]
    picks: list[Entry | None] = [max(cands, key=lambda c, h=m.hint: prior(c) + _hint_bonus(c, h)) if cands else None
                                 for cands, m in zip(usable, mentions, strict=True)]
    texts = [m.text.casefold() for m in mentions]

    def contexts_by_name() -> dict[str, Context]:
        # Mentions of the same name do not vote for each other: three "Paris" picked as the
        # French capital by prior alone must not outvote "Illinois" for the fourth.
        full = _tally(picks, demonyms)
        points = _Points(full.points)
        own: dict[str, list[Entry | None]] = {}
        for p, t in zip(picks, texts, strict=True):
            own.setdefault(t, []).append(p)
        return {t: Context(full, _tally(ps), points) for t, ps in own.items()}

    def best(i: int, ctx: Context) -> tuple[Entry, float]:
        q = qualifiers[i]
        qual = picks[q] if q is not None else None
        p = parents[i]
        par = picks[p] if p is not None else None
        nr = nears[i]
        near = (picks[nr[0]], nr[1]) if nr is not None and picks[nr[0]] is not None else None
        scored = sorted(((_score(c, ctx, qual, par, near, mentions[i].hint), c) for c in usable[i]),  # type: ignore[arg-type]
                        key=lambda sc: -sc[0])
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
        return scored[0][1], margin

    for _ in range(2):  # the second round sees the first round's better picks
        contexts = contexts_by_name()
        picks = [best(i, contexts[texts[i]])[0] if usable[i] else None for i in range(n)]
    contexts = contexts_by_name()
    out: list[Resolution] = []
    for i in range(n):
        if not usable[i]:
            out.append(Resolution(None, 0.0))
            continue
        entry, margin = best(i, contexts[texts[i]])
        out.append(Resolution(entry, round(1 / (1 + math.exp(-margin)), 3), "exact"))
    _cohere(mentions, out, usable, qualifiers, parents, guessed or [False] * n, demonyms)
    for i, r in enumerate(out):
        if r.entry is not None and r.entry.lat is None:
            # A unit without a point ("Solomianka Rayon"): its first-level region says where it is.
            region = region_entry(r.entry.country, r.entry.admin1) if (
                region_entry is not None and r.entry.country and r.entry.admin1) else None
            out[i] = Resolution(region, r.confidence, "enclosing") if region is not None and region.lat is not None \
                else Resolution(None, 0.0)
    _fall_back(mentions, out, qualifiers, parents, nears, demonyms, country_entry, variants, listed or [False] * n)
    for i, f in enumerate(facility_in or []):
        # "Plaza Bolivar in Bogota" is in Bogota, not in the Bolívar department
        if f is not None and out[f].entry is not None and out[f].precision in ("exact", "enclosing"):
            e = out[f].entry
            out[i] = Resolution(e, out[f].confidence, "city" if e.feature == "city" else "enclosing")  # type: ignore[union-attr]
    return out


def _cohere(mentions: Sequence[Mention], out: list[Resolution], usable: list[list[Entry]],
            qualifiers: Sequence[int | None], parents: Sequence[int | None], guessed: Sequence[bool],
            demonyms: Counter[str]) -> None:
    """Refuse readings that the story contradicts: a town or district outside the unit the
    text puts it in, and a minor reading in a country that nothing else in the story supports
    when the story's country is clear ("Amuru" in Uganda in a story about Ethiopia).  A
    refused mention takes its best reading that the story does support, if it has one
    ("London" in a story about Richmond and Twickenham), else none.

    The story's countries are read from its reliable mentions only (NER, type words, the
    dateline, prominent names) and, at half weight, its demonyms ("Italian sausage" is no
    story about Italy): a stray gazetteer match ("SWAT": Swat, Pakistan) is no evidence."""
    picks = [r.entry for r in out]
    votes, by_text = _story_votes(mentions, picks, demonyms)
    if not votes:
        return
    dominant = votes.most_common(1)[0][0]
    for i, r in enumerate(out):
        e, m = r.entry, mentions[i]
        if e is None or e.country is None or e.feature in ("country", "water", "landmark"):
            continue
        minor = prior(e) + _hint_bonus(e, m.hint) < PROMINENT
        p = parents[i]
        if p is not None and picks[p] is not None:
            container = picks[p]
            # "the Hollywood neighborhood of Los Angeles" read backwards: Los Angeles is no part of Hollywood
            bigger = guessed[i] and e.country == container.country and (  # type: ignore[union-attr]
                e.population or 0) > (container.population or 0) > 0  # type: ignore[union-attr]
            if minor and e.feature_code != "ADM1" and not bigger and not inside(e, container):  # type: ignore[arg-type]
                alt = [c for c in usable[i] if inside(c, container)]  # type: ignore[arg-type]
                out[i] = _best_of(alt, m) or Resolution(None, 0.0)
            continue  # the text says where it is
        q = qualifiers[i]
        if q is not None and picks[q] is not None and picks[q].country == e.country:  # type: ignore[union-attr]
            continue
        others = votes - by_text.get(m.text.casefold(), Counter())
        if e.country == dominant or others[e.country] > 0 or sum(others.values()) < STORY_MIN_VOTES \
                or others[dominant] < 2:
            continue
        stray = m.source == "gazetteer" and not m.hint
        if (stray and minor) or ((m.hint or m.partial or m.source == "cue") and minor) or prior(e) < LOW:
            alt = [c for c in usable[i] if c.country and others[c.country] > 0]
            # a stray gazetteer match the story does not support is most likely no place at all
            out[i] = _best_of(alt, m) or Resolution(None, 0.0, drop=stray)


def _story_votes(mentions: Sequence[Mention], picks: Sequence[Entry | None], demonyms: Counter[str]
                 ) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """Votes for the story's countries (and those of each name, to leave a name's own out)."""
    votes: Counter[str] = Counter({c: DEMONYM_WEIGHT * k for c, k in demonyms.items()})
    by_text: dict[str, Counter[str]] = {}
    for m, e in zip(mentions, picks, strict=True):
        # NER's, a name after "in", or a prominent name's (the small model calls "Mali" a person,
        # "Bamako" an organisation)
        if e is not None and e.country and not m.partial and (
                m.source != "gazetteer" or m.after_locative or prior(e) >= PROMINENT):
            votes[e.country] += 1
            by_text.setdefault(m.text.casefold(), Counter())[e.country] += 1
    return votes, by_text


def _best_of(cands: list[Entry], m: Mention) -> Resolution | None:
    if not cands:
        return None
    return Resolution(max(cands, key=lambda c: prior(c) + _hint_bonus(c, m.hint)), 0.5, "exact")


def _fall_back(mentions: Sequence[Mention], out: list[Resolution], qualifiers: Sequence[int | None],
               parents: Sequence[int | None],
               nears: Sequence[tuple[int, float] | None], demonyms: Counter[str],
               country_entry: Callable[[str], Entry | None] | None,
               variants: Callable[[str, str], list[Entry]] | None, listed: Sequence[bool]) -> None:
    """A place the gazetteer lacks, or whose readings the story refused, takes the finest
    place the text supports: another spelling of its name in the story's country ("Noshki"
    for Nushki, Pakistan), the unit it is said to lie in, the place it is said to be near
    (within 50 km), else the story's country.  In a story about several countries, the
    country of the place named last before it stands in for the story's."""
    story = story_country(_story_votes(mentions, [r.entry if r.precision == "exact" else None for r in out],
                                       demonyms)[0])
    around: list[str | None] = []
    last: str | None = None
    for m, r in zip(mentions, out, strict=True):
        around.append(story or last)
        if r.entry is not None and r.precision == "exact" and r.entry.country and (
                m.source != "gazetteer" or m.after_locative or m.hint or prior(r.entry) >= PROMINENT):
            last = r.entry.country  # "the villages of Baghanis, Zorbanik": Baghanis's country
        elif r.entry is not None and r.entry.feature == "water" and r.entry.country is None:
            last = None  # "the South China Sea ... Ayungin Shoal": no country named last
    for i, r in enumerate(out):
        m, iso3 = mentions[i], around[i]
        abroad = r.entry is not None and m.partial and r.entry.country != iso3  # "Bulo Burte": Bulo, Philippines
        if (r.entry is not None and not abroad) or r.drop or variants is None or iso3 is None or \
                m.source not in ("ner", "cue"):
            continue
        cands = _filter_by_hint(variants(m.text, iso3), m.hint)
        if m.hint == "admin":  # "Mutraw district" is no town called Mittira
            cands = [c for c in cands if c.feature == "region"]
        p = parents[i]
        if p is not None and out[p].entry is not None:
            cands = [c for c in cands if inside(c, out[p].entry)]  # type: ignore[arg-type]
        if cands:
            out[i] = Resolution(max(cands, key=lambda c, h=m.hint: prior(c) + _hint_bonus(c, h)), 0.5, "exact")
        elif abroad:
            continue  # keep the shorter name's reading: no other spelling in the story's country
    for i, r in enumerate(out):
        if r.entry is None and not r.drop:
            _enclose(i, out, parents, nears)
    # One sense per story: "Ain Issa" in a quote is the Ain Issa the next sentence puts in Raqqa province.
    found: dict[str, Resolution] = {}
    for m, r in zip(mentions, out, strict=True):
        if r.entry is not None and r.precision in ("exact", "enclosing", "near"):
            found.setdefault(m.text.casefold(), r)
    for i, r in enumerate(out):
        if r.entry is None and not r.drop and mentions[i].text.casefold() in found:
            out[i] = found[mentions[i].text.casefold()]
    qualifying = {q for q in qualifiers if q is not None}  # "Croft, Yorkshire"
    for i, r in enumerate(out):
        m, iso3 = mentions[i], around[i]
        if r.entry is not None or r.drop or country_entry is None or m.source == "site":
            continue
        if iso3 is None and not any(0 <= k < len(out) and listed[min(i, k)] for k in (i - 1, i + 1)):
            continue
        # only where the wording says it is a place: a type word, "in X", a container, a neighbour,
        # the dateline, a name of several words; not NER's one word ("the Hadi government")
        if not (m.hint or m.after_locative or parents[i] is not None or nears[i] is not None or i in qualifying
                or m.source in ("cue", "dateline") or (m.source == "ner" and m.end - m.start > 1)):
            continue
        # an item of a list takes its neighbours' country: "the villages of Baghanis, Zorbanik"
        sibling = [out[k].entry.country for k in (i - 1, i + 1)  # type: ignore[union-attr]
                   if 0 <= k < len(out) and listed[min(i, k)] and out[k].precision == "exact"
                   and out[k].entry is not None and out[k].entry.country  # type: ignore[union-attr]
                   and out[k].entry.feature != "country"]  # type: ignore[union-attr]
        target = sibling[0] if sibling else iso3
        c = country_entry(target) if target is not None else None
        if c is not None:
            out[i] = Resolution(c, 0.5, "country")


def _enclose(i: int, out: list[Resolution], parents: Sequence[int | None],
             nears: Sequence[tuple[int, float] | None]) -> None:
    """Mention i takes the unit the text puts it in, else the place it is said to lie near."""
    p, seen = parents[i], {i}
    while p is not None and p not in seen and out[p].entry is None:
        seen.add(p)
        p = parents[p]
    if p is not None and p not in seen and out[p].entry is not None and out[p].precision in ("exact", "enclosing"):
        out[i] = Resolution(out[p].entry, out[p].confidence, "enclosing")
        return
    nr = nears[i]
    if nr is not None and nr[1] <= 50 and out[nr[0]].entry is not None and out[nr[0]].precision == "exact" \
            and out[nr[0]].entry.feature != "country":  # type: ignore[union-attr]
        out[i] = Resolution(out[nr[0]].entry, out[nr[0]].confidence, "near")
