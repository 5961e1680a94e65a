"""Events the story implies without a mention of their own.

A protest the police act on: "police broke up a small group of protesters", "security forces turned
water cannon on demonstrators outside parliament". The act is an ASSAULT or a COERCE; the crowd it
hits was protesting, which analysts code as a PROTEST of its own (CONVENTIONS: demonstrations →
PROTEST). One record per crowd act, unless the story already has a protest there. Linear in records.
"""

from __future__ import annotations

from datetime import date

from ..events.acled import acled_for
from ..schema import StoryEvent
from .resolve import Story

# Crowds that are protesting by what they are called (not "students" or "residents", who may not be).
PROTESTING = {"protester", "protestor", "demonstrator", "marcher"}


def _protesting(story: Story, actor_id: str | None) -> bool:
    words = story.actor_names.get(actor_id or "", "").lower().split()
    return bool(words) and words[-1].rstrip("s") in PROTESTING and \
        story.actor_type.get(actor_id or "") not in ("military", "police", "state", "government")


def _covered(record: StoryEvent, protests: list[StoryEvent], story: Story) -> bool:
    """A protest record already tells the protest this act hit: the same place (or one inside the
    other, or either has none), within a day."""
    return any((p.place is None or record.place is None or story.places_compatible(p.place, record.place))
               and _within_a_day(p.date, record.date) for p in protests)


def _within_a_day(a: str | None, b: str | None) -> bool:
    """Protests run over days: a day either side is the same protest ("on Wednesday ... on Thursday")."""
    if a is None or b is None or len(a) < 10 or len(b) < 10:
        return True
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= 1
    except ValueError:
        return a[:10] == b[:10]


def implied_protests(records: list[StoryEvent], story: Story) -> list[StoryEvent]:
    """A PROTEST record for each crowd that force or coercion was used on, when the story has none there."""
    protests = [r for r in records if r.type == "PROTEST"]
    out: list[StoryEvent] = []
    for r in records:
        if r.type not in ("ASSAULT", "COERCE") or not _protesting(story, r.actor2):
            continue
        if _covered(r, protests + out, story):
            continue
        out.append(r.model_copy(update={
            "type": "PROTEST", "mode": None, "actor1": r.actor2, "actor2": None, "figures": [], "fatalities": None,
            "injured": None, "acled": acled_for("PROTEST", None, "", None, set())}))
    return out
