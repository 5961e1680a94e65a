"""Per-document lookups for the quotes stage (built once per document, bisect lookups)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Token

_NONSPACE = re.compile(r"\S")

__all__ = ["Index"]


class Index:
    """Per-document lookups: token at a character offset, sentence and paragraph of a token."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []  # no Token objects
        self.sent = [0] * len(doc)
        self.sent_bounds: list[tuple[int, int]] = []
        for k, s in enumerate(doc.sents):
            self.sent_bounds.append((s.start, s.end))
            self.sent[s.start:s.end] = [k] * (s.end - s.start)
        self.text = text = doc.text  # Doc.text is rebuilt on every access: read it once
        self._rank: list[int] | None = None  # paragraph index -> rank among non-blank paragraphs
        self.para_starts = [0]
        i = text.find("\n")
        while i >= 0:
            self.para_starts.append(i + 1)
            i = text.find("\n", i + 1)
        # next_word[i]: the first token at or after i that is neither punctuation nor space (len(doc)
        # when none); next_nonpunct[i] the same for punctuation alone.  One step over any run.
        n = len(doc)
        self.next_word = [n] * (n + 1)
        self.next_nonpunct = [n] * (n + 1)
        if n:
            flags = doc.to_array([IS_PUNCT, IS_SPACE]).tolist()
            for k in range(n - 1, -1, -1):
                punct, space = flags[k]
                self.next_word[k] = self.next_word[k + 1] if punct or space else k
                self.next_nonpunct[k] = self.next_nonpunct[k + 1] if punct else k
        self.cues: list[int] = []  # positions of cue verbs outside quotations (set by find_quotes)
        self._para_text_start: dict[int, int] = {}

    def set_cues(self, in_quote: list[bool], is_cue: Callable[[Token], bool]) -> None:
        self.cues = [t.i for t in self.doc if not in_quote[t.i] and is_cue(t)]

    def cues_in(self, region: range, nearest_first: bool, limit: int) -> list[int]:
        """Up to `limit` cue positions in `region`, from its start (``nearest_first``) or its end."""
        lo, hi = bisect_left(self.cues, region.start), bisect_left(self.cues, region.stop)
        if nearest_first:
            return self.cues[lo:min(hi, lo + limit)]
        return self.cues[max(lo, hi - limit):hi][::-1]

    def para_tokens(self, para: int) -> tuple[int, int]:
        """Token range [first, end) of paragraph `para`."""
        lo = bisect_left(self.starts, self.para_starts[para])
        hi = bisect_left(self.starts, self.para_starts[para + 1]) if para + 1 < len(self.para_starts) \
            else len(self.doc)
        return lo, hi

    def para_text_start(self, para: int) -> int:
        """Offset of the first non-space character at or after paragraph `para`'s start."""
        found = self._para_text_start.get(para)
        if found is None:
            m = _NONSPACE.search(self.text, self.para_starts[para])
            found = self._para_text_start[para] = m.start() if m else len(self.text)
        return found

    def tok_at(self, char: int) -> int:
        """Index of the token containing (or first after) character `char`."""
        return max(0, bisect_right(self.starts, char) - 1) if char < len(self.text) else len(self.doc)

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens overlapping the character range [start, end)."""
        return bisect_right(self.starts, start) - 1 if start else 0, bisect_left(self.starts, end)

    def para_of(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1

    def text_para_of(self, char: int) -> int:
        """Index of the paragraph holding `char` among the non-blank ones (blank lines do not count)."""
        if self._rank is None:
            ends = [*self.para_starts[1:], len(self.text) + 1]
            rank, n = [], -1
            for start, end in zip(self.para_starts, ends, strict=True):
                n += bool(self.text[start:end - 1].strip())
                rank.append(max(n, 0))
            self._rank = rank
        return self._rank[self.para_of(char)]
