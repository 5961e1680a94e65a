"""Dateline shapes of the eleventh session: square-bracketed agencies, a dispatch below a standfirst,
a date dropped between comma and dash, a country hyphened to its town, and page labels that are no
place.  All texts are invented for these tests; each fails on the parser before these rules."""

from __future__ import annotations

import pytest

from eventwire.dateline import parse_dateline

PUBLISHED = "2024-05-01"
LEAD = " Fighting broke out near the town on Sunday between army troops and militants, residents said."


@pytest.mark.parametrize(("opening", "places", "qualifiers", "agency"), [
    ("BELEDWEYNE [SMN] –", ["BELEDWEYNE"], [], "SMN"),  # a service that brackets its name square
    ("KISMAYO [Reuters] –", ["KISMAYO"], [], "Reuters"),
    ("Srinagar [India] –", ["Srinagar"], ["India"], None),  # a known country in square brackets qualifies
    ("Ankara, –", ["Ankara"], [], None),  # the date between the comma and the dash dropped
    ("Herat-Afghanistan (PMG):", ["Herat"], ["Afghanistan"], "PMG"),  # the country hyphened to the town
])
def test_more_wire_shapes(opening, places, qualifiers, agency):
    text = opening + LEAD
    d = parse_dateline(text, PUBLISHED)
    assert d is not None
    assert (d.places, d.qualifiers, d.agency) == (places, qualifiers, agency)
    assert text[d.start:d.end] == d.text == opening


def test_hyphened_names_stay_whole():
    d = parse_dateline("Port-au-Prince, Haiti (AP) —" + LEAD, PUBLISHED)
    assert d is not None and d.places == ["Port-au-Prince"] and d.qualifiers == ["Haiti"]
    d = parse_dateline("ANKARA-Anadolu Agency\n\nTurkish forces said on Sunday that they had cleared the road.",
                       PUBLISHED)
    assert d is not None and (d.places, d.agency) == (["ANKARA"], "Anadolu Agency")


def test_a_dispatch_below_a_standfirst():
    """One short summary paragraph, set apart by a blank line, may stand above the wire dateline."""
    head = "Rangers guard the canal road\n\nMetro Desk\n\nPatrols will run day and night.\n\n"
    d = parse_dateline(head + "MULTAN (Metro News) – After a robbery near the toll plaza, rangers took charge.",
                       PUBLISHED)
    assert d is not None and (d.places, d.agency) == (["MULTAN"], "Metro News")
    d = parse_dateline("Gunmen hit a bus depot\n\nUpdated: 2019-06-02\n\nNine people were hurt at the depot.\n\n"
                       "AFP - Two gunmen opened fire at a crowded bus depot on Monday, wounding nine, police said.",
                       PUBLISHED)
    assert d is not None and (d.places, d.agency) == ([], "AFP")
    # below the first paragraph and a second one, nothing is read
    body = ("Gunmen hit a bus depot\n\nNine people were hurt at the depot.\n\nBuses stopped running after it.\n\n"
            "AFP - Two gunmen opened fire at a crowded bus depot on Monday, wounding nine, police said.")
    assert parse_dateline(body, PUBLISHED) is None
    # an unknown name and a dash below a standfirst is no credit
    assert parse_dateline("Gunmen hit a bus depot\n\nNine people were hurt.\n\nWitnesses - Two gunmen opened "
                          "fire at a crowded bus depot on Monday, wounding nine, police said.", PUBLISHED) is None


@pytest.mark.parametrize("text", [
    "Dairy exports climb again\n\nFrom: Lakeside Wire\nThe farm minister told growers that cheese sales abroad rose.",
    "Nine held after market brawl\n\nMetro Wire\nPosted: Mar 3, 2019 9:15 PM\nOfficers detained nine men at dawn.",
    "Source: Harbour Gazette\n\nThe port reopened on Monday after a week of strikes by dock workers.",
])
def test_page_labels_are_no_place(text):
    d = parse_dateline(text, PUBLISHED)
    assert d is None or not d.places


def test_a_text_opening_with_a_sentence_has_no_standfirst():
    assert parse_dateline("Rangers took over the canal road on Friday.\n\nMULTAN (Metro News) – Patrols began.",
                          PUBLISHED) is None


def test_capitals_and_a_colon_glued_to_the_lead():
    text = ("Growth holds, minister says\n\n"
            "LAHORE:Provincial officials told a radio show on Monday that the harvest was good.")
    d = parse_dateline(text, PUBLISHED)
    assert d is not None and d.places == ["LAHORE"] and d.text == "LAHORE:"
    # a mixed-case name glued to a colon opens a headline that quotes someone, not a dispatch
    assert parse_dateline("Obama:Time for a new strategy in the region, he says, as the war drags into a tenth year.",
                          PUBLISHED) is None


# Twelfth session: a town closed by a period before its date, an agency closed by a slash, and a
# known agency that opens a bracketed credit naming its writer.

@pytest.mark.parametrize(("opening", "places", "agency", "date"), [
    ("Baku. 4 April. REPORT.AZ/", ["Baku"], "REPORT.AZ", "2024-04-04"),
    ("Yerevan. 12 March. NEWS.AM/", ["Yerevan"], "NEWS.AM", "2024-03-12"),
    ("Moscow. (RIA Novosti political commentator Pavel Orlov) -", ["Moscow"], "RIA Novosti", None),
    ("Kabul (Pajhwok correspondent Ahmad Noori) -", ["Kabul"], "Pajhwok", None),
])
def test_period_and_slash_shapes(opening, places, agency, date):
    text = opening + LEAD
    d = parse_dateline(text, PUBLISHED)
    assert d is not None
    assert (d.places, d.agency, d.date) == (places, agency, date)
    assert text[d.start:d.end].rstrip(" -") == opening.rstrip(" -")


def test_abbreviations_keep_their_period():
    d = parse_dateline("ATLANTA, Ga. (AP) —" + LEAD, PUBLISHED)
    assert d is not None and d.places == ["ATLANTA"] and d.qualifiers == ["Ga."]
    d = parse_dateline("St. Louis (AP) —" + LEAD, PUBLISHED)
    assert d is not None and d.places == ["St. Louis"]


@pytest.mark.parametrize(("text", "places", "agency", "date"), [
    ("Manama- Dec4 (BNA) The crown prince met port officials on Sunday.", ["Manama"], "BNA", "2024-12-04"),
    ("Khartoum, Aug, 23 (SUNA) - The two partners will report on progress next week.", ["Khartoum"], "SUNA",
     "2024-08-23"),
    ("Vientiane October 29, 2022, PL. The minister welcomed the visiting editors.", ["Vientiane"], "PL",
     "2022-10-29"),
    ("TBILISI, DFWatch– A teenager shot a police officer in the eastern town on Tuesday.", ["TBILISI"], "DFWatch",
     None),
    ("Baghdad-ALSHARQIYA  February 19 : The speaker asked for a fixed election date.", ["Baghdad"], "ALSHARQIYA",
     "2024-02-19"),
    ("June 24, Colombo: The finance minister launched a loan scheme for graduates.", ["Colombo"], None,
     "2024-06-24"),
    ("By Jane Moyo Harare (New Ziana)- Two women told their story at a clinic on Friday.", ["Harare"],
     "New Ziana", None),
    ("10:00 | Lima, Mar. 7.\n\nThe president met the city's mayor at the palace.", ["Lima"], None, "2024-03-07"),
    ("[Radio Dabanga] Khartoum -The president dismissed his foreign minister on Thursday.", ["Khartoum"],
     "Radio Dabanga", None),
    # a site's title, with a period, and a stray line above the dispatch
    ("Office of the Prime Minister.\n\nLatest releases from the Office.\n\n\nSELECT * FROM items LIMIT 5\n\n\n"
     "KUALA LUMPUR, July 6 (Bernama) - The envoy may travel to Beijing next month.", ["KUALA LUMPUR"], "Bernama",
     "2024-07-06"),
])
def test_regional_agency_shapes(text, places, agency, date):
    d = parse_dateline(text, "2024-12-30")
    assert d is not None
    assert (d.places, d.agency, d.date) == (places, agency, date)


def test_a_sites_clock_is_no_dateline():
    text = "Montevideo, July 23rd 2024 - 05:11 UTC\n\nStories for 2024\n\nFarmers in the south asked for aid."
    assert parse_dateline(text, "2024-07-23") is None


def test_two_outlets_in_the_bracket():
    d = parse_dateline("SHANGLA (UrduPoint / Pakistan Point News) – Six people died when a van was hit on Tuesday.",
                       "2024-03-26")
    assert d is not None and d.places == ["SHANGLA"] and d.agency == "UrduPoint / Pakistan Point News"
