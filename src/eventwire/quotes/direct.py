"""Quotation-mark spans: paired per paragraph, so an odd mark spoils at most one paragraph.

``quoted_spans(text)`` returns one list of ``(start, end)`` fragments per quotation, each
fragment including its marks.  A quotation that runs over several paragraphs (no closing mark
at the paragraph end, the next paragraph opens with a mark) is one quotation with one fragment
per paragraph.
"""

from __future__ import annotations

import re

from .cues import CLOSERS, OPENERS, SINGLE_CLOSE, SINGLE_OPEN, STRAIGHT

_MARK = re.compile("[\u201c\u201d\u00ab\u00bb\u201e\"\u2018\u2019']")
# markup left in scraped text: attribute values (author="@name", pic="") are not quotations
_ATTRIBUTE = re.compile("=[\"\u201c\u201d][^\"\u201c\u201d\n]*[\"\u201c\u201d]")
_OPEN_CONTEXT = set(" \t\n([{\u2014\u2013-/:")  # a straight mark after these opens a quote


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _double_role(text: str, i: int, open_: bool) -> str:
    """'open' or 'close' for a double mark at i, given whether a double quote is open."""
    ch = text[i]
    if ch in OPENERS:
        after = text[i + 1] if i + 1 < len(text) else " "
        if open_ and ch == "\u201c" and text[i - 1] in ",.?!" and (after.isspace() or after in ",.;:"):
            return "close"  # '...here,\u201c said Smith': a closing mark typed as an opening one
        return "open"
    if ch in CLOSERS:
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 1] if i + 1 < len(text) else " "
        if not open_ and before in "\n" and after.isalnum():
            return "open"  # a closing mark typed at the start of a paragraph
        return "close"
    # straight mark: decided by its neighbours, else by the state
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _OPEN_CONTEXT and not after.isspace():
        return "close" if open_ and before not in " \t\n" else "open"
    if after.isspace() or after in ".,;:!?)]":
        return "close"
    return "close" if open_ else "open"


def _single_role(text: str, i: int) -> str | None:
    """'open', 'close' or None (an apostrophe) for a single mark at i."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    ch = text[i]
    if ch in (SINGLE_OPEN, "'") and (before.isspace() or before in "([\u2014") and after.isalnum():
        return "open"
    if ch in (SINGLE_CLOSE, "'") and not before.isspace() and not after.isalnum():
        return "close"
    return None


def quoted_spans(text: str) -> list[list[tuple[int, int]]]:
    """Quotations in `text` as lists of fragments (marks included), in text order."""
    out: list[list[tuple[int, int]]] = []
    markup = {i for m in _ATTRIBUTE.finditer(text) for i in (m.start() + 1, m.end() - 1)} if "=" in text else set()
    carried: list[tuple[int, int]] | None = None  # fragments of a quote running into this paragraph
    pos = 0
    paragraphs = text.split("\n")
    for n, para in enumerate(paragraphs):
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 1
        if not para.strip():
            continue
        open_at: int | None = None
        single_at: int | None = None
        first_mark = True
        for m in _MARK.finditer(text, p_start, p_end):
            i = m.start()
            if i in markup:
                continue
            ch = text[i]
            if ch in (SINGLE_OPEN, SINGLE_CLOSE, "'"):
                if open_at is not None:
                    continue  # nested single quotes are part of the outer quote
                role = _single_role(text, i)
                if role == "open" and single_at is None:
                    single_at = i
                elif role == "close" and single_at is not None and i - single_at > 1:
                    out.append([(single_at, i + 1)])
                    single_at = None
                continue
            role = _double_role(text, i, open_at is not None)
            lead = first_mark and not text[p_start:i].strip()
            first_mark = False
            if role == "open":
                if carried is not None and lead:
                    open_at = i  # continuation of the previous paragraph's quote
                    continue
                if carried is not None:
                    out.append(carried)
                    carried = None
                if open_at is not None:  # a missing closing mark: end the open quote here
                    end = _trim_end(text, open_at, i)
                    if end - open_at > 1:
                        out.append([(open_at, end)])
                open_at = i
                single_at = None
            elif open_at is not None:
                frag = (open_at, i + 1)
                if carried is not None:
                    carried.append(frag)
                    out.append(carried)
                    carried = None
                else:
                    out.append([frag])
                open_at = None
            # a closing mark with nothing open is stray: ignored
        if carried is not None and open_at is None:
            out.append(carried)  # the next paragraph did not continue it
            carried = None
        if open_at is not None:
            frag = (open_at, _trim_end(text, open_at, p_end))
            nxt = _next_paragraph(paragraphs, n + 1)
            intro = text[p_start:open_at].strip()
            # only a quote that fills its paragraph (after at most an introduction ending in ':' or
            # ',') runs on; a stray mark in mid-sentence must not swallow the next paragraph
            runs_on = (not intro or intro[-1] in ":,") and len(text[open_at:p_end].split()) >= 5
            if runs_on and nxt and (nxt[0] in OPENERS or nxt[0] == STRAIGHT):
                carried = (carried or []) + [frag]
            else:
                out.append((carried or []) + [frag])
                carried = None
    if carried is not None:
        out.append(carried)
    out.sort(key=lambda q: q[0][0])
    return out


def _next_paragraph(paragraphs: list[str], k: int) -> str:
    """The next non-blank paragraph, left-stripped ('' when none)."""
    while k < len(paragraphs):
        s = paragraphs[k].lstrip()
        if s:
            return s
        k += 1
    return ""
