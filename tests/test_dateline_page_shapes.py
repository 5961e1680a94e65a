"""Dateline shapes met on real pages (benchmarks/datelines/real.jsonl) that the parser did not read.

Every text here is INVENTED: our own town, agency, date and sentence in the shape of a real opening.
Publication date for all rows: Tuesday 2024-03-05.  The gazetteer answers whether a town is known.
"""

from __future__ import annotations

import pytest

from eventwire.dateline import parse_dateline

PUBLISHED = "2024-03-05"
LEAD = " Officials said at least 14 people were killed overnight in the district."
NEXT_LINE = "\n\nOfficials said at least 14 people were killed overnight in the eastern district."

# (id, text, places, date, agency)
SHAPES: list[tuple[str, str, list[str], str | None, str | None]] = [
    # a town the gazetteer knows, in mixed case, and a date, running into the lead (IANS, Himalayan Times)
    ("known_town_date_into_lead", "Kisumu, Mar 4 A ferry capsized on the lake on Monday, police said.", ["Kisumu"],
     "2024-03-04", None),
    ("known_town_full_month_into_lead", "Multan, March 2 The police arrested four men on Saturday.", ["Multan"],
     "2024-03-02", None),
    # an agency in brackets, then the date, then the separator
    ("agency_then_date", "Eldoret (KNB) March 3, 2024 –" + LEAD, ["Eldoret"], "2024-03-03", "KNB"),
    # a colon with a space before it, glued to the lead; outlets and a date in one bracket, several dashes
    ("space_colon_glued", "MARDAN, (City Post / Frontier Wire - 3rd Mar, 2024 ) :Police said four men died.",
     ["MARDAN"], "2024-03-03", "City Post / Frontier Wire"),
    ("bracket_two_dashes", "Chitral, (APP - City Post / Frontier Wire - 3rd Mar, 2024 ) :Police said four men died.",
     ["Chitral"], "2024-03-03", "APP - City Post / Frontier Wire"),
    # four hyphens
    ("four_hyphens", "CEBU CITY ----" + LEAD, ["CEBU CITY"], None, None),
    # a syndication credit or a bracketed stamp before the dateline
    ("credit_in_brackets", "(NEWSFEED- Bahrain News Agency (BNA)) MANAMA, Mar 3 (BNA) --" + LEAD, ["MANAMA"],
     "2024-03-03", "BNA"),
    ("credit_then_caps_dash", "(NEWSFEED- Gulf Wire Service) DOHA -" + LEAD, ["DOHA"], None, None),
    ("bracketed_stamp", "[March 03, 2024]  CEBU, Philippines (AP) --" + LEAD, ["CEBU"], None, "AP"),
    # capitals glued by a hyphen to a known agency on a line of their own
    ("caps_glued_agency_line", "IZMIR-Anadolu Agency" + NEXT_LINE, ["IZMIR"], None, "Anadolu Agency"),
    # a town alone on its line, in capitals or with its country, above the lead
    ("caps_town_own_line", "BRUSSELS" + NEXT_LINE, ["BRUSSELS"], None, None),
    ("town_country_own_line", "Lyon, France" + NEXT_LINE, ["Lyon"], None, None),
    ("caps_town_below_headline_and_credit", "Police: several hurt in blast\n\nThe Associated Press\n\nBRUSSELS"
     + NEXT_LINE, ["BRUSSELS"], None, None),
    # an agency's name opening a credit line is no place; the dateline follows on the next line
    ("agency_name_line", "IRNA - Islamic Republic News Agency\nShiraz, Mar 3, IRNA --" + LEAD, ["Shiraz"],
     "2024-03-03", "IRNA"),
    # dpa's regional services write their code in lower case
    ("dpa_regional_service", "Bonn (dpa/lnw) - Die Polizei hat am Sonntag vier Männer festgenommen.", ["Bonn"],
     None, "dpa/lnw"),
    # Reuters' older singular name
    ("reuter", "TOKYO (Reuter):" + LEAD, ["TOKYO"], None, "Reuter"),
    # a known agency, also one listed after the list's missing comma, runs into the lead
    ("pajhwok_into_lead", "Kandahar (Pajhwok)" + LEAD, ["Kandahar"], None, "Pajhwok"),
    ("nan_only", "(NAN) Officials said at least 14 people were killed.", [], None, "NAN"),
    # month names of other languages (EFE, AFP, ANTARA)
    ("french_month", "Lima, Juin 3 (EFE)" + LEAD, ["Lima"], "2023-06-03", "EFE"),
    ("indonesian_month", "Medan, 3 Mei 2024 (ANTARA) -" + LEAD, ["Medan"], "2024-05-03", "ANTARA"),
    ("spanish_month_efe", "Quito, 3 marzo (EFE).-" + LEAD, ["Quito"], "2024-03-03", "EFE"),
    # an aggregator's header: headline, date, outlet with its city, byline, then the dateline
    ("four_heading_lines", "Ghana: Floods cut road to the north\n\n3 March 2024\nDaily Courier (Accra)\n"
     "By Ama Owusu\n\nTamale —" + LEAD, ["Tamale"], None, None),
    # a territory named after its town is a town ("PUTRAJAYA:"), and so is an Arabic name with its article
    ("territory_town_colon", "PUTRAJAYA: The ministry said on Monday that it would review the rules for the"
     " state elections next month.", ["PUTRAJAYA"], None, None),
    ("glued_article_colon", "ALMUKALLA: Aircraft flew dozens of released prisoners to the city's airport on"
     " Friday, the aid group said.", ["ALMUKALLA"], None, None),
    # a known town and a period (The Citizen, Daily Monitor)
    ("known_town_period", "Mwanza. Only a few of the region's schools have a science laboratory, a survey"
     " released on Monday shows.", ["Mwanza"], None, None),
    # a double hyphen glued to the lead (Dow Jones)
    ("caps_glued_double_hyphen", "FRANKFURT--Shares fell in early trade on Monday.", ["FRANKFURT"], None, None),
    # the date in brackets after capitals (Radio Dabanga)
    ("caps_date_in_brackets", "NYALA (3 March) Residents said gunmen looted the market overnight.", ["NYALA"],
     "2024-03-03", None),
    # the date after the separator
    ("date_after_dash", "Gulu, Uganda — March 3, 2024 The army said it had arrested four men.", ["Gulu"],
     "2024-03-03", None),
    # a colon opening a lead hard-wrapped mid-sentence
    ("colon_wrapped_lead", "Peshawar: Four men, two of them wanted for a string\nof robberies, were arrested on"
     " Sunday, police said.", ["Peshawar"], None, None),
]

NOT_DATELINES: list[tuple[str, str]] = [
    # a country, not a town, with a date and no separator
    ("country_date_into_lead", "Kenya, Mar 4 Police said four men were arrested."),
    # an unknown name in mixed case
    ("unknown_name_date_into_lead", "Jane Doe, Mar 4 Police said four men were arrested."),
    # a country labelling a section, a mixed-case word on its own line, a town above a headline
    ("country_label_line", "ETHIOPIA" + NEXT_LINE),
    ("mixed_case_label_line", "Brussels" + NEXT_LINE),
    ("town_above_headline", "BRUSSELS\n\nPolice hunt gunmen after raid"),
    # a bracketed stamp or credit with no dateline after it
    ("updated_stamp_in_brackets", "(Last Updated On: March 3, 2024)\n\nOfficials said at least 14 people died."),
    ("credit_then_lead", "(NEWSFEED- Gulf Wire Service) Officials said at least 14 people were killed."),
    # a credit line naming an agency above a lead
    ("agency_credit_line", "TASS\nThis is a developing story.\nOfficials said at least 14 people were killed."),
    # a country and a period; a month abbreviation and its period
    ("country_period", "Kenya. Only a few of the country's schools have a science laboratory, a survey shows."),
    ("month_period", "Nov. 28 was the day the talks collapsed, officials said on Monday in the capital."),
    # a headline after a name and a colon, wrapped over two lines, stays a headline
    ("wrapped_headline_colon", "Nairobi: Families Of Victims Don't Care\nAbout Politics, Just Change Now"),
]


@pytest.mark.parametrize(("text", "places", "date", "agency"), [row[1:] for row in SHAPES],
                         ids=[row[0] for row in SHAPES])
def test_page_shapes(text, places, date, agency):
    d = parse_dateline(text, PUBLISHED)
    assert d is not None
    assert (d.places, d.date, d.agency) == (places, date, agency)
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("text", [row[1] for row in NOT_DATELINES], ids=[row[0] for row in NOT_DATELINES])
def test_page_openings_that_are_no_dateline(text):
    assert parse_dateline(text, PUBLISHED) is None
