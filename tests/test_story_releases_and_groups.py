"""Releases told as "let them go" and retold later, and armed groups a wire desk meets every week known by
name (the knowledge file).  Invented sentences; each fails before the fifteenth session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str = "2024-03-09"):
        return pipeline.extract(text, published=published)

    return run


def test_captors_letting_people_go_is_a_release_and_its_retelling_joins(extract):
    report = extract("Rebels let 14 road workers go on Saturday, five days after seizing them near Dorval. The "
                     "militants freed the workers before dawn, the army said.")
    releases = [s for s in report.story_events if s.type == "RETREAT"]
    assert len(releases) == 1 and len(releases[0].mentions) == 2


def test_a_company_letting_workers_go_is_no_release(extract):
    assert not [e for e in extract("The mining firm let go 200 workers on Friday.").events if e.type == "RETREAT"]


@pytest.mark.parametrize(("text", "actor_id"), [
    ("Shining Path fighters ambushed an army patrol near the river on Friday.", "shining-path"),
    ("ELN guerrillas ambushed an army patrol near the river on Friday.", "eln"),
    ("Fighters of the Jalisco New Generation Cartel ambushed a police patrol on Friday.", "cjng"),
    ("Baloch Liberation Army fighters ambushed an army convoy on Friday.", "baloch-liberation-army"),
])
def test_recurring_armed_groups_are_known(extract, text, actor_id):
    report = extract(text)
    actors = {a.id: a for a in report.actors}
    assert actor_id in actors and actors[actor_id].type == "armed_group"
    assert any(s.actor1 == actor_id for s in report.story_events if s.type == "ASSAULT")


def test_the_hands_that_killed_name_the_doer(extract):
    report = extract("Two protesters died at the hands of Nigeria's security forces in Kano on Thursday, the "
                     "opposition said.")
    doers = [s.actor1 for s in report.story_events if s.type == "ASSAULT"]
    assert doers and doers[0] is not None and "nigeria" in doers[0]


def test_named_victims_rank_before_the_generic_civilians():
    from types import SimpleNamespace

    from eventwire.story.resolve import _victim_rank
    story = SimpleNamespace(actor_names={"civilians": "Civilians", "employees": "employees of the water board",
                                         "car": "car", "military": "Military"},
                            actor_type={"civilians": "population", "employees": "population", "car": "other",
                                        "military": "military"})
    ranks = {a: _victim_rank(story, a) for a in ("military", "employees", "civilians", "car")}
    assert ranks["military"] < ranks["employees"] < ranks["civilians"] < ranks["car"]


def test_last_week_and_its_day_are_one_background_attack(extract):
    # "last week" counted from a Sunday is the week before; the day it names falls in the week after
    report = extract("A bomber rammed an explosives-laden van into a police convoy near Dorval on Sunday, killing "
                     "five officers, police said.\nLast week fighters of the Baloch Liberation Army ambushed a "
                     "train with 300 passengers on board in the hills near Kelso and Arlo on March 11, killing 21 "
                     "passengers and four soldiers; troops killed all the attackers the next day, March 12.",
                     "2025-03-16")
    ambush = [s for s in report.story_events if s.type == "ASSAULT" and s.actor1 == "baloch-liberation-army"]
    assert len(ambush) == 1 and ambush[0].date == "2025-03-11"


def test_the_national_liberation_army_is_the_eln():
    from eventwire.actors.knowledge import knowledge
    entry = knowledge().lookup("National Liberation Army")
    assert entry is not None and entry.id == "eln"


def test_a_group_named_in_what_was_hit_is_not_the_doer(extract):
    report = extract("A bomber rammed an explosives-laden van into a convoy of the Jalisco New Generation Cartel "
                     "near Dorval on Sunday, killing five gunmen, police said.", "2025-03-16")
    attacks = [s for s in report.story_events if s.type == "ASSAULT"]
    assert attacks and all(s.actor1 != "cjng" for s in attacks)
