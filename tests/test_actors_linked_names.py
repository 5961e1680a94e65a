"""A group named beside another it is linked to is itself ("the al-Qaeda-linked al-Shabaab group" is
al-Shabaab, linked to al-Qaeda); the Pakistani Taliban are not Pakistan ("Tehreek-e-Taliban Pakistan").
Invented sentences; each fails before the fourteenth session."""

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
