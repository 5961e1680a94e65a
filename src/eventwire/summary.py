"""A short human-readable rendering of a report, for terminals (``--format summary``)."""

from __future__ import annotations

from .schema import ErrorReport, Report


def _clip(text: str, width: int = 72) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_summary(report: Report | ErrorReport) -> str:
    if isinstance(report, ErrorReport):
        return f"✗ {report.id}: {report.error.code}: {report.error.message}\n"
    lines = [f"■ {report.id}" + (f" — {report.title}" if report.title else "")]
    lines.append(f"  published: {report.published or 'unknown'}   "
                 f"text: {len(report.text):,} characters   opening: {_clip(report.text, 60)!r}")
    if report.dateline:
        d = report.dateline
        lines.append(f"  dateline:  {' / '.join(d.places) or '-'}   date {d.date or '-'}   "
                     f"agency {d.agency or '-'}   [{d.start}:{d.end}]")
    else:
        lines.append("  dateline:  none")
    lines.append(f"  times ({len(report.times)}):")
    for t in report.times:
        mod = f" {t.mod}" if t.mod else ""
        lines.append(f"    [{t.start:>5}:{t.end:<5}] {t.text!r:<28} {t.type:<8} {t.value}{mod}")
    seen: dict[str, int] = {}
    for p in report.places:
        seen[p.text] = seen.get(p.text, 0) + 1
    lines.append(f"  places ({len(report.places)} mentions, {len(seen)} names):")
    shown = set()
    for p in report.places:
        if p.text in shown:
            continue
        shown.add(p.text)
        where = (f"{p.name} ({p.feature}, {', '.join(x for x in (p.admin1, p.country) if x)}) "
                 f"geonames:{p.geonameid}" if p.geonameid else "not resolved")
        lines.append(f"    {p.text!r:<22} ×{seen[p.text]:<2} {where}")
    for name in ("actors", "quotes", "figures", "events"):
        items = getattr(report, name)
        if items:
            lines.append(f"  {name}: {len(items)}")
    return "\n".join(lines) + "\n"
