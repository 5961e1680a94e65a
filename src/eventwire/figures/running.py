"""Running totals the story conventions code as ``cumulative`` beyond a since-clause.

    running_total(verbs, noun, published) -> (cumulative?, since)

A figure is a running total when its predicate (or a verb coordinated with it) is about
* a whole conflict: its subject, an in/during/throughout phrase or the noun its relative clause
  hangs on is a war, conflict, insurgency, uprising, hostilities or rebellion ("more than 12,000
  civilians have died in the war", "the insurgency has killed hundreds", "the civil war, in which
  some 2,100 fighters have died"), in the present perfect also the violence, a campaign or an
  offensive ("violence that has left 70 dead", but "the violence left six people dead" that night),
  or a span of days of fighting ("four days of fighting that has left scores dead");
* a period up to now: "this year" / "earlier this year" / "so far this year", "this month",
  "last year", "in 2024" (the publication year), "over the past ten days", "in recent weeks",
  or a relative clause on such a period ("this month, a month in which floods have killed 80").

``since`` is a day only where the text fixes one: "this year" and "in 2024" -> 1 January,
"this month" -> its first day, "last year" -> 1 January of the year before; otherwise null
(the conventions: `since` is null unless the start is known to the day).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

RUNNING = {"war", "conflict", "insurgency", "uprising", "hostilities", "rebellion", "civil-war"}
# Running only in the present perfect: "the violence has displaced 600,000" (but "the violence left
# six people dead" that night), "the campaign has killed 9,000".
RUNNING_NOW = {"violence", "campaign", "bloodshed", "offensive"}
# Nouns that are running totals only as a span of days: "four days of fighting", "three weeks of strikes".
_SPAN_NOUNS = {"fighting", "clash", "protest", "demonstration", "strike", "attack", "bombing", "raid", "unrest",
               "shelling", "violence", "exchange"}
_UNITS = {"day", "week", "month", "year"}
_PERIOD_PREPS = {"in", "during", "over", "throughout", "within", "since", "from"}
_TOLLS = {"toll", "tally", "number", "count", "total"}
# One incident: "killed earlier this year in a bombing", "died earlier this month when a bridge collapsed".
_INCIDENTS = {"attack", "ambush", "blast", "bombing", "raid", "strike", "explosion", "shooting", "incident",
              "assault", "massacre", "clash", "crash", "fire", "stampede", "collapse"}
_SPEECH = {"say", "tell", "report", "announce", "state", "add", "confirm", "claim"}


def _is_span(noun: Token) -> bool:
    """'four days of fighting', 'three weeks of street protests', 'a two-day exchange of fire'."""
    lemma = noun.lemma_.lower()
    if lemma in _UNITS and any(c.like_num or c.lower_ in ("several", "few") for c in noun.children):
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    if lemma in _SPAN_NOUNS and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _UNITS and any(
            g.like_num for g in c.children) for c in noun.children):
        return True  # "a two-day exchange of fire"
    if lemma in _SPAN_NOUNS and noun.head.lower_ == "of" and noun.dep_ == "pobj":
        return _is_span(noun.head.head) if noun.head.head.lemma_.lower() in _UNITS else False
    return False


def _container(noun: Token, perfect: bool) -> bool:
    lemma = noun.lemma_.lower()
    if lemma == "one" and noun.dep_ == "appos":
        return _container(noun.head, perfect)  # "a long war ..., one that has cost the lives of"
    return lemma in RUNNING or (perfect and lemma in RUNNING_NOW) or _is_span(noun)


def _perfect(verbs: list[Token]) -> bool:
    """Is the predicate cluster in the present perfect ('have been killed', 'has left')?"""
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
               for v in verbs for c in v.children)


def _year_of(noun: Token) -> str | None:
    """'2019' in 'in 2019', 'floods in 2019'."""
    word = noun.lower_
    if len(word) == 4 and word.isdigit() and word[:2] in ("19", "20") and noun.dep_ == "pobj" \
            and noun.head.lower_ in ("in", "during", "throughout"):
        return word
    return None


def _period(noun: Token, published: str | None) -> tuple[bool, str | None]:
    """'this year', 'last year', 'the past ten days', 'recent weeks', '2024' (the publication year),
    'the days after the vote', 'the end of last year'."""
    lemma = noun.lemma_.lower()
    dets = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod", "predet", "nummod")}
    year = published[:4] if published and published[:4].isdigit() else None
    if lemma == "year" and "this" in dets:
        return True, f"{year}-01-01" if year else None
    if lemma == "year" and "last" in dets and not dets & {"the", "past"}:
        return True, f"{int(year) - 1}-01-01" if year else None
    if lemma == "month" and "this" in dets:
        return True, f"{published[:7]}-01" if published and len(published) >= 7 else None
    if lemma in _UNITS and dets & {"last", "past", "recent"} and ("the" in dets or "recent" in dets):
        return True, None  # "over the past ten days", "in recent weeks"
    if lemma in _UNITS and noun.tag_ == "NNS" and "the" in dets and any(
            c.dep_ == "prep" and c.lower_ in ("after", "since", "following") for c in noun.children):
        return True, None  # "in the days after the vote"
    if lemma in ("close", "end") and noun.head.lower_ == "by" and any(
            c.dep_ == "prep" and any(_period(g, published)[0] for g in c.children) for c in noun.children):
        return True, None  # "had displaced 4,200 by the end of last year"
    found = _year_of(noun)
    if year and found == year:
        return True, f"{year}-01-01"
    return False, None


def _years_clause(v: Token, published: str | None) -> tuple[bool, str | None]:
    """'this month, a month in which floods have killed more than 80': the clause's period."""
    if v.dep_ != "relcl":
        return False, None
    head = v.head
    hit = _period(head, published)
    if hit[0]:
        return hit
    if head.dep_ == "appos":
        return _period(head.head, published)
    if head.lemma_.lower() in _UNITS and head.i >= 3:  # "this month, a month in which ..."
        before = head.doc[head.i - 3] if head.doc[head.i - 2].text == "," else head.doc[head.i - 2]
        if before.lemma_.lower() == head.lemma_.lower():
            return _period(before, published)
    return False, None


def _one_incident(v: Token) -> bool:
    """'killed earlier this year in a bombing', 'died earlier this month when a bridge collapsed':
    the period dates one incident, it sums nothing."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during") and any(
                p.dep_ == "pobj" and p.lemma_.lower() in _INCIDENTS and p.tag_ == "NN" for p in c.children):
            return True
        if c.dep_ == "advcl" and any(m.lower_ == "when" for m in c.children if m.dep_ == "advmod"):
            return True
    return False


def running_total(verb: Token | None, verbs: Iterable[Token], published: str | None) -> tuple[bool, str | None]:
    """(cumulative?, since) from the running-total cues on a figure's predicate `verb` and the verbs
    coordinated with it: their phrases count for all of them ("have died in the war and
    300,000 driven from their homes"), a subject only for its own verb ("the violence has displaced
    600,000, but the violence on Sunday left six dead")."""
    found, period_found, since, year_since = False, False, None, None
    verbs = list(verbs)
    own_subject = verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    incident = any(_one_incident(v) for v in verbs)
    # a complement clause takes the period of the verb it completes: "so far this year, the charity had
    # helped 14 captives regain their freedom"
    scope = verbs + [v.head for v in verbs if v.dep_ in ("ccomp", "xcomp") and v.head.pos_ == "VERB"
                     and v.head.lemma_.lower() not in _SPEECH]
    shared = None if own_subject else _perfect(verbs)  # once, not once per verb: a long chain of verbs
    for v in scope:
        perfect = _perfect([v]) if shared is None else shared
        hit, day = _years_clause(v, published)
        if hit:
            period_found, since = True, since or day
        if v.dep_ in ("relcl", "acl") and _container(v.head, perfect):
            found = True  # "the war, in which 2,100 fighters have died", "violence that has left 70 dead"
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj") and (verb is None or v.i == verb.i or not own_subject):
                if _container(c, perfect):
                    found = True  # "the insurgency has killed hundreds"
                elif c.lemma_.lower() in _TOLLS and any(
                        p.dep_ == "prep" and p.lower_ in _PERIOD_PREPS and any(
                            g.dep_ == "pobj" and _container(g, True) for g in p.children) for p in c.children):
                    found = True  # "the death toll in the war has passed 18,000"
                for p in c.children:  # "floods in 2019 claimed the lives of 45 farmers"
                    if p.dep_ == "prep":
                        year_since = year_since or next((f"{y}-01-01" for g in p.children if (y := _year_of(g))),
                                                        None)
            elif c.dep_ == "prep" and c.lower_ in _PERIOD_PREPS | {"by"}:
                for p in c.children:
                    if p.dep_ == "pobj" and _container(p, perfect):
                        found = True  # "died in the war"
                    elif p.dep_ == "pobj":
                        hit, day = _period(p, published)
                        if hit:
                            period_found, since = True, since or day
                        elif _year_of(p):
                            year_since = year_since or f"{_year_of(p)}-01-01"
            elif c.dep_ in ("npadvmod", "advmod", "tmod"):
                for t in [c, *c.children]:  # "this year", "earlier this year"
                    if t.pos_ in ("NOUN", "PROPN"):
                        hit, day = _period(t, published)
                        if hit:
                            period_found, since = True, since or day
    if period_found and not incident:
        found = True
    elif not found:
        since = None
    return found, since or (year_since if found else None)
