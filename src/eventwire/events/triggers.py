"""The context rules that type a trigger token (the lexicon and its helpers are in lexicon.py, the
codebook's harder readings in readings.py).

    classify(token) -> Trigger | None
"""

from __future__ import annotations

from spacy.tokens import Token

from ..figures.lexicon import PERSON_NOUNS
from ..quotes.cues import CLAUSE_VERBS
from . import readings
from .lexicon import (
    AIR,
    DIPLOMATS,
    DISASTER,
    ENTRIES,
    PRESENCE,
    QUANTITIES,
    REPRISAL,
    SAY_ALLEGE,
    STATE_BODIES,
    Trigger,
    children_lemmas,
    fits,
    noun_of,
    objects_of,
    patients_of,
    predicates_of,
    reason,
    span_of,
    subjects_of,
    verbal,
)
from .readings import CONTESTED_SAY, CURB

__all__ = ["Trigger", "classify", "reason", "territorial", "verbal"]


LABOUR = {"general", "hunger", "labor", "labour", "worker", "nationwide", "national", "teacher", "union",
          "employee", "staff", "doctor", "nurse", "driver", "miner", "transport", "rail", "student"}
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
# What an order may impose: ordering it is imposing it.
RESTRICTIONS = {"curfew", "lockdown", "closure", "shutdown", "blackout", "blockade", "ban", "restriction"}
# A trigger word inside a name is part of the name: "Amnesty International", "the Ceasefire Committee".
NAME_ENTS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP"}
LODGE = {"lodge", "file", "register", "deliver", "send", "issue", "submit"}
# "declined to comment" is no refusal of anything an event coder would record.
NOT_REFUSED = {"comment", "elaborate", "say", "discuss", "confirm", "identify", "name", "specify", "disclose",
               "speculate", "answer", "respond", "reply", "react", "explain", "give", "provide", "release", "reveal",
               "detail"}
QUESTION_WORDS = {"whether", "if", "what", "why", "how", "who", "when", "where", "which"}
LEAVE = {"evacuate", "leave", "flee", "vacate", "move", "relocate", "depart"}
DEAL_OBJ = {"deal", "agreement", "accord", "truce", "ceasefire", "pact", "compromise", "bargain"}
VIOLENT_CAMPAIGN = {"military", "air", "bombing", "bomb", "aerial", "ground", "army", "offensive", "terror",
                    "terrorist", "violent", "bombardment", "insurgent"}
# Ordering one of these acts imposes it ("ordered the arrest of", "ordered the dissolution of the party").
IMPOSED = {"arrest", "detention", "dissolution", "seizure", "confiscation", "expulsion", "deportation", "suspension",
           "withdrawal", "departure", "exit", "removal"}
# Asking a foreign presence to leave: when a state asks, it expels (CAMEO 166).
EXPEL_ASKS = {"demand", "ask", "request", "call", "order", "tell", "instruct", "urge"}
# What calling an act makes it an accusation ("the shelling was a war crime").
CONDEMN_NOUNS = {"crime", "massacre", "genocide", "terrorism", "atrocity", "aggression", "violation", "provocation",
                 "murder"}
AUTHORITIES = {"authority", "regulator", "court", "junta", "regime", "censor", "watchdog"}
# What a claim of perpetration makes an accusation of ("said the soldiers had committed war crimes").
CRIME_NOUNS = {"crime", "atrocity", "abuse", "genocide", "violation", "massacre", "cleansing"}
# Those an evacuation order moves ("ordered 3,000 people out of their homes").
RESIDENTS = {"resident", "people", "family", "villager", "inhabitant", "household", "civilian", "tenant",
             "population", "community", "home", "town", "village", "city", "area", "district", "neighbourhood",
             "neighborhood", "thousand", "hundred", "person", "citizen", "local"}
# A protest crowd, as the subject of a verb of gathering ("thousands of demonstrators marched").
PROTESTERS = {"protester", "protestor", "demonstrator", "marcher", "rioter", "picketer"}
CROWD_VERBS = {"march", "gather", "rally", "assemble", "converge", "pour", "flood", "fill", "throng", "chant", "spill",
               "parade", "mass", "swarm", "descend", "take", "be", "remain", "stay", "turn", "return", "walk"}
# What a gathered crowd does next that makes the gathering a protest ("assembled ... and demanded").
CROWD_DEMANDS = {"demand", "chant", "call", "denounce", "shout", "protest", "condemn", "decry", "press", "urge"}
FESTIVE = {"celebrate", "cheer", "welcome", "dance", "party", "greet", "watch", "rejoice", "mark", "honour",
           "honor", "commemorate", "shop", "worship", "pray"}
STREETS = {"street", "square", "road", "avenue", "plaza", "boulevard"}
# Words that make calling or describing an act an accusation ("called it barbaric").
CONDEMN = {"criminal", "crime", "barbaric", "barbarous", "barbarism", "heinous", "cowardly", "despicable",
           "abhorrent", "atrocious", "atrocity", "inhumane", "inhuman", "monstrous", "savage", "reprehensible",
           "deplorable", "unacceptable", "outrageous", "shameful", "disgraceful", "terrorist", "terrorism", "terror",
           "illegal", "unlawful", "illegitimate", "genocide", "massacre", "aggression", "provocation", "evil",
           "murderous", "brutal", "treacherous", "war", "crackdown", "invasion", "occupation", "violation"}
CONDEMN_ADJ = {"criminal", "barbaric", "barbarous", "heinous", "cowardly", "despicable", "abhorrent", "atrocious",
               "inhumane", "inhuman", "monstrous", "savage", "reprehensible", "deplorable", "unacceptable",
               "outrageous", "shameful", "disgraceful", "illegal", "unlawful", "illegitimate", "murderous",
               "irresponsible", "reckless", "unjustified", "unjustifiable", "disproportionate", "unfriendly",
               "authoritarian", "abusive", "arbitrary"}
# "the vote was marred by fraud": an allegation of fraud.
FRAUD = {"fraud", "irregularity", "rigging", "manipulation", "ballot-stuffing", "cheating", "intimidation"}
# Places and crossings that are shut ("the borders would stay shut").
FACILITIES = {"facility", "prison", "jail", "camp", "centre", "center", "cell", "building", "stadium", "room",
              "compound", "site", "hospital", "school"}
CLOSABLE = {"border", "crossing", "airport", "airspace", "port", "checkpoint", "frontier", "highway", "road"}
CLOSED = {"shut", "closed", "sealed"}
# Who can be held (captive): "the president, who was being held by the military".
CAPTIVES = {"hostage", "captive", "prisoner", "detainee", "soldier", "president", "leader", "minister",
            "journalist", "activist", "official", "worker", "civilian", "tourist", "child", "woman", "man",
            "opponent", "dissident", "premier", "governor", "crew", "passenger", "sailor", "student", "refugee",
            "villager", "migrant", "citizen", "national", "people"}
# Who is released ("hostages were set free", "95 soldiers were let go from captivity").
RELEASED = {"hostage", "captive", "prisoner", "detainee", "soldier", "pow", "civilian", "journalist", "activist",
            "abductee", "student", "child", "woman", "passenger", "sailor", "crew", "tourist", "national",
            "citizen", "fighter", "serviceman", "suspect", "dissident", "opponent", "people", "man", "hostages"}
CAPTIVITY = {"captivity", "custody", "prison", "jail", "detention", "camp", "cell"}
# Taking or retaking a place: "took back control of the prison", "recaptured the town".
RETAKE = {"take", "regain", "wrest", "retake", "recapture", "reclaim", "seize", "capture"}
TAKEN_PLACES = {
    "facility", "town", "city", "village", "prison", "jail", "base", "airport", "airfield", "port", "harbour",
    "harbor", "area", "territory", "region", "district", "province", "building", "border", "crossing", "road",
    "highway", "capital", "island", "mine", "plant", "field", "camp", "compound", "station", "post", "outpost",
    "checkpoint", "hill", "bridge", "neighbourhood", "neighborhood", "county", "zone", "enclave", "stronghold",
    "garrison", "headquarters", "palace", "parliament", "oilfield", "refinery", "dam", "settlement", "ground",
    "position", "suburb", "municipality", "valley", "pass", "coast", "front", "silo", "hotel", "factory",
    "warehouse", "depot", "barracks", "studio", "hall", "ministry", "office", "school", "hospital", "university",
    "church", "mosque", "mall", "market"}
# What an intent to avenge or retaliate threatens: "pledged to avenge them" is a threat, not a promise.
PROMISES = {"pledge", "promise", "vow", "swear"}
THREAT_VERBS = {"avenge", "retaliate", "punish", "revenge", "crush", "attack", "strike", "kill", "disrupt",
                "annihilate", "retake", "liberate", "force", "respond", "hunt", "eliminate", "destroy"}
ASSERT_DEPS = ("ccomp", "acl", "appos")
ATTRIBUTION = {"plan", "plot", "orchestrate", "mastermind", "behind", "responsible", "sponsor", "order",
               "carry", "commit", "stage", "direct"}
RESCUED = {"people", "person", "survivor", "victim", "child", "body", "resident", "man", "woman", "family",
           "passenger", "worker", "miner", "student", "baby", "girl", "boy", "someone"}
NOT_AID_HEADS = {"group", "agency", "organization", "organisation", "worker", "official", "charity", "body", "team",
                 "committee", "community", "sector", "chief", "coordinator", "volunteer", "staff", "ministry",
                 "office", "network", "consortium", "ngo", "expert", "provider", "partner", "director"}


# Who arrests (a seizure of people by them is an arrest, by anyone else an abduction).
SECURITY = {"police", "policeman", "policemen", "officer", "security", "force", "army", "troop", "soldier",
            "authority", "agent", "guard", "gendarme", "gendarmerie", "military", "commando", "detective",
            "investigator", "marine", "trooper", "cop", "unit", "coastguard", "paramilitary"}
# Those seized whom an arrest is about ("a suspect was seized").
WANTED = {"suspect", "militant", "fighter", "insurgent", "gunman", "jihadist", "rebel", "terrorist", "smuggler",
          "trafficker", "criminal", "fugitive", "escapee", "attacker", "bomber", "kidnapper", "bandit", "member",
          "leader", "commander", "looter", "rioter", "robber", "thief", "culprit", "perpetrator", "cadre",
          "operative", "guerrilla", "separatist", "extremist", "dealer"}
# People who can be seized or taken ("some 40 of them were taken", "20 more were seized").
PEOPLE = CAPTIVES | RELEASED | WANTED | {
    "girl", "boy", "priest", "nun", "pupil", "schoolgirl", "schoolboy", "farmer", "trader", "traveller",
    "traveler", "engineer", "doctor", "nurse", "resident", "them", "him", "her", "us", "more", "others",
    "other", "some", "dozen", "dozens", "hundreds", "person", "wife", "husband", "son", "daughter", "family",
    "missionary", "businessman", "teacher", "herder", "fisherman", "villagers", "women", "children", "victim"}
SEIZE_PEOPLE = {"seize", "grab", "snatch", "capture"}
# Where the taken are brought for their own sake ("the wounded were taken to hospital").
CARE = {"hospital", "clinic", "safety", "shelter", "morgue", "infirmary", "facility", "centre", "center",
        "station", "court", "home", "ambulance", "camp", "school", "church", "mosque", "helicopter"}
HURT = {"wounded", "injured", "body", "victim", "survivor", "dead", "casualty", "patient", "sick"}
MILITARY_DOERS = {"soldier", "army", "military", "officer", "junta", "troop", "mutineer", "general", "colonel",
                  "guard", "commander", "putschist", "force"}
COURTS = {"court", "judge", "tribunal", "magistrate"}
CUSTODY = {"custody", "detention", "jail", "prison", "remand", "held", "hold", "detain", "imprisonment"}
# "hit back at critics": a verbal reply.
SPEECH_TARGETS = {"critic", "claim", "criticism", "remark", "comment", "accusation", "report", "allegation",
                  "opposition", "statement", "rumour", "rumor", "suggestion", "speculation", "question", "journalist",
                  "press", "media", "detractor", "opponent", "rival", "charge"}
# A trigger noun that names a kind of machine or animal: "a Tajik attack helicopter", "attack dogs".
ATTACK_KINDS = {"helicopter", "aircraft", "jet", "drone", "dog", "submarine", "plane", "craft", "boat", "ship",
                "vessel", "chopper", "squadron", "unit", "team", "ad", "advert", "advertisement", "line", "rate"}
# "died of a heart attack", "a panic attack": an illness, not an act of violence.
ILLNESS_MODS = {"heart", "panic", "asthma", "anxiety", "cardiac", "epileptic", "allergic", "migraine", "gout",
                "coughing", "seizure"}
# "freed a man from the rubble": a rescue.
RUBBLE = {"rubble", "debris", "wreckage", "ruin", "rock", "mud", "water", "car", "vehicle", "building", "lift",
          "elevator", "cave", "mine", "flood", "floodwater", "snow", "ice", "fire", "flame", "blaze"}
# A protest crowd acting ("demonstrators broke windows"), not only gathered.
NOT_ACTING = {"be", "have", "say", "want", "hope", "fear", "feel", "believe", "know", "need", "think", "seem",
              "appear", "die", "suffer", "include", "number", "face", "receive", "get", "become", "tell", "accuse",
              "blame", "deny", "claim", "insist", "complain", "wait", "sustain", "lose", "fall", "flee", "run",
              "escape", "disperse", "scatter", "return", "go", "leave", "remain", "stay", "come", "use", "see"}
VIOLENT_ACTS = {"smash", "break", "vandalize", "vandalise", "loot", "burn", "torch", "throw", "hurl", "storm",
                "attack", "clash", "rampage", "set", "ransack", "pelt", "destroy", "damage", "riot", "overturn",
                "stone", "assault", "beat", "fight", "barricade", "block"}
DEADLY = {"kill", "killing", "dead", "die", "death", "fatality", "injure", "wound", "behead", "massacre"}
PRISON = {"prison", "jail", "inmate", "penitentiary", "prisoner", "cellblock", "gaol", "correctional", "detainee"}
RIGHTS_GROUPS = {"amnesty", "watchdog", "hrw", "ohchr"}
CRIMES = {"attack", "killing", "abuse", "execution", "torture", "massacre", "violation", "death", "rape",
          "disappearance", "detention", "arrest", "shooting", "violence", "atrocity", "crime"}
TRUCES = {"ceasefire", "truce", "cease-fire", "armistice"}


def _causes(tok: Token) -> set[str]:
    """Lemmas of what a death or an injury is put down to: the active subject ("the quake killed"), the
    agent ("killed by the floods") and a cause phrase ("died in a crash", "deaths from the storm")."""
    out = set()
    for c in tok.children:
        if c.dep_ == "nsubj" and not _gunfire(c):  # "Russian rocket fire killed three"
            out.add(c.lemma_.lower())
        elif c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in", "from", "during", "after", "amid", "following",
                                                           "of"):
            for g in c.children:
                if g.dep_ == "pobj" and not _gunfire(g) and not (c.lower_ == "of" and g.lemma_.lower() == "fire"):
                    ill = any(m.lemma_.lower() in ILLNESS_MODS for m in g.children if m.dep_ in ("compound", "amod"))
                    out.add("illness" if ill else g.lemma_.lower())  # not "an exchange of fire", "a heart attack"
                    if g.lemma_.lower() in ("outbreak", "eruption", "wave", "flare") and any(
                            p.lower_ == "of" for p in g.children):  # "an outbreak of violence": what broke out
                        out.discard(g.lemma_.lower())
                        out |= {x.lemma_.lower() for p in g.children if p.lower_ == "of" for x in p.children}
    return out


def _gunfire(tok: Token) -> bool:
    """ "sniper fire", "Israeli fire", "rocket fire": shooting, not a blaze."""
    return tok.lemma_.lower() == "fire" and any(
        m.lemma_.lower() in GUNFIRE_MODS or m.ent_type_ in ("NORP", "ORG", "GPE")
        for m in tok.children if m.dep_ in ("compound", "amod", "nmod", "poss"))


def _crowd(tok: Token) -> bool:
    """Whether a verb of gathering has a protest crowd as subject and, for the plain verbs, a street
    setting: "thousands of demonstrators marched", "protesters took to the streets", "demonstrators
    were still out in the north of the city"."""
    lemma = tok.lemma_.lower()
    if lemma in ("gather", "rally", "assemble", "converge", "march", "mass") and any(
            c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in AIMS and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children):
        return True  # "100,000 backers of the opposition gathered to press the prime minister to resign"
    if lemma in ("gather", "rally", "assemble", "converge", "mass") and any(
            c.dep_ == "conj" and c.lemma_.lower() in CROWD_DEMANDS for c in tok.children):
        return True  # "members of the movement assembled outside police headquarters and demanded their release"
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in FESTIVE for c in tok.children):
        return False  # "fans poured into the streets to celebrate"
    if lemma in ("take", "pour", "flood", "spill") and subj.tag_ in ("NNS", "NNPS") and any(  # "thousands took to
            # the streets": whoever they are (not "unrest spilled onto the streets")
            c.dep_ == "prep" and c.lower_ in ("to", "into", "onto") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in STREETS and g.tag_ == "NNS" for g in c.children)
            for c in tok.children):
        return True
    if subj.lemma_.lower() not in PROTESTERS and not (subjects_of(tok) & PROTESTERS) and not (
            lemma == "march" and subj.lemma_.lower() in ("thousand", "hundred", "crowd", "ten")):  # "thousands marched"
        return False
    if lemma == "take":
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_.lower() in STREETS for g in c.children)
                   for c in tok.children)
    if lemma in ("be", "remain", "stay", "return", "turn"):
        return any((c.lower_ == "out" and c.dep_ in ("advmod", "prt", "prep", "acomp")) or (
            c.dep_ == "prep" and c.lower_ in ("on", "in", "into") and any(
                g.lemma_.lower() in STREETS for g in c.children)) for c in tok.children)
    return True


def _place_like(tok: Token) -> bool:
    return tok.lemma_.lower() in TAKEN_PLACES or tok.ent_type_ in ("GPE", "LOC", "FAC")


def territorial(tok: Token) -> bool:
    """Whether a verb takes a place or control of one: "took back control of the facility",
    "recaptured the town", "seized the airport" (not "regained control over the properties")."""
    held = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "districts retaken by the army"
        held.append(tok.head)
    for c in held:
        c = noun_of(c)
        if c.lemma_.lower() == "control":
            if any(g.dep_ == "pobj" and _place_like(g) for p in c.children
                   if p.dep_ == "prep" and p.lower_ in ("of", "over") for g in p.children) or any(
                    p.dep_ == "prep" and p.lower_ in ("of", "over") and any(
                        g.dep_ == "pobj" and _place_like(g) for g in p.children)
                    for p in tok.children):
                return True
        elif _place_like(c):
            return True
    return False


def _special(tok: Token, lemma: str) -> Trigger | None:
    """Readings that rest on more than one word of the clause (checked before the lexicon)."""
    if lemma not in SPECIAL:
        return None
    pos = tok.pos_
    start, end = span_of(tok)
    if pos in ("VERB", "AUX") and lemma in CROWD_VERBS and _crowd(tok):
        return Trigger(tok, "PROTEST", "demo", False, start, end)
    if pos != "VERB":
        return None
    kids = list(tok.children)
    # "took back control of the facility", "recaptured the town", "regained the airport"
    if lemma in RETAKE and lemma not in ("seize", "capture") and (
            lemma != "take" or any(c.lower_ in ("back", "over") or c.lemma_.lower() == "control" for c in kids)) and \
            tok.dep_ != "amod" and territorial(tok):
        return Trigger(tok, "COERCE", "seize", False, start, end)
    # "made off with weapons", "carried off ammunition": taking what is not one's own
    if lemma in ("make", "carry") and any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ in ("off", "away")
                                         for c in kids) and (
            lemma == "carry" or any(c.dep_ == "prep" and c.lower_ == "with" for c in kids)):
        taken = patients_of(tok) + [g for c in kids if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
                                  if g.dep_ == "pobj"]
        if taken and all(_person(p) and not p.like_num for p in taken):
            return Trigger(tok, "ASSAULT", "abduct", False, start, end)  # "carried off scores of students"
        return Trigger(tok, "COERCE", "looting", False, start, end)
    # "who was still being held by the military", "forces holding the president": detention
    if lemma == "hold" and not any(c.dep_ in ("oprd", "acomp", "ccomp") for c in kids) and not any(
            g.dep_ == "amod" and g.lemma_.lower() in ANSWERABLE for c in kids if c.dep_ == "dobj"
            for g in c.children) and not (  # "holds the rebels responsible": the parser's amod is the predicate
            tok.dep_ == "acl" and tok.tag_ == "VBN") and not any(  # "detainees held in the camp": a state
            (c.dep_ == "nsubj" and _place_like(c)) or (c.dep_ == "advmod" and c.lower_ == "where") or (
                c.dep_ == "nsubj" and c.lemma_.lower() in FACILITIES) for c in kids):  # "prisons hold 30,000"
        patients = patients_of(tok)
        if any(p.ent_type_ == "PERSON" or p.lemma_.lower() in CAPTIVES | WANTED
               or (p.like_num and p.dep_ == "nsubjpass") for p in patients) and (
                any(c.dep_ in ("agent", "dobj") for c in kids) or tok.dep_ in ("acl", "relcl") or (
                    # "38 were held in Hatay"; not "was held up"
                    any(c.dep_ == "nsubjpass" for c in kids) and not any(c.dep_ == "prt" for c in kids))):
            return Trigger(tok, "COERCE", "detention", False, start, end)
    patients = patients_of(tok)
    doers = {c.lemma_.lower() for c in kids if c.dep_ == "nsubj"} | {
        g.lemma_.lower() for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"}
    if not doers and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        doers = {c.lemma_.lower() for c in tok.head.children if c.dep_ == "nsubj"}  # "police stormed ... and seized"
    # "women were seized near the town", "gunmen grabbed two priests": an abduction; by the police, an arrest
    if lemma in SEIZE_PEOPLE and tok.dep_ != "amod" and patients and all(_person(p) for p in patients) and not any(
            c.dep_ == "prt" for c in kids):  # "parents snatched up their children": to safety
        if doers & SECURITY or (not doers and all(p.lemma_.lower() in WANTED for p in patients)):
            return Trigger(tok, "COERCE", "arrest", False, start, end)
        return Trigger(tok, "ASSAULT", "abduct", False, start, end)
    # "police caught the gunman", "was caught by police"
    if lemma == "catch" and doers & SECURITY and any(_person(p) or p.pos_ == "PROPN" for p in patients):
        return Trigger(tok, "COERCE", "arrest", False, start, end)
    # "some 40 of them were taken to the southeast": an abduction when the sentence tells of one (weak)
    if lemma == "take" and any(c.dep_ == "nsubjpass" for c in kids) and patients and all(
            _person(p) and p.lemma_.lower() not in HURT for p in patients) and not any(
            c.dep_ in ("acomp", "oprd", "xcomp", "ccomp") or (c.dep_ == "prt" and c.lower_ != "away") for c in kids) \
            and not (predicates_of(tok) & (CARE | CAPTIVITY | {"hostage", "captive", "account", "care", "charge"})):
        return Trigger(tok, "ASSAULT", "abduct", True, start, end)
    # "soldiers announced they had taken power": a coup (not an election winner's taking office)
    if lemma == "take" and tok.tag_ in ("VBD", "VBZ", "VBP", "VBN") and any(
            c.dep_ == "dobj" and c.lemma_.lower() == "power" for c in kids):
        subj = subjects_of(tok)
        if subj & MILITARY_DOERS or (subj & {"they", "he", "we"} and any(
                t.lemma_.lower() in MILITARY_DOERS for t in tok.sent)):
            return Trigger(tok, "COERCE", "coup", False, start, end)
    # "New Delhi had hit back": a reprisal (not "hit back at critics", not a person's retort)
    if lemma == "hit" and any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in kids) and any(
            c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in RETORTS for c in kids):
        return Trigger(tok, "ACCUSE", "disapprove", False, start, end)  # "hit back, describing the arrest as ..."
    if lemma == "hit" and any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in kids) and not any(
            c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in kids) and not any(
            g.lemma_.lower() in SPEECH_TARGETS or g.ent_type_ == "PERSON"
            for c in kids if c.dep_ == "prep" and c.lower_ == "at" for g in c.children if g.dep_ == "pobj"):
        return Trigger(tok, "ASSAULT", None, False, start, end)
    # "the vote was marred by fraud": an allegation
    if lemma in ("mar", "taint", "blight", "undermine", "overshadow") and any(
            c.dep_ == "agent" and any(g.lemma_.lower() in FRAUD for g in c.children) for c in kids):
        return Trigger(tok, "ACCUSE", "allege", False, start, end)
    # "was declared persona non grata": a diplomatic expulsion
    if lemma == "declare" and any(g.lower_ == "grata" for c in kids for g in (c, *c.children)):
        return Trigger(tok, "SANCTION", "expel", False, start, end)
    return None


SPECIAL = CROWD_VERBS | RETAKE | SEIZE_PEOPLE | {"make", "carry", "hold", "mar", "taint", "blight", "undermine",
                                                "overshadow", "declare", "catch", "hit"}


def _person(tok: Token) -> bool:
    """Whether a patient is a person or people: a name, a person noun, a count ("20 more were seized");
    not "hundreds of munitions", not "Sanaa, the Yemeni capital"."""
    of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"), None)
    if of is not None and tok.lemma_.lower() in QUANTITIES | {"hundreds", "dozens", "some", "more"}:
        return _person(of)
    if any(c.dep_ == "appos" and _place_like(c) for c in tok.children):
        return False
    return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in PEOPLE or tok.lower_ in PEOPLE or tok.like_num


def _adjective(tok: Token) -> Trigger | None:
    """Triggers that are adjectives: a conviction, a death, a condemnation, a closed border."""
    start, end = span_of(tok)
    lower = tok.lower_
    # "found guilty": a conviction ("pleaded guilty" is the defendant's plea, not a ruling)
    if lower == "guilty" and tok.head.lemma_.lower() in ("find", "declare"):
        return Trigger(tok, "SANCTION", "convict", False, start, end)
    # "were dead", "shot dead", "left five dead": a death, weak (needs violent context)
    if lower == "dead" and tok.pos_ == "ADJ" and (
            tok.dep_ in ("acomp", "oprd", "xcomp", "ROOT") or (tok.dep_ == "amod" and tok.head.like_num)):
        if _causes(tok.head) & DISASTER:
            return None
        # "a riot ... left at least 20 people dead": the count makes it a casualty report
        counted = tok.head.lemma_.lower() == "leave" and any(
            c.dep_ == "dobj" and (c.like_num or any(g.like_num for g in c.children)) for c in tok.head.children)
        return Trigger(tok, "ASSAULT", None, not counted, start, end)
    # "this was a cowardly, devious attack": calling an attack cowardly condemns it
    if lower in CONDEMN_ADJ and tok.dep_ == "amod" and tok.head.dep_ == "attr" and \
            tok.head.head.lemma_.lower() == "be" and (tok.head.lemma_.lower() in ("act", "crime") or any(
                e.type == "ASSAULT" for e in ENTRIES.get((tok.head.lemma_.lower(), "N"), ()))):
        return Trigger(tok, "ACCUSE", "disapprove", False, start, end)
    # "targeting civilians was criminal, the ministry said": calling an act criminal condemns it ("was
    # unfortunate and irresponsible" too)
    pred = tok.head if tok.dep_ == "conj" and tok.head.dep_ == "acomp" else tok
    if lower in CONDEMN_ADJ and pred.dep_ in ("acomp", "ROOT") and pred.head.lemma_.lower() == "be" and not any(
            c.dep_ in ("xcomp", "ccomp") for c in tok.children):  # not "it is illegal to ..."
        return Trigger(tok, "ACCUSE", "disapprove", False, start, end)
    # "officials said the Front was behind the attack", "... were responsible for the killing": an allegation
    if ((lower == "behind" and tok.dep_ == "prep") or (lower in ("responsible", "culpable") and tok.dep_ == "acomp")) \
            and tok.head.lemma_.lower() == "be" and any(
                s.dep_ == "nsubj" and s.pos_ != "PRON" for s in tok.head.children):
        act = next((g for g in tok.children if g.dep_ == "pobj"), None) if lower == "behind" else next(
            (g for p in tok.children if p.dep_ == "prep" and p.lower_ == "for" for g in p.children
             if g.dep_ == "pobj"), None)
        said = tok.head.head  # "charged that X was behind the murder": the charge is the accusation
        if act is None and lower != "behind" and tok.head.dep_ == "ccomp" and said.lemma_.lower() in SAY_ALLEGE and \
                not any(c.dep_ == "neg" for c in tok.head.children):
            return Trigger(tok, "ACCUSE", "allege", False, start, end)  # "authorities said the Front was responsible"
        if act is not None and any(e.type in ("ASSAULT", "COERCE") for e in ENTRIES.get(
                (act.lemma_.lower(), "N"), ENTRIES.get((act.lower_, "N"), ()))) and not any(
                e.type == "ACCUSE" and fits(said, e, set()) for e in ENTRIES.get((said.lemma_.lower(), "V"), ())):
            return Trigger(tok, "ACCUSE", "allege", False, start, end)
    # "Niger's borders would stay shut": a border closure
    if lower in CLOSED and tok.dep_ in ("acomp", "oprd", "xcomp") and tok.head.lemma_.lower() in (
            "stay", "remain", "be", "keep"):
        holders = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        if any(noun_of(h).lemma_.lower() in CLOSABLE for h in holders):
            return Trigger(tok, "COERCE", "restrict", False, start, end)
    return None


def _crowd_acting(tok: Token) -> Trigger | None:
    """A protest crowd doing something is a protest: "demonstrators broke windows", "protesters calling
    for new elections"; so is a crowd broken up ("police broke up a group of protesters"). Force by the
    crowd makes it a riot. Not a crowd that is only spoken of, hurt, or speaks ("protesters said")."""
    head = tok.head
    crowd = tok
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in QUANTITIES:
        crowd = head.head  # "a small group of protesters", "thousands of demonstrators"
        head = crowd.head
    start, end = span_of(tok)
    hl = head.lemma_.lower()
    if crowd.dep_ == "nsubj" and head.pos_ == "VERB" and hl not in NOT_ACTING and hl not in CLAUSE_VERBS and \
            not any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children) and not (
            hl in CROWD_VERBS and _crowd(head)) and not any(
            e.type == "PROTEST" for e in ENTRIES.get((hl, "V"), ())):
        return Trigger(tok, "PROTEST", "riot" if hl in VIOLENT_ACTS else "demo", False, start, end)
    if any(c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in DEMANDING for c in tok.children):
        return Trigger(tok, "PROTEST", "demo", False, start, end)  # "protesters calling for ..."
    return None


PERPETRATE = {"plan", "orchestrate", "mastermind", "carry", "stage", "commit", "perpetrate", "order", "plot", "direct"}
BELIEVE = {"think", "believe", "suspect", "assume", "allege", "suggest", "conclude", "suppose", "reckon", "fear"}
DOERS = {"militant", "group", "rebel", "militia", "insurgent", "jihadist", "faction", "gang", "army", "force",
         "separatist", "guerrilla", "terrorist", "extremist", "network", "cell", "organisation", "organization"}
RESCUERS = {"rescuer", "volunteer", "firefighter", "diver", "searcher", "responder", "lifeguard", "rescue"}
AIMS = {"press", "demand", "denounce", "oppose", "call", "condemn", "voice", "express", "reject", "urge",
        "defend", "show", "mourn", "decry", "challenge", "force", "seek"}
DEMANDING = {"call", "demand", "chant", "press", "urge", "denounce", "protest", "oppose", "condemn", "shout",
             "wave", "carry", "hold", "block", "march"}


def _work_of(tok: Token) -> bool:
    """ "The bombing is thought to be the work of the ADF": an attribution of an attack."""
    be = tok.head
    if tok.dep_ != "attr" or be.lemma_.lower() != "be" or not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return False
    subj = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and be.dep_ == "xcomp":
        subj = next((c for c in be.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and any(e.type == "ASSAULT" for e in ENTRIES.get((subj.lemma_.lower(), "N"), ()))


def _rights_report(tok: Token) -> bool:
    """A report by a human rights group that tells of killings or abuses: "a joint report by Human Rights
    Watch and Amnesty International said ...", "HRW said in a report" (an accusation, as coders code it)."""
    lemmas = {t.lemma_.lower() for t in tok.sent}
    rights = lemmas & RIGHTS_GROUPS or (lemmas & {"right", "rights"} and lemmas & {"watch", "group", "organisation",
                                                                        "organization", "monitor", "activist"})
    return bool(rights) and bool(lemmas & CRIMES or any(
        e.type in ("ASSAULT", "COERCE") for t in tok.sent if t.pos_ == "VERB"
        for e in ENTRIES.get((t.lemma_.lower(), "V"), ())))


def _rejected_claim(tok: Token) -> bool:
    """"rejected claims by Warsaw that Minsk ...", "denied Kyiv's claims": a claim someone makes and the
    other side rejects is an accusation (coded both ways: the accusation and its denial)."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("reject", "deny", "dismiss", "refute") and any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children)


def _claim_that(tok: Token) -> bool:
    """A claim that pins an attack on someone: "a claim by the agency that the attack had been
    planned across the border" (a bounded look into the clause; the parser may hang the clause on
    the claim's verb)."""
    clauses = [c for c in tok.children if c.dep_ in ASSERT_DEPS]
    if tok.dep_ in ("dobj", "nsubjpass", "pobj"):
        clauses += [c for c in tok.head.children if c.dep_ in ("advcl", "ccomp") and c.i > tok.i]
    for c in clauses:
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            for n, t in enumerate(c.subtree):
                if n > 40:
                    break
                lem = t.lemma_.lower()
                if lem in ATTRIBUTION or (t.pos_ in ("NOUN", "VERB") and any(
                        e.type == "ASSAULT" and fits(t, e, children_lemmas(t, ("compound", "amod", "nmod")))
                        for e in ENTRIES.get((lem, "N" if t.pos_ == "NOUN" else "V"), ()))):
                    return True
    return False


def _said(tok: Token) -> bool:
    """The clause is what someone says or believes: "said the rebels had ...", "According to the ministry,
    the rebels had ..." (a named source's account, not the outlet's)."""
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in BELIEVE | SAY_ALLEGE:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "according" and any(
        g.dep_ == "prep" and any(x.dep_ == "pobj" and x.pos_ in ("PROPN", "NOUN") for x in g.children)
        for g in c.children) for c in tok.children)


CAPTIVITY_WORDS = {"seize", "kidnap", "abduct", "hostage", "captive", "captivity", "kidnapping", "abduction",
                   "ransom", "capture"}
CAPTORS = DOERS | {"kidnapper", "abductor", "captor", "gunman", "bandit", "pirate", "hostage-taker"}


def _captors(tok: Token) -> bool:
    """Who lets people go is an armed group or their captors: a release, not a lay-off."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    words = {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")}
    # or the sentence tells the captivity: "let 36 workers go, six days after seizing them"
    return bool(words & CAPTORS) or any(t.lemma_.lower() in CAPTIVITY_WORDS for t in tok.sent)


# Verbs of a retort that make "hit back" words, not blows: "hit back, describing the arrest as ...".
RETORTS = {"say", "describe", "call", "accuse", "brand", "dismiss", "label", "term", "condemn", "denounce", "insist",
           "argue", "tell", "write", "tweet", "reject", "deny"}
ANSWERABLE = {"responsible", "accountable", "answerable", "liable", "culpable"}
# What makes an act named as done a wrong: "extrajudicial killings", "indiscriminate shelling".
UNLAWFUL = {"extrajudicial", "summary", "arbitrary", "unlawful", "illegal", "indiscriminate", "systematic",
            "widespread", "deliberate", "targeted"}


def _unlawful_acts(tok: Token) -> bool:
    """The verb's object is acts of violence called unlawful: "carried out extrajudicial killings"."""
    return any(c.dep_ == "dobj" and any(m.dep_ in ("amod", "compound") and m.lower_ in UNLAWFUL for m in c.children)
               and any(e.type == "ASSAULT" for e in ENTRIES.get((c.lemma_.lower(), "N"), ())) for c in tok.children)


DEPLOYING = {"rush", "deploy", "send", "dispatch", "airlift", "move"}
SENT_FORCES = {"troop", "soldier", "police", "policeman", "force", "reinforcement", "army", "officer", "commando",
               "paramilitary", "tank"}


def _forces_sent(tok: Token) -> bool:
    """A passive of sending with no subject the parser found, and security forces named just before it ("soldiers
    and armoured vehicles were rushed to the area", the subject hung on an earlier phrase)."""
    kids = list(tok.children)
    if not any(c.dep_ == "auxpass" for c in kids) or any(c.dep_ == "nsubjpass" for c in kids):
        return False
    if not any(c.dep_ == "prep" and c.lower_ in ("to", "into", "towards") for c in kids):
        return False
    before = tok.doc[max(tok.sent.start, tok.i - 8):tok.i]
    return any(t.lemma_.lower() in SENT_FORCES and t.pos_ == "NOUN" for t in before)


MODALS = {"will", "would", "shall", "could", "may", "might", "can", "'ll", "wo", "must", "should"}


def _warned_of_others(tok: Token) -> bool:
    """A warning that tells what a named other party is doing or did ("warned that the militia was attacking
    villages"), not what the speaker will do: no modal, a subject that is not a pronoun, an act of violence."""
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON" or any(a.lower_ in MODALS for a in c.children if a.dep_ == "aux"):
            continue
        lemma = c.lemma_.lower()
        if any(e.type in ("ASSAULT", "COERCE") for e in ENTRIES.get((lemma, "V"), ())):
            return True
    return False


RESERVE_FORMS = {"reserve", "reserves", "reserved", "reserving"}
ANSWERING = {"respond", "retaliate", "defend", "react", "take", "act", "use", "reply", "hit"}


def _reserves_the_right(tok: Token) -> bool:
    """"reserves the right to respond": a diplomatic threat, read off the words (the small tagger often takes
    "reserves" for a noun)."""
    doc = tok.doc
    if tok.lower_ not in RESERVE_FORMS or tok.i + 4 >= len(doc):
        return False
    return doc[tok.i + 1].lower_ == "the" and doc[tok.i + 2].lower_ == "right" and \
        doc[tok.i + 3].lower_ == "to" and doc[tok.i + 4].lemma_.lower() in ANSWERING


def classify(tok: Token) -> Trigger | None:
    """The event a token triggers, or None. Only lexicon lemmas get past the first lookup (cheap)."""
    pos = "V" if verbal(tok) else "N" if tok.pos_ in ("NOUN", "PROPN") else None
    lemma = tok.lemma_.lower()
    if tok.lower_ in RESERVE_FORMS and pos != "V" and _reserves_the_right(tok):
        return Trigger(tok, "THREATEN", "violence", False, *span_of(tok))
    if pos == "V" and lemma in DEPLOYING and _forces_sent(tok):
        # "soldiers and armoured vehicles were rushed to the area": the parser may lose the passive subject
        return Trigger(tok, "MOBILIZE", "troops", False, *span_of(tok))
    if pos == "V" and lemma == "warn" and _warned_of_others(tok):
        # "monitors warned that the militia was shelling villages": what others do, not a threat
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))
    if pos == "V" and lemma == "order" and subjects_of(tok) & COURTS and any(
            t.lemma_.lower() in CUSTODY for t in tok.sent):
        return Trigger(tok, "COERCE", "detention", False, *span_of(tok))  # "a court ordered them held in custody"
    if pos == "V" and lemma in ("prevent", "bar", "block", "ban", "stop") and any(
            c.dep_ == "prep" and c.lower_ == "from" for c in tok.children) and not (
            lemma == "stop" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)) and any(
            p.lower_ in ("him", "her", "them", "us") or _person(p) for p in patients_of(tok)):
        # "police tried to prevent him from joining the march", "was barred from leaving the country"
        return Trigger(tok, "COERCE", "ban" if lemma in ("bar", "ban") else "restrict", False, *span_of(tok))
    if pos == "V" and lemma in PERPETRATE and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in BELIEVE and any(
            c.dep_ == "nsubj" and c.pos_ != "PRON" for c in tok.children) and any(
            c.dep_ == "dobj" and any(e.type == "ASSAULT" for e in ENTRIES.get((c.lemma_.lower(), "N"), ()))
            for c in tok.children):
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))  # "police think the network planned the blasts"
    if pos == "V" and lemma in CONTESTED_SAY and readings.claims_an_attack(tok):
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))  # "Kyiv claimed that Russian forces had shelled"
    if pos == "V" and lemma in ("commit", "perpetrate", "carry") and tok.dep_ == "ccomp" and \
            tok.head.lemma_.lower() in BELIEVE | SAY_ALLEGE and any(
            c.dep_ == "nsubj" and c.pos_ != "PRON" for c in tok.children) and (
            (lemma != "carry" and objects_of(tok) & CRIME_NOUNS) or _unlawful_acts(tok)):
        # "said the soldiers had committed war crimes", "said the police carried out extrajudicial killings"
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))
    if pos == "V" and lemma == "suspect" and any(c.dep_ == "prep" and c.lower_ == "of" for d in tok.children
                                                 if d.dep_ == "dobj" for c in d.children):
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))  # "suspect the militia of carrying out ..."
    if pos == "V" and _said(tok) and readings.alleged_wrongdoing(tok):
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))  # "said Rwandan forces had helped the rebels"
    if pos == "V" or (tok.pos_ == "AUX" and lemma == "be"):
        special = _special(tok, lemma)
        if special is not None:
            return special
    # "counter-offensive", "counter-attack" are three tokens; the trigger is the last
    if tok.lower_ in ("offensive", "attack", "attacks", "offensives", "strike", "strikes") and tok.i >= 2 and \
            tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "counter":
        first = tok.nbor(-2)
        return Trigger(tok, "ASSAULT", None, False, first.idx, tok.idx + len(tok.text))
    if pos == "N" and lemma in PROTESTERS:
        return _crowd_acting(tok)
    if pos == "V" and lemma == "give" and readings.given_time_to_leave(tok):
        return Trigger(tok, "SANCTION", "expel", False, *span_of(tok))  # "gave the envoy 48 hours to leave"
    if pos == "N" and lemma in CONDEMN_NOUNS and readings.called_a_crime(tok):
        return Trigger(tok, "ACCUSE", "disapprove", False, *span_of(tok))  # "the strike was a war crime"
    if pos == "N" and lemma in readings.PEOPLE_LABELS and readings.labelled_people(tok):
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))  # "says the detainees are terrorists"
    if pos == "V" and lemma in ("detain", "hold", "keep") and any(
            c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in ("hospital", "clinic", "infirmary") for g in c.children)
            for c in tok.children):
        return None  # "96 people were detained in hospital": kept for treatment, not arrested
    if pos == "V" and lemma in ("express", "voice") and readings.regrets_anothers_act(tok):
        return Trigger(tok, "ACCUSE", "disapprove", False, *span_of(tok))  # "voiced regret over a move by Russia"
    if pos == "V" and lemma in ("slam", "blast") and readings.criticises(tok):
        return Trigger(tok, "ACCUSE", "disapprove", False, *span_of(tok))  # "slammed the government over ..."
    if pos is None:
        return _adjective(tok)
    text = tok.lower_
    # "cease-fire" is three tokens; the trigger is its head "fire".
    if pos == "N" and lemma == "fire" and tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "cease":
        first = tok.nbor(-2)
        return Trigger(tok, "RETREAT", "ceasefire", False, first.idx, tok.idx + len(tok.text))
    if lemma == "alert" and pos == "N" and tok.dep_ == "pobj" and tok.head.lower_ == "on":
        return Trigger(tok, "MOBILIZE", None, False, *span_of(tok))  # "troops remained on alert"
    if pos == "N" and lemma == "fault" and tok.dep_ == "pobj" and tok.head.lower_ == "at" and \
            tok.head.head.lemma_.lower() == "be" and any(c.dep_ == "nsubj" and c.pos_ != "PRON"
                                                         for c in tok.head.head.children):
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))  # "insisted that Russia was at fault"
    if pos == "N" and lemma == "responsibility" and tok.dep_ == "dobj" and \
            tok.head.lemma_.lower() == "claim" and not any(
                c.dep_ == "prep" and c.lower_ in ("for", "of") for c in (*tok.children, *tok.head.children)) and any(
                c.dep_ == "nsubj" and (c.pos_ == "PROPN" or c.lemma_.lower() in DOERS) and not any(
                    d.lower_ in ("no", "neither") for d in c.children) for c in tok.head.children) and not any(
                c.dep_ == "neg" for c in tok.head.children):
        # "The outlawed TTP claimed responsibility." after the attack: a named group's claim for that attack
        # (with "for the attack" the attack itself is the mention; "the minister took responsibility" is none)
        return Trigger(tok, "ASSAULT", None, False, *span_of(tok))
    if pos == "N" and lemma == "work" and _work_of(tok):
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))  # "the bombing was the work of X"
    if pos == "N" and lemma == "report" and _rights_report(tok):
        return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))  # a rights group's report of abuses
    entries = ENTRIES.get((lemma, pos)) or (ENTRIES.get((text, pos)) if pos == "N" else None)
    if entries is None:
        return None
    if pos == "N" and tok.ent_type_ in NAME_ENTS:
        return None
    if pos == "N" and tok.ent_type_ == "DATE" and lemma == "march":
        return None  # the month
    if pos == "N" and lemma == "violation" and not any(fits(tok, e, children_lemmas(tok, ("compound", "amod")))
                                                       for e in entries):
        # "handling Indian violations" in a sentence about the truce: a claim that it was broken
        if any(t.lemma_.lower() in TRUCES for t in tok.sent):
            return Trigger(tok, "ACCUSE", "allege", False, *span_of(tok))
        return None
    if pos == "N" and lemma == "custody" and not (tok.dep_ == "pobj" and tok.head.lower_ in ("in", "into", "under")
                                                  and tok.head.head.pos_ in ("NOUN", "PROPN", "PRON")):
        return None  # "ended with a suspect in custody"; "held in custody" is the verb's, "died in custody" a death
    if pos == "N" and lemma == "attack" and tok.dep_ in ("compound", "amod", "nmod") and \
            tok.head.lemma_.lower() in ATTACK_KINDS:
        return None  # "a Tajik attack helicopter"
    if pos == "V" and tok.dep_ == "amod":  # "the besieged city", "destroyed buildings": a state, not a report
        return None
    mods = children_lemmas(tok, ("compound", "amod", "nmod"))
    if pos == "N" and lemma == "attack" and mods & ILLNESS_MODS:
        return None  # "died of a heart attack"
    subj = children_lemmas(tok, ("nsubj", "nsubjpass"))
    obj = children_lemmas(tok, ("dobj",))
    entry = next((e for e in entries if fits(tok, e, mods)), None)
    if entry is None:
        return None
    type_, mode, weak = entry.type, entry.mode, entry.weak
    start, end = span_of(tok)
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
    if lemma in ("fight", "battle", "struggle") and pos == "V" and any(
            c.dep_ in ("xcomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and c.lemma_.lower() not in RETAKE | SEIZE_PEOPLE
            and not any(e.type in ("ASSAULT", "COERCE") for e in ENTRIES.get((c.lemma_.lower(), "V"), ()))
            for c in tok.children):
        return None  # "Ecuador has battled to rein in violence": striving ("fought to retake the town" is fighting)
    if lemma in ("fight", "battle") and pos == "V" and readings.for_a_long_time(tok):
        return None  # "the movements that have battled the state since the 1960s": a long war, no incident
    if type_ == "ASSAULT" and pos == "N" and tok.dep_ in ("dobj", "pobj") and (
            tok.head if tok.dep_ == "dobj" else tok.head.head).lemma_.lower() in CURB:
        return None  # "battled to rein in violence", "efforts to curb attacks": what is to be stopped, generic
    if type_ == "ASSAULT" and readings.ongoing(tok):
        return None  # "where Hezbollah fighters have exchanged cross-border fire with Israel for 11 months"
    if (lemma == "fight" or (lemma == "battle" and pos == "N")) and weak and (obj or any(
            c.dep_ == "prep" and c.lower_ in ("against", "with", "between") for c in tok.children)):
        weak = False  # "troops fought the rebels", "a battle with police": two sides named
    if lemma == "campaign":
        if not (mods & VIOLENT_CAMPAIGN):
            return None
        weak = False
    if lemma == "protest" and pos == "V" and readings.state_protest(tok):
        return Trigger(tok, "ACCUSE", "disapprove", False, start, end)  # "China protested the arms sale"
    if lemma == "protest" and pos == "N" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
            tok.head.head.lemma_.lower() in ("note", "letter", "message", "statement"):
        return Trigger(tok, "ACCUSE", "disapprove", False, start, end)  # "handed him a note of protest"
    if lemma == "protest" and pos == "N" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in LODGE:
        return Trigger(tok, "ACCUSE", "disapprove", False, start, end)  # "lodged a protest": an official complaint
    if lemma in ("ask", "question") and pos == "V" and any(
            c.dep_ == "ccomp" and any(g.lower_ in QUESTION_WORDS and g.dep_ in ("mark", "nsubj", "nsubjpass", "dobj",
                                                                               "advmod", "attr") and g.i < c.i
                                      for g in c.children) for c in tok.children):
        return None  # "asked whether he had been mistreated", "asked what had happened": a question, no demand
    if lemma == "ask" and pos == "V" and readings.asks_a_quoted_question(tok):
        return None  # "'Is it a crime to protest?' asked a trader": a question
    if lemma in ("decline", "refuse", "fail") and pos == "V" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in ("extend", "renew", "prolong") and
            objects_of(c) & (DEAL_OBJ | {"treaty", "mandate", "initiative", "arrangement", "accord"})
            for c in tok.children):
        return Trigger(tok, "SANCTION", "withdraw", False, start, end)  # "refused to extend the grain deal"
    if lemma == "protest" and pos == "N" and tok.tag_ == "NN" and tok.dep_ == "pobj" and \
            tok.head.lower_ == "in" and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in tok.children) \
            and readings.other_act(next((a for a in tok.head.ancestors if a.pos_ == "VERB"), tok.head.head)):
        return None  # "withdrew its ambassador in protest": the motive of another act, no demonstration
    if lemma in ("decline", "refuse") and any(c.dep_ == "xcomp" and c.lemma_.lower() in NOT_REFUSED and not any(
            g.dep_ == "prt" for g in c.children) and not (  # "refused to give up" is a refusal
            objects_of(c) & (RELEASED | CAPTIVES)) for c in tok.children):  # so is "refused to release the hostages"
        return None
    # ("forced out", "forced their way in" are readings of their own)
    if lemma in ORDER_VERBS and pos == "V" and not entry.preps and not entry.objs:
        goal = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in LEAVE), None)
        # "ordered 3,000 people out of their homes", "forced them from their villages"; not "told investigators
        # from the UN that ...": speech
        out = lemma not in ("tell", "instruct") and any(
            c.lower_ in ("out", "from") and c.dep_ in ("prep", "prt", "advmod") and c.i > tok.i for c in tok.children)
        patients = {p.lemma_.lower() for p in patients_of(tok)}
        # "the ambassador will be told that she has to go", "told the envoy to go"
        told_to_go = any(c.dep_ in ("xcomp", "ccomp") and readings.goes(c) for c in tok.children)
        if (goal is not None or out or told_to_go) and readings.presence(tok, patients):
            type_, mode = "SANCTION", "expel"  # "the ambassador was told to leave": an expulsion
        elif goal is not None or out:
            # an order to leave: an evacuation order for residents, else forced displacement
            evac = lemma in ("order", "tell", "instruct") and (
                patients & RESIDENTS or (goal is not None and goal.lemma_.lower() == "evacuate") or out)
            type_, mode = "COERCE", "evacuation" if evac else "deport"
        elif lemma in ("order", "instruct") and patients & RESTRICTIONS:
            type_, mode = "COERCE", "restrict"  # "ordered a curfew in Baghdad": the curfew is imposed
        elif lemma in ("order", "instruct") and patients & IMPOSED:
            type_, mode = readings.imposed(tok)  # "ordered the arrest of", "ordered the departure of French troops"
        elif lemma in ("order", "instruct"):
            type_, mode = "REQUEST", None  # PLOVER DEMAND: "all demands and orders"
        else:
            return None
    if type_ == "REQUEST" and pos == "V" and lemma in EXPEL_ASKS and readings.state_subject(tok) and \
            readings.asks_to_leave(tok):
        type_, mode = "SANCTION", "expel"  # "the junta demanded the withdrawal of French troops": an expulsion
    if type_ == "RETREAT" and mode == "withdraw" and pos == "V" and \
            {p.lemma_.lower() for p in patients_of(tok)} & (DIPLOMATS | PRESENCE):
        type_ = "SANCTION"  # "pulled their ambassadors out of Algeria": a recall, not a retreat
    if lemma == "emergency" and pos == "N" and not (
            tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() == "state"):
        return None  # "a state of emergency" restricts; "an emergency meeting", "the emergency services" do not
    if type_ == "COERCE" and lemma in ("declare", "announce") and not any(
            p.lemma_.lower() in ("state", "law", "curfew", "lockdown") or any(
                m.lemma_.lower() in ("national", "nationwide", "countrywide", "security", "public")
                for m in p.children) for p in patients_of(tok)):
        return None  # "declared a state of emergency", not "an emergency was declared at the hospital"
    if lemma in INSTRUMENT_NOUNS and pos == "N" and tok.dep_ == "pobj" and tok.head.lower_ in ("with", "by") and \
            any(e.type == "ASSAULT" for e in ENTRIES.get((tok.head.head.lemma_.lower(), "V"), ())):
        return None  # "shot with live ammunition": how another act was done (not "pushed back with tear gas")
    if mode == "phone" and pos == "V" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return None  # "speaking to Reuters by phone": an interview, not a consultation
    if lemma in ("let", "set") and type_ == "RETREAT" and not (
            {g.lemma_.lower() for p in patients_of(tok) for g in (p, *(  # "the same number of prisoners"
                x for q in p.children if q.dep_ == "prep" and q.lower_ == "of" for x in q.children))} & RELEASED
            or objects_of(tok) & CAPTIVITY
            or (lemma == "set" and any(p.pos_ == "PRON" for p in patients_of(tok)))  # "set them free"
            or _captors(tok)):  # "the Shining Path let 36 gas workers go"
        return None  # "the company let go 200 workers": layoffs, not a release
    if lemma == "block" and type_ == "PROTEST" and subjects_of(tok) & (SECURITY | STATE_BODIES | AUTHORITIES):
        type_, mode = "COERCE", "restrict"  # "the authorities blocked access to social media"
    if type_ == "ACCUSE" and mode == "investigate" and readings.about_an_accident(tok):
        return None  # "the crash is being investigated": a disaster or accident is no PLOVER event
    if lemma in ("force", "drive") and type_ == "COERCE" and mode == "deport" and readings.mass_displacement(tok):
        return None  # "the fighting forced tens of thousands from their homes": a displacement toll, no act
    if lemma in ORDER_VERBS and type_ in ("COERCE", "SANCTION") and subjects_of(tok) & DISASTER:
        return None  # "the storm forced thousands from their homes": no one coerced them
    if mode == "coup" and pos == "V" and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return None  # "rebels fighting to topple the government", "a coup aimed at ousting": an aim
    if lemma == "riot" and pos == "N" and tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in RIOT_GEAR:
        return None  # "riot police", "riot gear"
    if type_ == "AGREE" and lemma in PROMISES and pos == "V" and any(
            c.dep_ in ("xcomp", "ccomp") and (c.lemma_.lower() in THREAT_VERBS or any(  # "vowed to take revenge"
                g.dep_ == "dobj" and g.lemma_.lower() in REPRISAL for g in c.children)) for c in tok.children):
        type_, mode = "THREATEN", "violence"  # "pledged to avenge them", "vowed to respond"
    if lemma == "talk" and (pos != "N" or tok.tag_ != "NNS"):
        return None
    if lemma == "attribute" and not (any(c.dep_ == "nsubj" for c in tok.children) and any(
            g.ent_type_ in ("ORG", "NORP", "PERSON", "GPE") or g.pos_ == "PROPN" or g.lemma_.lower() in DOERS
            for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj")):
        return None  # "a massacre attributed to a militia" names the doer; "attributed the deaths to suicides"
    if lemma == "use" and type_ == "ASSAULT" and not any(
            g.ent_type_ not in ("DATE", "TIME") for c in tok.children if c.dep_ == "prep" and c.lower_ in (
                "on", "against") for g in c.children if g.dep_ == "pobj"):
        return None  # "used a nerve agent on Wednesday"
    if lemma in ("search", "comb") and (subjects_of(tok) & RESCUERS or any(  # "rescue teams", "rescuers"
            m.lemma_.lower() in RESCUERS for c in tok.children if c.dep_ == "nsubj" for m in c.children) or any(
            g.lemma_.lower() in RESCUED | {"anyone", "survivor", "missing", "sign", "life"}
            for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children)):
        return None  # "rescuers searched the buildings for survivors"
    if lemma == "reach" and type_ == "AGREE" and (tok.dep_ == "acl" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        return None  # "deals reached with Israel" (the deal is the mention), "for a settlement to be reached"
    if lemma == "suspect" and tok.dep_ == "acl":
        return None  # "two nationals suspected by the West of the bombing": who they are
    if lemma == "negotiate" and tok.tag_ in ("VBD", "VBN") and obj & (DEAL_OBJ | TRUCES | {"fire"}):
        type_, mode = "AGREE", None  # "the US and Russia negotiated a cease-fire": one was reached
    if lemma == "riot" and type_ == "PROTEST" and {t.lemma_.lower() for t in tok.sent} & PRISON and \
            {t.lemma_.lower() for t in tok.sent} & DEADLY:
        type_, mode = "ASSAULT", "riot"  # a prison riot that kills is inmates fighting, not a protest
    if lemma == "rampage" and (subjects_of(tok) & PROTESTERS or (
            tok.dep_ == "pobj" and subjects_of(tok.head.head) & (PROTESTERS | {"mob", "crowd"}))):
        type_, mode = "PROTEST", "riot"  # "protesters went on the rampage"
    if lemma == "free" and type_ == "RETREAT" and any(
            g.lemma_.lower() in RUBBLE for h in (tok, *patients_of(tok)) for c in h.children
            if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"):
        return None  # "freed a woman from the rubble": a rescue
    if lemma == "release" and (
            (pos == "V" and objects_of(tok) & NOT_RELEASED)  # "released a report", "a statement released later"
            or (pos == "N" and mods & {"press", "news", "media"})):  # "a press release"
        return None
    if lemma == "meet" and (obj & NOT_MET or (pos == "V" and any(c.dep_ == "auxpass" for c in tok.children))):
        return None  # "met the demands"; "protesters were met with tear gas": a reception, not a meeting
    if lemma == "ask" and (not any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "for") or (
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children))  # "ask for X to"
                                   for c in tok.children) or readings.anonymous(tok)):
        return None
    if lemma == "request" and pos == "N" and (readings.anonymous(tok) or any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in NO_COMMENT for g in c.children)
            for c in tok.children)):
        return None  # "did not reply to requests for comment"
    if lemma == "pull" and type_ == "RETREAT" and {p.lemma_.lower() for p in patients_of(tok)} & RESCUED:
        return None  # "pulled people out of the rubble": a rescue
    if type_ == "AID" and pos == "N" and tok.dep_ in ("compound", "nmod") and \
            tok.head.lemma_.lower() in NOT_AID_HEADS:
        return None  # "the aid group", "aid workers": who, not an act of aid
    if lemma == "claim" and pos == "N" and type_ == "ACCUSE" and not (_claim_that(tok) or _rejected_claim(tok)):
        return None
    if lemma == "blame" and pos == "N" and tok.dep_ in ("compound", "amod"):
        return None  # "a blame game"
    if pos == "N" and tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and (
            tok.head.lemma_.lower() in PERSON_NOUNS or tok.head.lemma_.lower() in ORGANISERS):
        return None  # "the coup leaders", "attack survivors", "protest organisers": people, not the act
    if lemma == "sign" and not (obj & (DEAL_OBJ | {"treaty", "declaration", "memorandum", "contract"})):
        return None
    return Trigger(tok, type_, mode, weak, start, end)


ORGANISERS = {"organiser", "organizer", "plotter", "maker", "planner", "participant", "ringleader", "mastermind"}
INSTRUMENT_NOUNS = {"gas", "teargas", "cannon", "bullet", "ammunition", "round"}
RIOT_GEAR = {"police", "policeman", "officer", "squad", "unit", "gear", "shield", "control", "force", "trooper",
             "helmet", "van", "police-man", "cop"}
NO_COMMENT = {"comment", "interview", "response", "reaction", "information", "clarification", "confirmation",
              "anonymity"}
