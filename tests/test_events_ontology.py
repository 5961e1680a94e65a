"""Readings taken from the CAMEO codebook as PLOVER 2021 maps it (16x reduce relations → SANCTION,
17x coerce → COERCE, 114 complain officially → ACCUSE, 124x decline to yield → REJECT), each on
invented sentences.  Each of these fails on the rules before the twelfth session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str):
        return pipeline.extract(text, published="2024-03-08")

    return run


def _mentions(report) -> dict[str, str]:
    """Trigger text -> type of each event mention."""
    return {e.trigger.text: e.type for e in report.events if e.trigger}


def _story_types(report) -> list[str]:
    return [s.type for s in report.story_events or []]


@pytest.mark.parametrize(("text", "trigger", "type_"), [
    # CAMEO 166x: a state expels or withdraws a foreign presence (mission, peacekeepers, aid agencies)
    ("The junta ordered the withdrawal of the United Nations peacekeeping mission by the end of the year.",
     "ordered", "SANCTION"),
    ("The council ordered the departure of the Velmarian troops within a month.", "ordered", "SANCTION"),
    ("Relief agencies were told to leave the district by the military authorities.", "told", "SANCTION"),
    ("The government expelled the head of the UN mission on Friday.", "expelled", "SANCTION"),
    ("The interior ministry expelled two aid organisations from the province.", "expelled", "SANCTION"),
    ("Officials announced the expulsion of the ambassador on Monday.", "expulsion", "SANCTION"),
    # CAMEO 161/164: leaving a pact or the talks
    ("Borduria withdrew from the regional defence pact on Sunday.", "withdrew", "SANCTION"),
    ("The rebels pulled out of the negotiations on Friday.", "pulled", "SANCTION"),
    ("The junta revoked the defence cooperation agreement with its former ally.", "revoked", "SANCTION"),
    # CAMEO 162: reduce or stop aid
    ("The donor stopped funding the refugee agency in January.", "stopped", "SANCTION"),
    ("The lender paused disbursements to the ministry after the vote.", "paused", "SANCTION"),
    # trade measures, coded as sanctions are
    ("Ruritania imposed tariffs of 25 percent on steel from its neighbour.", "imposed", "SANCTION"),
    ("The ministry banned imports of the neighbour's beef on Tuesday.", "banned", "SANCTION"),
    # CAMEO 17x: an order that names a coercive act imposes it
    ("The prosecutor ordered the arrest of the former minister on Monday.", "ordered", "COERCE"),
    ("The court ordered the seizure of the businessman's assets.", "ordered", "COERCE"),
    ("The interior ministry ordered the dissolution of the opposition party.", "ordered", "COERCE"),
    ("The government dissolved the main opposition party on Wednesday.", "dissolved", "COERCE"),
    # CAMEO 114, 111, 115: official complaints, criticism, lawsuits
    ("Norway protested strongly against the arms sale to the island.", "protested", "ACCUSE"),
    ("The foreign ministry protested to the embassy over the detention of two citizens.", "protested", "ACCUSE"),
    ("The ministry expressed outrage over the shelling of the border post.", "expressed", "ACCUSE"),
    ("The family filed a lawsuit against the police chief.", "lawsuit", "ACCUSE"),
    ("Monitors said the soldiers had committed war crimes in the valley.", "committed", "ACCUSE"),
    # CAMEO 124x, 125: decline to yield, reject a proposal
    ("The militia refused to release the hostages despite the appeal.", "refused", "REJECT"),
    ("The government turned down the offer of mediation.", "turned", "REJECT"),
])
def test_ontology_readings(extract, text, trigger, type_):
    found = _mentions(extract(text))
    assert found.get(trigger) == type_, found


@pytest.mark.parametrize(("text", "trigger", "type_"), [
    ("Thousands of students protested in the capital against the fee rise.", "protested", "PROTEST"),
    ("The army pulled its forces out of the northern province.", "pulled", "RETREAT"),
    ("Troops withdrew from the town after three days of fighting.", "withdrew", "RETREAT"),
    ("Villagers were told to leave their homes before the river rose.", "told", "COERCE"),
    ("The mayor ordered the police to reopen the bridge.", "ordered", "REQUEST"),
    ("The commander ordered the withdrawal of his fighters from the hills.", "ordered", "REQUEST"),
])
def test_the_old_readings_stay_where_the_new_ones_do_not_apply(extract, text, trigger, type_):
    found = _mentions(extract(text))
    assert found.get(trigger) == type_, found


def test_a_refusal_to_release_information_is_no_event(extract):
    r = extract("The ministry declined to release details of the investigation.")
    assert "REJECT" not in _story_types(r) and "declined" not in _mentions(r)


def test_a_state_protest_is_an_accusation_row_not_a_demonstration(extract):
    r = extract("Norway protested strongly against the arms sale to the island on Monday.")
    assert _story_types(r) == ["ACCUSE"]


@pytest.mark.parametrize(("text", "trigger", "type_"), [
    ("The authorities blocked access to social media platforms on Friday.", "blocked", "COERCE"),
    ("Soldiers stopped the journalists from entering the camp.", "stopped", "COERCE"),
    ("The junta suspended the constitution on Thursday.", "suspended", "COERCE"),
    ("The regulator revoked the licence of the television station.", "revoked", "COERCE"),
    ("The minister lashed out at the rebels after the bombing.", "lashed", "ACCUSE"),
    ("The president hit out at foreign critics on Sunday.", "hit", "ACCUSE"),
    ("The foreign ministry described the strike as an act of aggression.", "described", "ACCUSE"),
])
def test_more_codebook_readings(extract, text, trigger, type_):
    found = _mentions(extract(text))
    assert found.get(trigger) == type_, found


def test_an_aim_to_stop_someone_is_no_coercion(extract):
    found = _mentions(extract("The allies joined the war to stop the rebels from advancing on the port."))
    assert found.get("stop") is None, found
    found = _mentions(extract("Protesters blocked access to the port for three hours."))
    assert found.get("blocked") == "PROTEST", found


@pytest.mark.parametrize(("text", "trigger", "type_"), [
    # a state asking a foreign presence to go expels it (CAMEO 166); the demand is its content
    ("The junta demanded the withdrawal of Velmarian troops from the country.", "demanded", "SANCTION"),
    ("The government called for the immediate departure of the Velmarian ambassador.", "called", "SANCTION"),
    ("The military government asked the UN to withdraw its peacekeeping mission.", "asked", "SANCTION"),
    ("The authorities demanded that the Velmarian ambassador leave the country.", "demanded", "SANCTION"),
    ("The junta gave the French envoy 48 hours to leave the country.", "gave", "SANCTION"),
    # ending a deal or one's part in it
    ("Borduria refused to extend the grain deal when it expired on Monday.", "refused", "SANCTION"),
    ("Borduria halted its participation in the treaty.", "halted", "SANCTION"),
    ("The government announced it was leaving the grain initiative.", "leaving", "SANCTION"),
    ("The junta denounced the defence agreements with its former ally.", "denounced", "SANCTION"),
    ("The country quit the regional bloc in January.", "quit", "SANCTION"),
    # criticism and accusations
    ("The opposition leader slammed the government over the killings.", "slammed", "ACCUSE"),
    ("The rights group blasted the decision as a betrayal of the victims.", "blasted", "ACCUSE"),
    ("The ministry pointed the finger at the rebels for the blast.", "pointed", "ACCUSE"),
    ("The president said the shelling was a war crime.", "crime", "ACCUSE"),
    ("Kyiv called the strike a deliberate attack on civilians.", "called", "ACCUSE"),
])
def test_expulsions_endings_and_criticism(extract, text, trigger, type_):
    found = _mentions(extract(text))
    assert found.get(trigger) == type_, found


def test_the_content_of_an_expulsion_demand_is_no_second_event(extract):
    r = extract("The military government asked the UN to withdraw its peacekeeping mission.")
    assert _story_types(r) == ["SANCTION"]


@pytest.mark.parametrize(("text", "trigger"), [
    ("The families demanded the withdrawal of the army from the villages.", "demanded"),  # not a state
    # foreign ministers asking that forces leave another named country: a demand, no expulsion
    ("Visiting ministers from the bloc demanded the withdrawal of Russian troops from Moldova on Friday.", "demanded"),
    ("The car slammed into a wall near the checkpoint.", "slammed"),  # no object: a crash
    ("“Is it a crime to protest?” asked a trader in the market.", "crime"),  # a question
    ("Borduria withdrew its ambassador in protest.", "protest"),  # a motive, no demonstration
])
def test_where_those_readings_do_not_apply(extract, text, trigger):
    found = _mentions(extract(text))
    assert found.get(trigger) in (None, "REQUEST"), found


def test_people_forced_from_their_homes_in_the_aggregate_is_a_figure_not_an_event(extract):
    assert "forced" not in _mentions(extract("Over one million people in the territory have been forced from "
                                             "their homes."))
    assert "forced" not in _mentions(extract("The fighting forced thousands to flee the valley."))
    assert _mentions(extract("Soldiers forced the villagers from their homes on Tuesday.")).get("forced") == "COERCE"


def test_an_accident_investigated_is_no_accusation(extract):
    found = _mentions(extract("The crash of the overloaded lorry is being investigated by the transport ministry."))
    assert "investigated" not in found, found
    found = _mentions(extract("Police are investigating the attack on the convoy."))
    assert found.get("investigating") == "ACCUSE", found


def test_a_bombing_told_without_a_bombing_verb_keeps_its_means(extract):
    r = extract("Six people died on Tuesday when a suicide bomber drove an explosives-laden car into a van.")
    assert [e.mode for e in r.events if e.type == "ASSAULT"] == ["suicide-attack"]
    r = extract("Two soldiers were killed when a roadside bomb hit their patrol near the border.")
    assert "explosives" in {e.mode for e in r.events if e.type == "ASSAULT"}


def test_fire_exchanged_for_months_is_a_conflicts_course_not_an_incident(extract):
    found = _mentions(extract("The blasts went off in the south, where the militia has exchanged fire with the "
                              "army for 11 months."))
    assert "exchanged" not in found and "fire" not in found, found
    found = _mentions(extract("Since June 15 the army has been conducting a large offensive against the rebels."))
    assert found.get("offensive") == "ASSAULT", found


def test_striving_to_curb_violence_is_no_attack(extract):
    found = _mentions(extract("For years the government has battled to curb gang violence in the jails, where "
                              "inmates killed 300 rivals in 2021."))
    assert "battled" not in found and "violence" not in found, found
    found = _mentions(extract("Troops fought to retake the town from the rebels on Sunday."))
    assert found.get("fought") == "ASSAULT" or found.get("retake") in ("ASSAULT", "COERCE"), found


def test_a_contested_claim_of_an_attack_is_an_accusation(extract):
    found = _mentions(extract("Kyiv claimed that Russian forces had shelled the town overnight."))
    assert found.get("claimed") == "ACCUSE" and found.get("shelled") == "ASSAULT", found
    assert "claimed" not in _mentions(extract("He claimed that he had never met the minister."))
