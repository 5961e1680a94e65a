"""Trigger lexicon (data/events_triggers.tsv) and the context rules that type a trigger token.

    LEXICON[(lemma, "V"|"N")] -> Entry
    classify(token) -> Trigger | None
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
            if key in ("prep", "obj", "mod"):
                sets[key] = frozenset(val.split("|"))
            elif key == "comp":
                comp = frozenset(val.split("|")) if val else frozenset()
        table.setdefault((lemma, pos), []).append(Entry(
            type_, None if mode == "-" else mode, "weak" in flags.split(","), sets.get("prep", frozenset()),
            sets.get("obj", frozenset()), comp, sets.get("mod", frozenset())))
    return table


ENTRIES = _load()
LEXICON = {key: entries[0] for key, entries in ENTRIES.items()}  # the first reading listed
for _entries in ENTRIES.values():  # constrained readings are tried first ("send troops" before "send")
    _entries.sort(key=lambda e: not (e.objs or e.comp is not None or e.mods or e.preps))

# Context words (lemmas).
AIR = {"air", "drone", "missile", "rocket", "aerial", "airstrike", "jet", "warplane", "aircraft", "plane",
       "helicopter", "bomber", "airforce"}
LABOUR = {"general", "hunger", "labor", "labour", "worker", "nationwide", "national", "teacher", "union",
          "employee", "staff", "doctor", "nurse", "driver", "miner", "transport", "rail", "student"}
NATURE = {"earthquake", "quake", "storm", "hurricane", "lightning", "tornado", "cyclone", "flood", "typhoon",
          "disaster", "tsunami", "virus", "pandemic", "illness", "disease"}
# What kills without a perpetrator: deaths "in the floods", "by the earthquake", "in a crash" are no assault.
DISASTER = NATURE | {
    "flooding", "floodwater", "landslide", "mudslide", "landslip", "avalanche", "wildfire", "fire", "blaze",
    "inferno", "bushfire", "crash", "accident", "collision", "derailment", "heatwave", "drought", "eruption",
    "volcano", "rain", "rainfall", "downpour", "snowstorm", "blizzard", "tremor", "aftershock", "monsoon",
    "stampede", "collapse", "drowning", "outbreak", "epidemic", "cholera", "famine", "snow", "shipwreck",
    "capsizing", "sinking", "overdose", "cancer", "infection", "covid-19", "covid"}
# The same, as a sentence's context for weak casualty words ("5,000 deaths after the tremor"); not "fire"
# ("opened fire") or a collapse or crash (of a building, of a drone).
DISASTER_CONTEXT = DISASTER - {"fire", "collapse", "crash", "accident"}
# "killed by sniper fire", "Israeli fire": gunfire, not a blaze.
GUNFIRE_MODS = {"sniper", "gun", "machine", "machine-gun", "artillery", "tank", "mortar", "rocket", "enemy", "heavy",
                "automatic", "small", "arms", "cross", "friendly", "live", "army", "police", "troop", "naval",
                "hostile", "direct", "rifle", "helicopter", "government", "rebel", "militia", "military"}
NOT_RELEASED = {"statement", "report", "video", "footage", "data", "figure", "image", "photo", "picture",
                "recording", "album", "film", "book", "detail", "name", "information", "document", "list",
                "result", "audio", "song", "version", "letter", "transcript", "record", "fund", "update"}
NOT_MET = {"demand", "need", "requirement", "target", "criterion", "standard", "goal", "deadline", "expectation"}
ORDER_VERBS = {"order", "force", "tell", "instruct", "compel"}
# "lifted the state of emergency", "handed over 700 kg of medicine": the object is what "of" names.
OF_HEADS = {"state", "level", "number", "policy", "system", "kg", "kilogram", "ton", "tonne", "pound", "litre",
            "liter", "box", "crate", "batch", "load", "consignment", "truckload", "quantity", "amount", "lot",
            "shipment", "package", "cargo"}
LIGHT_OBJECTS = {"effort", "measure", "process", "program", "programme", "operation", "mission", "regulation",
                 "rule", "law", "order", "activity", "link"}
# A trigger word inside a name is part of the name: "Amnesty International", "the Ceasefire Committee".
NAME_ENTS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP"}
LODGE = {"lodge", "file", "register", "deliver", "send", "issue", "submit"}
# "declined to comment" is no refusal of anything an event coder would record.
NOT_REFUSED = {"comment", "elaborate", "say", "discuss", "confirm", "identify", "name", "specify", "disclose",
               "speculate", "answer", "respond", "give", "provide", "release", "reveal", "detail"}
LEAVE = {"evacuate", "leave", "flee", "vacate", "move", "relocate", "depart"}
DEAL_OBJ = {"deal", "agreement", "accord", "truce", "ceasefire", "pact", "compromise", "bargain"}
VIOLENT_CAMPAIGN = {"military", "air", "bombing", "bomb", "aerial", "ground", "army", "offensive", "terror",
                    "terrorist", "violent", "bombardment", "insurgent"}

RESCUED = {"people", "person", "survivor", "victim", "child", "body", "resident", "man", "woman", "family",
           "passenger", "worker", "miner", "student", "baby", "girl", "boy", "someone"}
NOT_AID_HEADS = {"group", "agency", "organization", "organisation", "worker", "official", "charity", "body", "team",
                 "committee", "community", "sector", "chief", "coordinator", "volunteer", "staff", "ministry",
                 "office", "network", "consortium", "ngo", "expert", "provider", "partner", "director"}



def _children_lemmas(tok: Token, deps: tuple[str, ...]) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in deps}


def _span(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok.text)


def _noun_of(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("cattle that were raided")."""
    if tok.lower_ in ("that", "which", "who", "whom") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _patients(tok: Token) -> list[Token]:
    """What a verb acts on: its direct object or passive subject (a relative pronoun resolved), or the
    noun a participle modifies."""
    out = [_noun_of(c) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl":
        out.append(tok.head)
    return out


def _objects(tok: Token) -> set[str]:
    """Lemmas of what a verb acts on: its object, its passive subject ("troops were deployed"), the
    noun a participle modifies, or what it withdraws from ("withdrew from the treaty")."""
    out = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            out.add(c.lemma_.lower())
        elif c.dep_ == "prep" and c.lower_ == "from":
            out |= {g.lemma_.lower() for g in c.children if g.dep_ == "pobj"}
    if tok.dep_ == "acl":
        out.add(tok.head.lemma_.lower())
    for c in tok.children:  # "eased emergency measures", "ended mediation efforts": the modifier names it
        if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in LIGHT_OBJECTS:
            out |= {g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod")}
    for c in tok.children:  # "lifted the state of emergency": the object is what "of" names
        if c.dep_ == "dobj" and c.lemma_.lower() in OF_HEADS:
            out |= {g.lemma_.lower() for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"}
    return out


def _fits(tok: Token, e: Entry, mods: set[str]) -> bool:
    """Whether the token meets the reading's constraints (particle, object, complement, modifier)."""
    if e.preps and not any(c.lower_ in e.preps and c.dep_ in ("prt", "prep") and c.i > tok.i
                           for c in tok.children):  # after the verb: "On Friday, X called ..." is no call on
        return False
    if e.objs and not (_objects(tok) & e.objs):
        return False
    if e.comp is not None and not any(c.dep_ in ("xcomp", "ccomp") and (not e.comp or c.lemma_.lower() in e.comp)
                                      for c in tok.children):
        return False
    return not (e.mods and not mods & e.mods)


def _causes(tok: Token) -> set[str]:
    """Lemmas of what a death or an injury is put down to: the active subject ("the quake killed"), the
    agent ("killed by the floods") and a cause phrase ("died in a crash", "deaths from the storm")."""
    out = set()
    for c in tok.children:
        if c.dep_ == "nsubj":
            out.add(c.lemma_.lower())
        elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in", "from", "during", "after", "amid", "following",
                                                           "under", "of"):
            for g in c.children:
                if g.dep_ == "pobj" and not (g.lemma_.lower() == "fire" and any(
                        m.lemma_.lower() in GUNFIRE_MODS or m.ent_type_ in ("NORP", "ORG", "GPE")
                        for m in g.children if m.dep_ in ("compound", "amod", "nmod", "poss"))):
                    out.add(g.lemma_.lower())
    return out


def classify(tok: Token) -> Trigger | None:
    """The event a token triggers, or None. Only lexicon lemmas get past the first lookup (cheap)."""
    pos = "V" if tok.pos_ == "VERB" else "N" if tok.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        # "found guilty": a conviction ("pleaded guilty" is the defendant's plea, not a ruling)
        if tok.lower_ == "guilty" and tok.head.lemma_.lower() in ("find", "declare"):
            return Trigger(tok, "SANCTION", "convict", False, tok.idx, tok.idx + len(tok.text))
        # "were dead", "shot dead", "left five dead": a death, weak (needs violent context)
        if tok.lower_ == "dead" and tok.pos_ == "ADJ" and (
                tok.dep_ in ("acomp", "oprd", "xcomp", "ROOT") or (tok.dep_ == "amod" and tok.head.like_num)):
            if _causes(tok.head) & DISASTER:
                return None
            return Trigger(tok, "ASSAULT", None, True, tok.idx, tok.idx + len(tok.text))
        return None
    lemma = tok.lemma_.lower()
    text = tok.lower_
    # "cease-fire" is three tokens; the trigger is its head "fire".
    if pos == "N" and lemma == "fire" and tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "cease":
        first = tok.nbor(-2)
        return Trigger(tok, "RETREAT", "ceasefire", False, first.idx, tok.idx + len(tok.text))
    if lemma == "alert" and pos == "N" and tok.dep_ == "pobj" and tok.head.lower_ == "on":
        return Trigger(tok, "MOBILIZE", None, False, *_span(tok))  # "troops remained on alert"
    entries = ENTRIES.get((lemma, pos)) or (ENTRIES.get((text, pos)) if pos == "N" else None)
    if entries is None:
        return None
    if pos == "N" and tok.ent_type_ in NAME_ENTS:
        return None
    if pos == "V" and tok.dep_ == "amod":  # "the besieged city", "destroyed buildings": a state, not a report
        return None
    mods = _children_lemmas(tok, ("compound", "amod", "nmod"))
    subj = _children_lemmas(tok, ("nsubj", "nsubjpass"))
    obj = _children_lemmas(tok, ("dobj",))
    entry = next((e for e in entries if _fits(tok, e, mods)), None)
    if entry is None:
        return None
    type_, mode, weak = entry.type, entry.mode, entry.weak
    start, end = _span(tok)
    if type_ == "ASSAULT" and _causes(tok) & DISASTER and not (mods & AIR):
        return None  # "killed by the earthquake", "died in the floods", "deaths in the crash"
    if lemma == "strike":
        if pos == "N":
            if mods & LABOUR or (not mods & AIR and any(c.lemma_.lower() in LABOUR and c.pos_ == "NOUN"
                                                        for c in tok.sent)):  # "workers ... a strike"
                type_, mode = "PROTEST", "strike"
            elif mods & AIR:
                mode = "aerial"
        else:
            if subj & NATURE:
                return None
            if obj & DEAL_OBJ:
                type_, mode = "AGREE", None
            elif subj & LABOUR or (subj and not obj and any(s in {"union", "worker"} for s in subj)):
                type_, mode = "PROTEST", "strike"
            elif subj & AIR or any(c.lemma_.lower() in AIR for c in tok.sent):
                mode = "aerial"
    elif lemma in ("attack", "assault", "bombing", "bombard", "bomb", "raid", "campaign", "offensive") and mods & AIR:
        mode = "aerial"
    if type_ == "ASSAULT" and "suicide" in mods:
        mode = "suicide-attack"
    if type_ == "ASSAULT" and mods & {"grenade"}:
        mode = "explosives"
    if lemma in ("fight", "battle") and weak and (obj or any(
            c.dep_ == "prep" and c.lower_ in ("against", "with", "between") for c in tok.children)):
        weak = False  # "troops fought the rebels", "a battle with police": two sides named
    if lemma == "campaign":
        if not (mods & VIOLENT_CAMPAIGN):
            return None
        weak = False
    if lemma == "protest" and pos == "N" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in LODGE:
        return Trigger(tok, "ACCUSE", "disapprove", False, start, end)  # "lodged a protest": an official complaint
    if lemma in ("decline", "refuse") and any(c.dep_ == "xcomp" and c.lemma_.lower() in NOT_REFUSED
                                              for c in tok.children):
        return None
    if lemma in ORDER_VERBS and pos == "V" and not entry.preps:  # "forced out" is its own reading
        goal = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in LEAVE), None)
        if goal is not None:
            type_, mode = "COERCE", "deport"  # an order to leave: forced displacement
        elif lemma in ("order", "instruct"):
            type_, mode = "REQUEST", None  # PLOVER DEMAND: "all demands and orders"
        else:
            return None
    if lemma == "talk" and (pos != "N" or tok.tag_ != "NNS"):
        return None
    if lemma == "release" and (
            (pos == "V" and _objects(tok) & NOT_RELEASED)  # "released a report", "a statement released later"
            or (pos == "N" and mods & {"press", "news", "media"})):  # "a press release"
        return None
    if lemma == "meet" and obj & NOT_MET:
        return None
    if lemma == "ask" and (not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "for")
                                   for c in tok.children) or _anonymous(tok)):
        return None
    if lemma == "request" and pos == "N" and (_anonymous(tok) or any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in NO_COMMENT for g in c.children)
            for c in tok.children)):
        return None  # "did not reply to requests for comment"
    if lemma == "riot" and pos == "N" and tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in RIOT_GEAR:
        return None  # "riot police", "riot gear"
    if lemma == "pull" and type_ == "RETREAT" and {p.lemma_.lower() for p in _patients(tok)} & RESCUED:
        return None  # "pulled people out of the rubble": a rescue
    if type_ == "AID" and pos == "N" and tok.dep_ in ("compound", "nmod") and \
            tok.head.lemma_.lower() in NOT_AID_HEADS:
        return None  # "the aid group", "aid workers": who, not an act of aid
    if lemma == "die" and subj & NATURE:
        return None
    if lemma == "sign" and not (obj & (DEAL_OBJ | {"treaty", "declaration", "memorandum", "contract"})):
        return None
    return Trigger(tok, type_, mode, weak, start, end)


RIOT_GEAR = {"police", "policeman", "officer", "squad", "unit", "gear", "shield", "control", "force", "trooper",
             "helmet", "van", "police-man", "cop"}
NO_COMMENT = {"comment", "interview", "response", "reaction", "information", "clarification", "confirmation",
              "anonymity"}


def _anonymous(tok: Token) -> bool:
    """"asked not to be named", "requested anonymity": a source's condition, not a demand."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in ("name", "identify", "quote", "cite"):
            return True
        if c.dep_ in ("dobj", "pobj") and c.lemma_.lower() == "anonymity":
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() == "anonymity" for g in c.children):
            return True
    return False
