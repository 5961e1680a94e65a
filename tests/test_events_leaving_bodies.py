"""A state leaving an organisation, a joint force or a deal, told with a noun or with a country name the
small model takes for a person; what a state withdraws or halts that is a sanction.  Invented sentences;
each fails on the rules before the fifteenth session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str = "2024-03-08"):
        return pipeline.extract(text, published=published)

    return run


def _story(report) -> list[tuple[str, str | None]]:
    return [(s.type, s.actor1) for s in report.story_events or []]


def test_their_withdrawal_from_a_bloc_is_each_states_sanction(extract):
    report = extract("Gunmen killed 12 villagers near Gao on Monday. Mali, Niger and Burkina Faso announced their "
                     "withdrawal from ECOWAS.")
    assert sorted(a for t, a in _story(report) if t == "SANCTION") == ["burkina-faso", "mali", "niger"]
    assert "RETREAT" not in [t for t, _ in _story(report)]


def test_an_exit_from_a_bloc_is_a_sanction(extract):
    report = extract("Gunmen killed 12 villagers near Gao on Monday. The three juntas said their exit from the bloc "
                     "was final.")
    assert "SANCTION" in [t for t, _ in _story(report)]


@pytest.mark.parametrize("text", [
    "Gunmen killed 12 villagers near Gao on Monday. Niger withdrew from the G5 Sahel force.",
    "Gunmen killed 12 villagers near Gao on Monday. Chad pulled out of the regional joint force.",
])
def test_leaving_a_joint_force_is_a_sanction_not_a_retreat(extract, text):
    types = [t for t, _ in _story(extract(text))]
    assert "SANCTION" in types and "RETREAT" not in types


def test_troops_pulled_back_from_a_border_stay_a_retreat(extract):
    report = extract("Gunmen killed 12 villagers near Gao on Monday. Chad withdrew its troops from the border.")
    assert "RETREAT" in [t for t, _ in _story(report)]


def test_the_deal_left_is_no_agreement(extract):
    report = extract("Gunmen killed 12 villagers near Gao on Monday. On Tuesday the government pulled out of the "
                     "peace deal with the rebels.")
    types = [t for t, _ in _story(report)]
    assert "AGREE" not in types and "SANCTION" in types


@pytest.mark.parametrize("text", [
    "On Tuesday the ministry withdrew the accreditation of two foreign reporters.",
    "On Tuesday the development bank halted payments to the government.",
])
def test_what_a_state_withdraws_or_halts_is_a_sanction(extract, text):
    assert "SANCTION" in [e.type for e in extract(text).events]
