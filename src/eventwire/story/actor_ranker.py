"""Who did it, weighed: a learned re-ranking of the doer (actor1) candidates of a story event.

The rules of ``resolve.py`` pick a doer by a fixed order (a named doer any mention gives, an
attribution, the clause's subject, a named armed group nearby, a generic doer).  Real reports
name several parties around an act -- the source, the target, a mediator, a group the sentence
before named -- and a fixed order misses some.  This ranker scores every actor the event's
sentences name (and the rules' pick) with a logistic model over where and how each is named,
trained on our own coded real reports (``benchmarks/train_actor_ranker.py``; weights in
``data/story_actor_ranker.json``).  The rules' pick is one of its features, so the model learns
when to trust it.  Linear in the mentions of the event's first sentences.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..events.roles import patient_possessive
from .features import MentionView, mutual_statement

if TYPE_CHECKING:
    from .resolve import Story

WEIGHTS_FILE = "data/story_actor_ranker.json"
STATEMENTS = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "AGREE", "CONSULT", "SUPPORT", "SANCTION", "RETREAT",
              "MOBILIZE", "COOPERATE", "AID", "DISAPPROVE", "CONCEDE"}
SAYING = {"say", "tell", "report", "announce", "claim", "add", "state", "confirm", "according", "note", "write",
          "post", "quote", "cite"}
MAX_CANDIDATES = 12


def kind_of(event_type: str) -> str:
    """Violence (an act done to someone) or a statement, for how sure the ranker must be to fill a gap."""
    return "violence" if event_type in ("ASSAULT", "COERCE", "PROTEST") else "statement"


def family(event_type: str) -> str:
    if event_type in ("ASSAULT", "COERCE", "PROTEST"):
        return event_type
    return "statement"


@dataclass
class Candidate:
    actor: str
    features: dict[str, float] = field(default_factory=dict)


def _head_of(doc: Any, start: int) -> Any:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    for _ in range(4):  # up to the mention's head noun
        if tok.dep_ in ("compound", "amod", "det", "nummod", "quantmod") and tok.head != tok \
                and tok.head.i > tok.i:
            tok = tok.head
        else:
            break
    return tok


AUTHORITY_MODES = {"restrict", "arrest", "detention", "evacuation", "deport", "ban", "martial-law", "search", "censor"}


def _is_place(story: Story, actor_id: str) -> bool:
    """Every mention of the actor lies in a place the places stage found."""
    actor = story.actor_by_id.get(actor_id)
    if actor is None or not actor.mentions:
        return False
    return all(any(story.places[i].start <= m.start and m.end <= story.places[i].end
                   for i in story.places_between(m.start - 60, m.end)) for m in actor.mentions[:4])


def _in_source(tok: Any) -> bool:
    """The token lies in an "according to ..." phrase (with its appositions and relative clauses)."""
    cur = tok
    for _ in range(6):
        if cur.lower_ == "according" and cur.dep_ == "prep":
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _role_of(tok: Any, trigger: Any) -> str:
    """How the mention's head stands to the event's trigger."""
    if tok is None:
        return "none"
    if trigger is not None and tok.head.i == trigger.i:
        return f"trig:{tok.dep_}"
    if tok.dep_ == "pobj" and trigger is not None and tok.head.head.i == trigger.i:
        return f"trig:prep:{tok.head.lower_}"
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in SAYING:
        return "sayer"
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return "sayer"
    if tok.dep_ == "poss":
        return "poss"
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return f"other:{tok.dep_}"
    return "other"


def _path(tok: Any, trigger: Any) -> str | None:
    """The dependency path from the mention's head up to where it meets the trigger's line, and down
    to the trigger ("nsubj>advcl", "poss>pobj>prep"); None when it is longer than 3 steps a side."""
    if tok is None or trigger is None or tok.sent.start != trigger.sent.start:
        return None
    up: list[Any] = [tok]
    while up[-1].head != up[-1] and len(up) < 5:
        up.append(up[-1].head)
    down: list[Any] = [trigger]
    while down[-1].head != down[-1] and len(down) < 5:
        down.append(down[-1].head)
    down_index = {t.i: n for n, t in enumerate(down)}
    meet = next((n for n, t in enumerate(up) if t.i in down_index), None)
    if meet is None or meet > 3 or down_index[up[meet].i] > 3:
        return None
    rise = ">".join(t.dep_ for t in up[:meet])
    fall = "<".join(t.dep_ for t in reversed(down[:down_index[up[meet].i]]))
    joint = "say" if up[meet].lemma_.lower() in SAYING else up[meet].pos_
    return f"{rise}^{joint}^{fall}"


def candidates(members: list[MentionView], story: Story, rule_pick: str | None, other: str | None,
               role: str = "actor1") -> list[Candidate]:
    """Every actor the event's first sentence, the sentence before it and its first mentions name,
    with the features of how they are named, for the `role` ("actor1" or "actor2"; `other` is the
    actor chosen for the other role)."""
    first = members[0]
    fam = family(first.event.type)
    prev_start = story.sent_starts[first.sent_index - 1] if first.sent_index > 0 else first.sent_start
    found: dict[str, Candidate] = {}

    def add(actor: str) -> Candidate:
        if actor not in found:
            found[actor] = Candidate(actor)
        return found[actor]

    def of(v: MentionView, which: str) -> str | None:
        return v.event.actor1 if which == "actor1" else v.event.actor2

    counter = "actor2" if role == "actor1" else "actor1"
    own = [a for v in members[:8] for a in [of(v, role)] if a]
    others = {a for v in members[:8] for a in [of(v, counter)] if a} | ({other} if other else set())
    for a in own:
        add(a)
    if rule_pick:
        add(rule_pick)
    for v in members[:3]:
        if role == "actor1" and v.index in story.attributions:
            add(story.attributions[v.index]).features["attribution"] = 1.0
    trigger = first.token
    spans = [(prev_start, first.sent_start, "prev"), (first.sent_start, first.sent_end, "sent")]
    positions: dict[str, list[tuple[int, str]]] = {}
    for a, b, where in spans:
        for off, actor in story.actors_between(a, b)[:24]:
            add(actor)
            positions.setdefault(actor, []).append((off, where))
    patients: set[str] = set()
    for c in list(found.values())[:MAX_CANDIDATES]:
        f = c.features
        t = story.actor_type.get(c.actor, "other")
        f["bias"] = 1.0
        f[f"{fam}|type={t}"] = 1.0
        f[f"type={t}"] = 1.0
        if c.actor == rule_pick:
            f["rule_pick"] = 1.0
            f[f"{fam}|rule_pick"] = 1.0
        if of(first, role) == c.actor:
            f["mention_first"] = 1.0
        n = own.count(c.actor)
        if n:
            f["mention"] = 1.0
            f["mention_many"] = float(n > 1)
        if c.actor in others:
            f["other_role"] = 1.0
            f[f"{fam}|other_role"] = 1.0
        if c.actor == other:
            f["other_pick"] = 1.0
        if story.generic_actor(c.actor):
            f["generic"] = 1.0
        if c.actor == first.quote_speaker:
            f["quote_speaker"] = 1.0
        pos = positions.get(c.actor, [])
        if not pos:
            f["outside_window"] = 1.0
        else:
            where = {w for _, w in pos}
            if "sent" in where:
                f["in_sentence"] = 1.0
                here = [o for o, w in pos if w == "sent"]
                if trigger is not None:
                    f["before_trigger"] = float(min(here) < trigger.idx)
                tok = _head_of(story.doc, here[0])
                if tok is not None and tok.dep_ == "poss" and patient_possessive(tok.head) is not None:
                    # "condemned Bazoum's detention": the detainee is neither doer nor the one condemned
                    patients.add(c.actor)
                if tok is not None and role == "actor1" and fam != "statement" and _in_source(tok):
                    patients.add(c.actor)  # "according to X, a spokeswoman for Y, strikes hit": X and Y tell
                dep = _role_of(tok, trigger)
                f[f"role={dep}"] = 1.0
                f[f"{fam}|role={dep}"] = 1.0
                path = _path(tok, trigger)
                f[f"path={path}"] = 1.0
                f[f"{fam}|path={path}"] = 1.0
                if first.in_quote and tok is not None and first.sent_start <= tok.idx < first.sent_end:
                    f["same_quote_sentence"] = 1.0
            elif "prev" in where:
                f["prev_sentence_only"] = 1.0
                f[f"{fam}|prev_sentence_only"] = 1.0
        actor = story.actor_by_id.get(c.actor)
        count = len(actor.mentions) if actor is not None else 0
        f["story_mentions=1"] = float(count <= 1)
    media = {a for a in found if story.actor_type.get(a) == "media"} if role == "actor1" and fam != "statement" \
        else set()  # an outlet reports violence, it does not do it
    if role == "actor1" and fam == "PROTEST":  # the forces that police a protest do not march in it
        media |= {a for a in found if story.actor_type.get(a) in ("military", "police")}
    if role == "actor1" and fam == "COERCE" and first.event.mode in AUTHORITY_MODES:
        # a curfew, an arrest, an evacuation order are an authority's: the crowd or the residents are not who
        media |= {a for a in found if story.actor_type.get(a) == "population"}
    if role == "actor2" and fam == "statement":  # whom a statement addresses, its own sentence names
        media |= {a for a, c in found.items() if "prev_sentence_only" in c.features and a not in others
                  and a not in own}
    if role == "actor2" and trigger is not None and not mutual_statement(trigger):
        # "A, B and C condemned the coup": B is no target of A's ("accused each other": it is)
        media |= story.co_doers.get(trigger.i, set())
    # a place the tagger took for a name ("Juarez") is where, not who
    media |= {a for a in found if story.actor_type.get(a, "other") in ("other", "person") and _is_place(story, a)}
    return [c for c in list(found.values())[:MAX_CANDIDATES]
            if c.actor not in media and (c.actor not in patients or c.actor == rule_pick)]


@dataclass
class RoleModel:
    weights: dict[str, float]
    threshold: float = 0.5  # how sure the model must be to override the rules' pick
    fill_threshold: float = 0.5  # ... and to name someone where the rules found nobody
    fill_by_kind: dict[str, float] = field(default_factory=dict)  # ... per kind of event ("violence", "statement")

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def choose(self, cands: list[Candidate], rule_pick: str | None, kind: str | None = None) -> str | None:
        """The best candidate when the model is sure enough of it, else the rules' pick."""
        if not self.weights or not cands:
            return rule_pick
        best = max(cands, key=lambda c: self.probability(c.features))
        needed = self.threshold if rule_pick is not None else self.fill_by_kind.get(kind or "", self.fill_threshold)
        return best.actor if self.probability(best.features) >= needed else rule_pick


@dataclass
class ActorRanker:
    roles: dict[str, RoleModel] = field(default_factory=dict)

    def choose(self, role: str, cands: list[Candidate], rule_pick: str | None, kind: str | None = None) -> str | None:
        model = self.roles.get(role)
        return model.choose(cands, rule_pick, kind) if model is not None else rule_pick

    def __contains__(self, role: str) -> bool:
        return role in self.roles

    @classmethod
    def load(cls) -> ActorRanker:
        return _load()


@lru_cache(maxsize=1)
def _load() -> ActorRanker:
    ref = resources.files("eventwire").joinpath(WEIGHTS_FILE)
    if not ref.is_file():
        return ActorRanker()  # no model shipped: the rules alone decide
    data = json.loads(ref.read_text(encoding="utf-8"))
    roles = {}
    for role, model in (data.get("roles") or {}).items():
        weights = model.get("weights") or {}
        if not isinstance(weights, dict):
            raise ValueError(f"actor ranker: '{role}' weights must be an object")
        roles[role] = RoleModel(weights={str(k): float(v) for k, v in weights.items()},
                                threshold=float(model.get("threshold", 0.5)),
                                fill_threshold=float(model.get("fill_threshold", model.get("threshold", 0.5))),
                                fill_by_kind={str(k): float(v) for k, v in (model.get("fill_by_kind") or {}).items()})
    return ActorRanker(roles=roles)
