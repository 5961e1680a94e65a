"""Quote speakers on statement-heavy copy (issue 13): descriptions, documents, passives, participles.

Every text here is our own invented news-like copy.  Speakers are checked through the actor id the
full pipeline gives them (what the story stage and the exports use), by the actor's name.
"""

from __future__ import annotations

import pytest

from eventwire.actors import ActorTable
from eventwire.quotes import find_quotes


@pytest.fixture(scope="module")
def speaker_of(pipeline):
    def run(text, needle):
        report = pipeline.extract(text)
        assert report.span_errors() == []
        names = {a.id: a.name for a in report.actors}
        found = [q for q in report.quotes if needle in q.text and q.kind in ("direct", "mixed")]
        assert found, [q.text for q in report.quotes]
        q = found[0]
        return names.get(q.speaker), q

    return run


# --- a definite description is the speaker named before it ----------------------------------------

def test_the_minister_is_the_minister_quoted_by_name_before(speaker_of):
    text = ("The death toll from the attack on the army base rose to 41, the defence minister said on Friday.\n"
            "\"We lost brave men, but we will not give up,\" Oumar Traore told state television.\n"
            "Speaking from the capital, the minister said dozens of soldiers were still missing. He did not say "
            "how many were wounded.\n"
            "An earlier toll released by the army had put the number of dead at 25.\n"
            "\"This is a hard blow, but the nation will stand together,\" the minister went on.")
    name, q = speaker_of(text, "hard blow")
    assert q.speaker_text == "the minister"  # the mention as written
    assert name == "Oumar Traore"


def test_the_group_is_the_group_that_spoke_just_before(speaker_of):
    text = ("A local rights group said on Monday that the shelling had forced hundreds to flee.\n"
            "The Northern Women's League said soldiers had burned three villages near the border.\n"
            "\"People are sleeping in the forest because they are afraid to go home,\" the group said.")
    name, _ = speaker_of(text, "sleeping in the forest")
    assert name == "Northern Women's League"


def test_an_age_is_the_person_quoted_just_before(speaker_of):
    text = ("Grace Achieng, a nurse at the district hospital, said the ward had run out of beds by noon.\n"
            "\"We were treating children on the floor, there was no other place,\" said the 34-year-old.")
    name, _ = speaker_of(text, "on the floor")
    assert name == "Grace Achieng"


def test_a_title_that_does_not_fit_the_last_speaker_is_left_alone(speaker_of):
    text = ("The governor said on Monday that the road to the border would stay closed.\n"
            "Samuel Otieno, a farmer near the checkpoint, said his maize was rotting in the fields.\n"
            "\"We will reopen it only when the army tells us it is safe,\" the governor said.")
    name, _ = speaker_of(text, "reopen it")
    assert name != "Samuel Otieno"


def test_a_faction_that_names_itself_speaks_under_that_name(speaker_of):
    text = ("\u201cWe are suspending the talks with the government today,\u201d the faction, which calls "
            "itself the Northern Command, said in a video.")
    name, q = speaker_of(text, "suspending the talks")
    assert name == "Northern Command"
    assert q.speaker_text.startswith("the faction")


def test_calling_itself_a_name_reports_nothing(pipeline):
    r = pipeline.extract("\u201cWe are suspending the talks with the government today,\u201d the faction, which "
                         "calls itself the Northern Command, said in a video.")
    assert not [q for q in r.quotes if q.kind == "indirect" and "Northern Command" in q.text]


# --- pronouns ---------------------------------------------------------------------------------

def test_he_is_not_a_capitalized_plural_opening_the_sentence(speaker_of):
    text = ("Police chief Daniel Okoro said two men were arrested at a roadblock on Sunday.\n"
            "Inquiries showed that the men had been smuggling weapons for months.\n"
            "\"The car had a hidden compartment for the rifles,\" he told reporters.")
    name, _ = speaker_of(text, "hidden compartment")
    assert name == "Daniel Okoro"


# --- documents, passives, participles ------------------------------------------------------------

def test_a_statement_issued_by_an_office_speaks_for_the_office(speaker_of):
    text = ("A statement issued by the Prime Minister's Office condemned the decision as \"reckless, unlawful "
            "and dangerous,\" and said it would be challenged.")
    name, q = speaker_of(text, "reckless")
    assert q.speaker_text == "A statement"
    assert name == "Prime Minister's Office"


def test_a_passive_naming_verb_gives_the_words_to_its_by_phrase(speaker_of):
    text = ("The village is controlled by a local unit of the defence forces, one of the many groups formed to fight "
            "the junta. The groups have been branded \"terrorists\" by the military.")
    _, q = speaker_of(text, "terrorists")
    assert q.speaker_text == "the military"


def test_the_one_charged_does_not_say_the_charge(speaker_of):
    text = ("Police spokesman Ivan Petrov said 40 people were detained overnight. Some of those detained are "
            "charged with \"plotting a violent coup\" against the state.")
    _, q = speaker_of(text, "violent coup")
    assert q.speaker_text != "Some"


def test_a_writer_in_a_message_is_the_speaker_not_the_message(speaker_of):
    text = ("Bishop John Okello, preaching in Gulu on Sunday, mourned the dead and, in a written message issued "
            "separately, called on \"every family to reject revenge and choose forgiveness\".")
    name, _ = speaker_of(text, "reject revenge")
    assert name == "John Okello"


def test_an_accusing_participle_belongs_to_its_clause_not_to_the_reporter(speaker_of):
    text = ("The BBC reported on Tuesday that Kenya expelled two diplomats, accusing them of paying a local "
            "\"agent\" inside the ministry.")
    name, _ = speaker_of(text, "agent")
    assert name == "Kenya"


def test_a_subject_after_an_opening_date_is_the_speaker(speaker_of):
    text = ("On Monday Carolina Vidal, Peru's interior minister, called the expulsion \"worrying,\" and "
            "President Luis Vera said it rested on \"a pile of lies.\"")
    name, q = speaker_of(text, "worrying")
    assert name == "Carolina Vidal"
    assert q.speaker_text.startswith("Carolina Vidal")


def test_a_paragraph_the_parse_glued_to_a_quote_keeps_its_own_speaker(speaker_of, pipeline):
    text = ("Prime Minister Edi Rama said that Dusan Markovic was planning new raids in the north.\n"
            "\u201cHe is still preparing more raids in our country\u2026he meets security chiefs every week.\u201d\n"
            "Marko Jovic, who heads the government's office for the region, called Rama's accusation untrue.\n"
            "\u201cIt is a lie from start to finish,\u201d he said in a statement.")
    name, _ = speaker_of(text, "lie from start")
    assert name == "Marko Jovic"
    r = pipeline.extract(text)
    claim = next(q for q in r.quotes if "accusation untrue" in q.text)
    assert claim.speaker_text.startswith("Marko Jovic")


@pytest.fixture(scope="module")
def parse(pipeline):
    """The model's own components only: these tests give the actor table themselves."""
    nlp = pipeline.nlp

    def run(text):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if not name.startswith("eventwire_"):
                doc = proc(doc)
        return doc

    return run


def test_a_title_and_a_pronoun_keep_to_a_name_the_tagger_could_not_type(parse):
    text = ("The toll rose to 41, the defence minister said.\n"
            "\"We lost brave men,\" Ibrahim Dembo told the radio.\n"
            "The minister said dozens were missing. He did not say how many were hurt.\n"
            "An earlier toll released by the army put the dead at 25.\n"
            "\"This is a hard blow,\" the minister went on.")
    table = ActorTable()
    start = text.index("Ibrahim")
    table.add("Ibrahim Dembo", "other", start, start + len("Ibrahim Dembo"), "Ibrahim Dembo")
    quotes = find_quotes(parse(text), table)
    by_text = {q.text: q for q in quotes}
    assert by_text["how many were hurt"].speaker == "ibrahim-dembo"
    assert next(q for q in quotes if "hard blow" in q.text).speaker == "ibrahim-dembo"


def test_he_is_the_person_named_in_his_own_paragraph_not_an_earlier_speaker(parse):
    text = ("Foreign Secretary David Morgan said on Sunday that the army had answered repeated violations of the "
            "truce.\nIn the village of Hamra, a shell flattened the house of farmer Joseph Kamau and killed his two "
            "cows. \u201cEverything we had is gone,\u201d he said.")
    table = ActorTable()
    for name in ("David Morgan", "Joseph Kamau"):
        start = text.index(name)
        table.add(name, "person", start, start + len(name), name)
    q = next(q for q in find_quotes(parse(text), table) if "Everything" in q.text)
    assert q.speaker_text == "he"
    assert q.speaker == "joseph-kamau"


def test_a_name_opening_a_sentence_the_parse_found_no_subject_in_is_its_subject(pipeline):
    from spacy.tokens import Doc

    from eventwire.quotes.antecedent import _subjectless_opener

    words = ["The", "Island", "Flood", "Office", "forecast", "heavy", "rain", "."]
    # the misparse seen on real copy: the verb taken for a noun, the name for its compound
    doc = Doc(pipeline.nlp.vocab, words=words, heads=[4, 3, 3, 4, 4, 6, 4, 4],
              deps=["det", "compound", "compound", "compound", "ROOT", "amod", "dobj", "punct"],
              pos=["DET", "PROPN", "PROPN", "PROPN", "NOUN", "ADJ", "NOUN", "PUNCT"],
              ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O"])
    assert _subjectless_opener(doc[3])
    assert not _subjectless_opener(doc[2])  # inside the name
    parsed = Doc(pipeline.nlp.vocab, words=words, heads=[3, 3, 3, 4, 4, 6, 4, 4],
                 deps=["det", "compound", "compound", "nsubj", "ROOT", "amod", "dobj", "punct"],
                 pos=["DET", "PROPN", "PROPN", "PROPN", "VERB", "ADJ", "NOUN", "PUNCT"],
                 ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O"])
    assert not _subjectless_opener(parsed[3])  # a parse with a subject needs no guess


def test_a_relative_clause_between_name_and_cue_does_not_lend_its_object(speaker_of):
    text = ("In a statement published by rebel media, Khalid Omar al-Tamimi, who heads the rebels\u2019 Committee "
            "for Detainee Affairs, described those released as \u201curgent medical cases\u201d among whom were the "
            "wounded.")
    _, q = speaker_of(text, "urgent medical")
    assert q.speaker_text.startswith("Khalid Omar")


def test_it_goes_with_the_body_opening_a_paragraph_the_parse_glued_on(speaker_of):
    text = ("On Monday Carolina Vidal, Peru's interior minister, termed the expulsion \u201calarming,\u201d and "
            "President Luis Vera said it was built on \u201ca pile of lies.\u201d\n"
            "Bolivia's Foreign Ministry, in turn, issued a note regretting the Peruvian move, which it called "
            "\u201chasty and unjustified.\u201d")
    name, q = speaker_of(text, "hasty")
    assert q.speaker_text == "it"
    assert name is not None and "Foreign Ministry" in name


def test_a_capital_naming_something_in_a_reported_clause_chose_the_words(speaker_of):
    text = ("On Wednesday an opposition leader said the party had accepted the mediators' plan and was ready to "
            "discuss the details, a step Nairobi called a 'welcome signal.'")
    name, q = speaker_of(text, "welcome signal")
    assert q.speaker_text == "Nairobi"
    assert name == "Kenya"  # the capital speaks for its state
