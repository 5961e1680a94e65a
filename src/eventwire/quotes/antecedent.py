"""Pronoun speakers: '"...," he said' most often continues the speaker named just before.

    Speakers(doc, actors, para_of).speaker_id(tok, default) -> actor id

News copy introduces a source by name (*said Jane Roe, a local official*) and goes on with a
pronoun (*"...," she added*).  The actors stage resolves a pronoun by salience over all mentions,
which may pick a name inside the quotation or inside the reported clause (*the mayor said the
victim, 25, was killed ... "We ran," he told AFP* -> the victim).  Here a pronoun speaker takes
the actor of the nearest earlier speaker of a fitting kind (a person for he/she, an organization,
state or document for it/they) within two paragraphs, unless a sentence in between is about
someone else of that kind (its main subject is another name).  Otherwise the actors stage's
answer stands.

A definite description works the same way (*Jane Roe told the radio ... "...," the minister went
on*, *said the 42-year-old*, *the group said* after *the Karen Women's Union said*): a title, an age
or a word for a body, with *the* and no name of its own, takes the nearest earlier speaker it can
describe, unless the actors stage already gave it a named actor of its kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..actors import ActorTable
from ..actors.recognize import TITLES

__all__ = ["Speakers"]

_PERSONAL = {"he": "person", "she": "person", "it": "thing", "they": "any"}
# words in a speaker's phrase that tell 'he' from 'she'
_GENDERED = dict.fromkeys(["mr", "sir", "man", "spokesman", "chairman", "congressman", "businessman", "father",
                           "husband", "son", "brother", "king", "prince"], "he") | dict.fromkeys(
    ["mrs", "ms", "miss", "madam", "lady", "woman", "spokeswoman", "chairwoman", "congresswoman", "businesswoman",
     "mother", "wife", "daughter", "sister", "queen", "princess"], "she")
_PLACES = ("GPE", "LOC", "FAC", "NORP")
_REACH_PARAS = 2  # paragraphs back
_REACH_TOKENS = 400  # and at most this many tokens back (a bounded scan)
_KEEP = 6  # earlier speakers remembered
# titles a definite description may use for a person named before ('the minister'); words that only
# modify a title, and the words for sources news keeps anonymous ('the official'), are left out
_TITLE_NOUNS = frozenset(TITLES) - {
    "prime", "vice", "deputy", "foreign", "defense", "defence", "interior", "health", "finance", "political",
    "military", "top", "senior", "former", "supreme", "crown", "state", "of", "official", "member", "lawmaker",
    "representative", "spokesman", "spokeswoman", "spokesperson", "dr.", "mr.", "mrs.", "ms."}
_ANY_TITLE = frozenset(["chief", "head", "leader"])  # fit any title ('the UN chief' for the secretary-general)
# words for a body: any organisation ('the group'), or one of a kind (type, or a word of its name)
_BODY_ANY = frozenset(["group", "organisation", "organization", "faction", "movement", "body", "outfit",
                       "network", "coalition", "alliance", "militia", "union", "association"])
_BODY_KIND = {"ministry": ("ministry",), "army": ("military",), "military": ("military",),
              "police": ("police",), "government": ("government",), "party": ("party",),
              "agency": ("igo", "ngo", "intelligence"), "charity": ("ngo",), "rebels": ("armed_group",)}
_AGE = re.compile(r"(?i)^the\s+[\w-]+[- ]year[- ]old$")


class Speakers:
    """Earlier speakers in text order; feed them with `seen`, ask with `speaker_id`."""

    def __init__(self, doc: Doc, actors: ActorTable | None, para_of: Callable[[int], int],
                 in_quote: list[bool], reported: list[bool]) -> None:
        self.doc = doc
        self.actors = actors
        self.para_of = para_of  # paragraph index of a character offset
        self.in_quote = in_quote
        self.reported = reported  # tokens inside any quote's content
        self.recent: list[tuple[int, str]] = []  # (speaker token index, actor id)
        self._types: dict[str, str] = {}
        self._full: set[str] = set()  # actors named in full ('Maria Lopez', not 'Twitter')
        self._gender: dict[str, str] = {}
        self._by_token: dict[int, str] | None = None  # actor id -> 'he' / 'she', from a title or an earlier pronoun
        self._titles: dict[str, set[str]] = {}  # actor id -> titles and nouns its speaker phrases gave it
        self._named: dict[str, bool] = {}
        self._resolved: dict[int, str] = {}  # speaker token -> the actor found for it here
        self._person_ids: set[str] = set()  # actors a he/she or a person's title was found to stand for

    def _type(self, actor_id: str) -> str | None:
        if actor_id not in self._types and self.actors is not None:
            self._types.update((a.id, a.type) for a in self.actors.actors)
            self._full.update(a.id for a in self.actors.actors if " " in a.name)
        return self._types.get(actor_id)

    def _fits(self, word: str, tok: Token, actor_id: str) -> bool:
        """Whether the actor named at `tok` can be 'he'/'she' (a person) or 'it'/'they' (anything else)."""
        type_ = self._type(actor_id)
        person = type_ == "person" or tok.ent_type_ == "PERSON" or (
            tok.pos_ != "PROPN" and self._resolved.get(tok.i) == actor_id and actor_id in self._person_ids)
        kind = _PERSONAL[word]
        if kind == "person":  # a name the tagger could not type may be a person's
            # but not a plural, nor a lone capitalized word opening a sentence that the tagger gave no
            # entity type ('Inquiries showed that ...': a common noun, capitalized by its place)
            return person or (type_ == "other" and tok.pos_ == "PROPN" and tok.ent_type_ not in _PLACES
                              and tok.tag_ != "NNPS" and not _lone_opener(tok))
        return not person and not (kind == "thing" and type_ == "population")

    def seen(self, tok: Token, actor_id: str | None, phrase: tuple[int, int] | None = None) -> None:
        """Remember a speaker: a named one as a candidate antecedent, a he/she as that actor's gender."""
        if actor_id is None:
            return
        self._resolved[tok.i] = actor_id
        if tok.lower_ in ("he", "she"):
            self._gender.setdefault(actor_id, tok.lower_)
            self._person_ids.add(actor_id)
        if tok.pos_ == "PRON":
            if tok.lower_ in ("he", "she") and not self.in_quote[tok.i]:
                self.recent.append((tok.i, actor_id))  # the chain goes on: 'He said ...' then 'the UN chief said'
                del self.recent[:-_KEEP]
            return
        if phrase is not None:
            g = next((_GENDERED[t.lower_.rstrip(".")] for t in self.doc[phrase[0]:phrase[1]]
                      if t.lower_.rstrip(".") in _GENDERED), None)
            if g is not None:
                self._gender.setdefault(actor_id, g)
            # what the phrase calls the speaker ('Samuel Otieno, a farmer': not 'the governor' later)
            self._titles.setdefault(actor_id, set()).update(
                t.lower_ for t in self.doc[phrase[0]:phrase[1]] if t.pos_ == "NOUN" or t.lower_ in _TITLE_NOUNS)
        self.recent.append((tok.i, actor_id))
        if len(self.recent) > _KEEP:
            del self.recent[0]

    def speaker_id(self, tok: Token, default: str | None, phrase: tuple[int, int] | None = None) -> str | None:
        """The actor for pronoun speaker `tok` (or a definite description, its phrase the token range
        `phrase`): an earlier speaker when one fits, else `default`."""
        word = tok.lower_
        if self.actors is None:
            return default
        if word not in _PERSONAL:
            return self._described(tok, default, phrase) if phrase is not None else default
        for i, actor_id in reversed(self.recent):
            if i >= tok.i:
                continue
            if self.para_of(tok.idx) - self.para_of(self.doc[i].idx) > _REACH_PARAS or tok.i - i > _REACH_TOKENS:
                break
            if not self._fits(word, self.doc[i], actor_id) or (
                    word in ("he", "she") and self._gender.get(actor_id, word) != word):
                continue
            if default == actor_id:
                return actor_id
            other = self._someone_else(i, tok, actor_id, word)
            if other is None:
                return actor_id
            # the last sentence about someone else of the pronoun's kind: its subject is the one who
            # goes on ('X called the claim untrue. "It is a lie," he said')
            return other[0] if other[1] else default
        return self._previous_subject(tok, word) or default

    def _described(self, tok: Token, default: str | None, phrase: tuple[int, int]) -> str | None:
        """'"...," the minister went on', 'said the 42-year-old', 'the group said': a definite
        description with no name of its own is the nearest earlier speaker it can describe (within
        the pronoun's reach, nobody else of that kind the subject in between), unless the actors stage
        already named it."""
        doc = self.doc
        words = doc[phrase[0]:phrase[1]]
        if len(words) > 6 or not any(t.lower_ == "the" and t.dep_ == "det" and t.head.i == tok.i for t in words) \
                or any(t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.i >= tok.i) for t in words) \
                or any(t.dep_ in ("appos", "relcl", "acl") for t in tok.children):
            return default
        head = tok.lower_
        age = bool(_AGE.match(words.text))
        if age or (head in _TITLE_NOUNS and tok.tag_ == "NN"):
            kind = "person"
            if default is not None and self._type(default) == "person" and default in self._full:
                return default  # the actors stage named the person ('the governor' -> the governor)
        elif (head in _BODY_ANY or head in _BODY_KIND) and not any(t.pos_ == "PROPN" for t in words):
            kind = "body"
            if default is not None and self._type(default) not in ("person", "population", None) \
                    and self._is_named(default):
                return default  # 'the group' the actors stage took for a named group
        else:
            return default
        for i, actor_id in reversed(self.recent):
            if i >= tok.i:
                continue
            if self.para_of(tok.idx) - self.para_of(doc[i].idx) > _REACH_PARAS or tok.i - i > _REACH_TOKENS:
                break
            if actor_id == default:
                return default
            type_ = self._type(actor_id)
            if kind == "person":
                if not (self._fits("he", doc[i], actor_id) or type_ == "person"):
                    continue
                titles = self._titles_of(actor_id)
                if not age and head not in _ANY_TITLE and titles and head not in titles:
                    continue  # 'Smith, a farmer, said ... the governor said': someone else
                word = self._gender.get(actor_id, "he")
            else:
                if type_ in ("person", "population", None) or doc[i].ent_type_ == "PERSON":
                    continue
                allowed = _BODY_KIND.get(head)
                if allowed is not None and type_ not in allowed and not self._name_has(actor_id, head):
                    continue
                word = "it"
            if self._someone_else(i, tok, actor_id, word) is None:
                if kind == "person":
                    self._person_ids.add(actor_id)
                return actor_id
            return default
        return default

    def _titles_of(self, actor_id: str) -> set[str]:
        """The titles an actor has been given: in its speaker phrases, or as its role."""
        assert self.actors is not None
        a = self.actors.get(actor_id)
        role = str(a.attributes.get("role", "")).lower().split() if a is not None else []
        return self._titles.get(actor_id, set()) | {w for w in role if w in _TITLE_NOUNS}

    def _is_named(self, actor_id: str) -> bool:
        """Whether some mention of the actor holds a proper name ('the Islamic State group', not 'an
        activist group')."""
        if actor_id not in self._named:
            assert self.actors is not None
            a = self.actors.get(actor_id)
            named = False
            for m in a.mentions if a is not None else ():
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and any(t.pos_ == "PROPN" for t in span):
                    named = True
                    break
            self._named[actor_id] = named
        return self._named[actor_id]

    def _name_has(self, actor_id: str, word: str) -> bool:
        assert self.actors is not None
        a = self.actors.get(actor_id)
        return a is not None and word in a.name.lower().split()

    def _previous_subject(self, pron: Token, word: str) -> str | None:
        """The main subject of the sentence before the pronoun's, when it names an actor of the
        pronoun's kind: no earlier speaker fits, and the pronoun goes on from the sentence before
        ('Marko Ilic called the accusation untrue. "It is a lie," he said')."""
        sent = pron.sent
        own = next((t for t in sent if t.i < pron.i and t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
                    and not self.in_quote[t.i] and not self.reported[t.i]), None)
        if own is not None:  # "X put out a statement, which it called ...": its own sentence's subject
            other = self._actor_at(own.i)
            return other if other is not None and self._fits(word, own, other) else None
        if sent.start == 0:
            return None
        before = self.doc[sent.start - 1].sent
        last = None  # the last main subject outside quotes (a paragraph break the parser did not split on)
        for t in before:
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") and t.head.dep_ in (
                    "ROOT", "conj", "ccomp") and not self.in_quote[t.i] and not self.reported[t.i]:
                last = t
        if last is None:  # the parser found no subject: a line that opens with a person's name
            line = max((t.i + 1 for t in before if "\n" in t.text_with_ws and t.i + 1 < before.end
                        and not self.doc[t.i + 1].is_space), default=before.start)
            opener = self.doc[line] if line < before.end else None
            if opener is not None and opener.ent_type_ == "PERSON" and not self.in_quote[opener.i]:
                last = opener
        other = self._actor_at(last.i) if last is not None else None
        if other is not None and self._fits(word, last, other) and self._gender.get(other, word) == word:
            return other
        return None

    def _actor_at(self, k: int) -> str | None:
        """The actor with the shortest mention over token `k` (an index built once: lookups stay O(1))."""
        if self._by_token is None:
            assert self.actors is not None
            best: dict[int, tuple[int, str]] = {}
            for a in self.actors.actors:
                for m in a.mentions:
                    span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                    for i in range(span.start, span.end) if span is not None else ():
                        if i not in best or m.end - m.start < best[i][0]:
                            best[i] = (m.end - m.start, a.id)
            self._by_token = {i: actor_id for i, (_, actor_id) in best.items()}
        return self._by_token.get(k)

    def _someone_else(self, lo: int, pron: Token, actor_id: str, word: str) -> tuple[str, bool] | None:
        """(the actor, whether it is a main subject or named in the pronoun's paragraph) of the last place
        between the earlier speaker and
        the pronoun where a sentence's main subject names another actor of the pronoun's kind, or (for
        he/she) another person is named outside what anyone is reported to say ('The storm destroyed
        the home of Maria Lopez. "...," she said'); None when there is none."""
        doc = self.doc
        assert self.actors is not None
        person = _PERSONAL[word] == "person"
        found: tuple[str, bool] | None = None
        subject_sent = -1
        for k in range(lo + 1, pron.i):
            t = doc[k]
            if self.in_quote[k] or t.pos_ not in ("PROPN", "NOUN"):
                continue
            main_subject = (t.dep_ in ("nsubj", "nsubjpass") and (t.head.dep_ == "ROOT" or _glued(t.head))) \
                or _subjectless_opener(t)
            named = person and t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and not self.reported[k]
            if not (main_subject or named):
                continue
            other = self._resolved.get(k) or self._actor_at(k)
            if other is None or other == actor_id or self._gender.get(other, word) != word:
                continue  # the speaker again, or someone the pronoun cannot be ('Mr. X said' before 'she')
            if main_subject and self._fits(word, t, other):
                found, subject_sent = (other, True), t.sent.start
            elif named and other in self._full and (self._type(other) == "person" or self._type(other) == "other") \
                    and not (found is not None and found[1] and subject_sent == t.sent.start):
                # a person named in the pronoun's own paragraph, not beside a subject who is the one
                # the sentence is about ('shelling flattened Bairi Ram's house. "...," he said')
                found = (other, self.para_of(t.idx) == self.para_of(pron.idx))
        return found


def _lone_opener(tok: Token) -> bool:
    """A single capitalized word with no entity type opening its sentence ('Inquiries showed ...')."""
    return bool(tok.is_sent_start) and not tok.ent_type_ and not any(c.dep_ == "compound" for c in tok.children) \
        and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN")


def _subjectless_opener(t: Token) -> bool:
    """The last word of a name that opens a sentence the parse found no subject in ('The National
    Weather Service forecast storms ...', with 'forecast' taken for a noun), or opens a paragraph the
    parse glued onto the one before: what the sentence is about."""
    doc = t.doc
    if t.pos_ != "PROPN" or t.ent_type_ not in ("ORG", "PERSON") \
            or (t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I"):
        return False
    lo = t.i
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    # a name opening its paragraph that the parse hung on a word of the paragraph before (paragraphs
    # glued into one sentence): the new paragraph is about it
    p_lo = lo
    while p_lo > 0 and "\n" not in doc[p_lo - 1].text_with_ws and lo - p_lo < 3:
        p_lo -= 1
    if (p_lo == 0 or "\n" in doc[p_lo - 1].text_with_ws) and t.head.i < p_lo \
            and all(doc[k].is_punct or doc[k].dep_ == "det" for k in range(p_lo, lo)):
        return True
    sent = t.sent
    if any(not (doc[k].is_punct or doc[k].is_space or doc[k].dep_ == "det") for k in range(sent.start, lo)):
        return False
    return not any(w.dep_ in ("nsubj", "nsubjpass") for w in sent)


def _glued(verb: Token) -> bool:
    """True when the parse hung `verb` on a word of an earlier paragraph (paragraphs glued into one
    sentence): its clause is the main clause of its own paragraph."""
    head = verb.head
    return head.i < verb.i and any("\n" in verb.doc[k].text_with_ws for k in range(head.i, verb.i))
