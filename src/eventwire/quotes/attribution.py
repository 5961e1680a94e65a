"""The cue verb and speaker of a direct quotation, looked for in the words beside it.

    is_cue(token) -> bool
    cue_near(idx, q_lo, q_hi, region, in_quote, nearest_first) -> (cue, speaker | None) | None
    speaker_for(cue, in_quote, lo=-1, hi=-1) -> Token | None
    governs(cue, f_lo, f_hi, any_dep=False) -> bool

Every search here costs a bounded amount per quotation, whatever the text: ``cue_near`` looks at
no more than ``MAX_CUES`` cues on each side (an article's sentence holds two or three), found through
the index's list of cue positions, and ``speaker_for`` walks back at most ``BACK_WINDOW`` tokens.
Runs of punctuation are skipped in one step through ``Index.next_word``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import SPEECH_VERBS
from .index import Index
from .speaker import subject_of

__all__ = ["BACK_WINDOW", "MAX_CUES", "cue_near", "governs", "is_cue", "speaker_for"]

MAX_CUES = 16  # cues examined on one side of a quotation
BACK_WINDOW = 60  # tokens a speaker may stand before its cue ('Smith (...), 58, on Monday said')

_BACK_VERBS = frozenset(["shoot", "fire", "hit", "push", "snap", "strike", "punch"])  # 'shot back', 'hit back'


def is_cue(t: Token) -> bool:
    return (t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS) or (
        t.lemma_.lower() == "put" and any(c.lower_ == "it" for c in t.children)
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children)) or (
        t.pos_ == "VERB" and t.lemma_.lower() in _BACK_VERBS and any(c.lower_ == "back" for c in t.children)) or (
        t.lower_ == "according" and any(c.lower_ == "to" for c in t.children))


def speaker_for(cue: Token, in_quote: list[bool], lo: int = -1, hi: int = -1,
                next_word: list[int] | None = None) -> Token | None:
    """The speaker of `cue`: its subject, else (with a region [lo, hi)) the nearest name beside it.
    ``next_word`` (``Index.next_word``) answers 'only punctuation between' in one step."""
    if cue.lower_ == "according":
        to = next(c for c in cue.children if c.lower_ == "to")
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    subj = subject_of(cue)
    if subj is not None and not in_quote[subj.i]:
        return subj
    if lo < 0:
        return None
    # the parse lost the subject (often swallowed by the quote): the nearest name beside the cue
    doc = cue.doc
    owner = _relative_owner(cue)
    if owner is not None and lo <= owner.i < cue.i and not in_quote[owner.i]:
        return owner  # '"...," a source who did not want to be named said': the parse hung 'said' inside
    if cue.tag_ == "VBG" and cue.i == cue.sent.start and cue.i > 0:
        prev = doc[cue.i - 1].sent.root  # '... the report "wasn't good." Adding, "..."'
        spk = subject_of(prev) if prev.pos_ in ("VERB", "AUX") else None
        if spk is not None and not in_quote[spk.i] and "\n" not in doc[spk.i:cue.i].text:
            return spk
    if cue.tag_ == "VBG" and cue.i > 0 and doc[cue.i - 1].text == ",":
        root = cue.sent.root  # 'Smith shared the news last week, writing "..."': the clause's subject
        spk = subject_of(root) if root.i < cue.i and root.pos_ in ("VERB", "AUX") else None
        if spk is not None and not in_quote[spk.i] and spk.i < cue.i:
            return spk
    depth = 0
    i = cue.i - 1
    while i >= max(lo, 0, cue.i - BACK_WINDOW):
        t = doc[i]
        if in_quote[i]:
            break
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif depth == 0 and t.dep_ == "pobj" and t.head.dep_ == "prep" and lo <= t.head.i < t.i \
                and doc[t.right_edge.i + 1].text == "," and doc[t.head.i - 1].text == ",":
            i = t.head.i - 1  # 'Smith, in Ohio, said': skip the inserted place
            continue
        elif depth == 0 and t.like_num and i > 0 and doc[i + 1].text == "," and doc[i - 1].text == ",":
            pass  # an age: 'Jones, 58, told ...'
        elif depth == 0 and t.ent_type_ in ("DATE", "TIME") and t.pos_ in ("PROPN", "NOUN", "NUM"):
            pass  # 'on Saturday said': not a speaker
        elif depth == 0 and t.pos_ in ("PROPN", "NOUN", "PRON"):
            owner = _relative_owner(t, steps=6)
            if owner is not None and owner.i >= lo and not in_quote[owner.i] and doc[cue.i - 1].is_punct:
                return owner  # 'X, who leads the Y Committee, described': not the committee
            return t.head if t.dep_ == "compound" and t.head.i < cue.i else t
        elif depth == 0 and t.is_upper and len(t.text) > 1 and t.pos_ in ("AUX", "VERB") and i == cue.i - 1:
            return t  # '"...," IS said': an acronym the tagger took for a verb
        elif depth == 0 and not (t.is_punct or t.pos_ in ("ADV", "AUX", "PART")):
            break
        i -= 1
    if next_word is not None:
        right_after = next_word[lo] >= cue.i
    else:
        right_after = all(doc[k].is_punct or doc[k].is_space for k in range(lo, cue.i))
    for i in range(cue.i + 1, min(hi, cue.i + 4)):
        t = doc[i]
        if in_quote[i]:
            break
        if right_after and t.head.i == cue.i and t.dep_ in ("dobj", "attr", "npadvmod") \
                and t.pos_ in ("NOUN", "NUM", "PRON"):
            return t  # '"...," read one', '"...," wrote a reader': the inverted subject
        if (t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME")) or t.lower_ in ("he", "she", "they", "i", "we"):
            while t.dep_ == "compound" and t.head.i > t.i and t.head.i < hi:
                t = t.head
            return t
    return None


def _relative_owner(cue: Token, steps: int = 4) -> Token | None:
    """The noun whose relative clause swallowed a subjectless cue ('a source who did not want to be
    named said ...'), or None."""
    t = cue
    for _ in range(steps):
        if t.head.i == t.i:
            return None
        if t.dep_ == "relcl":
            return t.head if t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i else None
        t = t.head
    return None


def _owns_other_content(idx: Index, cue: Token, q_lo: int, q_hi: int, in_quote: list[bool],
                        words: tuple[int, int]) -> bool:
    """True when the cue reports a clause of its own outside this quotation (``words``: the
    quotation's words, without its marks and the punctuation the parse hangs elsewhere)."""
    if any(c.dep_ == "ccomp" and q_lo <= c.i < q_hi for c in cue.children):
        return False  # the quotation itself is what it reports
    if cue.i < q_lo and idx.next_word[cue.i + 1] >= q_lo:
        return False  # 'Asked about it, Trump replied, "..."': the quote right after the cue is its content
    text = idx.text
    w_lo, w_hi = words
    for c in cue.children:
        if c.i < cue.i and "\n" in text[c.idx:cue.idx]:
            continue  # a parse glued across paragraphs
        if c.dep_ == "ccomp" and not (q_lo <= c.i < q_hi) and not in_quote[c.i] \
                and not (c.left_edge.i <= w_lo and w_hi <= c.right_edge.i + 1):
            return True
    return False


def _quoted_words(idx: Index, q_lo: int, q_hi: int) -> tuple[int, int]:
    doc = idx.doc
    w_lo, w_hi = q_lo, q_hi
    while w_lo < w_hi - 1 and doc[w_lo].is_punct:
        w_lo += 1
    while w_hi > w_lo + 1 and doc[w_hi - 1].is_punct:
        w_hi -= 1
    return w_lo, w_hi


def cue_near(idx: Index, q_lo: int, q_hi: int, region: range, in_quote: list[bool],
             nearest_first: bool) -> tuple[Token, Token | None] | None:
    """The cue in `region` the quotation [q_lo, q_hi) hangs on (even past a nearer one), else the
    nearest cue with a speaker, else the nearest cue."""
    doc = idx.doc
    best: tuple[Token, Token | None] | None = None
    nearest: tuple[Token, Token | None] | None = None
    words: tuple[int, int] | None = None
    first = idx.next_nonpunct[q_lo]  # the quotation's first word, for `governs`
    for i in idx.cues_in(region, nearest_first, MAX_CUES):
        t = doc[i]
        if words is None:
            words = _quoted_words(idx, q_lo, q_hi)
        if _owns_other_content(idx, t, q_lo, q_hi, in_quote, words):
            continue
        spk = speaker_for(t, in_quote, region.start, region.stop, idx.next_word)
        if spk is not None:
            if governs(t, q_lo, q_hi, any_dep=True, first=first):
                return t, spk  # the cue the quotation hangs on, even past a nearer one
            if nearest is None:
                nearest = (t, spk)
        elif best is None:
            best = (t, None)
    return nearest or best


def governs(cue: Token, f_lo: int, f_hi: int, any_dep: bool = False, first: int | None = None) -> bool:
    """True when the quotation's first word hangs (through a reported clause, or with `any_dep`
    through anything) under `cue` (``first``: the index of its first non-punctuation token, when
    known)."""
    doc = cue.doc
    if first is None:
        t = next((doc[i] for i in range(f_lo, f_hi) if not doc[i].is_punct), None)
    else:
        t = doc[first] if first < f_hi else None
    for _ in range(8):
        if t is None or t.head.i == t.i:
            return False
        if t.head.i == cue.i:
            return any_dep or t.dep_ in ("ccomp", "xcomp", "dobj", "oprd", "advcl", "conj", "parataxis",
                                         "npadvmod", "attr")
        t = t.head
    return False
