"""The events stage: who did what to whom, where and when — PLOVER-typed, with modality.

    find_events(doc, places, times, actors, quotes, figures) -> list[schema.Event]

Rules over the dependency parse and a trigger lexicon (data/events_triggers.tsv), one pass
over the tokens of each sentence.  Modules: ``lexicon`` (the trigger lexicon, word classes, parse
helpers), ``triggers`` (context rules -> type/mode), ``readings`` (the codebook's harder readings),
``roles`` (actor1/actor2), ``statements`` (intent, obligation, content of verbal acts), ``modality``,
``link`` (place, date, figures), ``coref`` (mentions of the same event), ``acled``.
Conventions: docs/events.md.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..actors import ActorTable
from ..schema import Event, Figure, Offsets, Place, Quote, Span, Time
from .acled import acled_for
from .coref import corefer
from .link import assign_figures, clause_of, pick_date, pick_place
from .modality import modality
from .roles import (
    NEGOTIATING,
    PARTNER_NOUNS,
    actor_for,
    conjoined_actors,
    mediator,
    negotiating_partners,
    roles,
)
from .statements import STATING, content_indices, statement_triggers
from .triggers import DISASTER_CONTEXT, EXPEL_ASKS, PROTESTERS, Trigger, classify, territorial, verbal

__all__ = ["find_events"]

# A claim is made by its speaker: when a claim verb is a quote's cue, the speaker is actor1.
CLAIM_TYPES = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE", "CONCEDE"}
CASUALTY = {"killed", "injured"}
MEDIATION = {"mediate", "mediation", "mediator", "broker"}
ENDED = {"end", "expire", "collapse", "break", "violate", "breach", "lapse", "renege", "abandon", "scrap", "ditch",
         "tear", "withdraw", "quit"}


def _ends(verb: Token) -> bool:
    """The verb ends what its preposition's object names: "after the truce ended", "reneged on the deal",
    "went back on a deal", "pulled out of the accord"."""
    lemma = verb.lemma_.lower()
    prts = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    return lemma in ENDED or (lemma in ("go", "walk", "pull", "back") and bool(prts & {"back", "away", "out"}))
# Claims whose speaker, when the clause names none, is who says it ("the vote was marred by fraud,
# the opposition says"); and reactions that are one event per party ("A, B and C condemned").
SPOKEN_CLAIMS = {"ACCUSE", "REQUEST", "THREATEN", "REJECT"}
REACTIONS = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "CONCEDE"}
CROWD_FORCE = {"tear gas", "water cannon", "disperse"}
CROWD_THROW = {"threw", "throwing", "throw", "throws", "hurled", "hurling", "hurl", "hurls"}
# A promise to do harm is a threat ("the president's pledge that the army would press on with its offensive").
PLEDGES = {"pledge", "promise", "vow", "swear"}
HARM = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
# Verbal acts whose complement is their content, not a second event (PLOVER codes "threatened to
# strike", "demanded the release of", "refused to withdraw" once, as THREATEN / REQUEST / REJECT).
VERBAL_ACTS = {"THREATEN", "REQUEST", "REJECT", "AGREE", "CONCEDE", "SUPPORT"}
CONTENT_PREPS = {"for", "of", "to", "on", "against", "about", "over"}
# Acts whose nominal object has not happened (or is denied): "demanded the release", "threatened a
# strike", "rejected the deal". What is welcomed or regretted did happen: "regretted the attacks".
IRREALIS_OBJECT = {"THREATEN", "REQUEST", "REJECT"}
# Promises whose content is still to come: "agreed to postpone the march", "offered to host talks".
PROMISE_VERBS = {"agree", "promise", "pledge", "offer", "vow", "consent", "accept"}
# Ending or suspending something is not that thing happening: "lifted the curfew", "suspended aid".
ENDING_VERBS = {"lift", "ease", "end", "cancel", "relax", "shorten", "rescind", "suspend", "halt", "cut", "freeze",
                "terminate", "call", "prevent", "prohibit", "outlaw"}
# PLOVER modes of a verbal act, from what it is about (THREATEN: what is threatened; REQUEST and
# REJECT share the modes assist / yield / meet).
THREAT_MODES = {"ASSAULT": "violence", "SANCTION": "relations", "PROTEST": "restrict", "MOBILIZE": "violence"}
COERCE_THREAT_MODES = {"arrest": "arrest", "ban": "ban", "deport": "expel"}
ASK_MODES = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "RETREAT": "yield", "CONCEDE": "yield",
             "CONSULT": "meet"}


def _content_mode(type_: str, content: Trigger) -> str | None:
    if type_ == "THREATEN":
        if content.type == "COERCE":
            return COERCE_THREAT_MODES.get(content.mode or "", "restrict")
        return THREAT_MODES.get(content.type)
    if type_ in ("REQUEST", "REJECT"):
        return ASK_MODES.get(content.type)
    return None


def _claim_made_by(claim: Token, rejection: Token) -> bool:
    """The object of a rejection is a claim someone is named making ("rejected claims by Warsaw",
    "denied Kyiv's accusations"): an accusation of its own, coded with its denial."""
    return claim.dep_ == "dobj" and claim.head.i == rejection.i and any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in claim.children)


# How a sentence may tell that an attack was a bombing without a bombing verb.
_EXPLOSIVE_NOUNS = {"ied", "landmine", "mine", "explosive", "explosives", "grenade", "bomb"}
_LADEN = {"bomb-laden", "explosives-laden", "explosive-laden", "booby-trapped"}
_BOMB_KINDS = {"car", "roadside", "truck", "improvised", "planted", "suicide"}


def _explosive_means(sent: SpacySpan) -> str | None:
    """"suicide-attack" or "explosives" when the sentence names the means ("a suicide bomber", "a car
    bomb", "an explosives-laden vehicle", "a roadside bomb"), else None."""
    lower = [t.lower_ for t in sent]
    if "bomber" in lower and "suicide" in lower:
        return "suicide-attack"
    if any(w in _LADEN for w in lower) or any(
            t.lemma_.lower() in _EXPLOSIVE_NOUNS and t.pos_ == "NOUN"
            and t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and any(c.lower_ in _BOMB_KINDS for c in t.children)
            for t in sent):
        return "explosives"
    return None


def _content_of(tok: Token, by_i: dict[int, Trigger]) -> Trigger | None:
    """The trigger whose content `tok` is: a clausal complement of a verbal act ("threatened to
    attack", "urged them to withdraw"), or a nominal object of a demand, threat or rejection
    ("demanded the release", "called for a ceasefire"), a sanction ("suspended the talks") or a
    charge ("charges of murder")."""
    dep = tok.dep_
    gov = None
    if dep in ("xcomp", "ccomp"):
        gov = by_i.get(tok.head.i)
        if gov is not None and gov.type in VERBAL_ACTS:
            return gov
        return None
    if tok.pos_ == "VERB":
        return None
    if dep == "dobj":
        gov = by_i.get(tok.head.i)
    elif dep == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in CONTENT_PREPS:
        gov = by_i.get(tok.head.head.i)
    if gov is not None and gov.type != by_i[tok.i].type and (
            gov.type in IRREALIS_OBJECT or (gov.type == "SANCTION" and gov.token.pos_ == "VERB")
            or (gov.type == "ACCUSE" and gov.token.pos_ in ("NOUN", "PROPN"))):  # "charges of murder"
        return gov
    return None


def _quote_at(quotes: list[Quote], starts: list[int], pos: int) -> Quote | None:
    """The quote whose content holds character `pos` (quotes sorted by start; they rarely nest)."""
    i = bisect_right(starts, pos) - 1
    while i >= 0:
        q = quotes[i]
        if q.start <= pos < q.end:
            frags = getattr(q, "fragments", None)
            if not frags or any(a <= pos < b for a, b in frags):
                return q
        if starts[i] < pos - 2000:
            break
        i -= 1
    return None


def _reciprocal(doc: Doc, tok: Token, actors: ActorTable | None) -> tuple[str, str] | None:
    """(A, B) when the trigger's object is "each other"/"one another" and its subject is "A and B"."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj") and c.lower_ in ("other", "another")), None)
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if obj is None or subj is None:
        return None
    second = next((c for c in subj.children if c.dep_ == "conj"), None)
    if second is None:
        return None
    a = actor_for(doc, subj, actors)
    b = actor_for(doc, second, actors)
    return (a, b) if a and b and a != b else None


def _depth(tok: Token) -> int:
    """Distance from the token to the root of its sentence's parse."""
    depth = 0
    while tok.head != tok and depth < 64:
        tok = tok.head
        depth += 1
    return depth


def _content_modality(t: Trigger) -> str | None:
    """Whether what a verbal act is about happened: a demand's or threat's content is hypothetical,
    a promise's planned, a refusal's negated; an ended sanction or a lifted curfew says nothing."""
    if t.type in ("REQUEST", "THREATEN", "PROTEST"):
        return "hypothetical"
    if t.type == "REJECT":
        return "negated"
    if t.type == "AGREE" and (t.kind is not None or t.token.lemma_.lower() in PROMISE_VERBS):
        return "planned"
    return None


def _purposes(tok: Token) -> list[Token]:
    """The purpose clauses of a protest: "blocked roads to press their demands", "rioted, demanding
    a vote"; for a nominal protest, those of its verb ("staged rallies to demand ...")."""
    heads = [tok]
    if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
        heads.append(tok.head)
    return [c for h in heads for c in h.children if c.dep_ in ("advcl", "xcomp", "acl") and (
        c.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]


def _statement_roles(doc: Doc, t: Trigger, a1: str | None, a2: str | None,
                     actors: ActorTable | None) -> tuple[str | None, str | None]:
    """A demand is made by the speaker of the one who must act; an intent is the actor's own,
    towards the act's recipient."""
    speaker = None
    if t.stating is not None:
        verb = t.stating if t.stating.pos_ == "VERB" else t.stating.head
        speaker = actor_for(doc, next((c for c in verb.children if c.dep_ == "nsubj"), None), actors)
    if t.kind == "obligation":
        return speaker, a1
    return (a1 or speaker), a2


def _speaker_above(doc: Doc, tok: Token, actors: ActorTable | None) -> str | None:
    """The subject of the verb of saying whose reported clause holds `tok` (a few heads up)."""
    cur = tok
    for _ in range(4):
        head = cur.head
        if head == cur or cur.dep_ in ("relcl", "acl", "appos"):
            return None
        if head.pos_ == "VERB" and head.lemma_.lower() in STATING and cur.dep_ in ("ccomp", "parataxis", "conj",
                                                                                     "advcl", "xcomp"):
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
            return actor_for(doc, subj, actors)
        cur = head
    return None


def _may_be(subject: Token | None, speaker: str, actors: ActorTable | None) -> bool:
    """The verb's own subject may stand for the speaker: none, or a pronoun that fits the speaker ("it"
    is no person)."""
    if subject is None:
        return True
    if subject.pos_ != "PRON":
        return False
    found = actors.get(speaker) if actors is not None else None
    kind = found.type if found is not None else None
    return not (subject.lower_ in ("it", "its") and kind == "person")


def _dateline_place(doc: Doc, places: list[Place]) -> int | None:
    dl = getattr(doc._, "eventwire_dateline", None) if Doc.has_extension("eventwire_dateline") else None
    if dl is None:
        return None
    for i, p in enumerate(places):
        if dl.start <= p.start and p.end <= dl.end:
            return i
    return None


def find_events(doc: Doc, places: list[Place], times: list[Time], actors: ActorTable | None,
                quotes: list[Quote], figures: list[Figure]) -> list[Event]:
    """Every event stated in the document, in text order (see docs/events.md)."""
    text = doc.text  # built from the tokens on each access: once per document
    published = getattr(doc._, "eventwire_published", None) if Doc.has_extension("eventwire_published") else None
    dateline_place = _dateline_place(doc, places)
    quotes = sorted(quotes, key=lambda q: q.start)
    q_starts = [q.start for q in quotes]
    cue_speaker = {getattr(q, "cue_start", None): q.speaker for q in quotes if getattr(q, "cue_start", None)}
    # Places and figures sorted by offset, sliced per sentence with bisect: linear overall.
    indexed_places = sorted(enumerate(places), key=lambda ip: ip[1].start)
    place_starts = [p.start for _, p in indexed_places]
    indexed_figures = sorted(enumerate(figures), key=lambda ip: ip[1].start)
    figure_starts = [f.start for _, f in indexed_figures]
    indexed_times = sorted(enumerate(times), key=lambda it: it[1].start)
    time_starts = [t.start for _, t in indexed_times]
    events: list[Event] = []
    for sent in doc.sents:
        trigs: list[Trigger] = []
        partners: dict[int, tuple[str | None, list[str]]] = {}
        for tok in sent:
            t = classify(tok)
            if t is not None:
                trigs.append(t)
            elif tok.lemma_.lower() in PARTNER_NOUNS:  # "Oslo and its negotiating partners, Kenya and Chile"
                found = negotiating_partners(doc, tok, actors)
                cue = next((c for c in tok.children if c.lemma_.lower() in NEGOTIATING), None)
                if found is not None and cue is not None:
                    partners[cue.i] = found
                    trigs.append(Trigger(cue, "CONSULT", None, False, cue.idx, cue.idx + len(cue.text)))
        s_places = indexed_places[bisect_left(place_starts, sent.start_char):bisect_left(place_starts, sent.end_char)]
        s_figs = indexed_figures[bisect_left(figure_starts, sent.start_char):bisect_left(figure_starts, sent.end_char)]
        # the sentence's times, in the order of `times` (pick_date breaks ties by it)
        s_times = [t for _, t in sorted(indexed_times[bisect_left(time_starts, sent.start_char):
                                                      bisect_right(time_starts, sent.end_char)])]
        # Weak triggers ("died", "deaths", "campaign") need a strong one of the same type or a casualty figure
        # (not in a disaster's toll: "5,000 deaths after the tremor").
        lemmas = {tok.lemma_.lower() for tok in sent}
        strong = {t.type for t in trigs if not t.weak}
        casualties = any(f.category in CASUALTY for _, f in s_figs) and not lemmas & DISASTER_CONTEXT
        trigs = [t for t in trigs if not t.weak or t.type in strong or (t.type == "ASSAULT" and casualties)]
        bomb = _explosive_means(sent)
        if bomb is not None:  # "died when a suicide bomber drove an explosives-laden vehicle into a van"
            for t in trigs:
                if t.type == "ASSAULT" and t.mode is None:
                    t.mode = bomb
        if "ASSAULT" in strong:  # "retook the town after heavy fighting": taking a place by force
            fights = {t.token.i for t in trigs if t.type == "ASSAULT" and not t.weak}
            for t in trigs:
                if t.type == "COERCE" and t.mode == "seize" and t.token.lemma_.lower() not in ("seize", "capture") \
                        and territorial(t.token) and any(  # the fight is how it was taken, not another act
                            c.dep_ == "prep" and any(g.i in fights for g in c.children) for c in t.token.children):
                    t.type, t.mode = "ASSAULT", "seize"
        # The content of a verbal act is not an event of its own; the act records its type.
        by_i = {t.token.i: t for t in trigs}
        content: dict[int, Trigger] = {}
        kept = []
        for t in trigs:
            gov = _content_of(t.token, by_i)
            if gov is not None and gov.type == "REJECT" and _claim_made_by(t.token, gov.token):
                gov = None  # "rejected claims by Warsaw that ...": the claim rejected is an accusation made
            if gov is not None:
                content.setdefault(gov.token.i, t)
            else:
                kept.append(t)
        # However deep the content of a demand, threat, refusal or promise sits, it has not
        # happened: "rejected an offer of direct talks", "agreed to postpone the march".
        absorbed: set[int] = set()
        for gov in kept:
            lemma = gov.token.lemma_.lower()
            if gov.type in IRREALIS_OBJECT or (gov.type == "AGREE" and lemma in PROMISE_VERBS) or (
                    gov.type in ("RETREAT", "CONCEDE", "SANCTION", "COERCE") and lemma in ENDING_VERBS) or (
                    gov.type == "MOBILIZE" and lemma == "prepare") or (
                    # a state's demand that a foreign presence go is an expulsion; what it asks is its content
                    gov.type == "SANCTION" and gov.mode == "expel" and lemma in EXPEL_ASKS):
                inner = content_indices(gov.token)
                for t in kept:
                    if gov.type == "REJECT" and t.type == "ACCUSE" and _claim_made_by(t.token, gov.token):
                        continue  # (the claim rejected, above)
                    if t is not gov and t.token.i in inner:
                        absorbed.add(t.token.i)
                        content.setdefault(gov.token.i, t)
            elif gov.type == "PROTEST":  # "marched to demand reforms": the demand is the protest's aim
                for clause in _purposes(gov.token):
                    aim = any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
                    for t in kept:
                        # "gathered to press the prime minister to resign": the resignation is an aim too
                        if (t.type in ("REQUEST", "ACCUSE", "REJECT") or (
                                aim and t.token.pos_ == "VERB" and t.type != "PROTEST")) and \
                                t is not gov and clause.left_edge.i <= t.token.i <= clause.right_edge.i:
                            absorbed.add(t.token.i)
                            content.setdefault(gov.token.i, t)
        # What an actor says it will do, or says another must do: AGREE / THREATEN / REJECT / REQUEST.
        stated = statement_triggers(sent, [t for t in kept if t.token.i not in absorbed], absorbed, actors)
        trigs = sorted([t for t in kept if t.token.i not in absorbed] + stated, key=lambda t: t.start)
        if not trigs:
            continue
        # Nominal triggers first: a verb's agent/instrument nominal lends its actor and mode.
        nominal_actor: dict[int, str | None] = {}
        nominal_mode: dict[int, str | None] = {}
        for t in trigs:
            if t.token.pos_ != "VERB":
                a1, _ = roles(doc, t.token, False, actors, {})
                nominal_actor[t.token.i] = a1
                nominal_mode[t.token.i] = t.mode
        sent_events: list[tuple[str, str | None, int, tuple[int, int]]] = []
        built: list[Event] = []
        depths: list[int] = []  # of each built event's trigger (statements: their verb of saying)
        for t in trigs:
            tok = t.token
            is_verb = verbal(tok)
            if t.type == "AGREE" and t.kind is None and tok.lemma_.lower() in PLEDGES and tok.i in content and \
                    content[tok.i].type in HARM:
                t.type, t.mode = "THREATEN", t.mode or "violence"  # "pledged that the army would press on"
            a1, a2 = roles(doc, tok, is_verb, actors, nominal_actor, t.type)
            if t.type == "PROTEST" and tok.lemma_.lower() in PROTESTERS:  # "demonstrators broke windows"
                a1 = actor_for(doc, tok, actors) or a1
            if t.kind is not None:
                a1, a2 = _statement_roles(doc, t, a1, a2, actors)
                if t.content is not None:
                    content[tok.i] = t.content
            mode = t.mode
            if is_verb and t.type == "ASSAULT" and mode is None:
                for c in tok.children:  # "killed in an airstrike": the nominal says how
                    for g in c.children if c.dep_ in ("prep", "agent") else ():
                        if nominal_mode.get(g.i):
                            mode = nominal_mode[g.i]
            participants: list[str] = []
            if tok.i in partners:
                first, others = partners[tok.i]
                a1, a2 = first, (others[0] if others else None)
                participants = [x for x in [first, *others] if x]
            if t.type == "CONSULT" and lemmas & MEDIATION:
                mode = mode or "third-party"
                broker = mediator(doc, sent, actors)
                if broker is not None and broker not in (a1, a2):
                    participants = [broker, *[x for x in (a1, a2, *participants) if x and x != broker]]
            q = _quote_at(quotes, q_starts, t.start)
            if q is not None and getattr(q, "cue_start", None) is not None and \
                    q.cue_start <= t.start < getattr(q, "cue_end", q.cue_start):  # type: ignore[attr-defined]
                q = None
            # a verb with a subject of its own ("he said ... after it threatened a road project") is not
            # the sayer's act unless that subject may be the sayer ("the group said they would ...")
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) if is_verb else None
            if a1 is None and t.type in CLAIM_TYPES and t.start in cue_speaker and _may_be(subj, cue_speaker[t.start],
                                                                                         actors):
                a1 = cue_speaker[t.start]
            if a1 is None and t.type in SPOKEN_CLAIMS and t.kind is None:
                above = _speaker_above(doc, tok, actors)  # "the vote was marred by fraud, opponents say"
                a1 = above if above is not None and _may_be(subj, above, actors) else None
            if t.kind is not None:  # the statement was made; what it states is its content
                mod, reported_by = ("reported", q.speaker) if q is not None else ("asserted", None)
            else:
                mod, reported_by = modality(tok, q, q.speaker if q is not None else None)
            clause = clause_of(tok)
            where = t.stating if t.stating is not None and t.stating.pos_ == "VERB" else tok
            if where is not tok:  # a statement happened where it was made ("said in Geneva")
                clause = clause_of(where)
            place, precision = pick_place(sent, clause, where, s_places, dateline_place,
                                          targets=t.type in ("ASSAULT", "COERCE") and t.kind is None)
            guess = None
            if precision != "attached":  # only a guess: kept apart from where the text says it happened
                place, guess = None, place
            date, date_from = pick_date(sent, clause, where, s_times, published, t.type in REACTIONS)
            target = actors.get(a2) if a2 is not None and actors is not None else None
            acled = acled_for(t.type, mode, tok.lemma_.lower(), target.type if target is not None else None, lemmas)
            conf = 0.5 + (0.0 if t.weak else 0.15) + (0.1 if a1 else 0.0) + (0.1 if a2 else 0.0)
            conf -= 0.1 if mod in ("hypothetical", "reported") else 0.0
            extra: dict[str, Any] = {}
            if guess is not None:
                extra["place_guess"] = guess
            if participants:
                extra["participants"] = list(dict.fromkeys(participants))  # everyone at the table, in order
            if tok.i in content:
                inner = content[tok.i]
                extra["content_type"] = inner.type  # "threatened to attack": THREATEN, content ASSAULT
                extra["content_trigger"] = {"start": inner.start, "end": inner.end,
                                            "text": text[inner.start:inner.end]}
                cm = _content_modality(t)
                if cm is not None:
                    extra["content_modality"] = cm
                mode = mode or _content_mode(t.type, inner)
            if t.type in ("RETREAT", "AGREE") and not is_verb and (
                    tok.head.lemma_.lower() in ENDED or (tok.dep_ == "pobj" and _ends(tok.head.head))):
                extra["phase"] = "ended"  # "after the truce ended", "the end of the ceasefire"
            pairs = [(a1, a2)]
            other = _reciprocal(doc, tok, actors)
            if other is not None:  # "A and B blamed each other": one event each way
                pairs = [other, (other[1], other[0])]
            elif a1 is not None and t.type in REACTIONS | {"SANCTION"} and t.kind is None:
                # "condemned by the AU, the UN and the EU", "Mali, Burkina Faso and Niger recalled their
                # ambassadors": one reaction per party
                pairs += [(x, a2) for x in conjoined_actors(doc, tok, is_verb, actors) if x not in (a1, a2)]
            for a1, a2 in pairs:
                built.append(Event(
                    id="", type=t.type, mode=mode, actor1=a1, actor2=a2, place=place, date=date,
                    modality=mod, reported_by=reported_by, acled=acled,  # type: ignore[arg-type]
                    trigger=Span(start=t.start, end=t.end, text=text[t.start:t.end]),
                    evidence=Offsets(start=sent.start_char, end=sent.end_char), confidence=round(conf, 2),
                    place_precision=precision, date_from=date_from, **extra))
                sent_events.append((t.type, mode, t.start, clause))
                depths.append(_depth(t.stating if t.stating is not None else tok))
        for ei, fis in assign_figures(sent, s_figs, sent_events).items():
            built[ei].figures = sorted(fis)
        # The sentence's main event, as event coders (PLOVER, ICEWS) code one per sentence: the one
        # highest in the parse, the first on a tie (both directions of "A and B blamed each other").
        # Force used on or by a protest crowd (tear gas, stone-throwing) is coded with the protest, as
        # ACLED codes a protest with intervention or a violent demonstration as one event.
        if any(e.type == "PROTEST" for e in built):
            depths = [d + 64 if e.type == "ASSAULT" and (e.mode in CROWD_FORCE or (
                e.trigger is not None and e.trigger.text.lower() in CROWD_THROW)) else d
                for d, e in zip(depths, built, strict=True)]
        top = min(depths)
        first = next(i for i, d in enumerate(depths) if d == top)
        for i, e in enumerate(built):
            e.main = depths[i] == top and e.trigger.start == built[first].trigger.start  # type: ignore[union-attr]
        events.extend(built)
    for n, e in enumerate(events, 1):
        e.id = f"e{n}"
    corefer(events, places, figures)
    return events
