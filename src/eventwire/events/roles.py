"""Who did it (actor1) and to whom (actor2), read off the dependency parse.

    roles(trigger, actors, doc, nominal_of) -> (actor1 head token | None, actor2 head token | None, via)

Verbs: active subject / object; passive "by"-agent / subject; a subject-less verb in a
conjunction or an xcomp inherits its governor's subject (object for "urged X to ...").
Nouns: possessive or adjectival/compound modifier ("Israel's raid", "Israeli military
campaign"), "by X"; target "on/against/of X"; a noun object of a support verb ("Hamas
launched an attack") takes the verb's subject.  A passive with no agent that happened
"in/during/by" a nominal trigger ("were killed in an Israeli campaign") takes the nominal's actor.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..actors import ActorTable
from ..figures.lexicon import PERSON_NOUNS
from .readings import BACKING

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "claim", "commit", "perpetrate", "order",
               "wage", "begin", "start", "continue", "resume", "escalate", "intensify", "step", "unleash",
               "hold", "reach", "sign", "announce", "impose", "broker", "mediate", "lead", "organize", "call",
               "accept", "admit", "take", "issue", "give", "deliver", "send", "serve", "plan", "orchestrate",
               "use", "fire", "put", "lay", "place", "pin", "shift", "level", "open", "set", "make"}
# "a series of attacks": the trigger stands in for its container noun
CONTAINERS = {"series", "wave", "spate", "string", "spree", "number", "round", "chain", "campaign"}
TARGET_PREPS = {"on", "against", "at", "upon"}
OF_TARGET = {"slaughter", "torture", "rape", "execution",
             "abduction", "kidnapping", "killing", "murder", "release", "arrest", "detention", "assassination",
             "deportation", "massacre", "shelling", "bombing", "siege", "blockade", "invasion", "bombardment",
             "slaying", "maiming", "wounding", "beating", "stabbing", "lynching", "expulsion", "capture",
             "seizure", "persecution", "kidnap", "detonation"}
AIM_VERBS = {"target", "aim", "direct"}
# Acts that a speaker charges another with: "said Pakistan had broken the ceasefire".
CHARGED_ACTS = {"plan", "orchestrate", "mastermind", "carry", "stage", "commit", "perpetrate", "order", "plot",
                "direct", "violate", "breach", "break"}
# More wrongdoing a speaker alleges (events/readings.py, alleged_wrongdoing): "said X had helped the rebels".
ALLEGED = BACKING | {"use", "stoke", "incite", "fuel", "foment", "seek", "try", "attempt", "conspire", "infringe"}
AUTHORING = {"say", "state", "write", "find", "conclude", "report", "document", "allege", "warn", "claim"}
PUBLISH = {"release", "publish", "issue", "carry", "conduct", "launch", "stage", "compile", "produce"}
# A victim written as a number ("injured another 15", "killing the three", "five more were wounded").
COUNT_WORDS = {"more", "others", "other", "another", "scores", "dozens", "hundreds", "thousands", "many",
               "several", "some", "all", "few"}
WITH_PARTNER = {"talk", "speak", "phone", "call", "negotiation", "meeting", "meet", "negotiate", "clash", "talks",
                "cooperate", "agree",
                "agreement", "deal", "truce", "ceasefire", "consult", "discuss", "summit", "confer", "cooperation"}
TO_PARTNER = {"appeal", "plead", "apologize", "apologise", "talk", "concede", "surrender", "yield"}
ACTOR_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
# Group and office nouns that name a participant even without a named entity.
GROUP_NOUNS = {"force", "army", "military", "government", "authority", "group", "militia", "body", "regime",
               "administration", "ministry", "agency", "service", "court", "council", "party", "opposition",
               "coalition", "alliance", "organization", "organisation", "general", "commander", "president",
               "chief", "governor", "mayor", "bomber", "gunman", "attacker", "assailant", "kidnapper", "terrorist",
               "prosecutor", "judge", "state", "country", "nation", "movement", "faction", "unit", "brigade",
               "battalion", "cell", "network", "company", "firm", "union", "embassy", "department", "office",
               "team", "crowd", "mob", "gang", "cartel", "junta", "parliament", "senate", "congress", "cabinet"}
NOT_ACTOR = {"death", "case", "life", "being", "body", "dead", "injured", "wounded", "missing", "toll", "number"}
NOT_TARGET = NOT_ACTOR - {"injured", "wounded", "dead"}  # "injured" as a noun is a victim
# Where words are published: "condemned the attack on Twitter" names no target.
MEDIA_PLATFORMS = {"twitter", "facebook", "telegram", "instagram", "youtube", "tiktok", "whatsapp", "television",
                   "radio", "website", "media", "x.com", "weibo"}
REL_PRONOUNS = {"who", "which", "that"}
# "used tear gas to disperse them": the user, not the gas, disperses.
INSTRUMENT_VERBS = {"use", "employ", "fire", "spray", "hurl", "throw", "launch", "deploy", "lob"}
# What is fired or thrown is the means, not the victim: "hurled rocks at troops", "exchanged fire with".
INSTRUMENTS = {"fire", "gunfire", "shot", "round", "bullet", "missile", "rocket", "shell", "mortar", "grenade",
               "stone", "rock", "brick", "bottle", "gas", "teargas", "canister", "salvo", "projectile", "bomb",
               "firebomb", "cocktail", "molotov", "explosive", "device", "weapon", "ammunition", "drone",
               # or the fight itself: "fought a fierce gunbattle"
               "battle", "gunbattle", "gunfight", "firefight", "war", "fight", "skirmish", "clash", "duel"}
# Verbs that put an act down to someone: "blamed on X", "pinned on X", "attributed to X", "claimed by X".
# Nominals for what is done to someone: their possessive names who it is done to ("Bazoum's detention",
# "his release", "Nijjar's killing"), unless an of-phrase names that ("Israel's release of prisoners").
PATIENT_NOUNS = {"detention", "arrest", "abduction", "kidnapping", "kidnap", "killing", "murder", "assassination",
                 "release", "capture", "execution", "expulsion", "deportation", "extradition", "imprisonment",
                 "jailing", "ouster", "overthrow", "removal", "torture", "beating", "lynching", "slaying", "death",
                 "disappearance", "sentencing", "conviction", "eviction", "internment", "incarceration"}
ACT_NOMINALS = OF_TARGET | PATIENT_NOUNS | {"attack", "raid", "coup", "takeover", "offensive", "incursion",
                                            "ambush", "crackdown", "assault", "airstrike", "shooting"}
PATIENT_POSSESSIVES = {"his", "her", "their", "my", "our"}
# Coercion done to people, whoever the noun names ("the station master was arrested")
HELD = {"arrest", "detain", "hold", "capture", "jail", "imprison", "apprehend", "nab", "deport", "expel", "intern",
        "remand", "round", "sentence", "convict", "charge", "handcuff", "abduct", "kidnap"}
CUSTODY = {"captivity", "custody", "detention", "prison", "jail", "hands"}
# Verbs that lay an act on someone: "pinned the attack on X", "put the killings on X".
PINNING = {"blame", "pin", "put", "lay", "place", "shift", "attribute"}
ATTRIBUTED = {"blame": "on", "pin": "on", "attribute": "to", "claim": "by"}
ACCUSING = {"blame", "accuse", "charge", "indict", "convict", "sentence", "condemn", "sue", "prosecute"}
RESPONSIBLE = {"responsible", "accountable", "answerable", "liable", "culpable", "guilty"}
# "declared a state of emergency": the state is a condition, not a country.
CONDITION_OF = {"emergency", "siege", "war", "alert", "insurrection", "disaster", "calamity", "mourning"}
QUANTITY = {"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands", "million",
            "millions", "number", "group", "some", "many", "most", "all", "several"}


def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in SUBJ and not _dateline_head(c):
            if c.lower_ in REL_PRONOUNS and tok.dep_ == "relcl":
                return tok.head
            return c
    if tok.pos_ in ("VERB", "AUX"):
        fronted = _fronted_subject(tok)
        if fronted is not None:
            return fronted
    if tok.pos_ == "NOUN":  # a verb the tagger took for a noun: "ECOWAS condemns ...", its subject a compound
        return next((c for c in tok.children if c.dep_ == "compound" and c.i < tok.i), None)
    return None


def _dateline_head(tok: Token) -> bool:
    """"BAMAKO, April 7 — ...": the parser may make the dateline's city the verb's subject."""
    return tok.i == tok.sent.start and tok.ent_type_ == "GPE" and any(
        c.ent_type_ == "DATE" for c in tok.children) and any(c.text in ("—", "–", "-", "--") for c in tok.subtree)


def _fronted_subject(verb: Token) -> Token | None:
    """"In a statement issued on Sunday, Mali, Niger and Chad recalled ...": the parser may hang the subject
    list on the fronted phrase's last noun ("Sunday"); the list runs up to the verb and names parties."""
    if any(c.dep_ in SUBJ or c.dep_ in PASS_SUBJ or c.dep_ == "expl" for c in verb.children):
        return None
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if before is None or before.dep_ != "conj" or before.ent_type_ not in ("GPE", "ORG", "NORP", "PERSON"):
        return None
    first = before
    while first.dep_ == "conj" and first.head.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    anchor = first.head  # the noun the parser hung the list on: it belongs to the fronted phrase
    if first.dep_ != "conj" or anchor.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or not any(
            c.dep_ == "prep" and c.i < verb.i and c.left_edge.i <= anchor.i <= c.right_edge.i
            for c in verb.children):
        return None
    return first


def actor1_head(tok: Token, is_verb: bool) -> Token | None:
    """The token that names a verbal trigger's doer: the active subject or the passive "by"-agent."""
    if not is_verb:  # "a report released by HRW and Amnesty": the publisher
        return _pobj(tok, {"by"}) or next((_pobj(c, {"by"}) for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                                           and c.lemma_.lower() in PUBLISH), None) or _author(tok)
    if any(c.dep_ in PASS_SUBJ or c.dep_ in ("auxpass", "agent") for c in tok.children):
        return _pobj(tok, {"by"})
    return _subject(tok)


def _author(tok: Token) -> Token | None:
    """ "HRW said in a report that ...": who says something in a document."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.lemma_.lower() in AUTHORING:
        return _subject(tok.head.head)
    return None


def conjoined_actors(doc: Doc, tok: Token, is_verb: bool, actors: ActorTable | None) -> list[str]:
    """The other actors conjoined with a trigger's doer: "A, B and C condemned the coup", "was condemned
    by the AU, the UN and the EU" -> the actors of B and C (one event each, as event coders code a
    reaction by several parties)."""
    head = actor1_head(tok, is_verb)
    if head is None and is_verb and tok.dep_ == "conj":  # "A, B and C condemned the killings and urged ..."
        head = _subject(tok.head)
    if head is None or actors is None:
        return []
    out: list[str] = []
    # (the parser may hang "B and C" of "A, B and C" on A as an apposition)
    stack = [c for c in head.children if c.dep_ == "conj" or (c.dep_ == "appos" and any(
        g.dep_ == "conj" for g in c.children))]
    while stack and len(out) < 12:
        c = stack.pop(0)
        found = actor_for(doc, c, actors)
        if found is not None and found not in out:
            out.append(found)
        stack.extend(g for g in c.children if g.dep_ == "conj")
    return out


def _naming(verb: Token, obj: Token) -> bool:
    """ "called the attack cowardly", "called the bombing an act of terror": the subject says what the act
    was, it did not do it (unlike "called a strike")."""
    return verb.lemma_.lower() in ("call", "make") and any(
        c.dep_ in ("oprd", "acomp", "xcomp") or (c.dep_ == "advmod" and c.i > obj.i) for c in verb.children)


def _inherited(tok: Token) -> Token | None:
    """A subject-less verb's actor: its conjunct's or governor's subject (object for 'urged X to')."""
    for left in tok.doc[max(tok.sent.start, tok.i - 4):tok.i]:
        # "..., and Israel in return released ...": a name the parser conjoined to the verb before is
        # this verb's subject
        if left.dep_ == "conj" and left.pos_ == "PROPN" and left.head.pos_ == "VERB" and left.head.i < left.i:
            return left
        if left.dep_ == "conj" and left.pos_ == "PROPN" and left.head.dep_ in ("pobj", "dobj", "npadvmod") and \
                tok.dep_ == "conj" and all(t.pos_ in ("ADV", "PUNCT") for t in tok.doc[left.i + 1:tok.i]):
            # "Hamas freed three hostages on Saturday and Israel released ...": the parser hung the name on
            # the object before "and"; right before the verb it is the verb's subject
            return left
    cur = tok
    for _ in range(3):
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "VERB":
            gov = cur.head.head  # "accused the army of committing ...": the accused did it
            obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
            return obj if obj is not None else _subject(gov)
        if cur.dep_ == "conj" or (cur.dep_ in ("xcomp", "advcl") and cur.head.pos_ in ("VERB", "AUX")):
            head = cur.head
            if cur.dep_ == "xcomp" and head.lemma_.lower() not in INSTRUMENT_VERBS:
                for c in head.children:  # "urged them to leave"; not "used tear gas to scatter"
                    if c.dep_ == "dobj":
                        return c
            s = _subject(head)
            if s is not None:
                return s
            cur = head
        else:
            break
    return None


def _accused(gov: Token) -> Token | None:
    """Whom an accusation names as the doer of what its for/of phrase holds: "blamed the rebels for the
    massacre", "accused X of the killing", "held the youths responsible for the killing"."""
    lemma = gov.lemma_.lower()
    if gov.dep_ in ("dobj", "nsubjpass") and gov.head.lemma_.lower() in ACCUSING:
        return gov  # the parser hung "of the shelling" on the accused
    if lemma in ACCUSING and gov.pos_ == "VERB":
        return next((c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if lemma in RESPONSIBLE:
        if gov.dep_ == "amod":  # "held the youths responsible for ..."
            return gov.head
        if gov.dep_ == "acomp":  # "the rebels were responsible for ..."
            return _subject(gov.head)
        subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
        if subj is not None:  # "considers the rebels answerable for ..."
            return subj
        return next((c for c in gov.head.children if c.dep_ == "dobj"), None)
    return None


def _pobj(tok: Token, preps: set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def patient_possessive(tok: Token) -> Token | None:
    """The possessive that names who a nominal act is done to: "Bazoum's detention", "his release"
    (a person's name, which the tagger may call an ORG; not a state's or a group's: "Hamas's arrest")."""
    if tok.lemma_.lower() not in PATIENT_NOUNS or _pobj(tok, {"of"}) is not None:
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    if poss.ent_type_ == "PERSON" or poss.lower_ in PATIENT_POSSESSIVES:
        return poss
    if poss.pos_ == "PROPN" and poss.ent_type_ not in ("GPE", "NORP", "FAC", "LOC") and poss.i == poss.left_edge.i \
            and poss.text.isalpha() and not poss.text.isupper():
        return poss  # a one-word name: "Bazoum's", not "the army's" nor "ECOWAS's"
    return None


def _place_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens the places stage read as a place name (computed once per document)."""
    cached = doc.user_data.get("eventwire_place_tokens")
    if cached is None:
        cached = set()
        for place in (doc._.eventwire_places if Doc.has_extension("eventwire_places") else None) or []:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and place.feature not in ("country", None):
                cached.update(range(span.start, span.end))
        doc.user_data["eventwire_place_tokens"] = cached
    return cached


def _modifier_actor(tok: Token) -> tuple[int, int] | None:
    """The character span of the possessive or the actor-like pre-modifiers of a nominal trigger."""
    for c in tok.children:
        if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"):
            patient = patient_possessive(tok)
            if patient is not None and patient.i == c.i:
                break  # who it was done to
            return c.left_edge.idx, c.idx + len(c.text)
    # "Israeli military campaign", "Taliban attack"; a place name as modifier is where, not who.
    placed = _place_tokens(tok.doc)
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and c.i not in placed
            and (c.ent_type_ in ("NORP", "ORG", "PERSON") or (c.pos_ == "PROPN" and not c.ent_type_)
                 or c.lemma_.lower() in {
                "military", "army", "police", "rebel", "militant", "government", "security", "insurgent"})]
    if not mods:
        return None
    first = min(m.left_edge.i for m in mods)
    last = max(m.i for m in mods)
    doc = tok.doc
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def actor_for(doc: Doc, tok: Token | None, actors: ActorTable | None, members: bool = True) -> str | None:
    """The actor id for a head token: an existing mention, a resolved pronoun/nominal, or a new actor
    when the head is a named entity or a person/group noun. With `members`, members act for their
    group ("fighters of the RSF"); victims stay who they are ("100 members of the agency were killed")."""
    if tok is None or actors is None:
        return None
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in ACT_NOMINALS:
        # An act is not a participant: "condemned Bazoum's detention" names no one condemned but the
        # detainers; "Israel's attack" names Israel.
        mod = _modifier_actor(tok)
        return span_actor(doc, mod, actors) if mod else None
    if tok.like_num or tok.lemma_.lower() in QUANTITY or (members and tok.lower_ in MEMBER_NOUNS):
        # "Dozens of Palestinians", "thousands of fighters"; members act for their group: "fighters of the RSF"
        of = _pobj(tok, {"of"})
        if tok.lower_ in MEMBER_NOUNS and of is None:  # "gunmen from the Islamic State", not "gunmen from Gao"
            of = _pobj(tok, {"from"})
            if of is not None and not any(t.ent_type_ in ("ORG", "NORP") for t in of.subtree) \
                    and not _organisation(doc, of, actors):
                of = None
        if of is not None and (tok.lower_ not in MEMBER_NOUNS or any(t.ent_type_ in ("ORG", "NORP", "GPE")
                                                                     for t in of.subtree)
                               or _organisation(doc, of, actors)):
            if tok.lower_ not in MEMBER_NOUNS:
                tok = of
            else:
                group = actor_for(doc, of, actors)
                if group is not None:  # the members' words are a mention of their group too
                    _mention(doc, actors, group, tok)
                    return group
    hit = actors.actor_at(tok.idx, tok.idx + len(tok.text))
    if hit is not None:
        return hit
    left = _left_edge(tok)
    # (and "dead" of "shot dead two employees", which the parser may put in the phrase)
    while left.i < tok.i and (left.dep_ in ("det", "predet", "punct", "cc", "nummod", "quantmod", "advmod")
                              or left.like_num or left.lower_ in ("dead", "alive")):
        left = left.nbor()
    left = _past_holder(tok, left)
    start, end = left.idx, tok.idx + len(tok.text)
    found = actors.resolve(doc, start, end)
    if found is not None:
        # ensure() also records this span as a mention of the actor, so the argument is findable here.
        return actors.ensure(doc, start, end)
    lemma = tok.lemma_.lower()
    if lemma in NOT_ACTOR or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    if tok.ent_type_ in ACTOR_ENTS or lemma in PERSON_NOUNS or tok.lower_ in PERSON_NOUNS or lemma in GROUP_NOUNS:
        return actors.ensure(doc, start, end)
    return None


ORGANISATIONS = {"military", "police", "intelligence", "government", "ministry", "armed_group", "party", "igo", "ngo",
                 "state"}


def _organisation(doc: Doc, tok: Token, actors: ActorTable) -> bool:
    """The phrase `tok` heads names an organisation ("the state prosecutor's office", "the health
    ministry"): its staff act for it."""
    found = actors.actor_at(tok.idx, tok.idx + len(tok.text)) or actors.resolve(
        doc, _left_edge(tok).idx, tok.idx + len(tok.text))
    actor = actors.get(found) if found is not None else None
    return actor is not None and actor.type in ORGANISATIONS


# Participles that say who holds a place: its holder is no part of what the place is.
CONTROLLED = {"held", "controlled", "occupied", "run", "dominated", "administered", "besieged"}
CLAUSE_LEFTS = {"prep", "advcl", "advmod", "npadvmod", "mark", "punct", "cc"}


def _past_holder(tok: Token, left: Token) -> Token:
    """Where a target's name starts past a modifier that says who holds it: "a rebel-held town", "a
    KNU-controlled village" name the town, not the group holding it."""
    held = [c.i for c in tok.children if c.dep_ in ("amod", "compound") and left.i <= c.i < tok.i
            and c.lower_ in CONTROLLED]
    return tok.doc[max(held) + 1] if held else left


def _left_edge(tok: Token) -> Token:
    """The first word of the phrase `tok` heads, not reaching back into the dateline the parser may
    hang on it ("MAIDUGURI, Nigeria, Sept 3 At least five villagers were shot")."""
    left = tok.left_edge
    lefts = list(tok.lefts)
    while lefts and lefts[0].dep_ in CLAUSE_LEFTS:
        # "According to the ministry, strikes ...": a phrase the parser hung on the head is no part of
        # the name (a head mis-tagged as a verb takes the sentence's opening phrase)
        lefts.pop(0)
        left = lefts[0].left_edge if lefts else tok
    doc = tok.doc
    dl = doc._.eventwire_dateline if Doc.has_extension("eventwire_dateline") else None
    if dl is not None and left.idx < dl.end <= tok.idx:
        span = doc.char_span(dl.end, tok.idx + len(tok.text), alignment_mode="expand")
        if span is not None and len(span):
            return span[0] if span[0].i <= tok.i else tok
    return left


def _mention(doc: Doc, actors: ActorTable, actor_id: str, tok: Token) -> None:
    """Record the noun phrase headed by `tok` (without its of/from phrase) as a mention of the actor."""
    actor = actors.get(actor_id)
    if actor is None:
        return
    actors.add_mention(actor, tok.left_edge.idx, tok.idx + len(tok.text), doc[tok.left_edge.i:tok.i + 1].text)


def target_for(doc: Doc, tok: Token | None, actors: ActorTable | None) -> str | None:
    """actor_for, widened for what violence is done to: a facility or other noun target ("a bakery",
    "the Christmas market") and victims written as numbers ("injured another 15")."""
    if tok is None or actors is None:
        return None
    if tok.lower_ in MEDIA_PLATFORMS and tok.dep_ == "pobj" and tok.head.lower_ == "on":
        return None
    found = actor_for(doc, tok, actors, members=False)
    if found is not None:
        return found
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") or tok.lemma_.lower() in NOT_TARGET:
        return None
    if tok.pos_ in ("NOUN", "PROPN") or tok.like_num or tok.lower_ in COUNT_WORDS:
        left = _left_edge(tok)
        while left.i < tok.i and left.dep_ in ("det", "predet", "punct", "cc", "quantmod", "advmod", "prep"):
            left = left.nbor()
        left = _past_holder(tok, left)
        return actors.ensure(doc, left.idx, tok.idx + len(tok.text))
    return None


def _aimed_at(tok: Token) -> Token | None:
    """The target of a nominal trigger named by a participle or relative clause: "bombings targeted
    at the military", "attacks, which seemed to be aimed at civilians", "an attack targeting police"."""
    stack = [(c, 0) for c in tok.children if c.dep_ in ("acl", "relcl")]
    while stack:
        cur, depth = stack.pop()
        if cur.lemma_.lower() in AIM_VERBS:
            hit = _pobj(cur, {"at", "against", "on"}) or next((c for c in cur.children if c.dep_ == "dobj"), None)
            if hit is not None:
                return hit
        if depth < 2:
            stack.extend((c, depth + 1) for c in cur.children if c.dep_ in ("xcomp", "ccomp", "conj"))
    return None


def span_actor(doc: Doc, span: tuple[int, int] | None, actors: ActorTable | None) -> str | None:
    if span is None or actors is None:
        return None
    return actors.actor_at(*span) or actors.resolve(doc, *span) or actors.ensure(doc, *span)


def roles(doc: Doc, tok: Token, is_verb: bool, actors: ActorTable | None,
          nominal_actor: dict[int, str | None], type_: str | None = None) -> tuple[str | None, str | None]:
    """(actor1, actor2) ids for the trigger token; nominal_actor maps nominal trigger token i -> actor1.
    For ASSAULT the recipient may be a facility or a number of victims (`target_for`)."""
    lemma = tok.lemma_.lower()
    # whom violence or an arrest is done to may be any noun ("the station master of Larissa was arrested")
    victim = target_for if type_ == "ASSAULT" or (type_ == "COERCE" and lemma in HELD) else actor_for
    a1: str | None = None
    a2: str | None = None
    if is_verb:
        passive = any(c.dep_ in PASS_SUBJ or c.dep_ in ("auxpass", "agent") for c in tok.children) or (
            tok.tag_ == "VBN" and tok.dep_ == "acl")
        if passive:
            subj = next((c for c in tok.children if c.dep_ in PASS_SUBJ), None)
            if subj is not None and subj.lower_ in REL_PRONOUNS and tok.dep_ == "relcl":
                subj = tok.head  # "Bazoum, who was still being held"
            if subj is None and tok.dep_ == "conj":  # "she was arrested and charged"
                subj = next((c for c in tok.head.children if c.dep_ in PASS_SUBJ), None)
            a2 = victim(doc, subj, actors)
            agent = _pobj(tok, {"by"})
            if agent is not None and agent.i in nominal_actor:
                a1 = nominal_actor[agent.i]
            elif agent is not None:
                a1 = actor_for(doc, agent, actors)
            if a1 is None:
                via = _pobj(tok, {"in", "during", "amid", "by"})
                if via is not None and via.i in nominal_actor:
                    a1 = nominal_actor[via.i]
            if a2 is None and tok.dep_ == "acl":  # "civilians killed in the raid"
                a2 = actor_for(doc, tok.head, actors)
            if a1 is None and type_ == "RETREAT":  # "let go from Russian captivity": whose captives they were
                held = _pobj(tok, {"from"}) or next((_pobj(c, {"from"}) for c in tok.children
                                                     if c.dep_ == "xcomp" and _pobj(c, {"from"}) is not None), None)
                if held is not None and held.lemma_.lower() in CUSTODY:
                    mod = _modifier_actor(held)
                    a1 = span_actor(doc, mod, actors) if mod else None
            if lemma in ATTRIBUTED and lemma != "claim":  # "the attack was blamed on X": X is the accused
                accused = _pobj(tok, {ATTRIBUTED[lemma]})
                if accused is not None:
                    a2 = actor_for(doc, accused, actors) or a2
        else:
            subj = _subject(tok) or _inherited(tok)
            a1 = actor_for(doc, subj, actors)
            if a1 is None and tok.dep_ == "pcomp" and tok.head.lower_ in ("for", "of"):
                # "admitted it was responsible for shooting X", "accused the militia of torching homes"
                a1 = actor_for(doc, _accused(tok.head.head), actors)
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and (obj.lemma_.lower() in INSTRUMENTS or lemma == "use" or (
                    obj.lemma_.lower() == "state" and _pobj(obj, {"of"}) is not None
                    and _pobj(obj, {"of"}).lemma_.lower() in CONDITION_OF)):
                obj = None  # the means ("hurled rocks at"), or a condition ("a state of emergency")
            a2 = victim(doc, obj, actors)
            if a2 is None and obj is not None and obj.pos_ == "PROPN" and actors is not None:
                a2 = actors.ensure(doc, obj.left_edge.idx, obj.idx + len(obj.text))  # a named target
            if a2 is None:
                preps = set(TARGET_PREPS)
                if lemma in WITH_PARTNER:
                    preps.add("with")
                if lemma in TO_PARTNER:
                    preps.add("to")
                if lemma == "call":
                    preps |= {"on", "upon"}
                if lemma == "exchange":
                    preps.add("with")  # "exchanged fire with the army"
                a2 = victim(doc, _pobj(tok, preps), actors)
            if a2 is None and type_ == "ACCUSE":  # "charged that the government was behind the murder"
                said = next((c for c in tok.children if c.dep_ == "ccomp"), None)
                a2 = actor_for(doc, _subject(said), actors) if said is not None else None
            if lemma in ATTRIBUTED and lemma != "claim":  # "blamed the attack on X": X is the accused
                accused = _pobj(tok, {ATTRIBUTED[lemma]})
                if accused is not None:
                    a2 = actor_for(doc, accused, actors) or a2
            if type_ == "ACCUSE" and tok.dep_ == "ccomp" and lemma in CHARGED_ACTS | ALLEGED and \
                    tok.head.pos_ == "VERB":
                # "police think the network planned the blasts": the police accuse the network
                a1, a2 = actor_for(doc, _subject(tok.head), actors), a1
            if lemma == "come" and _pobj(tok, {"under"}) is not None:  # "soldiers came under fire": the targets
                a1, a2 = None, victim(doc, subj, actors)
            if lemma == "die" or (lemma == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life"
                                                          for c in tok.children)):
                # the dead are the victims, not the attackers ("died", "lost their lives")
                a1, a2 = None, victim(doc, subj, actors) if a1 is None else a1
                via = _pobj(tok, {"in", "during", "amid", "from"})
                if via is not None and via.i in nominal_actor:
                    a1 = nominal_actor[via.i]
    elif tok.pos_ in ("ADJ", "ADP") and tok.head.lemma_.lower() == "be":
        a2 = actor_for(doc, _subject(tok.head), actors)  # "X was behind / responsible for the attack"
    elif type_ == "ACCUSE" and lemma == "fault" and tok.dep_ == "pobj":
        a2 = actor_for(doc, _subject(tok.head.head), actors)  # "Russia was at fault"
    elif type_ == "ACCUSE" and lemma == "work" and tok.dep_ == "attr":
        a2 = actor_for(doc, _pobj(tok, {"of"}), actors)  # "the bombing was the work of X"
    else:
        a1 = span_actor(doc, _modifier_actor(tok), actors) if _modifier_actor(tok) else None
        if a1 is None:
            a1 = actor_for(doc, _pobj(tok, {"by"}), actors)
        if a1 is None and type_ == "ACCUSE":  # "HRW said in a report that ..."
            a1 = actor_for(doc, _author(tok), actors)
        if a1 is None:  # "attacks carried out by the IRA"
            done = next((c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in LIGHT_VERBS | PUBLISH),
                        None)
            if done is not None:
                a1 = actor_for(doc, _pobj(done, {"by"}), actors)
        if a1 is None:  # "an attack blamed on the militia", "a massacre attributed to X": who the text names
            for c in tok.children:
                prep = ATTRIBUTED.get(c.lemma_.lower()) if c.dep_ in ("acl", "relcl") else None
                if prep is not None:
                    a1 = actor_for(doc, _pobj(c, {prep}), actors)
                    break
        if a1 is None and tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in ATTRIBUTED:
            a1 = actor_for(doc, _pobj(tok.head, {ATTRIBUTED[tok.head.lemma_.lower()]}), actors)  # "was blamed on X"
        pinned = type_ != "ACCUSE" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in PINNING
        if pinned:
            # "pinned the attack on a network", "blamed the bombing on X": X did it (whichever word the
            # parser hangs "on X" on), and the subject only says so
            prep = ATTRIBUTED.get(tok.head.lemma_.lower(), "on")
            accused = _pobj(tok.head, {prep}) or _pobj(tok, {prep})
            if accused is not None:
                a1 = actor_for(doc, accused, actors)
                if accused.head.head.i == tok.i:
                    return a1, None
        if tok.dep_ == "pobj" and tok.head.lower_ == "under" and tok.head.head.lemma_.lower() in ("come", "be"):
            a2 = a2 or victim(doc, _subject(tok.head.head), actors)  # "the convoy came under attack"
        if a1 is None and tok.dep_ == "pobj" and tok.head.lower_ == "behind" and tok.head.head.lemma_.lower() == "be":
            a1 = actor_for(doc, _subject(tok.head.head), actors)  # "X was behind the attack"
        if a1 is None and tok.dep_ == "pobj" and tok.head.lower_ in ("for", "of"):
            a1 = actor_for(doc, _accused(tok.head.head), actors)  # "blamed the rebels for the massacre"
        if a1 is None and type_ == "ASSAULT" and tok.dep_ == "pobj" and tok.head.lower_ == "with" and \
                tok.head.head.pos_ == "VERB":
            # the means of a verb's act: "police pushed the crowd back with tear gas" (police did it, to the
            # crowd); "protesters were met with tear gas" (done to them)
            gov = tok.head.head
            if any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in gov.children):
                a1 = actor_for(doc, _pobj(gov, {"by"}), actors)
                a2 = a2 or victim(doc, next((c for c in gov.children if c.dep_ in PASS_SUBJ), None), actors)
            else:
                a1 = actor_for(doc, _subject(gov) or _inherited(gov), actors)
                a2 = a2 or victim(doc, next((c for c in gov.children if c.dep_ == "dobj"), None), actors)
        pos = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in CONTAINERS:
            pos = tok.head.head  # "launched a series of attacks"
        if a1 is None and not pinned and pos.dep_ in ("dobj", "pobj", "nsubjpass") and \
                pos.head.lemma_.lower() in LIGHT_VERBS | {"for"}:
            gov = pos.head
            if gov.dep_ == "prep":  # "claimed responsibility for the attack"
                gov = gov.head.head if gov.head.dep_ == "dobj" else gov.head
            if gov.pos_ == "VERB" and gov.lemma_.lower() in LIGHT_VERBS and not _naming(gov, pos):
                if pos.dep_ == "nsubjpass" or any(c.dep_ == "nsubjpass" for c in gov.children):
                    # "the attacks were carried out by X"; "employees were given an ultimatum by their bosses"
                    a1 = actor_for(doc, _pobj(gov, {"by"}), actors)
                    if pos.dep_ == "dobj" and type_ != "ASSAULT":
                        a2 = actor_for(doc, next((c for c in gov.children if c.dep_ == "nsubjpass"), None), actors)
                else:
                    a1 = actor_for(doc, _subject(gov) or _inherited(gov), actors)
                    if a1 is None and gov.dep_ == "acl" and gov.head.pos_ == "NOUN":
                        poss = next((c for c in gov.head.children if c.dep_ == "poss"), None)
                        a1 = actor_for(doc, poss, actors)  # "the IRA's decision to carry out the attacks"
                    if type_ != "ASSAULT":  # "issued them a warning"
                        a2 = actor_for(doc, next((c for c in gov.children if c.dep_ in ("dative", "iobj")), None),
                                       actors)
                    elif pos.dep_ == "dobj" and gov.lemma_.lower() in INSTRUMENT_VERBS:
                        # "used tear gas on the crowd", "fired tear gas to disperse the protesters"
                        aim = _pobj(gov, TARGET_PREPS)
                        if aim is None:
                            purpose = next((c for c in gov.children if c.dep_ in ("xcomp", "advcl")), None)
                            aim = next((c for c in purpose.children if c.dep_ == "dobj"), None) if purpose else None
                        a2 = victim(doc, aim, actors)
        between = _pobj(tok, {"between"})
        if between is not None and type_ in ("ASSAULT", "CONSULT", "AGREE", "RETREAT"):
            other = next((c for c in between.children if c.dep_ == "conj"), None)
            if other is not None:  # "a battle between troops and gunmen", "talks between A and B"
                return actor_for(doc, between, actors), victim(doc, other, actors)
        preps = set(TARGET_PREPS)
        if lemma in OF_TARGET:
            preps.add("of")
        if lemma in WITH_PARTNER:
            preps |= {"with", "between"}
        a2 = a2 or victim(doc, _pobj(tok, preps), actors)
        if a2 is None and patient_possessive(tok) is not None:
            a2 = victim(doc, patient_possessive(tok), actors)
        if a2 is None and type_ == "ASSAULT":
            a2 = victim(doc, _aimed_at(tok), actors)
    if a1 is None and type_ == "ASSAULT":
        hands = _at_the_hands_of(tok)  # "two men died at the hands of soldiers"
        if hands is not None:
            a1 = actor_for(doc, hands, actors)
    if a1 is not None and a1 == a2:
        a2 = None
    return a1, a2


MEMBER_NOUNS = {"fighter", "fighters", "member", "members", "soldier", "soldiers", "troop", "troops", "militant",
                "militants", "gunman", "gunmen", "unit", "militiaman", "cadre",
                "operative", "loyalist", "supporter", "partisan", "insurgent", "insurgents", "rebel", "rebels",
                "jihadist", "jihadists", "extremist", "extremists", "militiamen", "combatant", "combatants", "staff",
                "personnel",
                "official", "officials", "officer", "officers", "agent", "agents", "employee", "employees"}
MEDIATOR_NOUNS = {"mediator", "broker", "intermediary", "go-between", "facilitator"}
PARTNER_NOUNS = {"partner", "counterpart", "interlocutor"}
NEGOTIATING = {"negotiate", "negotiating", "mediate", "mediating"}


def mediator(doc: Doc, sent: Span, actors: ActorTable | None) -> str | None:
    """The actor a sentence calls a mediator: "Norway, one of the main mediators", "the mediator,
    Egypt", "Norway, a mediator in the talks"."""
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in MEDIATOR_NOUNS:
            continue
        named = next((c for c in tok.children if c.dep_ == "appos"), None)
        if named is not None:
            return actor_for(doc, named, actors)
        cur = tok
        if cur.dep_ == "pobj" and cur.head.lower_ == "of":  # "one of the key mediators"
            cur = cur.head.head
        if cur.dep_ == "appos":
            return actor_for(doc, cur.head, actors)
        if cur.dep_ == "attr":  # "Qatar is the main mediator"
            return actor_for(doc, next((c for c in cur.head.children if c.dep_ == "nsubj"), None), actors)
    return None


def negotiating_partners(doc: Doc, tok: Token, actors: ActorTable | None) -> tuple[str | None, list[str]] | None:
    """For "Oslo and its negotiating partners, Kenya and Chile": (Oslo, [Kenya, Chile]); None when the
    token is not a partner noun modified by *negotiating*."""
    if tok.lemma_.lower() not in PARTNER_NOUNS or not any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in NEGOTIATING for c in tok.children):
        return None
    first = tok.head if tok.dep_ == "conj" else next((c for c in tok.children if c.dep_ == "poss"), None)
    named = next((c for c in tok.children if c.dep_ == "appos"), None)
    if named is None and tok.dep_ == "conj":  # the parser often hangs the apposition on the first conjunct
        named = next((c for c in tok.head.children if c.dep_ == "appos" and c.i > tok.i), None)
    others: list[str] = []
    while named is not None:
        found = actor_for(doc, named, actors)
        if found is not None and found not in others:
            others.append(found)
        named = next((c for c in named.children if c.dep_ == "conj"), None)
    return actor_for(doc, first, actors), others


def _at_the_hands_of(tok: Token) -> Token | None:
    """Who "at the hands of" names as the doer: "two men died at the hands of soldiers"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "at":
            for hands in c.children:
                if hands.dep_ == "pobj" and hands.lower_ == "hands":
                    return _pobj(hands, {"of"})
    return None
