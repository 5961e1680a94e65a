"""The trigger lexicon (data/events_triggers.tsv), the word classes the event rules share, and the
parse helpers that read a trigger's arguments.

    ENTRIES[(lemma, "V"|"N")] -> [Entry, ...]      (constrained readings first)
    LEXICON[(lemma, "V"|"N")] -> Entry             (the first reading listed)
    objects_of(token), subjects_of(token), predicates_of(token), fits(token, entry, modifiers)
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token


@dataclass(frozen=True)
class Entry:
    type: str
    mode: str | None
    weak: bool  # needs support: another trigger of the type (or a casualty figure) in the sentence
    preps: frozenset[str]  # a particle/preposition the verb must govern ("call on", "gun down")
    objs: frozenset[str] = frozenset()  # the object (or passive subject) must be one of these lemmas
    comp: frozenset[str] | None = None  # needs a clausal complement (any when empty; else these lemmas)
    mods: frozenset[str] = frozenset()  # a noun needs one of these modifiers ("military exercise")
    subjs: frozenset[str] = frozenset()  # the active subject must be one of these lemmas ("a bomb went off")
    preds: frozenset[str] = frozenset()  # a predicate complement must be one of these ("held X responsible")


@dataclass
class Trigger:
    token: Token
    type: str
    mode: str | None
    weak: bool
    start: int  # character span of the trigger as written
    end: int
    # Statements (statements.py): the verb of saying, "intent" | "obligation" | "refusal", the act's trigger.
    stating: Token | None = None
    kind: str | None = None
    content: Trigger | None = None


def _load() -> dict[tuple[str, str], list[Entry]]:
    table: dict[tuple[str, str], list[Entry]] = {}
    text = resources.files("eventwire").joinpath("data/events_triggers.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, type_, mode, flags = (line.split("\t") + ["-"] * 5)[:5]
        sets: dict[str, frozenset[str]] = {}
        comp: frozenset[str] | None = None
        for flag in flags.split(","):
            key, _, val = flag.partition("=")
            if key in ("prep", "obj", "mod", "subj", "pred"):
                sets[key] = frozenset(val.split("|"))
            elif key == "comp":
                comp = frozenset(val.split("|")) if val else frozenset()
        table.setdefault((lemma, pos), []).append(Entry(
            type_, None if mode == "-" else mode, "weak" in flags.split(","), sets.get("prep", frozenset()),
            sets.get("obj", frozenset()), comp, sets.get("mod", frozenset()), sets.get("subj", frozenset()),
            sets.get("pred", frozenset())))
    return table


ENTRIES = _load()
LEXICON = {key: entries[0] for key, entries in ENTRIES.items()}  # the first reading listed
for _entries in ENTRIES.values():  # constrained readings are tried first ("send troops" before "send")
    _entries.sort(key=lambda e: not (e.objs or e.comp is not None or e.mods or e.preps or e.subjs or e.preds))

# Context words (lemmas).
AIR = {"air", "drone", "missile", "rocket", "aerial", "airstrike", "jet", "warplane", "aircraft", "plane",
       "helicopter", "bomber", "airforce"}
NATURE = {"earthquake", "quake", "storm", "hurricane", "lightning", "tornado", "cyclone", "flood", "typhoon",
          "disaster", "tsunami", "virus", "pandemic", "illness", "disease"}
# What kills without a perpetrator: deaths "in the floods", "by the earthquake", "in a crash" are no assault.
DISASTER = NATURE | {
    "flooding", "floodwater", "landslide", "mudslide", "landslip", "avalanche", "wildfire", "fire", "blaze",
    "inferno", "bushfire", "crash", "accident", "collision", "derailment", "heatwave", "drought", "eruption",
    "volcano", "rain", "rainfall", "downpour", "snowstorm", "blizzard", "tremor", "aftershock", "monsoon",
    "stampede", "collapse", "drowning", "outbreak", "epidemic", "cholera", "famine", "snow", "shipwreck",
    "capsizing", "sinking", "overdose", "cancer", "infection", "covid-19", "covid"}
# "lifted the state of emergency", "handed over 700 kg of medicine": the object is what "of" names.
OF_HEADS = {"state", "level", "number", "policy", "system", "kg", "kilogram", "ton", "tonne", "pound", "litre",
            "liter", "box", "crate", "batch", "load", "consignment", "truckload", "quantity", "amount", "lot",
            "shipment", "package", "cargo"}
LIGHT_OBJECTS = {"effort", "measure", "process", "program", "programme", "operation", "mission", "regulation",
                 "rule", "law", "order", "activity", "link", "access", "service"}
# Expelling a diplomat is a sanction on the sending state, not a deportation.
DIPLOMATS = {"diplomat", "ambassador", "envoy", "attache", "attaché", "consul", "charge", "chargé", "d'affaires",
             "emissary", "delegate", "delegation", "embassy", "mission", "staff", "official"}
# A foreign presence a state may expel or withdraw (CAMEO 166x: peacekeepers, inspectors, aid agencies).
PRESENCE = {"peacekeeper", "observer", "monitor", "inspector", "agency", "ngo", "organisation", "organization",
            "charity", "peacekeeping"}
# "the head of the UN mission", "members of the delegation": the office stands for what "of" names.
OFFICE_HEADS = {"head", "chief", "member", "representative", "director", "coordinator", "leader"}
# Bodies of a state: when one "protests", it complains officially (CAMEO 114), it does not demonstrate.
STATE_BODIES = {"government", "ministry", "embassy", "president", "minister", "administration", "kremlin",
                "spokesman", "spokeswoman", "spokesperson", "cabinet", "state", "country", "foreign"}
# Verbs that put an unnamed act on someone: "police said the gang was responsible".
SAY_ALLEGE = {"say", "tell", "state", "add", "believe", "suspect", "conclude", "allege", "insist", "confirm"}
# "vowed to take revenge on Ruritania for sending troops": what a reprisal answers did happen.
REPRISAL = {"revenge", "retaliation", "reprisal", "retribution", "vengeance", "avenge", "retaliate", "punish",
            "pay", "apologize", "apologise", "apology", "compensation", "compensate", "accountable", "thank",
            "respond", "react", "reply", "answer"}


def reason(tok: Token, prep: Token) -> bool:
    """Whether a "for"/"to" phrase says what a reprisal answers ("respond to the sanctions", "take revenge
    on Kenya for deploying troops"): that happened, it is no content of a threat."""
    return prep.lower_ in ("for", "to") and (tok.lemma_.lower() in REPRISAL or any(
        c.dep_ == "dobj" and c.lemma_.lower() in REPRISAL for c in tok.children))


def children_lemmas(tok: Token, deps: tuple[str, ...]) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in deps}


def span_of(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok.text)


def noun_of(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("cattle that were raided")."""
    if tok.lower_ in ("that", "which", "who", "whom") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def patients_of(tok: Token) -> list[Token]:
    """What a verb acts on: its direct object or passive subject (a relative pronoun resolved), or the
    noun a participle modifies."""
    out = [noun_of(c) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl":
        out.append(tok.head)
    return out


def objects_of(tok: Token) -> set[str]:
    """Lemmas of what a verb acts on: its object, its passive subject ("troops were deployed"), the
    noun a participle modifies, or what it withdraws from ("withdrew from the treaty", "pulled out of
    the talks"); for a noun, what "of" names ("a search of the prison", "an exchange of prisoners")."""
    out = {p.lemma_.lower() for p in patients_of(tok)}
    if any(p.ent_type_ == "PERSON" for p in patients_of(tok)) and not any(
            d.ent_type_ == "PERSON" for c in tok.children if c.dep_ in ("nsubj", "agent")
            for d in [c, *c.children]):
        out.add("person")  # "Mr Tavadze was beaten by police" (not "Nadal beat Federer": one person another)
    for p in patients_of(tok):  # "a small group of protesters", "thousands of residents": what "of" names
        # "four of their diplomats", "the head of the UN mission"
        if p.lemma_.lower() in QUANTITIES or p.like_num or p.lemma_.lower() in OFFICE_HEADS:
            out |= {g.lemma_.lower() for c in p.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"}
    for c in tok.children:  # "ran down a street vendor": the parser may hang the object on the particle
        if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in ("down", "over", "up"):
            out |= {g.lemma_.lower() for g in c.children if g.dep_ == "pobj"}
    out_of = any(c.lower_ == "out" and c.dep_ in ("prt", "advmod", "prep") for c in tok.children)
    for c in tok.children:
        # "from"-object; "of" of a noun or after "out"; "looked into the attack"
        if c.dep_ == "prep" and (c.lower_ == "from" or (c.lower_ == "of" and (out_of or tok.pos_ != "VERB")) or (
                c.lower_ == "into" and tok.lemma_.lower() == "look")):
            out |= {g.lemma_.lower() for g in c.children if g.dep_ == "pobj"}
        elif c.dep_ == "prep" and c.lower_ == "out":  # "pulled out of the talks": "of" hangs on "out"
            out |= {g.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"}
    if (tok.pos_ == "VERB" or tok.lemma_.lower() in LEAVING_NOUNS) and _named_body(tok):
        out.add("organization")  # "withdrew from ECOWAS", "pulled out of the OAS", "their withdrawal from ECOWAS"
    for c in tok.children:  # "eased emergency measures", "ended mediation efforts": the modifier names it
        if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in LIGHT_OBJECTS:
            out |= {g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod")}
    for c in tok.children:  # "lifted the state of emergency": the object is what "of" names
        if c.dep_ == "dobj" and c.lemma_.lower() in OF_HEADS:
            out |= {g.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"}
    return out


def _named_body(tok: Token) -> bool:
    """What a verb leaves or withdraws from is an organisation named by the tagger ("ECOWAS", "OPEC",
    "the International Criminal Court"): its object, or what "from" / "out of" names."""
    heads = [c for c in tok.children if c.dep_ == "dobj"]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            heads += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "out":
            preps = [p for p in [*c.children, *tok.children] if p.dep_ == "prep" and p.lower_ == "of"]
            heads += [g for p in preps for g in p.children if g.dep_ == "pobj"]
    if _person_leaves(tok):
        return False  # "the leader, who was said to have left ARSA": a member who quit, not a state's step
    return any(_organisation_name(h) or _joint_force(h) for h in heads)


JOINT = {"joint", "multinational", "regional", "international", "peacekeeping", "un", "african"}


def _joint_force(head: Token) -> bool:
    """A force or mission several states make up ("the G5 Sahel joint force", "the regional force", "the UN
    mission"): leaving it is a state's step away from the others, not troops pulling back."""
    if head.lemma_.lower() not in ("force", "mission", "coalition"):
        return False
    return any(c.dep_ in ("amod", "compound", "nmod") and (c.lower_ in JOINT or c.pos_ == "PROPN")
               for c in head.children)


def _person_leaves(tok: Token) -> bool:
    cur = tok
    for _ in range(4):
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj.lower_ in ("who", "he", "she") or (subj.ent_type_ == "PERSON" and not _country(subj))
        if cur.dep_ not in ("xcomp", "conj", "ccomp") or cur.head is cur:
            return False
        cur = cur.head
    return False


# Nouns of leaving whose "from" names what is left: "their withdrawal from ECOWAS", "its exit from the bloc".
LEAVING_NOUNS = {"withdrawal", "exit", "departure", "pullout", "pull-out"}
def _country(tok: Token) -> bool:
    """A country's name the small model may tag as a person ("Niger withdrew from ...")."""
    from ..actors.knowledge import knowledge
    name = tok.doc[tok.left_edge.i:tok.i + 1].text if tok.left_edge.i >= tok.i - 3 else tok.text
    kb = knowledge()
    return kb.country_of_name(name) is not None or kb.country_of_name(tok.text) is not None


BODY_WORDS = {"organization", "organisation", "union", "court", "council", "community", "league", "alliance",
              "bloc", "agency", "fund", "bank", "assembly", "commission", "treaty", "pact", "forum", "conference",
              "cooperation"}


def _organisation_name(head: Token) -> bool:
    """A name that reads as an organisation's, whatever the tagger says: an acronym in capitals ("ECOWAS",
    "OPEC") or a proper name with a word of a body in it ("the Organization of American States"); not a
    town the tagger took for one ("Bakhmut")."""
    if head.text.isupper() and head.is_alpha and 3 <= len(head.text) <= 8 and head.ent_type_ not in ("GPE", "LOC"):
        return True
    name = [t for t in (*head.lefts, head) if t.pos_ == "PROPN"]  # its own words, not what "of" adds
    return bool(name) and any(t.lower_ in BODY_WORDS for t in name)


def subjects_of(tok: Token) -> set[str]:
    """Lemmas of the active subject ("a bomb went off"); a quantity stands for what "of" names."""
    out = set()
    for c in tok.children:
        if c.dep_ == "nsubj":
            c = noun_of(c)
            out.add(c.lemma_.lower())
            out |= {g.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"}
    return out


def predicates_of(tok: Token) -> set[str]:
    """Lemmas of what a verb says its object is or becomes: "held them responsible", "called it
    barbaric", "described the raid as a massacre", "set free", "let go", "held in custody"."""
    out = set()
    dobjs = 0
    for c in tok.children:
        dep = c.dep_
        if dep in ("oprd", "acomp", "xcomp", "ccomp", "attr") or (dep in ("advmod", "advcl") and c.pos_ == "ADJ") or (
                dep == "advmod" and c.i > 0 and c.nbor(-1).lower_ == "as"):  # "described it as cowardly"
            out.add(c.lemma_.lower())
            out |= {g.lemma_.lower() for g in c.children if g.dep_ in ("amod", "compound", "acomp", "oprd", "attr")}
        elif dep == "dobj":
            dobjs += 1
            if dobjs > 1:  # "branded the strikes a terrorist attack": the second object is the label
                out.add(c.lemma_.lower())
            out |= {g.lemma_.lower() for g in c.children if g.dep_ in ("amod", "acomp", "oprd", "ccomp", "compound")}
            out |= {g.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "as"
                    for g in p.children if g.dep_ == "pobj"}
        elif dep == "prep" and c.lower_ in ("as", "in", "under", "into", "to", "by", "over"):
            for g in c.children:
                if g.dep_ == "pobj" or (c.lower_ == "as" and g.dep_ in ("pcomp", "amod", "acomp")):
                    # "described the killing as cowardly"
                    out.add(g.lemma_.lower())
                    if c.lower_ == "as":
                        out |= {m.lemma_.lower() for m in g.children if m.dep_ in ("amod", "compound")}
                    if g.lemma_.lower() in ("act", "form"):  # "described the strike as an act of aggression"
                        out |= {m.lemma_.lower() for q in g.children if q.dep_ == "prep" and q.lower_ == "of"
                                for m in q.children if m.dep_ == "pobj"}
    return out


def fits(tok: Token, e: Entry, mods: set[str]) -> bool:
    """Whether the token meets the reading's constraints (particle, object, complement, modifier,
    subject, predicate)."""
    if e.preps and not any(c.lower_ in e.preps and c.dep_ in ("prt", "prep", "advmod") and c.i > tok.i
                           for c in tok.children) and not any(  # after the verb: "On Friday, X called ..."
            # "called for Congress to be shut down": "for" marks the clause
            c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ in e.preps and m.i > tok.i
                                                 for m in c.children) for c in tok.children):
        return False
    if e.objs and not (objects_of(tok) & e.objs):
        return False
    if e.comp is not None and not any(c.dep_ in ("xcomp", "ccomp") and (not e.comp or c.lemma_.lower() in e.comp)
                                      for c in tok.children):
        return False
    if e.subjs and not (subjects_of(tok) & e.subjs):
        return False
    if e.preds and not (predicates_of(tok) & e.preds):
        return False
    return not (e.mods and not mods & e.mods)


def verbal(tok: Token) -> bool:
    """Whether a trigger token acts as a verb: a verb, or a verb the tagger took for a plural noun
    ("ECOWAS condemns the attempt": a noun has no direct object)."""
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ in ("NNS", "VBZ")
                                           and (tok.lemma_.lower(), "V") in ENTRIES
                                           and any(c.dep_ == "dobj" for c in tok.children))


QUANTITIES = {"group", "crowd", "thousand", "hundred", "dozen", "dozens", "scores", "score", "number", "band",
              "throng", "mob", "ten", "tens", "million"}
