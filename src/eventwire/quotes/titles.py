"""What marks set off that is not speech: titles, names and the narrator's terms.

Short title-case quotations (programme and book titles, names with *de*/*la*/*von*), the object
of a performative verb (*proclaimed a "republic"*) and the like are not quotes, unless they
read as said: a sentence break inside, a comma or '!' before a cue, a lowercase verb, words
after a colon, what a crowd chants.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .indirect import Found
from .mixed import PERFORMATIVE

__all__ = ["after_colon", "is_title", "names_what_is_made", "shouted", "speech_like", "word_count"]


def names_what_is_made(doc: Doc, found: Found) -> bool:
    """'ISIS proclaimed a "republic"': the object of a performative cue names what the act makes,
    a term set off by the marks rather than words quoted."""
    if found.cue is None:
        return False
    cue = doc[found.cue[0]]
    if cue.lemma_.lower() not in PERFORMATIVE:
        return False
    return any(doc[i].head.i == cue.i and doc[i].dep_ in ("dobj", "attr", "oprd")
               for i in range(found.start, found.end))


_SHOUT_VERBS = frozenset(["chant", "shout", "yell", "scream", "cry", "roar", "chorus"])


def shouted(doc: Doc, lo: int, hi: int) -> bool:
    """'chanting "Pinera Out!"': words a crowd shouts are said, whatever their case."""
    t = next((doc[i] for i in range(lo, hi) if not (doc[i].is_punct or doc[i].is_space)), None)
    for _ in range(6):
        if t is None or t.head.i == t.i:
            return False
        t = t.head
        if not lo <= t.i < hi:
            return t.pos_ == "VERB" and t.lemma_.lower() in _SHOUT_VERBS
    return False


def after_colon(doc: Doc, lo: int) -> bool:
    """'The embassy added: "AT LAST!"': words a colon introduces are said, whatever their case."""
    j = lo - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j >= 0 and doc[j].text == ":"


def word_count(doc: Doc, lo: int, hi: int) -> int:
    """Alphabetic tokens in [lo, hi)."""
    return sum(1 for i in range(lo, hi) if doc[i].is_alpha)


def speech_like(doc: Doc, found: Found) -> bool:
    """'"Like Oakland. Or Ferguson," Trump said': title-case words said, not a title: a sentence
    break inside, or a comma, '!' or '?' left open before a cue that follows."""
    words = [t for t in doc[found.start:found.end] if not t.is_quote and not t.is_space]
    if any(t.text in (".", "?", "!") for t in words[:-1]):
        return True
    return bool(words) and words[-1].text in (",", "!", "?") and found.cue is not None \
        and found.cue[0] >= found.end


def is_title(doc: Doc, lo: int, hi: int) -> bool:
    """'"Face the Nation,"', "'All Bets Are Off.'": short and in title case."""
    words = [t for t in doc[lo:hi] if t.is_alpha]
    if not words or len(words) > 8:
        return False
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "with", "by",
             # the particles of names in other languages ('Diario de Noticias', 'Le Monde', 'Der Spiegel')
             "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "les", "el", "al",
             "von", "van", "der", "den", "y"}
    return all(t.text[0].isupper() or t.lower_ in small for t in words) and words[0].text[0].isupper() \
        and not (len(words) == 1 and words[0].pos_ != "PROPN")
