"""Within-document coreference: which earlier actor a mention refers to.

Rules (see docs/actors.md):
* names: the same knowledge entry, the same state, the same canonical description id;
  a person's later surname ("Smith") joins the earlier full name ("John Smith");
* definite descriptions without qualifiers ("the ministry", "the militant group", "the army")
  take the most recent compatible actor (same kind, same remit, same country when given);
* "he"/"she": the most salient earlier person: the current sentence, then the previous ones,
  a subject beating a mere later mention;
* "it"/"they" only on request (``ActorTable.resolve``) and only to an organization or state that
  is the subject of the current or the previous sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .canonical import description_id, description_name
from .knowledge import Knowledge, norm, slug
from .recognize import Desc

DESCRIPTIVE = {"military", "police", "intelligence", "government", "officials", "ministry", "armed", "group", "party",
               "media", "agency", "population"}
ORG_TYPES = {"state", "military", "police", "intelligence", "government", "ministry", "armed_group", "party", "igo",
             "ngo", "media", "other"}
# Kinds that, when unqualified and new, borrow the country of the state in focus ("Qatar regretted ...
# A foreign ministry statement said"): they are organs of a state.
STATE_ORGANS = {"ministry", "government", "military", "police", "intelligence"}
# Armed nouns that name no one by themselves: "militants" right after an armed group is named are its own.
GENERIC_ARMED = {"militants", "fighters", "insurgents", "jihadists", "terrorists", "rebels", "extremists",
                 "guerrillas", "separatists", "attackers", "assailants", "raiders"}
# Words before such a noun that still leave it unnamed ("the suspected militants", "fleeing insurgents")
UNNAMING = {"the", "a", "an", "these", "those", "suspected", "alleged", "armed", "heavily", "islamist", "jihadist",
            "fleeing", "retreating", "some", "other", "-"}
# Group nouns that may refer back to an intergovernmental organization
INTERGOVERNMENTAL = {"bloc", "alliance", "union", "organisation", "organization", "body", "grouping"}
_ABBR_SKIP = {"of", "for", "the", "and", "de", "du", "des", "la", "le", "el", "al", "in", "on", "to", "a", "an"}


def is_abbreviation(name: str) -> bool:
    """"KNU", "CPC", "M23": one all-capitals word (letters first)."""
    bare = name.replace(".", "").replace("-", "")
    return 2 <= len(bare) <= 8 and " " not in name and bare.isalnum() and bare[:1].isalpha() and bare.upper() == bare


def initials(name: str) -> set[str]:
    """The abbreviations a multi-word name makes: every word's initial, and without of/for/the/and.

    "Coalition of Patriots for Change" -> {"COPFC", "CPC"}; "Sudan People's Liberation Movement" -> {"SPLM"}.
    """
    words = [w for w in re.split(r"[\s\-–]+", name) if w[:1].isalpha()]
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words).upper(),
            "".join(w[0] for w in words if w.lower() not in _ABBR_SKIP).upper()}


@dataclass
class MentionInfo:
    start: int
    end: int
    sent: int
    subject: bool
    head: int = -1
    noun: str = ""  # the head word, lower case ("army" in "the Rwandan army")


@dataclass
class Cluster:
    """An actor while the document is read; becomes a schema.Actor when finalized."""

    id: str
    name: str
    type: str
    kind: str
    country: str | None = None
    place: str | None = None
    portfolio: str | None = None
    label: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    mentions: list[MentionInfo] = field(default_factory=list)
    fixed: bool = False  # a name/entry id that never changes
    # the mentions' starts while they are in text order (last_before bisects them); rebuilt when
    # mentions were added since
    _starts: list[int] | None = field(default=None, repr=False, compare=False)
    _checked: int = field(default=0, repr=False, compare=False)  # _starts is ordered up to here

    def last_before(self, pos: int) -> MentionInfo | None:
        """The mention starting last before `pos` (the first listed of those starting there)."""
        starts = self._starts
        if starts is None:
            starts = self._starts = []
        if len(starts) < len(self.mentions):  # mentions appended since: extend, if still in text order
            starts.extend(m.start for m in self.mentions[len(starts):])
        if any(starts[k] > starts[k + 1] for k in range(self._checked, len(starts) - 1)):
            self._starts, self._checked = None, 0
            best = None  # mentions out of text order: read them all
            for m in self.mentions:
                if m.start < pos and (best is None or m.start > best.start):
                    best = m
            return best
        self._checked = max(0, len(starts) - 1)
        k = bisect_left(starts, pos) - 1
        return self.mentions[bisect_left(starts, starts[k])] if k >= 0 else None


class Resolver:
    """Clusters of one document and the rules that join mentions to them."""

    def __init__(self, kb: Knowledge, sent_of: list[int], subject_of: Callable[[int], bool],
                 noun_of: Callable[[int], str] | None = None) -> None:
        self.kb = kb
        self.sent_of = sent_of
        self.subject_of = subject_of
        self.noun_of = noun_of
        self.abbrevs: dict[str, Cluster] = {}  # "KNU" -> the Karen National Union (from "... Union (KNU)")
        self.frozen = False  # ids published: an abbreviation's cluster keeps its id from now on
        self.clusters: list[Cluster] = []
        self.by_id: dict[str, Cluster] = {}
        self.by_head: dict[int, Cluster] = {}
        self.spans: set[tuple[int, int]] = set()
        self.default_country: str | None = None  # the dateline's country, for "the army" with nothing before

    # -- bookkeeping ----------------------------------------------------------------------

    def info(self, d: Desc) -> MentionInfo:
        return MentionInfo(d.start, d.end, self.sent_of[d.head], self.subject_of(d.head), d.head,
                           self.noun_of(d.head) if self.noun_of is not None else "")

    def attach(self, c: Cluster, d: Desc) -> Cluster:
        if (d.start, d.end) not in self.spans:
            self.spans.add((d.start, d.end))
            c.mentions.append(self.info(d))
        self.by_head.setdefault(d.head, c)
        if d.controlled_by and "controlled_by" not in c.attributes:
            c.attributes["controlled_by"] = d.controlled_by
        if d.backed_by and "backed_by" not in c.attributes:
            c.attributes["backed_by"] = d.backed_by
        if d.role and "role" not in c.attributes:
            c.attributes["role"] = d.role
        if d.affiliation and "affiliation" not in c.attributes:
            c.attributes["affiliation"] = d.affiliation
        if d.country and not c.country:
            c.country = d.country
        if c.type == "other" and d.type not in ("other", "person"):
            c.type = d.type
        return c

    def new(self, d: Desc, id_: str, name: str, fixed: bool = False) -> Cluster:
        existing = self.by_id.get(id_)
        if existing is not None:
            if d.entry is not None and not existing.fixed:  # "the IDF" after "Israeli troops": the entry names it
                existing.name, existing.fixed = d.entry.name, True
            return self.attach(existing, d)
        entry = self.kb.entries.get(id_)
        if entry is not None and d.entry is None:  # a description that lands on a known actor's id
            name, fixed = entry.name, True
        entry = entry or d.entry
        c = Cluster(id=id_, name=name, type=d.type, kind=d.kind, country=d.country, place=d.place,
                    portfolio=d.portfolio, label=d.label, fixed=fixed)
        if entry is not None:
            c.attributes.update(entry.attributes)
        self.clusters.append(c)
        self.by_id[id_] = c
        return self.attach(c, d)

    def rekey(self, c: Cluster) -> None:
        """A description gained a qualifier: recompute its id (before anyone outside saw it)."""
        if c.fixed or c.kind not in DESCRIPTIVE:
            return
        new_id = description_id(self.kb, c.kind, c.country, c.place, c.portfolio, c.label)
        if new_id != c.id and new_id not in self.by_id:
            del self.by_id[c.id]
            c.id, c.name = new_id, description_name(self.kb, c.kind, c.country, c.place, c.portfolio, c.label)
            self.by_id[new_id] = c

    # -- the rules ------------------------------------------------------------------------

    def add(self, d: Desc) -> Cluster | None:
        """Join `d` to an earlier actor or start a new one; None when it refers to nothing we keep."""
        if (d.start, d.end) in self.spans:
            return None
        if d.kind == "pronoun":
            c = self.pronoun(d.name or "", d.start, d.head, eager=True)
            return self.attach(c, d) if c is not None else None
        if d.entry is not None:
            return self.new(d, d.entry.id, d.entry.name, fixed=True)
        if d.kind == "state" and d.country:
            return self.new(d, self.kb.state_id(d.country), self.kb.state_name(d.country), fixed=True)
        if d.kind == "person":
            return self.person(d)
        if d.kind == "org":
            known = self.person_by_name(d.name or "")
            if known is not None:  # "Kantor" tagged ORG after "Adam Kantor"
                return self.attach(known, d)
            linked = self.abbreviated(d.name or "")
            if linked is not None:  # "KNU" after "the Karen National Union (KNU)", and the other way round
                return self.attach(linked, d)
            shorter = self.shortened(d)
            if shorter is not None:  # "the regional prosecutor's office" after "the Tarija regional ..."
                return self.attach(shorter, d)
            return self.new(d, slug(d.name or self_text(d)), d.name or "", fixed=True)
        if d.kind == "population" and d.name:  # "Palestinians", "Israelis"
            return self.new(d, slug(d.name), d.name, fixed=True)
        if d.kind in DESCRIPTIVE:
            return self.description(d)
        return None

    def shortened(self, d: Desc) -> Cluster | None:
        """An earlier body whose name ends with this lower-case description's words (the same head):
        news drops the qualifier the second time. Only for descriptions, never for proper names."""
        words = (d.name or "").lower().split()
        if len(words) < 2 or any(w[:1].isupper() for w in (d.name or "").split()):
            return None
        best = None
        for c in self.clusters:
            if c.kind == "org" and c.type not in ("person", "state") and \
                    c.name.lower().split()[-len(words):] == words and len(c.name.split()) > len(words):
                best = c
        return best

    def abbreviated(self, name: str) -> Cluster | None:
        """The organization `name` abbreviates or spells out, if one is already known in this document.

        An abbreviation joins the name it was introduced with in brackets, else a name whose initials it is
        (of/for/the/and ignored); a full name joins an earlier bare abbreviation of it, which takes the name.
        """
        if not name:
            return None
        if is_abbreviation(name):
            hit = self.abbrevs.get(name)
            if hit is not None:
                return hit
            return next((c for c in reversed(self.clusters) if c.kind in ("org", "entry")
                         and c.type not in ("person", "state") and name in initials(c.name)), None)
        found = initials(name)
        if not found:
            return None
        for c in self.clusters:
            if c.kind == "org" and is_abbreviation(c.name) and c.name in found:
                self.abbrevs.setdefault(c.name, c)
                if not self.frozen and slug(name) not in self.by_id:  # the full name is the better name
                    del self.by_id[c.id]
                    c.id, c.name = slug(name), name
                    self.by_id[c.id] = c
                return c
        return None

    def person_by_name(self, name: str) -> Cluster | None:
        """An earlier person whose name ends with `name` ("Smith" / "John Smith")."""
        words = norm(name).split()
        if not words:
            return None
        for c in reversed(self.clusters):
            if c.type == "person" and norm(c.name).split()[-len(words):] == words:
                return c
        return None

    def merge_stray_names(self) -> None:
        """Unknown one-word 'organizations' that are a person's surname or first name join that person.

        The tagger often labels a lone surname ORG ("Guterres arrived ..."), before or after the full name.
        """
        persons = [c for c in self.clusters if c.type == "person" and len(c.name.split()) > 1]
        for c in list(self.clusters):
            if c.kind != "org" or c.type != "other" or len(c.name.split()) != 1:
                continue
            word = norm(c.name)
            hits = [p for p in persons if norm(p.name).split()[-1] == word] or [
                p for p in persons if norm(p.name).split()[0] == word]
            if len(hits) == 1:
                target = hits[0]
                target.mentions.extend(c.mentions)
                target.mentions.sort(key=lambda m: m.start)
                target._starts, target._checked = None, 0
                self.clusters.remove(c)
                del self.by_id[c.id]
                for head, owner in list(self.by_head.items()):
                    if owner is c:
                        self.by_head[head] = target

    def person(self, d: Desc) -> Cluster:
        name = d.name or ""
        same = self.by_id.get(slug(name))
        if same is not None and same.type != "person":  # "Jaish al-Islam" tagged PERSON after the group
            return self.attach(same, d)
        words = norm(name).split()
        for c in reversed(self.clusters):
            if c.type != "person":
                continue
            cw = norm(c.name).split()
            if cw == words or (words and cw[-len(words):] == words):
                return self.attach(c, d)
            if cw and words[-len(cw):] == cw:  # the fuller name comes later: keep the fuller one (and its id)
                c.name = name
                new_id = slug(name)
                if new_id not in self.by_id:
                    del self.by_id[c.id]
                    c.id = new_id
                    self.by_id[new_id] = c
                return self.attach(c, d)
        if len(words) == 1:  # a first name alone ("Jae" after "Jae Jung"): only when one person fits
            firsts = [c for c in self.clusters if c.type == "person" and norm(c.name).split()[:1] == words
                      and len(c.name.split()) > 1]
            if len(firsts) == 1:
                return self.attach(firsts[0], d)
        return self.new(d, slug(name), name, fixed=True)

    def compatible(self, c: Cluster, d: Desc) -> bool:
        if d.kind in ("armed", "group"):
            want = {"armed_group"} if d.type == "armed_group" else (
                {"ngo"} if d.type == "ngo" else {"armed_group", "ngo", "party"})
            if d.type == "other" and self.noun_of is not None and self.noun_of(d.head) in INTERGOVERNMENTAL:
                want = want | {"igo", "other"}  # "the bloc", "the 15-member bloc", "the alliance": ECOWAS, NATO
            if c.type not in want:
                return False
        elif d.kind == "media" or d.kind == "agency":
            if c.type not in ({"media"} if d.kind == "media" else {"media", "igo", "government", "ngo",
                                                                   "intelligence"}):
                return False
        elif c.kind != d.kind and not (c.kind == "entry" and c.type == d.type):
            return False
        if d.portfolio and c.portfolio and d.portfolio != c.portfolio:
            return False
        if d.kind in ("officials", "population", "police", "agency") and c.kind == d.kind and c.label != d.label:
            return False
        if d.kind in ("officials", "population", "police") and c.label != d.label:
            return False
        if d.country and c.country and d.country != c.country:
            return False
        if d.place and c.place and norm(d.place) != norm(c.place):
            return False
        ctrl = c.attributes.get("controlled_by")
        return not (d.controlled_by and ctrl and d.controlled_by != ctrl)

    def antecedent(self, d: Desc, *, underspecified_only: bool = False) -> Cluster | None:
        """The compatible actor mentioned most recently before `d`."""
        best, best_pos = None, -1
        for c in self.clusters:
            if underspecified_only and (c.place or c.fixed):
                continue
            if not self.compatible(c, d):
                continue
            if d.portfolio and not c.portfolio and c.kind == "ministry":
                continue  # "the health ministry" does not pick a ministry of unknown remit
            m = c.last_before(d.start)
            if m is not None and m.start > best_pos:
                best, best_pos = c, m.start
        return best

    def state_in_focus(self, pos: int, head: int) -> Cluster | None:
        """The state (or government) that is subject of the current (before `pos`) or the previous sentence."""
        sent = self.sent_of[head]
        for back in (0, 1):
            best = None
            for c in self.clusters:
                if c.type not in ("state", "government") or not c.country:
                    continue
                for m in c.mentions:
                    if m.sent == sent - back and m.subject and m.start < pos and (best is None or m.start > best[0]):
                        best = (m.start, c)
            if best is not None:
                return best[1]
        return None

    def description(self, d: Desc) -> Cluster | None:
        owner_word = next(iter(d.qualifiers & {"its", "their"}), None)
        if owner_word and not (d.country or d.place):
            # "its forces": the owner is the organization in focus; no owner, no actor
            owner = None
            if d.kind in ("armed", "military"):  # "al-Shabaab said the army had ... and claimed its fighters"
                owner = self.pronoun(owner_word, d.start, d.head, types={"armed_group", "other"})
                owner = owner if owner is not None and owner.kind in ("entry", "org") else None
            owner = owner or self.pronoun(owner_word, d.start, d.head)
            if owner is not None and d.kind in ("armed", "military") and (
                    owner.type == "armed_group" or (owner.kind == "org" and owner.type == "other")):
                owner.type = "armed_group"  # an organization with fighters of its own is an armed group
                return self.attach(owner, d)  # "the group said its fighters ...": the group itself
            if owner is None or not owner.country:
                return None
            d.country = owner.country
        qualified = bool(d.country or d.place)
        definite = self_text_starts_the(d)
        named = self.named_armed_group(d) if not qualified else None
        if named is not None:  # "13 militants", "the insurgents" after "al-Shabaab": the group named last
            return self.attach(named, d)
        if d.kind in ("armed", "group", "media", "agency", "party") and definite:
            c = None
            if d.label:  # "the rebels" goes back to "rebels" before any other armed group
                c = max((x for x in self.clusters if x.label == d.label and x.last_before(d.start)),
                        key=lambda x: x.last_before(d.start).start, default=None)  # type: ignore[union-attr]
            if c is None and d.kind == "group" and self.noun_of is not None:
                # "the coalition" after "the Saudi-led coalition": the actor last called by that noun
                noun = self.noun_of(d.head)
                same = [x for x in self.clusters if any(m.noun == noun and m.start < d.start for m in x.mentions)]
                if same:
                    c = max(same, key=lambda x: max(m.start for m in x.mentions if m.noun == noun
                                                    and m.start < d.start))
            c = c or self.antecedent(d)
            if c is not None:
                return self.attach(c, d)
            if d.kind in ("group", "agency") and not qualified and not d.qualifiers - {"the"}:
                return None  # "the group" with nothing before it: not enough to name an actor
        if qualified:
            id_ = description_id(self.kb, d.kind, d.country, d.place, d.portfolio, d.label)
            c = self.by_id.get(id_)
            if c is None and not d.ethnic:  # "Fulani militants" never upgrade unnamed "militants"
                c = self.antecedent(d, underspecified_only=True)
                if c is not None and c.country and c.country != d.country:
                    c = None
            if c is not None:
                self.attach(c, d)
                if d.place and not c.place:
                    c.place = d.place
                self.rekey(c)
                return c
        else:
            c = self.antecedent(d)
            if c is not None and d.kind == "population" and (c.country or c.place):
                # bare "people" / "civilians" stay with the bare Civilians, not "Ethiopia's 110 million people"
                c = max((x for x in self.clusters if x.kind == "population" and x.label == d.label and not (
                    x.country or x.place) and x.last_before(d.start)),
                        key=lambda x: x.last_before(d.start).start, default=None)  # type: ignore[union-attr]
            if c is not None and definite and d.kind in ("military", "police") and self.noun_of is not None:
                # "the army" after "the army ... Russian and Rwandan forces": the actor last called an army
                noun = self.noun_of(d.head)
                same = [x for x in self.clusters if self.compatible(x, d) and any(
                    m.noun == noun and m.start < d.start for m in x.mentions)]
                if same:
                    c = max(same, key=lambda x: max(m.start for m in x.mentions if m.noun == noun
                                                    and m.start < d.start))
            if c is not None and (d.kind in STATE_ORGANS or definite or (d.label and c.label == d.label)):
                return self.attach(c, d)
            if d.kind in STATE_ORGANS and not d.controlled_by:
                state = self.state_in_focus(d.start, d.head)
                # no state in focus: the dateline's country ("KHARTOUM ... the army" is Sudan's)
                d.country = state.country if state is not None else self.default_country
        if d.kind == "group" and not (d.country or d.qualifiers - {"the", "a", "an"}):
            return None
        id_ = description_id(self.kb, d.kind, d.country, d.place, d.portfolio, d.label)
        return self.new(d, id_, description_name(self.kb, d.kind, d.country, d.place, d.portfolio, d.label))

    def named_armed_group(self, d: Desc) -> Cluster | None:
        """For an unnamed armed noun ("militants", "the attackers"): the armed group named last, if it has a name."""
        if d.kind != "armed" or d.label not in GENERIC_ARMED or d.qualifiers - UNNAMING or d.controlled_by \
                or d.backed_by:
            return None
        best, best_pos = None, -1
        for c in self.clusters:
            if c.type != "armed_group" or (c.kind not in ("entry", "org") and c.label != d.label):
                continue  # unnamed "gunmen" in between do not hide the group named before them
            m = c.last_before(d.start)
            if m is not None and m.start > best_pos:
                best, best_pos = c, m.start
        return best if best is not None and best.kind in ("entry", "org") else None

    def pronoun(self, word: str, pos: int, head: int, eager: bool = False,
                types: set[str] | None = None) -> Cluster | None:
        """Salience: the current sentence, then earlier ones; a subject beats a later non-subject."""
        word = word.lower()
        only = types
        if word in ("he", "she", "him", "her"):
            types, reach = {"person"}, 3
        elif not eager:
            types = set(ORG_TYPES) if only is None else set(only)
            if word in ("they", "them", "their"):
                types.add("population")
            reach = 2
        else:
            return None
        sent = self.sent_of[head]
        for back in range(reach):
            best = None
            for c in self.clusters:
                if c.type not in types:
                    continue
                for m in c.mentions:
                    if m.sent != sent - back or m.start >= pos:
                        continue
                    if not m.subject and types != {"person"}:
                        continue  # it/they: only a subject antecedent is safe enough
                    key = (m.subject, m.start)
                    if best is None or key > best[0]:
                        best = (key, c)
            if best is not None:
                return best[1]
        return None


def self_text(d: Desc) -> str:
    return d.name or "actor"


def self_text_starts_the(d: Desc) -> bool:
    return "the" in d.qualifiers or d.anaphoric
