"""Indirect speech over the dependency parse: 'X said (that) ...', '..., X said.', 'according to
X, ...', 'X accused Y of ...', 'X wants to ...'.  One pass over the tokens."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .cues import CLAUSE_VERBS, DOBJ_VERBS, OBJECT_VERBS, SUBORDINATORS, XCOMP_VERBS
from .speaker import subject_of


@dataclass
class Found:
    """A quote candidate: content fragments as token ranges, its cue and speaker head."""

    frags: list[tuple[int, int]]
    cue: tuple[int, int] | None  # token range of the cue
    speaker: Token | None
    kind: str = "indirect"
    inherited: bool | str = False  # speaker taken from an adjacent quote (or 'previous sentence')
    weak: bool = False  # speaker from the clause around the quote, not from a cue

    @property
    def start(self) -> int:
        return self.frags[0][0]

    @property
    def end(self) -> int:
        return self.frags[-1][1]


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Drop edge punctuation (not quotation marks) and spaces from token range [lo, hi)."""
    while hi > lo and (doc[hi - 1].is_space or (doc[hi - 1].is_punct and not doc[hi - 1].is_quote)):
        hi -= 1
    while lo < hi and (doc[lo].is_space or (doc[lo].is_punct and not doc[lo].is_quote)
                       or doc[lo].dep_ == "cc"):
        lo += 1
    return lo, hi


def _colon_between(doc: Doc, lo: int, hi: int) -> bool:
    """'The facts are clear: officials said ...': a clause before a colon or semicolon is not what
    a cue after it reports."""
    return any(doc[k].text in (":", ";") for k in range(lo, hi))


def subordinated_after(cue: Token, clause: Token) -> bool:
    """A subordinator between an earlier clause and the cue: "X happened, hours after Y said ..." —
    the clause is the main event, not Y's report, even when the parser hangs it under the cue."""
    return clause.i < cue.i and any(
        m.dep_ == "mark" and m.lower_ in SUBORDINATORS and clause.right_edge.i < m.i < cue.i for m in cue.children)


_REFLEXIVES = frozenset(["itself", "themselves", "himself", "herself"])


def _across_paragraphs(t: Token, c: Token) -> bool:
    """'"... examined."' + new paragraph 'The mayor said X died': a clause the parse hung on the cue
    from another paragraph is not what it reports."""
    doc = t.doc
    lo, hi = (c.i, t.i) if c.i < t.i else (t.i, c.i)
    return any("\n" in doc[k].text_with_ws for k in range(lo, hi))


def _content_of(t: Token, lemma: str) -> tuple[int, int] | None:
    """Token range of what `t` reports, or None."""
    children = list(t.children)
    clauses = [c for c in children if c.dep_ == "ccomp" and lemma in CLAUSE_VERBS
               and not _colon_between(t.doc, c.right_edge.i + 1, t.i) and not subordinated_after(t, c)]
    # a clause in the cue's own paragraph before one the parse hung on it from another paragraph
    clauses.sort(key=lambda c: _across_paragraphs(t, c))
    for c in clauses[:1]:
        return c.left_edge.i, c.right_edge.i + 1
    if lemma == "call":
        for c in children:
            if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i > t.i \
                    and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children):  # not 'on Monday'
                return c.left_edge.i, c.right_edge.i + 1
        dobj = next((c for c in children if c.dep_ == "dobj"), None)
        oprd = next((c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > t.i), None)
        if dobj is not None and oprd is not None and dobj.lower_ not in _REFLEXIVES:
            return dobj.left_edge.i, oprd.right_edge.i + 1
        return None  # 'a faction that calls itself X' names itself; it reports nothing
    if lemma in XCOMP_VERBS:
        for c in children:
            if c.dep_ == "xcomp" and c.i > t.i:
                dobj = next((d for d in children if d.dep_ == "dobj" and t.i < d.i < c.i), None)
                lo = dobj.left_edge.i if dobj is not None else c.left_edge.i
                return lo, c.right_edge.i + 1
    if lemma in OBJECT_VERBS:
        dobj = next((c for c in children if c.dep_ == "dobj"), None)
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("of", "for", "over", "as", "to")
                     and dobj is not None and c.i > dobj.i), None)
        if dobj is not None and prep is not None:
            return dobj.left_edge.i, prep.right_edge.i + 1
    if lemma in DOBJ_VERBS:
        dobj = next((c for c in children if c.dep_ == "dobj" and c.i > t.i), None)
        if dobj is not None and dobj.pos_ in ("NOUN", "PROPN") and dobj.right_edge.i - dobj.left_edge.i >= 3:
            return dobj.left_edge.i, dobj.right_edge.i + 1
    return None


def _in_paragraph(doc: Doc, t: Token, lo: int, hi: int) -> tuple[int, int]:
    """Clip token range [lo, hi) to the paragraph of `t` (parses may run over a header line)."""
    for i in range(t.i - 1, lo - 1, -1):
        if "\n" in doc[i].text_with_ws:
            lo = i + 1
            break
    for i in range(max(t.i, lo), hi):
        if "\n" in doc[i].text_with_ws:
            hi = i + 1
            break
    return lo, hi


def _reports_a_quote(t: Token, in_quote: list[bool]) -> bool:
    """True when a clausal complement of `t` holds quoted words (any verb then reports speech)."""
    for c in t.children:
        if c.dep_ == "ccomp" and c.i > t.i and c.doc[c.left_edge.i].lower_ == "that" \
                and any(in_quote[i] for i in range(c.left_edge.i, c.right_edge.i + 1)):
            return True
    return False


def _according(t: Token) -> Found | None:
    """'according to X, CLAUSE' / 'CLAUSE, according to X'."""
    to = next((c for c in t.children if c.lower_ == "to"), None)
    if to is None:
        return None
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    clause = t.head
    while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT" and clause.head.i != clause.i:
        clause = clause.head
    sent = t.sent
    lo, hi = _in_paragraph(t.doc, t, max(clause.left_edge.i, sent.start), min(clause.right_edge.i + 1, sent.end))
    a_lo, a_hi = t.left_edge.i, t.right_edge.i + 1
    doc = t.doc
    frags = [_trim(doc, lo, a_lo), _trim(doc, a_hi, hi)]
    frags = [f for f in frags if f[1] - f[0] >= 2]
    if not frags:
        return None
    return Found(frags=frags, cue=(t.i, to.i + 1), speaker=src)


def find_indirect(doc: Doc, in_quote: list[bool]) -> list[Found]:
    """Indirect speech candidates, outermost first within each sentence."""
    out: list[Found] = []
    for t in doc:
        if in_quote[t.i]:
            continue  # a cue inside a quotation belongs to the quoted speaker
        if t.lower_ == "according":
            found = _according(t)
            if found:
                out.append(found)
            continue
        if t.pos_ != "VERB" or any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            continue  # "an effort to acknowledge ...": an infinitive is a purpose, or part of the outer report
        lemma = t.lemma_.lower()
        if lemma not in CLAUSE_VERBS and lemma not in XCOMP_VERBS and lemma not in OBJECT_VERBS \
                and lemma not in DOBJ_VERBS:
            if not _reports_a_quote(t, in_quote):
                continue
            lemma = "say"  # "Trump groused that CNN 'treats me unfairly'": a that-clause with quoted words
        span = _content_of(t, lemma)
        frags = []
        if span is None and t.dep_ == "parataxis" and lemma in CLAUSE_VERBS:
            # "The economy is strong, he said." / "But, he said, officials should ..." with 'said'
            # hanging off the reported clause: the clause around the cue is the content
            h = t.head
            lo_, hi_ = _in_paragraph(doc, t, h.left_edge.i, h.right_edge.i + 1)
            frags = [_trim(doc, lo_, t.left_edge.i), _trim(doc, t.right_edge.i + 1, hi_)]
            frags = [f for f in frags if f[1] - f[0] >= 2]
        elif span is not None:
            lo, hi = _trim(doc, *_in_paragraph(doc, t, *span))
            if hi - lo >= 2:
                frags = [(lo, hi)]
        frags = [(lo, hi) for lo, hi in frags if hi > t.left_edge.i or not _colon_between(doc, hi, t.left_edge.i)]
        if not frags:
            continue
        subj = subject_of(t)
        if subj is None or any(lo <= subj.i < hi for lo, hi in frags):
            continue
        if subj.lower_ == "you":
            continue  # "Do you know ...": the reader addressed, not a source
        if subj.dep_ == "nsubjpass" and subj.head.i == t.i:
            continue  # "was asked to", "is expected to": the subject is not the source
        cue_lo, cue_hi = t.i, t.i + 1
        for c in t.children:  # particles and negation belong to the cue: "pointed out", "did not say"
            if c.dep_ in ("prt", "aux", "neg", "auxpass") and abs(c.i - t.i) <= 3:
                cue_lo, cue_hi = min(cue_lo, c.i), max(cue_hi, c.i + 1)
        out.append(Found(frags=frags, cue=(cue_lo, cue_hi), speaker=subj))
    return out
