"""Security operations are deployments (CONVENTIONS: troop deployments -> MOBILIZE): forces hunting the
attackers, taking up positions, spreading out through a town; not rescuers searching for survivors. A state
leaving a named organisation ("withdrew from ECOWAS") reduces relations (SANCTION), troops leaving a town
retreat. Invented sentences; the positive ones fail on the lexicon before the fourteenth session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def story_types(pipeline):
    def run(text: str) -> list[str]:
        return [s.type for s in pipeline.extract(text, published="2024-03-10").story_events or []]

    return run


@pytest.mark.parametrize("text", [
    "Officers were searching for the killers, a police official said.",
    "Soldiers were hunting for the gunmen in the hills on Monday, the army said.",
    "By the afternoon police had taken up positions around the main square and the bus station.",
    "Soldiers spread out across the old quarter on Thursday, many of them on foot.",
    "Troops moved into the town at dawn, residents said.",
])
def test_security_forces_deployed_or_hunting(story_types, text):
    assert "MOBILIZE" in story_types(text)


@pytest.mark.parametrize("text", [
    "Rescuers were searching for survivors in the rubble on Monday.",
    "Relatives were searching for the missing in the hospitals.",
    "The family moved into a new house last year.",
])
def test_others_searching_or_moving(story_types, text):
    assert "MOBILIZE" not in story_types(text)


@pytest.mark.parametrize("text", [
    "Mali, Burkina Faso and Niger announced on Sunday that they were withdrawing from ECOWAS.",
    "Ruritania said on Monday it would leave OPEC in January.",
    "Nicaragua pulled out of the Organization of American States on Sunday.",
    "The junta said it would quit the regional body with immediate effect.",
])
def test_leaving_a_named_organisation_is_a_sanction(story_types, text):
    types = story_types(text)
    assert "SANCTION" in types and "RETREAT" not in types


@pytest.mark.parametrize("text", [
    "Troops withdrew from Bakhmut on Monday after months of fighting.",
    "The rebels pulled out of Goma overnight, residents said.",
    "The brawl left a local secretary of the Farmers League dead and ten people hurt.",
])
def test_leaving_a_town_is_no_sanction(story_types, text):
    assert "SANCTION" not in story_types(text)
