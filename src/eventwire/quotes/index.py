"""Per-document lookups for the quotes stage (built once per document, bisect lookups)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

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
