"""Dateline shapes of wire copy met on real pages (benchmarks/datelines/wire.jsonl, dev part) that the
parser did not read, or read where there was none.

Every text here is INVENTED: our own town, agency, outlet, date and sentence in the shape of a real
opening.  Publication date for all rows: Tuesday 2024-03-05.
"""

from __future__ import annotations

import pytest

from eventwire.dateline import parse_dateline

PUBLISHED = "2024-03-05"
LEAD = " Officials said at least 14 people were killed overnight in the district."
CAPTION = ("Residents walk past shuttered shops in the city centre on Monday, March 4, 2024, as traders stayed"
           " away for a second day in protest against the new market levy announced by the council last week."
           " Staff photographer/Wire Show More Show Less")

# (id, text, places, date, agency)
SHAPES: list[tuple[str, str, list[str], str | None, str | None]] = [
    # long photo captions (no heading lines) above the dateline
    ("captions_then_wire_dateline", "Traders strike over market levy\n1 of2 " + CAPTION + "\n2 of2 " + CAPTION
     + "\n\nLILONGWE, Malawi (AP) —" + LEAD, ["LILONGWE"], None, "AP"),
    # a byline and stamp line ending in a clock time ("a.m."), then long captions, above the dateline
    ("clock_stamp_captions_then_dateline", "Traders strike over levy TOM REID, Wire Service Mar. 4, 2024 Updated:"
     " Mar. 4, 2024 9:04 a.m.\n1 of2 " + CAPTION + "\n2 of2\nLILONGWE, Malawi (AP) —" + LEAD, ["LILONGWE"], None,
     "AP"),
    # a column of bullet lines (photo file names) pushes the dateline below the heading lines looked at
    ("bullets_then_wire_dateline", "4 March 2024\n\nMinister tours the port\n\n"
     + "".join(f"  • PORT_PHOTO-00{k}\n" for k in range(1, 7)) + "\nMombasa, March 4 (KNA) -" + LEAD,
     ["Mombasa"], "2024-03-04", "KNA"),
    # a bare agency and a hyphen glued to the lead
    ("bare_agency_glued_hyphen", "Homs, SANA-Rescue teams pulled four people from a collapsed building.",
     ["Homs"], None, "SANA"),
    # an outlet's web name (a domain) and a dash open the lead
    ("domain_outlet_credit", "AfricaNewsDesk.net - The county government said on Monday that schools would"
     " reopen.", [], None, "AfricaNewsDesk.net"),
    # a slash with no second city before the agency (German agency copy)
    ("slash_then_agency", "Kassala/ (AFP) Die Polizei nahm am Montag vier Männer fest.", ["Kassala"], None,
     "AFP"),
    # a bare agency after the date, alone on its line above a rule of hyphens
    ("date_bare_agency_own_line", "NAGOYA, March 4 Kyodo\n\n----------\nFactory output rose for a third month.",
     ["NAGOYA"], "2024-03-04", "Kyodo"),
    # an agency in brackets closed by a period
    ("agency_then_period", "Bremen (dpa/lni). Divers searched the river for hours on Thursday, police said.",
     ["Bremen"], None, "dpa/lni"),
    # a known agency alone opens the lead
    ("bare_agency_first", "AFP - Gunmen killed four villagers in the north on Monday, officials said.", [], None,
     "AFP"),
    # a bare agency after the date, closed by a period (Armenpress)
    ("bare_agency_period", "GYUMRI, MARCH 4, ARMENPRESS. Officials said the new bridge would open in May.",
     ["GYUMRI"], "2024-03-04", "ARMENPRESS"),
    # an outlet's web name in brackets
    ("web_name_in_brackets", "Samarkand, Uzbekistan (SilkRoadNews.uz) --" + LEAD, ["Samarkand"], None,
     "SilkRoadNews.uz"),
    # the agency between slashes with spaces (Kabar)
    ("slash_agency_spaced", "OSH, March 4 / Kabar /. Officials said the new bridge would open in May.", ["OSH"],
     "2024-03-04", "Kabar"),
    # a national agency from the curated supplement, longer than an acronym is taken to be
    ("listed_national_agency", "ERDENET, March 4 (MONTSAME)" + LEAD, ["ERDENET"], "2024-03-04", "MONTSAME"),
    # a month alone (no day) between the country and the separator
    ("month_alone", "SANTA CLARA, Cuba, March, — Residents queued for bread from before dawn on Monday.",
     ["SANTA CLARA"], None, None),
]

NOT_DATELINES: list[tuple[str, str]] = [
    # a date and a time stamp above the lead are no date-first dateline
    ("date_time_stamp", "March 4, 2024 - 18:01 EAT\n\nOfficials said at least 14 people were killed overnight."),
    # a country (no city) in mixed case and a dash: a headline or a feed's header, not a dateline
    ("country_dash_headline", "Kenya – Police fire tear gas at protesters in the capital on Monday"),
    # a capitalised word that merely starts like an agency's name is no credit
    ("agency_word_in_a_name", "Prime Minister Jane Doe - a profile of the new leader"),
    ("country_dash_feed_header", "Malawi – Nyasa Daily Feed Mon, 04 Mar 2024 10:00:00 +0000 Storm nears the coast"),
]


@pytest.mark.parametrize(("text", "places", "date", "agency"), [row[1:] for row in SHAPES],
                         ids=[row[0] for row in SHAPES])
def test_wire_page_shapes(text, places, date, agency):
    d = parse_dateline(text, PUBLISHED)
    assert d is not None
    assert (d.places, d.date, d.agency) == (places, date, agency)
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("text", [row[1] for row in NOT_DATELINES], ids=[row[0] for row in NOT_DATELINES])
def test_wire_page_openings_that_are_no_dateline(text):
    assert parse_dateline(text, PUBLISHED) is None


def test_below_many_heading_lines_only_a_strong_dateline_is_read():
    """Past the heading lines looked at, a mixed-case town and a colon stay unread: only capitals with an
    agency or a date, or a known agency and a date, count there."""
    heading = "Police hunt arsonists\n\n" + "".join(f"  • FIRE_PHOTO-00{k}\n" for k in range(1, 7))
    assert parse_dateline(heading + "\nKisumu: Officers searched the market overnight.", PUBLISHED) is None
    d = parse_dateline(heading + "\nKISUMU (KNA) - Officers searched the market overnight.", PUBLISHED)
    assert d is not None and (d.places, d.agency) == (["KISUMU"], "KNA")


def test_a_lower_case_web_name_in_brackets_is_the_agency():
    d = parse_dateline("Dhaka, Dec 5 (bdnews24.com) -- Police detained four men.", "2024-12-06")
    assert d is not None and d.agency == "bdnews24.com" and d.places == ["Dhaka"] and d.date == "2024-12-05"
    assert parse_dateline("See more at example.com - Police detained four men.", "2024-12-06") is None
