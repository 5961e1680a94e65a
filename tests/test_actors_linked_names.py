"""A group named beside another it is linked to is itself ("the al-Qaeda-linked al-Shabaab group" is
al-Shabaab, linked to al-Qaeda); the Pakistani Taliban are not Pakistan ("Tehreek-e-Taliban Pakistan"); a
named group's bare claim of responsibility after an attack names its doer. Invented sentences; each fails
before the fourteenth session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def doer(pipeline):
    def run(text: str, trigger: str) -> str | None:
        report = pipeline.extract(text, published="2024-03-12")
        return next(e.actor1 for e in report.events if e.trigger.text == trigger)

    return run


def test_the_name_nearest_the_noun_is_the_group(doer):
    assert doer("Fighters from the al-Qaeda-linked al-Shabaab group stormed a base near the town on Monday.",
                "stormed") == "al-shabaab"
    assert doer("The Jaish al-Islam rebel group shelled the district on Monday.", "shelled") == "jaish-al-islam"


@pytest.mark.parametrize("text", [
    "The Tehreek-e-Taliban Pakistan (TTP) claimed the attack on the police station on Sunday.",
    "Militants of Tehreek-e-Taliban Pakistan attacked a police station in the city on Sunday.",
])
def test_the_pakistani_taliban_are_not_pakistan(doer, text):
    trigger = "attack" if "claimed" in text else "attacked"
    assert doer(text, trigger) == "pakistani-taliban"


def test_a_bare_claim_of_responsibility_names_the_doer(pipeline):
    report = pipeline.extract("Three police officers were killed when a police station near the city came under "
                              "attack early on Sunday, police said. The outlawed TTP claimed responsibility.",
                              published="2024-06-03")
    assert [s.actor1 for s in report.story_events if s.type == "ASSAULT"] == ["pakistani-taliban"]


@pytest.mark.parametrize("text", [
    "Three police officers were killed when a police station came under attack on Sunday. No group has "
    "claimed responsibility.",
    "Three police officers were killed when a police station came under attack on Sunday. The minister "
    "accepted responsibility and resigned.",
])
def test_no_claim_and_an_admission_name_no_doer(pipeline, text):
    report = pipeline.extract(text, published="2024-06-03")
    assert [s.actor1 for s in report.story_events if s.type == "ASSAULT"] == [None]
