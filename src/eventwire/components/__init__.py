"""spaCy pipeline components of eventwire, one module per stage.

Each component writes only under ``doc._.eventwire_*``; the extensions are
registered here, once, so a component works in any spaCy pipeline
(``nlp.add_pipe("eventwire_times")``) as well as inside eventwire's own.

Inputs a component may read:
    doc._.eventwire_published  ISO date string of the document (or None)
    doc._.eventwire_dateline   schema.Dateline or None
Outputs:
    doc._.eventwire_times      list[schema.Time]
    doc._.eventwire_places     list[schema.Place]
    doc._.eventwire_actors     list[schema.Actor]
    doc._.eventwire_actor_table  actors.ActorTable (for later stages: speaker/source resolution)
    doc._.eventwire_quotes     list[schema.Quote]
    doc._.eventwire_figures    list[schema.Figure]
    doc._.eventwire_events     list[schema.Event]
    doc._.eventwire_story_events  list[schema.StoryEvent]
"""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS: dict[str, object] = {
    "eventwire_published": None,
    "eventwire_dateline": None,
    "eventwire_times": None,
    "eventwire_places": None,
    "eventwire_actors": None,
    "eventwire_actor_table": None,
    "eventwire_quotes": None,
    "eventwire_figures": None,
    "eventwire_events": None,
    "eventwire_story_events": None,
}


def register_extensions() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
