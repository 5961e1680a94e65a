"""Story-level cues of the fourteenth session, on invented sentences: victims added to ones told before
("killed another 13 civilians", "another 40 people were arrested") are another act; a fight told as a
gunfight "with" its other side is coded both ways whichever mention opens the sentence; the place a
fronted phrase names wins over a town a clause inside it mentions; a doctrine ("Zaydism") is no place.
Each fails on the rules before the session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str = "2023-06-12"):
        return pipeline.extract(text, published=published)

    return run


def _records(report, type_):
    return [s for s in report.story_events or [] if s.type == type_]


@pytest.mark.parametrize(("text", "type_"), [
    ("Air strikes on Yemen's capital killed nine civilians on Monday, residents said. Air raids killed another "
     "13 civilians, the agency reported.", "ASSAULT"),
    ("Police detained a union leader in Dhala on Sunday. Another 40 people were arrested during the protests "
     "that followed, police said.", "COERCE"),
])
def test_victims_added_to_those_told_are_another_act(extract, text, type_):
    assert len(_records(extract(text), type_)) == 2


def test_a_restatement_of_the_same_victims_still_joins(extract):
    report = extract("Air strikes on Yemen's capital killed nine civilians on Monday, residents said. The raids "
                     "killed nine civilians, the agency reported.")
    assert len(_records(report, "ASSAULT")) == 1


def test_a_gunfight_with_the_other_side_is_coded_both_ways(extract):
    report = extract("Soldiers killed seven fighters of the Sahel Liberation Front on Saturday in a gunfight with "
                     "the group near Tessit, the army said.")
    pairs = {(s.actor1, s.actor2) for s in _records(report, "ASSAULT")}
    assert len(pairs) == 2 and {(b, a) for a, b in pairs} == pairs


def test_shooting_during_clashes_is_not_a_two_sided_fight(extract):
    report = extract("Soldiers shot dead a farmer on Friday as clashes erupted near a market in Tessit, "
                     "witnesses said.")
    assert len(_records(report, "ASSAULT")) == 1


def test_the_fronted_place_wins_over_a_town_in_its_relative_clause(extract):
    report = extract("In the eastern province of Marib, a region whose tribes once traded with Aden, air raids "
                     "killed 13 civilians on Monday, the agency reported.", "2015-09-15")
    placed = {report.places[e.place].text for e in report.events if e.place is not None}
    assert placed == {"Marib"}


def test_a_doctrine_is_no_place(extract):
    report = extract("Air raids on Yemen went on. In Saada province in the north, a rebel bastion whose leaders "
                     "have their roots in Zaydism, an offshoot of Shia Islam, warplanes killed 13 civilians, the "
                     "agency reported.", "2015-09-15")
    assert "Zaydism" not in {p.text for p in report.places}
    assert {report.places[e.place].text for e in report.events if e.type == "ASSAULT" and e.place is not None} \
        <= {"Yemen", "Saada", "Saada province"}


def test_what_an_air_strike_destroyed_is_the_strike(extract):
    report = extract("Coalition air raids hit a detention centre in Saada on Friday, killing at least 70 people, "
                     "the rebels said. The airstrike completely destroyed the prison building, a rescuer said.",
                     "2022-01-22")
    assert len(_records(report, "ASSAULT")) == 1


def test_a_crowd_torching_cars_is_still_its_own_act(extract):
    report = extract("Police fired tear gas at protesters in the capital on Friday. Later the crowd torched "
                     "three cars outside the ministry.", "2022-01-22")
    assert len(_records(report, "ASSAULT")) == 2


def test_aid_from_several_donors_is_one_record_per_donor(extract):
    report = extract("The United States and the European Union sent food and medicine to the earthquake zone on "
                     "Tuesday.", "2023-02-10")
    assert len(_records(report, "AID")) == 2


@pytest.mark.parametrize("text", [
    "The army and the Rapid Support Forces accused each other of breaking the ceasefire on Tuesday.",
    "Armenia and Azerbaijan blamed each other for the shelling.",
    "Armenia and Azerbaijan traded accusations over the shelling on Monday.",
])
def test_mutual_accusations_are_coded_both_ways(extract, text):
    pairs = {(s.actor1, s.actor2) for s in _records(extract(text, "2023-04-18"), "ACCUSE")}
    assert len(pairs) == 2 and all(a and b for a, b in pairs) and {(b, a) for a, b in pairs} == pairs


def test_a_joint_condemnation_has_no_target_among_its_parties(extract):
    records = _records(extract("France and Germany condemned the shelling of the town.", "2023-04-18"), "ACCUSE")
    assert {s.actor1 for s in records} == {"france", "germany"}
    assert all(s.actor2 not in ("france", "germany") for s in records)


def test_a_with_phrase_tells_how_the_raid_went(extract):
    report = extract("Gunmen raided a village near the border on Friday, residents said. The raid was carried out "
                     "on motorbikes, with around 20 men attacking the houses at once.", "2023-06-12")
    records = _records(report, "ASSAULT")
    attacking = next(e.id for e in report.events if e.trigger.text == "attacking")
    assert len(records) == 1 and attacking in records[0].mentions
