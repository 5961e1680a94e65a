"""The times stage as a spaCy component: ``nlp.add_pipe("eventwire_times")``.

Reads ``doc._.eventwire_published`` (ISO date or None) and writes
``doc._.eventwire_times`` (list of ``schema.Time``).  All the work is in
``eventwire.temporal``; this wrapper only adapts it to spaCy.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..temporal import find_times
from . import register_extensions


class TimesComponent:
    """Tags and normalizes temporal expressions against the document date."""

    def __init__(self, name: str = "eventwire_times", use_parse: bool = True) -> None:
        self.name = name
        # use_parse: read tense from the dependency parse when the pipeline has one.
        self.use_parse = use_parse
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.eventwire_published
        parsed = self.use_parse and doc.has_annotation("DEP")
        doc._.eventwire_times = find_times(doc.text, published, doc if parsed else None)
        return doc


@Language.factory(
    "eventwire_times",
    assigns=["doc._.eventwire_times"],
    default_config={"use_parse": True},
)
def make_times_component(nlp: Language, name: str, use_parse: bool = True) -> TimesComponent:
    """spaCy factory for the times stage."""
    return TimesComponent(name=name, use_parse=use_parse)
