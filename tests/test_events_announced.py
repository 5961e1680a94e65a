"""Readings of the thirteenth session, on invented sentences: a sanction a state announces is taken
(CAMEO 16x), expulsions told in the passive or the future of a report, an act called a violation, a
conceded defeat, armed men forcing their way in, and the story's day named with a clock time.  Each of
these fails on the rules before the session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract(pipeline):
    def run(text: str, published: str = "2024-03-08"):
        return pipeline.extract(text, published=published)

    return run


def _story_types(report) -> list[str]:
    return [s.type for s in report.story_events or []]


@pytest.mark.parametrize("text", [
    # a decision reported as taken: "would" is the future of the report, not a hypothesis
    "On Monday the premier said her cabinet would cut diplomatic ties with Ruritania as well.",
    "The foreign minister said that the charge d'affaires would be expelled along with two attachés.",
    "The two carriers said they would halt their flights to the capital from Monday.",
    "The minister said the envoy will be told this week that he has to go home.",
    # an expulsion in the passive, the leaving told as "get out"
    "Embassy staff were given three days to get out of Ruritania, the ministry said.",
])
def test_an_announced_sanction_is_a_sanction(extract, text):
    assert "SANCTION" in _story_types(extract(text))
    assert "THREATEN" not in _story_types(extract(text))


@pytest.mark.parametrize(("text", "expected"), [
    # a condition keeps it a threat; an opinion about sanctions or a plan to weigh them is no sanction
    ("The government said it would expel the ambassador unless the shelling stopped.", ["THREATEN"]),
    ("The army said it would crush the rebels in the hills.", ["THREATEN"]),
    ("Analysts said the sanctions would hurt the economy of the island.", []),
    ("The bloc will consider new sanctions at its meeting next week.", []),
])
def test_threats_and_opinions_stay_what_they_were(extract, text, expected):
    assert _story_types(extract(text)) == expected


def test_telling_investigators_is_speech_not_an_order(extract):
    report = extract("Survivors told reporters from the local radio station that the water had risen within "
                     "minutes.")
    assert not [e for e in report.events if e.type in ("COERCE", "SANCTION")]


@pytest.mark.parametrize("text", [
    "The foreign ministry said the step was a violation of the country's sovereignty.",
    "The ministry said the decision was a flagrant violation of international law.",
    "The announcement was deeply unfortunate and irresponsible, the secretary of state said.",
])
def test_an_act_called_a_violation_or_irresponsible_is_condemned(extract, text):
    assert "ACCUSE" in _story_types(extract(text))


def test_admitting_defeat_is_a_concession(extract):
    assert "CONCEDE" in _story_types(extract("The president admitted defeat in public on Sunday."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Hundreds of inmates escaped after armed gangs forced their way into the prison on Saturday night.",
     "ASSAULT"),
    ("Militants blasted their way into the police station before dawn.", "ASSAULT"),
    ("Shoppers forced their way into the store when the doors opened for the sale.", None),
])
def test_forcing_ones_way_in(extract, text, expected):
    types = _story_types(extract(text))
    assert (expected in types) if expected else not types
    assert "ACCUSE" not in types  # "blasted their way" is no criticism


def test_a_clock_time_names_the_storys_day(extract):
    # the day hangs on "began" (a relative clause), not on the rally: the story's day comes from its lead
    text = ("VALMORA, March 29: A march backing the old constitution that set off from the Tinkune quarter of "
            "Valmora at 10:30 am on Friday soon turned violent, as protesters and police fought in the side "
            "streets.\nThe government answered by imposing a curfew in the capital.")
    report = extract(text, "2025-03-29")  # a Saturday
    dates = {s.type: s.date for s in report.story_events}
    assert dates.get("PROTEST") == "2025-03-28"
    assert dates.get("COERCE") == "2025-03-28"  # the curfew takes the story's day, not the dateline's


@pytest.mark.parametrize(("text", "expected"), [
    # CAMEO 16x: reducing relations, stopping aid, sanctions on foreign officials
    ("Washington withdrew its support for the ceasefire plan on Monday.", "SANCTION"),
    ("The development bank cut off loans to the junta after the coup.", "SANCTION"),
    ("The State Department revoked the visas of 20 Ruritanian officials.", "SANCTION"),
    ("The bloc imposed an asset freeze on the generals.", "SANCTION"),
    # a troop withdrawal stays a retreat
    ("The army withdrew its forces from the border town on Sunday.", "RETREAT"),
])
def test_reduced_relations(extract, text, expected):
    assert expected in _story_types(extract(text))


@pytest.mark.parametrize("text", [
    # regret over another's act is disapproval (CAMEO 111); an investigation promised is an investigation
    "The State Department voiced regret over the decision by the Ruritanian foreign ministry.",
    "The minister expressed deep regret at the closure of the border crossing.",
    "Authorities have promised a full investigation into the riot at the central prison.",
    "The governor pledged a thorough inquiry into the shooting at the market.",
])
def test_regret_and_promised_investigations_are_accusations(extract, text):
    types = _story_types(extract(text))
    assert "ACCUSE" in types and "AGREE" not in types


def test_regret_for_ones_own_act_or_a_missed_wedding_is_no_accusation(extract):
    assert "ACCUSE" not in _story_types(extract("She expressed regret that she could not attend the wedding."))
    assert "ACCUSE" not in _story_types(extract("The army expressed regret for the deaths of two farmers."))


def test_shot_dead_is_no_part_of_the_victims_name(extract):
    report = extract("On Monday gunmen shot dead three clerks at the district water board.")
    story = next(s for s in report.story_events if s.type == "ASSAULT")
    victims = next(a for a in report.actors if a.id == story.actor2)
    assert not victims.name.lower().startswith("dead")


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # crowds storming a building seize it (COERCE); armed men storming it attack it
    ("Hundreds of protesters stormed the assembly hall and set its offices ablaze.", "COERCE", None),
    ("Demonstrators broke into the main government building in the small hours of Tuesday.", "COERCE", None),
    ("Protesters forced their way into the parliament and beat several lawmakers.", "COERCE", None),
    ("Gunmen stormed a village in the north, killing 15 people.", "ASSAULT", "COERCE"),
    ("The authorities limited access to several news websites.", "COERCE", None),
])
def test_storming_by_crowds_and_by_armed_men(extract, text, expected, absent):
    types = _story_types(extract(text))
    assert expected in types
    assert absent is None or absent not in types


def test_a_statement_day_parsed_into_the_speakers_phrase_does_not_date_the_act(extract):
    # the dateline glued on makes the parser hang "On Friday" on the subject, not on "said"
    text = ("Nairobi - On Friday Kenya said an air raid it launched on a rebel base near the border had left at "
            "least 30 fighters dead, which the rebels denied.")
    report = extract(text, "2014-01-10")
    strike = next(e for e in report.events if e.trigger and e.trigger.text == "raid")
    assert strike.date_from != "text"  # Friday is when Kenya spoke


def test_militiamen_and_the_militia_are_one_doer(extract):
    text = ("BUNIA (Reuters) - Officials said on Monday that militiamen had shot dead 14 villagers in a raid "
            "on a camp for the displaced.\n"
            "A spokesman said fighters of the militia had attacked Kotoni, a village, on Sunday night.")
    report = extract(text, "2021-11-22")
    assert len([s for s in report.story_events if s.type == "ASSAULT"]) == 1


def test_a_country_the_tagger_takes_for_a_person_still_expels(extract):
    # the small model tags "Mali" a person here; the places stage knows it is a country
    assert "SANCTION" in _story_types(extract("Mali asked the UN peacekeeping mission to leave the country "
                                              "without delay."))


def test_a_note_of_protest_is_a_complaint_not_a_demonstration(extract):
    types = _story_types(extract("The foreign ministry summoned the ambassador and handed him a note of protest."))
    assert "PROTEST" not in types and "ACCUSE" in types


def test_an_announced_boycott_stays_a_threat(extract):
    assert _story_types(extract("The rebels said they would boycott the vote in the north.")) == ["THREATEN"]


@pytest.mark.parametrize(("text", "parties"), [
    # one record per party, the parties named as the speakers of "they" ...
    ("Kenya, Uganda, Rwanda and Tanzania declared on Monday that they were suspending ties with Burundi.", 4),
    # ... or listed as an apposition that goes on ("Mali, Burkina Faso and Niger")
    ("Mali, Burkina Faso and Niger said they would recall their ambassadors from Algeria.", 3),
])
def test_several_states_taking_one_sanction(extract, text, parties):
    assert _story_types(extract(text)) == ["SANCTION"] * parties


def test_a_title_and_its_holder_are_one_party(extract):
    types = _story_types(extract("The president, William Ruto, condemned the attack on the convoy."))
    assert types.count("ACCUSE") == 1


@pytest.mark.parametrize(("text", "accuser_word", "accused_word"), [
    # wrongdoing a speaker alleges of a named party (CAMEO 112)
    ("The UN agency said Burundian troops had helped the rebels.", "united", "burund"),
    ("The defence ministry said the drone had violated Tunisian airspace.", "defense", None),
    ("The government said the neighbouring country was arming the rebels.", "government", None),
    ("The army said the rebels had used villagers as human shields.", "military", "rebel"),
])
def test_alleged_wrongdoing_is_an_accusation(extract, text, accuser_word, accused_word):
    report = extract(text)
    accuse = next(s for s in report.story_events if s.type == "ACCUSE")
    assert accuser_word in (accuse.actor1 or "")
    assert accused_word is None or accused_word in (accuse.actor2 or "")


def test_unnamed_enemies_are_no_accused_party(extract):
    types = _story_types(extract('"Hostile elements want to destabilise our region," a ministry official said.'))
    assert "ACCUSE" not in types


def test_a_dateline_town_abroad_keeps_no_restatement_apart(extract):
    text = ("NAIROBI (Reuters) - On Friday Ruritania said an air raid it launched on a rebel base near the border had "
            "left at least 30 fighters dead, which the rebels denied.\n"
            "According to the Ruritanian military, Thursday evening's raid hit a camp in southern Somalia.")
    strikes = [s for s in extract(text, "2014-01-10").story_events if s.type == "ASSAULT"]
    assert len(strikes) == 1 and strikes[0].date == "2014-01-09"


def test_detained_in_hospital_is_no_arrest(extract):
    report = extract("Ninety people were detained in hospital after the blast, and about 20 others went home.")
    assert "COERCE" not in _story_types(report)
    assert ("injured", 90) in [(f.category, f.value) for f in report.figures]


@pytest.mark.parametrize(("text", "parties"), [
    # bodies that speak for the states "of" names: one record per state
    ("On Thursday the embassies of France, Germany, Italy and Spain called for restraint in the region.",
     ["france", "germany", "italy", "spain"]),
    ("The foreign ministers of Kenya, Uganda and Rwanda condemned the attack on the convoy.",
     ["kenya", "uganda", "rwanda"]),
])
def test_the_embassies_of_several_states(extract, text, parties):
    assert sorted(s.actor1 for s in extract(text).story_events if s.type in ("ACCUSE", "REQUEST")) == sorted(parties)


def test_one_officer_of_each_state_stays_two_parties(extract):
    report = extract("The president of Kenya and the prime minister of Ethiopia condemned the attack.")
    assert len([s for s in report.story_events if s.type == "ACCUSE"]) == 2


def test_wrongdoing_told_according_to_a_source_is_an_accusation(extract):
    report = extract("According to the ministry, Ruritanian forces had armed the rebels in the east.")
    assert "ACCUSE" in _story_types(report)
    # the outlet's own account of the same is no accusation
    assert "ACCUSE" not in _story_types(extract("Ruritanian forces armed the rebels in the east in 2012."))
