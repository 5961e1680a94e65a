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

from .lexicon import PERSON_NOUNS
from .numbers import Quantity

# Governing verbs whose object (or passive subject) is the victim.
TRANSITIVE = {
    "kill": "killed", "massacre": "killed", "murder": "killed", "slay": "killed", "execute": "killed",
    "behead": "killed", "slaughter": "killed", "claim": "killed", "shoot": "injured", "crush": "killed",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured", "hospitalize": "injured",
    "hospitalise": "injured", "treat": "injured", "stab": "injured",
    "kidnap": "abducted", "abduct": "abducted", "seize": "abducted", "hold": "abducted", "capture": "abducted",
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
    "die": "killed", "perish": "killed", "drown": "killed", "starve": "killed",
    "flee": "displaced", "disappear": "missing", "vanish": "missing", "miss": "missing",
}
# Predicative adjectives / participles: "left 32 dead", "feared missing", "11 missing".
ADJECTIVES = {
    "dead": "killed", "killed": "killed", "missing": "missing", "unaccounted": "missing", "trapped": "missing",
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
    "release": "released", "freeing": "released", "return": "released", "exchange": "released",
    "abduction": "abducted", "kidnapping": "abducted", "capture": "abducted",
    "arrest": "detained", "detention": "detained", "evacuation": "evacuated", "displacement": "displaced",
    "injury": "injured", "wounding": "injured", "disappearance": "missing",
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
TOLL_VERBS = {"rise", "climb", "reach", "bring", "put", "stand", "jump", "increase", "hit", "raise", "surpass",
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


def _is_person_noun(t: Token) -> bool:
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _ANIMALS for c in t.children):
        return False  # "24 animal deaths", "300 livestock casualties"
    if t.lemma_.lower() in ("case", "cases"):
        # "cases" are people only in an outbreak: "20,000 suspected cases", not "31 cases of fraud"
        return any(c.lower_ in _CASE_MODIFIERS for c in t.children if c.dep_ in ("amod", "compound"))
    if t.lemma_.lower() in PERSON_NOUNS or t.lower_ in PERSON_NOUNS:
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
    for c in verb.children:
        if c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in PLACE_NOUNS:
                    if p.lemma_.lower() in ("home", "homes") and c.lower_ != "from":
                        continue
                    return PLACE_NOUNS[p.lemma_.lower()]
        if c.dep_ == "dobj" and c.lemma_.lower() == "hostage":
            return "abducted"  # "took 30 people hostage"
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
    """'14 were killed and dozens more wounded': a bare participle is a passive, not an active verb."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj", "auxpass") for c in verb.children)


def _verb_category(verb: Token, role: str) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma == "round" and not any(c.lower_ == "up" for c in verb.children):
        return None
    if lemma == "take" and any(c.dep_ in ("oprd", "dobj", "npadvmod") and c.lower_ in ("hostage", "captive")
                               for c in verb.children):
        return "abducted"
    if role == "obj" and lemma in TRANSITIVE:
        return _adjective_complement(verb) or TRANSITIVE[lemma]
    if role == "subj" and lemma in INTRANSITIVE:
        return INTRANSITIVE[lemma]
    if role == "subj" and lemma in ("go", "be", "remain", "lie", "stay", "survive", "end", "become", "feel"):
        return _predicate_extras(verb)
    if role in ("obj", "subj"):
        extra = _predicate_extras(verb)
        if extra:
            return extra
    if lemma == "force" and role == "obj":
        return "displaced" if any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children) else None
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
                    if a.dep_ in ("acl", "amod") and a.lower_ in ADJECTIVES:
                        return ADJECTIVES[a.lower_]
    return None


def _modifier_category(noun: Token) -> str | None:
    """'residents believed trapped', 'people killed in', 'schoolgirls abducted last year'."""
    for c in noun.children:
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
    if a.dep_ in ("nummod", "quantmod", "compound", "amod", "det") and a.head.i >= q.num_end \
            and a.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        head = a.head
        if head.pos_ == "VERB" and head.lower_ not in ADJECTIVES:
            return None, q.end, False
        return head, head.i + 1, False
    nxt = doc[q.end] if q.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "more":
        return None, q.end + 1, False  # "hundreds more": keep the phrase contiguous
    if nxt is not None and nxt.lower_ in ("dead", "missing", "injured", "wounded", "others") \
            and (nxt.head.i == a.i or a.head.i == nxt.i or nxt.dep_ in ("amod", "oprd")):
        return nxt, nxt.i + 1, False
    return None, q.end, False


def analyse(doc: Doc, q: Quantity) -> Analysis | None:
    """Category, phrase head and governing predicate of a quantity; None when it is not a count of people."""
    noun, end, via_of = _counted_noun(doc, q)
    if end < 0:
        return None
    part = False
    if via_of and noun is not None and noun.lower_ in ("them", "whom", "those"):
        noun, end, part = None, noun.i + 1, True  # "15 people, five of them seriously": a part of the figure before
    head = noun if noun is not None else q.anchor
    if noun is not None and not _is_person_noun(noun):
        return None
    # "Dozens of Palestinians were killed": the number heads the phrase, the noun hangs off "of"
    verb, role = _governor(q.anchor if via_of else head)
    if role == "subj" and verb is not None and _elided_passive(verb):
        role = "obj"
    category: str | None = None
    toll = False
    if verb is not None and verb.lemma_.lower() == "be" and role in ("subj", "attr"):
        category = _among_frame(verb)
    if noun is not None and noun.dep_ == "compound" and noun.head.lemma_.lower() in ("hostage", "captive"):
        category, verb = "abducted", noun.head.head  # "took 30 villagers hostage"
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
            elif prep.lower_ in ("to", "at", "of") and pred.lemma_.lower() in TOLL_VERBS | set(TOLL_NOUNS):
                toll_noun = pred if pred.lemma_.lower() in TOLL_NOUNS else next(
                    (c for c in pred.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")
                     and c.lemma_.lower() in TOLL_NOUNS), None)
                if toll_noun is not None:
                    category = _category_of_toll(toll_noun) or SAME_AS_BEFORE
                    toll = True
            elif prep.lower_ in ("in", "to") and pred.lemma_.lower() in ("result", "lead", "cause", "leave"):
                category = None  # "resulting in 32 deaths": the noun says it
            elif prep.lower_ == "for" and pred.lemma_.lower() in ("exchange", "swap", "return"):
                category = "released"  # "in exchange for 150 prisoners"
            elif prep.lower_ == "for" and pred.lemma_.lower() in SEARCH_VERBS:
                category = "missing" if noun is None else None
            verb = pred if pred.pos_ in ("VERB", "AUX") else verb
        elif role in ("obj", "attr") and verb.lemma_.lower() in TOLL_VERBS and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in TOLL_NOUNS for c in verb.children):
            # "the death toll has surpassed 35,000", "the toll is 45"
            toll_noun = next(c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in TOLL_NOUNS)
            category, toll = _category_of_toll(toll_noun) or SAME_AS_BEFORE, True
        else:
            category = _verb_category(verb, role)
            if category is None and role == "attr":
                category = _among_frame(verb)
    if category is None and noun is not None:
        category = NOUN_CATEGORY.get(noun.lemma_.lower()) or NOUN_CATEGORY.get(noun.lower_)
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
    if verb is not None and role == "subj" and verb.lemma_.lower() in TRANSITIVE and category == \
            TRANSITIVE.get(verb.lemma_.lower()):
        category = "other"
    if noun is not None and verb is not None and verb.pos_ not in ("VERB", "AUX"):
        v = verb
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        verb = v if v.pos_ in ("VERB", "AUX") else None
    toll = toll or _with_toll(verb) or _with_toll(head)
    return Analysis(category=category, head=head, noun=noun, end=max(end, q.end), verb=verb, toll=toll, part=part)
