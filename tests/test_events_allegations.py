"""Allegations told the ways reports tell them: what an accusation says someone did is the accusation's
content, not an incident of its own; suspecting a group of an act, saying forces carried out unlawful
killings, and holding a group responsible are accusations.  Invented sentences; each fails before the
fifteenth session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str = "2024-03-08"):
        return pipeline.extract(text, published=published)

    return run


def _story(report) -> list[tuple[str, str | None, str | None]]:
    return [(s.type, s.actor1, s.actor2) for s in report.story_events or []]


def test_what_an_accusation_says_is_no_second_accusation(extract):
    report = extract("Bandits raided a market in Dorval on Monday. The ministry accused the militia on Tuesday of "
                     "breaking the truce.")
    accusations = [s for s in _story(report) if s[0] == "ACCUSE"]
    assert len(accusations) == 1  # the ministry's; the militia accuses no one


@pytest.mark.parametrize("text", [
    "Bandits raided a market in Dorval on Monday. Officials suspect the militia of carrying out the raid.",
    "Bandits raided a market in Dorval on Monday. A rights group said soldiers had carried out summary "
    "executions in the district.",
    "Bandits raided a market in Dorval on Monday. The governor holds the militia responsible for the raid.",
])
def test_allegations_are_accusations(extract, text):
    types = [t for t, _, _ in _story(extract(text))]
    assert "ACCUSE" in types
    assert "COERCE" not in types  # holding someone responsible detains no one


def test_holding_hostages_stays_a_detention(extract):
    report = extract("On Monday the militia held twelve aid workers at a camp near Dorval.")
    assert "COERCE" in [t for t, _, _ in _story(report)]


def test_police_storming_a_building_and_seizing_a_man_is_a_raid_and_an_arrest(extract):
    report = extract("Police stormed the Ruritanian embassy in Dorval on Friday and seized a former minister.")
    types = [t for t, _, _ in _story(report)]
    assert "COERCE" in types and "ASSAULT" not in types


def test_hitting_back_in_words_is_an_accusation(extract):
    report = extract("The prime minister hit back on Saturday, describing the raid as a lawless act.")
    types = [t for t, _, _ in _story(report)]
    assert "ACCUSE" in types and "ASSAULT" not in types


def test_hitting_back_with_strikes_stays_an_attack(extract):
    report = extract("On Saturday the army hit back with artillery strikes on the rebel camps near Dorval.")
    assert "ASSAULT" in [t for t, _, _ in _story(report)]


def test_a_warning_about_what_others_do_is_no_threat(extract):
    report = extract("On Monday UN investigators warned that the militia was shelling villages along the river.")
    types = [t for t, _, _ in _story(report)]
    assert "THREATEN" not in types and "ACCUSE" in types


def test_a_warning_of_ones_own_act_stays_a_threat(extract):
    report = extract("On Monday the army warned that it would crush the militia in the hills.")
    assert "THREATEN" in [t for t, _, _ in _story(report)]


def test_calling_detainees_terrorists_accuses_them(extract):
    report = extract("On Monday the president said the detainees were terrorists plotting against the state.")
    assert "ACCUSE" in [e.type for e in report.events]


def test_the_outlets_own_description_accuses_no_one(extract):
    report = extract("The gunmen were bandits from the hills, the report said.")
    assert "ACCUSE" not in [e.type for e in report.events if e.trigger and e.trigger.text == "bandits"]


@pytest.mark.parametrize("text", [
    "Bandits raided a market in Dorval on Monday. Ruritania called the step disproportionate.",
    "Bandits raided a market in Dorval on Monday. Villagers said the soldiers had deliberately targeted the "
    "market.",
])
def test_a_step_called_disproportionate_or_an_act_done_on_purpose_is_an_accusation(extract, text):
    assert "ACCUSE" in [t for t, _, _ in _story(extract(text))]


def test_ones_own_deliberate_strike_is_no_accusation(extract):
    report = extract("On Monday the army said it had deliberately targeted militant hideouts near Dorval.")
    assert "ACCUSE" not in [t for t, _, _ in _story(report)]
