"""What the story stage knows about each event mention: its token, its sentence, its tense, its
standing in the story.  One pass over the mentions; every lookup is a dict or a bisect.

    views(doc, events, figures, quotes) -> list[MentionView]
    features(view, story) -> dict[str, float]     (the learned scorer's input; names are stable)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from ..schema import Event, Figure, Quote

# Nouns that name a whole conflict or a state of affairs, not one incident.
GENERIC_NOUNS = {"war", "conflict", "violence", "hostility", "bloodshed", "insurgency", "unrest", "crisis",
                 "fighting", "rebellion", "uprising", "terrorism", "instability", "turmoil", "campaign",
                 "invasion", "occupation", "offensive", "conflicts", "wars"}
# Words of nature: a death or destruction they cause is no one's attack.
NATURE = {"earthquake", "quake", "aftershock", "flood", "flooding", "floodwater", "landslide", "mudslide", "storm",
          "hurricane", "typhoon", "cyclone", "tornado", "wildfire", "fire", "blaze", "flame", "tsunami", "drought",
          "heatwave", "heat", "avalanche", "eruption", "volcano", "lightning", "rain", "rainfall", "downpour",
          "monsoon", "snow", "blizzard", "disease", "outbreak", "cholera", "epidemic", "pandemic", "virus",
          "crash", "collision", "derailment", "accident", "capsize", "sink", "collapse", "stampede", "explosion",
          "disaster", "famine", "drown", "tremor", "magnitude", "rescuer", "rubble", "wreckage"}
# Words that put an event in the story's background, not its news.
BACKGROUND_WORDS = {"earlier", "previously", "last", "ago", "past", "history", "since", "former", "previous",
                    "recent", "before", "once", "founded", "began", "decade", "decades", "years"}
HABITUAL_ADVS = {"typically", "often", "usually", "frequently", "regularly", "routinely", "repeatedly",
                 "sometimes", "increasingly", "generally", "commonly", "periodically"}
TREND_VERBS = {"step", "increase", "escalate", "intensify", "mount", "surge", "rise", "grow", "continue", "spread",
               "persist", "worsen", "spike", "soar", "decline", "drop", "fall", "ramp"}
_YEAR = re.compile(r"^\d{4}$")


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
    cumulative: bool  # linked to, or in a sentence with, a running-total figure
    figure_killed: bool
    own_date: str | None  # the date the text gives the mention itself
    days_before: int | None  # publication date minus the mention's own date, in days
    extra: dict[str, Any] = field(default_factory=dict)


def _governing_verb(tok: Token) -> Token:
    """The verb whose tense a mention takes: its own, or for a nominal the verb it hangs on."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head is cur:
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


def views(doc: Doc, events: list[Event], figures: list[Figure], quotes: list[Quote],
          published: str | None) -> list[MentionView]:
    """A MentionView per event mention, in the events' order (linear in tokens and mentions)."""
    starts = [t.idx for t in doc]
    sent_starts = [s.start_char for s in doc.sents]
    qs = sorted(quotes, key=lambda q: q.start)
    q_starts = [q.start for q in qs]
    cumulative_sents: set[int] = set()
    for f in figures:
        if f.scope == "cumulative":
            cumulative_sents.add(bisect_right(sent_starts, f.start) - 1)
    out: list[MentionView] = []
    for n, e in enumerate(events):
        tok = None
        if e.trigger is not None:
            i = bisect_right(starts, e.trigger.start) - 1
            tok = doc[i] if 0 <= i < len(doc) else None
        pos = e.trigger.start if e.trigger else (e.evidence.start if e.evidence else 0)
        si = bisect_right(sent_starts, pos) - 1
        sent = tok.sent if tok is not None else None
        q = None
        k = bisect_right(q_starts, pos) - 1
        if k >= 0 and qs[k].start <= pos < qs[k].end:
            q = qs[k]
        view = MentionView(
            event=e, index=n, token=tok, sent_index=si,
            sent_start=sent.start_char if sent is not None else pos,
            sent_end=sent.end_char if sent is not None else pos,
            in_quote=q is not None, quote_speaker=q.speaker if q is not None else None,
            tense="none", plural_bare=False, definite=False, habitual=False, trend=False,
            generic_noun=False, nature_near=False, background=False,
            cumulative=si in cumulative_sents or any(
                0 <= i < len(figures) and figures[i].scope == "cumulative" for i in e.figures),
            figure_killed=any(0 <= i < len(figures) and figures[i].category == "killed" for i in e.figures),
            own_date=_own_date(e), days_before=_days_before(published, _own_date(e)))
        if tok is not None:
            _read_parse(view, tok)
        out.append(view)
    return out


def _read_parse(view: MentionView, tok: Token) -> None:
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
    sent = tok.sent
    lemmas = {t.lemma_.lower() for t in sent}
    view.nature_near = bool(lemmas & NATURE)
    view.habitual = any(c.lower_ in HABITUAL_ADVS for c in verb.children) or any(
        c.lower_ in HABITUAL_ADVS for c in tok.children)
    view.trend = verb.lemma_.lower() in TREND_VERBS and verb is not tok
    clause = list(verb.subtree) if verb.i - verb.left_edge.i < 60 else list(sent)
    words = {t.lower_ for t in clause}
    view.background = view.tense == "pluperfect" or bool(words & {"earlier", "previously", "ago", "last"}) or any(
        t.ent_type_ == "DATE" and _YEAR.match(t.text) for t in clause)


def features(v: MentionView, story: dict[str, Any]) -> dict[str, float]:
    """Features of one mention for the learned scorer (see story/scorer.py)."""
    e = v.event
    f: dict[str, float] = {"bias": 1.0, f"type={e.type}": 1.0, f"tense={v.tense}": 1.0,
                           f"modality={e.modality}": 1.0}
    tok = v.token
    if tok is not None:
        f["pos=verb" if tok.pos_ == "VERB" else "pos=noun"] = 1.0
        f[f"lemma={tok.lemma_.lower()}"] = 1.0
        f[f"dep={tok.dep_}"] = 1.0
    f["mode"] = float(e.mode is not None)
    f["actor1"] = float(e.actor1 is not None)
    f["actor2"] = float(e.actor2 is not None)
    f["actor1_type=" + str(story["actor_type"].get(e.actor1 or "", "none"))] = 1.0
    f["actor2_type=" + str(story["actor_type"].get(e.actor2 or "", "none"))] = 1.0
    f["place_attached"] = float(e.place is not None)
    f["own_date"] = float(v.own_date is not None)
    if v.days_before is not None:
        f["days_before<=1"] = float(0 <= v.days_before <= 1)
        f["days_before<=7"] = float(1 < v.days_before <= 7)
        f["days_before>7"] = float(v.days_before > 7)
    elif e.date and getattr(e, "date_from", None) == "text":
        f["vague_date"] = 1.0
    f["sent0"] = float(v.sent_index == 0)
    f["sent1-2"] = float(1 <= v.sent_index <= 2)
    f["sent_rel"] = v.sent_index / max(1, story["n_sents"])
    f["in_quote"] = float(v.in_quote)
    f["main"] = float(bool(getattr(e, "main", False)))
    f["repeat"] = float(getattr(e, "same_as", None) is not None)
    f["figure"] = float(bool(e.figures))
    f["figure_killed"] = float(v.figure_killed)
    f["cumulative"] = float(v.cumulative)
    f["plural_bare"] = float(v.plural_bare)
    f["definite"] = float(v.definite)
    f["habitual"] = float(v.habitual)
    f["trend"] = float(v.trend)
    f["generic_noun"] = float(v.generic_noun)
    f["nature_near"] = float(v.nature_near)
    f["nature_story"] = float(story["nature"])
    f["background"] = float(v.background)
    f["content"] = float(getattr(e, "content_type", None) is not None)
    f["weak_conf"] = float((e.confidence or 0) < 0.6)
    return f
