"""Readings of the CAMEO codebook that the lemma alone does not decide (triggers.classify asks them).

A host state telling a foreign presence to go is a SANCTION ("demanded the withdrawal of French troops",
"gave the envoy 48 hours to leave"); an order names what it imposes ("ordered the arrest of"); a state that
"protested", a criticism ("slammed") and a contested claim that a named side attacked are ACCUSE; an act
said to be a crime is condemned. And what is no incident: people forced from their homes in their
thousands (a displacement figure), an accident being investigated, fire exchanged "for 11 months", a
source asking not to be named. Each reads only the trigger's own tokens and a few heads.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import (
    AIR,
    DIPLOMATS,
    DISASTER,
    ENTRIES,
    PRESENCE,
    SAY_ALLEGE,
    STATE_BODIES,
    children_lemmas,
    fits,
    noun_of,
    objects_of,
    patients_of,
    subjects_of,
)

FOREIGN_FORCES = {"troop", "force", "soldier", "contingent", "base", "personnel"}
GOING = {"departure", "exit", "withdrawal", "expulsion", "removal", "pullout", "pull-out", "recall"}
LEAVING = {"leave", "withdraw", "depart", "quit", "go", "pull", "vacate", "exit"}
HOSTS = {"government", "junta", "authority", "regime", "ministry", "president", "council", "administration",
         "cabinet", "state", "country", "parliament", "kremlin"}
DURATIONS = {"year", "decade", "month", "week", "century", "generation"}
# A state's acts that another may call a violation or an aggression.
STATE_ACTS = {"step", "decision", "move", "measure", "action", "announcement", "blockade", "policy", "expulsion",
              "closure", "annexation", "deployment", "embargo", "sanction"}


def presence(tok: Token, patients: set[str]) -> bool:
    """Whom an order to leave expels as a sanction: diplomats, a mission, peacekeepers, aid agencies
    ("aid agencies were told to leave"), not residents or migrants."""
    if patients & (DIPLOMATS | PRESENCE):
        return True
    return any(c.dep_ == "compound" and c.lemma_.lower() in ("aid", "humanitarian", "relief")
               for p in patients_of(tok) for c in p.children)


def foreign_presence(g: Token) -> bool:
    """Diplomats, a mission, peacekeepers, aid agencies, or troops another state sends ("French
    troops", "foreign forces"; not "the army", "his fighters")."""
    lem = g.lemma_.lower()
    if lem in DIPLOMATS | PRESENCE:
        return True
    return lem in FOREIGN_FORCES and any(
        m.ent_type_ in ("NORP", "GPE") or m.lemma_.lower() in ("foreign", "regional", "multinational", "international")
        for m in g.children if m.dep_ in ("amod", "compound", "poss", "nmod"))


# Verbs of saying that mark an assertion as contested ("claimed", "insisted", "contended"), unlike "said".
CONTESTED_SAY = {"claim", "insist", "contend", "maintain"}


def claims_an_attack(tok: Token) -> bool:
    """"Kyiv claimed that Russian forces had shelled the town": a contested claim that a named side
    attacked or coerced (the speaker named, the doer a noun, not "it" or "they")."""
    if not any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and any(
                s.dep_ in ("nsubj", "agent") and s.pos_ != "PRON" for s in c.children) and any(
                e.type in ("ASSAULT", "COERCE") for e in ENTRIES.get((c.lemma_.lower(), "V"), ())):
            return True
    return False


# Verbs of curbing a kind of act: their object is generic ("to rein in violence", "to combat attacks").
CURB = {"rein", "curb", "tackle", "combat", "stem", "quell", "contain", "reduce", "prevent", "counter", "deter",
        "discourage", "address", "eradicate", "eliminate"}
# What displaces people in the aggregate ("the fighting forced thousands from their homes").
CONFLICT_NOUNS = {"fighting", "violence", "conflict", "war", "insurgency", "campaign", "clash", "offensive", "crisis",
                  "exchange", "fire", "crackdown", "unrest", "bombardment", "shelling", "hostility", "combat"}
MASS = {"thousand", "million", "hundred", "thousands", "millions", "hundreds", "ten", "tens"}


def about_an_accident(tok: Token) -> bool:
    """An investigation of an accident or a disaster: its object (or, for a noun, what "into"/"of" names)."""
    whats = set(objects_of(tok)) | {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ in (
        "into", "of") for g in c.children if g.dep_ == "pobj"}
    return bool(whats & DISASTER) and not whats & {"attack", "killing", "shooting", "bombing", "explosion", "blast"}


def mass_displacement(tok: Token) -> bool:
    """People forced or driven from their homes by a war, or in their thousands: a displacement
    figure (the figures stage counts it), not a discrete coercion an analyst codes."""
    if subjects_of(tok) & CONFLICT_NOUNS:
        return True
    for p in patients_of(tok):
        nums = [p, *(c for c in p.subtree if c.dep_ in ("nummod", "quantmod", "compound", "pobj", "nmod"))]
        for n in nums:
            if n.lemma_.lower() in MASS or n.lower_ in MASS:
                return True
            if n.like_num:
                try:
                    if float(n.text.replace(",", "")) >= 1000:
                        return True
                except ValueError:
                    pass
    return False


def for_a_long_time(verb: Token) -> bool:
    """"since the 1960s", "for 11 months", "for years": how long something has gone on."""
    return any(c.dep_ == "prep" and (c.lower_ == "since" or (c.lower_ == "for" and any(
        g.lemma_.lower() in DURATIONS for g in c.children))) for c in verb.children)


def ongoing(tok: Token) -> bool:
    """An act that has gone on for months or years (a perfect verb with "for" a span), or the object of
    one ("have exchanged fire for 11 months"): a conflict's course, not an incident."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head if tok.dep_ == "dobj" else None
    if verb is None or not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False
    # only "for" a span: "since June 15 the army has been conducting an offensive" dates an operation's start
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in DURATIONS for g in c.children)
               for c in verb.children)


def other_act(verb: Token) -> bool:
    """The verb is itself an act of another kind than a protest ("recalled its envoy in protest")."""
    return verb.pos_ == "VERB" and any(e.type != "PROTEST" for e in ENTRIES.get((verb.lemma_.lower(), "V"), ()))


def state_subject(tok: Token) -> bool:
    """A host state asks: a country, its government, junta or authorities (not foreign ministers of a bloc)."""
    subjects = [noun_of(c) for c in tok.children if c.dep_ == "nsubj"]
    return any(s.ent_type_ == "GPE" or s.lemma_.lower() in HOSTS or _a_country(s) for s in subjects)


def _a_country(tok: Token) -> bool:
    """The places stage resolved the token to a country ("Mali", which the tagger may take for a person)."""
    doc = tok.doc
    places = doc._.eventwire_places if Doc.has_extension("eventwire_places") else None
    return bool(places) and any(p.feature == "country" and p.start <= tok.idx < p.end for p in places)


def from_elsewhere(tok: Token, subject_text: str) -> bool:
    """The presence is to leave a named country other than the asker's ("the withdrawal of Serbian forces
    from Bosnia", asked by the EC): a demand about a third country, no expulsion."""
    for c in tok.subtree:
        if c.dep_ == "prep" and c.lower_ == "from":
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC") and g.text not in subject_text:
                    return True
    return False


def asks_to_leave(tok: Token) -> bool:
    """The demand is that a foreign presence go: "demanded the withdrawal of French troops", "called for
    the departure of the ambassador", "asked the UN to withdraw its mission", "demanded that the envoy
    leave"."""
    nouns = list(patients_of(tok)) + [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                                     for g in c.children if g.dep_ == "pobj"]
    subject_text = " ".join(tok.doc[c.left_edge.i:c.right_edge.i + 1].text for c in tok.children if c.dep_ == "nsubj")
    if from_elsewhere(tok, subject_text):
        return False
    for n in nouns:
        if n.lemma_.lower() in GOING and any(
                foreign_presence(g) for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"):
            return True
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in LEAVING:
            who = [g for g in c.children if g.dep_ in ("nsubj", "dobj")]
            if c.dep_ == "xcomp":  # "asked the ambassador to leave": the asked one goes
                who += [g for g in tok.children if g.dep_ == "dobj"]
            if any(foreign_presence(g) for g in who):
                return True
    return False


def goes(verb: Token) -> bool:
    """A clause that says someone is to go: "to leave", "to get out of the country", "that she has to go"."""
    lemma = verb.lemma_.lower()
    if lemma in LEAVING or (lemma == "get" and any(c.lower_ == "out" for c in verb.children)):
        return True
    return lemma in ("have", "need") and any(c.dep_ == "xcomp" and goes(c) for c in verb.children)


def given_time_to_leave(tok: Token) -> bool:
    """"gave the French envoy 48 hours to leave the country", "were given three days to get out"."""
    spans = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in DURATIONS | {"hour", "day"}]
    going = [a for h in (tok, *spans) for a in h.children if a.dep_ in ("acl", "relcl", "advcl", "xcomp")]
    if not spans or not any(goes(a) for a in going):
        return False
    return any(foreign_presence(c) for c in tok.children if c.dep_ in ("dative", "dobj", "nsubjpass"))


def called_a_crime(tok: Token) -> bool:
    """An act said to be a crime: "the strike was a war crime", "this is genocide", "the decision is a violation
    of international law" (the copula's subject an attack noun, a state's act, or a demonstrative standing for
    one)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() == "amount":
        tok, head = head, head.head  # "the killings amounted to war crimes"
    elif not ((tok.dep_ == "attr" and head.lemma_.lower() == "be") or (
            tok.dep_ == "dobj" and head.lemma_.lower() == "constitute")):  # "the strike constituted a war crime"
        return False
    if any(c.dep_ == "neg" for c in head.children):
        return False
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if tok.sent.text.rstrip().rstrip("\"”’'").endswith("?"):
        return False  # "Is it a crime to protest?": a question
    if subj.lower_ in ("this", "that", "it"):  # "it was a massacre, the mayor said"; not "it is a crime to ..."
        return head.dep_ == "ccomp" and head.head.lemma_.lower() in SAY_ALLEGE and not any(
            c.dep_ in ("xcomp", "ccomp", "advcl") for h in (head, tok) for c in h.children)
    if subj.lemma_.lower() in STATE_ACTS:  # "the move was a breach of our sovereignty"
        return True
    return any(e.type == "ASSAULT" for e in ENTRIES.get((subj.lemma_.lower(), "N"), ()))


# What calling people something accuses them of: "the detainees are terrorists", "they are traitors".
PEOPLE_LABELS = {"terrorist", "traitor", "criminal", "mercenary", "murderer", "spy", "saboteur", "war criminal",
                 "conspirator"}


def labelled_people(tok: Token) -> bool:
    """People a named speaker calls terrorists or traitors: "Saied says the detainees are terrorists" (the copula's
    subject a noun, the clause what someone says); not "the attackers were terrorists from abroad", the outlet's."""
    head = tok.head
    if tok.dep_ != "attr" or head.lemma_.lower() != "be" or any(c.dep_ == "neg" for c in head.children):
        return False
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return False
    return head.dep_ == "ccomp" and head.head.lemma_.lower() in SAY_ALLEGE | {"call", "brand", "claim"}


# Wrongdoing a speaker may allege of a named party (CAMEO 112 accuse): what is violated, stoked, backed.
VIOLATED = {"airspace", "sovereignty", "territory", "border", "ceasefire", "truce", "law", "agreement", "accord",
            "resolution", "right", "integrity", "constitution", "sanction", "embargo"}
STOKED = {"division", "violence", "hatred", "unrest", "tension", "conflict", "instability", "sectarianism", "hate"}
ARMED_NOUNS = {"rebel", "militia", "militant", "terrorist", "insurgent", "jihadist", "separatist", "gang",
               "fighter", "militiaman", "guerrilla"}
BACKING = {"arm", "fund", "finance", "harbour", "harbor", "shelter", "sponsor", "train", "equip", "help", "support",
           "back", "aid", "assist", "supply"}
OUSTING = {"oust", "overthrow", "topple", "destabilize", "destabilise", "assassinate", "sabotage"}


def alleged_wrongdoing(tok: Token) -> bool:
    """What a named party is said to have done wrong: "said the drone had violated its airspace", "critics say
    he stokes division", "said Rwandan forces had helped the rebels", "said the militia was backed by a foreign
    power", "said the rebels used civilians as human shields", "were seeking to oust him"."""
    doers = [noun_of(c) for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(_named_party(d) for d in doers):
        return False  # ("hostile elements want to destabilise our region": no one named)
    lemma = tok.lemma_.lower()
    objects = objects_of(tok)
    if lemma in ("violate", "breach", "infringe"):
        return bool(objects & VIOLATED)
    if lemma in ("stoke", "incite", "fuel", "foment"):
        return bool(objects & STOKED)
    if lemma in BACKING:
        return bool(objects & ARMED_NOUNS)
    if lemma == "use":
        return any(p.lemma_.lower() == "shield" for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"
                   for p in c.children)
    if lemma in ("seek", "try", "plot", "attempt", "conspire", "plan"):
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in OUSTING for c in tok.children)
    # "residents said the soldiers had deliberately targeted him": an act said to be done on purpose
    return any(c.dep_ == "advmod" and c.lower_ in ON_PURPOSE for c in tok.children) and any(
        e.type == "ASSAULT" for e in ENTRIES.get((lemma, "V"), ()))


ON_PURPOSE = {"deliberately", "intentionally", "indiscriminately", "systematically", "wilfully", "willfully",
              "knowingly", "purposely"}


def _named_party(tok: Token) -> bool:
    """A party a reader can tell: a name, a people's or a country's forces ("Rwandan forces"), an armed group
    or a state body named by its noun ("the rebels", "the army"); not "enemy elements" or "they"."""
    if tok.ent_type_ in ("ORG", "GPE", "NORP", "PERSON") or tok.pos_ == "PROPN":
        return True
    if any(c.dep_ in ("amod", "compound", "poss") and (c.ent_type_ in ("NORP", "GPE") or c.pos_ == "PROPN")
           for c in tok.children):
        return True
    return tok.lemma_.lower() in ARMED_NOUNS | {"army", "military", "police", "government", "regime", "drone",
                                                 "force", "troop", "soldier",
                                                 "company", "ministry", "junta", "country", "state", "neighbour",
                                                 "neighbor"}


def regrets_anothers_act(tok: Token) -> bool:
    """"voiced regret over a move by Russia", "expressed deep regret at the decision": disapproval of an act
    (CAMEO 111); not regret "for" one's own (an apology) nor regret "that" one could not come."""
    for obj in (c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() == "regret"):
        if any(p.dep_ == "prep" and p.lower_ in ("over", "at", "about") and any(g.dep_ == "pobj" for g in p.children)
               for h in (obj, tok) for p in h.children):
            return True
    return False


def criticises(tok: Token) -> bool:
    """"slammed the government", "blasted the decision": criticism, unless a weapon or a vehicle is the
    subject ("a missile slammed into", "the car slammed into a wall") or there is no object."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() != "way" for c in tok.children):
        return False  # (and "blasted their way into the station" is an assault)
    subj = subjects_of(tok)
    return not (subj & (AIR | {"car", "truck", "vehicle", "bus", "boat", "shell", "missile", "rocket", "bomb",
                               "blast", "explosion", "wave", "storm"}))


def imposed(tok: Token) -> tuple[str, str | None]:
    """What an order imposes, from the act it names: the noun's own reading when it is a coercion or a
    sanction ("the arrest of", "the withdrawal of the UN mission"); a departure or exit of diplomats,
    a mission or foreign troops is an expulsion; anything else stays a demand."""
    for p in patients_of(tok):
        lem = p.lemma_.lower()
        whom = [g for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj"]
        if lem in ("departure", "exit", "removal", "withdrawal", "expulsion") and any(
                g.lemma_.lower() in DIPLOMATS | PRESENCE or (g.lemma_.lower() in FOREIGN_FORCES and any(
                    m.ent_type_ in ("NORP", "GPE") or m.lemma_.lower() == "foreign" for m in g.subtree))
                for g in whom):
            return "SANCTION", "expel"
        for e in ENTRIES.get((lem, "N"), ()):
            if e.type in ("COERCE", "SANCTION") and fits(p, e, children_lemmas(p, ("compound", "amod", "nmod"))):
                return e.type, e.mode
    return "REQUEST", None


def state_protest(tok: Token) -> bool:
    """A state, ministry or official "protested": an official complaint (CAMEO 114, PLOVER ACCUSE), as
    is protesting "to" an embassy or government; crowds, workers and students demonstrate."""
    for c in tok.children:
        if c.dep_ == "nsubj":
            c = noun_of(c)
            if c.ent_type_ == "GPE" or c.lemma_.lower() in STATE_BODIES or any(
                    m.lemma_.lower() in ("foreign", "ministry") for m in c.children if m.dep_ == "compound"):
                return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(
                g.lemma_.lower() in STATE_BODIES | DIPLOMATS or g.ent_type_ == "GPE" for g in c.children):
            return True
    return False


def asks_a_quoted_question(tok: Token) -> bool:
    """The verb closes a quotation that ends in a question mark: '"Why?" she asked'."""
    doc = tok.doc
    i = tok.i - 1
    while i >= max(0, tok.i - 4) and (doc[i].is_punct or doc[i].is_quote):
        if doc[i].text == "?" or doc[i].text.endswith("?"):
            return True
        i -= 1
    return False


def anonymous(tok: Token) -> bool:
    """"asked not to be named", "requested anonymity": a source's condition, not a demand."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in ("name", "identify", "quote", "cite"):
            return True
        if c.dep_ in ("dobj", "pobj") and c.lemma_.lower() == "anonymity":
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() == "anonymity" for g in c.children):
            return True
    return False
