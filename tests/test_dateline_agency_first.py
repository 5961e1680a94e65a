"""The agency before the place or the date, after the separator, or running into the lead; dotted and
Italian abbreviated dates; and credit lines that are no dateline.

Regional and national wires open with their name ("(ANSA) - CITY, date -", "APA-City (Country) —",
"IANS | City:", "Agency- City" on a line of its own, "(Agency) date --"), or put it after the
separator ("CITY, date - Agency. The ..."), or let it run into the lead ("CITY – AFP Police ...").
Every line is INVENTED (our own lead).  Publication date: Tuesday 2024-03-05.
"""

from __future__ import annotations

import pytest

from eventwire.dateline import parse_dateline

PUBLISHED = "2024-03-05"
LEAD = "Officials said at least 14 people were hurt when a bridge gave way on Monday near the market."

# (id, text, places, date, agency)
SHAPES: list[tuple[str, str, list[str], str | None, str | None]] = [
    ("bracket_agency_caps_city_date", "(ANSA) - MILAN, MAR 4 - " + LEAD, ["MILAN"], "2024-03-04", "ANSA"),
    ("bracket_agency_city_date", "(ANSA) - Naples, March 4 - " + LEAD, ["Naples"], "2024-03-04", "ANSA"),
    ("bracket_agency_caps_city", "(ANSA) - GENOA - " + LEAD, ["GENOA"], None, "ANSA"),
    ("agency_glued_city_country", "APA-Bamako (Mali) — " + LEAD, ["Bamako"], None, "APA"),
    ("agency_spaced_city_country", "APA - Niamey (Niger) — " + LEAD, ["Niamey"], None, "APA"),
    ("agency_pipe_city_colon", "IANS | Chennai: " + LEAD, ["Chennai"], None, "IANS"),
    ("agency_hyphen_city_own_line", "Shafaq News- Kirkuk\n\n" + LEAD, ["Kirkuk"], None, "Shafaq News"),
    ("agency_slash_city_own_line", "Shafaq News / Kirkuk\n\n" + LEAD, ["Kirkuk"], None, "Shafaq News"),
    ("bracket_agency_then_date", "(RFE/RL) March 4, 2024 -- " + LEAD, [], "2024-03-04", "RFE/RL"),
    ("agency_glued_slash_lead", "Shafaq News/ " + LEAD, [], None, "Shafaq News"),
    ("agency_after_sep_period", "MINSK, Mar 4 - RIA Novosti. " + LEAD, ["MINSK"], "2024-03-04", "RIA Novosti"),
    ("agency_after_sep_into_lead", "HERAT – AFP " + LEAD, ["HERAT"], None, "AFP"),
    ("agency_after_date_into_lead", "Kandahar, Mar 4 Xinhua " + LEAD, ["Kandahar"], "2024-03-04", "Xinhua"),
    ("dotted_date", "Kandahar, 04.03.2024 (AFP) - " + LEAD, ["Kandahar"], "2024-03-04", "AFP"),
    ("italian_lug", "Palermo, 14 lug. (LaPresse/AFP) - " + LEAD, ["Palermo"], "2023-07-14", "LaPresse/AFP"),
]


@pytest.mark.parametrize("text, places, when, agency", [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES])
def test_agency_first_and_after(text: str, places: list[str], when: str | None, agency: str | None) -> None:
    d = parse_dateline(text, PUBLISHED)
    assert d is not None
    assert d.places == places
    assert d.date == when
    assert d.agency == agency
    assert text[d.end:].strip().startswith("Officials")


# Credit lines, headlines and labels that name an agency but open no dateline.
NONE_SHAPES = [
    ("agency_comma_date_credit_line", "Xinhua, March 4, 2024 Adjust font size:\n\n" + LEAD),
    ("agency_dash_headline_word", "Reuters - Budget: " + "Talks Resume On Tax Plan After Long Weekend Of Meetings"),
    ("two_letter_then_country", "US - Iran\n\n" + LEAD),
    ("agency_then_unknown_word_own_line", "Shafaq News- Exclusive\n\n" + LEAD),
]


@pytest.mark.parametrize("text", [s[1] for s in NONE_SHAPES], ids=[s[0] for s in NONE_SHAPES])
def test_credit_lines_are_no_dateline(text: str) -> None:
    d = parse_dateline(text, PUBLISHED)
    assert d is None or (not d.places and d.date is None and d.agency is None), d


def test_agency_into_lead_needs_a_strong_place() -> None:
    """An agency running into the lead does not turn a capitalised word and a dash into a dateline."""
    assert parse_dateline("Breaking – AFP " + LEAD, PUBLISHED) is None


def test_dotted_date_needs_a_real_day() -> None:
    d = parse_dateline("Kandahar, 34.13.2024 (AFP) - " + LEAD, PUBLISHED)
    assert d is None or d.date is None
