"""Actor mentions in a parsed Doc: named entities, noun phrases headed by actor nouns, pronouns.

``describe(doc, kb)`` walks the noun chunks (and entities outside any chunk) once and yields a
``Desc`` per candidate mention: what the span says about its referent (type, country, place,
portfolio, controller, role ...).  Whether it is a new actor or an earlier one is decided in
``coref``; this module only reads the surface and the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .knowledge import Entry, Knowledge, norm

# Head nouns that make a noun phrase an actor, by the kind of actor they denote.
MILITARY = {"military", "army", "forces", "force", "troops", "soldiers", "navy", "marines", "paratroopers",
            "airforce", "rangers", "commandos"}
# Units that are a military only with a security word before them ("a counter-terrorism unit", not "a care unit")
UNITS = {"unit", "units", "squad", "squads", "battalion", "battalions", "brigade", "regiment", "detachment"}
SECURITY_WORDS = {"counter-terrorism", "counterterrorism", "anti-terror", "anti-terrorism", "security", "military",
                  "army", "police", "special", "elite", "commando", "rapid", "response", "tactical", "infantry",
                  "armoured", "armored", "paratrooper", "marine", "naval", "intervention", "reaction", "terrorism",
                  "counter", "terror", "anti"}
# Weapons a country's adjective makes its military ("Russian warplanes")
WEAPONS = {"warplanes", "jets", "drones", "helicopters", "gunships", "warships", "gunboats", "tanks", "missiles",
           "rockets", "bombers", "aircraft", "artillery"}
# Collective nouns that are whoever they are "of" ("a band of Abu Sayyaf fighters")
COLLECTIVES = {"band", "bands", "unit", "units", "squad", "contingent", "column", "cell", "cells", "detachment",
               "group", "groups", "team", "dozens", "hundreds", "scores", "thousands"}
# A state's police (type police): its police, gendarmerie, and its border and coast guards
POLICE = {"police", "policemen", "policewomen", "gendarmerie", "gendarmes", "constabulary", "coastguard",
          "coastguards"}
GUARDS = {"guard", "guards"}  # police with a border word before them ("border guards"), else people who guard
BORDER_WORDS = {"border", "coast", "frontier"}
# A state's intelligence or security service (type intelligence): a service or an agency that a word before it
# says is one ("the intelligence service", "the State Security Service", "Israel's spy agency")
INTELLIGENCE_HEADS = {"service", "services", "agency", "agencies"}
INTELLIGENCE_WORDS = {"intelligence", "counterintelligence", "counter-intelligence", "spy", "secret", "security"}
GOVERNMENT = {"government", "administration", "cabinet", "authorities", "authority", "regime", "junta", "rulers",
              "presidency"}
OFFICIALS = {"officials", "diplomats", "negotiators", "lawmakers", "ministers", "leaders",
             "authorities", "spokesmen"}
MINISTRY = {"ministry", "department"}
ARMED = {"militants", "fighters", "rebels", "insurgents", "militia", "militias", "gunmen", "jihadists", "separatists",
         "mercenaries",
         "guerrillas", "paramilitaries", "extremists", "terrorists", "attackers", "assailants", "raiders", "gangs",
         "gang", "cartel", "cartels", "gangsters"}
MEMBERS = {"fighters", "militants", "members", "gunmen", "operatives", "forces", "troops", "soldiers", "islamists"}
# Heads that, tied to a named organization ("ISWAP fighters", "personnel of the Frontier Corps"), are that
# organization as it acts; the armed ones also make it an armed group.
MEMBER_HEADS = ARMED | MEMBERS | {"personnel", "commanders", "cadres", "units", "combatants", "staff", "islamists",
                                        "officers", "agents"}
# Member nouns the tagger may take into a name ("al Shabaab Islamists") that never end one.
NEVER_NAMES = {"islamists"}
NAME_ARTICLES = {"al", "el", "ad", "ash", "as", "an", "ar", "at", "az"}
ARMED_MEMBERS = (ARMED - {"attackers", "assailants", "raiders"}) | {"forces", "troops", "soldiers", "personnel",
                                                                  "commanders", "cadres", "units", "combatants",
                                                                  "operatives"}
# NORP modifiers that are a creed, an ideology or a continent rather than a people ("Islamist militants").
NOT_PEOPLES = {"islamist", "islamists", "jihadist", "jihadists", "islamic", "salafist", "salafi", "extremist",
               "terrorist", "european", "western", "african", "asian", "latin", "foreign", "international", "allied",
               "coalition", "federal", "nato"}
GROUPS = {"group", "groups", "movement", "organization", "organisation", "organizations", "organisations", "faction",
          "militia", "alliance", "bloc", "coalition"}
ARMED_QUALIFIERS = {"militant", "armed", "islamist", "jihadist", "rebel", "terrorist", "extremist",
                    "paramilitary", "insurgent", "resistance", "separatist", "terror"}
NGO_QUALIFIERS = {"rights", "aid", "humanitarian", "charity", "relief", "advocacy", "medical"}
PARTY = {"party"}
MEDIA = {"newspaper", "broadcaster", "daily", "channel", "television", "tv", "radio", "outlet",
         "agency", "network", "tabloid", "weekly"}
MEDIA_QUALIFIERS = {"press", "news", "state-run", "media", "wire"}
# Unnamed, unarmed people: one actor "Civilians" (ACLED's convention), the surface words kept as mentions
CIVILIANS = {"civilians", "people", "persons", "residents", "villagers", "inhabitants", "locals", "citizens",
             "population", "worshippers", "worshipers", "mourners", "passengers", "passers-by", "passersby",
             "shoppers", "churchgoers", "pedestrians", "bystanders", "commuters", "travellers", "travelers",
             "guests", "visitors", "congregants", "onlookers", "diners", "spectators", "motorists", "tourists"}
POPULATION = CIVILIANS | {"refugees", "protesters", "protestors", "demonstrators", "settlers", "migrants", "hostages",
                          "captives", "prisoners", "detainees", "farmers", "students", "pilgrims", "displaced",
                          "fishermen", "herders", "traders", "miners", "workers", "women", "children", "inmates",
                          "guards", "journalists", "patients", "teachers", "doctors", "medics", "rioters"}
PORTFOLIOS = {"health", "foreign", "defense", "defence", "interior", "finance", "justice", "education",
              "information", "energy", "economy", "agriculture", "trade", "transport", "culture",
              "communications", "state", "home", "war", "labour", "labor", "environment", "tourism",
              "religious", "intelligence", "security", "water", "oil", "commerce", "industry", "housing",
              "planning", "development", "social", "women", "youth", "sports", "endowments",
              "awqaf", "displacement", "migration", "mining", "fisheries", "immigration", "refugees", "treasury",
              "aid", "emergency"}
TITLES = {"president", "minister", "prime", "premier", "chancellor", "king", "queen", "emir", "prince", "sheikh",
          "chairperson",
          "general", "gen.", "lt.", "col.", "colonel", "major", "commander", "chief", "leader", "ambassador",
          "envoy", "mayor", "governor", "senator", "sen.", "rep.", "speaker", "pope", "secretary", "spokesman",
          "spokeswoman", "spokesperson", "director", "head", "deputy", "vice", "adviser", "advisor", "official",
          "secretary-general", "negotiator", "mediator", "judge", "prosecutor", "ayatollah", "cleric", "sultan",
          "lieutenant", "captain", "admiral", "marshal", "sergeant", "dr.", "mr.", "mrs.", "ms.", "founder",
          "gov.", "brig.", "maj.", "capt.", "sgt.", "adm.", "cmdr.", "supt.", "insp.", "amb.", "pres.",
          "foreign", "defense", "defence", "interior", "health", "finance", "political", "military", "top",
          "senior", "former", "supreme", "crown", "state", "of", "coordinator", "representative",
          "chairman", "chairwoman", "chair", "ceo", "member", "lawmaker", "inspector", "archbishop", "bishop",
          "cardinal", "chef", "rabbi", "imam", "reverend", "rev.", "patriarch", "mufti", "warlord", "coach"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"}
# Abbreviated titles, spelled out to compare roles ("Gov. X" ... "the governor")
TITLE_ABBREVIATIONS = {"gov.": "governor", "gen.": "general", "col.": "colonel", "lt.": "lieutenant",
                       "sen.": "senator", "rep.": "representative", "brig.": "brigadier", "maj.": "major",
                       "capt.": "captain", "sgt.": "sergeant", "adm.": "admiral", "cmdr.": "commander",
                       "supt.": "superintendent", "insp.": "inspector", "amb.": "ambassador", "pres.": "president"}
# Heads of a public body news names by its description ("the regional prosecutor's office", "the national
# fire service"): an actor when something before the head says whose or which one it is.
INSTITUTIONS = {"office", "service", "commission", "directorate", "inspectorate", "secretariat", "bureau",
                "tribunal", "prosecutor's office"}
ACTOR_WORDS = (MILITARY | POLICE | GUARDS | {"intelligence"} | GOVERNMENT | OFFICIALS | MINISTRY | ARMED | MEMBERS
               | GROUPS | PARTY | MEDIA | POPULATION | MEMBER_HEADS | UNITS | COLLECTIVES | WEAPONS | INSTITUTIONS
               | {"agency", "agencies"})
# Heads that, capitalized inside an ORG name, make a proper name rather than a description
NAMED_KINDS = {"group", "party", "media", "agency"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
POSSESSIVES = {"its", "their", "his", "her"}
# Entity labels that never name an organization (a proper name in apposition with "a rights group" may carry any other)
NOT_ORG_ENTS = {"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"}
ORG_PRONOUNS = {"it", "its", "they", "them", "their"}
CONTROL_VERBS = {"control", "run", "lead", "govern", "administer", "dominate"}
BACKING_VERBS = {"back", "support", "sponsor", "fund", "arm", "ally", "link", "affiliate", "align", "inspire"}
LOCATIVE_PREPS = {"in", "into", "inside", "to", "from", "across", "near", "at", "throughout", "within", "toward",
                  "towards", "through", "around", "outside", "via", "onto", "off", "along", "beyond", "past",
                  "until", "above", "below", "beside"}
FACILITIES = {"hospital", "school", "university", "airport", "mosque", "church", "synagogue", "camp", "clinic",
              "crossing", "port", "stadium", "square", "street", "road", "bridge", "center", "centre", "hotel",
              "market", "prison", "jail", "base", "complex", "compound", "station", "plant", "building"}
# Capitalized words that describe rather than name ("the Sunni Islamist movement")
_NOT_NAMES = {"the", "official", "state", "national", "local", "main", "key", "militant", "armed", "islamist",
              "jihadist", "rebel", "terrorist", "extremist", "paramilitary", "insurgent", "resistance", "separatist",
              "rights", "aid", "humanitarian", "press", "news", "shiite", "shia", "sunni", "islamic", "muslim",
              "christian", "jewish", "kurdish", "ethnic", "opposition", "ruling", "pro-government", "secular"}
# Capitalized common nouns that end an organization's name ("... West Africa Province"), not a place
_NAME_NOUNS = {"province", "branch", "wing", "front", "brigade", "brigades", "division", "command", "affiliate",
               "group", "movement", "army", "forces", "council", "union", "alliance", "coalition", "party"}
# Heads of an organization's name the tagger may miss ("the Movement for the Salvation of Azawad")
ORG_HEADS = _NAME_NOUNS | {"organization", "organisation", "convention", "congress", "league", "assembly",
                           "committee", "federation", "association", "corps", "militia", "brotherhood", "network"}
_WEB_NAME = re.compile(r"\.(?:net|com|org|info|news)$")  # "Sabanews.net agency": an outlet
_SIZE = re.compile(r"^\d+-(member|nation|country|state|party)s?$")
_SIZE_WORDS = {"-", "member", "nation", "country", "regional"}
_NAME_LINK_WORDS = {"of", "for", "the", "and", "al", "de", "du", "des", "la", "le", "el"}
PLACE_NOUNS = {"town", "city", "village", "district", "province", "region", "area", "state", "county", "camp",
               "neighbourhood", "neighborhood", "suburb", "island", "port", "capital", "enclave", "territory"}
_STRIP_LEADING = {"a", "an", "all", "some", "many", "several", "both", "few", "most", "those", "these", "any",
                  "each", "every", "two", "three", "four", "five", "more", "other", "another", "at", "least",
                  "than", "over", "about", "nearly", "around", "almost", "up", "to", "dozens", "hundreds",
                  "thousands", "scores", "only", "just", "roughly", "approximately", "whose", "which", "what"}


@dataclass
class Desc:
    """One candidate mention and what its words say about the referent."""

    start: int
    end: int
    type: str                       # schema ActorType
    kind: str                       # entry | state | person | military | police | government | officials |
                                    # ministry | armed | group | party | media | population | org | pronoun
    head: int                       # token index of the head (sentence, subjecthood)
    country: str | None = None
    place: str | None = None        # a non-country place qualifier ("Gaza")
    portfolio: str | None = None    # a ministry's remit ("health")
    label: str | None = None        # group noun for collective actors ("diplomats", "residents")
    entry: Entry | None = None
    name: str | None = None         # as written, for persons and unknown organizations
    role: str | None = None
    controlled_by: str | None = None
    state_led: bool = False  # the controller is a state ("the Saudi-led coalition")
    backed_by: str | None = None
    affiliation: str | None = None
    anaphoric: bool = False         # a bare definite description ("the ministry"): refers back
    qualifiers: set[str] = field(default_factory=set)
    appos_of: int | None = None     # head token of a named phrase this description is in apposition with
    ethnic: bool = False            # `place` is an ethnic group ("Kurdish forces"): no country, no state organ


def is_subject(tok: Token) -> bool:
    """Subject of its clause, or conjoined with one ("Israel and Hamas said")."""
    if tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
        return True
    return tok.dep_ == "conj" and tok.head.dep_ in ("nsubj", "nsubjpass")


def is_locative(tok: Token) -> bool:
    """Object of a place preposition ("in Israel", "from Gaza City and Jabalia")."""
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _lemma(tok: Token) -> str:
    return tok.lower_


class Recognizer:
    """Reads one Doc against the knowledge; yields Descs in text order."""

    def __init__(self, doc: Doc, kb: Knowledge) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token: build it once
        self.kb = kb
        self.places: dict[int, object] = {}  # token index -> schema.Place covering it
        for p in getattr(doc._, "eventwire_places", None) or []:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.places[t.i] = p
        self.ent_of: list[Span | None] = [None] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        dl = getattr(doc._, "eventwire_dateline", None)
        self.dateline = (dl.start, dl.end) if dl is not None else (0, 0)
        self.dateline_agency = dl.agency if dl is not None else None
        self.chunk_of: dict[int, Span] = {}  # chunk root -> noun chunk (filled by run)

    # -- helpers -------------------------------------------------------------------------

    def country_of(self, tok: Token) -> str | None:
        """ISO3 a modifier token points at: a demonym ("Israeli"), a country name, or a place's country."""
        dem = self.kb.demonym(tok.text)
        if dem:
            return dem
        place = self.places.get(tok.i)
        if place is not None:
            return place.country  # type: ignore[attr-defined]
        if tok.ent_type_ in ("GPE", "NORP"):
            return self.kb.country_of_name(self._ent_text(tok))
        return None

    def country_place(self, tok: Token) -> tuple[str, str | None, str | None]:
        """(kind, iso3, place name) for a place token: kind is 'country', 'place' or ''."""
        place = self.places.get(tok.i)
        if place is not None:
            feature = place.feature  # type: ignore[attr-defined]
            # a village the gazetteer lacks, placed in its country (precision "country"), is still a village
            if feature == "country" and getattr(place, "precision", None) in (None, "exact"):
                return "country", place.country, None  # type: ignore[attr-defined]
            return "place", place.country, place.text  # type: ignore[attr-defined]
        text = self._ent_text(tok)
        if self.kb.demonym(text):
            return "", None, None  # "Emirati" tagged as a place name
        if tok.ent_type_ == "GPE":
            iso = self.kb.country_of_name(text)
            if iso:
                return "country", iso, None
        capital = self.kb.capitals.get(norm(text)) if tok.pos_ == "PROPN" else None
        if capital:  # places stage missed it (or is absent): a capital still places the phrase
            return "place", capital, text
        if tok.ent_type_ == "GPE":
            return "place", None, text  # run without the places stage
        return "", None, None

    def _ent_text(self, tok: Token) -> str:
        ent = self.ent_of[tok.i]
        return tok.text if ent is None else ent.text

    def in_dateline(self, start: int, end: int) -> bool:
        return start < self.dateline[1] and self.dateline[0] < end

    def trim(self, tokens: list[Token]) -> list[Token]:
        """Drop leading quantifiers, numbers, indefinite articles and quote marks; keep 'the'."""
        i = 0
        while i < len(tokens) - 1 and (tokens[i].lower_ in _STRIP_LEADING or tokens[i].like_num
                                        or tokens[i].is_punct or tokens[i].pos_ == "NUM"
                                        or tokens[i].ent_type_ in ("DATE", "TIME")):
            i += 1
        j = len(tokens)
        while j > i + 1 and (tokens[j - 1].is_punct or tokens[j - 1].tag_ == "POS"):
            j -= 1
        return tokens[i:j]

    # -- the walk ------------------------------------------------------------------------

    def run(self) -> Iterator[Desc]:
        doc = self.doc
        covered = [False] * len(doc)
        chunks = list(doc.noun_chunks) if doc.has_annotation("DEP") else []  # no parser: entities only
        for chunk in chunks:
            self.chunk_of[chunk.root.i] = chunk
        for chunk in chunks:
            for t in chunk:
                covered[t.i] = True
            yield from self.chunk(list(chunk), chunk.root)
        for ent in doc.ents:  # entities the chunker missed (e.g. as verb modifiers)
            if not any(covered[t.i] for t in ent):
                yield from self.entity(ent, ent.root, list(ent))
        if self.dateline_agency:
            yield from self.agency()

    def known_spans(self) -> Iterator[Desc]:
        """Knowledge aliases found in the raw text (not states: a bare country name may be a place)."""
        for pattern in self.kb.patterns():
            for m in pattern.finditer(self.text):
                entry = self.kb.lookup(m.group(0))
                if entry is None or entry.type == "state" or self.in_dateline(m.start(), m.end()):
                    continue
                span = self.doc.char_span(m.start(), m.end())
                if span is None:
                    continue
                longer = self.longer_name(span)
                if longer is not None:  # "Islamic State West Africa Province": another organization's name
                    end = longer[-1].idx + len(longer[-1])
                    words = {t.lower_ for t in longer}
                    type_ = "armed_group" if entry.type == "armed_group" else self.org_type_words(words)
                    yield Desc(m.start(), end, type_, "org", longer.root.i, name=self.text[m.start():end])
                    continue
                yield Desc(m.start(), m.end(), entry.type, "entry", span.root.i, country=entry.country, entry=entry)

    def longer_name(self, span: Span) -> Span | None:
        """The span extended over the capitalized words right after it, when there are any.

        A known name followed by more capitalized words ("Islamic State" + "West Africa Province") is part of
        a longer proper name; titles ("Hamas Chairman") and persons ("Hezbollah leader Hassan Nasrallah") are
        not part of it.
        """
        doc = self.doc
        j = span.end
        while (j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
               and doc[j].ent_type_ in ("", "ORG", "GPE", "LOC", "NORP", "FAC") and doc[j].lower_ not in TITLES
               and not doc[j].is_sent_start):
            j += 1
        while j > span.end and doc[j - 1].lower_ not in _NAME_NOUNS and (
                j - 1 in self.places or self.kb.country_of_name(doc[j - 1].text)):
            j -= 1  # "Hamas Gaza": a place after the name is where, not more of the name
        return doc[span.start:j] if j > span.end else None

    def agency(self) -> Iterator[Desc]:
        start, end = self.dateline
        at = self.text.find(self.dateline_agency or "", start, end)
        if at >= 0:
            entry = self.kb.lookup(self.dateline_agency or "")
            name = self.dateline_agency or ""
            span = self.doc.char_span(at, at + len(name), alignment_mode="expand")
            head = span.root.i if span is not None else 0
            if entry is not None:
                yield Desc(at, at + len(name), entry.type, "entry", head, country=entry.country, entry=entry)
            else:
                yield Desc(at, at + len(name), "media", "org", head, name=name)

    def chunk(self, tokens: list[Token], root: Token) -> Iterator[Desc]:
        # most chunks ("the town", "fuel") name no actor: leave them before any lookup
        if root.pos_ != "PRON" and not any(t.ent_iob_ != "O" or t.pos_ == "PROPN" or t.lower_ in ACTOR_WORDS
                                           for t in tokens):
            return
        if any(t.dep_ == "det" and t.lower_ == "no" and t.head.i == root.i for t in tokens):
            return  # "no group claimed the attack": nobody, not an actor
        tokens = self.trim(tokens)
        if not tokens:
            return
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if self.in_dateline(start, end):
            return
        low = root.lower_
        if root.pos_ == "PRON":
            if low in PERSON_PRONOUNS or low in ORG_PRONOUNS:
                yield Desc(root.idx, root.idx + len(root), "other", "pronoun", root.i, name=low)
            return
        # 1. The whole phrase is a known actor ("the Jewish state", "the Israel Defense Forces").
        body = tokens[1:] if tokens[0].lower_ == "the" and len(tokens) > 1 else tokens
        entry = self.kb.lookup(self.text[body[0].idx:end])
        longer = self.longer_name(self.doc[body[0].i:tokens[-1].i + 1]) if entry is not None else None
        if entry is not None and longer is not None:  # "the Islamic State" + "Sahel Province"
            end = longer[-1].idx + len(longer[-1])
            type_ = "armed_group" if entry.type == "armed_group" else self.org_type_words({t.lower_ for t in longer})
            yield Desc(start, end, type_, "org", root.i, name=self.text[body[0].idx:end])
            return
        if entry is not None:
            yield Desc(start, end, entry.type, "entry", root.i, country=entry.country, entry=entry)
            yield from self.nested(tokens, set(range(tokens[0].i, tokens[-1].i + 1)))
            return
        # 2. A title in apposition to a person ("Benjamin Smith, the country's finance minister").
        partner = self.appos_partner(root)
        if low in TITLES and partner is not None and partner.ent_type_ == "PERSON":
            role, country = self.appos_role(tokens, root)
            if role:
                yield Desc(start, end, "person", "role", root.i, country=country, role=role, appos_of=partner.i)
                yield from self.nested(tokens, {t.i for t in tokens if t.ent_type_ != "ORG"})
                return
        # 3. Members of a named organization are the organization as it acts ("ISWAP fighters", "fighters of
        #    the Islamic State West Africa Province", "personnel of the Frontier Corps").
        if low in MEMBER_HEADS or low in COLLECTIVES:
            group = self.member_group(tokens, root, named_before=low in MEMBER_HEADS)
            if group is not None:
                yield group
                return
        # 4. Headed by an actor noun: a description ("The Sudan Liberation Movement" is a name, not one).
        kind = self.actor_kind(root, tokens)
        if kind is not None and not (kind in NAMED_KINDS and root.pos_ == "PROPN" and root.ent_type_ == "ORG"):
            yield from self.description(tokens, root)
            return
        # 4b. A public body named by its description ("the regional prosecutor's office said"); not a place
        #     ("at the office") and not a bare "the office", which goes back to the body named before.
        if not (is_locative(root) and root.head.head.pos_ in ("VERB", "AUX")):
            body_desc = self.institution(tokens, root)
            if body_desc is not None:
                yield body_desc
                return
        # 5. A name the tagger missed: "the Movement for the Salvation of Azawad".
        if root.pos_ == "PROPN" and not root.ent_type_ and root.lower_ in ORG_HEADS and any(
                c.dep_ == "prep" and c.lower_ in ("of", "for") for c in root.children):
            group = self.group_named_at(root)
            if group is not None and group.kind == "org" and " " in (group.name or ""):
                yield group
                return
        # 6. Headed by a named entity.
        if root.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            ent = self.ent_of[root.i]
            if ent is not None and not tokens[0].i <= ent.root.i <= tokens[-1].i:
                return  # "Commerce" of "the Ministry of Commerce": read with the chunk holding the name's head
            if ent is not None:
                yield from self.entity(ent, ent.root, tokens)
                yield from self.nested(tokens, set(range(ent.start, ent.end)))
                return
        # 7. An actor noun inside a compound ("a foreign ministry statement") or other named modifiers.
        used: set[int] = set()
        for t in tokens:
            if t.dep_ == "compound" and t.head.i == root.i and self.actor_kind(t, tokens) in (
                    "ministry", "government", "military", "police", "intelligence"):
                sub = [x for x in tokens if x.i <= t.i]
                while len(sub) > 1 and sub[0].lower_ in ("a", "an"):  # the article belongs to "statement"
                    sub = sub[1:]
                yield from self.description(sub, t)
                used.update(x.i for x in sub)
                break
        yield from self.nested(tokens, used)

    def institution(self, tokens: list[Token], root: Token) -> Desc | None:
        """A public body named by its description: an institution noun with words before it that say
        which one ("the regional prosecutor's office", "the national fire service")."""
        if root.lower_ not in INSTITUTIONS or root.pos_ != "NOUN" or not any(
                t.i < root.i and t.dep_ in ("compound", "amod", "poss", "nmod") and not t.like_num
                and t.lower_ not in POSSESSIVES for t in tokens):
            return None
        body = tokens[1:] if tokens[0].lower_ in ("the", "a", "an") else tokens
        end = tokens[-1].idx + len(tokens[-1])
        return Desc(tokens[0].idx, end, self.org_type_words({t.lower_ for t in body}), "org", root.i,
                    name=self.text[body[0].idx:end])

    def member_group(self, tokens: list[Token], head: Token, named_before: bool = True) -> Desc | None:
        """The actor a member or collective noun belongs to by the text: "fighters of/from X", "members of the
        security forces", "a band of Abu Sayyaf fighters", "X fighters"; else None.

        Knowledge entries before the noun ("Hamas fighters") are left to ``description``, which knows them.
        """
        start, end = tokens[0].idx, head.idx + len(head)
        armed = head.lower_ in ARMED_MEMBERS
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from") and child.i == head.i + 1:
                for obj in child.children:
                    group = self.group_named_at(obj) if obj.dep_ == "pobj" else None
                    if group is not None:
                        type_ = "armed_group" if armed and group.kind == "org" and group.type in (
                            "other", "ngo") else group.type
                        return Desc(start, end, type_, group.kind, head.i, country=group.country,
                                    entry=group.entry, name=group.name)
                    whole = self.described_at(obj, head) if obj.dep_ == "pobj" and child.lower_ == "of" else None
                    if whole is not None:
                        return whole
                    if obj.dep_ == "pobj" and obj.lower_ in INSTITUTIONS:  # "staff from the prosecutor's office"
                        inst = self.institution([t for t in obj.subtree if t.i <= obj.i], obj)
                        if inst is not None:
                            inst.start = start
                            return inst
        if not named_before:
            return None
        if (head.pos_ == "PROPN" or head.ent_type_ == "ORG") and head.lower_ not in NEVER_NAMES:
            return None  # "the Allied Democratic Forces": the noun is part of the name
        pre = [t for t in tokens if t.i < head.i]
        # "al Shabaab Islamists": a lower-case article of an Arabic name is part of the name
        caps = [t for t in pre if (t.text[:1].isupper() and t.lower_ != "the") or (
            t.lower_ in NAME_ARTICLES and t.i + 1 < head.i and t.nbor().text[:1].isupper())]
        for k in range(len(caps) - 1):  # "Suspected Islamic State gunmen": a known name over several words
            for m in range(len(caps), k + 1, -1):
                run = caps[k:m]
                if run[-1].i - run[0].i != len(run) - 1:
                    continue
                entry = self.kb.lookup(self.text[run[0].idx:run[-1].idx + len(run[-1])])
                if entry is not None and entry.type != "state":
                    return Desc(start, end, entry.type, "entry", head.i, country=entry.country, entry=entry)
        if any(self.kb.lookup(self._ent_text(t)) is not None for t in pre
               if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP", "GPE")):
            return None  # a known actor or a country before the noun: ``description`` reads it
        names = [t for t in pre if self.group_name_token(t, head)]
        if not names or any(t.i in self.places or t.ent_type_ in ("GPE", "NORP", "PERSON") for t in pre
                            if names[0].i <= t.i <= names[-1].i):
            return None
        ent = self.ent_of[names[0].i]
        if ent is not None and ent.label_ == "ORG" and ent.end <= head.i:
            first, last = ent[0], ent[-1]
            while first.i < last.i and (first.lower_ == "the" or first.is_punct):
                first = self.doc[first.i + 1]
            if last.tag_ == "POS" and last.i > first.i:
                last = self.doc[last.i - 1]
        else:
            first, last = names[0], names[-1]
        name = self.text[first.idx:last.idx + len(last)]
        if self.kb.lookup(name) is not None:
            return None
        type_ = "armed_group" if armed else self.org_type_words({t.lower_ for t in self.doc[first.i:last.i + 1]})
        return Desc(start, end, type_, "org", head.i, name=name)

    def described_at(self, obj: Token, head: Token) -> Desc | None:
        """What a described object of "of" is, as the member phrase before it ("members of the security
        forces" -> the military; "a band of Abu Sayyaf fighters" -> Abu Sayyaf); None for anything else."""
        chunk = self.chunk_of.get(obj.i)
        if chunk is None:
            return None
        kinds = {"org", "entry", "military", "police", "intelligence", "armed"} | (
            {"population"} if head.lower_ in COLLECTIVES else set())
        for d in self.chunk(list(chunk), obj):
            if d.head == obj.i and d.kind in kinds and d.type not in ("state", "person"):
                d.start, d.head = self.trim_start(head), head.i
                d.end = head.idx + len(head)
                d.anaphoric = False
                d.qualifiers = d.qualifiers - {"the"}
                return d
        return None

    def trim_start(self, head: Token) -> int:
        """Where the phrase a member noun heads starts, without counts and articles ("at least 10 members")."""
        tokens = self.trim([t for t in head.doc[head.left_edge.i:head.i + 1]])
        return tokens[0].idx if tokens else head.idx

    def group_name_token(self, t: Token, head: Token) -> bool:
        """A word of an organization's name before a member noun ("ISWAP", "Abu Sayyaf", "Asayish")."""
        acronym = t.text.isupper() and len(t.text) > 1 and t.text.isalpha()
        if not t.text[:1].isupper() or (t.pos_ != "PROPN" and t.ent_type_ != "ORG" and not acronym):
            return False
        if t.is_sent_start and not t.ent_type_ and not acronym:
            return False  # "Suspected gunmen", "Unidentified attackers": a capital for the sentence only
        if (t.i in self.places or t.lower_ in _NOT_NAMES or t.lower_ in TITLES or self.kb.demonym(t.text)
                or self.kb.ethnic_name(t.text) or self.kb.country_of_name(t.text)
                or t.ent_type_ in ("GPE", "NORP", "PERSON", "DATE", "TIME", "LOC")):
            return False
        # an organization's entity, an acronym, or any proper name before an armed noun ("Fano militia")
        return t.ent_type_ == "ORG" or acronym or head.lower_ in ARMED

    def group_named_at(self, obj: Token) -> Desc | None:
        """The organization a prepositional object names ("the Coalition of Patriots for Change"), if it is one."""
        ent = self.ent_of[obj.i]
        if ent is not None and ent.label_ == "ORG":
            for d in self.entity(ent, ent.root, list(ent)):
                if d.kind in ("org", "entry") and d.type not in ("state", "person"):
                    return d
            return None
        if obj.pos_ != "PROPN" or obj.i in self.places:
            return None
        words = self.name_words(obj)
        if not words or all(t.i in self.places or t.ent_type_ in ("GPE", "PERSON", "DATE") for t in words):
            return None
        longer = self.longer_name(self.doc[words[0].i:words[-1].i + 1])
        if longer is not None:
            words = list(longer)
        name = self.text[words[0].idx:words[-1].idx + len(words[-1])]
        entry = self.kb.lookup(name)
        if entry is not None:
            return Desc(words[0].idx, obj.idx + len(obj), entry.type, "entry", obj.i, country=entry.country,
                        entry=entry) if entry.type != "state" else None
        if self.kb.country_of_name(name) or self.kb.capitals.get(norm(name)):
            return None
        return Desc(words[0].idx, words[-1].idx + len(words[-1]), self.org_type_words({t.lower_ for t in words}),
                    "org", obj.i, name=name)

    def name_words(self, obj: Token) -> list[Token]:
        """The capitalized name a proper noun heads, with its of/for phrases ("Movement for the Salvation of
        Azawad"); empty when lower-case words other than links are in it."""
        sub = list(obj.subtree)
        while sub and (sub[0].lower_ == "the" or sub[0].is_punct):
            sub = sub[1:]
        out: list[Token] = []
        for t in sub:
            if t.is_punct or not (t.text[:1].isupper() or t.lower_ in _NAME_LINK_WORDS):
                break
            out.append(t)
        while out and out[-1].lower_ in _NAME_LINK_WORDS:
            out.pop()
        return out if out and out[0].i <= obj.i <= out[-1].i else []

    def ethnic_of(self, t: Token) -> str | None:
        """The people an adjective names when it is no country's ("Kurdish", "Fulani", "Anglophone"), else None."""
        name = self.kb.ethnic_name(t.text)
        if name:
            return name
        if t.ent_type_ != "NORP" or not t.text[:1].isupper() or t.lower_ in NOT_PEOPLES:
            return None
        text = self._ent_text(t)
        if self.kb.demonym(text) or self.kb.demonym(t.text) or self.kb.country_of_name(text):
            return None
        return text

    def control_verb(self, t: Token) -> str | None:
        """'control' in "Hamas-controlled", 'back' in "Iran backed": the verb right after a name, if any."""
        nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
        if nxt is not None and nxt.text == "-" and t.i + 2 < len(self.doc):
            nxt = self.doc[t.i + 2]
        if nxt is None:
            return None
        lemma = nxt.lemma_.lower()
        return lemma if lemma in CONTROL_VERBS | BACKING_VERBS and nxt.tag_ in ("VBN", "VBD", "JJ") else None

    def appos_partner(self, head: Token) -> Token | None:
        """A named token in apposition with `head` ("the agency, Wafa," / "Wafa, the agency,")."""
        for c in head.children:
            if c.dep_ == "appos" and c.ent_type_ in ("ORG", "PERSON"):
                return c
            # "the news agency, SANA, reported": the tagger often misses the apposition
            if c.i == head.i + 2 and c.pos_ == "PROPN" and self.doc[head.i + 1].text == ",":
                return c
        nxt = self.doc[head.i + 1] if head.i + 1 < len(self.doc) else None
        if nxt is not None and head.lower_ in GROUPS and nxt.pos_ == "PROPN" and nxt.ent_iob_ == "B" and (
                nxt.ent_type_ == "ORG" or (nxt.ent_type_ in ("GPE", "PERSON") and nxt.i not in self.places)):
            return nxt  # "the militant group Hamas": the parser may make them two subjects
        if head.dep_ == "appos" and head.head.ent_type_ in ("ORG", "PERSON"):
            return head.head
        if head.dep_ == "appos" and head.head.lower_ in MEMBER_HEADS and head.lower_ in GROUPS | ARMED:
            return head.head  # "Fighters from the CPC, an alliance of armed groups,": the group the fighters are
        return None

    def nested(self, tokens: list[Token], used: set[int]) -> Iterator[Desc]:
        """Named actors inside a phrase that is not about them ("Israel's ally", "Hamas captivity")."""
        seen: set[int] = set()
        for t in tokens:
            if t.i in used or t.i in seen or t.ent_iob_ == "O" or t.ent_type_ not in ("ORG", "GPE", "PERSON",
                                                                                         "NORP"):
                continue
            ent = self.ent_of[t.i]
            if ent is None or any(x.i in used for x in ent):
                continue
            seen.update(range(ent.start, ent.end))
            if ent.label_ == "NORP" and not ent.root.tag_.endswith("S"):
                continue  # "Israeli territory": an adjective, not a participant
            yield from self.entity(ent, ent.root, list(ent), nested=True)

    def actor_kind(self, head: Token, tokens: list[Token]) -> str | None:
        low = head.lower_
        mods = {t.lower_ for t in tokens if t.i < head.i}
        if head.ent_type_ == "PERSON":
            return None
        if low in MINISTRY:
            return "ministry" if low == "ministry" or mods & PORTFOLIOS else None
        if low in POLICE or (low in GUARDS and mods & BORDER_WORDS):
            return "police"
        if (low in INTELLIGENCE_HEADS and mods & INTELLIGENCE_WORDS) or (
                low == "intelligence" and any(self.kb.demonym(t.text) for t in tokens if t.i < head.i)):
            return "intelligence"  # "Israeli intelligence said": the state's service
        if low in ("force", "forces") and mods & {"air", "security", "defense", "defence", "armed", "police",
                                                  "government", "special", "rapid", "naval", "ground"} | {
                                                      t.lower_ for t in tokens if self.kb.demonym(t.text)}:
            return "military"
        if low in MILITARY and low not in ("force", "forces"):
            return "military"
        if low in UNITS and mods & SECURITY_WORDS:  # "a counter-terrorism unit", "an elite police squad"
            return "military"
        if low in ("forces",):
            return "military"
        if low in GOVERNMENT:
            return "government"
        if low in OFFICIALS:
            return "officials"
        if low in ARMED:
            return "armed"
        if low in GROUPS:
            return "group"
        if low in PARTY:
            return "party"
        if low == "network" and mods & ARMED_QUALIFIERS:  # "the insurgent network": no broadcaster
            return "group"
        if low in MEDIA and (low != "agency" or mods & MEDIA_QUALIFIERS):
            return "media"
        if low in ("agency", "agencies"):
            return "agency"
        if low in WEAPONS and any(self.kb.demonym(t.text) or (t.ent_type_ == "GPE" and self.kb.country_of_name(
                self._ent_text(t))) for t in tokens if t.i < head.i):
            return "military"  # "Russian warplanes fired", "Israeli drones struck": the state's military
        if low in POPULATION and head.tag_ in ("NNS", "NNPS", "NN"):
            return "population"
        return None

    def description(self, tokens: list[Token], head: Token) -> Iterator[Desc]:
        """A noun phrase headed by an actor noun: collect its country, place, remit, controller."""
        kind = self.actor_kind(head, tokens) or "org"
        start, end = tokens[0].idx, head.idx + len(head)
        d = Desc(start, end, "other", kind, head.i)
        used: set[int] = {head.i}  # the entity holding the head is this description, not a nested actor
        member_of: Entry | None = None
        for t in tokens:
            if t.i >= head.i:
                break
            low = t.lower_
            d.qualifiers.add(low)
            iso = None
            entry = None
            if t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") or t.pos_ == "PROPN":
                entry = self.kb.lookup(self._ent_text(t))
            verb = self.control_verb(t)
            if verb is not None:
                iso = None if entry is not None else (self.kb.demonym(t.text) or self.kb.country_of_name(t.text))
                ctrl = entry.id if entry is not None else (self.kb.state_id(iso) if iso else None)
                if ctrl is not None:
                    if verb in BACKING_VERBS:  # "Iran-backed militia": an ally, not the owner or the country
                        d.backed_by = ctrl
                    else:
                        d.controlled_by = ctrl
                        d.state_led = entry is None or entry.type == "state"
                        if entry is not None and entry.type != "state":
                            d.country = d.country or entry.country  # a movement rules where it is from
                    continue  # the controller itself is yielded by nested()
            is_member = kind in ("armed", "military") or head.lower_ in MEMBERS
            if entry is not None and entry.type != "state" and is_member:
                member_of = entry
                used.add(t.i)
                continue
            eth = self.ethnic_of(t) if kind in ("military", "police", "intelligence", "armed", "population") else None
            if eth:  # "Kurdish forces", "Fulani militants": a people, not a state (no country, no state organ)
                if d.place is None:
                    d.place, d.ethnic = eth, True
                used.add(t.i)
                continue
            kind_cp, iso, place = self.country_place(t)
            if kind_cp == "place":
                if d.place is None:  # "Gaza" in "the Gaza health ministry": a sub-national qualifier
                    d.place, d.country = place, iso
                used.add(t.i)
            elif kind_cp == "country":
                d.country = iso
                used.add(t.i)
            else:
                iso = self.kb.demonym(t.text) or (self.kb.country_of_name(t.text) if t.is_title else None)
                if iso:
                    d.country = iso
                    used.add(t.i)
            if low in PORTFOLIOS and kind == "ministry":
                d.portfolio = "defense" if low == "defence" else ("interior" if low == "home" else low)
                if low == "foreign" or low == "state":
                    d.portfolio = "foreign"
        # post-modifiers: "the ministry, controlled by Hamas" / "forces of Israel"
        for child in head.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in CONTROL_VERBS:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for obj in agent.children:
                            entry = self.kb.lookup(self._ent_text(obj)) if obj.dep_ == "pobj" else None
                            if entry is not None:
                                d.controlled_by = entry.id
                                d.country = d.country or entry.country
            if child.dep_ == "prep" and child.lower_ == "of" and kind == "group":
                for obj in child.children:  # "an alliance of armed groups", "a coalition of rebel factions"
                    if obj.dep_ == "pobj" and (obj.lower_ in ARMED or (obj.lower_ in GROUPS and any(
                            g.lower_ in ARMED_QUALIFIERS for g in obj.children))):
                        d.qualifiers.add("armed")
            if child.dep_ == "prep" and child.lower_ == "of" and kind == "ministry":
                for obj in child.children:  # "the Ministry of Commerce"
                    if obj.lower_ in PORTFOLIOS and not d.portfolio:
                        d.portfolio = {"defence": "defense", "home": "interior", "state": "foreign"}.get(
                            obj.lower_, obj.lower_)
                        if child.i == head.i + 1 and obj.i == child.i + 1:  # the mention is "the Ministry of Commerce"
                            d.end = obj.idx + len(obj)
            if child.dep_ == "prep" and child.lower_ == "of" and kind in ("military", "government", "population",
                                                                         "officials", "police", "intelligence",
                                                                         "ministry"):  # "the ministry of Belarus"
                for obj in child.children:
                    kind_cp, iso, place = self.country_place(obj)
                    if iso and not d.country:
                        d.country = iso
                        if kind_cp == "place":
                            d.place = self._ent_text(obj)
        partner = self.appos_partner(head) if head.tag_ != "NNS" else None  # "airlines – A, B and C": a list
        if partner is None and kind in ("group", "armed", "agency", "media", "party") and head.dep_ == "appos" and \
                self.proper_name_at(head.head.i) is not None:
            partner = head.head  # "Iran Human Rights, a Norway-based rights group,": whatever the tagger made of it
        if partner is not None:
            d.appos_of = partner.i  # "the official news agency, Wafa": the same actor
        if (member_of is not None and kind in ("armed", "military", "org")) or (
                member_of is not None and head.lower_ in MEMBERS):
            assert member_of is not None
            yield Desc(start, end, member_of.type, "entry", head.i, country=member_of.country, entry=member_of)
            return
        names = [t for t in tokens if t.i < head.i and t.i not in used and t.pos_ == "PROPN" and t.text[:1].isupper()
                 and t.lower_ not in _NOT_NAMES and not self.kb.demonym(t.text)]
        first = tokens[0]
        if not names and kind in ("group", "armed") and first.i > 1 and self.doc[first.i - 1].text == ")":
            # "the ISIL (ISIS) armed group": the name before the bracket is the group the words describe
            opener = next((t for t in self.doc[max(0, first.i - 8):first.i - 1] if t.text == "("), None)
            named = self.doc[opener.i - 1] if opener is not None and opener.i > 0 else None
            entry = self.kb.lookup(self._ent_text(named)) if named is not None and named.pos_ == "PROPN" else None
            if entry is not None and entry.type != "state":
                yield Desc(start, end, entry.type, "entry", head.i, country=entry.country, entry=entry)
                return
        if names and kind in ("group", "party", "media", "agency", "armed") and head.pos_ != "PROPN":
            # "the Jaish al-Islam rebel group": the organization is the name inside the description;
            # a known one keeps its entry ("the ISIL (ISIS) armed group" is the Islamic State)
            # the name nearest the noun ("the al-Qaeda-linked al-Shabaab group" is al-Shabaab)
            entry = self.kb.lookup(self._ent_text(names[-1])) or self.kb.lookup(self._ent_text(names[0])) or \
                self.kb.lookup(names[0].text)
            if entry is not None and entry.type != "state":
                yield Desc(start, end, entry.type, "entry", head.i, country=entry.country, entry=entry)
                return
            if kind == "armed" and head.lower_ not in GROUPS:
                names = []  # "Fulani gunmen" stays a description
        if names and kind in ("group", "party", "media", "agency") and head.pos_ != "PROPN":
            self.type_description(d, head)
            name = self.text[names[0].idx:names[-1].idx + len(names[-1])]
            org_type = d.type if d.type != "other" else ("ngo" if d.kind == "org" else "other")
            yield Desc(start, end, org_type, "org", head.i, name=name)
            return
        if (head.pos_ == "PROPN" and head.text[:1].isupper() and names and not (d.country or d.place)
                and kind not in ("ministry", "government", "officials", "population")):
            # "the Arakan Army", "the Free Syrian Army": a proper name, not "the army" of some state
            name = self.text[names[0].idx:end]
            # ("the Central Reserve Police Force" is a state's police, not an armed group)
            police = kind == "police" or any(t.lower_ in ("police", "gendarmerie") for t in tokens)
            kind_type = "police" if police else "intelligence" if kind == "intelligence" else (
                "armed_group" if kind in ("military", "armed") else None)
            yield Desc(names[0].idx, end, kind_type or self.org_type_words({t.lower_ for t in tokens}), "org",
                       head.i, name=name)
            return
        self.type_description(d, head)
        bare = not (d.country or d.place or d.controlled_by or d.affiliation)
        d.anaphoric = bare and tokens[0].lower_ == "the"
        yield d
        yield from self.nested(tokens, used)

    def type_description(self, d: Desc, head: Token) -> None:
        q = d.qualifiers
        if d.kind == "group":
            if q & ARMED_QUALIFIERS:
                d.kind, d.type = "armed", "armed_group"
            elif q & NGO_QUALIFIERS:
                d.type = "ngo"
            else:
                d.type = "other"
        elif d.kind == "agency":
            d.type = ("igo" if q & {"un", "u.n.", "united"} else "ngo" if q & NGO_QUALIFIERS
                      else "media" if q & MEDIA_QUALIFIERS or any(_WEB_NAME.search(w) for w in q) else "government")
        else:
            d.type = {"military": "military", "police": "police", "intelligence": "intelligence",
                      "government": "government",
                      "officials": "government", "ministry": "ministry", "armed": "armed_group",
                      "party": "party", "media": "media", "population": "population"}.get(d.kind, "other")
        if d.kind in ("officials", "population", "media") or (d.kind == "armed" and head.lower_ in ARMED):
            d.label = head.lower_
            if d.label == "assailants":
                d.label = "attackers"  # one word for one unnamed party, however the text calls it
        if d.kind == "government" and (head.lower_ == "junta" or (
                "military" in q and head.lower_ in ("rulers", "government", "regime", "authorities"))):
            d.label = "junta"  # "the military rulers of Mali": a junta, as the news calls it
        if d.kind == "population" and head.lower_ in CIVILIANS:
            d.label = "civilians"  # "residents", "villagers", "people": ACLED's Civilians
        if d.kind == "population" and head.lower_ in ("demonstrators", "protestors"):
            d.label = "protesters"  # one actor however the crowd is called
        if d.ethnic and d.kind in ("military", "police", "intelligence"):  # "Kurdish forces": no state's
            d.type, d.label = "armed_group", head.lower_
        if d.kind == "agency":  # "aid agencies", "news agency"
            d.label = " ".join([w for w in sorted(q & (NGO_QUALIFIERS | MEDIA_QUALIFIERS))] + [head.lower_])
        # "the emergency room lawyers' group": words beyond the generic ones name a new organization
        generic = ARMED_QUALIFIERS | NGO_QUALIFIERS | MEDIA_QUALIFIERS | POSSESSIVES | {
            "the", "a", "an", "official", "local", "main", "key", "state", "international", "palestinian"}
        q = {w for w in q if not (_SIZE.match(w) or w.isdigit() or w in _SIZE_WORDS)}  # "the 15-member bloc"
        if d.kind in ("group", "agency") and not d.country and not d.place and (q - generic) and not d.appos_of:
            d.name = self.text[d.start:d.end]
            if d.name.lower().startswith("the "):
                d.name = d.name[4:]
            d.name = d.name[:1].upper() + d.name[1:]
            d.kind = "org"
            if d.type == "other":
                d.type = "ngo"
        if d.kind in ("group", "org") and head.lower_ in ("coalition", "alliance") and d.state_led:
            d.type = "military"  # "the Saudi-led coalition": states' forces under one command, no NGO
        if d.kind == "police":  # a state's gendarmerie, border guard and coast guard are forces of their own
            low = head.lower_
            d.label = ("gendarmerie" if low in ("gendarmerie", "gendarmes") else
                       "coast guard" if low.startswith("coastguard") or (low in GUARDS and "coast" in q) else
                       "border guard" if low in GUARDS else "police")

    def entity(self, ent: Span, root: Token, tokens: list[Token], nested: bool = False) -> Iterator[Desc]:
        """A named entity: a known actor, a person, a state, a population or an organization."""
        if self.in_dateline(ent.start_char, ent.end_char):
            return
        text = ent.text
        start, end = ent.start_char, ent.end_char
        if ent[-1].tag_ == "POS":  # "Israel's"
            end = ent[-2].idx + len(ent[-2]) if len(ent) > 1 else end
            text = self.text[start:end]
        if ent.label_ == "ORG":  # "the Alliance for ... of the North later": the tagger ran on into an adverb
            k = len(ent) - 1
            while k > 0 and ent[k].pos_ in ("ADV", "VERB", "AUX", "ADP", "PART") and ent[k].text.islower():
                k -= 1
            if k < len(ent) - 1:
                end = ent[k].idx + len(ent[k])
                text = self.text[start:end]
        low_text = text.lower()
        for article in ("a ", "an "):  # "a World Trade Organization": the article is not the name ("The" stays)
            if low_text.startswith(article) and len(ent) > 1:
                start += len(article)
                text = self.text[start:end]
                break
        body = text[4:] if text.lower().startswith("the ") else text
        while body and not body[0].isalnum():  # stray quote or bracket: “(Hamas
            body, start = body[1:], start + 1
            text = self.text[start:end]
        if not body:
            return
        entry = self.kb.lookup(body)
        head = root.i
        if entry is not None:
            if entry.type == "state" and is_locative(root):
                return
            yield Desc(start, end, entry.type, "entry", head, country=entry.country, entry=entry)
            return
        if self.kb.ethnic_name(body) and root.dep_ not in ("amod", "compound", "nmod", "poss"):
            # "the Fulani", "some 160 Fulani", "Oromos" (the tagger may call them persons): a people
            yield Desc(start, end, "population", "population", head, name=body)
            return
        if ent.label_ in ("PERSON", "ORG") and root.i in self.places:
            place = self.places[root.i]
            if place.feature == "country" or is_subject(root):  # type: ignore[attr-defined]
                yield from self.gpe(start, end, root, body)  # a place the tagger took for a name ("Kyiv said")
            return
        described = self.described_type(tokens, ent)
        if described is not None and ent.label_ in ("PERSON", "ORG"):
            # "the rights group Odhikar", "the rebel group M23", "the newspaper Haaretz": the noun before the name
            # says it is an organization (and which kind), whatever the tagger made of a one-word name
            org_type = self.org_type(ent)
            yield Desc(start, end, described if described != "other" else org_type, "org", head, name=body)
            return
        if ent.label_ == "PERSON":
            if any(t.i in self.places for t in ent) or not any(t.pos_ == "PROPN" for t in ent) or (
                    norm(body) in self.kb.capitals or norm(body) in self.kb.countries) or (
                    root.dep_ == "compound" and root.head.lower_ in FACILITIES | {"district", "province", "region"}):
                return  # a place the tagger took for a person ("Khan Yunis")
            yield self.person(ent, start, end, tokens)
            return
        if ent.label_ == "GPE":
            yield from self.gpe(start, end, root, body)
            return
        if ent.label_ == "NORP":
            iso = self.kb.demonym(body)
            if root.tag_ in ("NNPS", "NNS") or (body.endswith("s") and root.pos_ in ("PROPN", "NOUN")):
                yield Desc(start, end, "population", "population", head, country=iso, name=body)
            return
        if ent.label_ == "ORG" and ent.start > 0 and self.doc[ent.start - 1].lower_ in TITLES and 2 <= len(ent) <= 4 \
                and all(t.pos_ == "PROPN" for t in ent) and self.org_type(ent) == "other":
            yield self.person(ent, start, end, tokens)  # "regional governor Oleksandr Starukh" tagged ORG
            return
        if ent.label_ == "ORG":
            of_place = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in PLACE_NOUNS
            if all(t.i in self.places or t.pos_ == "DET" for t in ent) or root.lower_ in FACILITIES or of_place:
                return  # a hospital, a camp: a place here, not a participant
            kind = self.actor_kind(root, list(ent))
            if kind is not None and not (kind in NAMED_KINDS and root.pos_ == "PROPN"):
                yield from self.description(list(ent), root)
                return
            if root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "inside", "outside", "across",
                                                               "throughout"):
                return  # "in eastern Ghouta": an unknown name in a place phrase is a place the tagger missed
            yield Desc(start, end, self.org_type(ent), "org", head, name=body)

    def proper_name_at(self, i: int) -> Span | None:
        """The proper name whose head is token `i` (its entity, or its capitalized compound words), when it may
        name an organization: not a place, a people, a date or a number."""
        tok = self.doc[i]
        if tok.pos_ != "PROPN" or i in self.places or tok.ent_type_ in NOT_ORG_ENTS:
            return None
        ent = self.ent_of[i]
        if ent is not None:
            return ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        first = i
        while first > 0 and self.doc[first - 1].dep_ == "compound" and self.doc[first - 1].head.i == i and \
                self.doc[first - 1].pos_ == "PROPN":
            first -= 1
        return self.doc[first:i + 1]

    def described_type(self, tokens: list[Token], ent: Span) -> str | None:
        """The type of organization a noun right before a name in one phrase says the name is ("the rights group
        Odhikar" -> ngo, "the militant group X" -> armed_group, "the newspaper X" -> media; "other" for a group
        of no known kind); None when no such noun comes right before it."""
        pre = [t for t in tokens if t.i < ent.start]
        if not pre or pre[-1].i != ent.start - 1 or pre[-1].pos_ != "NOUN":
            return None
        noun, words = pre[-1].lower_, {t.lower_ for t in pre}
        if noun in GROUPS | {"organisation", "organization", "agency"}:
            if words & ARMED_QUALIFIERS:
                return "armed_group"
            if words & NGO_QUALIFIERS:
                return "ngo"
            return "media" if noun == "agency" and words & MEDIA_QUALIFIERS else "other"
        if noun in MEDIA - {"agency", "network"}:
            return "media"
        if noun in PARTY:
            return "party"
        return None

    def gpe(self, start: int, end: int, root: Token, body: str) -> Iterator[Desc]:
        """A country acting is a state; a capital as subject stands for its state; other places are not actors."""
        kind_cp, iso, _ = self.country_place(root)
        if kind_cp == "country" and iso and not is_locative(root):
            yield Desc(start, end, "state", "state", root.i, country=iso)
        elif kind_cp != "country" and is_subject(root) and self.kb.capitals.get(norm(body)):
            # "Doha said", "Moscow warned"
            yield Desc(start, end, "state", "state", root.i, country=self.kb.capitals[norm(body)])

    def org_type(self, ent: Span) -> str:
        words = {t.lower_ for t in ent}
        if any(e is not None and e.type == "armed_group" for e in map(self.kb.lookup, words - _NOT_NAMES)):
            return "armed_group"  # "the Pakistani Taliban": a branch of a known armed group
        return self.org_type_words(words)

    def org_type_words(self, words: set[str]) -> str:
        if words & {"ministry"}:
            return "ministry"
        if words & {"police", "gendarmerie", "constabulary", "coastguard"} or (words & GUARDS and words & BORDER_WORDS):
            return "police"  # a state's police force ("Central Reserve Police Force", "State Border Guard Service")
        if words & {"intelligence", "counterintelligence"} or (words & {"security", "secret"} and words & {
                "service", "services"}):
            return "intelligence"  # "Inter-Services Intelligence", "the Federal Security Service"
        if words & {"army", "forces", "military", "navy", "brigades", "corps"}:
            return "military" if words & {"army", "navy", "military"} else "armed_group"
        if words & {"party"}:
            return "party"
        if words & {"brigade", "brigades", "front", "militia", "movement", "liberation"}:
            return "armed_group"
        if words & {"news", "times", "post", "press", "tv", "television", "radio", "journal", "herald",
                    "agency", "broadcasting", "gazette", "tribune", "channel"}:
            return "media"
        if words & {"rights"} and not words & {"united", "nations", "un", "european", "african", "inter-american",
                                               "court", "council"}:
            return "ngo"  # "the Human Rights Commission of Pakistan", "Iran Human Rights": not an IGO, not a person
        if words & {"united", "nations", "council", "organization", "organisation", "commission", "community",
                    "court", "bank", "fund", "league"}:
            return "igo"
        if words & {"watch", "foundation", "society", "doctors", "crescent", "cross", "charity",
                    "aid", "relief"}:
            return "ngo"
        return "other"

    def person(self, ent: Span, start: int, end: int, tokens: list[Token]) -> Desc:
        """A named person; titles and affiliations in the same phrase become attributes."""
        name_tokens = [t for t in ent if t.lower_ not in HONORIFICS and t.tag_ != "POS"]
        role: list[str] = []
        while len(name_tokens) > 1 and name_tokens[0].lower_ in TITLES:  # "Archbishop X", "Chef Y" inside the entity
            role.append(name_tokens.pop(0).text)
        name = " ".join(t.text for t in name_tokens) or ent.text
        d = Desc(start, end, "person", "person", ent.root.i, name=name)
        outside: list[str] = []
        for t in tokens:
            if t.i >= ent.start:
                break
            if t.lower_ in ("the", "a", "an") or (t.is_punct and t.text != "-"):
                continue
            entry = self.kb.lookup(self._ent_text(t)) if t.ent_type_ in ("ORG", "GPE", "NORP") else None
            iso = self.kb.demonym(t.text) or (self.kb.country_of_name(self._ent_text(t))
                                              if t.ent_type_ == "GPE" else None)
            if entry is not None and entry.type != "state":
                d.affiliation = entry.id
                d.country = d.country or entry.country
            elif iso or (entry is not None and entry.type == "state"):
                d.country = iso or (entry.country if entry else None)
            elif t.ent_type_ in ("ORG", "GPE", "NORP"):
                continue
            elif t.lower_ in TITLES or t.is_title:
                outside.append(t.text)
            elif t.text == "-" and outside:
                outside.append("-")  # Secretary-General
        role = outside + role
        while role and role[-1].lower() in ("of", "the"):
            role.pop()
        if role and any(r.lower() in TITLES for r in role):
            d.role = _role_text(role)
        return d

    def appos_role(self, tokens: list[Token], head: Token) -> tuple[str | None, str | None]:
        """(role, country) from an apposition like "Israel's prime minister"."""
        role: list[str] = []
        country = None
        for t in tokens:
            iso = self.kb.demonym(t.text) or (self.country_place(t)[1] if t.ent_type_ == "GPE" else None)
            if iso:
                country = iso
            elif t.lower_ in TITLES and t.i <= head.i:
                role.append(t.text)
        if not role or head.lower_ not in TITLES:
            return None, country
        return _role_text(role), country


def _role_text(words: list[str]) -> str:
    """'prime minister' -> 'Prime Minister'; 'Secretary - General' -> 'Secretary-General'."""
    text = " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words)
    return text.replace(" - ", "-")
