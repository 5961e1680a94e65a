"""What the story conventions do not count as a figure, though it counts people.

    uncounted_other(a) -> bool     a count of people with nothing done to them ("other")
    single_part(doc, q, a) -> bool "each one of the wounded", "a teacher was one of the dead"

A count in category ``other`` is kept only when something is done to the people: they are the
object or passive subject of a verb ("rescued 37 people", "shelled 8 farmers", "six inmates
were beaten"), hang on a noun by "of"/"on"/"for" ("the homes of four judges"), or escaped.
Not counted: crowds, attackers and sources, who *do* something ("thousands marched", "hundreds of
gunmen overran", "two shopkeepers said"); forces sent or deployed and strengths ("sent 250 guards",
"some 1,200 fighters"); populations ("home to 4 million people", "hosts 900,000 migrant workers",
"its 70 million inhabitants live"); people merely present ("with nine people aboard").
"""

from __future__ import annotations

from spacy.tokens import Doc

from .category import Analysis
from .numbers import Quantity

# Verbs whose object is not someone something happened to: speech, deployment, having, hosting, meeting.
_NOT_DONE_TO = {"say", "tell", "quote", "cite", "send", "deploy", "dispatch", "station", "mobilize", "mobilise",
                "muster", "amass", "field", "number", "have", "host", "house", "employ", "hire", "train",
                "recruit", "lead", "command", "join", "meet", "represent", "involve", "gather", "draw",
                "attract", "bring", "include", "comprise", "count", "see", "estimate", "put", "face", "shield",
                "become", "reach", "total", "exceed", "top", "hold", "disperse", "address", "urge", "call", "ask",
                "invite", "welcome", "greet", "cheer", "demobilize", "demobilise", "disarm", "integrate", "arm",
                "equip", "pay", "feed", "serve", "protect", "guard", "accompany", "escort", "follow"}
# Intransitive verbs whose subject something happened to, or who are in an ordeal: "over 200 escaped",
# "hundreds of families searched the mud for missing relatives", "farmers are sheltering in a school".
_UNDERGO = {"escape", "survive", "get", "break", "search", "look", "hide", "shelter", "wait", "queue", "sleep",
            "lie", "struggle", "suffer", "huddle", "scramble"}
# ... unless they are the responders: "rescue workers searched the slopes", "firefighters fought the flames".
_RESPONDERS = {"rescuer", "firefighter", "paramedic", "medic", "volunteer", "police", "policeman", "policemen",
               "soldier", "troop", "officer", "personnel", "rescue", "team", "crew", "diver"}
# Nouns whose "of"-people something happened to ("the homes of four judges", "the assassination
# of two mayors"); after any other noun they are a group, a population or a strength.
_DONE_TO_NOUNS = {"home", "house", "property", "assassination", "murder", "rescue", "expulsion", "fate",
                  "plight", "safety", "life", "name", "identity", "treatment", "torture", "abuse"}


def uncounted_other(a: Analysis) -> bool:
    """Would this count of people, if its category is `other`, fall outside the conventions?"""
    gov, role = a.governor, a.role
    if gov is None:
        return True
    lemma = gov.lemma_.lower()
    if role == "obj":
        return lemma in _NOT_DONE_TO
    if role == "subj":
        words = {a.noun.lemma_.lower()} | {c.lemma_.lower() for c in a.noun.children if c.dep_ == "compound"} \
            if a.noun is not None else set()
        return lemma not in _UNDERGO or bool(words & _RESPONDERS)
    if role == "pobj":
        prep, owner = gov.lower_, gov.head
        if owner.pos_ in ("NOUN", "PROPN") and prep in ("of", "on", "against", "for"):
            return owner.lemma_.lower() not in _DONE_TO_NOUNS and not (prep == "on" and owner.lemma_.lower() in (
                "sanction", "ban", "restriction", "attack", "raid", "strike"))
        return True  # "home to 4 million people", "with nine people aboard", "put the strength at 1,200"
    return True  # appositions, bare phrases, attributes


def single_part(doc: Doc, q: Quantity, a: Analysis) -> bool:
    """'each one of the wounded', 'not one of the suspects', 'a teacher was one of the dead': no count."""
    if q.value == 1 and a.role == "attr" and a.governor is not None and a.governor.lemma_ == "be":
        return True
    if q.value == 1 and q.anchor.dep_ == "appos" and (q.anchor.head.pos_ == "PROPN" or q.anchor.head.lower_ in (
            "them", "whom")):
        return True  # "Tomas Ardel, one of our local organisers, was shot": a person named, not a count
    return q.num_start > 0 and doc[q.num_start - 1].lower_ in ("every", "each", "not")
