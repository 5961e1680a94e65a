"""An outlet's own name where a wire's agency stands, and names that only look like one.

Regional papers, broadcasters and government sites put their own name in the agency's slot
("CITY (Outlet Name) –", "CITY, OUTLET.COM —"); the story conventions take the agency as written.
A bracket the gazetteer knows as a place stays a qualifier, and a city in brackets after a date is
the place, not an agency.  Every line is INVENTED (our own town, outlet and lead).  Publication date:
Tuesday 2024-03-05.
"""

from __future__ import annotations

import pytest

from eventwire.dateline import parse_dateline

PUBLISHED = "2024-03-05"
LEAD = " Officials said at least 14 people were hurt when a bridge gave way on Monday."

# (id, text, places, date, agency)
SHAPES: list[tuple[str, str, list[str], str | None, str | None]] = [
    # -- an outlet's name in the agency's bracket, with no date ------------------------------------
    ("outlet_two_words_caps", "KISMAYO (Juba Courier) –" + LEAD, ["KISMAYO"], None, "Juba Courier"),
    ("outlet_one_word_caps", "HARGEISA (Saxafi) –" + LEAD, ["HARGEISA"], None, "Saxafi"),
    ("outlet_after_country", "GAROWE, Somalia (Saxafi) –" + LEAD, ["GAROWE"], None, "Saxafi"),
    ("outlet_with_number", "MULTAN (24 News) -" + LEAD, ["MULTAN"], None, "24 News"),
    ("outlet_mixed_case_known_town", "Mombasa (Coast Online) –" + LEAD, ["Mombasa"], None, "Coast Online"),
    ("outlet_web_name_lower", "Duhok, Kurdistan Region, Iraq (cabinet.example.krd) –" + LEAD, ["Duhok"], None,
     "cabinet.example.krd"),
    ("outlet_web_name_caps", "Duhok, Kurdistan Region, Iraq (GOV.EXAMPLE) -" + LEAD, ["Duhok"], None,
     "GOV.EXAMPLE"),
    ("outlet_with_date_and_number", "MULTAN, Mar 4 (24 News): " + LEAD.lstrip(), ["MULTAN"], "2024-03-04", "24 News"),
    # -- an outlet's web name after a comma ---------------------------------------------------------
    ("web_name_after_comma", "AMMAN, GULFWIRE.COM —" + LEAD, ["AMMAN"], None, "GULFWIRE.COM"),
    # -- a German date with a period after the day ---------------------------------------------------
    ("german_day_period", "GOMEL, 4. März (BelTA) –" + LEAD, ["GOMEL"], "2024-03-04", "BelTA"),
    # -- not agencies --------------------------------------------------------------------------------
    ("region_in_brackets_stays_qualifier", "Nyala (North Darfur) –" + LEAD, ["Nyala"], None, None),
    ("territory_in_brackets_stays_qualifier", "Jenin (Palestinian Territories) (AFP) -" + LEAD, ["Jenin"], None,
     "AFP"),
    ("desk_label_is_no_agency", "KISMAYO (Staff Reporter) –" + LEAD, ["KISMAYO"], None, None),
    ("news_desk_is_no_agency", "MULTAN (News Desk) -" + LEAD, ["MULTAN"], None, None),
    ("date_then_caps_city_is_the_place", "March 4, 2024 (MALAKAL) -" + LEAD, ["MALAKAL"], "2024-03-04", None),
    ("date_then_short_caps_city", "March 4, 2024 (BOR) –" + LEAD, ["BOR"], "2024-03-04", None),
]


@pytest.mark.parametrize("key,text,places,when,agency", SHAPES, ids=[s[0] for s in SHAPES])
def test_outlet_shapes(key: str, text: str, places: list[str], when: str | None, agency: str | None) -> None:
    d = parse_dateline(text, PUBLISHED)
    assert d is not None, key
    assert d.places == places
    assert d.date == when
    assert d.agency == agency


def test_byline_in_brackets_is_no_dateline() -> None:
    # a person's name with an outlet in brackets opens a byline, not a dateline
    assert parse_dateline("Amina Yusuf (Coast Online) – " + LEAD.lstrip(), PUBLISHED) is None


def test_abbreviated_weekday_stamp_is_no_place() -> None:
    # "FRI, 19 APR 2024 06:04 ..." is a time stamp above the page, not a dateline with the place "FRI"
    text = ("Regional Government\nFRI, 1 MAR 2024 06:04 Duhok, GMT +3\n\nStatement on the bridge\n\n"
            "Duhok, Kurdistan Region, Iraq (GOV.EXAMPLE) -" + LEAD)
    d = parse_dateline(text, PUBLISHED)
    assert d is not None
    assert d.places == ["Duhok"]
    assert d.agency == "GOV.EXAMPLE"
