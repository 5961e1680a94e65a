"""Modality of an event: asserted | reported | hypothetical | negated | planned.

Walks from the trigger up its clause chain (at most a few heads; linear overall):
* negated: "not"/"never" on the trigger or a governing verb, a subject "no one"/"no X"/"nobody", or a
  governor "refuse/fail/decline to";
* hypothetical: "if"/"unless" marking the clause, "would/could/might", or a governor "warn/threaten ...
  against"; "warned that X would ..." too;
* planned: "will"/"shall"/"going to", or a governor "plan/intend/vow/prepare/expect to"; an act that
  "was expected / scheduled / planned";
* reported: the trigger sits inside someone's quote (not its cue): reported_by = the speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..schema import Quote
from .roles import LIGHT_VERBS
from .triggers import reason

# Verbs whose negation negates the nominal event they carry ("did not reach a deal").
CARRIERS = LIGHT_VERBS | {"have", "be", "see", "make", "take", "get", "agree", "accept", "seek", "want", "need"}

NEG_GOV = {"refuse", "fail", "decline"}
PLAN_GOV = {"plan", "intend", "vow", "prepare", "aim", "schedule", "set", "pledge", "promise", "seek"}
WARN_GOV = {"warn", "threaten", "caution"}
# "X was expected / scheduled / planned": an act still to come
EXPECTED = {"expect", "plan", "schedule", "slate", "anticipate", "predict", "forecast"}
HYPO_MODALS = {"would", "could", "might", "may"}
PLAN_MODALS = {"will", "shall", "'ll"}
REPORTED_FUTURE = {"would", "'d"}
ANNOUNCING = {"say", "announce", "declare", "state", "confirm", "decide", "tell"}
CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "conj", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "acl",
               "relcl", "compound", "amod", "appos"}


def announced(verb: Token) -> bool:
    """A decision reported as taken: "X said [the envoy would be expelled / will be told to go]" -- "would"
    or "will" on a clause a verb of announcing governs, with no "if" or "unless" on it."""
    modal = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if not modal & (REPORTED_FUTURE | PLAN_MODALS) or verb.dep_ != "ccomp" or \
            verb.head.lemma_.lower() not in ANNOUNCING:
        return False
    return not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                   for c in verb.children)


def modality(tok: Token, quote: Quote | None, speaker: str | None) -> tuple[str, str | None]:
    """(modality, reported_by)."""
    cur = tok
    neg_ok = True  # a negation further up still bears on this event
    for depth in range(6):
        kids = list(cur.children)
        if neg_ok and ((any(c.dep_ == "neg" for c in kids) and cur.pos_ in ("VERB", "AUX")) or (depth == 0 and any(
                c.dep_ == "neg" or (c.lower_ == "no" and c.dep_ == "det") for c in kids))):
            return "negated", None
        subjects = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
        if depth == 0 and cur.pos_ in ("VERB", "AUX") and cur.dep_ == "conj" and not subjects:
            subjects = [c for c in cur.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "... confirmed or denied"
        if depth == 0 and cur.pos_ in ("VERB", "AUX") and any(
                c.lower_ in ("nobody", "none", "neither") or any(
                    d.dep_ in ("det", "preconj") and d.lower_ in ("no", "neither") for d in c.children)
                for c in subjects):
            return "negated", None  # "no fighters were stationed there", "nobody was arrested", "neither A nor B"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
            return "hypothetical", None  # ("did not say whether anyone had been arrested": an open question)
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in HYPO_MODALS for c in kids):
            if depth == 0 and announced(cur):
                return "planned", None  # "said the envoy would be expelled": the future of a report, no hypothesis
            return "hypothetical", None
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in PLAN_MODALS for c in kids):
            return "planned", None
        head = cur.head
        if head == cur or cur.dep_ not in CLAUSE_DEPS:
            break
        if cur.dep_ == "prep" and reason(head, cur):
            break  # "vowed to take revenge for deploying troops": the deployment happened
        hl = head.lemma_.lower()
        if cur.dep_ == "nsubjpass" and hl in EXPECTED:
            return "planned", None  # "a new exchange of captives was expected within days"
        # "the truce did not help", "the siege, during which the shelling went on ...": the negation is
        # about another predicate (or another clause), not about whether this event happened.
        if cur.dep_ == "relcl" or (cur.pos_ not in ("VERB", "AUX") and head.pos_ in ("VERB", "AUX")
                                   and cur.dep_ in ("nsubj", "nsubjpass", "dobj") and hl not in CARRIERS):
            neg_ok = False
        if cur.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") and \
                head.head.lemma_.lower() not in CARRIERS:
            neg_ok = False
        if (depth < 3 and cur.dep_ in ("xcomp", "pcomp", "pobj", "prep", "ccomp")) or head.dep_ == "prep":
            if hl in NEG_GOV and cur.dep_ == "xcomp":
                return "negated", None
            if hl in PLAN_GOV and cur.dep_ == "xcomp":
                return "planned", None
            if hl == "against" and head.head.lemma_.lower() in WARN_GOV:
                return "hypothetical", None
        if cur.dep_ == "pcomp" and hl == "against" and head.head.lemma_.lower() in WARN_GOV:
            return "hypothetical", None
        if hl in ("say", "tell", "state", "announce", "claim", "report", "allege", "accuse", "blame") and \
                cur.dep_ in ("ccomp", "pcomp", "prep", "pobj"):
            break  # reporting verb: the quote decides
        cur = head
    if quote is not None:
        return "reported", speaker
    return "asserted", None
