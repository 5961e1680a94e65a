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
