"""The figures stage: counts of people (killed, injured, abducted, released, ...), with their
qualifier, scope, and who reports them.

    find_figures(doc, quotes, actors, times) -> list[schema.Figure]

Modules: ``numbers`` (number phrases and qualifiers), ``category`` (is it people, and what
happened to them), ``scope`` (incident/cumulative, since, date), ``source`` (reported_by).
Composition: a total and the parts listed after "including" / "among them" / "of whom" are
linked with the extra fields ``parts`` (on the total: indices into the returned list) and
``part_of`` (on each part).  See docs/figures.md.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ..actors import ActorTable
from ..schema import Figure, Quote, Time
from .category import SAME_AS_BEFORE, Analysis, analyse, gapped
from .counting import single_part, uncounted_other
from .numbers import VAGUE_QUALIFIERS, Quantity, scan_quantities
from .running import running_total
from .scope import SentenceCues, TimeIndex, cluster, figure_date, figure_place, since_day, verb_of
from .source import Attributor

__all__ = ["find_figures"]

_PART_CUES = {("including",), ("among", "them"), ("among", "whom"), ("of", "whom"), ("of", "them"),
              ("among", "those"), ("mostly",), ("mainly",), ("most", "of", "them"), ("all", "of", "them")}


def _who(doc: Doc, q: Quantity, a: Analysis) -> str | None:
    casualty_words = ("death", "dead", "fatality", "injured", "wounded", "missing")
    if a.noun is None or a.noun.lemma_.lower() in casualty_words or a.noun.lower_ in casualty_words:
        return None
    start = q.num_end
    while start < a.noun.i and doc[start].lower_ in ("of", "more", "other"):
        start += 1
    return doc[start:a.noun.i + 1].text or None


def _part_cue_before(doc: Doc, start: int) -> bool:
    """Is the phrase at token `start` introduced by 'including' / 'among them' / ...?"""
    for cue in _PART_CUES:
        k = len(cue)
        if start - k >= 0 and tuple(doc[j].lower_ for j in range(start - k, start)) == cue:
            return True
    return False


def _previous_start(sent: Any) -> int:
    """Where the sentence before this one starts (-1 for the first)."""
    return sent.doc[sent.start - 1].sent.start if sent.start > 0 else -1


def _first_conjunct(t: Token) -> Token:
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t


def find_figures(doc: Doc, quotes: list[Quote], actors: ActorTable | None = None,
                 times: list[Time] | None = None) -> list[Figure]:
    """Every count of people in `doc`, in text order (see the module docstring)."""
    if not doc.has_annotation("DEP"):
        return []  # everything below reads the dependency parse
    time_index = TimeIndex(times or [])
    published = doc._.eventwire_published if Doc.has_extension("eventwire_published") else None
    attributor = Attributor(doc, quotes or [], actors)
    sent_cues: dict[int, SentenceCues] = {}
    found_places = doc._.eventwire_places if Doc.has_extension("eventwire_places") else None
    places = [(p.start, p.end) for p in found_places or []]
    text = doc.text  # rebuilt from the tokens on every access: once per document
    figures: list[Figure] = []
    heads: list[Token] = []
    is_part: list[bool] = []
    uncounted: list[bool] = []
    for q in scan_quantities(doc):
        a = analyse(doc, q)
        if a is None and figures:
            a = gapped(doc, q, heads[-1], figures[-1])  # "found 9 bodies in one ditch, 6 in another"
        if a is None or single_part(doc, q, a):
            continue
        sent = doc[q.num_start].sent
        if a.category == SAME_AS_BEFORE:
            # "the UN said 3,000 were killed, but local groups put the figure at 5,000"
            # or the sentence right before: "... 1,500 had fled. An aid worker put the figure at 4,300"
            before = figures[-1] if figures and heads[-1].sent.start in (sent.start, _previous_start(sent)) else None
            if before is None:
                continue
            a.category = before.category
        cues = sent_cues.get(sent.start)
        if cues is None:
            cues = sent_cues[sent.start] = SentenceCues(sent)
        verb = a.verb or verb_of(a.head)
        cumulative, since_range = cues.match(verb)
        since = None
        if since_range is not None:
            lo, hi = doc[since_range[0]].idx, doc[since_range[1]].idx + len(doc[since_range[1]].text)
            since = since_day(time_index.first_in(lo, hi), doc[since_range[0]:since_range[1] + 1])
        running, running_since = running_total(verb, [doc[i] for i in cluster(verb)], published)
        if running and not cumulative:
            cumulative, since = True, running_since
        start_char = doc[q.start].idx
        end_tok = doc[a.end - 1]
        end_char = end_tok.idx + len(end_tok.text)
        reported_by = attributor.reported_by(sent, start_char, end_char, q.start, a.end, a.head)
        figures.append(Figure(
            start=start_char, end=end_char, text=text[start_char:end_char], category=a.category,
            value=None if q.qualifier in VAGUE_QUALIFIERS else q.value,  # "dozens": no value, a lower bound
            low=q.low, high=q.high, qualifier=q.qualifier, who=_who(doc, q, a),
            scope="cumulative" if cumulative else "incident", since=since, reported_by=reported_by,
            place=figure_place([a.verb, a.noun], places),
            date=None if cumulative else figure_date(a.verb, time_index, since_range)))
        heads.append(a.head)
        is_part.append(a.part or _part_cue_before(doc, q.start))
        uncounted.append(uncounted_other(a))
    _link_parts(figures, heads, is_part)
    return _counted(figures, uncounted)


def _counted(figures: list[Figure], uncounted: list[bool]) -> list[Figure]:
    """Drop the counts of people the conventions leave out (crowds, forces, populations: `counting.py`)
    once parts have taken their total's category; keep the part/total indices right."""
    keep = [not (f.category == "other" and uncounted[k]) for k, f in enumerate(figures)]
    for k, f in enumerate(figures):  # a part of a kept total stays ("three rescued - two women and a man")
        total = getattr(f, "part_of", None)
        if total is not None and keep[total]:
            keep[k] = True
    if all(keep):
        return figures
    new_index = {}
    for k, kept in enumerate(keep):
        if kept:
            new_index[k] = len(new_index)
    out = []
    for k, f in enumerate(figures):
        if not keep[k]:
            continue
        if getattr(f, "parts", None) is not None:
            parts = [new_index[i] for i in f.parts if i in new_index]  # type: ignore[attr-defined]
            if parts:
                f.parts = parts  # type: ignore[attr-defined]
            else:
                del f.parts  # type: ignore[attr-defined]
        if getattr(f, "part_of", None) is not None:
            if f.part_of in new_index:  # type: ignore[attr-defined]
                f.part_of = new_index[f.part_of]  # type: ignore[attr-defined]
            else:
                del f.part_of  # type: ignore[attr-defined]
        out.append(f)
    return out


def _link_parts(figures: list[Figure], heads: list[Token], is_part: list[bool]) -> None:
    """'105 captives, including 81 Israelis and 24 foreigners' -> total.parts / part.part_of."""
    total_of: dict[int, int] = {}
    for k, fig in enumerate(figures):
        head = heads[k]
        total: int | None = None
        if is_part[k]:
            total = k - 1 if k > 0 and heads[k - 1].sent == head.sent else None
            while total is not None and total in total_of:
                total = total_of[total]
        elif k > 0 and (k - 1) in total_of and _first_conjunct(head).i == heads[k - 1].i != head.i:
            total = total_of[k - 1]  # "including 81 Israelis and 24 foreigners": the conjunct is a part too
        if total is None or total == k:
            continue
        total_of[k] = total
        whole = figures[total]
        parts = list(getattr(whole, "parts", None) or [])
        parts.append(k)
        whole.parts = parts  # type: ignore[attr-defined]  (extra field, extra="allow")
        fig.part_of = total  # type: ignore[attr-defined]
        # a part shares what the total says about it, unless its own predicate says otherwise
        if fig.category == "other":
            fig.category = whole.category
        fig.scope, fig.since, fig.reported_by = whole.scope, whole.since, whole.reported_by
        fig.date = fig.date or whole.date
        fig.place = fig.place if fig.place is not None else whole.place
