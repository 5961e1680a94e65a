"""Speakers over the dependency parse: the subject of a cue verb, as a full noun phrase."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .cues import CLAUSE_VERBS, DOCUMENT_NOUNS

_SUBJ = ("nsubj", "nsubjpass", "csubj")
# entity types that never speak: a participle hanging on one belongs to the clause's subject
_NOT_SPEAKERS = ("GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "LAW", "WORK_OF_ART", "NORP", "PRODUCT",
                 "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE")
_EDGE_TRIM = {"punct", "cc", "case"}
# verbs whose passive subject is the one named, judged or accused, never the speaker
_PASSIVE_TARGETS = frozenset(["call", "describe", "dub", "term", "label", "brand", "characterize", "characterise",
                              "accuse", "charge", "blame", "condemn", "denounce", "criticize", "criticise"])
_OFFICE_WORDS = frozenset(["office", "cabinet", "secretariat", "bureau", "residence", "administration"])
# titles that name a person ('Ana Ruiz, Chile's interior minister' is Ana Ruiz, not Chile)
_PERSON_TITLES = frozenset(["minister", "president", "premier", "chancellor", "governor", "mayor", "senator",
                            "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "secretary",
                            "commander", "general", "chief", "director", "adviser", "advisor", "leader", "head",
                            "chairman", "chairwoman", "official", "lawmaker", "deputy", "prosecutor", "judge"])
_DASHES = ("\u2014", "\u2013", "-", "--")


def subject_of(verb: Token, depth: int = 3) -> Token | None:
    """The subject of `verb`, kept inside the verb's paragraph (headers like '5:45 p.m.' are
    often parsed into the next sentence)."""
    subj = _subject(verb, depth)
    if subj is None:
        return None
    if subj.tag_ in ("WP", "WDT") or subj.lower_ == "that":
        head = subj.head
        for _ in range(3):
            if head.dep_ in ("relcl", "acl"):
                if head.head.pos_ in ("NOUN", "PROPN"):
                    subj = _issuer(head.head) or _off_place(head.head)  # "Smith, who said ..." -> Smith
                break
            head = head.head
        if subj.tag_ in ("WP", "WDT") and subj.i > 1 and subj.doc[subj.i - 1].text == ",":
            subj = _before_relative(subj) or subj  # '..., which added:' the parse did not make a relative clause
    doc = verb.doc
    subj = _out_of_brackets(subj)
    # the verb the subject belongs to (the cue itself, or the verb it borrowed the subject from)
    anchor = subj.head if subj.i < subj.head.i <= verb.i else verb
    lo, hi = sorted((subj.i, verb.i))
    crosses = any("\n" in doc[k].text_with_ws for k in range(lo, hi))
    # a dateline ("LONDON (Reuters) -") or a date ("said Saturday") mis-parsed as the subject
    dateline = subj.i < anchor.i and any(is_dash(doc[k]) for k in range(subj.i + 1, anchor.i)) \
        and (subj.is_upper or any(doc[k].text == "(" for k in range(max(0, subj.i - 1), subj.i + 2)))
    if crosses or dateline or (subj.ent_type_ in ("DATE", "TIME") and not _is_age(subj)):
        # take the last noun before the verb, not crossing a line break or a dash
        for i in range(anchor.i - 1, -1, -1):
            t = doc[i]
            if "\n" in t.text_with_ws or is_dash(t):
                return None
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t.ent_type_ not in ("DATE", "TIME"):
                return _out_of_brackets(t.head if t.dep_ == "compound" and t.head.i < verb.i else t)
        return None
    return subj


def _before_relative(rel: Token) -> Token | None:
    """The noun a relative pronoun after a comma stands for: the phrase before the comma, without a
    trailing place ('the account of the French Embassy in Bamako, which' -> Embassy)."""
    t = _off_place(rel.doc[rel.i - 2])
    while t.dep_ == "compound" and t.head.i > t.i and t.head.i < rel.i:
        t = t.head
    return t if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in _NOT_SPEAKERS else None


def _off_place(t: Token) -> Token:
    """'the consulate in Goma, which said': the noun a trailing place phrase hangs on, not the place."""
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near") and t.head.head.pos_ in ("NOUN", "PROPN"):
            t = t.head.head
    return t


def _is_age(t: Token) -> bool:
    """'the 46-year-old' is a person, though tagged as a date."""
    return t.lower_ in ("old", "year-old") or t.lower_.endswith("-old") \
        or any(c.dep_ == "det" for c in t.children)


def _out_of_brackets(subj: Token) -> Token:
    """'Sen. Jane Roe (D-Ore.) said': a subject inside brackets stands for the name before them."""
    doc = subj.doc
    i = subj.i - 1
    while i >= max(0, subj.i - 4) and doc[i].text != "(":
        if doc[i].text == ")":
            return subj
        i -= 1
    if i < 1 or doc[i].text != "(" or not any(doc[k].text == ")" for k in range(subj.i + 1, min(len(doc), subj.i + 4))):
        return subj
    name = doc[i - 1]
    if name.pos_ != "PROPN":
        return subj
    while name.dep_ == "compound" and name.i < name.head.i < i:
        name = name.head
    return name


def _issuer(noun: Token) -> Token | None:
    """The subject that issues a document ('the council issued a statement', 'Smith is releasing an
    ad'), or None: the document speaks for it."""
    gov = noun.head
    if noun.lemma_.lower() in DOCUMENT_NOUNS and noun.dep_ == "dobj" and gov.pos_ == "VERB":
        return next((c for c in gov.children if c.dep_ == "nsubj"), None)
    return None


def _participle_owner(verb: Token) -> Token | None:
    """The verb whose subject speaks for a subjectless participle cue ('..., saying', 'calling'):
    the issuer of a document ('X issued a statement saying' -> issued), the clause's verb when
    the participle hangs on a place, date or other non-speaker ('in Iowa, telling' -> the main
    verb), the reporting verb when it hangs on the reported clause ('X told Y that Z "...",
    adding' -> told)."""
    doc = verb.doc
    k = verb.i - 1
    while k > 0 and doc[k].is_quote:
        k -= 1  # '..., "A," adding'
    comma = k >= 0 and doc[k].text in (",", "\u2014", "--")
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if head.lemma_.lower() in DOCUMENT_NOUNS:
            return head.head if _issuer(head) is not None else None
        # 'marched through the capital chanting': a participle on a place the clause goes through
        through = head.dep_ == "pobj" and head.head.lower_ in ("through", "across", "into", "along", "around", "in")
        if head.dep_ in ("pobj", "dobj", "appos", "npadvmod") and (comma or through or head.ent_type_ in _NOT_SPEAKERS):
            t = head
            for _ in range(6):
                if t.head.i == t.i:
                    return None
                t = t.head
                if t.pos_ in ("VERB", "AUX"):
                    return t
        return None
    if verb.lemma_.lower() in _PASSIVE_TARGETS and any(c.dep_ == "dobj" for c in verb.children):
        return None  # 'X reported that Moscow expelled them, accusing them of ...': the expeller accuses
    if verb.dep_ == "advcl" and comma and head.dep_ == "ccomp" and head.head.pos_ == "VERB" \
            and head.head.lemma_.lower() in CLAUSE_VERBS and head.head.i < head.i \
            and not any("\n" in doc[k].text_with_ws for k in range(head.head.i, verb.i)):
        return head.head  # the participle goes with the report, not with the reported clause
    return None


def _crosses_line(a: Token, b: Token) -> bool:
    """True when a line break lies between tokens `a` and `b` (a parse glued across paragraphs)."""
    lo, hi = sorted((a.i, b.i))
    return any("\n" in a.doc[k].text_with_ws for k in range(lo, hi))


def is_dash(t: Token) -> bool:
    """A dash between words (not the hyphen of 'pro-life')."""
    return t.text in _DASHES and (t.text != "-" or (t.i > 0 and bool(t.doc[t.i - 1].whitespace_)))


def _subject(verb: Token, depth: int) -> Token | None:
    """The subject of `verb`, borrowed from the governing verb for 'adding', 'and said', 'who said'."""
    tok = verb
    if (verb.dep_ in ("pcomp", "advcl") and verb.head.lower_ == "as") or any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        gov = verb.head.head if verb.head.lower_ == "as" else verb.head
        if gov.lemma_.lower() in ("quote", "cite") and gov.i < verb.i:
            # 'RIA quoted Jane Roe as saying', 'Roe was quoted by RIA as saying': the one quoted speaks
            quoted = next((c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if quoted is not None:
                return quoted
    if verb.tag_ == "VBG" and verb.i > 0 and not any(c.dep_ in _SUBJ for c in verb.children):
        prev = verb.doc[verb.i - 1]
        if prev.ent_type_ == "PERSON" or prev.lower_ in ("he", "she", "him", "her", "them"):
            return prev  # "footage of Hillary Clinton asking, ..."
    if verb.tag_ == "VBG" and not any(c.dep_ in _SUBJ for c in verb.children):
        owner = _participle_owner(verb)
        if owner is not None:
            tok = owner
    for _ in range(depth):
        subjects = [c for c in tok.children if c.dep_ in _SUBJ] or [
            g for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i
            for g in c.children if g.dep_ in _SUBJ]  # 'powers had earlier condemned': subject hung on 'had'
        if any(c.dep_ == "nsubjpass" for c in subjects):
            agent = next((gc for c in tok.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"),
                         None)
            if agent is not None:
                return agent  # 'Smith was asked by the host, "..."': the host speaks
            agent = _by_phrase(tok)
            if agent is not None:
                return agent  # 'the groups have been branded "terrorists" by the military'
            if tok.lemma_.lower() in _PASSIVE_TARGETS:
                return None  # 'some were charged with "treason"': the subject is the one named or accused
        if len(subjects) > 1:
            # two subjects ("WASHINGTON (AP) - Clinton has said", "In Salem, New Hampshire, Smith
            # said"): not a place or date, and after a dash the one nearest before the verb; but a
            # name right before the verb is its subject ('a step Washington called ...': the capital
            # speaks for its state)
            right_before = next((c for c in subjects if c.i < tok.i and c.pos_ == "PROPN" and c.ent_type_ == "GPE"
                                 and all(w.dep_ in ("aux", "neg", "advmod") for w in tok.doc[c.i + 1:tok.i])
                                 and any(o.pos_ == "NOUN" and o.i < c.i and o.dep_ == "nsubj" for o in subjects)),
                                None)
            if right_before is not None:
                return right_before
            subjects = [c for c in subjects if c.ent_type_ not in _NOT_SPEAKERS] or subjects
            before = [c for c in subjects if c.i < tok.i]
            if len(before) > 1 and any(is_dash(t) for t in tok.doc[before[0].i:before[-1].i]):
                return before[-1]
        if subjects:
            return subjects[0]
        glued = _after_date(tok)
        if glued is not None:
            return glued
        for child in tok.children:  # passive: "was told by X" -> the agent
            if child.dep_ == "agent":
                for gc in child.children:
                    if gc.dep_ == "pobj":
                        return gc
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head  # "Smith, who said ..."
        if tok.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and tok.head.head.pos_ == "VERB" and tok.head.dep_ in ("dobj", "nsubj", "pobj") \
                and any(c.dep_ == "poss" for c in tok.head.children):
            tok = tok.head.head  # 'blamed his reluctance to condemn ...': the noun does not speak
            continue
        if tok.dep_ == "acl" and tok.head.dep_ == "pobj" and tok.head.lemma_.lower() in DOCUMENT_NOUNS \
                and tok.head.head.lower_ in ("in", "via", "through") and tok.head.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head.head  # 'the Pope, in a written message, called on ...': the writer speaks
            continue
        if tok.dep_ == "acl" and (tok.head.pos_ in ("NOUN", "PROPN") or _is_age(tok.head)):
            if tok.i > 0 and tok.doc[tok.i - 1].text == "," and tok.head.head.pos_ == "VERB" \
                    and tok.head.dep_ in ("dobj", "pobj") and not _crosses_line(tok.head.head, tok):
                tok = tok.head.head  # "criticized Romney, adding ...": the adding is the critic's
                continue
            return tok.head  # "a statement saying ..."
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "acomp") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return None
    return None


def _after_date(verb: Token) -> Token | None:
    """'On Sunday numerous countries condemned ...', 'On Monday Ana Ruiz called ...': a subject the
    parse hung on the opening date's preposition, or None."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i or prep.i != prep.sent.start \
                or not any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree):
            continue
        objs = [c for c in prep.children if c.dep_ in ("pobj", "conj", "appos") and c.pos_ in ("NOUN", "PROPN")
                and c.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC") and c.i < verb.i]
        if objs and any(t.ent_type_ in ("DATE", "TIME") and t.i < objs[-1].i for t in prep.subtree):
            return objs[-1]
    return None


def _by_phrase(verb: Token) -> Token | None:
    """The 'by X' of a passive verb that the parse hung on its complement ('branded "terrorists" by
    the military'), or None; not a date ('by Monday')."""
    for c in verb.children:
        for p in [c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ == "prep"] \
                if c.dep_ in ("oprd", "attr", "dobj", "xcomp") else []:
            if p.lower_ != "by":
                continue
            obj = next((g for g in p.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.ent_type_ not in ("DATE", "TIME"):
                return obj
    return None


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `tok`: modifiers and appositions,
    without relative clauses or trailing punctuation."""
    if tok.pos_ == "PRON":
        return tok.i, tok.i + 1
    lo = hi = tok.i
    stack = [tok]
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ in ("relcl", "acl", "advcl", "conj", "cc") or (
                    child.dep_ == "punct" and child.i > tok.i and t is tok):
                continue
            if child.dep_ == "prep" and child.i > tok.i and t is tok \
                    and child.lower_ not in ("of", "from", "by", "for"):
                continue
            lo, hi = min(lo, child.i), max(hi, child.i)
            stack.append(child)
    doc = tok.doc
    for i in range(tok.i - 1, lo - 1, -1):  # never across a line break ("1:18 p.m.\n\nThe senator")
        if "\n" in doc[i].text_with_ws:
            lo = i + 1
            break
    for i in range(tok.i, hi):
        if "\n" in doc[i].text_with_ws:
            hi = i
            break
    while hi > tok.i and (doc[hi].dep_ in _EDGE_TRIM or doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ == "cc"
                          or (doc[lo].ent_type_ in ("DATE", "TIME") and tok.ent_type_ not in ("DATE", "TIME"))):
        lo += 1  # 'Saturday Sen. Jane Roe said': the date is not part of the name
    if hi + 1 < len(doc) and doc[hi + 1].text == ")" and \
            sum(t.text == "(" for t in doc[lo:hi + 1]) > sum(t.text == ")" for t in doc[lo:hi + 1]):
        hi += 1  # 'Sen. Jane Roe (D-Ore.)': keep the bracket closed
    if hi - lo > 14:  # runaway phrase: keep the head and its close modifiers
        lo = max(lo, tok.i - 6)
        hi = min(hi, tok.i + 6)
    return lo, hi + 1


def _a_name(t: Token) -> bool:
    """A person's name (the tagger may give it no entity type): not a place's or an organisation's."""
    return t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and not t.ent_type_)


def _self_name(head: Token) -> tuple[int, int] | None:
    """The name a speaker gives itself in a relative clause after it ('the faction, which calls
    itself the Central General Staff', 'a group calling itself X'): its character span, or None."""
    for clause in head.children:
        if clause.dep_ not in ("relcl", "acl") or clause.lemma_.lower() not in ("call", "name", "style") \
                or not any(c.lower_ in ("itself", "themselves", "himself", "herself") for c in clause.children):
            continue
        name = next((c for c in clause.children if c.dep_ in ("oprd", "xcomp", "attr", "dobj")
                     and c.lower_ not in ("itself", "themselves", "himself", "herself")), None)
        if name is not None and (name.pos_ == "PROPN" or any(c.pos_ == "PROPN" for c in name.children)):
            lo, hi = noun_phrase(name)
            span = head.doc[lo:hi]
            return span.start_char, span.end_char
    return None


def actor_core(doc: Doc, head: Token) -> tuple[int, int]:
    """Character span to resolve the speaker's actor: the owner of a document ('a statement from
    the ministry' -> 'the ministry'), else the named entity around the head, else the head."""
    # "Ana Ruiz, Peru's interior minister": the title is the person's, not Peru's; "Peru's interior minister,
    # Ana Ruiz" likewise
    if head.ent_type_ != "PERSON" and head.pos_ == "NOUN":
        if head.dep_ == "appos" and (_a_name(head.head) or (
                head.lemma_.lower() in _PERSON_TITLES and head.head.pos_ == "PROPN"
                and head.head.ent_type_ not in _NOT_SPEAKERS)):
            # 'Ana Ruiz, Chile's interior minister': a minister is a person, whatever type the tagger
            # gave the name
            return actor_core(doc, head.head)
        named = next((c for c in head.children if c.dep_ == "appos" and _a_name(c)), None)
        if named is not None:
            return actor_core(doc, named)
    if head.lemma_.lower() in DOCUMENT_NOUNS:
        for child in head.children:
            if child.dep_ == "poss" or (child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE")):
                return actor_core(doc, child)  # "the ministry's statement", "the Rwandan statement"
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                for gc in child.children:
                    if gc.dep_ == "pobj" and gc.pos_ in ("PROPN", "NOUN"):
                        return actor_core(doc, gc)
            if child.dep_ == "acl" and child.tag_ == "VBN":  # 'a statement issued by the PM's office'
                for agent in child.children:
                    by = next((gc for gc in agent.children if gc.dep_ == "pobj" and gc.pos_ in ("PROPN", "NOUN")),
                              None) if agent.dep_ == "agent" else None
                    if by is not None:
                        return actor_core(doc, by)
    named = _self_name(head)
    if named is not None:  # 'the faction, which calls itself the Central General Staff'
        return named
    if head.ent_type_:
        lo = hi = head.i
        while lo > 0 and doc[lo].ent_iob_ == "I":
            lo -= 1
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I":
            hi += 1
        span = doc[lo:hi + 1]
        return span.start_char, span.end_char
    if head.pos_ == "PROPN":  # a name the tagger gave no type: the name itself, not its apposition
        lo = head.i
        while lo > 0 and doc[lo - 1].dep_ == "compound" and doc[lo - 1].head == head and _a_name(doc[lo - 1]):
            lo -= 1  # "Ana Ruiz" (not "Monday Ana Ruiz")
        poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN" and c.i < lo), None)
        if poss is not None and head.lower_ in _OFFICE_WORDS:
            lo = poss.left_edge.i  # "the Prime Minister's Office": the office, named by its holder
            while lo < poss.i and doc[lo].dep_ == "det":
                lo += 1
        return doc[lo].idx, head.idx + len(head.text)
    lo, hi = noun_phrase(head)
    span = doc[lo:hi]
    return span.start_char, span.end_char
