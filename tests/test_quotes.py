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
    """The quote holding `needle`; a quotation in a reported clause wins over the clause."""
    found = [q for q in quotes if needle in q.text]
    if len(found) > 1:
        found = [q for q in found if not getattr(q, "partial", False)]
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


def test_split_quote_gives_one_entry_per_piece_with_the_same_speaker(quotes_of):
    text = ("\u201cThe storm was worse than forecast,\u201d said Governor Paul Mendes, "
            "\u201cand we are not finished clearing the roads yet.\u201d")
    quotes = quotes_of(text)
    first, second = _one(quotes, "worse than forecast"), _one(quotes, "not finished")
    assert first.kind == second.kind == "direct"
    assert "said" not in first.text and "said" not in second.text
    assert "Paul Mendes" in first.speaker_text and second.speaker_text == first.speaker_text
    assert first.cue == second.cue == "said"


def test_multi_paragraph_quote_without_closing_mark_continues(quotes_of):
    text = ("The senator spoke for an hour.\n\n"
            "\u201cWe came here to fix the roads, and the roads are still broken.\n\n"
            "\u201cNobody in this building can tell me where the money went,\u201d she said.")
    spans = quoted_spans(text)
    assert len(spans) == 1 and len(spans[0]) == 2
    quotes = quotes_of(text)
    first, second = _one(quotes, "fix the roads"), _one(quotes, "money went")
    assert "\n" not in first.text  # one entry per paragraph
    assert first.speaker_text == second.speaker_text == "she"


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
    assert q.speaker_text != "Smith"  # not the earlier quote's speaker; the sentence before is about Jones
    assert q.speaker_text == "Jones" and q.speaker_from == "previous sentence"


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


def test_partial_quote_inside_indirect_speech_is_a_mixed_quote_and_the_clause_stays(quotes_of):
    text = "The foreign minister said the sanctions were \u201cunjust and illegal\u201d and would be challenged."
    quotes = quotes_of(text)
    assert len(quotes) == 2
    clause, mixed = quotes
    assert clause.kind == "indirect" and clause.partial is True
    assert "unjust and illegal" in clause.text and "sanctions" in clause.text
    assert mixed.kind == "mixed" and mixed.text == "\u201cunjust and illegal\u201d"
    assert clause.speaker_text == mixed.speaker_text == "The foreign minister"


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


# --- speaker choice --------------------------------------------------------------------------

@pytest.mark.parametrize("text,needle,speaker", [
    # a participle cue after a document: the issuer speaks
    ("The council issued a statement calling the vote \u201ca disgrace to democracy.\u201d", "disgrace",
     "The council"),
    # a participle the parse hangs on a place: the clause's subject speaks, not the place
    ("Speaking at a town hall event in Salem, New Hampshire, Quill went after Ross, calling him "
     "\u201ca total stiff.\u201d", "total stiff", "Quill"),
    # a dateline subject next to the real one
    ("Washington (AFP) \u2013 Senator Mara Quill has taken a swipe at her rival's stance on trade, "
     "saying that \u201creckless tariffs\u201d hurt farmers.", "reckless tariffs", "Senator Mara Quill"),
    # an age is a person, though tagged as a date
    ("\u201cWe were never told about the fire,\u201d said the 46-year-old.", "never told", "the 46-year-old"),
    # the cue whose reported clause holds the quotation wins over a later cue in the sentence
    ("Chief Tom Reyes, the city's police chief, said that the video did not give \u201cabsolute proof "
     "that the man held a gun,\u201d but he said that the other evidence \u201csupports what we have heard.\u201d",
     "absolute proof", "Chief Tom Reyes, the city's police chief"),
    # a cue inside someone else's report: the outer reporter
    ("Moreno said she recalled thinking, \u201cThis is what people have warned about for years.\u201d",
     "warned about", "Moreno"),
    # 'shot back' and the like are cues
    ("After the senator criticized her record, Governor Ellis shot back, \u201cI balanced four budgets "
     "in a row.\u201d", "balanced four", "Governor Ellis"),
    # a closing mark typed as an opening one
    ("The mayor spoke first. \u201cThe budget is balanced and the roads are fixed,\u201c said Ana Torres.",
     "budget is balanced", "Ana Torres"),
    # 'what he calls' inside someone's clause: that someone makes the point
    ("Senator Ross has railed against what he calls the \u201cWashington cartel\u201d for years.",
     "Washington cartel", "Senator Ross"),
    # a quotation hanging deep in a reported clause: the reporter, not the clause around it
    ("Governor Ellis said he would advise the council on dealing with the \u201cserious threats that "
     "exist out there. I do not think they understand them.\u201d", "serious threats", "Governor Ellis"),
    # a passive cue with an agent: the agent speaks
    ("Senator Ross was asked by host Dana Reyes, who backs him, \u201cWhy did you vote against the farm "
     "bill last spring?\u201d", "farm bill", "host Dana Reyes"),
    # 'adding' after a quotation closing a reported clause goes with the reporter
    ("Mayor Ana Torres told the Herald that the former mayor \u201chad a plan for the harbor that was "
     "doomed,\u201d adding, \u201cHe lost every vote on the council.\u201d", "every vote", "Mayor Ana Torres"),
    # a name and colon inside a chant is not a transcript label
    ("The protesters chanted \u201cGovernor Ellis: Bad for the state, bad for you.\u201d", "Bad for the state",
     "The protesters"),
    # title-case words that are said, not a title
    ("\u201cLike Dayton. Or Akron,\u201d Senator Ross said.", "Dayton", "Senator Ross"),
    # ', writing "..."' after the clause: its subject writes, not the date before the comma
    ("Singer Dana Reyes shared the news on social media last week, writing \u201cFeels great to support a "
     "candidate I believe in.\u201d", "Feels great", "Singer Dana Reyes"),
    # 'X is releasing an ad that urges ...': the issuer
    ("Senator Ross is releasing a new ad that urges voters to \u201csend a message\u201d to the banks.",
     "send a message", "Senator Ross"),
    # 'as X put it'
    ("As the Herald put it, \u201cThe mayor has finally run out of road.\u201d", "run out of road", "the Herald"),
    # a sentence opening with 'Adding,' continues the previous sentence's speaker
    ("Senator Ross said the audit \u201cwas not good.\u201d Adding, \u201cWe will fix every line of this budget "
     "before the summer.\u201d", "fix every line", "Senator Ross"),
    # a transcript turn opening the quotation
    ("\u201cHOST: So what happens to the pipeline now that the vote has failed?\u201d", "pipeline", "HOST"),
    # a bracketed party label is not the speaker, and the date before the name is not part of it
    ("At the party convention Saturday Sen. Lena Morse (D-Ore.) said her rival was a \u201cproven "
     "failure\u201d in business.", "proven failure", "Sen. Lena Morse (D-Ore.)"),
])
def test_speaker_choice(quotes_of, text, needle, speaker):
    q = _one(quotes_of(text), needle)
    assert q.speaker_text == speaker


def test_attribution_sentence_with_according_to_does_not_stop_the_next_quote(quotes_of):
    text = "\u201cWe will not give up,\u201d Ellis said, according to CNN. \u201cThis fight is far from over.\u201d"
    q = _one(quotes_of(text), "far from over")
    assert q.speaker_text == "Ellis"


def test_transcript_label_is_not_part_of_the_content(quotes_of):
    q = _one(quotes_of("\u201cHOST: So what happens to the pipeline now that the vote has failed?\u201d"),
             "pipeline")
    assert not q.text.startswith("\u201cHOST") and q.speaker_text == "HOST"


def test_markup_attribute_values_are_not_quotations(quotes_of):
    text = '<tweet author="@mayor" pic="">Thanks to all the volunteers who came out today!</tweet>'
    assert quotes_of(text) == []
    assert quoted_spans('<a href="x">He said "we will win the state" today.</a>') == [[(20, 43)]]


@pytest.mark.parametrize("text", [
    "Pollster Dana Reyes, who warned about turnout, is happy to be the state\u2019s \u201cgold standard.\u201d",
    "Nixon\u2019s appeal for \u201claw and order\u201d echoed George Bush\u2019s refusal to condemn the riots.",
])
def test_short_quotation_with_a_cue_that_is_not_its_own_is_a_scare_quote(quotes_of, text):
    assert quotes_of(text) == []


def test_cue_the_quotation_hangs_on_wins_over_a_nearer_one(quotes_of):
    text = "But the mayor later blamed his reluctance to condemn the rally on a \u201cbad phone line.\u201d"
    q = _one(quotes_of(text), "bad phone line")
    assert q.speaker_text == "the mayor"


def test_bare_quote_after_a_sentence_about_someone_takes_its_subject(quotes_of):
    text = ("Mayor Alvarez praised the new bridge and its builders.\n\n"
            "\u201cWe finally have a crossing that will last fifty years.\u201d")
    q = _one(quotes_of(text), "finally have a crossing")
    assert q.speaker_text == "Mayor Alvarez"
    assert q.speaker_from == "previous sentence"


def test_bare_quote_after_a_sentence_about_no_one_gets_no_guess(quotes_of):
    text = ("The storm closed the coastal roads for two days.\n\n"
            "\u201cWe finally have a crossing that will last fifty years.\u201d")
    q = _one(quotes_of(text), "finally have a crossing")
    assert q.speaker_text is None


def test_clause_before_a_colon_is_not_reported_by_the_cue_after_it(quotes_of):
    text = ("The vote set off a long fight in the council on Friday: members said "
            "they were unhappy with the budget.")
    quotes = quotes_of(text)
    assert not any("set off" in q.text for q in quotes)
    q = _one(quotes, "unhappy with the budget")
    assert q.speaker_text == "members"


def test_date_after_called_on_is_not_the_content(quotes_of):
    text = "Senator Reyes on Monday called on the governor to resign."
    assert not any(q.text == "on Monday" for q in quotes_of(text))


def test_speaker_runs_through_a_relative_pronoun_subject(quotes_of):
    text = ("The plan drew a sharp reaction from Governor Maria Lopez, who said the cuts "
            "would hurt rural schools.")
    q = _one(quotes_of(text), "the cuts would hurt")
    assert q.speaker_text == "Governor Maria Lopez, who"


def test_the_clause_before_a_subordinated_cue_is_not_its_content(quotes_of):
    text = ("A ferry sank off the coast on Monday, hours after port officials said the sea was calm. "
            "The storm will pass, forecasters said.")
    found = {q.speaker_text: q.text for q in quotes_of(text)}
    assert found.get("port officials") == "the sea was calm"
    assert found.get("forecasters") == "The storm will pass"


def test_the_spokesperson_is_the_one_named_as_speaking_for_a_body(pipeline):
    r = pipeline.extract('WASHINGTON, Sept 14 (Reuters) - Anna Kovic, who speaks for the Interior Ministry, told '
                         'reporters that two officers were hurt. The spokesperson went on: "We will find those '
                         'responsible."', published="2023-09-14")
    direct = [q for q in r.quotes if q.kind == "direct"]
    assert direct and direct[0].speaker == "anna-kovic"
