"""Category frames of news copy that the governing verb alone does not give.

    own_state(doc, end, head)            'left 9 people dead and 31 wounded', 'four other pilots badly hurt'
    casualty_subject(verb)               'the dead included a nurse and three pupils', 'the 64 injured comprise ...'
    lives_frame(verb, role, noun)        'lost their lives', 'cost the lives of 45 miners', 'cost nine lives'
    body_frame(noun, verb, role)         'the bodies of 12 hikers', 'three children's bodies'
    predicate_frame(verb, role)          suffered wounds, in critical condition, set free, picked up,
                                         forced from their homes / to flee, took refuge, moved to safety
    participle_category(noun)            'four freed hostages', 'three captured pilots'

Each returns a category or None; ``category.analyse`` decides the order.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import COUNTED_PEOPLE as PEOPLE_WORDS

# A state written right after the counted people: "left 9 people dead", "eight more wounded".
STATES = {"dead": "killed", "killed": "killed", "wounded": "injured", "injured": "injured", "hurt": "injured",
          "missing": "missing"}
_FATAL = {"fatally", "mortally"}
# Casualty nouns that can head a clause about a subgroup: "the dead included", "the injured were".
_CASUALTY_HEADS = {"dead": "killed", "killed": "killed", "fatality": "killed", "injured": "injured",
                   "wounded": "injured", "missing": "missing"}
_SUBGROUP_VERBS = {"include", "comprise", "be", "number"}
_LIFE_VERBS = {"cost", "claim", "take", "lose", "end"}
_BODY_NOUNS = {"body", "bodies", "corpse", "corpses", "remains"}  # forms too: the lemmatiser says "corps"
_WOUND_NOUNS = {"wound", "injury", "burn", "fracture", "treatment", "care", "surgery"}
_WOUND_VERBS = {"suffer", "sustain", "receive", "need", "require", "seek", "undergo", "get"}
_CARE_NOUNS = {"condition": {"critical", "serious", "grave", "stable", "life-threatening"},
               "care": {"intensive", "medical"}, "treatment": {"medical"}}
_REFUGE_NOUNS = {"refuge", "shelter", "sanctuary"}
_HOME_NOUNS = {"home", "homes", "village", "house", "town"}
_SAFE_PLACES = {"safety", "ground", "shelter", "shelters", "centre", "center", "camp", "camps"}
_MOVERS = {"move", "shift", "relocate", "transfer", "ferry", "bus", "airlift", "order"}
_PARTICIPLES = {"free": "released", "release": "released", "liberate": "released", "capture": "abducted",
                "kidnap": "abducted", "abduct": "abducted", "arrest": "detained", "detain": "detained",
                "kill": "killed", "slay": "killed", "murder": "killed", "evacuate": "evacuated",
                "displace": "displaced", "strand": "affected", "trap": "affected"}
# the tagger often calls these participles adjectives with themselves as lemma
_PARTICIPLES.update({"freed": "released", "released": "released", "liberated": "released", "captured": "abducted",
                     "kidnapped": "abducted", "abducted": "abducted", "arrested": "detained", "detained": "detained",
                     "slain": "killed", "murdered": "killed", "evacuated": "evacuated"})


def own_state(doc: Doc, end: int, head: Token) -> str | None:
    """The state written right after the figure's phrase (token `end`), or after the last of the
    people coordinated with it: 'leaving three guards and two drivers wounded'."""
    state = _state_at(doc, end)
    if state is None and end < len(doc) and doc[end].lower_ in ("and", ","):
        last = None
        for c in head.children:
            if c.dep_ == "conj" and c.i > head.i:
                last = c
        if last is not None and last.pos_ in ("NOUN", "PROPN") and not any(
                g.dep_ == "nummod" for g in last.children):
            state = _state_at(doc, last.i + 1)  # "three guards and police wounded": unnumbered conjunct only
    return state


def _state_at(doc: Doc, j: int) -> str | None:
    fatal = False
    stop = min(len(doc), j + 3)
    while j < stop and doc[j].tag_ in ("RB", "RBR") and doc[j].lower_ not in ("not", "never"):
        fatal = fatal or doc[j].lower_ in _FATAL
        j += 1
    if j >= len(doc) or doc[j].lower_ not in STATES:
        return None
    t = doc[j]
    if any(c.dep_ in ("dobj", "auxpass", "aux") for c in t.children):
        return None  # "four gunmen wounded two traders": an active verb, not a state
    return "killed" if fatal and STATES[t.lower_] == "injured" else STATES[t.lower_]


def casualty_subject(verb: Token) -> str | None:
    """'The dead included a nurse and three pupils', 'the dead were three border guards', 'the 64 injured comprise'."""
    if verb.lemma_.lower() not in _SUBGROUP_VERBS:
        return None
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        word = c.lower_
        if word in _CASUALTY_HEADS and any(d.dep_ == "det" or d.like_num for d in c.children):
            return _CASUALTY_HEADS[word]
        if word == "those":
            for a in c.children:  # "those killed included"
                if a.dep_ in ("acl", "relcl", "amod") and a.lower_ in _CASUALTY_HEADS:
                    return _CASUALTY_HEADS[a.lower_]
    return None


def lives_frame(verb: Token | None, role: str, noun: Token | None) -> str | None:
    """'Five climbers lost their lives', 'the fire claimed the lives of 45 miners', 'raids cost nine lives'."""
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if role == "pobj" and verb.lower_ == "of" and verb.head.lemma_.lower() == "life" \
            and verb.head.head.lemma_.lower() in _LIFE_VERBS:
        return "killed"
    if noun is not None and noun.lemma_.lower() == "life" and lemma in _LIFE_VERBS:
        return "killed"
    if role == "subj" and lemma in ("lose", "give", "sacrifice") and any(
            c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children):
        return "killed"
    return None


def body_frame(noun: Token | None, head: Token, anchor: Token) -> str | None:
    """A count of bodies is a count of the dead, whatever is done with them ('14 bodies were buried',
    'the bodies of 12 hikers were recovered', 'the corpses of three of their comrades', 'three
    children's bodies'); not 'one of the state's governing bodies'."""
    if noun is not None and is_body(noun) and anchor.head.i == noun.i:
        return "killed"
    if head.dep_ == "poss" and is_body(head.head):
        return "killed"
    for t in (head, anchor):
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        if t.dep_ == "pobj" and t.head.lower_ == "of" and is_body(t.head.head):
            return "killed"
    return None


# "one of the state's governing bodies": an institution, not the dead
_INSTITUTIONAL = {"main", "decision-making", "governing", "advisory", "legislative", "international", "regional",
                  "key", "top", "highest", "supreme", "government", "state", "official", "federal", "oversight",
                  "judicial", "religious", "professional", "public", "student", "sporting", "executive", "elected"}


def is_body(t: Token) -> bool:
    return (t.lemma_.lower() in _BODY_NOUNS or t.lower_ in _BODY_NOUNS) and not any(
        c.lower_ in _INSTITUTIONAL for c in t.children if c.dep_ in ("amod", "compound"))


def _care(verb: Token) -> str | None:
    """'were in critical condition', 'to be in a critical condition', 'under medical care'."""
    for v in [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_ == "be"]:
        for c in v.children:
            if c.dep_ != "prep" or c.lower_ not in ("in", "under"):
                continue
            for p in c.children:
                wanted = _CARE_NOUNS.get(p.lemma_.lower())
                if wanted and any(a.lower_ in wanted for a in p.children if a.dep_ in ("amod", "compound")):
                    return "injured"
    return None


def _home_prep(verb: Token) -> Token | None:
    """The 'from/out of their homes' phrase of a verb, if any."""
    for c in verb.children:
        if c.dep_ != "prep" and not (c.dep_ in ("prt", "advmod") and c.lower_ == "out"):
            continue
        for p in c.children:
            if p.dep_ == "pobj" and p.lemma_.lower() in _HOME_NOUNS and c.lower_ in ("from", "out"):
                return c
            if p.dep_ == "prep" and p.lower_ == "of" and c.lower_ == "out" and any(
                    q.dep_ == "pobj" and q.lemma_.lower() in _HOME_NOUNS for q in p.children):
                return c
    return None


def predicate_frame(verb: Token, role: str) -> str | None:
    """Predicates that say what happened to the people without a verb of the lexicon."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    if role == "subj" and lemma in _WOUND_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _WOUND_NOUNS for c in kids):
        return "injured"  # "five guards suffered wounds", "23 people sought hospital treatment"
    if role in ("subj", "obj"):
        care = _care(verb)
        if care:
            return care
    if role == "obj" and lemma in ("hit", "strike") and any(
            c.dep_ == "agent" and any(p.lemma_.lower() in ("bullet", "gunfire", "shrapnel", "shot", "fire")
                                      for p in c.children) for c in kids):
        return "injured"  # "were struck by bullets", "hit by gunfire"
    if role == "obj" and lemma == "set" and any(c.lower_ in ("free", "loose") for c in kids):
        return "released"
    if role == "obj" and lemma == "let" and any(c.lower_ == "go" for c in kids):
        return "released"
    if role == "obj" and lemma == "pick" and any(c.lower_ == "up" for c in kids):
        return "detained"
    if role == "subj" and lemma in ("regain", "gain", "win") and any(c.lemma_.lower() == "freedom" for c in kids):
        return "released"
    if role == "obj" and lemma == "force" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in ("flee", "leave", "abandon") for c in kids):
        return "displaced"  # "forced thousands to flee"
    home = _home_prep(verb)
    if home is not None and role == "obj":
        return "evacuated" if lemma in ("order", "evacuate", "move") else "displaced"
    if role == "subj":
        for v in [verb] + [c for c in kids if c.dep_ == "xcomp"]:
            if v.lemma_.lower() in ("leave", "abandon", "flee", "desert") and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in _HOME_NOUNS for c in v.children):
                return "displaced"  # "dozens of families (had to) abandon their homes"
    if role == "obj" and lemma == "bury" and not _buried_by_people(verb):
        return "affected"  # "the avalanche buried 17 skiers", "26 people had been buried"
    if role == "subj":
        for v in [verb] + [c for c in kids if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]:
            if v.lemma_.lower() in ("take", "seek", "find") and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in _REFUGE_NOUNS for c in v.children):
                return "displaced"  # "about 1,400 crossed the river to take refuge"
    if role == "obj" and lemma in _MOVERS:
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in ("to", "onto", "into", "out") and any(
                    p.lemma_.lower() in _SAFE_PLACES or p.lower_ == "of" for p in c.children):
                return "evacuated"  # "moved thousands of farmers onto higher ground"
    return None


def _buried_by_people(verb: Token) -> bool:
    """'families are about to bury 5 villagers', 'relatives buried the dead': a burial, not people buried alive."""
    kids = list(verb.children)
    if verb.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in kids):
        up = verb.head if verb.head.pos_ in ("VERB", "AUX") else verb.head.head
        kids += list(up.children)  # "families are about to bury": the subject sits on the governing verb
    for c in kids:
        doer = c if c.dep_ == "nsubj" else next((p for p in c.children if p.dep_ == "pobj"), None) \
            if c.dep_ == "agent" else None
        if doer is not None and (doer.pos_ == "PRON" or doer.ent_type_ in ("PERSON", "NORP")
                                 or doer.lemma_.lower() in PEOPLE_WORDS):
            return True
    return False


def participle_category(noun: Token) -> str | None:
    """A participle on the counted noun: 'four freed hostages', 'three captured pilots'."""
    for c in noun.children:
        if c.dep_ in ("amod", "acl") and c.tag_ in ("VBN", "JJ") and c.i != noun.i:
            cat = _PARTICIPLES.get(c.lemma_.lower()) or _PARTICIPLES.get(c.lower_)
            if cat:
                return cat
    return None
