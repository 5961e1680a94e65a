"""Speakers over the dependency parse: the subject of a cue verb, as a full noun phrase."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .cues import DOCUMENT_NOUNS

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_EDGE_TRIM = {"punct", "cc", "case"}
_DASHES = ("\u2014", "\u2013", "-", "--")


def subject_of(verb: Token, depth: int = 3) -> Token | None:
    """The subject of `verb`, kept inside the verb's paragraph (headers like '5:45 p.m.' are
    often parsed into the next sentence)."""
    subj = _subject(verb, depth)
    if subj is None:
        return None
    if subj.tag_ in ("WP", "WDT") or subj.lower_ == "that":
        head = subj.head
        for _ in range(3):
            if head.dep_ in ("relcl", "acl"):
                if head.head.pos_ in ("NOUN", "PROPN"):
                    subj = head.head  # "Smith, who said ..." -> Smith
                break
            head = head.head
    doc = verb.doc
    lo, hi = sorted((subj.i, verb.i))
    crosses = any("\n" in doc[k].text_with_ws for k in range(lo, hi))
    # a dateline ("LONDON (Reuters) -") or a date ("said Saturday") mis-parsed as the subject
    dateline = subj.i < verb.i and any(is_dash(doc[k]) for k in range(subj.i + 1, verb.i)) \
        and (subj.is_upper or any(doc[k].text == "(" for k in range(max(0, subj.i - 1), subj.i + 2)))
    if crosses or dateline or subj.ent_type_ in ("DATE", "TIME"):
        # take the last noun before the verb, not crossing a line break or a dash
        for i in range(verb.i - 1, -1, -1):
            t = doc[i]
            if "\n" in t.text_with_ws or is_dash(t):
                return None
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in ("DATE", "TIME"):
                return t.head if t.dep_ == "compound" and t.head.i < verb.i else t
        return None
    return subj


def is_dash(t: Token) -> bool:
    """A dash between words (not the hyphen of 'pro-life')."""
    return t.text in _DASHES and (t.text != "-" or (t.i > 0 and bool(t.doc[t.i - 1].whitespace_)))


def _subject(verb: Token, depth: int) -> Token | None:
    """The subject of `verb`, borrowed from the governing verb for 'adding', 'and said', 'who said'."""
    tok = verb
    if verb.tag_ == "VBG" and verb.i > 0 and not any(c.dep_ in _SUBJ for c in verb.children):
        prev = verb.doc[verb.i - 1]
        if prev.ent_type_ == "PERSON" or prev.lower_ in ("he", "she", "him", "her", "them"):
            return prev  # "footage of Hillary Clinton asking, ..."
    for _ in range(depth):
        for child in tok.children:
            if child.dep_ in _SUBJ:
                return child
        for child in tok.children:  # passive: "was told by X" -> the agent
            if child.dep_ == "agent":
                for gc in child.children:
                    if gc.dep_ == "pobj":
                        return gc
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head  # "Smith, who said ..."
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            if tok.i > 0 and tok.doc[tok.i - 1].text == "," and tok.head.head.pos_ == "VERB" \
                    and tok.head.dep_ in ("dobj", "pobj"):
                tok = tok.head.head  # "criticized Romney, adding ...": the adding is the critic's
                continue
            return tok.head  # "a statement saying ..."
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep") and tok.head is not tok:
            tok = tok.head
            continue
        return None
    return None


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `tok`: modifiers and appositions,
    without relative clauses or trailing punctuation."""
    if tok.pos_ == "PRON":
        return tok.i, tok.i + 1
    lo = hi = tok.i
    stack = [tok]
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ in ("relcl", "acl", "advcl", "conj", "cc") or (
                    child.dep_ == "punct" and child.i > tok.i and t is tok):
                continue
            if child.dep_ == "prep" and child.i > tok.i and t is tok \
                    and child.lower_ not in ("of", "from", "by", "for"):
                continue
            lo, hi = min(lo, child.i), max(hi, child.i)
            stack.append(child)
    doc = tok.doc
    for i in range(tok.i - 1, lo - 1, -1):  # never across a line break ("1:18 p.m.\n\nThe senator")
        if "\n" in doc[i].text_with_ws:
            lo = i + 1
            break
    for i in range(tok.i, hi):
        if "\n" in doc[i].text_with_ws:
            hi = i
            break
    while hi > tok.i and (doc[hi].dep_ in _EDGE_TRIM or doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ == "cc"):
        lo += 1
    if hi - lo > 14:  # runaway phrase: keep the head and its close modifiers
        lo = max(lo, tok.i - 6)
        hi = min(hi, tok.i + 6)
    return lo, hi + 1


def actor_core(doc: Doc, head: Token) -> tuple[int, int]:
    """Character span to resolve the speaker's actor: the owner of a document ('a statement from
    the ministry' -> 'the ministry'), else the named entity around the head, else the head."""
    if head.lemma_.lower() in DOCUMENT_NOUNS:
        for child in head.children:
            if child.dep_ == "poss":
                return actor_core(doc, child)
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for gc in child.children:
                    if gc.dep_ == "pobj" and gc.pos_ in ("PROPN", "NOUN"):
                        return actor_core(doc, gc)
    if head.ent_type_:
        lo = hi = head.i
        while lo > 0 and doc[lo].ent_iob_ == "I":
            lo -= 1
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I":
            hi += 1
        span = doc[lo:hi + 1]
        return span.start_char, span.end_char
    lo, hi = noun_phrase(head)
    span = doc[lo:hi]
    return span.start_char, span.end_char
