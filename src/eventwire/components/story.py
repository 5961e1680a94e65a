"""The story stage as a spaCy component: ``nlp.add_pipe("eventwire_story")``.

Reads the events stage's mentions and what the earlier stages wrote (places, times, the actor
table, quotes, figures) and writes ``doc._.eventwire_story_events`` (list of
``schema.StoryEvent``): one record per real-world event of the story.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..story import find_story_events
from . import register_extensions


class StoryComponent:
    """Joins event mentions into story-level events and resolves their fields from the story."""

    def __init__(self, name: str = "eventwire_story") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_story_events = find_story_events(
            doc, doc._.eventwire_events or [], doc._.eventwire_places or [], doc._.eventwire_times or [],
            doc._.eventwire_actor_table, doc._.eventwire_quotes or [], doc._.eventwire_figures or [])
        return doc


@Language.factory(
    "eventwire_story",
    assigns=["doc._.eventwire_story_events"],
    requires=["token.dep"],
)
def make_story_component(nlp: Language, name: str) -> StoryComponent:
    """spaCy factory for the story stage."""
    return StoryComponent(name=name)
