"""Warnings told the ways statements tell them: a state that "reserves the right to respond" (the small
tagger reads "reserves" as a noun), a first-person future act against someone inside a quotation, and the
wrongdoers at large told they "will be punished".  Invented sentences; each fails before the fifteenth
session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str = "2024-03-08"):
        return pipeline.extract(text, published=published)

    return run


def test_reserving_the_right_to_respond_is_a_threat_even_misread_as_a_noun(extract):
    report = extract('"Kenya reserves the right to respond to this unlawful act," she said.')
    assert "THREATEN" in [e.type for e in report.events]


@pytest.mark.parametrize("text", [
    '"You may be sure that we will respond with force," the commander said on Monday.',
    '"We will hunt them down," the governor said on Monday.',
])
def test_a_first_person_act_against_someone_is_a_threat(extract, text):
    assert "THREATEN" in [e.type for e in extract(text).events]


def test_a_first_person_act_of_help_is_no_threat(extract):
    report = extract('"We will send food to the camps," the minister said on Monday.')
    assert "THREATEN" not in [e.type for e in report.events]


@pytest.mark.parametrize("text", [
    '"Anyone who takes part in the looting will be punished," the mayor said on Monday.',
    "The interior minister said on Monday that those responsible would be punished severely.",
    "The governor said on Monday that the attackers would be brought to justice.",
])
def test_wrongdoers_told_they_will_be_punished_is_a_threat(extract, text):
    assert "THREATEN" in [s.type for s in extract(text).story_events]


def test_a_sentence_handed_down_is_no_threat(extract):
    report = extract("Two guards were punished on Monday for letting the prisoners escape.")
    assert "THREATEN" not in [e.type for e in report.events]


@pytest.mark.parametrize("text", [
    "On Monday his lawyers asked the appeals court to quash the conviction and free him.",
    "On Monday a magistrate was asked to let police hold the suspect for ten more days.",
    "On Monday the president ordered the government to compensate the families of the dead.",
])
def test_petitions_in_court_and_directives_to_ones_own_officials_are_no_requests(extract, text):
    assert "REQUEST" not in [s.type for s in extract(text).story_events]


def test_a_call_on_a_government_stays_a_request(extract):
    report = extract("On Monday the opposition called on the government to resign over the killings.")
    assert "REQUEST" in [s.type for s in report.story_events]


def test_a_promise_to_force_the_other_side_is_a_threat(extract):
    report = extract('On Sunday Ruritania promised to "force those behind this provocation to pay".')
    assert "THREATEN" in [s.type for s in report.story_events]
    assert "AGREE" not in [s.type for s in report.story_events]


def test_forces_rushed_somewhere_are_a_deployment_when_the_parse_loses_them(extract):
    report = extract("According to a regional spokesman, soldiers and armoured cars were rushed to the valley at "
                     "once to pursue the gunmen.")
    assert "MOBILIZE" in [s.type for s in report.story_events]


def test_goods_rushed_somewhere_are_no_deployment(extract):
    report = extract("Blankets and tents were rushed to the valley on Monday.")
    assert "MOBILIZE" not in [e.type for e in report.events]
