"""Partial (mixed) quotes: quoted words inside a clause someone else's verb reports.

    merge(doc, direct, short, indirect, in_quote) -> list[Found]

*The agency said the blast left "four people hurt"*, *X denounced the raid as "pure evil"*,
*which it called a "criminal act"*, *According to the police, "nearly 20 shells" landed*:
the quotation is the speaker's words though no cue stands next to it.  Such a quotation is
reported on its own (kind ``mixed``, the quoted span exactly) with the speaker of the clause
that holds it; the reported clause around it stays an indirect quote (``partial``).  A short
quotation that no speech verb governs (*proclaimed a "republic"*, *the so-called "green zone"*)
is the narrator's term and is dropped.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from .cues import CLAUSE_VERBS, OBJECT_VERBS, SPEECH_VERBS, XCOMP_VERBS, _words
from .indirect import Found
from .speaker import subject_of

__all__ = ["PERFORMATIVE", "merge", "outer_report", "overlaps"]

# Verbs whose object or complement carries someone's words ('denounced X as "..."', 'brushed it aside
# as "..."', 'attributed the deaths to "..."', 'voiced her "deep regret"'), on top of the speech verbs.
# Speech verbs that as often do something else ('began their attacks', 'read the names') are left out.
ATTITUDE_VERBS: frozenset[str] = (SPEECH_VERBS | OBJECT_VERBS | XCOMP_VERBS | _words("""
denounce term deem dismiss brush reject deride characterize characterise attribute voice express
welcome chant shout vow pledge promise
""")) - _words("begin continue read sing cry attack charge question point answer repeat recall want plan vote "
               "offer expect hope intend")
# 'proclaimed a "republic"', 'declared a "state of emergency"': the object names what the act
# creates; the marks set off a term, not the words of the subject.
PERFORMATIVE = frozenset(["proclaim", "declare", "establish", "found", "form", "create", "launch", "name"])
_NAMING = frozenset(["call", "describe", "dub", "term", "label", "brand", "characterize", "characterise"])
_WALK = 12  # parse steps up from a quotation (bounded: the scan stays linear)


def overlaps(a: Found, b: Found) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.frags for s2, e2 in b.frags)


def outer_report(text: str, hit: tuple[Token, Token | None], in_quote: list[bool]) -> tuple[Token, Token | None]:
    """'Lynch said she recalled thinking, "..."': a cue inside the clause another speaker reports
    is part of that report; the outermost reporter is the speaker.  Not from a naming verb ('X said
    it was a step Washington called a "hopeful sign"'): who named it chose the words."""
    t = hit[0]
    if t.lemma_.lower() in _NAMING and hit[1] is not None:
        return hit
    for _ in range(3):
        up = t.head
        if t.dep_ != "ccomp" or up.pos_ != "VERB" or up.i > t.i or in_quote[up.i] \
                or up.lemma_.lower() not in CLAUSE_VERBS or "\n" in text[up.idx:t.idx]:
            break
        spk = subject_of(up)
        if spk is None or in_quote[spk.i] or spk.lower_ == "you":
            break
        hit, t = (up, spk), up
    return hit


def _holds(doc: Doc, f: Found, d: Found) -> bool:
    """True when clause `f` holds quotation `d` (the parse often leaves a closing '."' outside)."""
    if not overlaps(f, d) or (f.end - f.start) <= (d.end - d.start):
        return False
    sticks_out = all(doc[i].is_punct or doc[i].is_space for i in range(f.end, d.end))
    sticks_in = all(doc[i].is_punct or doc[i].is_space for i in range(d.start, f.start))
    return (f.start <= d.start or sticks_in) and (d.end <= f.end or sticks_out)


def _absorb(f: Found, d: Found) -> None:
    """Widen clause `f` over the marks of quotation `d` and mark it partial."""
    if d.end > f.end:
        f.frags[-1] = (f.frags[-1][0], d.end)
    if d.start < f.start:
        f.frags[0] = (d.start, f.frags[0][1])
    f.kind = "partial"


def attribution_above(doc: Doc, text: str, lo: int, hi: int, in_quote: list[bool]) -> tuple[Token, Token] | None:
    """The speech or attitude verb a quotation hangs on within its sentence, with its subject:
    'denounced the strike as "..."', 'which it branded a "..."', 'pledging to bring "..."'.
    Up the parse from the quotation's first word, through in-quote words and complement verbs."""
    t = next((doc[i] for i in range(lo, hi) if not (doc[i].is_punct or doc[i].is_space)), None)
    if t is None:
        return None
    source: tuple[Token, Token] | None = None  # an 'according to X' on the way up
    for _ in range(_WALK):
        child, t = t, t.head
        if t.i == child.i or "\n" in text[min(t.idx, child.idx):max(t.idx, child.idx)]:
            return source
        if in_quote[t.i] or lo <= t.i < hi:
            continue
        if t.pos_ not in ("VERB", "AUX"):
            continue  # 'as "...", 'the "..." of X': up through nouns and prepositions to the verb
        lemma = t.lemma_.lower()
        if lemma in PERFORMATIVE and child.dep_ in ("dobj", "attr", "oprd"):
            return source
        spk = subject_of(t) if t.pos_ == "VERB" and lemma in ATTITUDE_VERBS else None
        if spk is not None and spk.left_edge.i <= lo <= spk.right_edge.i and not _in_relative(doc[lo], spk):
            spk = None  # 'the bans "harm ...," and it added': the quotation is in the subject's phrase
        elif t.pos_ == "VERB" and lemma in ATTITUDE_VERBS:
            if spk is None or in_quote[spk.i] or spk.lower_ == "you" or spk.dep_ == "nsubjpass" \
                    or in_quote[spk.head.i]:
                # 'demanded that K be freed and called on "..."': no passive subject speaks, nor the
                # subject of the quoted words ('the bans "harm ...," and it added')
                return source
            if lemma in _NAMING:
                if spk.pos_ == "PRON" and any(c.lower_ == "what" for c in t.children):
                    # 'powers condemned what they called an "attempted coup"': the powers' words
                    above = _verb_above(t, in_quote)
                    if above is not None:
                        return above
                return t, spk  # 'X said Y called it "..."': the words are Y's choice
            # 'X said they killed "...", according to Y': X's words, which Y passes on
            hit = outer_report(text, (t, spk), in_quote)
            return hit[0], hit[1]  # type: ignore[return-value]
        according = next((c for c in t.children if c.lower_ == "according"), None)
        to = next((c for c in according.children if c.lower_ == "to"), None) if according is not None else None
        src = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if src is not None and according is not None and source is None:
            # 'According to the army, "about 15 rockets" were fired'; but 'X said they killed "...",
            # according to Y' (hung on 'killed'): X's words, when a speech verb stands higher up
            source = (according, src)
        if t.dep_ not in ("xcomp", "ccomp", "conj", "relcl", "acl", "advcl", "pcomp", "pobj"):  # gerunds too
            return source or _inverted_cue(t, hi, in_quote)  # '... had gone "berserk", the governor wrote'
    return source


def _in_relative(t: Token, top: Token) -> bool:
    """True when `t` sits in a relative clause of `top` ('Ruiz, whose "open door" plan ...')."""
    for _ in range(_WALK):
        if t.i == top.i or t.head.i == t.i:
            return False
        if t.dep_ == "relcl":
            return True
        t = t.head
    return False


def _verb_above(t: Token, in_quote: list[bool]) -> tuple[Token, Token] | None:
    """The nearest verb above `t` with a named subject outside quotations, or None."""
    for _ in range(4):
        if t.head.i == t.i or in_quote[t.head.i]:
            return None
        t = t.head
        if t.pos_ == "VERB":
            spk = subject_of(t)
            return (t, spk) if spk is not None and spk.pos_ != "PRON" and not in_quote[spk.i] else None
    return None


def _inverted_cue(root: Token, hi: int, in_quote: list[bool]) -> tuple[Token, Token] | None:
    """'Troops had gone "berserk", Haider, who heads the region, wrote': a speech verb after the
    quotation that the parse hangs on the clause it reports, with its own subject; else None (the
    narrator's term)."""
    for c in root.children:
        if c.i >= hi and c.dep_ in ("parataxis", "ccomp", "advcl", "conj") and c.pos_ == "VERB" \
                and c.lemma_.lower() in SPEECH_VERBS and not in_quote[c.i]:
            spk = subject_of(c)
            if spk is not None and not in_quote[spk.i] and spk.i >= hi and spk.dep_ != "nsubjpass":
                return c, spk
    return None


def _coordinated(doc: Doc, q: Found, by_end: dict[int, Found]) -> Found | None:
    """'chanting "Out!" and "Go home!"', 'called it "illegal" and "reckless"': the quotation joined to
    the one just before it by a comma or a conjunction, or None."""
    j = q.start
    for _ in range(3):
        if j in by_end:
            return by_end[j]
        j -= 1
        if j < 0 or not (doc[j].is_punct or doc[j].is_space or doc[j].lower_ in ("and", "or")) or doc[j].text == ".":
            return None
    return by_end.get(j)


def _attribute(doc: Doc, text: str, q: Found, f: Found | None, in_quote: list[bool]) -> bool:
    """Give quotation `q` inside a clause the speaker of the verb it hangs on ('Kenya brushed the
    claim aside as "baseless", AFP reported': Kenya), else that of the clause `f` holding it."""
    hit = attribution_above(doc, text, q.start, q.end, in_quote)
    if hit is not None:
        q.speaker, q.cue = hit[1], (hit[0].i, hit[0].i + 1)
    elif f is not None and f.speaker is not None:
        q.speaker, q.cue = f.speaker, f.cue
    else:
        return False
    if q.speaker is not None and q.start <= q.speaker.i < q.end:
        return False  # 'according to "Man of the World," a book': the quotation names the source
    q.weak, q.inherited, q.kind = False, False, "mixed"
    return True


def merge(doc: Doc, text: str, direct: list[Found], short: list[Found], indirect: list[Found],
          in_quote: list[bool]) -> list[Found]:
    """One entry per quotation and per stretch of indirect speech.  A quotation inside a
    reported clause becomes a ``mixed`` quote with the clause's speaker, and the clause (now
    ``partial``) stays; a short quotation (`short`: no cue of its own) is kept only as such a
    mixed quote, or when a speech verb above it in the parse has a subject; an indirect clause
    inside a quotation is dropped."""
    # outermost indirect candidates only: a clause reported inside another is part of it
    indirect.sort(key=lambda f: (f.start, -f.end))
    outer: list[Found] = []
    for f in indirect:
        if outer and outer[-1].start <= f.start and f.end <= outer[-1].end:
            continue
        outer.append(f)
    starts = [f.start for f in outer]

    def holder(d: Found) -> Found | None:
        # clauses are disjoint and sorted: the holder is among the last few that start before d ends
        k = bisect_left(starts, d.end)
        for f in outer[max(0, k - 3):k]:
            if _holds(doc, f, d):
                return f
        return None

    kept_direct, mixed = [], []
    for d in direct:
        f = holder(d)
        if f is None:
            kept_direct.append(d)
            continue
        _absorb(f, d)
        if f.speaker is None:
            f.speaker, f.cue = d.speaker, d.cue
        if not _attribute(doc, text, d, f, in_quote) and d.speaker is not None and d.start <= d.speaker.i < d.end:
            continue  # the quotation is the source itself ('according to "Man of the World," a book')
        mixed.append(d)
    by_end = {d.end: d for d in kept_direct + mixed}
    for s in short:
        f = holder(s)
        if f is not None and f.speaker is not None:
            _absorb(f, s)
        if not _attribute(doc, text, s, f, in_quote):
            prev = _coordinated(doc, s, by_end)
            if prev is None or prev.speaker is None:
                continue  # a scare quote or a term of the narrator's
            s.speaker, s.cue, s.weak, s.inherited, s.kind = prev.speaker, prev.cue, False, False, "mixed"
        mixed.append(s)
        by_end[s.end] = s
    result = kept_direct + mixed
    d_starts = [d.start for d in kept_direct]
    for f in outer:
        k = bisect_left(d_starts, f.end)  # a bounded window: the quotations just before the clause's end
        clash = [d for d in kept_direct[max(0, k - 4):k] if overlaps(f, d)]
        if clash:
            for d in clash:
                # 'According to the ministry, the bans "...," and it added': the named source
                named = f.speaker is not None and f.speaker.pos_ != "PRON" and f.speaker.i < d.start
                if f.speaker is not None and (d.speaker is None or d.weak or (
                        named and d.speaker.pos_ == "PRON" and d.speaker.i > d.start)):
                    d.speaker, d.cue = f.speaker, f.cue
            continue
        result.append(f)
    result.sort(key=lambda f: f.start)
    return result

