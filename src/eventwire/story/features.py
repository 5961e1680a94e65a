"""What the story stage knows about each event mention: its token, its sentence, its tense, its
standing in the story.  One pass over the mentions; every lookup is a dict or a bisect.

    views(doc, events, figures, quotes, published) -> list[MentionView]
    group_features(members, story) -> dict[str, float]   (the learned scorer's input; names are stable)
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..events.lexicon import patients_of
from ..events.link import WEAPON_NOUNS, causes, sequel_complement
from ..figures.lexicon import PERSON_NOUNS
from ..quotes.cues import CLAUSE_VERBS
from ..schema import Event, Figure, Quote, Time

# Nouns that name a whole conflict or a state of affairs, not one incident.
GENERIC_NOUNS = {"war", "conflict", "violence", "hostility", "bloodshed", "insurgency", "unrest", "crisis",
                 "fighting", "rebellion", "uprising", "terrorism", "instability", "turmoil", "campaign",
                 "invasion", "occupation", "offensive", "conflicts", "wars"}
# Words of nature and accident: a death they cause is no one's attack.  (Not "fire", "explosion" or
# "collapse": attacks cause those too.)
NATURE = {"earthquake", "quake", "aftershock", "flood", "flooding", "floodwater", "landslide", "mudslide", "storm",
          "hurricane", "typhoon", "cyclone", "tornado", "wildfire", "bushfire", "tsunami", "drought",
          "heatwave", "avalanche", "eruption", "volcano", "lightning", "rainfall", "downpour",
          "monsoon", "blizzard", "outbreak", "cholera", "epidemic", "pandemic",
          "crash", "collision", "derailment", "accident", "capsize", "stampede",
          "disaster", "famine", "drown", "tremor", "magnitude", "rain", "rainstorm", "mud", "mudflow", "rockslide",
          "deluge", "inundation", "sinkhole", "snowstorm"}
# Words of nature also used of fire from weapons: "a rain of rockets", "a hail of bullets".
OF_WEAPONS = {"rain", "hail", "storm"}
# "an outbreak of ethnic bloodshed", "an eruption of violence": a word of nature used of violence.
VIOLENCE_NOUNS = GENERIC_NOUNS | {"clash", "clashes", "attack", "killing", "protest", "rioting", "riot", "anger",
                                  "gunfire", "shelling", "strike"}


def nature_words(tokens: Any) -> set[str]:
    """The words of nature or accident among `tokens`, less those used of violence ("an outbreak of
    fighting")."""
    out = set()
    for t in tokens:
        lemma = t.lemma_.lower()
        if lemma in NATURE and not any(c.dep_ == "prep" and c.lower_ == "of" and (lemma in OF_WEAPONS or any(
                g.dep_ == "pobj" and g.lemma_.lower() in VIOLENCE_NOUNS for g in c.children)) for c in t.children):
            out.add(lemma)
    return out


HABITUAL_ADVS = {"typically", "often", "usually", "frequently", "regularly", "routinely", "repeatedly",
                 "sometimes", "increasingly", "generally", "commonly", "periodically", "consistently", "continually",
                 "constantly", "persistently", "always", "traditionally"}
TREND_VERBS = {"step", "increase", "escalate", "intensify", "mount", "surge", "rise", "grow", "continue", "spread",
               "persist", "worsen", "spike", "soar", "decline", "drop", "fall", "ramp"}


TRUCES = {"ceasefire", "cease-fire", "truce", "armistice"}


@dataclass
class MentionView:
    """One event mention with what the story stage reads off its parse."""

    event: Event
    index: int  # position in the report's events
    token: Token | None
    sent_index: int  # sentence number in the document
    sent_start: int
    sent_end: int
    in_quote: bool
    quote_speaker: str | None
    tense: str  # "past", "perfect", "pluperfect", "present", "future", "nonfinite", "none"
    plural_bare: bool  # "attacks", "kidnappings": a plural noun with no determiner
    definite: bool  # "the attack", "this raid", "Sunday's attack"
    habitual: bool
    trend: bool
    generic_noun: bool
    nature_near: bool  # a word of nature in the sentence
    background: bool  # a background cue in the clause ("earlier", "last year", "had killed")
    clause_root: int  # token index of the clause the mention belongs to (relative and adverbial clauses apart)
    cumulative: bool  # linked to, or in a sentence with, a running-total figure
    figure_killed: bool
    published: str | None
    own_date: str | None  # the date the text gives the mention itself
    days_before: int | None  # publication date minus the mention's own date, in days
    say_day: str | None = None  # the day of the statement it is reported in
    sent: Span | None = None
    lemmas: frozenset[str] = frozenset()  # of its sentence
    earlier: bool = False  # in the earlier incident's phrase of "the attack comes after ..." / "... follows ..."
    new_weapon: bool = False  # done by a weapon the text introduces anew: "a car bomb in Hurria killed three"
    another: bool = False  # done by "another" (bomb, attacker): one more act, even within the sentence
    more_victims: bool = False  # done to "another 13 civilians", "a further ten": more than the act told
    by_weapon: bool = False  # done by a weapon or an attack: "the airstrike destroyed the prison"


def _governing_verb(tok: Token) -> Token:
    """The verb whose tense a mention takes: its own, or for a nominal the verb it hangs on."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head == cur:
            return cur
        cur = cur.head
    return cur


def _tense(verb: Token) -> str:
    if verb.pos_ not in ("VERB", "AUX"):
        return "none"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "shall", "'ll", "would", "could", "might", "may", "can", "should", "must", "wo"}:
        return "future"
    if "had" in words or "'d" in words:
        return "pluperfect"
    if (words & {"has", "have", "'s", "'ve"} and verb.tag_ == "VBN") or (
            words & {"has", "have"} and any(a.lower_ == "been" for a in auxes)):
        return "perfect"
    tag = verb.tag_
    if any(a.tag_ == "VBD" for a in auxes) or tag == "VBD":
        return "past"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes) or tag in ("VBZ", "VBP"):
        return "present"
    if tag == "VBN" and verb.dep_ in ("acl", "relcl"):
        return "past"
    return "nonfinite"


def _own_date(e: Event) -> str | None:
    return e.date if getattr(e, "date_from", None) == "text" else None


def _days_before(published: str | None, date: str | None) -> int | None:
    if not published or not date or len(date) < 10 or not date[:4].isdigit():
        return None
    try:
        from datetime import date as _d
        return (_d.fromisoformat(published[:10]) - _d.fromisoformat(date[:10])).days
    except ValueError:
        return None


def _say_day(doc: Doc, tok: Token, sent_times: list[Time]) -> str | None:
    """The day of the verb of saying the mention is reported under ("police said on Monday that ..."):
    what an act known only from that statement is dated by."""
    ancestors = {a.i for a in tok.ancestors}
    for t in sent_times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span.root.head
        if head.dep_ == "prep":
            head = head.head
        if head.i in ancestors and head.lemma_.lower() in CLAUSE_VERBS:
            return t.value[:10] if len(t.value) >= 10 and t.value[8:10].isdigit() else t.value
    return None


def views(doc: Doc, events: list[Event], figures: list[Figure], quotes: list[Quote],
          published: str | None, times: list[Time] | None = None) -> list[MentionView]:
    """A MentionView per event mention, in the events' order (linear in tokens and mentions)."""
    starts = [t.idx for t in doc]
    sents = list(doc.sents)  # once: Token.sent walks the sentence on every call
    day_times = sorted((t for t in times or [] if t.type == "DATE" and t.value[:4].isdigit()),
                       key=lambda t: t.start)
    day_starts = [t.start for t in day_times]
    sent_starts = [s.start_char for s in sents]
    qs = sorted(quotes, key=lambda q: q.start)
    q_starts = [q.start for q in qs]
    cumulative_sents: set[int] = set()
    for f in figures:
        if f.scope == "cumulative":
            cumulative_sents.add(bisect_right(sent_starts, f.start) - 1)
    out: list[MentionView] = []
    sent_lemmas: dict[int, frozenset[str]] = {}
    sent_nature: dict[int, bool] = {}
    for n, e in enumerate(events):
        tok = None
        if e.trigger is not None:
            i = bisect_right(starts, e.trigger.start) - 1
            tok = doc[i] if 0 <= i < len(doc) else None
        pos = e.trigger.start if e.trigger else (e.evidence.start if e.evidence else 0)
        si = bisect_right(sent_starts, pos) - 1
        sent = sents[si] if tok is not None and 0 <= si < len(sents) else None
        q = None
        k = bisect_right(q_starts, pos) - 1
        if k >= 0 and qs[k].start <= pos < qs[k].end:
            q = qs[k]
        if e.type == "RETREAT" and tok is not None and tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in TRUCES:
            # "kept a fragile ceasefire alive", "the truce brokered by Moscow": analysts code an agreed truce
            # (AGREE), not a withdrawal; the mention itself keeps its lexicon type
            e = e.model_copy(update={"type": "AGREE"})
        view = MentionView(
            event=e, index=n, token=tok, sent_index=si,
            sent_start=sent.start_char if sent is not None else pos,
            sent_end=sent.end_char if sent is not None else pos,
            in_quote=q is not None, quote_speaker=q.speaker if q is not None else None,
            tense="none", plural_bare=False, definite=False, habitual=False, trend=False,
            generic_noun=False, nature_near=False, background=False, clause_root=-1,
            cumulative=si in cumulative_sents or any(
                0 <= i < len(figures) and figures[i].scope == "cumulative" for i in e.figures),
            figure_killed=any(0 <= i < len(figures) and figures[i].category == "killed" for i in e.figures),
            published=published, own_date=_own_date(e), days_before=_days_before(published, _own_date(e)))
        view.sent = sent
        if sent is not None:
            if si not in sent_lemmas:  # each sentence's lemmas once: a long sentence may hold many mentions
                sent_lemmas[si] = frozenset(t.lemma_.lower() for t in sent)
                sent_nature[si] = bool(nature_words(sent))
            view.lemmas = sent_lemmas[si]
            view.nature_near = sent_nature[si]
        if tok is not None and sent is not None and not view.own_date:
            lo, hi = bisect_right(day_starts, sent.start_char - 1), bisect_right(day_starts, sent.end_char - 1)
            if lo < hi:
                said = _say_day(doc, tok, day_times[lo:hi])
                if said and len(said) >= 10 and said[8:10].isdigit():
                    view.say_day = said
                elif said and _long_ago(said, published):
                    view.background = True  # "In March, the group said it was responsible for ..."
        out.append(view)
    triggers = {v.token.i for v in out if v.token is not None}
    for v in out:
        if v.token is not None:
            _read_parse(v, v.token, triggers)
    return out


# Clauses on a person that tell what befell them ("the funeral of a man who was killed in a car
# bombing", "the governor, himself killed last week") tell another incident than their sentence.
# Adverbial, coordinated and other relative clauses ("raided a village, killing 12", "when gunmen
# attacked", "a missile fired by Ukraine struck it") tell the same one.
CLAUSE_DEPS = {"relcl", "acl", "appos"}


def _is_person(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in PERSON_NOUNS or tok.lower_ in PERSON_NOUNS


TIME_GAPS = {"day", "days", "hour", "hours", "week", "weeks", "month", "months", "year", "years", "minutes"}


def _time_gap(tok: Token) -> bool:
    """ "days after ...", "hours before ...": a clause or phrase set apart in time tells another incident."""
    return tok.lower_ in ("after", "before", "since") and any(
        c.dep_ == "npadvmod" and c.lower_ in TIME_GAPS for c in tok.children)


def _clause_root(tok: Token, triggers: set[int]) -> int:
    """The token heading the stretch of the sentence a mention sits in (see CLAUSE_DEPS)."""
    cur = tok
    for _ in range(12):
        if cur.head == cur or cur.dep_ == "parataxis" or (
                cur.dep_ in CLAUSE_DEPS and cur.head.i not in triggers and _is_person(cur.head)):
            return cur.i
        if _time_gap(cur) or any(_time_gap(c) for c in cur.children if c.dep_ == "mark"):
            return cur.i
        cur = cur.head
    return cur.i


def _reported(verb: Token) -> bool:
    """The verb is the content of a verb of saying ("said it had carried out"): its tense is backshifted."""
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "xcomp", "conj") or cur.head == cur:
            return False
        cur = cur.head
        if cur.lemma_.lower() in CLAUSE_VERBS:
            return True
    return False


PAST_CUES = {"earlier", "previously", "ago", "last", "once", "formerly"}


def _past_cue(verb: Token, tok: Token) -> bool:
    """An adverb or time phrase on the act itself that puts it in the past: "earlier this month",
    "two years ago", "last year" (not one inside another phrase of the clause)."""
    for head in {verb, tok}:
        for c in head.children:
            if c.dep_ in ("advmod", "npadvmod", "tmod") and (c.lower_ in PAST_CUES or any(
                    g.lower_ in PAST_CUES for g in c.children)):
                return True
            if c.dep_ == "prep" and any(g.dep_ == "pobj" and any(x.lower_ == "last" for x in g.children)
                                        for g in c.children):
                return True  # "in the last war"
    return False


def _long_ago(own: str | None, published: str | None) -> bool:
    """The mention's own date ends more than two weeks before publication: "in 2014", "in June"
    (of a story published in August), "on March 3" (of one published in May)."""
    if not own or not published or not own[:4].isdigit():
        return False
    from datetime import date, timedelta
    try:
        pub = date.fromisoformat(published[:10])
        year = int(own[:4])
        if len(own) >= 10 and own[4] == "-" and own[7] == "-" and own[8:10].isdigit():
            end = date.fromisoformat(own[:10])
        elif len(own) >= 7 and own[4] == "-" and own[5:7].isdigit():
            month = int(own[5:7])
            end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        elif len(own) == 4:
            end = date(year, 12, 31)
        else:
            return False
    except ValueError:
        return False
    return (pub - end).days > 14


TOLL_NOUNS = {"toll", "tally", "count", "number"}


def _toll_update(verb: Token, tok: Token) -> bool:
    """"The death toll from Wednesday's attack has risen to 36": what rises is one event's count, not a
    trend of events (the mention is the toll's own word or sits in the toll's phrase)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lemma_.lower() not in TOLL_NOUNS or not verb.is_ancestor(tok):
        return False
    return subject.left_edge.i <= tok.i <= subject.right_edge.i and tok.tag_ not in ("NNS", "NNPS")


def _what_a_kind_does(tok: Token) -> bool:
    """A simple present in a clause on a plural noun tells what a kind of party does: "criminal gangs
    that raid villages, kill and kidnap", "militias who attack farmers" (and their conjuncts)."""
    cur = tok
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head
    return tok.tag_ in ("VBP", "VBZ") and cur.dep_ == "relcl" and cur.head.tag_ in ("NNS", "NNPS")


def _introduced(noun: Token) -> bool:
    """The noun brings in one more weapon: "a car bomb in Hurria killed three", "a car bomb also blew up"
    (not "the bomb", nor "a suicide bomber detonated his vest", which may retell the attack)."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in noun.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "near") and any(
        g.pos_ == "PROPN" for g in c.subtree) for c in noun.children) or any(
        c.dep_ == "advmod" and c.lower_ == "also" for c in noun.head.children)


def _earlier_incident(tok: Token, triggers: set[int]) -> bool:
    """The mention tells the incident an act "comes after" or "follows" ("the attack comes after 37 civilians
    were killed", "it followed by two days an explosion"): the subject is an act or stands for one; "the
    reaction came after the president blamed the attack" recalls nothing earlier."""
    phrase = sequel_complement(tok)
    if phrase is None:
        return False
    subject = next((c for c in phrase.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.i in triggers or subject.lower_ in ("it", "this"))


ADDED = {"another", "further"}


def _more_victims(tok: Token) -> bool:
    """The act's victims are added to ones told before: "air raids killed another 13 civilians", "a
    further ten died", "another 350 people were arrested" (an act of its own, not the one told)."""
    victims = patients_of(tok)
    if tok.pos_ == "VERB" and not victims:
        victims = [c for c in tok.children if c.dep_ == "nsubj"]  # "a further ten died"
    return any(c.dep_ in ("det", "amod", "advmod") and c.lower_ in ADDED
               for v in victims for c in [*v.children, *(g for n in v.children if n.dep_ == "nummod"
                                                         for g in n.children)])


def _read_parse(view: MentionView, tok: Token, triggers: set[int]) -> None:
    view.clause_root = _clause_root(tok, triggers)
    verb = _governing_verb(tok)
    view.tense = _tense(verb)
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN"):
        dets = [c for c in tok.children if c.dep_ in ("det", "poss", "predet")]
        view.plural_bare = tok.tag_ in ("NNS", "NNPS") and not dets and not any(
            c.dep_ in ("nummod", "compound") and (c.like_num or c.ent_type_ in ("DATE", "GPE", "ORG", "NORP"))
            for c in tok.children)
        view.definite = any(c.lower_ in ("the", "this", "that", "these", "those") or c.dep_ == "poss" for c in dets)
        view.generic_noun = lemma in GENERIC_NOUNS or tok.lower_ in GENERIC_NOUNS
    view.habitual = any(c.lower_ in HABITUAL_ADVS for c in verb.children) or any(
        c.lower_ in HABITUAL_ADVS for c in tok.children) or _what_a_kind_does(tok)
    # "attacks have grown", "violence is rising": a trend; not "a rally ... quickly grew tense" (one event
    # named in the singular, the verb saying how it went)
    view.trend = verb.lemma_.lower() in TREND_VERBS and verb is not tok and not (
        tok.tag_ == "NN" and lemma not in GENERIC_NOUNS and any(c.dep_ in ("acomp", "oprd") for c in verb.children)) \
        and not _toll_update(verb, tok)
    view.earlier = _earlier_incident(tok, triggers)
    done_by = causes(tok)
    view.another = any(c.lower_ == "another" for c in done_by)  # "... and another exploded in Dora"
    view.new_weapon = view.another or any(c.lemma_.lower() in WEAPON_NOUNS and _introduced(c) for c in done_by)
    view.more_victims = _more_victims(tok)
    view.by_weapon = any(c.lemma_.lower() in WEAPON_NOUNS for c in done_by)
    view.background = view.background or view.earlier or (view.tense == "pluperfect" and not _reported(verb)) or \
        _past_cue(verb, tok) or \
        _long_ago(view.own_date, view.published)


def group_features(members: list[MentionView], context: dict[str, Any]) -> dict[str, float]:
    """Features of one group of mentions (a candidate story event) for the learned scorer: what its
    first mention is, and what any of its mentions says."""
    first = members[0]
    e = first.event
    f: dict[str, float] = {"bias": 1.0, f"type={e.type}": 1.0, f"tense={first.tense}": 1.0}
    tok = first.token
    if tok is not None:
        f["pos=verb" if tok.pos_ == "VERB" else "pos=noun"] = 1.0
        f[f"dep={tok.dep_}"] = 1.0
    actor_type = context["actor_type"]
    a1 = next((v.event.actor1 for v in members if v.event.actor1), None)
    a2 = next((v.event.actor2 for v in members if v.event.actor2), None)
    f["actor1_type=" + str(actor_type.get(a1 or "", "none"))] = 1.0
    f["actor2_type=" + str(actor_type.get(a2 or "", "none"))] = 1.0
    f["mode"] = float(any(v.event.mode for v in members))
    f["asserted"] = float(any(v.event.modality == "asserted" for v in members))
    f["place_attached"] = float(any(v.event.place is not None for v in members))
    days = [v.days_before for v in members if v.days_before is not None]
    if days:
        f["days_before<=1"] = float(0 <= days[0] <= 1)
        f["days_before<=7"] = float(1 < days[0] <= 7)
        f["days_before>7"] = float(days[0] > 7)
    elif any(v.own_date for v in members):
        f["vague_date"] = 1.0
    f["sent0"] = float(first.sent_index == 0)
    f["sent1-2"] = float(1 <= first.sent_index <= 2)
    f["sent_rel"] = first.sent_index / max(1, context["n_sents"])
    f["in_quote"] = float(all(v.in_quote for v in members))
    f["main"] = float(any(getattr(v.event, "main", False) for v in members))
    f["mentions>1"] = float(len(members) > 1)
    f["mentions>3"] = float(len(members) > 3)
    f["figure"] = float(any(v.event.figures for v in members))
    f["figure_killed"] = float(any(v.figure_killed for v in members))
    f["cumulative"] = float(any(v.cumulative for v in members))
    f["plural_bare"] = float(first.plural_bare)
    f["definite"] = float(first.definite)
    f["generic_noun"] = float(all(v.generic_noun for v in members))
    f["nature_near"] = float(any(v.nature_near for v in members))
    f["nature_story"] = float(context["nature"])
    f["background"] = float(all(v.background for v in members))
    f["content"] = float(any(getattr(v.event, "content_type", None) is not None for v in members))
    return f


def reciprocal(tok: Any) -> bool:
    """A fight told as reciprocal: "fought each other", "attacked one another", "clashed with each other"."""
    if tok is None:
        return False
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
             if g.dep_ == "pobj"]
    return any((o.lower_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in o.children))
               or (o.lower_ == "another" and o.i > 0 and o.doc[o.i - 1].lower_ == "one") for o in objs)


MUTUAL_WORDS = {"accusation", "blame", "charge", "insult", "threat", "barb", "recrimination", "criticism", "warning"}


def mutual_statement(tok: Any) -> bool:
    """A statement the parties make about each other: "accused each other", "blamed one another", "each
    accusing the other", "traded accusations", "exchanged threats"."""
    if tok is None:
        return False
    if reciprocal(tok):
        return True
    if any(c.dep_ == "dobj" and c.lower_ == "other" and any(d.lower_ == "the" for d in c.children)
           for c in tok.children) and any(t.lower_ == "each" for t in tok.sent if t.i < tok.i):
        return True  # "A and B each put out statements accusing the other"
    return tok.lemma_.lower() in MUTUAL_WORDS and tok.tag_ == "NNS" and tok.dep_ == "dobj" and \
        tok.head.lemma_.lower() in ("trade", "exchange", "swap", "hurl")
