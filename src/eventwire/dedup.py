"""Cross-article dedup: the reports of one real-world event become one canonical event.

Counting reports instead of events is the failure automated event data is known for (GDELT logged
hundreds of "kidnappings" for the one 2014 Chibok abduction). An article's report of an event is
one of its story events (``Report.story_events``, the ``story_events`` table): the story stage has
already joined the article's mentions of one event and resolved its actors, place and date from all
of them, so each article brings at most one report per real event. Two reports are merged when:

* they have the same PLOVER type;
* their dates are at most ``days`` apart (default 1);
* their places are at most ``km`` apart (default 25), or in the same first-level admin area of the
  same country, or (when one is a region, measured from its centre) in the same country within 150 km;
  a country (or sea) is no point to measure from: it only has to be the same country, and, like a
  report with no place, the two must name the same actor1;
* their actors do not contradict: two named actors (a state, force, group, party, body or person)
  in the same role must be the same; state forces and a non-state armed group in the same role are
  two sides even unnamed ("government troops" / "rebel fighters"); kinds of actors ("rebels",
  "gunmen") and targets written as common nouns ("the market", "people", "civilians") are how each
  outlet words them and never contradict; nor may their modes;
* both happened (asserted or reported), both have a day (a story event the text gives no day has
  none), and neither is a generic mention ("the war"); running totals since a date are not story
  events at all (the story stage leaves them out).

Two story events of one article are never merged (the story stage decided they are two events).
Each report joins the compatible canonical event it fits best (the nearest in place, then in date);
why it was merged is kept in ``event_links.reason`` (one row per story event) and shown by
``eventwire explain``.

    deduplicate(store, km=25, days=1) -> number of canonical events   (rebuilds both tables)
    update(store, doc_ids=None, km=25, days=1) -> UpdateStats        (incremental; the same tables)
    explain(store, canonical_id) -> text

The clustering machinery (sort_key, best_fit, cluster) is shared by both: the incremental update
(dedup_update.py) assumes only that `match` is a pure function of a canonical event's reports (in order)
and the report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .events.coref import GENERIC, OWN_KIND
from .store import Store

REAL = ("asserted", "reported")
COARSE = {"country", "water"}  # no point to measure from
REGION_KM = 150.0  # how far a town may lie from the centre of the region named for the same event


@dataclass
class EventReport:
    """One article's report of an event (one of its story events), as dedup sees it."""

    doc_id: str
    event_id: str  # the story event's id in its report (s1, s2, ...)
    type: str
    mode: str | None
    actor1: str | None
    actor2: str | None
    date: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    place_name: str | None
    published: str | None
    mentions: list[str] = field(default_factory=list)  # the story event's mention ids (Report.events)
    named: set[str] = field(default_factory=set)  # which of actor1 / actor2 are named actors
    feature: str | None = None  # the place's kind: a country or region is no point to measure from
    sides: dict[str, str] = field(default_factory=dict)  # role -> "state" | "nonstate", from the actor's type
    names: dict[str, str] = field(default_factory=dict)  # role -> the actor's name in its report

    @property
    def coarse(self) -> bool:
        return self.feature in COARSE

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date[:10])


@dataclass
class Canonical:
    id: str
    reports: list[tuple[EventReport, str]]  # each with the reason it was merged

    @property
    def first(self) -> EventReport:
        return self.reports[0][0]

    def value(self, name: str) -> Any:
        """The first report's value of a field that any report gives."""
        return next((getattr(r, name) for r, _ in self.reports if getattr(r, name) is not None), None)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def match(c: Canonical, r: EventReport, km: float, days: int) -> tuple[float, str] | None:
    """(distance score, reason) when report `r` may join `c`; None when something contradicts."""
    first = c.first
    if r.type != first.type:
        return None
    gap = abs((r.day - first.day).days)
    if gap > days:
        return None
    why = [f"same type {r.type}", f"dates {first.date} / {r.date} ({gap} day{'s' * (gap != 1)} apart)"]
    for role in ("actor1", "actor2"):
        # "government troops" and "rebel fighters" name no one, but they are not the same side
        their_side = next((x.sides[role] for x, _ in c.reports if role in x.sides), None)
        if their_side and role in r.sides and r.sides[role] != their_side:
            return None
        holder = next((x for x, _ in c.reports if role in x.named), None)
        theirs = getattr(holder, role) if holder is not None else None
        ours = getattr(r, role) if role in r.named else None
        # Targets are worded as each outlet sees them ("civilians", "patients", the town): two targets
        # contradict only when both are sides (forces, groups, the civilians of a place).
        checked = role == "actor1" or (role in r.sides and holder is not None and role in holder.sides)
        if checked and theirs and ours and holder is not None and not same_actor(
                theirs, holder.names.get(role), ours, r.names.get(role)):
            return None
        why.append(f"{role} {ours} = {theirs}" if theirs and ours else f"{role}: not named on both sides")
    # Outlets word the weapon differently ("drone strike", "explosion"); an act of its own kind differs.
    mode = c.value("mode")
    if mode and r.mode and mode != r.mode and (mode in OWN_KIND or r.mode in OWN_KIND):
        return None
    lat, lon = c.value("lat"), c.value("lon")
    coarse = r.coarse or any(x.coarse for x, _ in c.reports if x.lat is not None)
    region = r.feature == "region" or any(x.feature == "region" for x, _ in c.reports if x.lat is not None)
    if lat is not None and r.lat is not None and coarse:
        # "in Haiti" and "in Port-au-Prince" may be one place; only another country contradicts, and the
        # shared country alone is no evidence: the same named actor1 must vouch for it (below).
        if r.country and c.value("country") and r.country != c.value("country"):
            return None
        if not r.coarse and r.lat is not None:  # a finer place must still fit the finer places already there
            for x, _ in c.reports:
                if x.lat is None or x.coarse:
                    continue
                same_area = bool(r.admin1) and r.admin1 == x.admin1
                if not same_area and km_between(x.lat, x.lon, r.lat, r.lon) > (  # type: ignore[arg-type]
                        REGION_KM if "region" in (x.feature, r.feature) else km):
                    return None
        why.append(f"places in the same country ({c.value('place_name')} / {r.place_name}), one of them a "
                   "country or region")
    elif lat is not None and r.lat is not None:
        d = km_between(lat, lon, r.lat, r.lon)  # type: ignore[arg-type]
        same_area = bool(r.admin1) and r.admin1 == c.value("admin1") and r.country == c.value("country")
        # A district or province is measured from its centre: a town in it may lie a region's width away.
        near_region = region and r.country == c.value("country") and d <= REGION_KM
        if d > km and not same_area and not near_region:
            return None
        why.append(f"places {d:.1f} km apart ({c.value('place_name')} / {r.place_name})"
                   + (f", same admin area {r.admin1}" if same_area and d > km else ""))
        return d + gap, "; ".join(why)
    if not ("actor1" in r.named and any("actor1" in x.named and x.actor1 == r.actor1 for x, _ in c.reports)):
        return None  # no place to compare: only the same named actor1 vouches for it
    why.append("the same named actor1" if coarse else "no place to compare; the same named actor1")
    return km + gap, "; ".join(why)


NAME_STOP = {"the", "of", "for", "and", "al", "wal", "el", "de", "la", "in", "to"}


def _initials(name: str) -> str:
    words = [w for w in name.lower().replace("-", " ").replace("'", "").split() if w not in NAME_STOP]
    return "".join(w[0] for w in words if w[:1].isalpha())


def same_actor(a_id: str, a_name: str | None, b_id: str, b_name: str | None) -> bool:
    """Whether two articles' actor ids may be one actor: the same id; a state and its own forces or
    government (`russia`, `russia-military`); a name and its abbreviation ("ELN", "National Liberation
    Army (ELN)"; "JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"); or one name inside the other
    ("Islamic State", "Islamic State Sahel Province" are not: a longer name is another group)."""
    if a_id == b_id:
        return True
    if a_id.startswith(b_id + "-") or b_id.startswith(a_id + "-"):
        head = a_id[len(b_id) + 1:] if a_id.startswith(b_id + "-") else b_id[len(a_id) + 1:]
        return head in STATE_ARMS
    a_state, _, a_arm = a_id.rpartition("-")
    b_state, _, b_arm = b_id.rpartition("-")
    if a_state and a_state == b_state and a_arm in STATE_ARMS and b_arm in STATE_ARMS:
        return True  # "myanmar-government", "myanmar-military": one state's arms
    a_name, b_name = a_name or a_id, b_name or b_id
    if _bare(a_name) and _bare(a_name) == _bare(b_name):
        return True  # "National Liberation Army (ELN)", "National Liberation Army"
    for short, long in ((a_name, b_name), (b_name, a_name)):
        s = short.strip().replace(".", "")
        if s.isupper() and len(s) >= 2:
            if f"({s})" in long.replace(".", "") or f"({s}" in long.replace(".", ""):
                return True
            initials = _initials(long)
            if len(s) >= 3 and len(initials) >= 3 and (
                    initials.startswith(s.lower()) or s.lower().startswith(initials)):
                return True
    return False


STATE_ARMS = {"military", "government", "police", "forces", "army", "security-forces"}


def _bare(name: str) -> str:
    """A name without its parenthetical abbreviation and punctuation, lower-cased."""
    head = name.split("(")[0]
    return " ".join(w for w in head.lower().replace("-", " ").split() if w not in NAME_STOP)


FIRST = "first report"  # the reason of a canonical event's first report


def sort_key(r: EventReport) -> tuple[str, str, str, int, str]:
    """The greedy order: date, then publication, then document and story event (a total order: the last
    part, the story event's id, only breaks ties between ids such as "s1" and "s01")."""
    return r.date, r.published or "", r.doc_id, _event_order(r.event_id), r.event_id


def canonical_id(r: EventReport) -> str:
    """A canonical event's id: derived from its first report."""
    return "c" + hashlib.sha1(f"{r.doc_id}:{r.event_id}".encode()).hexdigest()[:12]


def best_fit(window: Iterable[Canonical], r: EventReport, km: float, days: int) -> tuple[float, str, Canonical] | None:
    """The canonical event of `window` (in creation order) that `r` fits best: the lowest score, the earliest
    created among equals; never one that holds a report of r's own article. None: r starts its own."""
    best: tuple[float, str, Canonical] | None = None
    for c in window:
        if any(x.doc_id == r.doc_id for x, _ in c.reports):
            continue  # one article's distinct events stay distinct (its own coreference decided)
        found = match(c, r, km, days)
        if found is not None and (best is None or found[0] < best[0]):
            best = (found[0], found[1], c)
    return best


KM_PER_DEGREE = 111.0  # of latitude (111.2 on the mean sphere): a band this many km wide per degree is wide enough
WILD = ("wild",)  # the blocking key of a report without a place or a country: it may fit anywhere


class Window:
    """The open canonical events of one type, in creation order, with a blocking index: which of them a
    report may fit at all.

    It rests on one invariant of the rules (`match`; tests/test_dedup_update.py checks it on random pairs):
    a report whose place has coordinates and a country never joins a canonical event all of whose reports
    have places with coordinates in other countries, each more than `km` away. So a report is matched
    against the events with a report in its country, or with one in its band of latitude (or the two
    beside it: bands `km` wide hold every place within `km`), or with one that has no place or country;
    a report without a place or a country is matched against every open event. Exact: the best event is
    the one a scan of the whole window finds (``blocking=False`` scans it, for tests)."""

    def __init__(self, km: float, blocking: bool = True) -> None:
        self.events: deque[Canonical] = deque()
        self.blocking = blocking
        self._width = max(km, 0.001) / KM_PER_DEGREE
        self._order: dict[str, int] = {}  # canonical id -> creation number
        self._by_id: dict[str, Canonical] = {}
        self._keys: dict[str, set[tuple[Any, ...]]] = {}
        self._index: dict[tuple[Any, ...], set[str]] = {}

    def __iter__(self) -> Iterator[Canonical]:
        return iter(self.events)

    def _keys_of(self, r: EventReport) -> tuple[tuple[Any, ...], ...]:
        if r.lat is None or r.lon is None or not r.country:
            return (WILD,)
        return ("country", r.country), ("band", math.floor(r.lat / self._width))

    def _index_report(self, c: Canonical, r: EventReport) -> None:
        for key in self._keys_of(r):
            if key not in self._keys[c.id]:
                self._keys[c.id].add(key)
                self._index.setdefault(key, set()).add(c.id)

    def add(self, c: Canonical) -> None:
        """A canonical event opened now (or one open at the start of an incremental pass)."""
        self.events.append(c)
        self._order[c.id] = len(self._order)
        self._by_id[c.id], self._keys[c.id] = c, set()
        for r, _ in c.reports:
            self._index_report(c, r)

    def join(self, c: Canonical, r: EventReport, reason: str) -> None:
        c.reports.append((r, reason))
        self._index_report(c, r)

    def close(self, day: dt.date, days: int) -> None:
        """Close the events whose first report is over `days` before `day` (reports come in date order)."""
        while self.events and (day - self.events[0].first.day).days > days:
            c = self.events.popleft()
            for key in self._keys.pop(c.id):
                self._index[key].discard(c.id)
            del self._by_id[c.id], self._order[c.id]

    def pick(self, ids: Iterable[str]) -> list[Canonical]:
        """The open events among `ids`, in creation order."""
        return sorted((self._by_id[i] for i in ids if i in self._by_id), key=lambda c: self._order[c.id])

    def candidates(self, r: EventReport) -> list[Canonical]:
        """The open events `r` may fit, in creation order."""
        if not self.blocking or r.lat is None or r.lon is None or not r.country:
            return list(self.events)
        band = math.floor(r.lat / self._width)
        keys = (WILD, ("country", r.country), ("band", band - 1), ("band", band), ("band", band + 1))
        return self.pick(set().union(*(self._index.get(key, ()) for key in keys)))


def cluster(reports: list[EventReport], km: float = 25.0, days: int = 1, *, blocking: bool = True) -> list[Canonical]:
    """Greedy clustering in date order; each report joins the best-fitting canonical event."""
    windows: dict[str, Window] = {}
    out: list[Canonical] = []
    for r in sorted(reports, key=sort_key):
        window = windows.setdefault(r.type, Window(km, blocking))
        # Canonical events whose first date is too old can never match again (sorted by date).
        window.close(r.day, days)
        best = best_fit(window.candidates(r), r, km, days)
        if best is None:
            c = Canonical(id=canonical_id(r), reports=[(r, FIRST)])
            window.add(c)
            out.append(c)
        else:
            window.join(best[2], r, best[1])
    return out


def _event_order(event_id: str) -> int:
    return int(event_id[1:]) if event_id[1:].isdigit() else 0


def load_reports(store: Store, where: str = "", params: Sequence[Any] = ()) -> list[EventReport]:
    """The real, dated, specific story events of every stored document (or of those `where`, SQL on
    ``story_events s``, selects)."""
    rows = store.query(
        "SELECT s.doc_id, s.story_event_id, s.type, s.mode, s.actor1, s.actor2, s.date, s.lat, s.lon, s.country, "
        "s.admin1, s.feature, s.place_name, s.trigger_text, s.modality, s.mentions, d.published, "
        "a1.type AS actor1_type, a2.type AS actor2_type, a1.name AS actor1_name, a2.name AS actor2_name, "
        "a1.country AS actor1_country, a2.country AS actor2_country "
        "FROM story_events s JOIN documents d ON d.id = s.doc_id "
        "LEFT JOIN actors a1 ON a1.doc_id = s.doc_id AND a1.actor_id = s.actor1 "
        "LEFT JOIN actors a2 ON a2.doc_id = s.doc_id AND a2.actor_id = s.actor2 "
        + (f"WHERE {where} " if where else "") + "ORDER BY s.doc_id, s.story_event_id", params)
    out = []
    for row in rows:
        date = row["date"] or ""
        if (row["modality"] not in REAL or len(date) < 10 or not date[:4].isdigit()
                or (row["trigger_text"] or "").lower() in GENERIC):
            continue
        try:
            dt.date.fromisoformat(date[:10])
        except ValueError:
            continue
        out.append(EventReport(
            row["doc_id"], row["story_event_id"], row["type"], row["mode"], row["actor1"], row["actor2"], date[:10],
            row["lat"], row["lon"], row["country"], row["admin1"], row["place_name"], row["published"],
            _mentions(row["mentions"]), _named(row), row["feature"], _sides(row),
            {role: row[f"{role}_name"] for role in ("actor1", "actor2") if row[f"{role}_name"]}))
    return out


def _mentions(value: str | None) -> list[str]:
    try:
        found = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(m) for m in found] if isinstance(found, list) else []


NAMED_TYPES = {"state", "military", "government", "ministry", "armed_group", "party", "igo", "ngo", "media",
               "person"}
# Words that name a kind of actor, not an actor: "rebels", "gunmen", "security forces", "the army".
KIND_WORDS = {
    "rebel", "rebels", "insurgent", "insurgents", "militant", "militants", "gunman", "gunmen", "fighter", "fighters",
    "jihadist", "jihadists", "security", "force", "forces", "police", "policemen", "army", "troop", "troops",
    "soldier", "soldiers", "attacker", "attackers", "government", "armed", "men", "group", "groups", "militia",
    "militias", "militiamen", "protester", "protesters", "demonstrator", "demonstrators", "civilian", "civilians",
    "resident", "residents", "official", "officials", "authorities", "authority", "military", "unidentified",
    "unknown", "suspected", "assailant", "assailants", "bandit", "bandits", "gang", "gangs", "the", "a", "an", "of",
    "local", "state", "federal", "regime", "junta", "terrorist", "terrorists", "extremist", "extremists"}


SIDES = {"state": "state", "military": "state", "government": "state", "ministry": "state",
         "armed_group": "nonstate", "population": "civilian"}  # an army camp attacked is not a market


def _sides(row: dict[str, Any]) -> dict[str, str]:
    """Which side each actor is on, as far as its type says: state forces or a non-state armed group."""
    return {role: SIDES[row[f"{role}_type"]] for role in ("actor1", "actor2")
            if row[role] and row[f"{role}_type"] in SIDES}


def _named(row: dict[str, Any]) -> set[str]:
    """The roles held by named actors: a state, a force, group, party, body or person the text names
    ("the Rapid Support Forces", "Colombia's police"), not a kind of actor ("rebels", "gunmen")."""
    out = set()
    for role in ("actor1", "actor2"):
        if not row[role] or row[f"{role}_type"] not in NAMED_TYPES:
            continue
        words = set((row[f"{role}_name"] or row[role]).lower().replace("-", " ").split())
        if row[f"{role}_country"] or not words <= KIND_WORDS:
            out.add(role)
    return out


def deduplicate(store: Store, km: float = 25.0, days: int = 1) -> int:
    """Rebuild canonical_events and event_links from the stored story events; returns the canonical count.

    Rebuilds at once (two ingests finishing together) write one after the other, and the one that writes
    sees every document stored before it writes: if documents came in while it clustered, it clusters again
    (the third time holding the lock, so it cannot fall behind). `update` does the same work incrementally."""
    for attempt in range(3):
        last = attempt == 2
        seen = None if last else _document_count(store)
        pending = [] if last else _pending(store)  # read first: every one of them is clustered below
        canon = [] if last else cluster(load_reports(store), km, days)
        with store.backend.transaction():
            store.backend.lock("dedup")
            if last:
                pending = _pending(store)
                canon = cluster(load_reports(store), km, days)
            elif _document_count(store) != seen:
                continue  # documents were added (they are never removed): cluster again
            rebuild_tables(store, canon, km, days, pending)
        return len(canon)
    raise AssertionError("unreachable")  # pragma: no cover


def update(store: Store, doc_ids: Iterable[str] | None = None, km: float = 25.0, days: int = 1) -> Any:
    """Bring the canonical events up to date with the documents stored since the last dedup (and `doc_ids`),
    incrementally; the tables are then those a full rebuild would write. Returns an ``UpdateStats``
    (see dedup_update.py)."""
    from .dedup_update import update as run

    return run(store, doc_ids, km=km, days=days)


def _document_count(store: Store) -> int:
    return int(store.query("SELECT COUNT(*) AS n FROM documents")[0]["n"])


def _pending(store: Store) -> list[str]:
    """Documents stored since the dedup last saw them (Store.write marks each one)."""
    return [r["doc_id"] for r in store.query("SELECT doc_id FROM dedup_pending")]


RULES_VERSION = 1  # bump when the merge rules change: a store clustered by older rules is rebuilt in full


def state_key(km: float, days: int) -> str:
    """What the stored canonical events were clustered with: an incremental update is exact only on top of
    tables the same rules, version and settings wrote."""
    from . import __version__

    return f"eventwire {__version__}; rules {RULES_VERSION}; km={km:g}; days={days}"


CANONICAL_COLUMNS = ("id", "type", "mode", "date", "lat", "lon", "country", "place_name", "actor1", "actor2",
                     "reports", "documents", "first_published", "last_published", "fatalities", "fatalities_min",
                     "fatalities_max", "injured", "injured_min", "injured_max")
INSERT_CANONICAL = (f"INSERT INTO canonical_events ({', '.join(CANONICAL_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(CANONICAL_COLUMNS))})")
Figures = dict[tuple[str, str], tuple[int | None, int | None]]  # (doc_id, story_event_id) -> (fatalities, injured)


def load_figures(store: Store, where: str, params: Sequence[Any] = ()) -> Figures:
    """The tolls of the story events `where` (SQL on ``story_events s``) selects."""
    rows = store.query(f"SELECT s.doc_id, s.story_event_id, s.fatalities, s.injured FROM story_events s WHERE {where}",
                       params)
    return {(r["doc_id"], r["story_event_id"]): (r["fatalities"], r["injured"]) for r in rows
            if r["fatalities"] is not None or r["injured"] is not None}


def _running(c: Canonical, figures: Figures, which: int) -> tuple[int | None, int | None, int | None]:
    """A toll across the reports, as each source gives it: the latest report's (by publication), the lowest
    and the highest. None of them is "the" toll: sources are kept side by side, never reconciled."""
    told = [((r.published or "", sort_key(r)), figures[(r.doc_id, r.event_id)][which]) for r, _ in c.reports
            if figures.get((r.doc_id, r.event_id), (None, None))[which] is not None]
    if not told:
        return None, None, None
    values = [v for _, v in told]
    return max(told)[1], min(values), max(values)  # type: ignore[type-var]


def canonical_row(c: Canonical, figures: Figures) -> tuple[Any, ...]:
    """A canonical_events row (CANONICAL_COLUMNS) from its reports."""
    published = sorted(r.published for r, _ in c.reports if r.published)
    return (c.id, c.first.type, c.value("mode"), c.first.date, c.value("lat"), c.value("lon"),
            c.value("country"), c.value("place_name"), c.value("actor1"), c.value("actor2"),
            len(c.reports), len({r.doc_id for r, _ in c.reports}),
            published[0] if published else None, published[-1] if published else None,
            *_running(c, figures, 0), *_running(c, figures, 1))


UPSERT_LINK = ("INSERT INTO event_links VALUES (?, ?, ?, ?) ON CONFLICT (doc_id, story_event_id) "
               "DO UPDATE SET canonical_id = excluded.canonical_id, reason = excluded.reason")


def rebuild_tables(store: Store, canon: list[Canonical], km: float, days: int, pending: Sequence[str]) -> None:
    """Inside the dedup lock: replace both tables with `canon`, record what they were made with, and
    clear the pending marks of the documents clustered."""
    figures = load_figures(store, "s.fatalities IS NOT NULL OR s.injured IS NOT NULL")
    event_rows = [canonical_row(c, figures) for c in canon]
    link_rows = [(r.doc_id, r.event_id, c.id, reason) for c in canon for r, reason in c.reports]
    store.backend.execute("DELETE FROM event_links")
    store.backend.execute("DELETE FROM canonical_events")
    if event_rows:
        store.backend.executemany(INSERT_CANONICAL, event_rows)
    if link_rows:
        store.backend.executemany("INSERT INTO event_links VALUES (?, ?, ?, ?)", link_rows)
    save_state(store, km, days, pending)


def save_state(store: Store, km: float, days: int, pending: Sequence[str]) -> None:
    store.backend.execute("INSERT INTO dedup_state VALUES ('clustered_with', ?) ON CONFLICT (name) "
                          "DO UPDATE SET value = excluded.value", (state_key(km, days),))
    if pending:
        store.backend.executemany("DELETE FROM dedup_pending WHERE doc_id = ?", [(d,) for d in pending])


def explain(store: Store, canonical_id: str) -> str | None:
    """Why the reports of a canonical event were merged, one line per report; None if unknown."""
    head = store.query("SELECT * FROM canonical_events WHERE id = ?", (canonical_id,))
    if not head:
        return None
    c = head[0]
    lines = [f"{c['id']}: {c['type']}{'/' + c['mode'] if c['mode'] else ''} on {c['date']}"
             f"{' at ' + c['place_name'] if c['place_name'] else ''} — {c['reports']} report(s) in "
             f"{c['documents']} document(s)"]
    links = store.query(
        "SELECT l.doc_id, l.story_event_id, l.reason, s.trigger_text, s.evidence_start, s.evidence_end, s.mentions, "
        "d.title, d.source, d.published, d.text FROM event_links l "
        "JOIN story_events s ON s.doc_id = l.doc_id AND s.story_event_id = l.story_event_id "
        "JOIN documents d ON d.id = l.doc_id WHERE l.canonical_id = ? "
        "ORDER BY d.published, l.doc_id, l.story_event_id", (canonical_id,))
    for link in links:
        sentence = ""
        if link["evidence_start"] is not None:
            sentence = link["text"][link["evidence_start"]:link["evidence_end"]].strip()
        mentions = _mentions(link["mentions"])
        told = f" [mentions {' '.join(mentions)}]" if mentions else ""
        lines.append(f"- {link['doc_id'][:12]} {link['story_event_id']}{told} ({link['published'] or 'no date'}, "
                     f"{link['source'] or link['title'] or ''}): {link['reason']}")
        if sentence:
            lines.append(f"    {link['trigger_text']!r} in: {sentence[:300]}")
    return "\n".join(lines)
