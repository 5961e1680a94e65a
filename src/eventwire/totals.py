"""Running totals: how a cumulative count ("killed since Oct. 7") evolves across dispatches.

A series is one (category, who, reported_by, since): e.g. killed / people / the Gaza health ministry
/ 2023-10-07. Its points are the cumulative figures of every stored document, in publication
order. Sources are never reconciled: the same count from two sources is two series, side by side,
and a revision (a figure lower than the one before) is kept and marked.

    series(store, category=None, source=None) -> list[Series]
    format_series(series) -> str
    plot_series(series, path) -> None    (PNG, matplotlib)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .store import Store

_DETERMINERS = re.compile(r"^(?:the|a|an|at least|more than|over|some|about|nearly|almost)\s+", re.I)


@dataclass
class Point:
    published: str | None
    value: int
    qualifier: str | None
    text: str
    doc_id: str
    source: str | None


@dataclass
class Series:
    category: str
    who: str | None
    reported_by: str | None  # the source's name as the store knows it, None = the outlet's own voice
    since: str | None
    points: list[Point] = field(default_factory=list)

    @property
    def label(self) -> str:
        who = f" {self.who}" if self.who else ""
        since = f" since {self.since}" if self.since else ""
        return f"{self.category}{who}{since}, according to {self.reported_by or 'the outlet'}"

    def revisions(self) -> list[int]:
        """Indices of points lower than the point before them."""
        return [i for i in range(1, len(self.points)) if self.points[i].value < self.points[i - 1].value]


def _who(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip().lower()
    while (cut := _DETERMINERS.sub("", text)) != text:
        text = cut
    return text or None


def series(store: Store, category: str | None = None, source: str | None = None) -> list[Series]:
    """Every running-total series in the store, optionally one category and sources whose name
    or id contains `source` (case-insensitive); "outlet" matches the outlets' own figures."""
    sql = ("SELECT f.doc_id, f.category, f.value, f.low, f.qualifier, f.who, f.since, f.text, f.reported_by, "
           "a.name AS source_name, d.published, d.source FROM figures f JOIN documents d ON d.id = f.doc_id "
           "LEFT JOIN actors a ON a.doc_id = f.doc_id AND a.actor_id = f.reported_by "
           "WHERE f.scope = 'cumulative'")
    params: list[str] = []
    if category:
        sql += " AND f.category = ?"
        params.append(category)
    rows = store.query(sql + " ORDER BY d.published, f.doc_id, f.idx", params)
    out: dict[tuple, Series] = {}
    for r in rows:
        value = r["value"] if r["value"] is not None else r["low"]
        if value is None:
            continue
        name = r["source_name"] or r["reported_by"]
        if source:
            wanted = source.lower()
            if name is None and wanted != "outlet":
                continue
            if name is not None and wanted not in name.lower() and wanted not in (r["reported_by"] or "").lower():
                continue
        key = (r["category"], _who(r["who"]), name, r["since"])
        s = out.setdefault(key, Series(r["category"], _who(r["who"]), name, r["since"]))
        s.points.append(Point(r["published"], int(value), r["qualifier"], r["text"], r["doc_id"], r["source"]))
    return sorted(out.values(), key=lambda s: (s.category, s.since or "", s.reported_by or "", s.who or ""))


def format_series(all_series: list[Series]) -> str:
    if not all_series:
        return "no running totals in the store"
    lines = []
    for s in all_series:
        lines.append(s.label)
        revised = set(s.revisions())
        for i, p in enumerate(s.points):
            mark = "  (revised down)" if i in revised else ""
            qual = f"{p.qualifier} " if p.qualifier and p.qualifier != "exact" else ""
            lines.append(f"  {p.published or 'no date':<10}  {qual}{p.value:,}{mark}   {p.text!r}  "
                         f"[{p.source or p.doc_id[:12]}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def plot_series(all_series: list[Series], path: str) -> None:
    """A PNG with one line per series (dated points only), sources side by side."""
    import datetime as dt

    import matplotlib

    matplotlib.use("Agg")  # no display: write a file
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5))
    for s in all_series:
        pts = [(dt.date.fromisoformat(p.published[:10]), p.value) for p in s.points
               if p.published and len(p.published) >= 10]
        if pts:
            ax.plot([d for d, _ in pts], [v for _, v in pts], marker="o", label=s.label)
    ax.set_xlabel("publication date")
    ax.set_ylabel("people")
    ax.set_title("Running totals per source (eventwire)")
    if ax.lines:
        ax.legend(fontsize="small")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
