"""A story event's fields, from all its mentions and from the story.

* **actor1**: the first doer any mention names, a named actor before a generic noun ("the
  attackers"), and never, inside a quote, a pronoun the actors stage resolved to the speaker ("they
  attacked us" said by a ministry official does not make the ministry the attacker).  An
  attribution in the outlet's voice ("an attack blamed on X") names the doer.
* **actor2**: the first target any mention names, people and forces before things ("the base").
* **place**: the finest place attached to any mention (``attached``); else, for acts, the place
  named in a mention's clause or sentence (``sentence``), the story's incident place (``story``),
  the dateline's place (``dateline``).  Statements get an attached place only.
* **date**: a mention's own day (``mention``); a month, week or year only is no day (null); a
  background event (pluperfect, "earlier", "last year") without a day of its own is null; else the
  story's narrative day (``narrative``): the day of its first dated foreground incident, or the
  publication day when the story dates nothing; a statement takes its own day (``statement``).
* **figures**: every figure linked to a mention; ``fatalities`` / ``injured`` the highest incident
  count of each (competing tolls stay side by side in ``figures``).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from ..actors import ActorTable
from ..events.acled import acled_for
from ..quotes.cues import CLAUSE_VERBS
from ..schema import STATE_FORCE_TYPES, Dateline, Figure, Offsets, Place, Quote, Span, StoryEvent, Time
from .actor_ranker import ActorRanker, kind_of
from .actor_ranker import candidates as ranker_candidates
from .features import NATURE, MentionView, mutual_statement, nature_words


def story_type(actor_type: str) -> str:
    """An actor's type as this stage reads it: a state's police and intelligence services as its military. Its
    scorer and actor ranker (data/story_*.json) were trained when every state force was typed military, and its
    rules treat a state's forces alike."""
    return "military" if actor_type in STATE_FORCE_TYPES else actor_type


CLAIMS = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONCEDE"}
# Nouns that name a doer without naming who: a named actor in the same event is better.
GENERIC_DOERS = {"attacker", "assailant", "gunman", "gunmen", "militant", "insurgent", "terrorist", "raider",
                 "fighter", "rebel", "jihadist", "extremist", "man", "men", "suspect", "perpetrator", "bandit",
                 "kidnapper", "bomber", "shooter", "group", "unknown", "unidentified", "militiaman", "militiamen",
                 "guerrilla", "separatist"}
THIRD_PERSON = {"they", "them", "he", "she", "it", "him", "her", "its", "their", "his"}
PLACE_RANK = {"landmark": 0, "city": 1, "other": 2, "region": 3, "country": 4, "water": 5}
# Disasters a story can be about: deaths in it are no one's attack.
DISASTERS = NATURE - {"drown", "magnitude"}
COUNT_ONLY = {"others", "other", "more", "people", "persons", "dozens", "hundreds", "thousands", "many", "some",
              "several", "all"}
TARGET_TYPES = {"person", "population", "military", "armed_group", "state", "government", "ministry", "party",
                "igo", "ngo", "media"}


def _is_day(value: str | None) -> bool:
    return bool(value) and len(value) >= 10 and value[:4].isdigit() and value[4] == "-" and value[7] == "-" \
        and value[8:10].isdigit()  # type: ignore[index]


@dataclass
class Story:
    """What the whole report says that each event's fields may draw on."""

    doc: Doc
    places: list[Place]
    figures: list[Figure]
    actors: ActorTable | None
    actor_type: dict[str, str]
    actor_names: dict[str, str]
    actor_by_id: dict[str, Any]
    published: str | None
    dateline_place: int | None
    incident_place: int | None
    narrative_day: str | None
    nature: bool
    lead_day: str | None = None  # the first day the opening sentences name (not a day of saying)
    country: str | None = None  # the country the story's incident place lies in
    dateline_day: str | None = None
    feature_context: dict[str, Any] = field(default_factory=dict)
    attributions: dict[int, str] = field(default_factory=dict)  # mention index -> actor the text blames
    folded: set[int] = field(default_factory=set)  # mentions that only attribute another (no event of their own)
    sent_starts: list[int] = field(default_factory=list)
    _by_start: list[int] | None = None
    _starts: list[int] = field(default_factory=list)
    _mentions: list[tuple[int, str]] | None = None
    armed: list[tuple[int, str]] = field(default_factory=list)  # (offset, actor id) of named armed actors
    doers: list[tuple[int, str]] = field(default_factory=list)  # ... and of actors named by what they do
    co_doers: dict[int, set[str]] = field(default_factory=dict)  # trigger token -> every doer its mentions give
    outlets: set[str] = field(default_factory=set)  # the dateline's agency: it reports, it takes no part

    @classmethod
    def read(cls, doc: Doc, mention_views: list[MentionView], places: list[Place], times: list[Time],
             actors: ActorTable | None, figures: list[Figure], quotes: list[Quote], dateline: Dateline | None,
             published: str | None) -> Story:
        actor_list = actors.actors if actors is not None else []
        actor_type = {a.id: story_type(a.type) for a in actor_list}
        sents = list(doc.sents)
        story_sent_starts = [x.start_char for x in sents]
        lead_end = sents[min(1, len(sents) - 1)].end_char if sents else 0
        lead_nature = nature_words(t for t in doc if t.idx < lead_end)
        nature = bool(lead_nature & DISASTERS) and not any(
            v.event.type == "ASSAULT" and actor_type.get(v.event.actor1 or "") in ("military", "armed_group")
            for v in mention_views if v.sent_index <= 1)
        dateline_place = None
        if dateline is not None:
            dateline_place = next((i for i, p in enumerate(places)
                                   if dateline.start <= p.start and p.end <= dateline.end), None)
        story = cls(doc=doc, places=places, figures=figures, actors=actors, actor_type=actor_type,
                    actor_names={a.id: a.name for a in actor_list}, actor_by_id={a.id: a for a in actor_list},
                    published=published,
                    dateline_place=dateline_place, incident_place=None, narrative_day=None, nature=nature)
        story.attributions, story.folded = _attributions(doc, mention_views, actors)
        for v in mention_views:  # "A, B and C condemned ...": one mention per party on one trigger
            if v.token is not None and v.event.actor1:
                story.co_doers.setdefault(v.token.i, set()).add(v.event.actor1)
        if dateline is not None:
            story.outlets = {a.id for a in actor_list if a.type == "media" and any(
                dateline.start <= m.start and m.end <= dateline.end for m in a.mentions)}
        story.armed = _named_armed(doc, actor_list, actor_type)
        story.doers = _generic_doers(doc, actor_list)
        story.incident_place = story._incident_place(mention_views, lead_end, dateline)
        story.lead_day = _lead_day(doc, sents, times, dateline, published)
        if story.incident_place is not None:
            story.country = places[story.incident_place].country
        if dateline is not None and _is_day(dateline.date) and published and dateline.date <= published[:10]:
            story.dateline_day = dateline.date
        story.sent_starts = story_sent_starts
        story.feature_context = {"actor_type": actor_type, "n_sents": len(sents), "nature": nature}
        return story

    # -- story-wide readings ---------------------------------------------------------------

    def _incident_place(self, mention_views: list[MentionView], lead_end: int, dateline: Dateline | None) -> int | None:
        """Where the story's news happened: the finest place attached to an act of its lead, else the
        finest place its lead names, else the place most named."""
        outside_dateline = [i for i, p in enumerate(self.places)
                            if not (dateline is not None and dateline.start <= p.start < dateline.end)]
        attached = [v.event.place for v in mention_views if v.event.place is not None
                    and v.event.type not in CLAIMS and v.sent_index <= 2]
        if attached:
            return min(attached, key=lambda i: (self._rank(i), self.places[i].start))
        lead = [i for i in outside_dateline if self.places[i].start < lead_end and self._rank(i) < 4]
        if lead:
            return min(lead, key=lambda i: (self._rank(i), self.places[i].start))
        named = Counter(self.places[i].geonameid or self.places[i].text for i in outside_dateline)
        if named:
            top = named.most_common(1)[0][0]
            found = next(i for i in outside_dateline if (self.places[i].geonameid or self.places[i].text) == top)
            home = self.dateline_place
            if home is not None and self._rank(found) >= PLACE_RANK["country"] and \
                    self.places[found].country != self.places[home].country:
                return home  # "Nairobi, June 25: ... a half-sister of former US President Obama": not the US
            return found
        return self.dateline_place

    def set_narrative_day(self, groups: list[list[MentionView]]) -> None:
        """The day the story's news happened: the own day of its lead incident (the first act that
        is not background); else the first day its opening sentences name (not the day someone said
        something); else the dateline's day; else the publication day."""
        for members in groups:
            if members[0].event.type in CLAIMS or all(v.background for v in members):
                continue
            day = next((v.own_date for v in members if _is_day(v.own_date) and v.days_before is not None
                        and 0 <= v.days_before <= 7), None)
            if day:
                self.narrative_day = day[:10]
                return
            break
        self.narrative_day = self.lead_day or self.dateline_day or (self.published[:10] if self.published else None)

    def places_between(self, start: int, end: int) -> list[int]:
        """Indices of the places that start in [start, end), through a sorted index (no scan)."""
        if self._by_start is None:
            self._by_start = sorted(range(len(self.places)), key=lambda i: self.places[i].start)
            self._starts = [self.places[i].start for i in self._by_start]
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return self._by_start[lo:hi]

    def _rank(self, i: int) -> int:
        return PLACE_RANK.get(self.places[i].feature or "other", 2)

    # -- relations ---------------------------------------------------------------------------

    def cumulative(self, figure: int) -> bool:
        return 0 <= figure < len(self.figures) and self.figures[figure].scope == "cumulative"

    def learn_actor(self, actor_id: str) -> None:
        """Index an actor this stage added to the table (an implied side, an unnamed doer)."""
        if self.actors is not None and actor_id not in self.actor_by_id:
            a = self.actors.get(actor_id)
            if a is not None:
                self.actor_by_id[a.id], self.actor_names[a.id], self.actor_type[a.id] = a, a.name, story_type(a.type)

    def actors_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, actor id) of the actor mentions that start in [start, end), in text order."""
        if self._mentions is None:
            self._mentions = sorted((m.start, a.id) for a in (self.actors.actors if self.actors else [])
                                    for m in a.mentions)
        return _within(self._mentions, start, end)

    def generic_actor(self, actor_id: str) -> bool:
        """An actor named only by what it does ("the attackers", "gunmen"), not who it is."""
        name = self.actor_names.get(actor_id, actor_id).lower().split()
        return bool(name) and name[-1].rstrip("s") in {g.rstrip("s") for g in GENERIC_DOERS} and \
            self.actor_type.get(actor_id) not in ("state", "government", "ministry")

    def places_compatible(self, a: int, b: int) -> bool:
        """Two places that may name where one event happened: the same, or one inside the other."""
        if a == b:
            return True
        pa, pb = self.places[a], self.places[b]
        if (pa.geonameid and pa.geonameid == pb.geonameid) or pa.text.lower() == pb.text.lower():
            return True
        if pa.country and pa.country == pb.country:
            if "country" in (pa.feature, pb.feature):
                return True
            if "region" in (pa.feature, pb.feature) and pa.admin1 and pa.admin1 == pb.admin1:
                return True
        return False


ATTRIBUTING = {"blame", "attribute", "claim", "link", "tie", "pin"}


# Verbs whose day is when someone spoke, not when the news happened ("begin" and "continue" cue quotes too).
SAYING = CLAUSE_VERBS - {"begin", "continue"}


def _lead_day(doc: Doc, sents: list[Any], times: list[Time], dateline: Dateline | None,
              published: str | None) -> str | None:
    """The first day (within a week before publication) the story's first three sentences name,
    outside the dateline and not as the day someone spoke ("officials said on Tuesday")."""
    if not sents or not published:
        return None
    end = sents[min(2, len(sents) - 1)].end_char
    for t in sorted(times, key=lambda t: t.start):
        if t.start >= end:
            break
        if dateline is not None and dateline.start <= t.start < dateline.end:
            continue
        # ("at 11:00 am on Friday", a TIME, names its day too)
        if t.type not in ("DATE", "TIME") or not _is_day(t.value) or t.value[:10] > published[:10]:
            continue
        from datetime import date
        try:
            if (date.fromisoformat(published[:10]) - date.fromisoformat(t.value[:10])).days > 7:
                continue
        except ValueError:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        head = span.root.head if span is not None and len(span) else None
        if head is not None and head.dep_ == "prep" and head.head.lemma_.lower() in SAYING:
            continue  # "said on Tuesday" (not "a rally that began at 11 am on Friday")
        if head is not None and head.lemma_.lower() in SAYING:
            continue  # "said Tuesday"
        return t.value[:10]
    return None


def _attributions(doc: Doc, mention_views: list[MentionView],
                  actors: ActorTable | None) -> tuple[dict[int, str], set[int]]:
    """Doers the outlet names by attribution: "an attack blamed on X", "a bombing that was claimed by
    X", "the attack, attributed to X". The attributing mention (ACCUSE "blamed") is folded into the
    attack it qualifies: it is no separate accusation."""
    if actors is None:
        return {}, set()
    by_token = {v.token.i: v for v in mention_views if v.token is not None}
    found: dict[int, str] = {}
    folded: set[int] = set()
    for v in mention_views:
        tok = v.token
        if tok is None or tok.lemma_.lower() not in ATTRIBUTING or tok.dep_ not in ("acl", "relcl"):
            continue
        target = by_token.get(tok.head.i)
        if target is None or target.event.type not in ("ASSAULT", "COERCE"):
            continue
        agent = next((g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in ("on", "to", "by")
                      for g in c.children if g.dep_ == "pobj"), None)
        if agent is None:
            continue
        left = agent.left_edge
        actor = actors.actor_at(agent.idx, agent.idx + len(agent.text)) or actors.resolve(
            doc, left.idx, agent.idx + len(agent.text))
        if actor is None:
            continue
        found[target.index] = actor
        if v.event.type == "ACCUSE":
            folded.add(v.index)
    return found, folded


def _is_source(doc: Doc, start: int) -> bool:
    """The mention at `start` is who reports ("police said", "according to the army"), not who acts."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    for _ in range(3):  # up to the mention's head noun
        if tok.dep_ in ("compound", "amod", "det", "poss") and tok.head != tok:
            tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in CLAUSE_VERBS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _named_armed(doc: Doc, actor_list: list[Any], actor_type: dict[str, str]) -> list[tuple[int, str]]:
    """Where the story names armed groups and forces as actors (not by a generic noun, not as the
    source of a report), in text order."""
    out = []
    for a in actor_list:
        if actor_type.get(a.id) not in ("armed_group", "military"):
            continue
        words = a.name.lower().split()
        if words and words[-1].rstrip("s") in {g.rstrip("s") for g in GENERIC_DOERS}:
            continue
        out += [(m.start, a.id) for m in a.mentions
                if m.text.lower() not in THIRD_PERSON and not _is_source(doc, m.start) and _acting(doc, m.start)]
    return sorted(out)


def _acting(doc: Doc, start: int) -> bool:
    """The mention is written as one who acts (a subject, a "by" agent, a group its members are named
    for: "ISWAP fighters"), not as whose a victim is ("the Taliban's deputy governor") or a target."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    for _ in range(4):  # up to the head of the mention's phrase
        if tok.dep_ in ("compound", "flat", "det", "amod") and tok.head != tok:
            tok = tok.head
        else:
            break
    if tok.dep_ == "poss":
        return False
    if tok.dep_ in ("nsubj", "nsubjpass", "csubj", "appos", "conj"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("by", "of", "from")


def _generic_doers(doc: Doc, actor_list: list[Any]) -> list[tuple[int, str]]:
    """Where the story names actors by what they do ("gunmen", "the attackers"), in text order."""
    out = []
    for a in actor_list:
        words = a.name.lower().split()
        if words and words[-1].rstrip("s") in {g.rstrip("s") for g in GENERIC_DOERS} and words[-1] not in (
                "man", "men", "group"):
            out += [(m.start, a.id) for m in a.mentions
                    if m.text.lower() not in THIRD_PERSON and not _is_source(doc, m.start)]
    return sorted(out)


def _within(located: list[tuple[int, str]], start: int, end: int) -> list[tuple[int, str]]:
    """The (offset, actor id) pairs of a sorted list whose offset lies in [start, end)."""
    lo = bisect_left(located, (start, ""))
    hi = bisect_left(located, (end, ""))
    return located[lo:hi]


def _pronoun_in_quote(v: MentionView, actor_id: str, story: Story) -> bool:
    """The actor is a third-person pronoun inside a quote, resolved to the quote's own speaker
    (or to anything, when the speaker is unknown): not who did it."""
    if not v.in_quote or story.actors is None:
        return False
    actor = story.actor_by_id.get(actor_id)
    if actor is None:
        return False
    starts = [m.start for m in actor.mentions]  # sorted
    in_sent = actor.mentions[bisect_left(starts, v.sent_start):bisect_left(starts, v.sent_end)][:16]
    if not in_sent or not all(m.text.lower() in THIRD_PERSON for m in in_sent):
        return False
    return v.quote_speaker is None or v.quote_speaker == actor_id or story.actor_type.get(actor_id) in (
        "ministry", "government", "igo", "ngo", "media", "person")


# What a clause's subject may be without being who acts: the act itself ("a bomb went off", "fighting
# cost the lives of"), and words for a count or a place.
NOT_DOERS = {"bomb", "blast", "explosion", "attack", "violence", "fighting", "clash", "riot", "fire", "shelling",
             "strike", "raid", "shooting", "incident", "unrest", "toll", "death", "number", "people", "it",
             "this", "that", "which", "who", "one", "some", "wreckage", "drone", "rocket", "missile", "shell"}
# Verbs whose object is the act ("carried out an attack", "fired tear gas", "opened fire"): its doer is
# the verb's subject.
SUPPORT_PREPS = {"with", "using"}
# Verbs whose object is the act and whose subject does it ("carried out an attack", "staged a protest");
# not "broke up a rally" or "condemned the attack".
LIGHT_VERBS = {"carry", "launch", "stage", "hold", "mount", "conduct", "fire", "open", "lead", "organise",
               "organize", "commit", "perpetrate", "unleash", "begin", "start", "resume", "use", "drop", "plant",
               "detonate", "impose", "declare", "order", "make", "lob", "hurl", "throw", "set", "wage", "put",
               "lay", "place", "level", "issue", "express", "voice", "lodge", "file"}
SPOKESPEOPLE = {"spokesperson", "spokesman", "spokeswoman", "representative"}
# Verbs whose subject undergoes the act ("75 villagers died in an attack").
UNDERGOING = {"die", "perish", "succumb", "drown", "survive", "flee", "suffer", "lose", "come", "fall", "go"}


def _clause_subject(tok: Any) -> Any:
    """The token naming who does what `tok` states, read from the parse: the subject of its verb,
    climbing through participles and conjoined verbs ("X shot at people, killing six"), light verbs
    and instruments ("X fired tear gas", "X pushed the crowd back with tear gas"), and a nominal's
    "by" agent ("shelling by government forces"). None for a passive without an agent and across a
    verb of saying (who says is not who acts)."""
    t = tok
    for _ in range(4):
        by = next((g for c in t.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
                   for g in c.children if g.dep_ == "pobj"), None)
        if t.pos_ in ("VERB", "AUX"):
            if (t.lemma_.lower() in CLAUSE_VERBS and t.i != tok.i) or (t.lemma_.lower() in UNDERGOING and not any(
                    c.dep_ == "prt" and c.lower_ == "off" for c in t.children)):
                return None  # (a verb of saying that is the mention itself has its sayer; a bomb "went off")
            subj = next((c for h in (t, *(a for a in t.children if a.dep_ == "aux")) for c in h.children
                         if c.dep_ == "nsubj"), None)  # the parser may hang the subject on "has"
            if subj is not None:
                if subj.lemma_.lower() in SPOKESPEOPLE:  # "a spokesperson for the government": the government
                    org = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                                for g in c.children if g.dep_ == "pobj"), None)
                    return org if org is not None else subj
                return subj
            if any(c.dep_ == "nsubjpass" for c in t.children):
                return by
        elif by is not None:
            return by
        head = t.head
        if head is t:
            return None
        if t.dep_ == "acl" and t.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            # "a gunman firing from a rooftop": the noun acts; of "troops and Palestinians protesting",
            # the conjunct next to the participle
            near = [c for c in head.children if c.dep_ == "conj" and c.i < t.i]
            return near[-1] if near else head
        if (t.dep_ in ("advcl", "xcomp", "conj") and head.pos_ in ("VERB", "AUX")) or (
                t.dep_ == "dobj" and head.lemma_.lower() in LIGHT_VERBS):
            t = head
        elif t.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in SUPPORT_PREPS \
                and head.head.pos_ in ("VERB", "AUX"):
            t = head.head
        else:
            return None
    return None


WEAPON_SUBJECTS = {"bomb", "device", "explosive", "mine", "ied", "grenade", "rocket", "missile", "shell", "charge"}
PLACING_VERBS = {"plant", "place", "lay", "set", "hide", "leave", "detonate", "fire", "launch", "throw", "hurl",
                 "drop", "rig"}
# Means of attack standing for whose they are: "raids by aircraft of the coalition", "drones from X".
MEANS = {"aircraft", "jet", "warplane", "plane", "drone", "helicopter", "gunship", "artillery", "tank", "missile",
         "rocket", "ship", "vessel", "unit"}


def _clause_doer(v: MentionView, story: Story) -> str | None:
    """The actor the mention's clause names as subject (see `_clause_subject`), if it is someone."""
    if v.token is None or story.actors is None:
        return None
    subj = _clause_subject(v.token)
    if subj is not None and subj.lemma_.lower() in MEANS:
        subj = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                     for g in c.children if g.dep_ == "pobj"), subj)
    if subj is not None and subj.lemma_.lower() in WEAPON_SUBJECTS:
        # "a device, which suspected separatists had planted, went off": who placed it
        clauses = [c for c in subj.children if c.dep_ in ("relcl", "acl")]
        # (the parser may read "which suspected X had planted" as "suspected" with "planted" below it)
        clauses += [g for c in clauses for g in c.children if g.dep_ in ("ccomp", "xcomp", "conj")]
        placed = next((c for c in clauses if c.lemma_.lower() in PLACING_VERBS), None)
        if placed is not None:
            subj = next((c for c in placed.children if c.dep_ == "nsubj" and c.lower_ not in ("which", "that")),
                        None) or next((g for c in placed.children if c.dep_ == "agent" for g in c.children
                                       if g.dep_ == "pobj"), None)
    if subj is None or subj.lemma_.lower() in NOT_DOERS or subj.like_num:
        return None
    if subj.pos_ == "PRON" and v.in_quote:
        return None  # "they attacked us": the speaker's pronoun is not resolved to a doer here
    start, end = subj.left_edge.idx, subj.idx + len(subj.text)
    actor = story.actors.resolve(story.doc, start, end)
    if actor is None and subj.lemma_.lower() in GENERIC_DOERS and subj.pos_ == "NOUN":
        actor = story.actors.ensure(story.doc, start, end)  # "Bandits struck": a doer no stage named yet
        story.learn_actor(actor)
    if actor is None or (story.actor_type.get(actor, "other") == "other" and not story.generic_actor(actor)):
        return None
    return actor


def _pick_actor1(members: list[MentionView], story: Story, actor2: str | None) -> str | None:
    """The doer: a named actor any mention gives, an attribution, the subject of a mention's clause, a
    generic doer ("gunmen") made specific by a named armed group the story has just named, else the
    generic one."""
    found = [v.event.actor1 for v in members if v.event.actor1 and not _pronoun_in_quote(v, v.event.actor1, story)]
    found += [story.attributions[v.index] for v in members if v.index in story.attributions]
    if members[0].event.type in ("ASSAULT", "COERCE", "PROTEST"):
        found = [a for a in found if story.actor_type.get(a) != "media"]  # "according to Sabanews, strikes hit"
    named = [a for a in found if not story.generic_actor(a)]
    if named:
        return named[0]
    targets = {v.event.actor2 for v in members} | {actor2}
    found += [a for v in members[:8] for a in [_clause_doer(v, story)] if a is not None and a not in targets]
    named = [a for a in found if not story.generic_actor(a)]
    if named:
        return named[0]
    if members[0].event.type == "COERCE" and not found:
        # "Police said a search of the prison turned up ...": forces telling of an arrest or a search
        # with no other doer are telling of their own
        forces = [v.event.reported_by for v in members[:4] if v.event.reported_by
                  and story.actor_type.get(v.event.reported_by) in ("police", "military")]
        if forces:
            return forces[0]
    if members[0].event.type in ("ASSAULT", "COERCE"):
        # "ISWAP said its fighters ...", "al-Shabaab militants stormed ...": the group last named in
        # this sentence or the one before, when it is not the target.
        first = members[0]
        start = story.sent_starts[first.sent_index - 1] if first.sent_index > 0 else first.sent_start
        targets = {v.event.actor2 for v in members} | {actor2}
        # "gunmen", "insurgents", "fighters" name a non-state group: a state's forces are not who they are
        hit = _hit_phrases(members[:4])
        near = [a for off, a in _within(story.armed, start, first.sent_end) if a not in targets
                and (not found or story.actor_type.get(a) == "armed_group")
                and not any(a0 <= off < b0 for a0, b0 in hit)]
        if near and (found or members[0].event.type == "ASSAULT"):
            return near[-1]
        if not found:  # "... were shot dead. Unidentified gunmen fled on motorbikes": a doer its sentences name
            spans = [(v.sent_start, v.sent_end) for v in members]
            doers = [a for a0, b0 in spans for _, a in _within(story.doers, a0, b0) if a != actor2]
            if doers:
                return doers[0]
    return (found or [None])[0]


HIT_PREPS = {"into", "on", "at", "against", "upon"}


def _hit_phrases(members: list[MentionView]) -> list[tuple[int, int]]:
    """Character spans of what the mentions' verbs hit ("drove a car into a convoy of the Frontier Corps",
    "attacked a base of the army"): a group named there is the target, not the doer."""
    out = []
    for v in members:
        tok = v.token
        if tok is None:
            continue
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        # (a participle's act is the verb it hangs on: "drove a car into a convoy, killing five")
        for h in {tok, verb, verb.head if tok.dep_ == "advcl" else verb}:
            for c in h.children:
                if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in HIT_PREPS):
                    right = c.right_edge
                    out.append((c.left_edge.idx, right.idx + len(right.text)))
    return out


def _victim_rank(story: Story, actor_id: str) -> float:
    """People and forces before things; the people a mention names ("two employees of the revenue office",
    "fishermen") before the generic civilians another mention counts; a bare count ("12", "more than 30
    others") last."""
    name = story.actor_names.get(actor_id, actor_id)
    if not any(ch.isalpha() for ch in name) or name.lower().split()[-1] in COUNT_ONLY:
        return 3
    t = story.actor_type.get(actor_id)
    if t in TARGET_TYPES and t != "population":
        return 0
    if t == "population":
        return 1.5 if actor_id == "civilians" else 1
    return 2


# Crowd control: who police fire tear gas or live rounds on is the crowd, as analysts code it, not the one
# person the sentence names as hurt ("fired tear gas at protesters ... a student was killed").
CROWD_CONTROL = {"tear", "gas", "teargas", "rubber", "baton", "disperse", "water", "cannon", "crackdown", "quell",
                 "crowd", "protest", "protester", "demonstrator", "demonstration", "rally", "march"}
CROWDS = {"protester", "demonstrator", "crowd", "marcher", "rioter", "supporter", "mourner", "worker", "student"}


def _crowd(members: list[MentionView], story: Story, actor1: str | None) -> str | None:
    """The crowd a crowd-control act hits, named in the act's sentences."""
    if story.actor_type.get(actor1 or "") not in ("military", "police", "state", "government"):
        return None
    if not any(len(v.lemmas & CROWD_CONTROL) >= 2 for v in members[:4]):
        return None
    for v in members[:4]:
        for _, a in story.actors_between(v.sent_start, v.sent_end):
            words = story.actor_names.get(a, "").lower().split()
            if a != actor1 and words and words[-1].rstrip("s") in CROWDS:
                return a
    return None


def _pick_actor2(members: list[MentionView], story: Story, actor1: str | None) -> str | None:
    found = [v.event.actor2 for v in members if v.event.actor2 and v.event.actor2 != actor1
             and not _pronoun_in_quote(v, v.event.actor2, story)]
    if members and members[0].event.type == "ASSAULT" and actor1 is not None:
        crowd = _crowd(members, story, actor1)
        if crowd is not None:
            return crowd
    if not found:
        return None
    return min(found, key=lambda a: (_victim_rank(story, a), found.index(a)))


def _nationality(v: MentionView, place: int, story: Story) -> bool:
    """A country written as a modifier of the act ("a US drone strike", "Russian shelling") names who
    did it, not where."""
    if v.token is None or story._rank(place) < 4:
        return False
    head = place_head(story, place)
    return head is not None and head.head.i == v.token.i and head.dep_ in ("compound", "amod", "nmod", "poss") \
        and head.i < v.token.i


def _pick_place(members: list[MentionView], story: Story, claim: bool) -> tuple[int | None, str | None]:
    attached = [v.event.place for v in members if v.event.place is not None
                and not _nationality(v, v.event.place, story)]
    if attached:
        return min(attached, key=lambda i: (story._rank(i), attached.index(i))), "attached"
    if claim:
        return None, None
    guesses = [v.event.place_guess for v in members  # type: ignore[attr-defined]
               if getattr(v.event, "place_guess", None) is not None
               and getattr(v.event, "place_precision", None) in ("clause", "sentence")]
    fine = [i for i in guesses if story._rank(i) < 4]
    if fine:
        return fine[0], "sentence"
    if story.incident_place is not None:
        return story.incident_place, "story" if story.incident_place != story.dateline_place else "dateline"
    if guesses:
        return guesses[0], "sentence"
    if story.dateline_place is not None:
        return story.dateline_place, "dateline"
    return None, None


def _pick_date(members: list[MentionView], story: Story, claim: bool) -> tuple[str | None, str | None]:
    days = [v.own_date for v in members if _is_day(v.own_date)]
    if days:
        return days[0][:10], "mention"  # type: ignore[index]
    if members[0].own_date and not _current(members[0].own_date, story.published):
        return None, None  # "in June", "last week": no day
    if all(v.background for v in members):
        return None, None
    said = members[0].say_day  # "police have taken two men into custody, a spokesman said on Monday"
    if said and (story.published is None or said <= story.published[:10]):
        return said, "statement"
    return story.narrative_day, "statement" if claim else "narrative"


def _current(value: str, published: str | None) -> bool:
    """A vague date that holds the publication day ("this week", "this year", "late this year"): it
    says nothing about which day, and is as often another phrase's date as the act's."""
    if not published:
        return False
    pub = published[:10]
    if len(value) == 4 and value.isdigit():
        return value == pub[:4]
    if len(value) == 7 and value[4] == "-":
        return value == pub[:7]
    if "-W" in value[:6] and value[:4].isdigit():
        from datetime import date
        try:
            year, week, _ = date.fromisoformat(pub).isocalendar()
            return value[:4] == str(year) and value[6:8].isdigit() and int(value[6:8]) == week
        except ValueError:
            return False
    return False


def _linked_figures(members: list[MentionView], story: Story) -> tuple[list[int], int | None, int | None]:
    idx = sorted({i for v in members for i in v.event.figures if 0 <= i < len(story.figures)})
    def top(category: str) -> int | None:
        values = [story.figures[i].value for i in idx if story.figures[i].category == category
                  and story.figures[i].scope == "incident" and story.figures[i].value is not None]
        return max(values) if values else None  # type: ignore[type-var]
    return idx, top("killed"), top("injured")


# What an attack hits that stands for the people in it: a village, a market, a home are its civilians;
# a base, a checkpoint or an outpost is the garrison, a state's forces (ACLED codes the people, not the place).
CIVILIAN_PLACES = {"village", "town", "city", "market", "marketplace", "school", "hospital", "clinic", "home",
                   "house", "building", "street", "neighbourhood", "neighborhood", "church", "mosque", "temple",
                   "hotel", "restaurant", "bar", "club", "shop", "farm", "settlement", "hamlet", "district",
                   "area", "community", "bus", "lounge", "cafe", "café", "museum", "parade", "wedding", "funeral"}
MILITARY_PLACES = {"base", "barracks", "post", "outpost", "checkpoint", "position", "garrison", "camp",
                   "airbase", "headquarters", "convoy", "patrol", "station", "installation", "fort"}
ARMED_MODIFIERS = {"army", "military", "police", "security", "naval", "air", "troop", "government", "border"}


def _facility(story: Story, actor_id: str) -> str | None:
    """ "civilians" or "military" when the target is a place or a facility that stands for them."""
    kind = story.actor_type.get(actor_id)
    if kind not in (None, "other", "person") or story.actors is None:
        return None
    actor = story.actor_by_id.get(actor_id)
    if actor is None or not actor.mentions:
        return None
    m = actor.mentions[0]
    # (a place the tagger took for a person's name is still a place: "missiles fired at Zaporizhzhia")
    if any(story.places[i].start <= m.start < story.places[i].end or m.start <= story.places[i].start < m.end
           for i in story.places_between(m.start - 200, m.end)):
        words = m.text.lower().split()
        return "military" if words and words[-1] in MILITARY_PLACES else "civilians"  # a named place
    if kind == "person":
        return None
    words = [w.strip(".,'’") for w in m.text.lower().split()]
    if not words:
        return None
    head = words[-1].rstrip("s") if words[-1] not in ("bus", "barracks", "headquarters") else words[-1]
    if head in MILITARY_PLACES or words[-1] in MILITARY_PLACES:
        if head in ("camp", "station", "post") and not set(words) & ARMED_MODIFIERS:
            return "civilians" if head == "camp" and {"refugee", "displacement", "displaced"} & set(words) \
                else None
        return "military"
    if head in CIVILIAN_PLACES or words[-1] in CIVILIAN_PLACES:
        return "civilians"
    return None


def resolve(members: list[MentionView], story: Story, score: float,
            ranker: ActorRanker | None = None) -> StoryEvent:
    """The record of one group of mentions; with a ranker, the doer the rules pick is re-weighed
    against the other actors the event's sentences name (``actor_ranker.py``)."""
    first = members[0]
    e = first.event
    type_ = e.type
    claim = type_ in CLAIMS
    actor2 = _pick_actor2(members, story, None)
    actor1 = _pick_actor1(members, story, actor2)
    if ranker is not None and "actor1" in ranker:
        actor1 = ranker.choose("actor1", ranker_candidates(members, story, actor1, actor2), actor1, kind_of(type_))
        if type_ in ("ASSAULT", "COERCE", "PROTEST") and story.actor_type.get(actor1 or "") == "media":
            actor1 = None  # "..., Reuters reported": the outlet is no doer
    if actor1 is not None and (actor1 == actor2 or type_ == "ASSAULT"):
        actor2 = _pick_actor2(members, story, actor1)
    if type_ == "PROTEST" and actor1 is None and story.actors is not None:
        actor1 = _crowd_of(members, story, actor2)  # the crowd marches: never the protest's target
    if ranker is not None and "actor2" in ranker:
        actor2 = ranker.choose("actor2", ranker_candidates(members, story, actor2, actor1, "actor2"), actor2,
                               kind_of(type_))
    if type_ == "PROTEST" and _a_crowd(story, actor2):
        actor2 = None  # whom a protest is against is never a crowd of protesters or supporters
    if claim and actor1 is not None and actor1 in {v.event.actor2 for v in members} and \
            actor1 not in {v.event.actor1 for v in members}:
        actor1 = None  # "the attack was blamed on X": X is blamed, it does not blame
    actor1, actor2 = _body_of(story, actor1), _body_of(story, actor2)  # a spokesperson's words are the body's
    if type_ == "PROTEST" and actor1 is None and story.actors is not None:
        actor1 = _crowd_of(members, story, actor2)
    actor1, actor2 = (None if a in story.outlets or _a_time(story, a) or _unnamed(story, a) else a
                      for a in (actor1, actor2))
    if type_ in ("ASSAULT", "COERCE", "PROTEST") and story.actor_type.get(actor1 or "") == "media":
        actor1 = None  # "..., Reuters reported": the outlet is no doer
    if type_ in NEGOTIATING:
        actor1, actor2 = _negotiator(story, actor1), _negotiator(story, actor2)
    if actor2 == actor1 or (first.token is not None and type_ not in SIDES and not mutual_statement(first.token)
                            and actor2 in story.co_doers.get(first.token.i, ())):
        actor2 = None  # ("A, B and C condemned the coup": B is a party to the reaction, not its target)
    if type_ == "SANCTION":
        actor1, actor2 = _expulsion(members, story, actor1, actor2)
    place, precision = _pick_place(members, story, claim)
    if type_ == "COERCE" and story.actor_type.get(actor2 or "") not in ("government", "state") and \
            story.actors is not None and any(v.event.mode == "coup" for v in members[:4]):
        # a coup is against the government of the country it happens in (not the president it detains)
        doer = story.actor_by_id.get(actor1 or "")
        country = (story.places[place].country if place is not None else None) or (
            doer.country if doer is not None else None) or story.country
        if country:
            actor2 = story.actors.implied("government", country)
            story.learn_actor(actor2)
    target = None
    if type_ in ("ASSAULT", "COERCE") and actor2 is not None:
        kind = _facility(story, actor2)
        if kind is not None and story.actors is not None:
            country = story.places[place].country if place is not None else None
            target, actor2 = actor2, story.actors.implied(kind, country or story.country)
    date, date_from = _pick_date(members, story, claim)
    figures, fatalities, injured = _linked_figures(members, story)
    mode = next((v.event.mode for v in members if v.event.mode), None)
    asserted = next((v for v in members if v.event.modality == "asserted"), None)
    modality, reported_by = ("asserted", None) if asserted is not None else (
        "reported", next((v.event.reported_by for v in members if v.event.reported_by), None))
    lemma = first.token.lemma_.lower() if first.token is not None else ""
    context = frozenset().union(*{v.lemmas for v in members[:32]})
    acled = acled_for(type_, mode, lemma, story.actor_type.get(actor2 or ""), context)
    return StoryEvent(
        id="", type=type_, mode=mode, actor1=actor1, actor2=actor2, place=place,
        place_precision=precision, date=date, date_from=date_from, figures=figures,  # type: ignore[arg-type]
        fatalities=fatalities, injured=injured, modality=modality, reported_by=reported_by,  # type: ignore[arg-type]
        acled=acled, mentions=[v.event.id for v in members], **({"target": target} if target else {}),
        trigger=Span(**e.trigger.model_dump()) if e.trigger else None,
        evidence=Offsets(start=first.sent_start, end=first.sent_end), confidence=round(score, 3))


POSSESSIVES = {"its", "their", "his", "her", "whose", "our", "my", "your"}


def _unnamed(story: Story, actor_id: str | None) -> bool:
    """An 'actor' the table kept as a bare pronoun or a relative phrase ("its", "whose brother"): it names
    no one a user could read."""
    if actor_id is None:
        return False
    words = story.actor_names.get(actor_id, actor_id).lower().split()
    return bool(words) and (words[0] in POSSESSIVES or (len(words) == 1 and words[0] in THIRD_PERSON))


CROWD_NOUNS = {"protester", "protestor", "demonstrator", "marcher", "supporter", "crowd", "student", "youth",
               "worker", "activist", "rioter", "people", "resident", "mob", "opponent", "backer", "thousand",
               "hundred"}


def _a_crowd(story: Story, actor_id: str | None) -> bool:
    words = story.actor_names.get(actor_id or "", "").lower().split()
    return bool(words) and words[-1].rstrip("s") in CROWDS - {"worker", "student"}


def _crowd_of(members: list[MentionView], story: Story, actor2: str | None) -> str | None:
    """Who marches, when no mention says: the crowd the protest's sentence names ("thousands of students",
    "a crowd"), else the protest's unnamed crowd, "Protesters" (ACLED's name for it): a protest always has
    its crowd."""
    v = members[0]
    for _, actor_id in story.actors_between(v.sent_start, v.sent_end):
        a = story.actor_by_id.get(actor_id)
        if a is None or actor_id in (actor2, "civilians") or a.type not in ("population", "other", "party"):
            continue  # (unnamed "people" marching are the protest's crowd, not the Civilians it may hurt)
        words = {w.rstrip("s").lower() for m in a.mentions if v.sent_start <= m.start < v.sent_end
                 for w in m.text.split()}
        if words & CROWD_NOUNS:
            return actor_id
    assert story.actors is not None
    crowd = story.actors.implied("protesters")
    story.learn_actor(crowd)
    return crowd


PEOPLE_WORDS = {"man", "men", "woman", "women", "people", "person", "persons", "suspect", "suspects", "youth",
                "youths", "boy", "boys", "member", "members", "group", "individual", "individuals", "assailant",
                "assailants", "attacker", "attackers", "gunman", "gunmen", "side", "sides"}


def names_a_thing(story: Story, actor_id: str) -> bool:
    """An actor of no known kind named by no word for people: a weapon, a place, a building."""
    actor = story.actor_by_id.get(actor_id)
    if actor is None or actor.type != "other":
        return False
    return not any(w.lower().strip(".,") in PEOPLE_WORDS for m in actor.mentions for w in m.text.split()) and \
        not any(w.lower() in PEOPLE_WORDS for w in actor.name.split())


def _a_time(story: Story, actor_id: str | None) -> bool:
    """An "actor" every mention of which is a date ("Sunday's statement said"): no party to anything."""
    actor = story.actor_by_id.get(actor_id or "")
    if actor is None or not actor.mentions:
        return False
    for m in actor.mentions:
        span = story.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not all(t.ent_type_ in ("DATE", "TIME") or t.is_punct or t.tag_ == "POS" for t in span):
            return False
    return True


def _body_of(story: Story, actor_id: str | None) -> str | None:
    """The body a spokesperson speaks for (``attributes.speaks_for``, set by the actors stage), else the actor."""
    actor = story.actor_by_id.get(actor_id or "")
    body = actor.attributes.get("speaks_for") if actor is not None and actor.type == "person" else None
    if body and body in story.actor_by_id:
        return body
    return actor_id


NEGOTIATING = {"AGREE", "CONSULT"}
HELD = {"captive", "hostage", "prisoner", "detainee", "abductee", "inmate"}


def _negotiator(story: Story, actor_id: str | None) -> str | None:
    """Talks and agreements are a state's government's, not its army's: "clashes pitting rebels against the
    army ... talks began" is the government negotiating (event data codes it so)."""
    actor = story.actor_by_id.get(actor_id or "")
    if actor is not None and actor.type == "population" and actor.name.lower().split()[-1].rstrip("s") in HELD:
        return None  # "talks on an exchange of captives": those exchanged are no party to the talks
    if actor is None or actor.type != "military" or story.actors is None or not (
            actor.id == "military" or actor.id.endswith("-military")):
        return actor_id  # a named force ("the Revolutionary Armed Forces of Colombia") negotiates as itself
    country = actor.country or story.country
    if not country:
        return actor_id
    government = story.actors.implied("government", country)
    story.learn_actor(government)
    return government


EXPELLING = {"expel", "throw", "kick", "order", "tell", "ask", "declare", "oust", "recall", "summon"}
ENVOYS = {"diplomat", "ambassador", "envoy", "consul", "attache", "attaché", "chargé", "charge", "emissary",
          "diplomats", "envoys", "ambassadors"}
LEAVING = {"leave", "quit", "depart", "exit"}


def _expulsion(members: list[MentionView], story: Story, actor1: str | None,
               actor2: str | None) -> tuple[str | None, str | None]:
    """A diplomatic expulsion is coded state against state: "a senior Indian diplomat has been thrown
    out of Canada" -> Canada expels, India is expelled; "was told to leave India" -> India expels."""
    kb = story.actors.kb if story.actors is not None else None
    if kb is None:
        return actor1, actor2
    for v in members[:4]:
        tok = v.token
        if tok is None or tok.lemma_.lower() not in EXPELLING:
            continue
        envoy = None
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")] if tok.lemma_.lower() not in \
            ("tell", "ask", "order") else [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        for obj in objects:
            if obj.lemma_.lower() in ENVOYS or obj.lower_ in ENVOYS:
                envoy = next((kb.demonym(w.text) or kb.country_of_name(w.text) for w in obj.lefts
                              if kb.demonym(w.text) or kb.country_of_name(w.text)), None)
        if envoy is None and actor2 is not None and story.actor_type.get(actor2) not in ("person", "other", None):
            return actor1, actor2  # a state or an organisation is expelled already
        host = None
        for t in itertools.islice(tok.subtree, 32):
            out_of = t.dep_ == "pobj" and t.head.lower_ in ("of", "from") and (
                t.head.head.lower_ == "out" or t.head.head.i == tok.i)
            left = t.dep_ == "dobj" and t.head.lemma_.lower() in LEAVING
            if (out_of or left) and t.ent_type_ == "GPE":
                host = kb.country_of_name(t.text)
                if host:
                    break
        if actor1 is None and host is not None:
            actor1 = story.actors.implied("state", host)  # type: ignore[union-attr]
            story.learn_actor(actor1)
        if envoy is not None and envoy != host:
            actor2 = story.actors.implied("state", envoy)  # type: ignore[union-attr]
            story.learn_actor(actor2)
        break
    return actor1, actor2



def place_head(story: Story, place: int) -> Any:
    """The root token of the place's name in the story's parse (None when it is not aligned)."""
    p = story.places[place]
    span = story.doc.char_span(p.start, p.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


# Parties on both sides of one act: talks, agreements, cooperation.
SIDES = {"AGREE", "CONSULT", "COOPERATE"}
