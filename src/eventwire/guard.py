"""Keep one document's cost linear in its length, whatever its text.

    make_doc(nlp, text) -> Doc          tokenize, with pathological runs neutralised first
    cap_sentences(doc) -> int           force a sentence break into long stretches without one
    "eventwire_sentences" component     after the parser: re-parse a sentence it made too long

spaCy's tokenizer splits prefixes and suffixes one at a time, copying and re-searching the rest of the
whitespace-free chunk each time: a chunk of n opening brackets costs O(n²) ("(" × 20,000 took 50 s).
``make_doc`` tokenizes a copy of the text in which such shapes are replaced by the same number of
letters (one long token), then builds the Doc over the ORIGINAL text at the same token boundaries (a
long token cut into pieces of ``TOKEN_CUT`` characters): every offset, ``doc.text`` and every span
text are the input's own.  Ordinary text has no such shapes (the
longest punctuation run in 1,387 benchmark articles is 9 characters, the longest chunk 51), so its
tokens are spaCy's.

A text with no sentence end for hundreds of tokens ("the the the ...") makes one sentence of it all,
and every stage that looks across a sentence becomes quadratic; ``cap_sentences`` marks a sentence
start (which the parser keeps) after ``SENTENCE_CAP`` tokens without a '.', '!', '?' or newline.  The
longest such stretch in the benchmark articles is 119 tokens.  The parser may still glue hundreds of
sentence ends into one sentence (". . . ", "1. 1. 1. ", "a.\n" repeated); when it makes a sentence
longer than ``SENTENCE_MAX`` tokens (the longest in the benchmark articles has 164), the
``eventwire_sentences`` component parses the document again with a sentence start after each sentence
end in it.  So no sentence is longer than ``SENTENCE_MAX`` tokens, and a stage's scans within a
sentence cost a bounded amount per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["AFFIX_RUN", "LONG_CHUNK", "SENTENCE_CAP", "SENTENCE_MAX", "TOKEN_CUT", "SentenceGuard",
           "cap_sentences", "make_doc", "neutralise"]

AFFIX_RUN = 32  # characters of punctuation or symbols in a row ("_" too: the tokenizer splits it)
LONG_CHUNK = 256  # characters without whitespace (a long URL is one token either way)
TOKEN_CUT = 64  # characters of a neutralised run per token
SENTENCE_CAP = 200  # tokens without a sentence end
SENTENCE_MAX = 300  # tokens in one parsed sentence

_AFFIX_RUN = re.compile(rf"(?:[^\w\s]|_){{{AFFIX_RUN},}}")
_LONG_CHUNK = re.compile(rf"\S{{{LONG_CHUNK},}}")
_SENTENCE_END = frozenset([".", "!", "?"])


def _letters(match: re.Match[str]) -> str:
    return "x" * (match.end() - match.start())


def neutralise(text: str) -> str:
    """``text`` with pathological tokenizer shapes replaced by letters, same length, whitespace kept;
    ``text`` itself (the same object) when it has none."""
    safe = _AFFIX_RUN.sub(_letters, text)
    safe = _LONG_CHUNK.sub(_letters, safe)
    return text if safe == text else safe


def make_doc(nlp: Language, text: str) -> Doc:
    """The tokenized Doc of ``text`` (no pipeline components run), in time linear in its length."""
    safe = neutralise(text)
    doc = nlp.make_doc(safe)
    if safe is text:
        return doc
    # Same boundaries, the original characters: only non-whitespace was replaced, so the whitespace
    # tokens and trailing spaces are unchanged.  A long token is cut into pieces of TOKEN_CUT characters:
    # stages read a token's text once per item near it, and one 200,000-character token read for every
    # quotation beside it is quadratic again.
    words: list[str] = []
    spaces: list[bool] = []
    for t in doc:
        start, end = t.idx, t.idx + len(t)
        while end - start > TOKEN_CUT:
            words.append(text[start:start + TOKEN_CUT])
            spaces.append(False)
            start += TOKEN_CUT
        words.append(text[start:end])
        spaces.append(bool(t.whitespace_))
    return Doc(nlp.vocab, words=words, spaces=spaces)


def cap_sentences(doc: Doc, cap: int = SENTENCE_CAP) -> int:
    """Mark a sentence start after every ``cap`` tokens without a sentence end; how many were marked."""
    run = marked = 0
    for t in doc:
        if run >= cap:
            t.is_sent_start = True
            run = 0
            marked += 1
        run = 0 if _ends_sentence(t.text) else run + 1
    return marked


def _ends_sentence(text: str) -> bool:
    return text in _SENTENCE_END or "\n" in text


class SentenceGuard:
    """Placed right after the parser: a document with a sentence longer than ``SENTENCE_MAX`` tokens is
    parsed again with a sentence start after every sentence end of that sentence."""

    def __init__(self, nlp: Language, name: str = "eventwire_sentences", parser: str = "parser") -> None:
        self.nlp = nlp
        self.name = name
        self.parser = parser

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP") or len(doc) <= SENTENCE_MAX:
            return doc
        bounds = [s.start for s in doc.sents] + [len(doc)]
        if max(b - a for a, b in pairwise(bounds)) <= SENTENCE_MAX:
            return doc
        starts: list[bool | None] = [None] * len(doc)
        for a, b in pairwise(bounds):
            starts[a] = True
            if b - a > SENTENCE_MAX:
                for i in range(a, b - 1):
                    if _ends_sentence(doc[i].text):
                        starts[i + 1] = True
        # What the components before the parser wrote: the tagger's tags and the shared tok2vec output.
        again = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                    sent_starts=starts, tags=[t.tag_ for t in doc] if doc.has_annotation("TAG") else None)
        again.tensor = doc.tensor
        again.user_data.update(doc.user_data)
        return self.nlp.get_pipe(self.parser)(again)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("eventwire_sentences", requires=["token.dep"])
def make_sentence_guard(nlp: Language, name: str) -> SentenceGuard:
    """spaCy factory for the sentence guard (added after the parser by ``pipeline.load_nlp``)."""
    return SentenceGuard(nlp, name)
