"""The places stage as a spaCy component: ``nlp.add_pipe("eventwire_places")``.

Reads ``doc._.eventwire_dateline`` (optional) and writes ``doc._.eventwire_places``
(list of ``schema.Place``).  The work is in ``eventwire.places``; the GeoNames index is
opened once per process (``gazetteer.open_for_process``), never per document.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import open_for_process
from ..places import find_places
from . import register_extensions


class PlacesComponent:
    """Recognises toponyms and resolves them to GeoNames entries."""

    def __init__(self, name: str = "eventwire_places", use_fac: bool = False, index: str | None = None) -> None:
        self.name = name
        self.use_fac = use_fac  # facilities (airports, bridges) as places: off, they cost precision
        self.index = index
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = open_for_process(self.index)
        doc._.eventwire_places = find_places(doc, gazetteer, doc._.eventwire_dateline, use_fac=self.use_fac)
        return doc


@Language.factory(
    "eventwire_places",
    assigns=["doc._.eventwire_places"],
    requires=["doc.ents"],
    default_config={"use_fac": False, "index": None},
)
def make_places_component(nlp: Language, name: str, use_fac: bool = False, index: str | None = None
                          ) -> PlacesComponent:
    """spaCy factory for the places stage; ``index`` is a gazetteer path (default: the cache)."""
    return PlacesComponent(name=name, use_fac=use_fac, index=index)
