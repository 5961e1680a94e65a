"""The quotes stage: direct and indirect speech, each with its speaker resolved to an actor.

    find_quotes(doc, actors: ActorTable | None) -> list[schema.Quote]

Direct quotes come from quotation marks paired per paragraph (``direct.py``), their speaker from
the cue verb next to them (``'..., ' she said``, ``He told reporters: '...'``); indirect speech
comes from the dependency parse (``indirect.py``).  Conventions are in docs/quotes.md.
"""

from __future__ import annotations

import re
from itertools import islice, pairwise

from spacy.tokens import Doc, Token

from ..actors import ActorTable
from ..schema import Quote
from .antecedent import Speakers
from .attribution import cue_near, governs, is_cue, speaker_for
from .cues import CLAUSE_VERBS
from .direct import quoted_spans
from .index import Index
from .indirect import Found, find_indirect
from .mixed import merge, outer_report
from .speaker import actor_core, is_dash, noun_phrase, subject_of
from .titles import after_colon, is_title, names_what_is_made, shouted, speech_like, word_count

__all__ = ["find_quotes"]

_MIN_BARE_TOKENS = 4  # shorter quoted bits without a cue are titles or scare quotes
_WORD_RUN = re.compile(r"\S+")


def _attribute_direct(idx: Index, frags: list[tuple[int, int]], prev_end: int, next_start: int,
                      in_quote: list[bool]) -> Found:
    """Find the cue and speaker of one quotation from the words around it, within its sentence."""
    doc = idx.doc
    tok_frags = [idx.tok_range(s, e) for s, e in frags]
    q_lo, q_hi = tok_frags[0][0], tok_frags[-1][1]
    found = Found(frags=tok_frags, cue=None, speaker=None, kind="direct")
    lead = _transcript_lead(doc, q_lo, tok_frags[0][1]) if _paragraph_opening(idx, q_lo) else None
    if lead is not None:  # '"SMITH: Well, look, ..."': a transcript turn
        found.speaker, found.frags[0] = doc[lead - 2], (lead, tok_frags[0][1])
        return found
    for f_lo, f_hi in tok_frags[:1] + tok_frags[-1:]:
        para = idx.para_of(doc[f_lo].idx)
        para_lo, para_hi = idx.para_tokens(para)
        # tail: from the closing mark to the end of that sentence, the next quote or paragraph
        tail_end = f_hi
        if f_hi < len(doc):
            s_end = idx.sent_bounds[idx.sent[f_hi]][1]
            tail_end = max(f_hi, min(s_end, next_start, para_hi))
            if tail_end == f_hi + 1 or (tail_end > f_hi and doc[f_hi].is_punct and s_end <= f_hi + 2):
                # the parser may cut "..., he said." after the mark: look one sentence on
                s2 = idx.sent[min(tail_end, len(doc) - 1)]
                s_end2 = idx.sent_bounds[s2][1]
                tail_end = max(tail_end, min(s_end2, next_start, para_hi))
        # head: from the sentence start (not before the previous quote) to the opening mark, in the paragraph
        head_start = max(idx.sent_bounds[idx.sent[f_lo]][0], prev_end)
        if head_start < f_lo:
            head_start = min(f_lo, max(head_start, para_lo))
        close_char = frags[0][1] if f_lo == tok_frags[0][0] else frags[-1][1]
        tail = (cue_near(idx, q_lo, q_hi, range(f_hi, tail_end), in_quote, True)
                or _dash_byline(idx, close_char, tail_end) or _any_verb_tail(doc, f_lo, f_hi, tail_end, in_quote))
        head = cue_near(idx, q_lo, q_hi, range(head_start, f_lo), in_quote, False)
        hit = _choose(doc, f_lo, f_hi, head, tail)
        if hit is None or hit[1] is None:
            governing = _governing_verb(doc, f_lo, f_hi, in_quote)
            if governing is not None:
                hit, found.weak = governing, True
        if hit is not None and hit[1] is not None and not found.weak:
            hit = _what_they_call(idx.text, hit, in_quote)
            hit = outer_report(idx.text, hit, in_quote)
        elif found.weak and hit is not None:
            report = _report_above(idx.text, hit[0], in_quote)
            if report is not None:  # 'X said he would advise Y on dealing with the "..."'
                hit, found.weak = outer_report(idx.text, report, in_quote), False
        if hit is not None:
            cue, spk = hit
            found.cue = (cue.i, cue.i + 1)
            found.speaker = spk
            if spk is not None:
                break
    return found


def _transcript_lead(doc: Doc, lo: int, hi: int) -> int | None:
    """Start of the words after a speaker label opening the quotation ('"SMITH: ...',
    '"Jane Smith: ...'), or None."""
    i = lo
    while i < hi and (doc[i].is_quote or doc[i].is_space):
        i += 1
    j = i
    while j < min(hi, i + 3) and doc[j].pos_ == "PROPN" and (doc[j].is_upper or doc[j].is_title):
        j += 1
    if j == i or j + 1 >= hi or doc[j].text != ":" or "\n" in doc[i:j + 1].text:
        return None
    return j + 1


def _governing_verb(doc: Doc, f_lo: int, f_hi: int, in_quote: list[bool]) -> tuple[Token, Token] | None:
    """A quotation inside a clause ('Rubio bemoaned a climate in which people "hate each other"'):
    the subject of the nearest verb above it outside the quotation."""
    t = next((doc[i] for i in range(f_lo, f_hi) if not doc[i].is_punct and not doc[i].is_space), None)
    if t is None:
        return None
    for _ in range(12):
        if t.head.i == t.i:
            return None
        t = t.head
        if in_quote[t.i]:
            continue
        if t.pos_ in ("VERB", "AUX"):
            lo, hi = sorted((t.i, f_lo))
            if any("\n" in doc[k].text_with_ws for k in range(lo, hi)):
                return None  # a parse glued across paragraphs
            spk = subject_of(t)
            # not a subject whose phrase holds the quotation ('signs of a "..." turned up')
            if spk is not None and not in_quote[spk.i] and not (spk.left_edge.i <= f_lo <= spk.right_edge.i):
                return t, spk
            return None
    return None


def _any_verb_tail(doc: Doc, f_lo: int, f_hi: int, hi: int, in_quote: list[bool]) -> tuple[Token, Token] | None:
    """'"Go back to Univision," Trump barked': right after a quote that a comma, '?' or '!' leaves
    open, a subject and any verb are its attribution."""
    j = f_hi - 1
    while j > f_lo and (doc[j].is_quote or doc[j].is_space):
        j -= 1
    if doc[j].text not in (",", "?", "!", "—", "-"):
        return None
    for i in range(f_hi, min(hi, f_hi + 7)):
        t = doc[i]
        if in_quote[i]:
            return None
        if t.pos_ == "VERB":
            subj = next((c for c in t.children if c.dep_ == "nsubj" and not in_quote[c.i]), None)
            if subj is not None and (f_hi <= subj.i < t.i or t.i < subj.i <= t.i + 3):
                return t, subj
            if subj is None and i > f_hi and all(doc[k].pos_ == "PROPN" for k in range(f_hi, i)):
                return t, doc[i - 1]  # '"Go home," Smith barked' with the name parsed as a compound
            return None
    return None


def _dash_byline(idx: Index, end_char: int, hi: int) -> tuple[Token, Token | None] | None:
    """'"..." \u2015 Jane Doe': a dash and a name right after the closing mark."""
    doc = idx.doc
    text = idx.text
    j = end_char
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    if j >= len(text) or text[j] not in "\u2015\u2014\u2013-":
        return None
    k = j + 1
    while k < len(text) and text[k] in " \t\u00a0-":
        k += 1
    i = idx.tok_at(k)
    if i >= min(hi, len(doc)) or doc[i].pos_ != "PROPN":
        return None
    name = doc[i]
    while name.dep_ == "compound" and name.i < name.head.i < hi:
        name = name.head
    return doc[idx.tok_at(j)], name


def _choose(doc: Doc, f_lo: int, f_hi: int, head: tuple[Token, Token | None] | None,
            tail: tuple[Token, Token | None] | None) -> tuple[Token, Token | None] | None:
    """Head or tail cue.  A quote closed by '.' and followed by a new sentence is introduced by
    the words before it ('Trump boasted, "That makes me smart." Later he ...'); '"...," he said'
    and '"...?" she asked' are attributed after."""
    if tail is None or tail[1] is None:
        return head if head is not None and (head[1] is not None or tail is None) else tail
    if head is None or head[1] is None:
        return tail
    head_rules, tail_rules = governs(head[0], f_lo, f_hi), governs(tail[0], f_lo, f_hi)
    if head_rules != tail_rules:
        # 'X said that ... "A," but he said ...': the parse puts the quotation under one of them
        return head if head_rules else tail
    j = f_hi - 1
    while j > f_lo and (doc[j].is_quote or doc[j].is_space):
        j -= 1
    ends_sentence = doc[j].text in (".", "!", "?", "...")
    k = f_hi
    while k < len(doc) and doc[k].is_space:
        k += 1
    follows_lower = k < len(doc) and doc[k].text[:1].islower()
    if not ends_sentence or follows_lower or (doc[j].text in "?!" and tail[0].i - f_hi <= 6):
        return tail
    return head


def _cue_holds(doc: Doc, found: Found) -> bool:
    """True when the cue is the quotation's own: it governs the quoted words in the parse, or stands
    right next to the quotation ('"No," he said', 'She told reporters: "No."')."""
    cue = doc[found.cue[0]]
    q_lo, q_hi = found.start, found.end
    if cue.lower_ == "according" or governs(cue, q_lo, q_hi, any_dep=True):
        return True
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children) and governs(cue.head, q_lo, q_hi, True):
        return True  # 'As Smith has pointed out, that is the "textbook case"'

    if cue.i >= q_hi:
        between = [t for t in doc[q_hi:cue.i] if not (t.is_punct or t.is_space)]
    else:
        between = [t for t in doc[cue.i + 1:q_lo] if not (t.is_punct or t.is_space)]
    return len(between) <= 3


_NAMING_VERBS = frozenset(["call", "describe", "dub", "term", "label", "brand"])


def _what_they_call(text: str, hit: tuple[Token, Token | None], in_quote: list[bool]) -> tuple[Token, Token | None]:
    """'Cruz railed against what he calls the "Washington cartel"': a naming clause ('what X
    calls') inside another clause belongs to that clause's subject, the one making the point."""
    cue, inner = hit
    if cue.lemma_.lower() not in _NAMING_VERBS or not any(c.lower_ == "what" for c in cue.children) \
            or inner is None or inner.lower_ not in ("he", "she", "they"):
        return hit  # a named speaker of the naming clause is its own source
    t = cue
    for _ in range(4):
        up = t.head
        if up.i == t.i or in_quote[up.i] or "\n" in text[min(up.idx, t.idx):max(up.idx, t.idx)]:
            return hit
        if up.pos_ in ("VERB", "AUX"):
            spk = subject_of(up)
            if up.pos_ == "VERB" and spk is not None and not in_quote[spk.i] and spk.pos_ != "PRON":
                return up, spk
            return hit
        t = up
    return hit


def _report_above(text: str, verb: Token, in_quote: list[bool]) -> tuple[Token, Token] | None:
    """The reporting verb whose clause holds `verb`, with its subject, or None."""
    t = verb
    for _ in range(6):
        up = t.head
        if up.i == t.i or in_quote[up.i] or "\n" in text[min(up.idx, t.idx):max(up.idx, t.idx)]:
            return None
        if t.dep_ == "ccomp" and up.pos_ == "VERB" and up.lemma_.lower() in CLAUSE_VERBS and up.i < t.i:
            spk = subject_of(up)
            if spk is not None and not in_quote[spk.i] and spk.lower_ != "you":
                return up, spk
            return None
        t = up
    return None


def _colon_lead(idx: Index, tok_lo: int, in_quote: list[bool]) -> Found | None:
    """'He told reporters:' closing the previous paragraph introduces a bare quote paragraph."""
    doc = idx.doc
    j = tok_lo - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].text != ":":
        return None
    lo = idx.sent_bounds[idx.sent[j]][0]
    para_lo = idx.para_starts[idx.para_of(doc[j].idx)]
    while lo < j and doc[lo].idx < para_lo:
        lo += 1
    name = j
    while name > lo and doc[name - 1].pos_ == "PROPN" and not in_quote[name - 1]:
        name -= 1
    if name < j and (name == lo or is_dash(doc[name - 1])):
        return Found(frags=[], cue=None, speaker=doc[j - 1])  # "Pollsters agree - Carl Bialik: '...'"
    for i in range(j - 1, lo - 1, -1):
        t = doc[i]
        if not in_quote[i] and is_cue(t):
            spk = speaker_for(t, in_quote)
            if spk is not None:
                return Found(frags=[], cue=(i, i + 1), speaker=spk)
    # any verb introducing the colon ("She addressed the supporters again:"), or a bare name
    # ("Cecile Richards:")
    for i in range(j - 1, lo - 1, -1):
        t = doc[i]
        if in_quote[i]:
            break
        if t.pos_ == "VERB":
            spk = subject_of(t)
            if spk is not None and lo <= spk.i < j and not in_quote[spk.i]:
                return Found(frags=[], cue=(i, i + 1), speaker=spk)
    last = doc[j - 1] if j > lo else None
    if last is not None and last.pos_ == "PROPN" and not in_quote[last.i]:
        return Found(frags=[], cue=None, speaker=last)  # "Pollsters agree - Carl Bialik: '...'"
    return None


def _paragraph_opening(idx: Index, tok_lo: int) -> bool:
    at = idx.doc[tok_lo].idx
    return idx.para_text_start(idx.para_of(at)) >= at


def _has_words(text: str, start: int, end: int, n: int) -> bool:
    """True when text[start:end] holds at least `n` whitespace-separated words (reads no further)."""
    return sum(1 for _ in islice(_WORD_RUN.finditer(text, start, end), n)) >= n


class _Gaps:
    """What stands between the last quotation kept and the later ones, read once per kept quotation
    (not once per later quotation: a run of cue-less quotes after one kept quote would be quadratic).

    ``scan(prev, q_lo)`` -> (someone else speaks or is the subject between prev and token q_lo,
    counting only another speaker's cue when in the same paragraph; the same, counting any cue; only
    quotations, punctuation and prev's attribution sentence stand between)."""

    def __init__(self, idx: Index, in_quote: list[bool]) -> None:
        self.idx, self.in_quote = idx, in_quote
        self.key: tuple[int, int] | None = None

    def _reset(self, prev: Found) -> None:
        self.key = (id(prev), prev.end)
        self.prev, self.pos = prev, prev.end
        self.attribution_sent = self.idx.sent[prev.cue[0]] if prev.cue else -1
        # first token where: another speaker (same-paragraph rule), another speaker (any cue), not attribution
        self.first_in_para: int | None = None
        self.first_anywhere: int | None = None
        self.first_unattributed: int | None = None

    def scan(self, prev: Found, q_lo: int) -> tuple[bool, bool, bool]:
        if self.key != (id(prev), prev.end):
            self._reset(prev)
        while self.pos < q_lo and None in (self.first_in_para, self.first_anywhere, self.first_unattributed):
            self._read(self.pos)
            self.pos += 1

        def before(k: int | None) -> bool:
            return k is not None and k < q_lo

        return before(self.first_in_para), before(self.first_anywhere), not before(self.first_unattributed)

    def _read(self, i: int) -> None:
        idx, in_quote, prev = self.idx, self.in_quote, self.prev
        assert prev.speaker is not None
        t = idx.doc[i]
        same_sent = idx.sent[i] == self.attribution_sent
        if self.first_unattributed is None and not (in_quote[i] or t.is_space or t.is_punct or same_sent):
            self.first_unattributed = i
        if in_quote[i] or (prev.cue and prev.cue[0] <= i < prev.cue[1]):
            return
        if not same_sent and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" and t.i != prev.speaker.i:
            self._other(i, in_para=True)  # a sentence about someone else sits in between
            return
        if not is_cue(t):
            return
        if same_sent and (t.lower_ == "according" or t.dep_ in ("acl", "amod", "advcl")):
            return  # '..., she said, according to CNN', 'a PAC called Future45': not a new speaker
        spk = speaker_for(t, self.in_quote)
        if same_sent and spk is not None and (spk.i == prev.speaker.i or spk.pos_ == "PRON"):
            return
        # someone else speaks in between (in another paragraph, any cue counts)
        self._other(i, in_para=spk is None or (spk.i != prev.speaker.i and spk.pos_ != "PRON"))

    def _other(self, i: int, in_para: bool) -> None:
        if self.first_anywhere is None:
            self.first_anywhere = i
        if in_para and self.first_in_para is None:
            self.first_in_para = i


def _direct_quotes(idx: Index, in_quote: list[bool],
                   spans: list[list[tuple[int, int]]]) -> tuple[list[Found], list[Found]]:
    """Quotations with their speakers, and the short ones without a cue of their own (a partial
    quote or a scare quote: ``mixed.merge`` tells them apart)."""
    doc = idx.doc
    out: list[Found] = []
    short: list[Found] = []
    prev_end_tok = 0
    # the next real quotation bounds this one's attribution; a quoted name inside it does not
    following: list[int | None] = [None] * len(spans)  # index of the next real quotation after each
    after: int | None = None
    for k in range(len(spans) - 1, -1, -1):
        following[k] = after
        if _has_words(idx.text, spans[k][0][0], spans[k][-1][1], _MIN_BARE_TOKENS):
            after = k
    gaps = _Gaps(idx, in_quote)
    for k, frags in enumerate(spans):
        nxt = spans[following[k]] if following[k] is not None else None
        next_start = idx.tok_range(*nxt[0])[0] if nxt else len(doc)
        found = _attribute_direct(idx, frags, prev_end_tok, next_start, in_quote)
        q_lo, q_hi = found.start, found.end
        prev_end_tok = q_hi
        prev = out[-1] if out else None
        if found.speaker is None or found.weak:
            lead = _colon_lead(idx, q_lo, in_quote)
            if lead is not None:
                found.cue, found.speaker, found.weak = lead.cue, lead.speaker, False
        if prev is not None and found.cue is not None and found.cue == prev.cue:
            prev.frags.extend(found.frags)  # '"A," said X, "B."': both pieces share one cue
            continue
        if found.speaker is None and prev is not None and prev.speaker is not None:
            same_para = idx.para_of(doc[prev.start].idx) == idx.para_of(doc[q_lo].idx)
            other_in_para, other_anywhere, only_attribution = gaps.scan(prev, q_lo)
            other_speaker = other_in_para if same_para else other_anywhere
            if same_para and not other_speaker and q_hi - q_lo >= 3:
                prev.frags.extend(found.frags)  # '"A," she said. "B."' is one quotation in pieces
                continue
            # a bare quote paragraph continues the previous speaker only when nothing but that
            # quote's attribution stands between them
            adjacent = (idx.para_of(doc[q_lo].idx) - idx.para_of(doc[prev.end - 1].idx) <= 2
                        and _paragraph_opening(idx, q_lo))
            if adjacent and only_attribution and not other_speaker and word_count(doc, q_lo, q_hi) >= _MIN_BARE_TOKENS:
                found.cue, found.speaker, found.inherited = prev.cue, prev.speaker, True
        if found.speaker is None and word_count(doc, q_lo, q_hi) >= _MIN_BARE_TOKENS:
            found.speaker = _paragraph_subject(idx, q_lo, q_hi, in_quote)
            found.inherited = "previous sentence" if found.speaker is not None else False
        words = word_count(doc, q_lo, q_hi)
        loose = found.weak or (found.cue is not None and not found.inherited and not _cue_holds(doc, found)) \
            or (words < _MIN_BARE_TOKENS and names_what_is_made(doc, found))
        if is_title(doc, q_lo, q_hi) and not (found.speaker is not None and not loose and speech_like(doc, found)) \
                and not after_colon(doc, q_lo) and not shouted(doc, q_lo, q_hi):
            continue  # a title, not speech
        if (found.speaker is None or loose) and words < _MIN_BARE_TOKENS:
            short.append(found)  # a partial quote when a speech verb governs it, else a scare quote
            continue
        out.append(found)
    _from_next_quote(idx, out)
    return out, short


def _from_next_quote(idx: Index, out: list[Found]) -> None:
    """'"The incident took place ...."' then '"The rebels ambushed ...," the police chief said.': a
    bare quote paragraph nobody is named for, followed at once by a quote paragraph with its
    speaker, is that speaker's."""
    doc = idx.doc
    for f, g in pairwise(out):
        if f.speaker is not None or g.speaker is None or g.weak or g.inherited \
                or not _paragraph_opening(idx, f.start) or not _paragraph_opening(idx, g.start) \
                or not all(doc[i].is_space or doc[i].is_punct for i in range(f.end, g.start)):
            continue
        f.speaker, f.cue, f.inherited = g.speaker, g.cue, "next quote"


_PERSONAL = frozenset(["he", "she", "they", "we", "i"])
_NOT_NAMES = ("DATE", "TIME", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "MONEY", "PERCENT", "QUANTITY",
              "CARDINAL", "ORDINAL", "LANGUAGE")


def _paragraph_subject(idx: Index, q_lo: int, q_hi: int, in_quote: list[bool]) -> Token | None:
    """A quotation without a cue opening a sentence ('Smith praised the plan.' then '"We need
    this."', in the same or the next paragraph): the person the sentence before is about, its
    subject, when that sentence quotes nobody."""
    doc = idx.doc
    para = idx.para_of(doc[q_lo].idx)
    j = q_lo - 1
    while j >= 0 and (doc[j].is_space or not doc[j].text.strip()):
        j -= 1
    if j < 0 or para - idx.para_of(doc[j].idx) > 2 or in_quote[j] or doc[j].text not in (".", "!"):
        return None
    s_lo = idx.sent_bounds[idx.sent[j]][0]
    p_lo = idx.para_starts[idx.para_of(doc[j].idx)]
    while s_lo < j and doc[s_lo].idx < p_lo:
        s_lo += 1
    if any(in_quote[k] for k in range(s_lo, j)):
        return None
    # the main clause's subject (the parse may glue the sentence to the quotation after it)
    verbs = [t.head for t in doc[s_lo:j] if t.dep_ == "nsubj" and s_lo <= t.head.i < j
             and t.head.pos_ in ("VERB", "AUX") and t.head.dep_ not in ("relcl", "advcl", "acl", "ccomp")]
    verb = next((v for v in verbs if v.dep_ == "ROOT"), verbs[0] if verbs else None)
    opener = next((t for t in doc[s_lo:j] if t.dep_ == "nsubj" and t.pos_ == "PROPN" and t.i < t.head.i < j
                   and _subject_opens(doc, t, s_lo)), None)
    if opener is not None:  # the sentence opens with a named subject: that is who it is about
        verb = opener.head
    spk = subject_of(verb) if verb is not None else None
    if spk is None or not (s_lo <= spk.i < verb.i):
        return None
    if spk.pos_ == "PROPN" and spk.ent_type_ not in _NOT_NAMES:  # the tagger calls many a name a place
        return spk
    return spk if spk.lower_ in _PERSONAL else None


def _subject_opens(doc: Doc, subj: Token, s_lo: int) -> bool:
    """True when only the subject's own phrase (or nothing) stands before it in the sentence."""
    lo = subj.left_edge.i
    return lo == s_lo or all(doc[k].is_space or doc[k].is_punct for k in range(s_lo, lo))


def _char_frags(doc: Doc, frags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for lo, hi in frags:
        if hi > lo:
            out.append((doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)))
    return out


def _through_relative(doc: Doc, hi: int, cue: tuple[int, int] | None) -> int:
    """'Obama, who called ...': when the cue's subject is a relative pronoun right after the
    speaker phrase, the mention runs through that pronoun (the words that do the saying)."""
    if cue is None:
        return hi
    k = hi + 1 if hi < len(doc) and doc[hi].text == "," else hi
    if k >= len(doc):
        return hi
    rel = doc[k]
    clause = rel.head
    if rel.tag_ in ("WP", "WDT") and rel.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "relcl" \
            and clause.left_edge.i <= cue[0] <= clause.right_edge.i:
        return k + 1
    return hi


def find_quotes(doc: Doc, actors: ActorTable | None = None) -> list[Quote]:
    """Direct and indirect quotes of `doc`, in text order, with speakers as actor ids."""
    if len(doc) == 0:
        return []
    idx = Index(doc)
    spans = quoted_spans(idx.text)
    in_quote = [False] * len(doc)
    for frags in spans:
        for s, e in frags:
            lo, hi = idx.tok_range(s, e)
            for i in range(lo, hi):
                in_quote[i] = True
    idx.set_cues(in_quote, is_cue)
    direct, short = _direct_quotes(idx, in_quote, spans)
    indirect = find_indirect(doc, in_quote)
    text = idx.text
    quotes: list[Quote] = []
    found = merge(doc, text, direct, short, indirect, in_quote)
    reported = [False] * len(doc)
    for f in found:
        for lo, hi in f.frags:
            reported[lo:hi] = [True] * (hi - lo)
    speakers = Speakers(doc, actors, idx.text_para_of, in_quote, reported)
    for f in found:
        frags = _char_frags(doc, f.frags)
        if not frags:
            continue
        fields: dict[str, object] = {}
        if f.kind == "partial":
            fields["partial"] = True  # an indirect clause with quoted words in it
        speaker_id = speaker_text = speaker_start = speaker_end = None
        if f.speaker is not None:
            lo, hi = noun_phrase(f.speaker)
            hi = _through_relative(doc, hi, f.cue)
            speaker_start, speaker_end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
            speaker_text = text[speaker_start:speaker_end]
            if actors is not None:
                c_start, c_end = actor_core(doc, f.speaker)
                speaker_id = actors.resolve(doc, c_start, c_end) or actors.ensure(doc, c_start, c_end)
                speaker_id = speakers.speaker_id(f.speaker, speaker_id, (lo, hi))
                speakers.seen(f.speaker, speaker_id, (lo, hi))
            if f.inherited:
                fields["speaker_from"] = f.inherited if isinstance(f.inherited, str) else "adjacent quote"
        cue = None
        if f.cue is not None:
            c_lo, c_hi = f.cue
            cue_start, cue_end = doc[c_lo].idx, doc[c_hi - 1].idx + len(doc[c_hi - 1].text)
            fields["cue_start"], fields["cue_end"] = cue_start, cue_end
            cue = text[cue_start:cue_end]
        kind = f.kind if f.kind in ("direct", "mixed") else "indirect"
        # a quotation split by its attribution or running over paragraphs: one entry per piece;
        # indirect content interrupted by its cue: one entry with its fragments
        pieces = [[fr] for fr in frags] if kind != "indirect" else [frags]
        for piece in pieces:
            start, end = piece[0][0], piece[-1][1]
            extra = dict(fields)
            if len(piece) > 1:
                extra["fragments"] = [list(fr) for fr in piece]
            quotes.append(Quote(start=start, end=end, text=text[start:end], kind=kind, speaker=speaker_id,
                                speaker_text=speaker_text, speaker_start=speaker_start, speaker_end=speaker_end,
                                cue=cue, **extra))
    quotes.sort(key=lambda q: q.start)
    return quotes
