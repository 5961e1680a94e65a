"""Expansion of a story record, as analysts code (CONVENTIONS: "one event per place", "one per actor
in multi-actor reactions", "both directions of a clash"): one record per place when the event's
sentences list several places hit (the evidence sentence's list, else a restatement's: "the strikes
hit A and B"); one per party when several react together ("A, B and C recalled their envoys"); and
both directions of a clash or of a fight told as reciprocal ("fought each other"). Each record reads
its own mentions' parses only: linear in mentions.
"""

from __future__ import annotations

from typing import Any

from ..events.acled import BATTLE_TRIGGERS
from ..schema import StoryEvent
from .features import MentionView, mutual_statement, reciprocal
from .resolve import PLACE_RANK, Story, place_head

# Sides that fight: a clash between two of them is coded both ways (CONVENTIONS: "both directions of a clash").
FIGHTING_TYPES = {"military", "armed_group", "state", "government", "population"}


def _coordinated_places(v: MentionView, place: int, story: Story) -> list[int]:
    """The places listed with the attached one ("bombings in Songkhla, Narathiwat and Yala"): one
    event per place, as analysts code them."""
    head = place_head(story, place)
    if head is None:
        return [place]
    first = head
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    chain, todo = {first.i}, [first]
    while todo:  # the conjuncts of the first: "A, B and C" (the parser may hang "B and C" as an apposition)
        for c in todo.pop().children:
            if c.i not in chain and (c.dep_ == "conj" or (c.dep_ == "appos" and any(
                    g.dep_ == "conj" for g in c.children))):
                chain.add(c.i)
                todo.append(c)
    chain |= _coordinated_preps(first)
    if len(chain) < 2 or (first.head.lower_ == "between" and first.dep_ == "pobj"):
        return [place]  # "the road between A and B" names one stretch, not places hit
    out: list[int] = []
    for i in story.places_between(v.sent_start, v.sent_end):
        q = story.places[i]
        if any(story.places[j].text == q.text for j in out):
            continue
        h = place_head(story, i)
        if h is not None and h.i in chain:
            out.append(i)
    return out if place in out else [place]


def _coordinated_preps(head: Any) -> set[int]:
    """Places named by prepositions joined to the one the place hangs on: "in Caracas as well as in San
    Cristobal", "in neighbourhoods of A and in B" (the objects of the joined prepositions)."""
    prep = head.head if head.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "of" and prep.head.dep_ == "pobj":
        prep = prep.head.head  # "in neighbourhoods of Caracas"
    if prep is None or prep.pos_ != "ADP" or prep.lower_ not in ("in", "at", "on", "near", "around"):
        return set()
    out = set()
    for c in prep.children:
        if c.dep_ == "conj" and c.pos_ == "ADP":
            out |= {g.i for g in c.children if g.dep_ == "pobj"}
    return out | {head.i} if out else set()


MUTUAL_OBJECTS = {"fire", "gunfire", "shot", "blow", "salvo", "barrage", "strike"}


def _mutual(tok: Any) -> bool:
    """A fight both sides wage: "clashes", "a gunbattle", "exchanged fire with", "traded shots", "an
    exchange of fire"."""
    if tok is None:
        return False
    lemma = tok.lemma_.lower()
    if lemma in BATTLE_TRIGGERS or lemma in ("gunbattle", "firefight", "shootout"):
        return True
    if lemma in ("exchange", "trade") and tok.tag_ != "NNS":  # "kept up their exchanges of fire": a pattern
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in MUTUAL_OBJECTS for o in objs)
    return False


def _with_side(tok: Any) -> bool:
    """The fight names the side it was fought with: "a gunfight with the RSO", "clashes between A and B"."""
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between", "against") for c in tok.children)


def _target_places(v: MentionView, story: Story) -> list[int]:
    """Places listed as what the act hit ("strikes hit Saraqeb and Ehsim", "shelled A, B and C"):
    the direct object of the trigger (or the subject of its passive) and its conjuncts."""
    tok = v.token
    if tok is None:
        return []
    targets = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.lemma_.lower() == "come" and any(c.dep_ == "prep" and c.lower_ == "under" for c in tok.children):
        targets += [c for c in tok.children if c.dep_ == "nsubj"]  # "the villages came under fire"
    # "the villages of A, B and C", "two towns, A and B": the names hang off the target noun
    targets += [g for t in list(targets) for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    targets += [c for t in list(targets) for c in t.children if c.dep_ == "appos"]
    if not targets:
        return []
    for i in story.places_between(v.sent_start, v.sent_end):
        h = place_head(story, i)
        if h is not None and h.i in {t.i for t in targets}:
            places = _coordinated_places(v, i, story)
            if len(places) > 1:
                return places
    return []


def _own_list(v: MentionView, story: Story, evidence: bool = False) -> list[int]:
    """The places one mention lists for its act: what it hit, else its own place's conjuncts. Towns,
    districts and regions only: countries listed together are more often allies, sponsors or the
    scope of a war ("armed by Iran and Syria", "fighters from Iraq and Syria")."""
    places = _target_places(v, story)
    if not places and evidence and v.event.place is not None:
        places = _coordinated_places(v, v.event.place, story)  # the evidence mention's attached list
        return places if len(places) > 1 else []
    if not places:
        own = v.event.place
        if own is None and getattr(v.event, "place_precision", None) == "clause":
            own = getattr(v.event, "place_guess", None)  # a place of the clause the parse did not attach
        places = _coordinated_places(v, own, story) if own is not None else []
    if len(places) < 2 or any(story._rank(i) >= PLACE_RANK["country"] for i in places):
        return []
    return places


def _place_list(record: StoryEvent, members: list[MentionView], story: Story) -> list[int]:
    """The places the event's sentences list for the act, when one lists several (else []): the
    evidence sentence's list, else a restatement's ("the strikes hit A and B") when the record's own
    place is none of a finer one."""
    first = [v for v in members if v.sent_index == members[0].sent_index]
    for v in first:
        places = _own_list(v, story, evidence=True)
        if places:
            return places
    if record.place is not None and record.place_precision == "sentence":
        holder = next((v for v in first if getattr(v.event, "place_guess", None) == record.place), None)
        if holder is not None:
            places = _coordinated_places(holder, record.place, story)
            if len(places) > 1:
                return places
    for v in members:
        if v.sent_index == members[0].sent_index:
            continue
        places = _own_list(v, story)
        if places and (record.place is None or record.place in places
                       or story._rank(record.place) >= min(story._rank(i) for i in places)):
            return places
    return []


# Reactions each party makes on its own account: "A, B and C recalled their envoys" is three acts
# (CONVENTIONS: "one per actor in multi-actor reactions"), and so is the aid each donor sends ("the US and
# the EU sent food"); agreements and talks are one act of all.
REACTIONS = {"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "SANCTION", "CONCEDE", "AID"}


def _doer_of(tok: Any, story: Story) -> str | None:
    """The actor a subject token names: an actor mention over it, else a country named as the
    doer ("Mali, Burkina Faso and Niger recalled ...": the states)."""
    for start, actor_id in story.actors_between(tok.idx, tok.idx + len(tok.text) + 1):
        if start <= tok.idx:
            return actor_id
    sub = tok.doc[tok.left_edge.i:tok.i + 1]
    for _start, actor_id in story.actors_between(sub.start_char, tok.idx + len(tok.text)):
        return actor_id
    for i in story.places_between(sub.start_char, tok.idx + len(tok.text)):
        q = story.places[i]
        if q.feature == "country" and q.country and story.actors is not None:
            actor_id = story.actors.implied("state", q.country)
            story.learn_actor(actor_id)
            return actor_id
    return None


# Bodies that speak for the states "of" names: "the embassies of France, Germany and the UK".
ENVOYS = {"embassy", "mission", "government", "envoy", "ambassador", "delegation", "representative", "minister",
          "leader", "ministry", "authority", "official", "diplomat", "president", "parliament"}


def _named_members(chain: list[Any], story: Story) -> list[Any]:
    """A conjunct that names no party but lists some stands for them: "close partners such as Australia
    and Japan", "allies including France", "the embassies of France, Germany and the UK"."""
    out = []
    for t in chain:
        named = None
        envoys = t.lemma_.lower() in ENVOYS and t.tag_ == "NNS"  # "the embassies of", not "the minister of"
        if _doer_of(t, story) is None or envoys:
            for c in t.children:
                if c.dep_ == "prep" and (c.lower_ in ("including", "like") or (
                        c.lower_ == "as" and any(g.lower_ == "such" for g in c.children)) or (
                        c.lower_ == "of" and envoys)):
                    named = [g for g in c.children if g.dep_ == "pobj"]
                    todo = list(named)
                    while todo:  # "France, Germany, Italy and Spain": each conjunct hangs on the one before
                        for x in todo.pop().children:
                            if x.dep_ == "conj" and x not in named:
                                named.append(x)
                                todo.append(x)
        out += named or [t]
    if len(out) > len(chain):
        # "the embassies and missions of A and B": a body without a list of its own speaks for the same states
        out = [t for t in out if not (t in chain and t.lemma_.lower() in ENVOYS and _doer_of(t, story) is None)]
    return out


# Verbs whose object reaction comes "from" its parties: "drew condemnation from A and B", "received aid from".
DRAWN_FROM = {"draw", "receive", "get", "attract", "face", "win", "earn", "prompt", "spark", "provoke", "trigger"}


def _conjoined_doers(record: StoryEvent, members: list[MentionView], story: Story) -> list[str]:
    """The parties of a reaction whose subject lists several ("A, B and C condemned ...")."""
    tok = members[0].token
    if tok is None:
        return []
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in ("they", "we") and verb.dep_ in ("ccomp", "xcomp"):
        # "A, B and C declared that they were suspending ties": the parties are the speakers
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    for _ in range(4):
        # "A and B issued a statement urging ...", "a statement that voiced concern and urged ...", "A joined B
        # in criticising ...": the act's parties are those of the verb it hangs on
        relative = subj is not None and subj.lower_ in ("that", "which") and verb.dep_ == "relcl"
        if (subj is not None and not relative) or verb.head == verb or verb.dep_ not in (
                "acl", "relcl", "conj", "pcomp", "xcomp", "advcl", "pobj", "dobj", "prep") or any(
                c.dep_ == "nsubjpass" for c in verb.children):
            break  # (a passive's subject is who was told or asked to act: "countries that were told to withdraw")
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ in ("VERB", "AUX") \
            else None
    if (subj is not None and subj.i == tok.i) or (tok.pos_ == "NOUN" and tok.dep_ == "dobj" and
                                                  tok.head.lemma_.lower() in DRAWN_FROM):
        # "condemnation came from A, B and C", "the killings drew condemnation from A and B", "aid from A and B":
        # the parties are those the reaction comes from
        sources = [g for h in (tok, verb) for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj"]
        subj = sources[0] if sources else None if subj is not None and subj.i == tok.i else subj
    if subj is None:
        return []
    chain, todo = [subj], [subj]
    partners = []
    if verb.lemma_.lower() == "join" and verb != tok:
        # "the bloc joined Norway and Japan in condemning the coup": the partners condemned it too
        partners = [c for c in verb.children if c.dep_ == "dobj"]
    # "Japan, like Norway, condemned ...", "A, along with B, ...": the phrase names a party doing the same
    partners += [g for c in [*subj.children, *(c for c in verb.children if c.i < verb.i)]
                 if c.dep_ == "prep" and (c.lower_ == "like" or (
        c.lower_ in ("with", "as") and any(x.lower_ in ("along", "together", "well") for x in c.children)))
                 for g in c.children if g.dep_ == "pobj"]
    # "A condemned the attack, as did B and C"
    partners += [g for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() == "do" and any(
        m.dep_ == "mark" and m.lower_ == "as" for m in c.children) for g in c.children if g.dep_ == "nsubj"]
    chain += partners
    todo += partners
    while todo:
        for c in todo.pop().children:
            # (a list the parser reads as an apposition that goes on: "Mali, Burkina Faso and Niger")
            if (c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children))) \
                    and c not in chain:
                chain.append(c)
                todo.append(c)
    named = _named_members(chain, story)
    if len(named) < 2:
        return []
    doers: list[str] = []
    for t in sorted(named, key=lambda t: t.i):
        actor_id = _doer_of(t, story)
        if actor_id is None:
            return []  # a list the stage cannot name in full: keep the one record
        if actor_id not in doers:
            doers.append(actor_id)
    if len(doers) < 2:
        return []
    given = story.co_doers.get(tok.i, set())
    if len(given) > 1:
        # the events stage gave the parties it could name a mention each: the record of the first adds
        # the rest ("Burkina Faso", a country the actor table does not hold as a party)
        first = next((d for d in doers if d in given), None)
        return [d for d in doers if d not in given] if record.actor1 == first else []
    spoken_for = len(chain) == 1 and record.actor1 is not None and record.actor1 == _doer_of(chain[0], story)
    return doers if record.actor1 is None or record.actor1 in doers or story.generic_actor(record.actor1) \
        or spoken_for else []  # ("the embassies of A and B": the embassies speak for A and for B)


def expand(record: StoryEvent, members: list[MentionView], story: Story) -> list[StoryEvent]:
    """One record per place when a mention lists several places attacked, and both directions of a
    clash between two fighting sides."""
    out = [record]
    if record.type in ("ASSAULT", "PROTEST", "COERCE"):
        places = _place_list(record, members, story)
        if places:
            out = [record.model_copy(update={"place": i, "place_precision": record.place_precision
                                             if i == record.place else "attached"}) for i in places]
    if record.type in REACTIONS:
        doers = _conjoined_doers(record, members, story)
        if doers:
            keep = [r for r in out if r.actor1 not in doers and len(story.co_doers.get(
                members[0].token.i, ())) > 1]  # type: ignore[union-attr]
            # "A and B accused each other", "traded accusations": each party's statement is about the other
            mutual = len(doers) == 2 and mutual_statement(members[0].token)
            out = keep + [r.model_copy(update={"actor1": d, "actor2": (
                next(x for x in doers if x != d) if mutual else r.actor2 if r.actor2 not in doers else None)})
                          for r in out for d in doers]
    if record.type != "ASSAULT" or not (record.actor1 and record.actor2):
        return out
    # another mention in the evidence sentence may tell the fight as mutual with its other side ("were
    # killed in a gunfight with X"); not "shot dead a man when clashes broke out"
    first = [members[0].token] + [v.token for v in members[1:] if v.sent_index == members[0].sent_index
                                  and v.token is not None and _with_side(v.token)]
    if any(reciprocal(t) for t in first) or (any(_mutual(t) for t in first) and
                                             story.actor_type.get(record.actor1) in FIGHTING_TYPES and
                                             story.actor_type.get(record.actor2) in FIGHTING_TYPES):
        out += [r.model_copy(update={"actor1": r.actor2, "actor2": r.actor1}) for r in out]
    return out
