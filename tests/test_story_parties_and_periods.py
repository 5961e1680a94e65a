"""Rules of the fifteenth session, on invented sentences: the parties of a reaction told through the verb it
hangs on ("issued a statement urging", "joined X in condemning"), a day set off at the end of a sentence,
an act an accusation names, and fighting told over years.  Each fails on the rules before the session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str = "2024-03-08"):
        return pipeline.extract(text, published=published)

    return run


def _doers(report, type_: str) -> list[str]:
    return sorted(s.actor1 or "" for s in report.story_events or [] if s.type == type_)


@pytest.mark.parametrize("text", [
    # the act hangs on a statement the parties put out, in a relative clause and a conjunct
    "On Tuesday the embassies of Norway, Japan and Canada put out a joint statement that voiced alarm at the "
    "unrest and urged all sides to exercise restraint.",
    # a body with no list of its own speaks for the same states
    "Police fired tear gas at marchers in Dorval on Monday. On Tuesday the embassies and missions of Norway, "
    "Japan and Canada issued a statement that urged all sides to exercise restraint.",
])
def test_a_statement_urging_is_each_partys_request(extract, text):
    doers = _doers(extract(text), "REQUEST")
    assert doers == ["canada", "japan", "norway"]


def test_joining_others_in_condemning_makes_them_all_doers(extract):
    report = extract("On Saturday the African Union joined Norway and Japan in condemning the coup in Ruritania.")
    doers = _doers(report, "ACCUSE")
    assert doers == ["african-union", "japan", "norway"]
    # the partners are no target of the condemnation
    assert not {s.actor2 for s in report.story_events if s.type == "ACCUSE"} & {"norway", "japan"}


def test_states_told_to_withdraw_are_not_the_doers(extract):
    # a passive's subject was told to act; the countries listed did not withdraw anyone of their own accord
    report = extract("Moscow ordered out diplomats from several countries on Friday. Norway, Japan and Canada "
                     "were among the countries that had been told to withdraw envoys.")
    assert len(_doers(report, "SANCTION")) <= 1


def test_a_day_set_off_at_the_end_dates_the_killing(extract):
    text = "Anger mounted after guards beat Karel Vostran, a young miner joining in the strike, on March 3."
    report = extract(text, "2024-03-08")
    killings = [e for e in report.events if e.type == "ASSAULT"]
    assert killings and killings[0].date == "2024-03-03"  # the mention's own day, not the publication's


def test_a_day_inside_a_relative_clause_still_dates_only_that_clause(extract):
    # no comma sets the date off: it dates the arrest, not the killing
    text = "Police shot dead a man who had been arrested on March 3 in the market."
    report = extract(text, "2024-03-08")
    shooting = [e for e in report.events if e.type == "ASSAULT"]
    assert shooting and shooting[0].date != "2024-03-03"


@pytest.mark.parametrize("text", [
    "The militia, whom the United Nations has accused of war crimes in the valley, holds the northern hills.",
    "Two guards were later charged with murder.",
])
def test_an_act_an_accusation_names_is_no_incident(extract, text):
    assert "ASSAULT" not in [s.type for s in extract(text).story_events]


def test_an_accused_act_with_a_day_stays_an_incident(extract):
    report = extract("Police arrested two men accused of a bombing in Dorval on Monday that killed three people.")
    assert "ASSAULT" in [s.type for s in report.story_events]


@pytest.mark.parametrize("text", [
    "Fighting between the two clans between 2001 and 2009 killed an estimated 40,000 people.",
    "Clashes between the herders and the farmers from 2015 to 2018 left thousands dead.",
])
def test_fighting_over_years_is_a_war_not_an_incident(extract, text):
    assert "ASSAULT" not in [s.type for s in extract(text).story_events]


def test_fighting_over_a_few_days_is_still_an_incident(extract):
    report = extract("Clashes between the herders and the farmers from Monday to Wednesday left 12 people dead "
                     "in Dorval, police said.")
    assert "ASSAULT" in [s.type for s in report.story_events]


@pytest.mark.parametrize(("text", "expected"), [
    # the parties a reaction comes from
    ("Gunmen killed nine herders in Dorval on Monday. Condemnation came from Norway, Japan and Canada.",
     ["canada", "japan", "norway"]),
    ("Gunmen killed nine herders in Dorval on Monday. The killings drew condemnation from Norway and Japan.",
     ["japan", "norway"]),
    # a party doing the same, told beside the subject or after it
    ("Gunmen killed nine herders in Dorval on Monday. Japan, like Norway, condemned the attack.",
     ["japan", "norway"]),
    ("Gunmen killed nine herders in Dorval on Monday. Norway condemned the attack, as did Japan and Canada.",
     ["canada", "japan", "norway"]),
    # ministries of several states speak for each
    ("Gunmen killed nine herders in Dorval on Monday. The foreign ministries of Norway and Japan condemned the "
     "killings.", ["japan", "norway"]),
])
def test_each_party_of_a_reaction_told_around_it(extract, text, expected):
    report = extract(text)
    assert _doers(report, "ACCUSE") == expected
    # no party is the target of another's condemnation
    assert not {s.actor2 for s in report.story_events if s.type == "ACCUSE"} & set(expected)


@pytest.mark.parametrize("text", [
    "Monitors said the shelling of the market amounted to war crimes.",
    "Monitors said the shelling of the market constituted a war crime.",
    "The ministry described the shelling as a flagrant violation of the truce.",
])
def test_an_act_said_to_amount_to_a_crime_is_condemned(extract, text):
    assert "ACCUSE" in [e.type for e in extract(text).events]


def test_a_sum_it_amounts_to_is_no_crime(extract):
    assert "ACCUSE" not in [e.type for e in extract("The court ruled that the fine amounted to $5,000.").events]
