"""The quotes stage on news-like sentences we wrote ourselves."""

from __future__ import annotations

from itertools import pairwise

import pytest

from eventwire.actors import ActorTable
from eventwire.quotes import find_quotes
from eventwire.quotes.direct import quoted_spans


@pytest.fixture(scope="module")
def parse(pipeline):
    """Tokenize and parse with the model's own components only, so these tests do not depend on
    the other eventwire stages."""
    nlp = pipeline.nlp

    def run(text):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if not name.startswith("eventwire_"):
                doc = proc(doc)
        return doc

    return run


@pytest.fixture(scope="module")
def quotes_of(parse):
    def run(text, actors=None):
        doc = parse(text)
        quotes = find_quotes(doc, actors)
        for q in quotes:  # the offsets contract, for every quote of every test
            assert q.text == text[q.start:q.end]
            if q.speaker_text is not None:
                assert q.speaker_text == text[q.speaker_start:q.speaker_end]
            for s, e in getattr(q, "fragments", None) or []:
                assert q.start <= s < e <= q.end
            if getattr(q, "cue_start", None) is not None:
                assert q.cue == text[q.cue_start:q.cue_end]
        return quotes

    return run


def _one(quotes, needle):
    found = [q for q in quotes if needle in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


# --- quotation marks -------------------------------------------------------------------------

@pytest.mark.parametrize("text,needle,speaker", [
    ("\u201cWe will rebuild the bridge by spring,\u201d Mayor Ana Torres said on Monday.",
     "rebuild the bridge", "Ana Torres"),
    ('"The water is safe to drink again," the utility said in a statement.', "safe to drink", "utility"),
    ("The minister told reporters: \u00abWe will not negotiate under any threat.\u00bb",
     "not negotiate", "minister"),
    ("\u2018The talks have collapsed for good,\u2019 a senior diplomat said on Tuesday.",
     "talks have collapsed", "diplomat"),
])
def test_every_quotation_mark_style_gives_a_direct_quote_with_its_speaker(quotes_of, text, needle, speaker):
    q = _one(quotes_of(text), needle)
    assert q.kind == "direct"
    assert speaker in q.speaker_text
    assert q.text[0] in "\u201c\"\u00ab\u2018" and q.text[-1] in "\u201d\"\u00bb\u2019"


def test_apostrophes_are_not_quotation_marks():
    text = "The company\u2019s chief said the ministers\u2019 plan won\u2019t work, and the workers' union agreed."
    assert quoted_spans(text) == []


def test_split_quote_is_one_quote_in_two_fragments(quotes_of):
    text = ("\u201cThe storm was worse than forecast,\u201d said Governor Paul Mendes, "
            "\u201cand we are not finished clearing the roads yet.\u201d")
    quotes = quotes_of(text)
    q = _one(quotes, "worse than forecast")
    assert len(q.fragments) == 2
    assert "not finished" in text[q.fragments[1][0]:q.fragments[1][1]]
    assert "Paul Mendes" in q.speaker_text
    assert "said" not in text[q.fragments[0][0]:q.fragments[0][1]]


def test_multi_paragraph_quote_without_closing_mark_continues(quotes_of):
    text = ("The senator spoke for an hour.\n\n"
            "\u201cWe came here to fix the roads, and the roads are still broken.\n\n"
            "\u201cNobody in this building can tell me where the money went,\u201d she said.")
    spans = quoted_spans(text)
    assert len(spans) == 1 and len(spans[0]) == 2
    q = _one(quotes_of(text), "fix the roads")
    assert "money went" in q.text and len(q.fragments) == 2
    assert q.speaker_text == "she"


def test_an_odd_quotation_mark_spoils_only_its_own_paragraph(quotes_of):
    text = ("Officials called the deal a \u201cbreakthrough and left it there.\n\n"
            "\u201cWe expect the first trucks to cross on Sunday morning,\u201d said Omar Haddad, a UN envoy.")
    q = _one(quotes_of(text), "first trucks")
    assert "Omar Haddad" in q.speaker_text
    assert "breakthrough" not in q.text


def test_titles_and_scare_quotes_are_not_speech(quotes_of):
    text = 'She appeared on "Face the Nation" on Sunday. The "peace plan" has stalled for months.'
    assert quotes_of(text) == []


# --- speakers --------------------------------------------------------------------------------

def test_bare_quote_paragraph_after_a_colon_gets_the_speaker(quotes_of):
    text = "The spokesman read a short statement:\n\n\u201cWe are cooperating fully with the investigators.\u201d"
    q = _one(quotes_of(text), "cooperating fully")
    assert q.speaker_text == "The spokesman"


def test_bare_quote_paragraph_continues_the_previous_speaker(quotes_of):
    text = ("\u201cWe lost everything,\u201d said farmer Li Wei.\n\n"
            "\u201cThe river came at night and took the house and the animals.\u201d")
    q = _one(quotes_of(text), "river came at night")
    assert "Li Wei" in q.speaker_text
    assert q.speaker_from == "adjacent quote"


def test_no_attribution_across_an_unrelated_sentence(quotes_of):
    text = ("\u201cWe will win this district,\u201d Smith said. Jones disagreed and left the hall early.\n\n"
            "\u201cNobody in this town believes that anymore, not even his own staff.\u201d")
    q = _one(quotes_of(text), "Nobody in this town")
    assert q.speaker is None and q.speaker_text is None


def test_document_speaker_resolves_to_its_owner(quotes_of):
    table = ActorTable()
    text = "A statement from the Interior Ministry said the curfew would be lifted on Friday."
    table.add("Interior Ministry", "state", text.index("Interior"), text.index(" said"), "Interior Ministry")
    q = _one(quotes_of(text, table), "curfew")
    assert q.kind == "indirect"
    assert q.speaker_text.startswith("A statement")
    assert q.speaker == "interior-ministry"


def test_leaflet_is_a_speaker(quotes_of):
    q = _one(quotes_of("The leaflet said residents must leave the village before dawn."), "residents must leave")
    assert q.speaker_text == "The leaflet" and q.cue == "said"


def test_pronoun_speaker_keeps_its_text_and_gets_an_actor_id(quotes_of):
    table = ActorTable()
    text = "Maria Lopez arrived late. She warned that the ceasefire could collapse within days."
    table.add("Maria Lopez", "person", 0, 11, "Maria Lopez")
    q = _one(quotes_of(text, table), "ceasefire")
    assert q.speaker_text == "She"
    assert q.speaker is not None and q.speaker in {a.id for a in table.actors}


def test_pronoun_speaker_in_the_full_pipeline(pipeline):
    text = "Gen. Omar Said visited the front. \u201cThe line will hold,\u201d he told reporters."
    report = pipeline.extract(text)
    assert report.span_errors() == []
    q = _one(report.quotes, "line will hold")
    assert q.speaker_text == "he" and q.speaker is not None
    assert q.speaker in {a.id for a in report.actors}


# --- indirect speech -------------------------------------------------------------------------

@pytest.mark.parametrize("text,content,speaker,cue", [
    ("The police chief said that two officers were injured in the clash.", "two officers were injured",
     "The police chief", "said"),
    ("Two officers were injured in the clash, the police chief said.", "Two officers were injured",
     "the police chief", "said"),
    ("According to the health ministry, 40 people were killed in the strike.", "40 people were killed",
     "the health ministry", "According to"),
    ("The opposition accused the government of rigging the vote.", "the government of rigging the vote",
     "The opposition", "accused"),
    ("The minister blamed the rebels for the attack on the convoy.", "the rebels for the attack",
     "The minister", "blamed"),
    ("Union leaders told reporters the strike would continue until Friday.", "the strike would continue",
     "Union leaders", "told"),
    ("The mayor urged residents to stay indoors during the storm.", "residents to stay indoors",
     "The mayor", "urged"),
])
def test_indirect_speech_content_speaker_and_cue(quotes_of, text, content, speaker, cue):
    q = _one(quotes_of(text), content)
    assert q.kind == "indirect"
    assert q.speaker_text == speaker
    assert q.cue == cue
    assert cue not in q.text and speaker not in q.text


def test_partial_quote_inside_indirect_speech_is_one_quote(quotes_of):
    text = "The foreign minister said the sanctions were \u201cunjust and illegal\u201d and would be challenged."
    quotes = quotes_of(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "indirect" and q.partial is True
    assert "unjust and illegal" in q.text and "sanctions" in q.text
    assert q.speaker_text == "The foreign minister"


def test_quote_inside_a_press_statement(quotes_of):
    text = ("A foreign ministry press statement said \u201cthe attack on civilians is a grave violation "
            "of international law.\u201d")
    q = _one(quotes_of(text), "grave violation")
    assert "statement" in q.speaker_text


def test_quotes_come_in_text_order_and_never_overlap(quotes_of):
    text = ("Rescuers said 14 people were still missing. \u201cWe are digging with our hands,\u201d one "
            "volunteer said.\n\nAccording to the regional governor, aid will arrive on Monday.")
    quotes = quotes_of(text)
    assert len(quotes) == 3
    for a, b in pairwise(quotes):
        assert a.end <= b.start


def test_empty_and_quote_free_documents(quotes_of):
    assert quotes_of("") == []
    assert quotes_of("Heavy rain fell over the capital on Tuesday.") == []
