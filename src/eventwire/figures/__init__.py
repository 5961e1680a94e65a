"""The figures stage: counts of people (killed, injured, abducted, released, ...), with their
qualifier, scope, and who reports them.

    find_figures(doc, quotes, actors, times) -> list[schema.Figure]
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..actors import ActorTable
from ..schema import Figure, Quote, Time


def find_figures(doc: Doc, quotes: list[Quote], actors: ActorTable | None = None,
                 times: list[Time] | None = None) -> list[Figure]:
    """Placeholder: the real recognizer replaces it."""
    return []
