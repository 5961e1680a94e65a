"""The events stage as a spaCy component: ``nlp.add_pipe("eventwire_events")``.

Reads what the earlier stages wrote (places, times, the actor table, quotes, figures; all
optional) and writes ``doc._.eventwire_events`` (list of ``schema.Event``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..events import find_events
from . import register_extensions


class EventsComponent:
    """Detects and types events, fills their roles, place, date, figures and modality."""

    def __init__(self, name: str = "eventwire_events") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_events = find_events(
            doc, doc._.eventwire_places or [], doc._.eventwire_times or [], doc._.eventwire_actor_table,
            doc._.eventwire_quotes or [], doc._.eventwire_figures or [])
        return doc


@Language.factory(
    "eventwire_events",
    assigns=["doc._.eventwire_events"],
    requires=["token.dep"],
)
def make_events_component(nlp: Language, name: str) -> EventsComponent:
    """spaCy factory for the events stage."""
    return EventsComponent(name=name)
