"""The events stage: who did what to whom, where and when — PLOVER-typed, with modality.

    find_events(doc, places, times, actors, quotes, figures) -> list[schema.Event]
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors import ActorTable
from ..schema import Event, Figure, Place, Quote, Time


def find_events(doc: Doc, places: list[Place], times: list[Time], actors: ActorTable | None,
                quotes: list[Quote], figures: list[Figure]) -> list[Event]:
    """Placeholder until the recognizer lands."""
    return []
