"""Does the clause around a time expression point to the future or the past?

Bare weekdays and month-days ("on Tuesday", "Nov. 24") are resolved against the
document date by tense: "will meet on Tuesday" is the coming Tuesday, "met on
Tuesday" the last one.  With a spaCy Doc we read the governing verb and its
auxiliaries; without one we fall back to cue words in the preceding clause.
"""

from __future__ import annotations

import re
from typing import Literal

from spacy.tokens import Doc

Tense = Literal["FUTURE", "PAST", "NEAR"] | None

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "gonna"}
# Verbs whose complement is a planned event ("plans to visit on Friday").
_PLAN_VERBS = {"plan", "schedule", "expect", "set", "due", "intend", "hope", "aim", "prepare",
               "want", "seek", "agree", "vow", "promise", "threaten", "propose", "call", "urge"}

_SCHEDULE_VERBS = {"schedule", "slate", "plan", "due", "expect", "reschedule", "postpone"}
_CUE_FUTURE = re.compile(
    # a modal swallows its verb group, so "will be held" reads as future, not as "held"
    r"\b(?:(?:will|'ll|shall|won't|would)(?:\s+not)?(?:\s+(?:be|have|been|also|still|now|soon))*(?:\s+\w+)?"
    r"|going to|is to|are to|due to|scheduled|expected to|plans? to"
    r"|planned|set to|to be held|next|upcoming|would|deadline|expires?|starting|begins?)\b", re.I)
_CUE_PAST = re.compile(
    r"\b(?:was|were|had|did|said|ago|last|earlier|began|begun|met|took|came|went|left|held|fell|rose|made"
    r"|gave|won|lost|told|saw|broke|ran|sent|struck|fought|flew|led|hit|shot|\w{3,}ed)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[.;!?\n]|, (?:and|but|while|as|when) ")


# A deadline word before the date ("until Friday", "by Dec. 15", "payable Dec. 15")
# points forward even under a past verb ("extended the offer until Nov. 20").
_DEADLINE = re.compile(r"(?:\buntil|\btill|\bby|\bas early as|\bas soon as|\bno later than|\bstarting|\bbeginning"
                       r"|\beffective|\bdeadline(?: of)?|\bexpires?(?: on)?|\bdue(?: on)?|\bpayable|\bof record"
                       r"|\bthrough|\bextended to|\bpostponed to|\bdelayed to)\s+(?:on\s+)?$", re.I)


# Verbs that move a deadline forward: "extended the order until Tuesday" is still ahead.
_MOVE_DEADLINE = re.compile(r"\b(?:extend|postpon|delay|defer|push(?:ed)? back|gave|give|grant|moved|resched"
                            r"|prolong)\w*", re.I)


def tense_at(text: str, start: int, end: int, doc: Doc | None) -> Tense:
    """FUTURE, PAST, NEAR (a deadline: pick the nearest) or None (present / unknown)."""
    tense: Tense | Literal["?"] = "?"
    if doc is not None:
        tense = _tense_from_doc(doc, start, end)
    if tense == "?":
        tense = _tense_from_text(text, start, end)
    if _DEADLINE.search(text[max(0, start - 25):start]):
        # "until Tuesday", "payable Dec. 15": forward, unless the clause is plainly past
        # ("the curfew lasted until Friday"), then the nearest.
        if tense == "PAST" and not _MOVE_DEADLINE.search(text[max(0, start - 80):start]):
            return "NEAR"
        return "FUTURE"
    return tense


def _tense_from_doc(doc: Doc, start: int, end: int) -> Tense | Literal["?"]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "?"
    tok = span.root
    if tok.dep_ in ("compound", "nmod", "amod", "poss"):
        return None  # "the Jan. 14 deadline": the verb's tense says nothing about the date
    # Climb to the verb the expression hangs from (a few steps at most).
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            break
        if tok.head == tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "?"
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & _FUTURE_AUX:
        return "FUTURE"
    if tok.lemma_ in _SCHEDULE_VERBS:
        return "FUTURE"  # "has scheduled a news conference Thursday", "set for Monday"
    if "going" in words or "to" in words:
        # infinitive: "(plans) to meet on Tuesday", "guidelines to be published in November"
        head = tok.head
        if head.lemma_ in _PLAN_VERBS or head.lemma_ in ("be", "go") or head.pos_ in ("NOUN", "PROPN"):
            return "FUTURE"
    if words & {"have", "has", "had"} and tok.tag_ == "VBN":
        return "PAST"  # perfect, also under a modal: "may have been hit on Wednesday"
    if words & {"would", "could", "might", "may", "should", "must", "can"}:
        return "FUTURE" if words & {"would", "may", "might", "should", "must", "can"} else None
    if tok.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return "FUTURE"  # present progressive used for arrangements: "is meeting Friday"
    if tok.tag_ == "VBN" and words & {"is", "are", "'s", "'re", "am"} and tok.lemma_ in _PLAN_VERBS:
        return "FUTURE"  # "is scheduled for Monday", "are expected on Friday"
    if tok.tag_ == "VBD" or words & {"was", "were", "had", "did", "has", "have"}:
        return "PAST"
    if tok.tag_ == "VBN":
        return "PAST"
    if tok.tag_ == "VBZ" and not words and tok.lemma_ not in ("say", "be", "have", "tell", "report", "add"):
        return "FUTURE"  # news present for arrangements: "Arafat meets Albright Monday"
    return None


def _tense_from_text(text: str, start: int, end: int) -> Tense:
    lo = max(0, start - 80)
    before = text[lo:start]
    cut = None
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    # The cue nearest to the expression decides ("until the war that began on Oct. 7").
    fut = [m.end() for m in _CUE_FUTURE.finditer(before)]
    past = [m.end() for m in _CUE_PAST.finditer(before)]
    if fut or past:
        return "FUTURE" if max(fut, default=-1) >= max(past, default=-1) else "PAST"
    # After the span only a past verb counts ("Friday's vote was ..."); a following
    # "until"/"next" usually belongs to another clause.
    after = text[end:end + 40].split(".")[0]
    if _CUE_PAST.search(after):
        return "PAST"
    return None
