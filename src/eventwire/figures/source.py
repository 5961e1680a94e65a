"""Who reports a figure (``reported_by``).

1. The quotes stage: the innermost quote whose content span contains the figure gives its speaker.
2. Fallback in the figure's own sentence: a speech cue ("X said (that) ...", "..., X said",
   "according to X", "X accused Y of ...", "X reported", "X put the toll at ...").  The cue whose
   clause contains the figure wins (the smallest such clause); otherwise the nearest cue in the
   sentence.  The source span is resolved with ``ActorTable.resolve``/``ensure``.
3. A pronoun source ("it said") that the actor table cannot resolve takes the last named source
   of an earlier sentence.
None means the outlet speaks in its own voice.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from ..actors import ActorTable
from ..quotes.cues import SUBORDINATORS
from ..schema import Quote

SPEECH_VERBS = frozenset("""
say tell report announce state add confirm claim accuse allege estimate count cite quote note warn declare insist
reveal indicate explain stress write tweet post record document tally inform testify acknowledge admit
""".split())  # noqa: SIM905
_PRONOUNS = {"it", "they", "he", "she", "we", "i", "this", "that"}
# Things that "say" on someone's behalf: the source is whose they are ("a statement from the governor",
# "photographs released by the group", "a statement the army issued"), none when the text names no one.
DOCUMENTS = {"statement", "communique", "communiqué", "photograph", "photo", "footage", "video", "image",
             "finding", "report", "letter", "document", "record", "post", "message", "data", "figure", "note"}


class Cue:
    """A speech cue in a sentence: the cue token, its clause range and its source token (or None)."""

    __slots__ = ("hi", "lo", "source", "token")

    def __init__(self, token: Token, source: Token | None) -> None:
        self.token = token
        self.lo, self.hi = token.left_edge.i, token.right_edge.i
        mark = _subordinator(token)
        if mark is not None:
            self.lo = mark.i  # "..., hours after officials said ...": the cue's clause starts at "after"
        self.source = source


def _subject(verb: Token) -> Token | None:
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    # the subject nearest the verb: a dateline ("JERUSALEM, Oct 7 (AP) - Israeli police said") can
    # be parsed as a second subject
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects and not passive:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and not passive \
            and verb.dep_ != "advcl":
        return _subject(verb.head)  # "the ministry said ... and added that ..."
    return None


def _cues(sent: Span) -> list[Cue]:
    out = []
    for t in sent:
        lemma = t.lemma_.lower()
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            pobj = next((p for p in t.doc[t.i + 1].children if p.dep_ == "pobj"), None)
            if pobj is not None:
                out.append(Cue(t, _owner(pobj)))
        elif lemma == "cite" and t.tag_ == "VBG":
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if obj is not None:
                out.append(Cue(t, obj))  # "..., citing the health ministry"
        elif t.pos_ == "VERB" and (lemma in SPEECH_VERBS or (lemma == "put" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ("toll", "number", "figure", "tally") for c in t.children))):
            if any(c.dep_ == "auxpass" for c in t.children) and not any(c.dep_ == "agent" for c in t.children):
                continue  # "32 deaths were reported": no source named
            if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "live") for c in t.children):
                continue  # "the fire claimed the lives of 45 miners": no speech
            if lemma == "say" and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                                      for c in t.children):
                continue  # "a sympathiser said to have served time": hearsay about him, no source
            out.append(Cue(t, _owner(_subject(t))))
    return out


def _owner(src: Token | None) -> Token | None:
    """The one a document speaks for ("a statement from X", "photographs released by X", "a statement X
    issued", "X's statement"); else the document itself ("unconfirmed reports say", "official figures
    show": the source the text names)."""
    if src is None or src.lemma_.lower() not in DOCUMENTS:
        return src
    return _issuer(src) or src


def _issuer(src: Token) -> Token | None:
    """Who issued a document: "a statement from X", "photographs released by X", "a statement X
    issued", "X's statement" (None when the text names no one)."""
    for c in src.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() not in DOCUMENTS:
                return obj
        if c.dep_ in ("acl", "relcl"):
            for g in c.children:
                if g.dep_ == "nsubj" and g.lower_ not in ("that", "which", "who"):
                    return g  # "a statement the army issued"
                if g.dep_ == "agent":
                    obj = next((x for x in g.children if x.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj  # "photographs released by the CHRO"
    return None


def _in_relative_clause(head: Token, cue: Token) -> bool:
    """The figure sits in a relative clause about an act on the way up to the cue ("X said it was behind
    an assault on a hotel that killed 10"): the outlet's own background, not what the cue reports."""
    cur = head
    for _ in range(12):
        if cur.i == cue.i or cur.head == cur:
            return False
        if cur.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in cur.children):
            return True  # "an assault that killed 10", "the fighting, which has killed 35" (not "members it killed")
        cur = cur.head
    return False


def _subordinator(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in SUBORDINATORS and c.i < verb.i), None)


def _trailing(cue: Token) -> bool:
    """A cue closing its sentence speaks for all of it whatever the parser hangs it on: '..., though at
    least 35 were women, according to a UN count.' / '..., the weekly "X" reported in its Friday
    issue.' (a participle of the name): nothing but its own phrase follows it."""
    sent = cue.sent
    last = sent.end - 1
    while last > sent.start and (cue.doc[last].is_punct or cue.doc[last].is_space):
        last -= 1
    if cue.right_edge.i < last:
        return False
    if cue.lower_ == "according":
        return True
    name = cue.head.head if cue.head.dep_ == "appos" else cue.head  # 'the weekly "X" reported'
    return cue.dep_ == "acl" and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "mark") for c in cue.children) \
        and name.left_edge.i > sent.start and cue.doc[name.left_edge.i - 1].text == ","


def _is_main_clause(verb: Token) -> bool:
    """Whether a cue speaks for its sentence: no subordinator ("after X said") on the way up to the root."""
    while True:
        if _subordinator(verb) is not None:
            return False
        if verb.dep_ == "ROOT":
            return True
        if verb.dep_ not in ("conj", "parataxis", "ccomp", "advcl"):
            return False  # a relative clause, a participle, a clausal subject
        verb = verb.head


def _source_span(src: Token) -> tuple[int, int]:
    """Character span of a source noun phrase: pre-modifiers + head (+ a proper-noun apposition)."""
    for c in src.children:
        if c.dep_ == "appos" and c.i > src.i and c.pos_ == "PROPN":
            # "the state news agency, Petra": the name is the best handle on the actor
            return c.left_edge.idx if c.left_edge.i > src.i + 1 else c.idx, c.idx + len(c.text)
    start = src.left_edge
    end = src
    # keep pre-modifiers only: "The Gaza health ministry, controlled by Hamas" -> "The Gaza health ministry"
    for c in src.children:
        if c.i > src.i and c.dep_ in ("acl", "relcl", "prep", "punct") and c.i <= end.i:
            end = src
            break
    return start.idx, end.idx + len(end.text)


def _untethered_source(cue: Token, fig_lo: int, fig_hi: int) -> Token | None:
    """'..., the state news agency, Petra, reported': the phrase just before a subjectless cue."""
    doc = cue.doc
    k = cue.i - 1
    while k >= 0 and doc[k].is_punct:
        k -= 1
    if k < 0 or doc[k].pos_ not in ("PROPN", "NOUN") or fig_lo <= k < fig_hi:
        return None
    x = doc[k]
    if x.dep_ == "appos" and not fig_lo <= x.head.i < fig_hi and x.head.i != x.i:
        x = x.head  # 'the weekly "X"': one step, not on to what the weekly is in apposition to
    return x


class Attributor:
    """Finds reported_by for figures, in document order."""

    def __init__(self, doc: Doc, quotes: list[Quote], actors: ActorTable | None) -> None:
        self.doc = doc
        self.actors = actors
        dateline = doc._.eventwire_dateline if Doc.has_extension("eventwire_dateline") else None
        dateline_end = dateline.end if dateline is not None else -1
        # a "speaker" inside the dateline ("JERUSALEM, Oct 7 (AP) - Police said") is a misparse: skip it
        self.quotes = sorted(
            (q for q in quotes if q.speaker and (q.speaker_start is None or q.speaker_start >= dateline_end)),
            key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.quotes]
        self._cues: dict[int, list[Cue]] = {}
        self._last_source: tuple[int, int] | None = None
        self._last_sent = -1
        self._sents: list[Span] | None = None  # the document's sentences, read once
        self._next = 0  # the first of them `_advance` has not passed

    def _quote_at(self, start: int, end: int) -> Quote | None:
        """The innermost quote (with a speaker) whose content contains [start, end)."""
        best: Quote | None = None
        k = bisect_right(self.quote_starts, start)
        for q in self.quotes[:k]:
            if q.start <= start and end <= q.end and (best is None or q.end - q.start < best.end - best.start):
                best = q
        return best

    def _resolve(self, src: Token) -> str | None:
        if self.actors is None:
            return None
        if src.lower_ in _PRONOUNS:
            found = self.actors.resolve(self.doc, src.idx, src.idx + len(src.text))
            if found is not None and not self._is_pronoun_actor(found):
                return found
            if self._last_source is not None:
                return self.actors.ensure(self.doc, *self._last_source)
            return None
        start, end = _source_span(src)
        return self.actors.ensure(self.doc, start, end)

    def _is_pronoun_actor(self, actor_id: str) -> bool:
        """An 'actor' named 'he' is an unresolved pronoun, whatever the table made of it."""
        assert self.actors is not None
        actor = self.actors.get(actor_id)
        return actor is not None and actor.name.lower() in _PRONOUNS

    def _sentence_cues(self, sent: Span) -> list[Cue]:
        cues = self._cues.get(sent.start)
        if cues is None:
            cues = self._cues[sent.start] = _cues(sent)
        return cues

    def _advance(self, sent: Span) -> None:
        """Remember the last named source of the sentences before `sent` (for 'it said')."""
        if self._last_sent < 0:
            self._last_sent = 0
        if self._sents is None:
            self._sents = list(self.doc.sents)
        # from where the last call stopped, not from the document's start (once per figure: quadratic)
        while self._next < len(self._sents):
            s = self._sents[self._next]
            if s.start >= sent.start:
                break
            self._next += 1
            if s.start < self._last_sent:
                continue
            for cue in self._sentence_cues(s):
                if cue.source is not None and cue.source.lower_ not in _PRONOUNS:
                    self._last_source = _source_span(cue.source)  # resolved only when a pronoun needs it
            self._last_sent = s.end

    def reported_by(self, sent: Span, start_char: int, end_char: int, tok_lo: int, tok_hi: int,
                    head: Token) -> str | None:
        """Actor id for the figure at [start_char, end_char) (tokens [tok_lo, tok_hi)), or None."""
        quote = self._quote_at(start_char, end_char)
        self._advance(sent)
        cues = self._sentence_cues(sent)
        best: Cue | None = None
        for cue in cues:
            src = cue.source
            if src is not None and src.left_edge.i <= head.i <= src.right_edge.i:
                continue  # the figure is (in) the speaker: "Hundreds of protesters said ..."
            if cue.lo <= head.i <= cue.hi and (best is None or cue.hi - cue.lo < best.hi - best.lo):
                best = cue
        if best is not None and _in_relative_clause(head, best.token) and (quote is None or quote.kind != "direct"):
            return None
        if quote is not None and quote.kind != "direct" and quote.speaker_start is not None:
            said_by = self.doc.char_span(quote.speaker_start, quote.speaker_end or quote.speaker_start + 1,
                                         alignment_mode="expand")
            if said_by is not None and len(said_by) and said_by.root.lemma_.lower() in DOCUMENTS:
                owner = _issuer(said_by.root)  # "according to a statement the army issued, 11 were killed"
                if owner is not None:
                    return self._resolve(owner)
        if quote is not None:
            # the quotes stage wins, unless a speech cue with its own source sits inside the quote and
            # governs the figure: "A said 23 were killed, while police said 11 had died" (nested speech)
            nested = best is not None and best.source is not None and best.source.lower_ not in _PRONOUNS \
                and quote.start <= best.source.idx < quote.end
            if not nested and not (self.actors is not None and quote.speaker
                                   and self._is_pronoun_actor(quote.speaker)):
                return quote.speaker
        # a cue closing the sentence speaks for the figures before it
        main_cues = [c for c in cues if _is_main_clause(c.token) or (head.i < c.token.i and _trailing(c.token))]
        if best is None and main_cues:
            # the nearest cue of the sentence's main clause: "..., the governor said, while 15 others remain ...";
            # a cue inside a subordinate clause ("hours after mediators said ...") reports only that clause
            best = min(main_cues, key=lambda c: abs(c.token.i - head.i))
        if best is None:
            return None
        if best.source is not None and best.source.lower_ in _PRONOUNS:
            # "Foro Penal said it had counted 11 deaths": the enclosing cue names the source
            outer = [c for c in cues if c is not best and c.lo <= best.token.i <= c.hi
                     and c.source is not None and c.source.lower_ not in _PRONOUNS]
            if outer:
                best = min(outer, key=lambda c: c.hi - c.lo)
        src = best.source or _untethered_source(best.token, tok_lo, tok_hi)
        if src is None:
            return None
        return self._resolve(src)
