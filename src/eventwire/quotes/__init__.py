"""The quotes stage: direct and indirect speech, each with its speaker resolved to an actor.

    find_quotes(doc, actors: ActorTable | None) -> list[schema.Quote]
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors import ActorTable
from ..schema import Quote


def find_quotes(doc: Doc, actors: ActorTable | None = None) -> list[Quote]:
    """Placeholder: the real recognizer replaces it."""
    return []
