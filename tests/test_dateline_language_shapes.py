"""Dateline shapes of the thirteenth session: months abbreviated in French, Spanish and Italian, "12 de
agosto", ordinals in capitals, a dotted date closed by a period, a town in square brackets, an outlet's
one-word masthead, and colon datelines before leads dense with names; of the fourteenth: numeric dates with
slashes, the date after the agency on its own line, hyphens glued to the lead, a pipe after a known town,
a date first with its town in brackets.  All texts are invented for these tests; each fails on the parser
before these rules."""

from __future__ import annotations

import pytest

from eventwire.dateline import parse_dateline
from eventwire.dateline_lines import reads_like_a_lead


@pytest.mark.parametrize(("text", "published", "places", "agency", "date"), [
    ("Dakar, 14 fév (APS)- Les pêcheurs de la ville ont repris la mer après trois jours de tempête sur la côte.",
     "2019-02-15", ["Dakar"], "APS", "2019-02-14"),
    ("Lima, 9 abr (PL) Con más de cuarenta familias evacuadas, el río volvió a crecer durante la noche.",
     "2021-04-10", ["Lima"], "PL", "2021-04-09"),
    ("Milano, 6 set. (ANSA) – Il consiglio comunale ha approvato il piano per le periferie della città.",
     "2022-09-06", ["Milano"], "ANSA", "2022-09-06"),
    ("CARACAS, 12 de agosto.— Una explosión sacudió hoy el centro de la ciudad y dejó varios heridos.",
     "2015-08-12", ["CARACAS"], None, "2015-08-12"),
    ("HARARE, 4TH JANUARY, 2017 - A 31-year-old man from the eastern suburbs has been arrested by police.",
     "2017-01-05", ["HARARE"], None, "2017-01-04"),
    ("TASHKENT, 06.08.2020. (UzA) – A border guard said the checkpoint came under fire from across the river.",
     "2020-08-07", ["TASHKENT"], "UzA", "2020-08-06"),
])
def test_dates_in_other_languages_and_shapes(text, published, places, agency, date):
    d = parse_dateline(text, published)
    assert d is not None
    assert (d.places, d.agency, d.date) == (places, agency, date)


def test_a_town_in_square_brackets_opens_the_lead():
    d = parse_dateline("[TOKYO] A government source told reporters that two fishing boats had crossed the line.",
                       "2018-05-19")
    assert d is not None and d.places == ["TOKYO"] and d.agency is None
    # a label that is no town, or a bracket before a headline, is no dateline
    assert parse_dateline("[UPDATE] A government source told reporters that two fishing boats had crossed.",
                          "2018-05-19") is None
    assert parse_dateline("[TOKYO] Fishing Boats Cross Line", "2018-05-19") is None


def test_a_one_word_masthead_is_the_outlet_not_a_place():
    d = parse_dateline("PETRANEWS - The interior minister stood in for the king at the ceremony on Wednesday.",
                       "2017-03-22")
    assert d is not None and d.places == [] and d.agency == "PETRANEWS"


def test_a_colon_dateline_before_a_lead_full_of_names():
    # 9 of its 20 words after the first capitalised: a lead, not a headline in title case
    d = parse_dateline("Kingston, Jamaica: Prime Minister Andrew Holness named Floyd Green and Kamina Smith to new "
                       "posts in the cabinet at Gordon House today.", "2024-01-10")
    assert d is not None and d.places == ["Kingston"] and d.qualifiers == ["Jamaica"]


def test_a_headline_and_its_site_are_no_lead():
    text = "Guards locked down the old quarter as attacks mount across the city | THE DAILY ARCHIVE"
    assert not reads_like_a_lead(text, 0)
    assert parse_dateline("Iraq: " + text, "2015-06-01") is None
    assert reads_like_a_lead("Guards locked down the old quarter on Sunday as attacks mounted across the city.", 0)


@pytest.mark.parametrize(("text", "published", "places", "agency", "date"), [
    # an agency between slashes after a comma
    ("TBILISI, March 3, /GHN/. The central bank raised its main rate by half a point on Thursday, it said.",
     "2011-03-04", ["TBILISI"], "GHN", "2011-03-03"),
    # a newspaper's name in brackets after a known town, alone on its line
    ("Doha (Lusail News)\n\nThe minister said the new cabinet had been welcomed across the country on Sunday.",
     "2022-05-15", ["Doha"], "Lusail News", None),
    # an outlet's initials after a known town, running into the lead
    ("Lahore (PNN) A guard was killed and a cashier wounded when armed robbers raided a bank on Saturday.",
     "2022-05-15", ["Lahore"], "PNN", None),
    # an outlet's camel-cased name alone in brackets before a dash
    ("(NewsAsia) – A storm has veered toward the northern coast, with landfall expected early on Monday.",
     "2013-11-10", [], "NewsAsia", None),
    # an outlet's camel-cased name after the town and a dash, on its own line
    ("Muscat - GulfToday\nThe sultan set off from the capital on Sunday on a tour of four Asian countries.",
     "2017-02-26", ["Muscat"], "GulfToday", None),
])
def test_outlets_named_the_way_regional_copy_does(text, published, places, agency, date):
    d = parse_dateline(text, published)
    assert d is not None
    assert (d.places, d.agency, d.date) == (places, agency, date)


def test_initials_before_a_headline_are_no_agency():
    d = parse_dateline("Lahore (PNN) Robbers Strike Bank", "2022-05-15")
    assert d is None or d.agency is None


def test_an_unlisted_agency_after_the_date_closed_by_a_period():
    d = parse_dateline("Tbilisi, May 15, Sarke Press. The central bank trimmed its main rate by a quarter of a point "
                       "on Friday, it said.", "2009-05-16")
    assert d is not None and (d.places, d.agency, d.date) == (["Tbilisi"], "Sarke Press", "2009-05-15")
    # a country after the date is no agency
    d = parse_dateline("Kabul, May 15, Afghanistan. The central bank trimmed its main rate by a quarter of a point "
                       "on Friday, it said.", "2009-05-16")
    assert d is None or d.agency is None


def test_a_known_agency_before_a_spaced_colon():
    d = parse_dateline("BSS : The prime minister was due to address the nation tonight to mark a year of her "
                       "government, her office said.", "2020-01-07")
    assert d is not None and d.agency == "BSS" and d.places == []


@pytest.mark.parametrize(("text", "published", "date"), [
    # day first, as French and North African wires write it
    ("Rabat, 01/12/2022 (MAP) – Le conseil a adopté le budget de la région après une longue séance.",
     "2022-12-01", "2022-12-01"),
    ("Tunis, 23/04/2021 (TAP) – Les pluies de la nuit ont coupé deux routes au sud de la capitale.",
     "2021-04-23", "2021-04-23"),
    # month first (a second number over 12), and a reading both ways settled by the publication day
    ("Houston, 12/25/2023 (UPI) -- Crews worked through the night to restore power to the east side.",
     "2023-12-26", "2023-12-25"),
    ("Rabat, 03/04/2022 (MAP) – Les pêcheurs du port ont repris la mer après la tempête de la semaine.",
     "2022-04-03", "2022-04-03"),
])
def test_numeric_dates_with_slashes(text, published, date):
    d = parse_dateline(text, published)
    assert d is not None and d.date == date


def test_the_date_after_the_agency_on_its_own_line():
    d = parse_dateline("Niamey (AFP) March 14, 2023\n\nGunmen on motorbikes raided two villages near the border "
                       "overnight, officials said.", "2023-03-14")
    assert d is not None
    assert (d.places, d.agency, d.date) == (["Niamey"], "AFP", "2023-03-14")


@pytest.mark.parametrize(("text", "places", "agency", "date"), [
    # an outlet's name in brackets with its hyphen glued to the lead
    ("BOSASO (Coastline Herald)-Elders in the port town said on Monday that talks over the disputed wells "
     "would resume next week.", ["BOSASO"], "Coastline Herald", None),
    # EFE's ".-" glued to the lead, after a country qualifier or the town alone
    ("Lima, Peru.-Transport Minister Ana Ruiz resigned on Friday after a week of protests over fuel prices in "
     "the south.", ["Lima"], None, None),
    ("Quito.-Rescue teams searched through the night for nine miners trapped after a tunnel collapsed in the "
     "south.", ["Quito"], None, None),
    # a pipe after a known town and its country, then the lead
    ("Kano (Nigeria) | Gunmen who raided a village in the north of the state on Sunday night killed 12 "
     "people, police said.", ["Kano"], None, None),
    # the date first with a period before the year, the town in brackets, then the lead
    ("March 4. 2021 (Khartoum) Sudan has condemned a raid that killed 40 farmers near the border with South "
     "Sudan on Tuesday.", ["Khartoum"], None, "2021-03-04"),
])
def test_glued_hyphens_pipes_and_bracketed_towns(text, places, agency, date):
    d = parse_dateline(text, "2021-03-05")
    assert d is not None
    assert (d.places, d.agency, d.date) == (places, agency, date)


@pytest.mark.parametrize("text", [
    "Politics | Opinion | The minister said on Monday that the budget would be cut again next year.",
    "Kenya | Gunmen who raided a village in the north of the county on Sunday night killed 12 people.",
    "U.S.-Mexico talks on migration resumed on Monday in the capital after a pause of three weeks.",
    "Street FIGHT:Conflict\nBy JANE WARUI 05/25/2011\nThe militant group attacked three bases in the city.",
])
def test_no_dateline_in_these(text):
    assert parse_dateline(text, "2021-03-05") is None
