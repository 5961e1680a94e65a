"""A pronoun subject of what its own sentence's organisation says is that organisation ("X says it was
behind the attack"), unless the number disagrees ("the ministry said they had attacked a convoy": someone
else) or the speaker only relays ("sources said they ...").  Invented sentences; each fails before."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str):
        return pipeline.extract(text, published="2019-01-21")

    return run


def _actor1(report, trigger):
    return next(e.actor1 for e in report.events if e.trigger.text == trigger)


def test_a_claim_of_responsibility_names_the_speaker(extract):
    report = extract("Gunmen attacked a UN camp in the north on Sunday, killing ten peacekeepers. An affiliate of "
                     "al-Qaida said on Monday that it had carried out the raid on the camp.")
    assert _actor1(report, "raid") == "al-qaeda"


def test_they_after_a_singular_speaker_is_someone_else(extract):
    report = extract("The ministry said they had attacked a convoy near the border.")
    ministry = {a.id for a in report.actors if "ministry" in a.id}
    assert ministry and _actor1(report, "attacked") not in ministry


def test_sources_only_relay(extract):
    report = extract("Sources quoted by the newsletter said they assaulted an army position on Monday.")
    assert _actor1(report, "assaulted") is None or "source" not in _actor1(report, "assaulted")


@pytest.mark.parametrize(("text", "trigger"), [
    ("The minister called the attack cowardly and barbaric.", "attack"),
    ("The president called the bombing an act of terror.", "bombing"),
])
def test_who_calls_an_act_something_did_not_do_it(extract, text, trigger):
    report = extract(text)
    assert _actor1(report, trigger) is None


def test_a_light_verb_still_gives_the_doer(extract):
    assert _actor1(extract("Rebels made an attack on the town on Sunday."), "attack") == "rebels"
