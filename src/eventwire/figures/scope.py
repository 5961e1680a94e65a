"""Scope (incident | cumulative), ``since`` and ``date`` of a figure.

A figure is cumulative when a since-clause attaches to its own predicate or to a predicate
coordinated with it ("since the war began on Oct. 7": its Time gives ``since`` when it is a day),
or when it is a running total of a conflict or a period (``running.py``).  Cues elsewhere in the
sentence do not count, so "since the offensive began on Feb. 20, when gunmen killed 300" leaves
the 300 an incident.  A toll frame ("the death toll has risen to N") or "so far" alone is the
running count of one incident, not a running total: incident (the story conventions).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span, Token

from ..schema import Time
from .source import SPEECH_VERBS

_ONE_WORD_CUES = {"cumulative", "since"}


def _after_superlative(since: Token) -> bool:
    """Does 'since' close a superlative ('the deadliest attack since 2011', 'the largest raid
    on the cartel since 14 people were killed')?"""
    t = since.head
    for _ in range(4):
        if t.pos_ in ("NOUN", "PROPN") and any(
                c.tag_ == "JJS" or c.lower_ in ("first", "worst", "deadliest", "biggest", "largest", "bloodiest")
                for c in t.children if c.dep_ in ("amod", "advmod", "nmod")):
            return True
        if t.head.i == t.i or (t.pos_ == "VERB" and t.dep_ in ("ROOT", "ccomp", "conj")):
            return False
        t = t.head
    return False


def verb_of(t: Token | None) -> Token | None:
    """The nearest verb at or above t."""
    for _ in range(8):
        if t is None:
            return None
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


MAX_CHAIN = 12  # coordinated verbs a figure's predicate takes along (a sentence has two or three)


def cluster(verb: Token | None) -> set[int]:
    """The verb and the verbs coordinated with it ('killed ... and wounded ...'), at most MAX_CHAIN (a
    text of endless 'killed ... killed ...' makes one chain of them all, read again for each figure)."""
    if verb is None:
        return set()
    top = verb
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    out = {top.i}
    stack = [top]
    while stack:
        v = stack.pop()
        for c in v.children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                if len(out) >= MAX_CHAIN:
                    return out
                out.add(c.i)
                stack.append(c)
    return out


class SentenceCues:
    """Cumulative cues of one sentence: (anchor verb index, token of the cue, since-clause token range)."""

    def __init__(self, sent: Span) -> None:
        self.sent = sent
        self.cues: list[tuple[int, int, int | None, int | None]] = []
        toks = list(sent)
        for k, t in enumerate(toks):
            low = t.lower_
            nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
            if low == "since" and nxt in ("then", "when"):
                continue  # "the town has been quiet since then": no start of a count
            if low == "since" and _after_superlative(t):
                continue  # "the deadliest ambush since 2011": a record, not the start of a count
            if low in _ONE_WORD_CUES:
                if low == "since" and t.dep_ == "mark":
                    clause = t.head  # "since the war began on Oct. 7": the clause is the head verb
                    target = clause.head if clause.head.i != clause.i else clause
                    self._add(target, clause.left_edge.i, clause.right_edge.i,
                              None if target.pos_ in ("VERB", "AUX") else t.i)
                elif low == "since":
                    self._add(t, t.left_edge.i, t.right_edge.i)
                else:
                    self._add(t)

    def _add(self, t: Token, lo: int | None = None, hi: int | None = None, misparsed_at: int | None = None) -> None:
        v = verb_of(t)
        if misparsed_at is not None:
            # a since-clause hanging off a noun is a misparse (a dateline glued to the first sentence often
            # causes it): the clause belongs to the nearest verb on its left
            doc = self.sent.doc
            left = next((doc[j] for j in range(misparsed_at - 1, self.sent.start - 1, -1)
                         if doc[j].pos_ == "VERB" and doc[j].lemma_.lower() not in SPEECH_VERBS), None)
            v = left or v
        if v is None:
            return
        self.cues.append((v.i, t.i, lo, hi))

    def match(self, verb: Token | None) -> tuple[bool, tuple[int, int] | None]:
        """(cumulative?, since-clause token range) for a figure governed by `verb`."""
        verbs = cluster(verb)
        since: tuple[int, int] | None = None
        hit = False
        for anchor, _, lo, hi in self.cues:
            if anchor in verbs:
                hit = True
                if lo is not None and hi is not None and since is None:
                    since = (lo, hi)
        return hit, since


class TimeIndex:
    """The times stage's expressions, sorted by start, for span look-ups."""

    def __init__(self, times: list[Time]) -> None:
        self.times = sorted(times, key=lambda t: t.start)
        self.starts = [t.start for t in self.times]

    def covering(self, char: int) -> Time | None:
        k = bisect_right(self.starts, char) - 1
        if k >= 0 and self.times[k].start <= char < self.times[k].end and self.times[k].type == "DATE":
            return self.times[k]
        return None

    def first_in(self, start: int, end: int) -> Time | None:
        k = bisect_right(self.starts, start - 1)
        while k < len(self.times) and self.times[k].start < end:
            t = self.times[k]
            if t.end <= end and t.type == "DATE":
                return t
            k += 1
        return None


def since_day(time: Time | None, span: Span) -> str | None:
    """The since-date when it is a day: 'since April 2' -> the day; 'since the start of 2019' ->
    2019-01-01; 'since early March', 'since 2016' -> None (the start is not known to the day)."""
    if time is None:
        return None
    value = time.value
    if len(value) == 10 and value[4] == "-" and value[:4].isdigit():
        return value
    starts = any(t.lower_ in ("start", "beginning", "outset") for t in span)
    if starts and len(value) == 4 and value.isdigit():
        return f"{value}-01-01"
    if starts and len(value) == 7 and value[4] == "-" and value[5:].isdigit():
        return f"{value}-01"
    return None


def figure_date(verb: Token | None, times: TimeIndex, since: tuple[int, int] | None) -> str | None:
    """The date of a figure: a DATE attached to its predicate ('were killed on Friday'), not in the since-clause."""
    if verb is None:
        return None
    top = verb
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    if top.dep_ == "relcl":
        # "on Feb. 20, when gunmen ... killed more than 300": the clause modifies the date
        anchor = top.head
        t = times.first_in(anchor.left_edge.idx, anchor.idx + len(anchor.text))
        if t is None:
            t = times.covering(anchor.idx)
        if t is not None and t.value[:1].isdigit():
            return t.value
    for c in verb.children:
        if c.dep_ not in ("prep", "npadvmod", "advmod", "tmod"):
            continue
        if since is not None and since[0] <= c.i <= since[1]:
            continue
        if c.lower_ in ("since", "until", "before", "after", "by"):
            continue
        lo, hi = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
        t = times.first_in(lo, hi)
        if t is not None and t.value[:1].isdigit():
            return t.value
    return None


_PLACE_PREPS = {"in", "at", "near", "across", "inside", "outside", "around", "throughout", "off", "from"}


def figure_place(anchors: list[Token | None], places: list[tuple[int, int]]) -> int | None:
    """Index of the first place mention inside an in/at/near phrase of the predicate or the counted noun
    ('killed four civilians in Kherson'); `places` are (start, end) character spans in report order."""
    if not places:
        return None
    for anchor in anchors:
        if anchor is None:
            continue
        for c in anchor.children:
            if c.dep_ != "prep" or c.lower_ not in _PLACE_PREPS:
                continue
            lo, hi = c.idx, c.right_edge.idx + len(c.right_edge.text)
            for k, (start, end) in enumerate(places):
                if lo <= start and end <= hi:
                    return k
    return None
