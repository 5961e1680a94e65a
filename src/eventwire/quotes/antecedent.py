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
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..actors import ActorTable

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

    def _type(self, actor_id: str) -> str | None:
        if actor_id not in self._types and self.actors is not None:
            self._types.update((a.id, a.type) for a in self.actors.actors)
            self._full.update(a.id for a in self.actors.actors if " " in a.name)
        return self._types.get(actor_id)

    def _fits(self, word: str, tok: Token, actor_id: str) -> bool:
        """Whether the actor named at `tok` can be 'he'/'she' (a person) or 'it'/'they' (anything else)."""
        type_ = self._type(actor_id)
        person = type_ == "person" or tok.ent_type_ == "PERSON"
        kind = _PERSONAL[word]
        if kind == "person":  # a name the tagger could not type may be a person's
            return person or (type_ == "other" and tok.pos_ == "PROPN" and tok.ent_type_ not in _PLACES)
        return not person and not (kind == "thing" and type_ == "population")

    def seen(self, tok: Token, actor_id: str | None, phrase: tuple[int, int] | None = None) -> None:
        """Remember a speaker: a named one as a candidate antecedent, a he/she as that actor's gender."""
        if actor_id is None:
            return
        if tok.lower_ in ("he", "she"):
            self._gender.setdefault(actor_id, tok.lower_)
        if tok.pos_ == "PRON":
            return
        if phrase is not None:
            g = next((_GENDERED[t.lower_.rstrip(".")] for t in self.doc[phrase[0]:phrase[1]]
                      if t.lower_.rstrip(".") in _GENDERED), None)
            if g is not None:
                self._gender.setdefault(actor_id, g)
        self.recent.append((tok.i, actor_id))
        if len(self.recent) > _KEEP:
            del self.recent[0]

    def speaker_id(self, tok: Token, default: str | None) -> str | None:
        """The actor for pronoun speaker `tok`: an earlier speaker when one fits, else `default`."""
        word = tok.lower_
        if word not in _PERSONAL or self.actors is None:
            return default
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
        """(the actor, whether it is a main subject) of the last place between the earlier speaker and
        the pronoun where a sentence's main subject names another actor of the pronoun's kind, or (for
        he/she) another person is named outside what anyone is reported to say ('The storm destroyed
        the home of Maria Lopez. "...," she said'); None when there is none."""
        doc = self.doc
        assert self.actors is not None
        person = _PERSONAL[word] == "person"
        found: tuple[str, bool] | None = None
        for k in range(lo + 1, pron.i):
            t = doc[k]
            if self.in_quote[k] or t.pos_ not in ("PROPN", "NOUN"):
                continue
            main_subject = t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
            named = person and t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and not self.reported[k]
            if not (main_subject or named):
                continue
            other = self._actor_at(k)
            if other is None or other == actor_id or self._gender.get(other, word) != word:
                continue  # the speaker again, or someone the pronoun cannot be ('Mr. X said' before 'she')
            if main_subject and self._fits(word, t, other):
                found = (other, True)
            elif named and self._type(other) == "person" and other in self._full:
                found = (other, False)
        return found
