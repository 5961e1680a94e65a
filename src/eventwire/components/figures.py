"""The figures stage as a spaCy component: ``nlp.add_pipe("eventwire_figures")``.

Reads ``doc._.eventwire_quotes``, ``doc._.eventwire_actor_table`` and
``doc._.eventwire_times`` (all optional) and writes ``doc._.eventwire_figures``
(list of ``schema.Figure``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..figures import find_figures
from . import register_extensions


class FiguresComponent:
    """Finds counts of people with their category, scope and source."""

    def __init__(self, name: str = "eventwire_figures") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_figures = find_figures(
            doc, doc._.eventwire_quotes or [], doc._.eventwire_actor_table, doc._.eventwire_times or [])
        return doc


@Language.factory(
    "eventwire_figures",
    assigns=["doc._.eventwire_figures"],
    requires=["token.dep"],
)
def make_figures_component(nlp: Language, name: str) -> FiguresComponent:
    """spaCy factory for the figures stage."""
    return FiguresComponent(name=name)
