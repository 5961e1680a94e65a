"""``find_times``: recognize candidates, normalize them, keep the best non-overlapping ones."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from spacy.tokens import Doc

from ..schema import Time
from .anchor import HANDLERS as ANCHOR_HANDLERS
from .normalize import (
    Ctx,
    Handler,
    Hit,
    h_adj,
    h_adj2,
    h_ago,
    h_bare,
    h_duration,
    h_recent_units,
    h_year_ended,
    reanchor,
)
from .recognize import PATTERNS, candidates
from .vague import HANDLERS as VAGUE_HANDLERS

HANDLERS: dict[str, Handler] = {
    **ANCHOR_HANDLERS, **VAGUE_HANDLERS,
    "duration": h_duration, "adj": h_adj, "adj2": h_adj2, "ago": h_ago, "bare": h_bare,
    "recent_units": h_recent_units, "year_ended": h_year_ended,
}
_PRIORITY = {kind: i for i, (kind, _) in enumerate(PATTERNS)}
_missing = set(_PRIORITY) - set(HANDLERS)
assert not _missing, f"patterns without a handler: {_missing}"


def _as_date(published: str | dt.date | None) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def find_times(text: str, published: str | dt.date | None, doc: Doc | None = None) -> list[Time]:
    """Temporal expressions in ``text`` as TIMEX3 ``Time`` records, sorted by start.

    ``published`` anchors relative expressions (ISO date string or date); None keeps
    them underspecified.  ``doc``, a spaCy parse of the same text, sharpens tense.
    """
    # A Doc of another text would give wrong tense readings; compare lengths cheaply
    # (doc.text rebuilds the whole string).
    same = doc is not None and len(doc) > 0 and doc[-1].idx + len(doc[-1].text_with_ws) == len(text)
    ctx = Ctx(text=text, dct=_as_date(published), doc=doc if same else None)
    hits: list[Hit] = []
    for kind, m in candidates(text):
        try:
            hit = HANDLERS[kind](m, ctx)
        except (OverflowError, ValueError):
            continue  # date arithmetic past year 1 or 9999: drop the candidate, never the document
        if hit is not None and hit.end > hit.start and hit.value:
            hit.kind = kind
            hits.append(hit)
    # Longest match wins; ties go to the pattern listed first.
    hits.sort(key=lambda h: (-(h.end - h.start), _PRIORITY[h.kind], h.start))
    taken: list[Hit] = []
    # The taken spans are disjoint, so sorted by start they are sorted by end too: a new span overlaps
    # one of them exactly when it overlaps the last one starting before its end (a bisect, not a scan).
    starts: list[int] = []
    ends: list[int] = []
    for h in hits:
        k = bisect_left(starts, h.end)
        if k == 0 or ends[k - 1] <= h.start:
            taken.append(h)
            starts.insert(k, h.start)
            ends.insert(k, h.end)
    taken.sort(key=lambda h: h.start)
    reanchor(taken, text)
    return [Time(start=h.start, end=h.end, text=text[h.start:h.end], type=h.type, value=h.value, mod=h.mod)
            for h in taken]
