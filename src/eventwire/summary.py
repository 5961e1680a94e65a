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
    names = {a.id: a.name for a in report.actors}
    lines.append(f"  actors ({len(report.actors)}):")
    for a in report.actors:
        extra = "".join(f" {k}={v}" for k, v in a.attributes.items())
        lines.append(f"    {a.name!r:<34} {a.type:<12} {a.country or '-':<4} ×{len(a.mentions)}{extra}")
    lines.append(f"  quotes ({len(report.quotes)}):")
    for q in report.quotes:
        who = q.speaker_text or "?"
        if q.speaker and names.get(q.speaker) and names[q.speaker] != who:
            who += f" (= {names[q.speaker]})"
        lines.append(f"    {q.kind:<8} {who} {q.cue or ''}: {_clip(q.text, 60)!r}")
    lines.append(f"  figures ({len(report.figures)}):")
    for f in report.figures:
        amount = f.value if f.value is not None else "?"
        qualifier = f" ({f.qualifier})" if f.qualifier and f.qualifier != "exact" else ""
        since = f" since {f.since}" if f.since else ""
        source = names.get(f.reported_by or "", f.reported_by) if f.reported_by else "the outlet"
        lines.append(f"    {f.category:<9} {amount}{qualifier} {f.who or ''} — {f.scope}{since}, "
                     f"reported by {source}   {f.text!r}")
    lines.append(f"  story events ({len(report.story_events)}, from {len(report.events)} event mentions):")
    for e in report.story_events:
        kind = e.type + (f"/{e.mode}" if e.mode else "")
        who = f"{names.get(e.actor1 or '', e.actor1 or '?')} → {names.get(e.actor2 or '', e.actor2 or '-')}"
        place = report.places[e.place] if e.place is not None and 0 <= e.place < len(report.places) else None
        where = f"{place.name or place.text} ({e.place_precision or '?'})" if place else "-"
        dead = f"killed {e.fatalities}" if e.fatalities is not None else "killed -"
        evidence = report.text[e.evidence.start:e.evidence.end] if e.evidence else ""
        told = f"×{len(e.mentions)}"
        lines.append(f"    {e.id:<3} {kind:<20} {_clip(who, 40):<40} at {_clip(where, 26):<26} {e.date or '-':<10} "
                     f"{dead:<10} {told:<3} {_clip(evidence, 56)!r}")
    return "\n".join(lines) + "\n"
