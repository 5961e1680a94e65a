"""Place, date and figures of an event, from the clause outwards.

* place: a place mention inside the trigger's clause (place_precision "clause"), else in the
  sentence ("sentence"), else the dateline's first place ("dateline"), else none.
* date: a DATE (or a TIME on a known day) in the clause, else in the sentence (date_from "text"),
  never one that dates the verb of saying that reports the event; else the publication date
  (date_from "published").
* figures: each casualty/captive figure of a sentence goes to the nearest compatible event of that
  sentence (killed/injured/missing -> ASSAULT; abducted -> ASSAULT abduct or COERCE; detained ->
  COERCE; released -> RETREAT; evacuated/displaced -> COERCE), preferring one whose clause holds it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Span, Token

from ..schema import Figure, Place, Time

CLAUSE_HEAD_DEPS = {"ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "csubj"}

FIGURE_TYPES: dict[str, tuple[str, ...]] = {
    "killed": ("ASSAULT",), "injured": ("ASSAULT",), "missing": ("ASSAULT",),
    "abducted": ("ASSAULT", "COERCE"), "detained": ("COERCE",), "released": ("RETREAT",),
    "evacuated": ("COERCE",), "displaced": ("COERCE", "ASSAULT"),
}


def clause_of(tok: Token) -> tuple[int, int]:
    """Character span of the smallest verbal clause around the trigger."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") and (cur.dep_ in CLAUSE_HEAD_DEPS or cur.head == cur):
            break
        if cur.head == cur:
            break
        cur = cur.head
    left, right = cur.left_edge, cur.right_edge
    return left.idx, right.idx + len(right.text)


LOC_PREPS = {"in", "at", "near", "on", "across", "outside", "inside", "around", "throughout", "into", "over",
             "along", "off", "within", "between", "towards", "toward", "by"}


def _attached_spans(trig: Token) -> list[tuple[int, int]]:
    """Character spans where the text says where the event happened: the trigger's locative PPs
    ("killed in Kavo"), a nominal's pre-modifiers ("the Kavo bombing"), and, for a nominal that is
    its verb's subject or object, the verb's locative PPs ("launched an attack on Tolva")."""
    spans = []
    heads = [trig]
    # "killed 14 soldiers in Maridi": the parser often hangs the PP on the object
    heads += [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass") and trig.pos_ == "VERB"]
    if trig.pos_ != "VERB" and trig.dep_ in ("nsubj", "nsubjpass", "dobj") and trig.head.pos_ in ("VERB", "AUX"):
        heads.append(trig.head)
    if trig.dep_ == "pobj" and trig.head.dep_ == "prep" and trig.head.head.pos_ in ("VERB", "AUX"):
        heads.append(trig.head.head)  # "killed in an attack in Kavo": the attack's PPs are the verb's
    for h in heads:
        for c in h.children:
            if (c.dep_ == "prep" and c.lower_ in LOC_PREPS) or (
                    h is trig and c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.i < trig.i):
                spans.append((c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
    return spans


# What does the harm in "a car bomb in Samawah killed three", "were wounded by a rocket in Ashdod": where the
# weapon struck is where the act happened.
WEAPON_NOUNS = {"bomb", "bombing", "blast", "explosion", "explosive", "device", "ied", "rocket", "missile", "shell",
                "mortar", "drone", "strike", "airstrike", "raid", "grenade", "mine", "landmine", "shelling", "attack",
                "bomber", "suicide", "barrage", "salvo", "fire", "gunfire"}


def causes(trig: Token) -> list[Token]:
    """The noun that does the harm a verbal trigger tells: its active subject, its passive "by"-agent, or
    the subject of "left ... dead" that the trigger completes."""
    verb = trig
    if trig.dep_ in ("acomp", "oprd", "ccomp", "xcomp") and trig.head.lemma_.lower() == "leave":
        verb = trig.head  # "a car bomb ... left two people dead"
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    out = [c for c in verb.children if c.dep_ == "nsubj"]
    # "were killed and 20 wounded by a car bomb": the last conjunct's agent is both verbs'
    for v in [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]:
        out += [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return out


def pick_place(sent: Span, clause: tuple[int, int], trig: Token, places: list[tuple[int, Place]],
               dateline_place: int | None, targets: bool = False) -> tuple[int | None, str | None]:
    """(place index, precision). precision "attached": the text ties the place to the event;
    "clause"/"sentence"/"dateline": a guess (returned for `place_guess`, not as the event's place).
    `targets`: the act is done to what it names (violence, coercion), so a place it is done to counts."""
    trig_start = trig.idx
    qualifiers = _qualifiers(sent, places)
    if qualifiers:  # "a Dayton, Ohio, nightclub": the state only says which Dayton
        places = [(i, p) for i, p in places if i not in qualifiers]
    places = [(i, p) for i, p in places if not _describes_town(sent, p)]
    free = [(i, p) for i, p in places if not _in_a_name(sent, p)]
    if free:  # "a branch of Kabul Bank in Kunduz province": the bank's name does not say where
        places = free
    spans = _attached_spans(trig)
    # a place the act is done to is where it happened ("the strikes hit Gaza City", "Kavo was shelled"):
    # the object's head word lies in the place
    attached = [(i, p) for i, p in places if any(a <= p.start and p.end <= b for a, b in spans)
                and not _owner(sent, p)]
    if not attached:
        # where the weapon struck: "a car bomb in Samawah killed three", "a raid on Jenin camp in the occupied
        # West Bank killed four" (the first place of its phrase, the finest: English goes from fine to coarse)
        weapon = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for w in causes(trig)
                  if w.lemma_.lower() in WEAPON_NOUNS for c in w.children
                  if c.dep_ == "prep" and c.lower_ in LOC_PREPS]
        hit = [(i, p) for i, p in places if any(a <= p.start and p.end <= b for a, b in weapon)
               and not _owner(sent, p)]
        if hit:
            return min(hit, key=lambda ip: ip[1].start)[0], "attached"
    if not attached and targets and trig.pos_ in ("VERB", "NOUN"):  # (a locative phrase says it more precisely)
        # "the shelling of El Fasher": a nominal act's of-object is what it was done to
        heads = [c for c in trig.children if c.dep_ in ("dobj", "nsubjpass")] if trig.pos_ == "VERB" else [
            g for c in trig.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        attached = [(i, p) for i, p in places if any(p.start <= h.idx < p.end for h in heads)
                    and p.feature not in ("country", None)]
    if attached:
        # the place the phrase names itself before one a clause inside it mentions ("in the province of
        # Marib, a region whose tribes once traded with Aden, raids killed ..."): fewest hops
        # to the sentence's root, then the nearest
        return min(attached, key=lambda ip: (_depth(sent, ip[1]), abs(ip[1].start - trig_start)))[0], "attached"
    inside = [(i, p) for i, p in places if clause[0] <= p.start and p.end <= clause[1]]
    if inside:
        return min(inside, key=lambda ip: abs(ip[1].start - trig_start))[0], "clause"
    in_sent = [(i, p) for i, p in places if sent.start_char <= p.start and p.end <= sent.end_char]
    if in_sent:
        return min(in_sent, key=lambda ip: abs(ip[1].start - trig_start))[0], "sentence"
    if dateline_place is not None:
        return dateline_place, "dateline"
    return None, None


def _depth(sent: Span, p: Place) -> int:
    """How many clauses down the place's words hang: 0 unless a relative or adverbial clause (or a
    participle phrase) lies between them and the sentence's root."""
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return 0
    depth, tok = 0, span.root
    for _ in range(40):  # the tree's height is bounded; the guard keeps a malformed parse finite
        if tok.head is tok:
            break
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            depth += 1
        tok = tok.head
    return depth


def _qualifiers(sent: Span, places: list[tuple[int, Place]]) -> set[int]:
    """Places that follow another after a comma and hold it ("Fort Nelson, British Columbia", "Kansas City,
    Missouri", "Beira, Mozambique"): they say which town is meant, not a second place."""
    out: set[int] = set()
    text = sent.doc.text
    for (_, a), (j, b) in pairwise(places):
        if text[a.end:b.start].strip() != "," or b.feature not in ("region", "country") or a.feature in (
                "region", "country") or not a.country or a.country != b.country:
            continue
        if b.feature == "country" or (a.admin1 and b.name and (a.admin1 == b.name or b.name in a.admin1)):
            out.add(j)
    return out


SETTLEMENT_NOUNS = {"city", "town", "port", "village", "resort", "capital", "harbour", "harbor"}


def _describes_town(sent: Span, p: Place) -> bool:
    """A sea or lake that only describes a town ("detained in the Aegean city", "the Red Sea port of
    Hodeidah"): the town is the place, not the water."""
    if p.feature != "water":
        return False
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end and \
        root.head.lemma_.lower() in SETTLEMENT_NOUNS


def _in_a_name(sent: Span, p: Place) -> bool:
    """A place that is part of an organisation's name ("Kabul Bank", "the Gaza health ministry"): the
    organisation's, not necessarily where an act happened."""
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    ent = next((e for e in sent.ents if e.start <= span.start and span.end <= e.end), None)
    return ent is not None and ent.label_ == "ORG" and len(ent) > len(span)


def _owner(sent: Span, p: Place) -> bool:
    """A country that says whose someone is, not where: "by Sudan's Rapid Support Forces", "Ukraine's
    navy" (a possessive or a modifier of a word that is no place)."""
    if p.feature != "country":
        return False
    span = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in ("poss", "compound") and root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.ent_type_ not in ("GPE", "LOC", "FAC")


def _is_date(t: Time) -> bool:
    """A time with a calendar value: a DATE, or a TIME on a known day ("Wednesday night" -> 2020-01-15TNI);
    not a bare clock time ("at about 3:30 pm"), whose day is only the publication day's default."""
    if t.type == "DATE":
        return t.value[:1].isdigit()
    return t.type == "TIME" and _DAY_TIME.match(t.value) is not None and not _CLOCK_ONLY.match(t.text)


def _value(t: Time) -> str:
    return t.value[:10] if t.type == "TIME" else t.value


_DAY_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T")
_CLOCK_ONLY = re.compile(r"^(?:(?:at|about|around|approximately|roughly|shortly|just|some|nearly|before|after|"
                         r"until|by|from)\s+)*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?|hours?|hrs|gmt|utc|"
                         r"local\s+time)?\s*(?:\([^)]*\))?$", re.I)
# Verbs of saying: a date on one dates the statement, not what it reports.
SAYING = {"say", "tell", "announce", "confirm", "report", "add", "state", "claim", "insist", "stress", "declare",
          "note", "explain", "write", "tweet", "post", "disclose", "reveal", "acknowledge", "admit", "quote",
          "cite", "indicate", "warn"}
MODIFIER_DEPS = {"pobj", "prep", "npadvmod", "tmod", "nmod", "compound", "amod", "nummod", "det", "advmod", "appos"}


def _saying_date(sent: Span, t: Time, trig: Token) -> bool:
    """'Youths raided a village, officials said on Tuesday': Tuesday is when it was said; an event in
    what the verb of saying reports does not take its date."""
    tok = next((x for x in sent if x.idx >= t.start), None)
    for _ in range(4):
        if tok is None or tok.head == tok or tok.dep_ not in MODIFIER_DEPS:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            break
    if tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.dep_ == "nsubj" and \
            tok.head.lemma_.lower() in SAYING:
        tok = tok.head  # "On Friday Kenya said ...", the date parsed into the subject's phrase
    if tok is None or tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SAYING:
        return False
    return trig.i != tok.i and tok.left_edge.i <= trig.i <= tok.right_edge.i


def _since_anchor(doc_tokens: Span, t: Time, trig: Token) -> bool:
    """'... since the war began on Oct. 7': the date anchors a duration, not this event (unless the
    trigger sits in that same since-clause)."""
    tok = next((x for x in doc_tokens if x.idx >= t.start), None)
    for _ in range(5):
        if tok is None:
            return False
        if tok.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children):
            return not (tok.left_edge.i <= trig.i <= tok.right_edge.i)
        if tok.head == tok:
            return False
        tok = tok.head
    return False


# "The attack comes after ...", "The bombing follows ...": what comes after the verb is an earlier incident.
SEQUEL_VERBS = {"come", "follow"}


def sequel_complement(tok: Token) -> Token | None:
    """The head of the earlier incident's phrase when `tok` sits in one: "(the attack) comes after 37 civilians
    were killed on Monday", "(the bombing) follows by a few days the deaths of three officers"."""
    cur = tok
    for _ in range(8):
        head = cur.head
        if head == cur:
            return None
        if head.lemma_.lower() in SEQUEL_VERBS and head.pos_ in ("VERB", "AUX") and (
                (cur.dep_ == "prep" and cur.lower_ in ("after", "following"))
                or (cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in cur.children))
                or (cur.dep_ == "dobj" and head.lemma_.lower() == "follow")):
            return cur
        cur = head
    return None


def _sequel_elsewhere(sent: Span, t: Time, trig: Token) -> bool:
    """A date in the earlier incident's phrase of "X comes after Y on Monday" dates Y, not X."""
    tok = next((x for x in sent if x.idx >= t.start), None)
    phrase = sequel_complement(tok) if tok is not None else None
    return phrase is not None and not (phrase.left_edge.i <= trig.i <= phrase.right_edge.i)


def _attributive_elsewhere(sent: Span, t: Time, trig: Token) -> bool:
    """'... to renew the June 4 ceasefire': a date that modifies another noun, or sits in a relative
    clause on another noun, dates that noun (or clause) only."""
    tok = next((x for x in sent if x.idx >= t.start), None)
    for _ in range(4):
        if tok is None or tok.head == tok:
            return False
        if tok.dep_ in ("compound", "nmod", "amod", "poss") and tok.head.pos_ in ("NOUN", "PROPN") \
                and not (t.start <= tok.head.idx < t.end):
            owner = tok.head
            return owner.i != trig.i and not (owner.left_edge.i <= trig.i <= owner.right_edge.i)
        if not (t.start <= tok.head.idx < t.end):
            break
        tok = tok.head
    # "the truce that had been extended in the past week": the date is the relative clause's
    first = tok
    for _ in range(6):
        if tok is None or tok.head == tok:
            return False
        if tok.dep_ in ("relcl", "acl"):
            owner = tok.head
            if tok.dep_ == "acl" and _set_off(first) and trig.left_edge.i <= owner.i <= trig.right_edge.i:
                return False  # "guards beat X, a miner joining the strike, on March 3": the beating's day
            return not (owner.left_edge.i <= trig.i <= owner.right_edge.i)
        tok = tok.head
    return False


def _set_off(tok: Token | None) -> bool:
    """The date's phrase follows a comma that closes the phrase before it (", on May 16.")."""
    if tok is None:
        return False
    start = tok.head if tok.dep_ == "pobj" and tok.head.pos_ == "ADP" else tok
    return start.i > start.sent.start and start.doc[start.i - 1].text == ","


def pick_date(sent: Span, clause: tuple[int, int], trig: Token, times: list[Time],
              published: str | None, statement: bool = False) -> tuple[str | None, str | None]:
    """The event's date: one in its clause, else elsewhere in the sentence, else the publication date.
    A date on a verb of saying dates only the statement (and a statement reported by it, `statement`)."""
    trig_start = trig.idx
    in_sent = [t for t in times if _is_date(t) and sent.start_char <= t.start and t.end <= sent.end_char
               and not _since_anchor(sent, t, trig) and not _attributive_elsewhere(sent, t, trig)
               and not _sequel_elsewhere(sent, t, trig)]
    dates = [t for t in in_sent if statement or not _saying_date(sent, t, trig)]
    offset = _offset_clause(trig)
    if offset is not None:
        # "deployed on Friday, two days after fighters hacked villagers to death": the act is dated from the
        # clause it is measured from (or the day someone spoke, else publication), not with that clause's date
        (start, end), days = offset
        own = [t for t in dates if start <= t.start and t.end <= end]
        if own:
            return _value(min(own, key=lambda t: abs(t.start - trig_start))), "text"
        ref = [t for t in in_sent if not (start <= t.start and t.end <= end)]
        day = _value(min(ref, key=lambda t: abs(t.start - trig_start))) if ref else published
        shifted = _shift(day, days)
        if shifted is not None:
            return shifted, "text" if ref else "published"
    inside = [t for t in dates if clause[0] <= t.start and t.end <= clause[1]]
    pool = inside or dates
    if pool:
        return _value(min(pool, key=lambda t: abs(t.start - trig_start))), "text"
    if published:
        return published, "published"
    return None, None


_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}
_SPAN_DAYS = {"day": 1, "week": 7, "hour": 0}


def _offset_clause(trig: Token) -> tuple[tuple[int, int], int] | None:
    """For an act in a clause measured from another ("two days after gunmen stormed ...", "a week after
    the attack", "three days before ..."): (the clause's character span, days to add to the other
    clause's date: -2, -7, +3); None when the act is in no such clause (or its span is not in days)."""
    cur = trig
    for _ in range(6):
        if cur.dep_ == "dobj" and cur.head.lemma_.lower() == "follow":
            return _followed_by(cur)
        word = cur if cur.dep_ == "prep" and cur.lower_ in ("after", "before") else next(
            (c for c in cur.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        if word is not None:
            span = next((c for c in [*word.children, *cur.children] if c.dep_ == "npadvmod"
                         and c.lemma_.lower() in _SPAN_DAYS), None)
            if span is None:
                return None
            count = next((c for c in span.children if c.dep_ in ("nummod", "det")), None)
            n = 1 if count is None else (int(count.text) if count.text.isdigit() else _COUNT.get(count.lower_))
            if n is None or n > 31:
                return None
            head = word if word is cur else cur
            left = min(head.left_edge.i, span.left_edge.i)
            doc = trig.doc
            right = doc[head.right_edge.i]
            days = n * _SPAN_DAYS[span.lemma_.lower()]
            return (doc[left].idx, right.idx + len(right.text)), -days if word.lower_ == "after" else days
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _followed_by(obj: Token) -> tuple[tuple[int, int], int] | None:
    """"It followed by two days an explosion at the depot": the object happened that many days before."""
    verb = obj.head
    span = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
                 if g.dep_ == "pobj" and g.lemma_.lower() in _SPAN_DAYS), None)
    if span is None:
        return None
    count = next((c for c in span.children if c.dep_ in ("nummod", "det")), None)
    n = 1 if count is None else (int(count.text) if count.text.isdigit() else _COUNT.get(count.lower_))
    if n is None or n > 31:
        return None
    right = obj.right_edge
    return (obj.left_edge.idx, right.idx + len(right.text)), -n * _SPAN_DAYS[span.lemma_.lower()]


def _shift(day: str | None, days: int) -> str | None:
    if not day or len(day) < 10:
        return None
    from datetime import date, timedelta
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return None


def assign_figures(sent: Span, figures: list[tuple[int, Figure]],
                   events: list[tuple[str, str | None, int, tuple[int, int]]]) -> dict[int, list[int]]:
    """events: (type, mode, trigger start, clause span) of one sentence -> {event index: figure indices}."""
    out: dict[int, list[int]] = {}
    for fi, f in figures:
        types = FIGURE_TYPES.get(f.category)
        if not types:
            continue
        best, best_key = None, None
        for ei, (type_, mode, start, clause) in enumerate(events):
            if type_ not in types:
                continue
            if f.category == "abducted" and type_ == "ASSAULT" and mode != "abduct":
                continue
            key = (0 if clause[0] <= f.start and f.end <= clause[1] else 1, abs(start - f.start))
            if best_key is None or key < best_key:
                best, best_key = ei, key
        if best is not None:
            out.setdefault(best, []).append(fi)
    return out
