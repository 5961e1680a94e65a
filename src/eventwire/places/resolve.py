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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass
class Context:
    countries: Counter[str]
    admin1: Counter[tuple[str | None, str]]
    points: list[tuple[float, float, int | None]]  # lat, lon, geonameid of the pick
    picked: Counter[int | None]  # how many picks are each entry


def _context(picks: Sequence[Entry | None]) -> Context:
    countries: Counter[str] = Counter()
    admin1: Counter[tuple[str | None, str]] = Counter()
    points = []
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
            points.append((e.lat, e.lon, e.geonameid))
    return Context(countries, admin1, points, picked)


def _score(entry: Entry, ctx: Context, qualifier: Entry | None) -> float:
    score = prior(entry)
    total = sum(ctx.countries.values())
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
        nearest = min((haversine_km(entry.lat, entry.lon, la, lo) for la, lo, gid in ctx.points
                       if gid is None or gid != entry.geonameid), default=None)
        if nearest is not None:
            score += 2.0 * math.exp(-nearest / 300.0)
    if qualifier is not None and entry.country == qualifier.country and (
            qualifier.feature == "country" or (qualifier.admin1 and entry.admin1 == qualifier.admin1)):
        score += 4.0
    return score


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


def resolve(mentions: Sequence[Mention], qualifiers: Sequence[int | None]) -> list[Resolution]:
    """The referent of each mention; ``qualifiers[i]`` is the index of the mention that qualifies
    mention i ("Paris, Texas"), or None."""
    # The 30 likeliest readings by prior are plenty ("Washington" has 68): context cannot lift
    # a hamlet over thirty bigger namesakes, and scoring each costs distance computations.
    usable = [sorted((c for c in m.candidates if c.name_kind != "demonym"), key=prior, reverse=True)[:MAX_CANDIDATES]
              for m in mentions]
    # Where a big city and its eponymous region are both candidates, only the city stays.
    usable = [[c for c in cands if c.feature_code != "ADM1" or not any(
        b.country == c.country and b.admin1 == c.name for b in _eponymous_cities(cands))] for cands in usable]
    picks: list[Entry | None] = [max(cands, key=prior) if cands else None for cands in usable]
    texts = [m.text.casefold() for m in mentions]

    def context_for(text: str) -> Context:
        # Mentions of the same name do not vote for each other: three "Paris" picked as the
        # French capital by prior alone must not outvote "Illinois" for the fourth.
        return _context([p for p, t in zip(picks, texts, strict=True) if t != text])

    def best(i: int, ctx: Context) -> tuple[Entry, float]:
        q = qualifiers[i]
        qual = picks[q] if q is not None else None
        scored = sorted(((_score(c, ctx, qual), c) for c in usable[i]), key=lambda sc: -sc[0])
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
        return scored[0][1], margin

    for _ in range(2):  # the second round sees the first round's better picks
        contexts = {t: context_for(t) for t in set(texts)}
        picks = [best(i, contexts[texts[i]])[0] if usable[i] else None for i in range(len(mentions))]
    contexts = {t: context_for(t) for t in set(texts)}
    out = []
    for i in range(len(mentions)):
        if not usable[i]:
            out.append(Resolution(None, 0.0))
            continue
        entry, margin = best(i, contexts[texts[i]])
        out.append(Resolution(entry, round(1 / (1 + math.exp(-margin)), 3)))
    return out
