"""The actors stage as a spaCy component: ``nlp.add_pipe("eventwire_actors")``.

Writes ``doc._.eventwire_actors`` (list of ``schema.Actor``) and
``doc._.eventwire_actor_table`` (the ``actors.ActorTable`` later stages use to resolve
speakers and sources to actor ids; they may add mentions to it).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..actors import find_actors
from ..actors.knowledge import knowledge
from . import register_extensions


class ActorsComponent:
    """Finds participants and canonicalizes them within the document."""

    def __init__(self, name: str = "eventwire_actors", knowledge_files: str = "") -> None:
        self.name = name
        self.knowledge_files = knowledge_files  # extra actors files (os.pathsep-separated); "" = $EVENTWIRE_ACTORS
        knowledge(knowledge_files or None)  # read once at load time: a bad file is one clear error, not one per doc
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        table = find_actors(doc, knowledge(self.knowledge_files) if self.knowledge_files else None)
        doc._.eventwire_actor_table = table
        doc._.eventwire_actors = table.actors  # the same list: mentions added later show up here
        return doc


@Language.factory(
    "eventwire_actors",
    assigns=["doc._.eventwire_actors", "doc._.eventwire_actor_table"],
    requires=["doc.ents"],
    default_config={"knowledge_files": ""},
)
def make_actors_component(nlp: Language, name: str, knowledge_files: str = "") -> ActorsComponent:
    """spaCy factory for the actors stage; ``knowledge_files`` adds actor files to the shipped one."""
    return ActorsComponent(name=name, knowledge_files=knowledge_files)
