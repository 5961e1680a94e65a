"""Statements of intent and of obligation, and the content of verbal acts.

PLOVER codes what an actor says it will do (CAMEO2PLOVER 2021, codes 03x and 13x): a stated
intent to cooperate, help, yield, release, meet or withdraw is AGREE ("Portugal will support
Turkey's bid, its president said"); a stated intent to act against someone is THREATEN ("said they
would boycott the talks"), except a sanction a state announces, which is imposed ("said it would cut its ties
with Qatar" is SANCTION); saying one will not is REJECT ("said it would not meet the demands"); a
statement that someone must or should act is a demand, REQUEST ("said the army must withdraw").
The act stated has not happened: it is the statement's content, not an event of its own.

The same holds for what a demand, threat, refusal or promise is about, however deep in the phrase
it sits ("rejected an offer of direct talks", "agreed to postpone the march"): `content_indices`
gives those tokens, and the events stage absorbs triggers found there.

    content_indices(gov) -> set of token indices
    statement_triggers(sent, trigs, absorbed) -> list[Trigger]   (new triggers, `absorbed` updated)
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..quotes.cues import SPEECH_VERBS
from .roles import actor_for
from .triggers import Trigger
from .triggers import reason as _reason

# Verbs that state an intent or obligation of their clausal complement.
STATING = (SPEECH_VERBS | {"indicate", "signal", "conclude", "decide", "resolve"}) - {
    "warn", "threaten", "urge", "ask", "demand", "call", "deny", "accuse", "blame", "condemn", "criticize",
    "criticise", "attack", "praise", "thank", "hail", "agree", "promise", "pledge", "vow", "apologize", "apologise",
    "charge", "question", "wonder", "predict", "speculate", "recommend", "propose", "describe", "recall"}
STATING_NOUNS = {"reminder", "statement", "message", "announcement", "declaration", "warning", "letter",
                 "communique", "resolution", "decision"}
INTENT_ADJ = {"ready", "willing", "prepared", "committed", "determined", "eager", "keen", "poised"}
INTENT_VERBS = {"plan", "intend"}  # "plans to impose": governs an xcomp
FUTURE = {"will", "shall", "'ll", "wo"}  # "wo" is the first half of "won't"
REPORTED_FUTURE = {"would", "'d"}  # only under a verb of saying: "said it would ..."
OBLIGATION = {"must", "should"}
POSSIBLE = {"might", "could", "may"}  # "said Russia might respond": a veiled threat, never a promise

# Speakers who report on others: international bodies, NGOs and the press.
OUTSIDERS = {"igo", "ngo", "media"}
COMMENTATORS = {"analyst", "expert", "observer", "witness", "resident", "critic", "economist", "commentator",
                "researcher", "scientist", "poll", "survey", "academic", "historian", "journalist", "reporter"}
POSITIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
NEGATIVE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
# Verbs that are no trigger themselves but say what kind of intent is stated.
POSITIVE_VERBS = {
    "help", "provide", "give", "send", "contribute", "allow", "accept", "lift", "return", "open", "reopen",
    "resume", "evacuate", "hand", "release", "grant", "pay", "join", "participate", "restore", "respect",
    "abide", "implement", "honor", "honour", "forgive", "compensate", "assist", "protect", "guarantee",
    "facilitate", "permit", "free", "recognize", "recognise", "establish", "normalize", "normalise", "host",
    "receive", "welcome", "fund", "finance", "donate", "supply", "deliver", "transfer", "offer", "ease",
    "cooperate", "negotiate", "meet", "talk", "discuss", "withdraw", "remove", "reduce", "cut", "end", "stop",
    "halt", "cease", "suspend", "drop", "abandon", "pardon", "reform", "hold"}
NEEDS_OBJECT = {"evacuate", "hold", "open", "return", "join"}
NEGATIVE_VERBS = {
    "impose", "tighten", "boycott", "retaliate", "punish", "ban", "expel", "blockade", "fight", "resist", "crush",
    "destroy", "hit", "respond", "avenge", "escalate", "intensify", "invade", "occupy", "annex", "seize", "arrest",
    "prosecute", "sanction", "isolate", "veto", "block", "close", "shut", "freeze", "deport", "disrupt", "oust",
    "overthrow", "topple", "hunt", "eliminate", "wipe", "defeat"}
# Objects that turn a positive-looking verb against someone ("stop aid", "cut ties", "extend the curfew").
RESTRICTIONS = {"curfew", "restriction", "ban", "sanction", "embargo", "blockade", "siege", "emergency",
                "martial", "lockdown", "aid", "assistance", "tie", "relation", "cooperation", "funding",
                "contact", "trade", "import", "export", "supply"}
STOPPING = {"stop", "halt", "cut", "suspend", "end", "cease", "reduce", "freeze", "withdraw", "remove", "drop",
            "abandon", "lift", "ease"}
LOOSENING = {"lift", "ease", "end", "remove", "drop", "reduce", "cancel"}  # "lift the curfew" is a concession
TIGHTENING = {"extend", "tighten", "impose", "expand", "maintain", "keep", "reimpose"}

# Phrases below a verbal act that are not its content: relative clauses, adverbial clauses,
# background time phrases ("after the clashes"), appositions.
NOT_CONTENT_DEPS = {"relcl", "advcl", "appos", "parataxis"}
BACKGROUND_PREPS = {"after", "following", "since", "during", "amid", "despite", "before", "in", "at"}
CONTENT_PREPS = {"for", "of", "to", "on", "against", "about", "over", "with"}
CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "attr", "oprd", "dative"}


def content_indices(gov: Token) -> set[int]:
    """Token indices of what a verbal act is about: its clausal complement, object and content
    prepositions, with everything below them except relative and adverbial clauses and
    background time or place phrases."""
    starts: list[Token] = [c for c in gov.children if c.dep_ == "advcl" and any(  # "asked for X to be held"
        m.dep_ == "mark" and m.lower_ in ("if", "unless", "for") for m in c.children)]
    for c in gov.children:
        if c.dep_ == "prep" and _reason(gov, c):
            continue
        if c.dep_ in CONTENT_DEPS or (gov.pos_ != "VERB" and c.dep_ == "acl") or (
                c.dep_ == "prep" and c.lower_ in CONTENT_PREPS):
            starts.append(c)
    out: set[int] = set()
    stack = starts
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                stack.append(c)  # a condition is as unreal as what it conditions
                continue
            if c.dep_ in NOT_CONTENT_DEPS or (c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")):
                continue
            if c.dep_ == "prep" and c.lower_ in BACKGROUND_PREPS:
                continue
            if c.dep_ == "prep" and _reason(tok, c):
                continue  # "take revenge on Kenya for deploying troops": what is avenged did happen
            stack.append(c)
    return out


def _subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _stating_head(tok: Token) -> Token | None:
    """The verb of saying (or statement noun) whose reported clause `tok` heads, if any:
    "said (that) it will ...", "..., the minister said", "issued a reminder that ..."."""
    cur = tok
    if cur.dep_ == "conj" and cur.head.dep_ == "ccomp":
        cur = cur.head  # "said it will withdraw and will release ..."
    if cur.dep_ in ("ccomp", "xcomp") and cur.head.pos_ in ("VERB", "AUX") and cur.head.lemma_.lower() in STATING:
        return cur.head
    if cur.dep_ in ("ccomp", "acl") and cur.head.pos_ == "NOUN" and cur.head.lemma_.lower() in STATING_NOUNS:
        return cur.head
    return None


def _speaker_token(stating: Token) -> Token | None:
    if stating.pos_ == "NOUN":  # "issued a reminder that ...": the issuer
        verb = stating.head if stating.dep_ in ("dobj", "nsubjpass") else None
        return _subject(verb) if verb is not None else None
    speaker = _subject(stating)
    if speaker is not None and speaker.lemma_.lower() in STATING_NOUNS:
        # "a statement issued by the ministry said": the issuer speaks
        for acl in (c for c in speaker.children if c.dep_ == "acl"):
            for agent in (c for c in acl.children if c.dep_ == "agent"):
                by = next((g for g in agent.children if g.dep_ == "pobj"), None)
                if by is not None:
                    return by
    return speaker


def _polarity(act: Token, by_i: dict[int, Trigger]) -> str | None:
    """'+' for a stated act that helps or yields, '-' for one against someone, None when unclear."""
    lemma = act.lemma_.lower()
    objs = {c.lemma_.lower() for c in act.children if c.dep_ in ("dobj", "nsubjpass")}
    for c in act.children:  # "impose restrictions on", "cut ties with": the object's own head counts
        if c.dep_ == "dobj":
            objs |= {g.lemma_.lower() for g in c.children if g.dep_ == "compound"}
    if objs & RESTRICTIONS:
        if lemma in LOOSENING:
            return "+"
        if lemma in STOPPING or lemma in TIGHTENING:
            return "-"
    t = by_i.get(act.i)
    if t is not None:
        if t.type in POSITIVE:
            return "+"
        if t.type in NEGATIVE:
            return "-"
        return None
    if lemma in NEGATIVE_VERBS:
        return "-"
    if lemma in POSITIVE_VERBS and not (lemma in NEEDS_OBJECT and not objs):
        return "+"  # "ready to evacuate" (themselves) is no help to anyone
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _conditional(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "advcl":
            mark = next((m.lower_ for m in c.children if m.dep_ == "mark"), None)
            if mark in ("unless", "if"):
                return mark
    return None


def _same_side(act: Token, speaker: Token | None, actors: object) -> bool:
    """Whether the one who will act is the one speaking: "X said it will", "X said X will"."""
    subj = _subject(act)
    if subj is None:
        return True  # "said it was ready to ...": the subject is inherited
    if subj.pos_ == "PRON":
        return subj.lower_ not in ("you",)
    if speaker is None:
        return True
    if speaker.lemma_.lower() in COMMENTATORS:
        return False  # analysts and witnesses describe others' plans; they do not state their own
    if subj.lemma_.lower() == speaker.lemma_.lower():
        return True
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in speaker.children):
        return True  # "..., its president said": the speaker speaks for the subject
    table = actors
    if table is None:
        return False
    a = actor_for(subj.doc, subj, table)  # type: ignore[arg-type]
    b = actor_for(speaker.doc, speaker, table)  # type: ignore[arg-type]
    if b is None:
        return True  # an unnamed spokesman, a statement: nothing says it is someone else
    if a is None:
        return False
    if a == b:
        return True
    known = {x.id: x for x in table.actors}  # type: ignore[attr-defined]
    spk = known.get(b)
    if spk is not None and spk.type in OUTSIDERS:
        return False  # "the rebels will withdraw, a UN envoy said": someone else's plan, reported
    if spk is None or spk.country is None:
        return True  # "the ministry said": nothing says it speaks for someone else
    return known[a].country == spk.country if a in known else False


def _statement(act: Token, type_: str, stating: Token | None, content: Trigger | None, kind: str) -> Trigger:
    where = stating if stating is not None and stating.pos_ == "VERB" else act
    start, end = where.idx, where.idx + len(where.text)
    return Trigger(act, type_, None, False, start, end, stating=stating, kind=kind, content=content)


def statement_triggers(sent: Span, trigs: list[Trigger], absorbed: set[int], actors: object) -> list[Trigger]:
    """New triggers for the statements of intent and obligation in a sentence. The stated act's own
    trigger, and every trigger in its content, go into `absorbed`."""
    by_i = {t.token.i: t for t in trigs}
    out: list[Trigger] = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.i in absorbed:
            continue
        own = by_i.get(tok.i)
        if own is not None and own.type in ("THREATEN", "REQUEST", "ACCUSE", "REJECT"):
            continue  # already a verbal act of its own ("will demand", "would reject")
        aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        stating = _stating_head(tok)
        kind = None
        if aux & OBLIGATION and stating is not None:
            kind = "obligation"
        elif aux & (FUTURE | REPORTED_FUTURE) and stating is not None:
            kind = "intent"  # "said it will ...": the outlet's own "X will meet on Monday" stays a planned event
        elif aux & POSSIBLE and stating is not None and not _negated(tok):
            kind = "possible"
        elif tok.dep_ == "xcomp" and (
                (tok.head.lemma_.lower() in INTENT_ADJ and tok.head.pos_ == "ADJ")
                or (tok.head.lemma_.lower() in INTENT_VERBS and tok.head.pos_ == "VERB")):
            kind = "intent"
            gov = tok.head
            stating = stating or _stating_head(gov.head if gov.pos_ == "ADJ" else gov)
            if _negated(gov) or (gov.pos_ == "ADJ" and _negated(gov.head)):
                kind = "refusal"
        if kind is None and aux & FUTURE and _first_person(tok) and _polarity(tok, by_i) == "-" and \
                not _negated(tok):
            kind = "intent"  # "we will respond appropriately", "I will crush them": the speaker's own threat
        if _is_passive(tok) and aux & (FUTURE | REPORTED_FUTURE) and _warned_wrongdoers(tok) and \
                (stating is not None or aux & FUTURE):
            # "anyone who commits violence will be punished", "said those responsible would be brought to justice"
            out.append(_statement(tok, "THREATEN", stating, by_i.get(tok.i), "intent"))
            absorbed.add(tok.i)
            continue
        if kind is None or _is_passive(tok):
            continue
        if stating is None and tok.dep_ != "xcomp" and not _first_person(tok):
            continue
        content = by_i.get(tok.i)
        if kind == "obligation":
            type_ = "REQUEST"
        else:
            if kind == "intent" and _negated(tok):
                kind = "refusal"
            if stating is not None and kind != "refusal" and not _same_side(tok, _speaker_token(stating), actors):
                continue  # someone else's plan, reported: not the speaker's intent
            polarity = _polarity(tok, by_i)
            if kind == "possible":
                if polarity != "-":
                    continue
                kind = "intent"
            if kind == "refusal":
                if polarity is None and content is None:
                    continue
                type_ = "REJECT"
            elif kind == "intent" and content is not None and content.type == "SANCTION" and _conditional(tok) is None \
                    and content.token.lemma_.lower() != "boycott":
                # "said it would cut its ties with Qatar": a sanction announced is imposed (CAMEO 16x); a boycott
                # announced stays a threat (CAMEO 1312)
                continue
            elif _conditional(tok) == "unless" or polarity == "-":
                type_ = "THREATEN"
            elif polarity == "+":
                type_ = "AGREE"
            else:
                continue
        inner = content_indices(tok) | {tok.i}
        for t in trigs:
            if t.token.i in inner:
                absorbed.add(t.token.i)
                content = content or t
        out.append(_statement(tok, type_, stating, content, kind))
    return out


def _first_person(tok: Token) -> bool:
    """The act's subject is the speaker: "we will respond", "I will not allow"."""
    subj = _subject(tok)
    return subj is not None and subj.lower_ in ("we", "i")


# Those a warning names as who will pay: "anyone who ...", "those responsible", "the perpetrators".
WRONGDOERS = {"anyone", "anybody", "whoever", "those", "perpetrator", "culprit", "attacker", "offender", "violator",
              "assailant", "killer", "organizer", "organiser", "instigator", "rioter", "looter", "criminal"}
PUNISHING = {"punish", "prosecute", "arrest", "jail", "imprison", "bring", "deal", "hunt", "pursue", "track", "crush"}


def _warned_wrongdoers(tok: Token) -> bool:
    """A passive future of punishment whose subject is the wrongdoers at large: a warning, not a report."""
    if tok.lemma_.lower() not in PUNISHING:
        return False
    if tok.lemma_.lower() == "bring" and not any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lower_ == "justice" for g in c.children) for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    return subj is not None and (subj.lemma_.lower() in WRONGDOERS | {"responsible"} or any(
        c.dep_ == "det" and c.lower_ == "those" for c in subj.children))  # "those responsible"
