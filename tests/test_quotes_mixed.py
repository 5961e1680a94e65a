"""The quotes stage on partial (mixed) quotes, split quotes and pronoun speakers: sentences we
wrote ourselves, in the shapes news copy uses."""

from __future__ import annotations

import pytest

from eventwire.quotes import find_quotes


@pytest.fixture(scope="module")
def quotes_of(pipeline):
    nlp = pipeline.nlp

    def run(text):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if not name.startswith("eventwire_"):
                doc = proc(doc)
        quotes = find_quotes(doc, None)
        for q in quotes:
            assert q.text == text[q.start:q.end]
            if q.speaker_text is not None:
                assert q.speaker_text == text[q.speaker_start:q.speaker_end]
        return quotes

    return run


def _said(quotes):
    """The quotation-mark quotes (direct and mixed) as {text: speaker_text}."""
    return {q.text: q.speaker_text for q in quotes if q.kind in ("direct", "mixed")}


# --- partial quotes inside someone's clause ---------------------------------------------------

@pytest.mark.parametrize("text,quoted,speaker", [
    # a participle clause with two quoted bits
    ("The former president condemned the bombing on Twitter, saying it amounted to \u201cbarbarism\u201d and "
     "that attacking schools went \u201cagainst every human value\u201d.",
     ["\u201cbarbarism\u201d", "\u201cagainst every human value\u201d"], "The former president"),
    # the quoted words are the object of a verb inside the reported clause
    ("The health ministry said the raid killed \u201cfour people, two of them children\u201d, but gave no "
     "more details.", ["\u201cfour people, two of them children\u201d"], "The health ministry"),
    # 'according to X', the quotation in the clause's subject
    ("According to the navy, \u201cabout 20 drones\u201d were shot down over the coast overnight.",
     ["\u201cabout 20 drones\u201d"], "the navy"),
    # 'denounced X as "..."', 'described X as "..."'
    ("The prime minister denounced the shelling as \u201cpure cruelty\u201d on Sunday.", ["\u201cpure cruelty\u201d"],
     "The prime minister"),
    ("She described the agreement as \u201ca first real step\u201d towards lasting peace.",
     ["\u201ca first real step\u201d"], "She"),
    # an infinitive under an intention
    ("Ruiz took office in May pledging to bring \u201cfull calm\u201d to the border towns.", ["\u201cfull calm\u201d"],
     "Ruiz"),
    # a finding inside someone's report: the reporter speaks
    ("Police Chief Anna Berg said officers who arrived first found \u201ca terrible scene.\u201d",
     ["\u201ca terrible scene.\u201d"], "Police Chief Anna Berg"),
    # two quoted bits joined by 'and'
    ("The foreign minister called the junta \u201cunlawful\u201d and \u201cbeyond control\u201d last week.",
     ["\u201cunlawful\u201d", "\u201cbeyond control\u201d"], "The foreign minister"),
    # 'according to Y' on the inner verb: the words are still the sayer's
    ("The rebels said they had killed \u201cseven enemy fighters\u201d and seized weapons, according to a "
     "monitoring group.", ["\u201cseven enemy fighters\u201d"], "The rebels"),
    ("The militia claimed the raid on Sunday, saying \u201cdozens\u201d of soldiers had been killed, according "
     "to the monitoring group SITE.", ["\u201cdozens\u201d"], "The militia"),
    # deep in a relative clause of the verb's object
    ("The gang leader warned of reprisals against the owners of any hotels in the city in which ministers or "
     "\u201ctraitors\u201d might be hiding.", ["\u201ctraitors\u201d"], "The gang leader"),
    # the speech verb after the quotation, parsed as a second clause with its own subject
    ("Government troops had gone \u201cberserk\u201d, Hassan Ali Mirza, who leads the administration of the "
     "northern province as its governor, wrote on Twitter, adding that two villages were hit.",
     ["\u201cberserk\u201d"], "Hassan Ali Mirza"),
])
def test_partial_quotes_get_the_speaker_of_the_clause(quotes_of, text, quoted, speaker):
    quotes = quotes_of(text)
    said = _said(quotes)
    for piece in quoted:
        assert said.get(piece) == speaker, said
    assert all(q.kind == "mixed" for q in quotes if q.text in quoted)


def test_the_verb_the_quotation_hangs_on_wins_over_a_tail_cue(quotes_of):
    text = ("The talks collapsed once the cabinet had brushed the complaint aside as \u201cridiculous\u201d, "
            "Reuters reported.")
    assert _said(quotes_of(text)) == {"\u201cridiculous\u201d": "the cabinet"}


def test_a_named_term_set_off_by_the_narrator_is_not_a_quote(quotes_of):
    texts = [
        "The rebels overran the north in 2014 and proclaimed a \u201crepublic\u201d, ruling it for three years.",
        "The weekly \u201cDiario de Noticias\u201d reported the clash in its Monday edition.",
        "Shells hit the so-called \u201cgreen zone\u201d on Tuesday morning.",
        "The senator was paid $2 million by the firm, according to \u201cA Life in Politics,\u201d a book written "
        "with his former aide.",
    ]
    for text in texts:
        assert _said(quotes_of(text)) == {}, text


def test_words_a_crowd_chants_are_said_even_in_title_case(quotes_of):
    text = "Thousands marched through the capital chanting \u201cVargas Out!\u201d and \u201cGo home, soldiers!\u201d"
    said = _said(quotes_of(text))
    assert said.get("\u201cVargas Out!\u201d") == "Thousands"
    assert said.get("\u201cGo home, soldiers!\u201d") == "Thousands"


def test_words_after_a_colon_are_said_even_in_capitals(quotes_of):
    text = "The embassy posted the news on its account and added: \u201cAT LAST!\u201d"
    said = _said(quotes_of(text))
    assert said.get("\u201cAT LAST!\u201d") == "The embassy"


# --- split quotes and layout -----------------------------------------------------------------

def test_quote_split_by_its_attribution_is_two_entries(quotes_of):
    text = ("\u201cThe bridge will reopen on Monday,\u201d the transport agency said. \u201cTrucks will wait "
            "another week.\u201d")
    quotes = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["\u201cThe bridge will reopen on Monday,\u201d",
                                        "\u201cTrucks will wait another week.\u201d"]
    assert {q.speaker_text for q in quotes} == {"the transport agency"}


def test_bare_quote_paragraph_takes_the_speaker_of_the_quote_paragraph_after_it(quotes_of):
    text = ("The convoy had been guarding road crews for a week.\n"
            "\u201cThe patrol left the camp at dawn and was on foot near the river crossing.\u201d\n"
            "\u201cThe gunmen opened fire from both banks, killing six of our men,\u201d district police chief "
            "Ravi Menon said.")
    q = next(q for q in quotes_of(text) if "left the camp" in q.text)
    assert "police chief" in q.speaker_text
    assert q.speaker_from == "next quote"


def test_a_clause_glued_on_from_the_previous_paragraph_does_not_hide_the_report(quotes_of):
    text = ("\u201cThe incident is being examined.\u201d\n"
            "Beit Salem's mayor, Karim Saleh, said Omar Haddad, 42, died in a confrontation between troops and "
            "villagers protesting against a new road.")
    q = next((q for q in quotes_of(text) if "died in a confrontation" in q.text), None)
    assert q is not None and q.kind == "indirect"
    assert "Karim Saleh" in q.speaker_text


# --- speakers --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,needle,speaker", [
    # 'X quoted Y as saying': Y speaks
    ("\u201cWe will only know the toll by morning,\u201d the TASS agency quoted Olga Petrova as saying.",
     "toll by morning", "Olga Petrova"),
    # a relative clause the parse hung the cue in
    ("\u201cFour people died, including a soldier,\u201d a source who did not want to be named said of the "
     "attack in the district.", "Four people died", "a source"),
    # an acronym the tagger takes for 'is'
    ("\u201cA soldier of ours carried out the operation with an explosive belt near the airport,\u201d IS said "
     "on Saturday in its daily bulletin.", "explosive belt", "IS"),
    # a date before the cue is not the speaker; the subject hung on the auxiliary is
    ("Western powers had earlier on Monday condemned what they called an \u201cattempted coup,\u201d and "
     "the bloc called for calm.", "attempted coup", "Western powers"),
    # 'According to X, ... "...," and it added': the named source
    ("According to the foreign ministry, the new bans \u201charm relations between our two countries,\u201d "
     "and it added that a reply would follow.", "harm relations", "the foreign ministry"),
])
def test_speaker_of(quotes_of, text, needle, speaker):
    q = next(q for q in quotes_of(text) if needle in q.text and q.kind in ("direct", "mixed"))
    assert q.speaker_text is not None and q.speaker_text.startswith(speaker)


def test_pronoun_speaker_continues_the_speaker_named_before(pipeline):
    text = ("Mayor Tomas Ortega said Carlos Ruiz, 42, died in hospital on Sunday after the crash.\n\n"
            "\u201cThis crossing has been dangerous for years,\u201d he told reporters.")
    report = pipeline.extract(text)
    q = next(q for q in report.quotes if "crossing" in q.text)
    assert q.speaker_text == "he"
    names = {a.id: a.name for a in report.actors}
    assert "Ortega" in names.get(q.speaker, "")


def test_pronoun_speaker_after_a_newly_named_person_keeps_the_actors_answer(pipeline):
    text = ("\u201cWe will rebuild the market,\u201d Mayor Tomas Ortega said.\n\n"
            "The fire destroyed the shop of Ana Morales, a baker.\n\n"
            "\u201cI lost everything I had,\u201d she said.")
    report = pipeline.extract(text)
    q = next(q for q in report.quotes if "lost everything" in q.text)
    names = {a.id: a.name for a in report.actors}
    assert "Ortega" not in names.get(q.speaker, "")


def test_pronoun_speaker_is_the_person_the_sentence_before_is_about(pipeline):
    text = ("At a news conference, Novak said that Boris Lazic, an opposition politician who has admitted taking "
            "part in the clash, was plotting more attacks.\n"
            "\u201cHe is now preparing other attacks in our country.\u201d\n"
            "Marko Ilic, who heads the government office for the region, called Novak's accusation untrue.\n"
            "\u201cIt is an absolute lie that Belgrade is preparing an attack,\u201d he said in a statement.")
    report = pipeline.extract(text)
    q = next(q for q in report.quotes if "absolute lie" in q.text)
    names = {a.id: a.name for a in report.actors}
    assert "Ilic" in names.get(q.speaker, "")


def test_a_pronoun_in_a_relative_clause_is_its_sentence_s_subject(pipeline):
    text = ("Peru's Foreign Ministry said in a statement that it would expel the diplomats.\n"
            "Ecuador's Foreign Ministry, for its part, put out a press release lamenting the decision, which it "
            "called \u201cunjustified and disproportionate.\u201d")
    report = pipeline.extract(text)
    q = next(q for q in report.quotes if "unjustified" in q.text)
    names = {a.id: a.name for a in report.actors}
    assert "Ecuador" in names.get(q.speaker, "")


@pytest.mark.parametrize("text, name", [
    ("Peru's interior minister, Ana Ruiz, said the decision was \u201cworrying.\u201d", "Ruiz"),
    ("On Monday Ana Ruiz, Peru's interior minister, called Bolivia's decision \u201cworrying.\u201d", "Ruiz"),
    ("The Rwandan statement said: \u201cThe collusion between the two armies is a threat.\u201d", "Rwanda"),
])
def test_a_title_s_country_and_a_document_s_adjective(pipeline, text, name):
    # the title is the person's (not Peru's); "the Rwandan statement" speaks for Rwanda
    report = pipeline.extract(text)
    names = {a.id: a.name for a in report.actors}
    assert all(name in names.get(q.speaker, "") for q in report.quotes) and report.quotes


def test_pronoun_speaker_skips_an_earlier_speaker_of_the_other_gender(pipeline):
    text = ("Ms. Ana Ortiz, the council leader, said the vote would go ahead.\n\n"
            "\u201cWe have waited long enough,\u201d Mr. Tomas Ortega, her deputy, said.\n\n"
            "\u201cThe people want this,\u201d she added.")
    report = pipeline.extract(text)
    q = next(q for q in report.quotes if "people want" in q.text)
    names = {a.id: a.name for a in report.actors}
    assert "Ortiz" in names.get(q.speaker, "")


def test_a_sentence_with_a_lowercase_verb_is_not_a_title(quotes_of):
    text = "Protesters carried banners saying \u201cBread is Life\u201d through the old town."
    assert "\u201cBread is Life\u201d" in _said(quotes_of(text))


def test_relative_pronoun_after_a_place_stands_for_the_noun_before_the_place(quotes_of):
    text = ("The photos were posted on the account of the British consulate in Goma, which wrote: "
            "\u201cSafe and sound.\u201d")
    assert _said(quotes_of(text)) == {"\u201cSafe and sound.\u201d": "the British consulate"}


def test_relative_pronoun_the_parse_left_without_a_clause_stands_for_the_noun_before_the_comma(pipeline):
    from spacy.tokens import Doc

    from eventwire.quotes.speaker import subject_of

    # 'The news was posted on the account of the embassy in Lima, which added': 'added' parsed as an
    # adverbial clause of 'posted', as the parser does on such sentences
    words = ["The", "news", "was", "posted", "on", "the", "account", "of", "the", "embassy", "in", "Lima", ",",
             "which", "added"]
    heads = [1, 3, 3, 3, 3, 6, 4, 6, 9, 7, 9, 10, 3, 14, 3]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "prep", "det", "pobj", "prep", "pobj",
            "punct", "nsubj", "advcl"]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "DET", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT",
           "PRON", "VERB"]
    tags = ["DT", "NN", "VBD", "VBN", "IN", "DT", "NN", "IN", "DT", "NN", "IN", "NNP", ",", "WDT", "VBD"]
    doc = Doc(pipeline.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert subject_of(doc[14]).text == "embassy"
