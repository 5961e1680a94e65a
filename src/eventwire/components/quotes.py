"""The quotes stage as a spaCy component: ``nlp.add_pipe("eventwire_quotes")``.

Reads ``doc._.eventwire_actor_table`` (optional: without it speakers keep their text but
get no actor id) and writes ``doc._.eventwire_quotes`` (list of ``schema.Quote``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..quotes import find_quotes
from . import register_extensions


class QuotesComponent:
    """Finds direct and indirect speech and resolves each speaker."""

    def __init__(self, name: str = "eventwire_quotes") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.eventwire_quotes = find_quotes(doc, doc._.eventwire_actor_table)
        return doc


@Language.factory(
    "eventwire_quotes",
    assigns=["doc._.eventwire_quotes"],
    requires=["token.dep"],
)
def make_quotes_component(nlp: Language, name: str) -> QuotesComponent:
    """spaCy factory for the quotes stage."""
    return QuotesComponent(name=name)
