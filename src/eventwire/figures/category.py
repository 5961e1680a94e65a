"""Is a number a count of people, and of what: killed, injured, abducted, ...

    analyse(doc, quantity) -> Analysis | None

The category comes from, in order: an "among those killed / among the dead" frame; the
governing predicate (verb with the count as object or passive subject, intransitive verb
with the count as subject, "left 32 dead", "the death toll rose to N", "the release of N");
the counted noun itself ("32 deaths", "105 captives"); a participle on the noun ("residents
believed trapped"); else "other" when the noun is a person noun.  A bare number ("massacred
more than 1,200", "Dozens were injured") is a figure only when a predicate says what it counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..schema import Figure
from .frames import (
    STATES,
    body_frame,
    casualty_subject,
    is_body,
    lives_frame,
    own_state,
    participle_category,
    predicate_frame,
)
from .lexicon import COUNTED_PEOPLE
from .numbers import Quantity

# Governing verbs whose object (or passive subject) is the victim.
TRANSITIVE = {
    "kill": "killed", "massacre": "killed", "murder": "killed", "slay": "killed", "execute": "killed",
    "behead": "killed", "slaughter": "killed", "claim": "killed", "shoot": "injured", "crush": "killed",
    "martyr": "killed", "decapitate": "killed", "assassinate": "killed", "lynch": "killed", "neutralize": "killed",
    "neutralise": "killed", "trap": "affected",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured", "hospitalize": "injured",
    "hospitalise": "injured", "treat": "injured", "stab": "injured",
    "kidnap": "abducted", "abduct": "abducted", "seize": "abducted", "capture": "abducted",
    "snatch": "abducted",
    "free": "released", "release": "released", "swap": "released", "exchange": "released", "repatriate": "released",
    "return": "released", "liberate": "released",
    "arrest": "detained", "detain": "detained", "jail": "detained", "imprison": "detained", "apprehend": "detained",
    "round": "detained", "intern": "detained", "sentence": "detained",
    "displace": "displaced", "uproot": "displaced",
    "evacuate": "evacuated", "relocate": "evacuated", "airlift": "evacuated",
    "lose": "killed",
    "affect": "affected", "strand": "affected", "sicken": "affected", "infect": "affected",
    "rescue": "other", "save": "other",
}
# Verbs whose (active) subject is the victim.
INTRANSITIVE = {
    "die": "killed", "perish": "killed", "drown": "killed", "starve": "killed", "escape": "other",
    "flee": "displaced", "disappear": "missing", "vanish": "missing", "miss": "missing",
}
# Predicative adjectives / participles: "left 32 dead", "feared missing", "11 missing".
ADJECTIVES = {
    "dead": "killed", "killed": "killed", "missing": "missing", "unaccounted": "missing", "trapped": "affected",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "homeless": "displaced",
    "displaced": "displaced", "stranded": "affected", "hospitalized": "injured", "hospitalised": "injured",
}
# Nouns that say what the people are: "32 deaths", "105 captives", "the wounded".
NOUN_CATEGORY = {
    "death": "killed", "dead": "killed", "fatality": "killed", "body": "killed", "corpse": "killed",
    "injured": "injured", "wounded": "injured", "injury": "injured",
    "hostage": "abducted", "captive": "abducted", "abductee": "abducted",
    "prisoner": "detained", "detainee": "detained", "inmate": "detained",
    "missing": "missing", "refugee": "displaced", "displaced": "displaced", "evacuee": "evacuated",
    "case": "affected",
}
# Nouns that govern "of N": "the release of 240 prisoners", "the deaths of 32 people".
NOUN_GOVERNORS = {
    "death": "killed", "killing": "killed", "massacre": "killed", "murder": "killed", "execution": "killed",
    "martyrdom": "killed", "body": "killed", "corpse": "killed", "remains": "killed",
    "release": "released", "freeing": "released", "return": "released", "exchange": "released", "swap": "released",
    "handover": "released",
    "abduction": "abducted", "kidnapping": "abducted", "capture": "abducted",
    "arrest": "detained", "detention": "detained", "evacuation": "evacuated", "displacement": "displaced",
    "injury": "injured", "wounding": "injured", "disappearance": "missing", "homecoming": "released",
}
# Where people are taken/kept: "taken to hospital", "remain in captivity".
PLACE_NOUNS = {
    "hospital": "injured", "captivity": "abducted", "custody": "detained", "jail": "detained", "prison": "detained",
    "shelter": "displaced", "camp": "displaced", "centre": "displaced", "center": "displaced",
    "home": "displaced", "homes": "displaced", "injury": "injured",
}
TOLL_NOUNS = {"toll": "killed", "tally": None, "number": None, "count": None, "total": None, "figure": None}
# "local groups put the figure at 5,000": the category of the figure just before in the sentence
SAME_AS_BEFORE = "=before"
TOLL_VERBS = {"rise", "climb", "reach", "bring", "take", "put", "stand", "jump", "increase", "hit", "raise", "surpass",
              "exceed", "top", "pass", "grow", "mount", "soar", "swell", "be"}
SEARCH_VERBS = {"search", "look", "hunt", "dig", "comb"}


_ANIMALS = {"animal", "pet", "dog", "cat", "horse", "cattle", "livestock", "bird", "fish", "sheep", "goat", "cow",
            "wildlife", "dolphin", "whale", "elephant", "chicken", "poultry", "bee"}
_CASE_MODIFIERS = {"suspected", "confirmed", "new", "probable", "cholera", "covid", "covid-19", "measles", "ebola",
                   "mpox", "dengue", "malaria", "infection", "coronavirus", "flu"}


@dataclass
class Analysis:
    category: str
    head: Token  # the phrase head: the counted noun, or the number itself when bare
    noun: Token | None  # the counted person noun
    end: int  # token end of the figure's span
    verb: Token | None  # the governing predicate (for scope, date, attribution)
    toll: bool = False  # the value of a "death toll ... to N" frame
    part: bool = False  # a pronoun partitive ("five of them"): a part of the previous figure
    role: str = "none"  # how the figure hangs on `verb`: obj, subj, pobj, attr, ...
    governor: Token | None = None  # the token `role` is relative to (a preposition for pobj)
    by_noun: bool = False  # the category comes from the counted noun alone ("105 captives")


def _is_person_noun(t: Token) -> bool:
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _ANIMALS for c in t.children):
        return False  # "24 animal deaths", "300 livestock casualties"
    if t.lemma_.lower() in ("case", "cases"):
        # "cases" are people only in an outbreak: "20,000 suspected cases", not "31 cases of fraud"
        return any(c.lower_ in _CASE_MODIFIERS for c in t.children if c.dep_ in ("amod", "compound"))
    if t.lemma_.lower() in COUNTED_PEOPLE or t.lower_ in COUNTED_PEOPLE:
        return True
    # demonyms: "Palestinians", "Israelis", "Afghans"
    if t.ent_type_ == "NORP" or (t.tag_ == "NNPS" and t.lower_.endswith(("ans", "ese", "is", "ers"))):
        return True
    # "13 Israelis, 10 Thais": a capitalised plural listed with people counts people
    return t.dep_ == "conj" and t.text[:1].isupper() and t.lower_.endswith("s") and t.head.i < t.i \
        and _is_person_noun(t.head)


def _category_of_toll(noun: Token) -> str | None:
    """'death toll' -> killed; 'the number of wounded' -> injured; 'the toll' -> killed."""
    for c in noun.children:
        if c.dep_ == "compound" and c.lemma_.lower() in ("death", "casualty", "fatality"):
            return "killed"
        if c.dep_ in ("compound", "amod") and c.lemma_.lower() in ("injury", "wounded", "injured"):
            return "injured"
        if c.dep_ in ("acl", "amod", "relcl") and c.lemma_.lower() in TRANSITIVE:
            return TRANSITIVE[c.lemma_.lower()]  # "the total arrested this year"
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                cat = NOUN_CATEGORY.get(p.lemma_.lower()) or ADJECTIVES.get(p.lower_)
                if cat:
                    return cat
                for a in p.children:  # "the number of people killed"
                    if a.dep_ in ("acl", "relcl") and a.lemma_.lower() in TRANSITIVE:
                        return TRANSITIVE[a.lemma_.lower()]
    return TOLL_NOUNS.get(noun.lemma_.lower())


def _adjective_complement(verb: Token) -> str | None:
    """'feared missing', 'left 32 dead', 'shot dead'."""
    for c in verb.children:
        if c.dep_ in ("acomp", "oprd", "xcomp", "advmod") and c.lower_ in ADJECTIVES:
            return ADJECTIVES[c.lower_]
        if c.dep_ == "prep" and c.lower_ == "to" and any(p.lower_ == "death" for p in c.children):
            return "killed"  # "beaten to death"
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.lower_ == "dead":
        return "killed"  # "shot dead six officers" (the tagger makes "dead" a modifier of the noun)
    return None


def _predicate_extras(verb: Token) -> str | None:
    """Category from a verb's adjectival complement or its place: 'feared missing', 'taken to hospital'."""
    adjective = _adjective_complement(verb)
    if adjective:
        return adjective
    if verb.dep_ in ("aux", "auxpass") and verb.head.lower_ in ADJECTIVES:
        return ADJECTIVES[verb.head.lower_]  # "40 people were unaccounted for": parsed as a passive
    for c in verb.children:
        if c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in PLACE_NOUNS:
                    if p.lemma_.lower() in ("home", "homes") and c.lower_ != "from":
                        continue
                    if p.lemma_.lower() in ("jail", "prison") and any(d.dep_ == "det" for d in p.children):
                        continue  # "sent 250 guards to the jail" is no jailing ("sent to prison" is)
                    return PLACE_NOUNS[p.lemma_.lower()]
        if c.dep_ == "dobj" and c.lemma_.lower() == "hostage" and not any(
                g.dep_ == "nummod" or g.like_num for g in c.children):
            return "abducted"  # "took 30 people hostage" (not "set 12 hostages free")
    return None


def _with_toll(t: Token | None) -> bool:
    """'the death toll had climbed to 1,644, with 3,408 injured and 139 missing': part of the running toll."""
    if t is None:
        return False
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("pcomp", "pobj") and t.head.lower_ == "with":
        pred = t.head.head
    elif any(c.dep_ == "mark" and c.lower_ == "with" for c in t.children):
        pred = t.head  # the parser's other reading: "with" marking an adverbial clause
    else:
        return False
    return pred.lemma_.lower() in TOLL_VERBS and any(
        c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.lemma_.lower() in TOLL_NOUNS for c in pred.children)


def _elided_passive(verb: Token) -> bool:
    """'14 were killed and dozens more wounded', '10 people killed': a bare participle of a verb done to
    people is a passive ('nearly 900 volunteers sifted through the ash' is no passive)."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj", "auxpass") for c in verb.children) \
        and (verb.lemma_.lower() in TRANSITIVE or verb.dep_ == "conj")


def _to_death(verb: Token) -> bool:
    """'stabbed and beaten to death': a coordinated verb says the people died."""
    for v in verb.children:
        if v.dep_ == "conj" and v.pos_ == "VERB" and any(
                c.dep_ == "prep" and c.lower_ == "to" and any(p.lower_ == "death" for p in c.children)
                for c in v.children):
            return True
    return False


_WHITHER = {"abroad", "away", "home", "north", "south", "east", "west", "northward", "southward", "eastward",
            "westward", "northwards", "southwards", "eastwards", "westwards", "inland", "overseas", "out"}


def _flight_from_home(verb: Token) -> bool:
    """Fleeing as displacement: somewhere to or from ('fled to the coast', 'fled their homes', 'fled
    over the mountains'), or a running count ('nearly a million have fled')."""
    if any(c.dep_ in ("dobj", "prep", "prt") or (c.dep_ == "advmod" and c.lower_ in _WHITHER)
           for c in verb.children):
        return True  # "fled to the coast", "fled their homes", "fled north"
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) or verb.dep_ in ("xcomp", "acl"):
        return True
    return verb.dep_ in ("advcl", "ccomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


_CUSTODIANS = {"police", "authority", "government", "court", "prosecutor", "army", "military", "force", "official"}
_FACILITIES = {"prison", "jail", "camp", "centre", "center", "facility", "compound"}


def _held(verb: Token) -> str | None:
    """'hold': in custody or jail -> detained (also when police or a court hold them, or a verb
    coordinated with it says custody: '19 were taken into custody and 7 were held in Tarrow'); a prison
    holding its inmates -> no count (a population); otherwise captives -> abducted."""
    for v in [verb] + [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else []):
        extra = _predicate_extras(v)
        if extra == "detained":
            return extra
    for c in verb.children:
        doer = c if c.dep_ == "nsubj" else next((p for p in c.children if p.dep_ == "pobj"), None) \
            if c.dep_ == "agent" else None
        if doer is None:
            continue
        if doer.lemma_.lower() in _FACILITIES:
            return None
        if doer.lemma_.lower() in _CUSTODIANS or any(g.lemma_.lower() in _CUSTODIANS for g in doer.children):
            return "detained"
    if any(c.dep_ in ("nsubjpass", "dobj") and c.lemma_.lower() in SUSPECTS for c in verb.children):
        return "detained"  # "three cadres of the PLA were held": fighters and suspects are detained, not abducted
    return "abducted"


# People whom the authorities hold: "held" says detained, not abducted.
SUSPECTS = {"suspect", "cadre", "militant", "insurgent", "gunman", "jihadist", "extremist", "rebel", "fighter",
            "smuggler", "trafficker", "looter", "rioter"}


RELEASE_DEALS = {"swap", "exchange", "release", "handover", "deal", "repatriation"}


CAPTIVES = {"prisoner", "detainee", "hostage", "captive", "abductee", "inmate"}
MOVE_VERBS = {"fly", "carry", "transfer", "bus", "take", "bring", "transport", "ferry", "airlift", "hand", "send"}


def _part_of_release(verb: Token, noun: Token | None = None) -> bool:
    """The act is done "as part of" a swap or release, or "in return for" others, or moves captives in a
    sentence about an exchange: those it moves or hands over are freed."""
    if any(c.dep_ == "prep" and c.lower_ == "in" and any(
            g.lemma_.lower() in ("return", "exchange") and any(f.lower_ == "for" for f in g.children)
            for g in c.children) for c in verb.children):
        return True  # "handed over 470 fighters in return for 221 soldiers"
    if noun is not None and noun.lemma_.lower() in CAPTIVES and verb.lemma_.lower() in MOVE_VERBS and any(
            t.lemma_.lower() in RELEASE_DEALS - {"deal"} for t in verb.sent):
        return True  # "flew 352 prisoners home as the last stage of the exchange was carried out"
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            for part in c.children:
                if part.lemma_.lower() == "part":
                    for of in part.children:
                        if of.lower_ == "of" and any(g.lemma_.lower() in RELEASE_DEALS for g in of.children):
                            return True
    return False


def _later_died(verb: Token) -> bool:
    """A verb coordinated with the injury, with no subject of its own, says they died of it."""
    def died(c: Token) -> bool:
        return c.dep_ == "conj" and c.lemma_.lower() in ("die", "succumb", "perish") and not any(
            g.dep_ in ("nsubj", "nsubjpass") for g in c.children)

    if any(died(c) for c in verb.children):
        return True
    # "had been hit ... when officers fired and had later died": the parser hangs the second verb of the
    # subject on the clause in between; the perfect both share says it is the subject's
    perfect = any(g.dep_ == "aux" and g.lemma_.lower() == "have" for g in verb.children)
    return perfect and any(died(g) and any(a.dep_ == "aux" and a.lemma_.lower() == "have" for a in g.children)
                           for c in verb.children if c.dep_ == "advcl" for g in c.children)


def _verb_category(verb: Token, role: str) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma == "round" and not any(c.lower_ == "up" for c in verb.children):
        return None
    if lemma == "take" and any(c.dep_ in ("oprd", "dobj", "npadvmod") and c.lower_ in ("hostage", "captive")
                               for c in verb.children):
        return "abducted"
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "prep")}
    if role == "obj" and lemma == "gun" and "down" in particles:
        return "killed"  # "gunned down four farmers"
    if role == "obj" and lemma in ("carry", "take", "spirit", "drag") and particles & {"off", "away"}:
        return "abducted"  # "carried off dozens of farm workers"
    if lemma == "hold" and role == "obj":
        return _held(verb)
    if role == "obj" and _part_of_release(verb, next((c for c in verb.children if c.dep_ == "dobj"), None)):
        return "released"  # "flew 352 prisoners home as part of the swap"
    if role == "obj":
        for c in verb.children:  # "a judge ordered nine men held in custody"
            if c.dep_ in ("xcomp", "ccomp", "oprd") and c.tag_ == "VBN" and not any(
                    g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                inner = _held(c) if c.lemma_.lower() == "hold" else TRANSITIVE.get(c.lemma_.lower())
                if inner:
                    return inner
    if role == "obj" and lemma in ("detain", "keep", "hold") and any(
            c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in ("hospital", "clinic", "infirmary") for g in c.children)
            for c in verb.children):
        return "injured"  # "96 people were detained in hospital": kept for treatment
    if role == "obj" and lemma in TRANSITIVE:
        if particles & {"fatally", "mortally"} or _to_death(verb):
            return "killed"  # "were fatally wounded", "were stabbed and beaten to death"
        return _adjective_complement(verb) or TRANSITIVE[lemma]
    if role == "subj" and lemma == "flee" and not _flight_from_home(verb):
        return None  # "dozens fled when riot police charged": a crowd running, not the displaced
    if role == "subj" and lemma in INTRANSITIVE:
        return INTRANSITIVE[lemma]
    if role == "subj" and lemma in ("go", "be", "remain", "lie", "stay", "survive", "end", "become", "feel"):
        return _predicate_extras(verb)
    if role in ("obj", "subj"):
        extra = _predicate_extras(verb)
        if extra:
            return extra
    if lemma in ("force", "drive", "chase", "uproot") and role == "obj":
        # "forced 3,000 from their villages", "clashes drove some 8,000 villagers from the valley"
        return "displaced" if any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("from", "out")
                                  for c in verb.children) else None
    return None


def _governor(head: Token) -> tuple[Token | None, str]:
    """Walk up through conjunctions and appositions to the predicate; (token, role)."""
    x = head
    for _ in range(6):
        dep = x.dep_
        if dep == "conj" and x.pos_ in ("NOUN", "PROPN", "NUM") and x.head.pos_ == "VERB":
            return x.head, "obj"  # "killed 13 soldiers and at least 170 Afghans" parsed as a verb conjunct
        if dep in ("conj", "appos") and x.head.i != x.i:
            x = x.head
            continue
        if dep in ("dobj", "nsubjpass", "oprd", "dative", "attr"):
            return x.head, "obj" if dep != "attr" else "attr"
        if dep in ("nsubj", "csubj"):
            return x.head, "subj"
        if dep == "pobj":
            return x.head, "pobj"
        if dep == "ROOT":
            return x, "root"
        if dep == "npadvmod" and x.like_num and x.head.i < x.i and x.head.lemma_.lower() in TRANSITIVE:
            return x.head, "obj"  # "killing five guards and wounding more than 12" (a bare object misparsed)
        return x.head, dep
    return None, "none"


def _among_frame(verb: Token) -> str | None:
    """'Among those killed were two girls' / 'Among the dead were 130 children'."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "among":
            for p in c.children:
                cat = NOUN_CATEGORY.get(p.lemma_.lower()) or ADJECTIVES.get(p.lower_)
                if cat:
                    return cat
                for a in p.children:
                    if a.dep_ in ("acl", "relcl", "amod") and a.lemma_.lower() in TRANSITIVE:
                        return TRANSITIVE[a.lemma_.lower()]
                    if a.dep_ in ("acl", "relcl") and a.lemma_.lower() == "set" and any(
                            g.lower_ == "free" for g in a.children):
                        return "released"  # "among the people the gunmen had set free"
                    if a.dep_ in ("acl", "amod") and a.lower_ in ADJECTIVES:
                        return ADJECTIVES[a.lower_]
    return None


WOUNDS = {"wound", "injury", "burn", "fracture"}
VIOLENCE_FLED = {"attack", "fighting", "violence", "assault", "raid", "clash", "massacre", "bombardment",
                 "shelling", "offensive", "war", "conflict", "unrest"}


def _modifier_category(noun: Token) -> str | None:
    """'residents believed trapped', 'people killed in', 'schoolgirls abducted last year'."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "with" and any(
                g.lemma_.lower() in WOUNDS for g in c.children if g.dep_ == "pobj"):
            return "injured"  # "31 people with gunshot wounds"
        if c.dep_ == "relcl" and c.lemma_.lower() in ("escape", "flee") and any(
                g.dep_ == "dobj" and g.lemma_.lower() in VIOLENCE_FLED for g in c.children):
            return "displaced"  # "3,000 people who had escaped the attack" (not inmates who escaped)
        if c.dep_ in ("acl", "relcl", "amod"):
            lemma = c.lemma_.lower()
            if c.dep_ != "amod" and lemma in TRANSITIVE:
                return TRANSITIVE[lemma]
            if lemma in INTRANSITIVE:
                return INTRANSITIVE[lemma]
            if c.lower_ in ADJECTIVES:
                return ADJECTIVES[c.lower_]
            extra = _predicate_extras(c)
            if extra:
                return extra
    return None


def _counted_noun(doc: Doc, q: Quantity) -> tuple[Token | None, int, bool]:
    """The noun the number counts, the token end of the phrase, and whether it came via 'of'."""
    a = q.anchor
    # "dozens of women", "tens of thousands of people", "21 of 33 missiles"
    for j in range(q.num_start, q.num_end):
        for c in doc[j].children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i >= q.num_end:
                for p in c.children:
                    if p.dep_ == "pobj":
                        if any(g.dep_ == "nummod" for g in p.children):
                            return None, -1, True  # partitive "one of 17 people": the 17 is the figure
                        return p, p.i + 1, True
    if a.dep_ in ("nummod", "quantmod", "det") and a.head.i == q.end and a.head.lower_ == "more":
        return None, q.end + 1, False  # "wounding 12 more", "a dozen more": more of the people just counted
    if a.dep_ in ("nummod", "quantmod", "compound", "amod", "det") and a.head.i >= q.num_end \
            and a.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        head = a.head
        if head.pos_ == "VERB" and (head.lower_ not in ADJECTIVES or head.lower_ not in COUNTED_PEOPLE):
            return None, q.end, False  # "at least 8 killed": a bare number, its state follows
        return head, head.i + 1, False
    nxt = doc[q.end] if q.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "more":
        return None, q.end + 1, False  # "hundreds more": keep the phrase contiguous
    if nxt is not None and nxt.lower_ in ("dead", "missing", "injured", "wounded", "others") \
            and (nxt.head.i == a.i or a.head.i == nxt.i or nxt.dep_ in ("amod", "oprd")):
        return nxt, nxt.i + 1, False
    return None, q.end, False


# Verbs that raise their complement's subject: "200 rebels were reported to have joined the assault".
_RAISING = {"report", "say", "believe", "think", "fear", "expect", "know", "estimate", "understand", "presume",
            "feel", "seem", "appear"}
# Verbs only people undergo: an unknown capitalised plural they govern counts people ("about 30 Oskelites died").
_HUMAN_VERBS = {"die", "kill", "wound", "injure", "kidnap", "abduct", "arrest", "detain", "execute", "massacre",
                "murder", "behead", "martyr", "evacuate", "displace", "flee"}


# Acts done to people only: any plural noun they take as object counts people, known or not.
_PEOPLE_ONLY = {"arrest", "detain", "apprehend", "imprison", "jail", "kidnap", "abduct", "evacuate"}


def _raised(verb: Token | None, role: str) -> tuple[Token | None, str]:
    """'200 rebels were reported to have joined the assault' -> (joined, subj); 'are believed to have been
    killed' -> (killed, obj)."""
    if verb is None or role != "obj" or verb.lemma_.lower() not in _RAISING \
            or not any(c.dep_ == "auxpass" for c in verb.children):
        return verb, role
    for c in verb.children:
        if c.dep_ in ("xcomp", "advcl") and c.pos_ in ("VERB", "AUX") and c.lemma_ != "be" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return c, "obj" if any(g.dep_ == "auxpass" for g in c.children) else "subj"
    return verb, role


def _people_by_verb(noun: Token, verb: Token | None, role: str) -> bool:
    """'About 30 Oskelites died': a capitalised plural the lexicon does not know, undergoing what only
    people undergo."""
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    # a group's plural name the tagger took for a singular one: "470 Houthis" (NNP), in a swap
    named_plural = noun.tag_ == "NNP" and noun.text.endswith("s") and not noun.text.endswith("ss")
    if named_plural and noun.text[:1].isupper() and _in_swap(noun, verb, role):
        return True
    if noun.tag_ not in ("NNPS", "NNS"):
        return False
    if not noun.text[:1].isupper():
        # "arrested 1,484 drug addicts", "abducted 40 traders": some acts are done to people only
        return role == "obj" and lemma in _PEOPLE_ONLY and noun.lemma_.lower() not in _ANIMALS
    if noun.text[:1].isupper() and _in_swap(noun, verb, role):
        return True  # "handed over 470 Houthis in return for ...", "exchanged for 201 Houthis"
    return lemma in _HUMAN_VERBS and (role == "obj" or (role == "subj" and lemma in ("die", "flee")))


_SWAP_VERBS = {"exchange", "swap", "trade", "hand"}


def _in_swap(noun: Token, verb: Token, role: str) -> bool:
    """A group named by a capitalised plural, freed, or handed over or exchanged in a swap of captives: people."""
    lemma = verb.lemma_.lower()
    if role == "obj" and lemma in ("free", "release", "repatriate"):
        return True
    swap = any(t.lemma_.lower() in RELEASE_DEALS | {"return", "prisoner", "captive", "detainee", "hostage"}
               for t in verb.sent)  # "handed over 30 rifles to the police" is no swap
    if role == "obj" and lemma in _SWAP_VERBS:
        return swap
    return role == "pobj" and lemma == "for" and verb.head.lemma_.lower() in _SWAP_VERBS | {"return"} and swap


def _in_apposition(head: Token) -> bool:
    """A count in apposition to another count: 'five bodies — three men and two women —', 'nine people
    died, a Canadian and three Peruvians'."""
    t = head
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ == "appos" and (t.head.like_num or any(c.dep_ == "nummod" or c.like_num for c in t.head.children))


def _toll_above(pred: Token) -> Token | None:
    """The toll noun a participle hangs under: 'the number of guards killed' -> 'number'."""
    if pred.dep_ not in ("acl", "relcl") or pred.tag_ != "VBN":
        return None
    t = pred.head
    for _ in range(3):
        if t.lemma_.lower() in TOLL_NOUNS:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _those_category(those: Token) -> str | None:
    """'two of those killed': the participle on 'those' says what happened to the part."""
    for a in those.children:
        if a.dep_ in ("acl", "relcl", "amod"):
            lemma = a.lemma_.lower()
            cat = ADJECTIVES.get(a.lower_) or (TRANSITIVE.get(lemma) if a.tag_ == "VBN" else None) \
                or INTRANSITIVE.get(lemma)
            if cat:
                return cat
    return None


def _subgroup_of_before(verb: Token | None, role: str) -> bool:
    """'..., though at least 35 were women', 'the remaining three were pupils': a bare number whose
    predicate only says who they were is a part of the figure before it."""
    return verb is not None and role == "subj" and verb.lemma_.lower() == "be" and any(
        c.dep_ in ("attr", "nsubj") and c.pos_ in ("NOUN", "PROPN") and _is_person_noun(c)
        for c in verb.children)


def analyse(doc: Doc, q: Quantity) -> Analysis | None:
    """Category, phrase head and governing predicate of a quantity; None when it is not a count of people."""
    noun, end, via_of = _counted_noun(doc, q)
    if end < 0:
        return None
    part = False
    category: str | None = None
    if via_of and noun is not None and noun.lower_ in ("them", "whom", "those"):
        if noun.lower_ == "those":
            category = _those_category(noun)  # "Two of those killed were teachers"
        noun, end, part = None, noun.i + 1, True  # "15 people, five of them seriously": a part of the figure before
    head = noun if noun is not None else q.anchor
    if noun is None and q.anchor.dep_ in ("nummod", "quantmod", "det") and q.anchor.head.lower_ == "more":
        head = q.anchor.head  # "wounding 12 more": "more" stands in the clause for the people counted
    # "Dozens of Palestinians were killed": the number heads the phrase, the noun hangs off "of"
    verb, role = _governor(q.anchor if via_of else head)
    verb, role = _raised(verb, role)
    if noun is not None and not _is_person_noun(noun) and not _people_by_verb(noun, verb, role):
        return None
    if role == "subj" and verb is not None and _elided_passive(verb):
        role = "obj"
    governor = verb
    toll = False
    by_noun = False
    from_verb = False  # the category comes from the governing verb (the perpetrator check applies)
    if noun is None and not part and _subgroup_of_before(verb, role):
        part = True
    if not part and noun is not None and _in_apposition(head):
        part = True  # "five bodies — three men and two women —": the people of the figure before
    if category is None and verb is not None and verb.lemma_.lower() == "be" and role in ("subj", "attr"):
        category = _among_frame(verb)
    if category is None and verb is not None and role in ("obj", "attr"):
        category = casualty_subject(verb)  # "the dead included a nurse and three pupils"
    if noun is not None and noun.dep_ == "compound" and noun.head.lemma_.lower() in ("hostage", "captive"):
        category, verb = "abducted", noun.head.head  # "took 30 villagers hostage"
    if category is None and noun is not None and noun.lower_ in STATES:
        category = STATES[noun.lower_]  # "one man dead and at least eight wounded": the noun is the state
    if category is None:
        category = body_frame(noun, head, q.anchor) or own_state(doc, max(end, q.end), head) \
            or lives_frame(verb, role, noun)
    if category is None and noun is not None and noun.dep_ == "conj":
        category = _modifier_category(noun)  # "3 suspects were arrested and 2 officers wounded"
    if category is None and verb is not None:
        if role == "pobj":
            prep = verb  # the preposition
            pred = prep.head
            if prep.lower_ == "of" and pred.pos_ in ("NOUN", "PROPN") and pred.lemma_.lower() in NOUN_GOVERNORS:
                category = NOUN_GOVERNORS[pred.lemma_.lower()]
            elif prep.lower_ == "to" and pred.dep_ in ("acl", "relcl") and pred.head.lemma_.lower() in TOLL_NOUNS:
                category = _category_of_toll(pred.head)  # "bringing the total arrested this year to 12,000"
                toll = category is not None
                pred = pred.head
            elif prep.lower_ in ("to", "at") and _toll_above(pred) is not None:
                # "put the number of guards killed at 17": the parser hangs "at 25" on the participle
                category, toll = _category_of_toll(_toll_above(pred)) or SAME_AS_BEFORE, True  # type: ignore[arg-type]
            elif prep.lower_ in ("to", "at", "of") and pred.lemma_.lower() in TOLL_VERBS | set(TOLL_NOUNS):
                toll_noun = pred if pred.lemma_.lower() in TOLL_NOUNS else next(
                    (c for c in pred.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")
                     and c.lemma_.lower() in TOLL_NOUNS), None)
                if toll_noun is not None:
                    category = _category_of_toll(toll_noun) or SAME_AS_BEFORE
                    toll = True
            elif prep.lower_ in ("in", "to") and pred.lemma_.lower() in ("result", "lead", "cause", "leave"):
                category = None  # "resulting in 32 deaths": the noun says it
            elif prep.lower_ == "for" and (pred.lemma_.lower() in ("exchange", "swap", "return", "freedom", "release")
                                           or any(c.dep_ == "dobj" and c.lemma_.lower() in ("freedom", "release")
                                                  for c in pred.children)):
                category = "released"  # "in exchange for 150 prisoners", "negotiated freedom for 230 hostages"
            elif prep.lower_ == "for" and pred.lemma_.lower() in SEARCH_VERBS:
                category = "missing" if noun is None else None
            verb = pred if pred.pos_ in ("VERB", "AUX") else verb
        elif role in ("obj", "attr") and verb.lemma_.lower() in TOLL_VERBS and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in TOLL_NOUNS for c in verb.children):
            # "the death toll has surpassed 35,000", "the toll is 45"
            toll_noun = next(c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in TOLL_NOUNS)
            category, toll = _category_of_toll(toll_noun) or SAME_AS_BEFORE, True
        else:
            category = _verb_category(verb, role) or predicate_frame(verb, role)
            from_verb = category is not None
            if category == "injured" and _later_died(verb):
                category = "killed"  # "the two were hit by bullets and later died in hospital"
            if category is None and role == "attr":
                category = _among_frame(verb)
    if category is None and noun is not None:
        category = participle_category(noun)  # "four freed hostages"
    if category is None and noun is not None:
        category = NOUN_CATEGORY.get(noun.lemma_.lower()) or NOUN_CATEGORY.get(noun.lower_)
        if category == "killed" and noun.lemma_.lower() in ("body", "corpse") and not is_body(noun):
            category = None  # "the state's governing bodies"
        by_noun = category is not None
        if category in ("detained", "abducted") and any(
                c.dep_ == "amod" and c.lower_ in ("former", "ex", "freed", "released") for c in noun.children):
            category = "released"  # "carried 1,056 former prisoners home": no longer held
        if category == "detained":
            category = "other"  # "8,000 inmates", "11 prisoners got away": no arrest is said
        if category is None:
            category = _modifier_category(noun)
    if category is None and noun is None:
        for c in q.anchor.children:
            if c.dep_ in ("amod", "acl") and c.lower_ in ADJECTIVES:
                category = ADJECTIVES[c.lower_]
    if category is None:
        if noun is None and not part:
            return None  # a bare number with nothing saying it counts people
        category = "other"
    # A transitive verb's active subject is the perpetrator, not the victim: "other".
    if from_verb and verb is not None and role == "subj" and verb.lemma_.lower() in TRANSITIVE and category == \
            TRANSITIVE.get(verb.lemma_.lower()):
        category = "other"
    if noun is not None and verb is not None and verb.pos_ not in ("VERB", "AUX"):
        v = verb
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        verb = v if v.pos_ in ("VERB", "AUX") else None
    toll = toll or _with_toll(verb) or _with_toll(head)
    return Analysis(category=category, head=head, noun=noun, end=max(end, q.end), verb=verb, toll=toll, part=part,
                    role=role, governor=governor, by_noun=by_noun)


def gapped(doc: Doc, q: Quantity, before_head: Token, before: Figure) -> Analysis | None:
    """A bare number in a gapped list after a figure of the same sentence: 'found 9 bodies in
    one ditch, 6 in another and 2 in a well', 'arrested 14 in Tarrow, 5 in Belmont'. The number follows
    a comma or 'and' and is followed by the preposition that follows the figure before."""
    if q.num_start == 0 or q.end >= len(doc) or before_head.sent.start != doc[q.num_start].sent.start:
        return None
    if doc[q.start - 1].lower_ not in (",", "and") or doc[q.end].pos_ != "ADP":
        return None
    after = doc[before_head.i + 1] if before_head.i + 1 < q.start else None
    if after is None or after.pos_ != "ADP" or after.lower_ != doc[q.end].lower_:
        return None
    return Analysis(category=before.category, head=q.anchor, noun=None, end=q.end, verb=None, part=False,
                    role="gapped", governor=before_head)
