"""Which event mentions can be story-level events.

Rules: what analysts never code, whatever the wording.  (Which of the remaining events they code
is the learned scorer's call, made on whole groups of mentions: ``story/scorer.py``.)  Every
dropped mention stays in ``Report.events`` with its modality; only the story records skip it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..events.modality import announced
from .features import GENERIC_NOUNS, MentionView

if TYPE_CHECKING:
    from .resolve import Story

NOT_CODED_MODALITY = {"hypothetical", "negated", "planned"}
# Attackers that make a death an attack even in a disaster-laden sentence ("gunmen set fire to ...").
ARMED_TYPES = {"military", "armed_group", "state", "government", "police"}
# Verbal acts whose object is no event: "did not reply to requests for comment".
# Casualty words that report a death or injury without saying anyone caused it.
CASUALTY_ONLY = {"kill", "die", "death", "dead", "injure", "hurt", "wound", "burn", "lose"}
# Causes that are no one's act: "a fire broke out ..., killing three", "the blaze killed", "the crash left".
ACCIDENT_CAUSES = {"fire", "blaze", "flame", "collapse", "crash", "accident", "smoke", "heat", "stampede",
                   "derailment", "collision", "fumes", "leak", "short-circuit", "electrocution"}
ACCIDENT_VERBS = {"collide", "derail", "capsize", "overturn", "crash", "sink", "plunge", "topple", "collapse"}
COUNTED = {"dozen", "dozens", "hundreds", "scores", "thousands", "number", "series", "wave", "spate"}
DISPLACING = {"force", "displace", "drive", "uproot", "chase"}
ANONYMITY = {"name", "identify", "quote", "disclose"}
NO_EVENT_OBJECTS = {"comment", "comments", "clarification", "information", "details", "confirmation"}


# Background acts analysts code: discrete attacks, seizures and coups, deployments, agreements and releases
# (CONVENTIONS: "a dated past attack, a named ceasefire"). A statement, a protest or a sanction
# months before the report is background the report recalls, not an event of its own.
BACKGROUND_CODED = {"ASSAULT", "COERCE", "MOBILIZE", "AGREE", "RETREAT"}
BACKGROUND_DAYS = 60


def _age_days(published: str | None, date: str | None) -> int | None:
    """Days from the end of the period a date names ("2013", "2024-06", "2024-06-18") to publication."""
    if not published or not date or not date[:4].isdigit():
        return None
    from datetime import date as day
    try:
        pub = day.fromisoformat(published[:10])
        if len(date) >= 10:
            end = day.fromisoformat(date[:10])
        elif len(date) == 7 and date[5:7].isdigit():
            month = int(date[5:7])
            end = day(int(date[:4]) + month // 12, month % 12 + 1, 1)  # the first day after the month
        elif len(date) == 4:
            end = day(int(date[:4]) + 1, 1, 1)
        else:
            return None
    except ValueError:
        return None
    return (pub - end).days


def rule_out(v: MentionView, story: Story) -> str | None:
    """Why analysts would not code this mention as an event of its own (None: they might)."""
    e = v.event
    tok = v.token
    if v.index in story.folded:
        return "attribution"
    if e.modality in NOT_CODED_MODALITY and not (
            e.modality == "planned" and e.type == "SANCTION" and tok is not None and announced(tok)):
        return "modality"  # (a sanction a state says it is taking is taken: "said the envoy would be expelled")
    if getattr(e, "phase", None) == "ended":
        return "ended"
    if v.habitual or v.trend:
        return "habitual"
    if e.type not in BACKGROUND_CODED:
        age = _age_days(v.published, v.own_date)
        if age is not None and age > BACKGROUND_DAYS:
            return "background"  # "the sanctions imposed in 2014", "rebels who rejected the 2016 deal"
    # ("an army offensive this year": a year or a month is no incident's date)
    if v.generic_noun and (v.own_date is None or len(v.own_date) <= 7) and e.place is None and not e.figures:
        return "generic"
    if v.plural_bare and (v.own_date is None or len(v.own_date) <= 7) and not e.figures and not v.definite and \
            not _done_once(v) and (
            e.place is None or story.places[e.place].feature in ("country", "water", None)):
        return "generic"  # "ISIS attacks in Iraq and Syria", "kidnappings for ransom"
    if e.type in ("ACCUSE", "REJECT") and tok is not None and tok.tag_ in ("VBZ", "VBP") and not v.own_date and \
            tok.lemma_.lower() in STANDING_VERBS and not v.in_quote and not _answers_one(tok):
        return "standing"  # "the army denies accusations of atrocities", "the coalition, which accuses X of ..."
    if e.type == "ACCUSE" and tok is not None and tok.lemma_.lower() in ("blame", "attribute", "responsible") and \
            any(_pattern_of_acts(t) for t in _blamed(tok)):
        return "generic"  # "most of the attacks are blamed on X", "rising violence blamed on X": a pattern
    if e.type == "MOBILIZE" and tok is not None and tok.tag_ == "VBN" and tok.dep_ == "acl" and \
            tok.sent.root.tag_ in ("VBD", "VBZ", "VBP", "MD"):  # (a sentence with a finite verb is no misparse)
        return "description"  # "the forces stationed there", "a unit dispatched from Baghdad killed ..."
    if e.type == "ASSAULT":
        armed = story.actor_type.get(e.actor1 or "") in ARMED_TYPES
        if any(story.cumulative(i) for i in e.figures) and not armed:
            return "running total"
        if (v.nature_near or story.nature) and not armed and (tok is None or tok.lemma_.lower() in (
                "die", "kill", "death", "dead", "injure", "hurt", "wound", "destroy", "lose")):
            return "nature"
    if e.type == "COERCE" and tok is not None and tok.lemma_.lower() in DISPLACING and (v.nature_near or story.nature) \
            and story.actor_type.get(e.actor1 or "") not in ARMED_TYPES:
        return "nature"  # "677 families forced from their homes found shelter" in a flood story: the water's doing
    if e.type == "AGREE" and tok is not None and tok.pos_ == "NOUN" and _left_behind(tok):
        return "referenced"  # "pulled out of the nuclear deal": the leaving is the event, not the deal
    if tok is not None and not v.definite and _alleged(tok):
        return "allegation"  # "whom Washington has accused of genocide", "accused the rebels of breaking the
        # truce": what the accusation says, no incident of its own
    if e.type in ("ASSAULT", "COERCE") and tok is not None and _over_a_period(tok):
        return "generic"  # "fighting between the two communities between 1999 and 2007 killed 50,000"
    if e.type == "ASSAULT" and tok is not None and tok.lemma_.lower() in CASUALTY_ONLY:
        if not e.actor1 and _accidental(tok):
            return "accident"
        if _in_the_war(tok):
            return "generic"  # "hundreds of thousands died in the civil war", "in its campaign X has killed"
    if e.type == "REQUEST" and tok is not None and _petition_or_directive(tok):
        return "no event"  # "his lawyers asked the court to free him", "the president ordered the government to pay"
    if e.type == "REQUEST" and tok is not None and (any(
            g.lower_ in NO_EVENT_OBJECTS for c in tok.children if c.dep_ == "prep" for g in c.children) or any(
            c.dep_ == "xcomp" and c.lemma_.lower() in ANONYMITY for c in tok.children)):
        return "no event"  # "did not reply to requests for comment", "a source who asked not to be named"
    return None


SHARE_OF_ACTS = {"most", "many", "some", "all", "much", "several", "half", "majority", "bulk", "dozens", "hundreds"}
# Verbs whose simple present tells a position held, not a statement made.
STANDING_VERBS = {"deny", "reject", "accuse", "blame", "dispute", "charge"}


# What a blame names when it names a state of things, not an act: "violence blamed on Boko Haram".
CONDITIONS = {"violence", "insecurity", "unrest", "instability", "bloodshed", "insurgency", "lawlessness", "crime",
              "terrorism"}
TREND_WORDS = {"rising", "growing", "increasing", "mounting", "escalating", "worsening", "recent", "past", "numerous",
               "countless", "frequent", "repeated"}


def _blamed(tok: Token) -> list[Token]:
    """What a blame is for: "X is blamed on", "blamed X on", "violence blamed on" (the noun the participle
    describes), "responsible for X"."""
    out = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        out.append(tok.head)
    out += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children if g.dep_ == "pobj"]
    return out


def _pattern_of_acts(noun: Token) -> bool:
    """"most of the attacks", "rising violence", "many of the bombings", "numerous attacks": many acts or a
    state of things, not one act."""
    if noun.lower_ in SHARE_OF_ACTS:
        return True
    if noun.lemma_.lower() in CONDITIONS:  # (not "the violence on Sunday": one outbreak)
        return not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
                       for c in noun.children)
    return noun.tag_ == "NNS" and any(c.lower_ in TREND_WORDS | SHARE_OF_ACTS for c in noun.children
                                      if c.dep_ in ("amod", "det", "nummod", "advmod"))


def _answers_one(tok: Token) -> bool:
    """The denial answers one accusation of the story: "Russia denies the accusation"."""
    return any(c.dep_ == "dobj" and c.tag_ == "NN" and any(d.lower_ in ("the", "this", "that") for d in c.children)
               for c in tok.children)


def select(mention_views: list[MentionView], story: Story) -> list[MentionView]:
    """The mentions that may be story events (the rest are left in ``Report.events`` only)."""
    arrests = {v.sent_index for v in mention_views if v.event.type == "COERCE" and v.event.mode in ARRESTS}
    return [v for v in mention_views if rule_out(v, story) is None and not _police_raid(v, story, arrests)]


ARRESTS = {"arrest", "detention", "search"}
RAIDS = {"raid", "sweep", "swoop"}
POLICING = {"police", "military", "intelligence", "state", "government"}


def _police_raid(v: MentionView, story: Story, arrests: set[int]) -> bool:
    """A raid by police or troops that makes arrests in the same sentence is the arrest operation (COERCE),
    not an attack: "police raided private homes and picked up 150 suspects", "arrested after a raid"."""
    e = v.event
    return e.type == "ASSAULT" and v.token is not None and v.token.lemma_.lower() in RAIDS and \
        v.sent_index in arrests and (e.actor1 is None or story.actor_type.get(e.actor1) in POLICING) and \
        not e.figures


def _done_once(v: MentionView) -> bool:
    """A plural act that a past verb of its sentence did, on a day ("Beijing on Saturday announced
    sanctions on ...", "China imposed sanctions on four entities"): one act, not a kind of act."""
    tok = v.token
    if tok is not None and v.event.type == "PROTEST" and tok.dep_ == "nsubj" and tok.head.tag_ == "VBD":
        return True  # "demonstrators broke windows and tried to storm the city hall": a crowd did it, once
    if tok is not None and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "nsubj" and (
            tok.head.head.like_num or tok.head.head.lemma_.lower() in COUNTED):
        tok = tok.head.head  # "dozens of other arrests took place"
    if tok is not None and tok.dep_ == "nsubj" and tok.head.tag_ == "VBD" and (
            tok.head.lemma_.lower() in ("occur", "happen") or (tok.head.lemma_.lower() == "take" and any(
                c.dep_ == "dobj" and c.lower_ == "place" for c in tok.head.children))):
        return True  # "arrests took place in three provinces": they happened
    if tok is None or tok.dep_ not in ("dobj", "nsubjpass") or tok.head.pos_ != "VERB" or v.tense != "past":
        return False
    return any(c.ent_type_ in ("DATE", "TIME") for c in tok.head.subtree if c.i != tok.i) or any(
        c.dep_ == "prep" and c.lower_ in ("on", "against", "to") for c in tok.children)


def _accidental(tok: Token) -> bool:
    """The death or injury is caused by a fire, a collapse, a crash ... (the subject of the trigger, or
    of the clause a participle hangs on: "a fire broke out ..., killing three")."""
    verbs = [tok]
    cur = tok
    for _ in range(2):  # "two trains collided head-on, leaving 36 dead": up through the participle
        if cur.dep_ not in ("advcl", "conj", "xcomp", "acomp", "oprd", "ccomp") or cur.head == cur:
            break
        cur = cur.head
        verbs.append(cur)
    if any(v.lemma_.lower() in ACCIDENT_VERBS for v in verbs[1:]):
        return True  # "collided", "derailed", "capsized": no one's act
    for c in tok.children:  # "died when a tunnel collapsed", "lost their lives after a fire broke out"
        if c.dep_ == "advcl" and (c.lemma_.lower() in ACCIDENT_VERBS or any(
                g.dep_ in ("nsubj", "nsubjpass") and g.lemma_.lower() in ACCIDENT_CAUSES for g in c.children)):
            return True
    for verb in verbs:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass", "agent") and (c.lemma_.lower() in ACCIDENT_CAUSES or any(
                    g.lemma_.lower() in ACCIDENT_CAUSES for g in c.children if g.dep_ == "pobj")):
                return True
            if c.dep_ == "prep" and c.lower_ in ("in", "by", "from") and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in ACCIDENT_CAUSES for g in c.children):
                return True  # "died in the fire", "killed by the blaze"
    return False


def _in_the_war(tok: Token) -> bool:
    """A death told as part of a war, a conflict or the violence at large, not of one incident."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "during", "since", "throughout") and any(
        g.dep_ == "pobj" and g.lemma_.lower() in GENERIC_NOUNS for g in c.children) for c in tok.children)


# Words whose "of" (or "with") phrase is what someone is said to have done: "accused of genocide",
# "charged with murder", "suspected of kidnapping", "allegations of torture".
ALLEGING = {"accuse", "charge", "convict", "suspect", "guilty", "accusation", "allegation", "indict", "acquit",
            "innocent", "prosecute", "try"}


def _alleged(tok: Token) -> bool:
    """A nominal act that an accusation or charge names ("accused of genocide in Darfur", "charged with
    murder") and no day dates: the accusation is the event, the act it names is a description."""
    if not ((tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj") or (tok.pos_ == "VERB" and tok.dep_ == "pcomp")) \
            or tok.head.lower_ not in ("of", "with", "for"):
        return False
    if any(c.ent_type_ in ("DATE", "TIME") for c in tok.subtree):
        return False
    return tok.head.head.lemma_.lower() in ALLEGING


def _over_a_period(tok: Token) -> bool:
    """The act is told over a span of months or years ("between 1999 and 2007", "from 2014 to 2017"): a war
    or a campaign as a whole, not one incident."""
    owners = {tok.i, tok.head.i}
    for c in tok.sent:
        if c.dep_ != "prep" or c.lower_ not in ("between", "from") or not _hangs_on(c, owners):
            continue
        starts = [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "DATE"]
        if not starts:
            continue
        first = starts[0]
        if c.lower_ == "between":
            ends = [g for g in first.children if g.dep_ == "conj" and g.ent_type_ == "DATE"]
        else:
            ends = [g for x in [*c.head.children, *c.children, *first.children]
                    if x.dep_ == "prep" and x.lower_ in ("to", "until", "through", "till")
                    for g in x.children if g.dep_ == "pobj" and g.ent_type_ == "DATE"]
        if any(_years_apart(first, end) for end in ends):
            return True
    return False


def _years_apart(a: Token, b: Token) -> bool:
    """Two dates a span runs between that name different years ("1999" ... "2007")."""
    ya = next((t.text for t in a.subtree if t.text.isdigit() and len(t.text) == 4), None)
    yb = next((t.text for t in b.subtree if t.text.isdigit() and len(t.text) == 4), None)
    return ya is not None and yb is not None and ya != yb


def _hangs_on(tok: Token, owners: set[int]) -> bool:
    """The phrase belongs to the act's clause: it hangs on the act, its verb, or a noun of theirs ("fighting
    between the two communities between 1999 and 2007 killed ..."), not inside a clause of its own."""
    cur = tok
    for _ in range(5):
        if cur.head == cur or cur.dep_ in ("relcl", "acl", "advcl", "ccomp", "conj", "appos"):
            return False
        cur = cur.head
        if cur.i in owners:
            return True
    return False


# Verbs of leaving an agreement: the agreement they name was made before (the leaving is the event).
LEAVING = {"withdraw", "pull", "quit", "leave", "exit", "abandon", "scrap", "renounce", "suspend", "withdrawal",
           "departure"}


def _left_behind(tok: Token) -> bool:
    """An agreement named as what someone leaves: "pulled out of the deal", "withdrew from the accord",
    "quit the pact", "its withdrawal from the treaty"."""
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in LEAVING:
        return True
    if tok.dep_ != "pobj" or head.lower_ not in ("from", "of"):
        return False
    verb = head.head
    if verb.lower_ == "out":  # "pulled out of": "of" hangs on "out"
        verb = verb.head
    return verb.lemma_.lower() in LEAVING and (head.lower_ == "from" or verb.i != head.head.i or
                                               verb.pos_ == "NOUN")


COURTS = {"court", "judge", "tribunal", "magistrate", "prosecutor", "jury"}
LITIGANTS = {"lawyer", "attorney", "prosecutor", "counsel", "defence", "defense", "plaintiff"}
DIRECTIVES = {"order", "instruct", "direct", "task", "tell"}
SUBORDINATES = {"government", "ministry", "minister", "police", "army", "military", "agency", "authority",
                "official", "cabinet", "department", "force", "governor", "officer", "commission"}


def _petition_or_directive(tok: Token) -> bool:
    """A request event data does not code: a petition in a court ("his lawyers asked the court to free him",
    "a judge was asked to allow ..."), or a leader's directive to their own administration ("the president
    ordered the government to compensate the families")."""
    addressees = [c for c in tok.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    addressees += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                   for g in c.children if g.dep_ == "pobj"]
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if any(a.lemma_.lower() in COURTS for a in addressees) or any(
            s.lemma_.lower() in LITIGANTS for s in subjects):
        return True
    # a directive to the country's own bodies, told without naming another state's
    return tok.lemma_.lower() in DIRECTIVES and any(a.lemma_.lower() in SUBORDINATES and not any(
        c.ent_type_ in ("GPE", "NORP") or c.dep_ == "poss" for c in a.children) for a in addressees)
