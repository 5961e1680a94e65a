"""Wire-service datelines: shapes that must parse, openings that must not, and the year rule.

All texts here are invented for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.dateline import parse_dateline

BODY = " Officials said at least 14 people were killed overnight in the city."


@pytest.mark.parametrize(("opening", "places", "qualifiers", "date", "agency"), [
    ("Rafah/Jerusalem/Cairo, Dec 1 (EFE).-", ["Rafah", "Jerusalem", "Cairo"], [], "2023-12-01", "EFE"),
    ("GAZA, Dec 1 (Reuters) -", ["GAZA"], [], "2023-12-01", "Reuters"),
    ("KYIV, Ukraine (AP) —", ["KYIV"], ["Ukraine"], None, "AP"),
    ("Gaza City (Palestinian Territories) (AFP) -", ["Gaza City"], ["Palestinian Territories"], None, "AFP"),
    ("KHARTOUM, Sudan —", ["KHARTOUM"], ["Sudan"], None, None),
    ("WASHINGTON (AP) --", ["WASHINGTON"], [], None, "AP"),
    ("LONDON, March 3 (Reuters) -", ["LONDON"], [], "2023-03-03", "Reuters"),
    ("NEW YORK, Jan. 5, 2024 /PRNewswire/ --", ["NEW YORK"], [], "2024-01-05", "PRNewswire"),
    ("BEIRUT —", ["BEIRUT"], [], None, None),
    ("Paris, 12 May (AFP) –", ["Paris"], [], "2023-05-12", "AFP"),
    ("Tripoli, 1 December 2022 (AFP) -", ["Tripoli"], [], "2022-12-01", "AFP"),
    ("DEIR AL-BALAH, Gaza Strip, Friday, Dec. 1 (AP) —", ["DEIR AL-BALAH"], ["Gaza Strip"], "2023-12-01", "AP"),
    ("SACRAMENTO, Calif. (AP) —", ["SACRAMENTO"], ["Calif."], None, "AP"),
    ("ST. LOUIS (AP) —", ["ST. LOUIS"], [], None, "AP"),
    ("RIO DE JANEIRO, Nov 30 (Reuters) -", ["RIO DE JANEIRO"], [], "2023-11-30", "Reuters"),
    ("Khan Younis, Nov 29 (AP/AFP) -", ["Khan Younis"], [], "2023-11-29", "AP/AFP"),
    ("ADEN, Yemen, Nov 28 (Xinhua) --", ["ADEN"], ["Yemen"], "2023-11-28", "Xinhua"),
    ("JERUSALEM (AP) _", ["JERUSALEM"], [], None, "AP"),
    ("NEW DELHI:", ["NEW DELHI"], [], None, None),
    ("NAIROBI, Kenya--(BUSINESS WIRE)--", ["NAIROBI"], ["Kenya"], None, "BUSINESS WIRE"),
    ("A CORUÑA, Nov 3 (EFE).-", ["A CORUÑA"], [], "2023-11-03", "EFE"),
    # a state abbreviation glued to an em dash
    ("TULSA, Okla.—", ["TULSA"], ["Okla."], None, None),
    # an agency written as a hyphenated acronym
    ("LIMA, Nov 20 (XYZ-WIRES) —", ["LIMA"], [], "2023-11-20", "XYZ-WIRES"),
    # the date first: with an agency, or with the place in brackets
    ("Nov. 28 (UPI) --", [], [], "2023-11-28", "UPI"),
    ("November 28, 2022 (NAIROBI) -", ["NAIROBI"], [], "2022-11-28", None),
    ("28 Nov (AFP) –", [], [], "2023-11-28", "AFP"),
    ("Tuesday, Nov. 28 (UPI) --", [], [], "2023-11-28", "UPI"),  # the weekday is no place
    # an agency with no brackets after a comma, an unknown acronym alone before the separator,
    # TASS's periods and slashes, "Côte d'Ivoire"
    ("TEHRAN, IRNA --", ["TEHRAN"], [], None, "IRNA"),
    ("SCRANTON, PA —", ["SCRANTON"], ["PA"], None, None),  # a postal code, not the Press Association
    ("(NAN) –", [], [], None, "NAN"),
    ("MINSK, November 3. /TASS/.", ["MINSK"], [], "2023-11-03", "TASS"),
    ("ABIDJAN, Côte d'Ivoire (AP) —", ["ABIDJAN"], ["Côte d'Ivoire"], None, "AP"),
    # a square-bracketed qualifier, a comma between the date and the agency, a known agency joined
    # to an unknown acronym
    ("Lagos [Nigeria], Nov. 9 (ANI):", ["Lagos"], ["Nigeria"], "2023-11-09", "ANI"),
    ("Lagos, Nov. 9, (dpa/NAN) –", ["Lagos"], [], "2023-11-09", "dpa/NAN"),
    ("NAIROBI (Thomson Reuters Foundation) -", ["NAIROBI"], [], None, "Thomson Reuters Foundation"),
    ("Harare, (IPS) -", ["Harare"], [], None, "IPS"),
    ("GENEVA, Nov 3 (UN News) -", ["GENEVA"], [], "2023-11-03", "UN News"),  # after the date: no qualifier
    ("Harare Nov 3 (AFP) -", ["Harare"], [], "2023-11-03", "AFP"),
    # capitals run into the date with no comma, or with Interfax's period
    ("MINSK. Nov 4 (Interfax) -", ["MINSK"], [], "2023-11-04", "Interfax"),
    # a weekday for the date: the last such day on or before publication (2023-12-01 is a Friday)
    ("KABUL, Afghanistan, Tuesday (AP) —", ["KABUL"], ["Afghanistan"], "2023-11-28", "AP"),
    # the agency after the separator
    ("HARARE — (AFP) —", ["HARARE"], [], None, "AFP"),
    ("HARARE, Nov 3 – Reuters –", ["HARARE"], [], "2023-11-03", "Reuters"),
    # a bullet as the separator
    ("HARARE •", ["HARARE"], [], None, None),
    # the date alone
    ("November 28, 2022 —", [], [], "2022-11-28", None),
])
def test_dateline_shapes(opening, places, qualifiers, date, agency):
    text = opening + BODY
    d = parse_dateline(text, "2023-12-01")
    assert d is not None, opening
    assert (d.places, d.date, d.agency) == (places, date, agency)
    assert getattr(d, "qualifiers", []) == qualifiers
    assert (d.start, d.end, d.text) == (0, len(opening), opening)
    assert [s.text for s in d.place_spans] == places
    assert all(text[s.start:s.end] == s.text for s in d.place_spans + getattr(d, "qualifier_spans", []))


def test_a_known_agency_may_run_into_the_lead_sentence():
    text = "Lagos, Nov 30 (AFP) Gunmen killed 14 people overnight."
    d = parse_dateline(text, "2023-12-01")
    assert d is not None and (d.places, d.date, d.agency, d.text) == (["Lagos"], "2023-11-30", "AFP",
                                                                        "Lagos, Nov 30 (AFP)")
    # an unknown acronym needs the separator
    assert parse_dateline("Lagos, Nov 30 (NCDC) Gunmen killed 14 people.", "2023-12-01") is None


@pytest.mark.parametrize(("opening", "dateline"), [
    ("By Jane Doe WASHINGTON (Reuters) -", "WASHINGTON (Reuters) -"),
    ("By JANE DOE, Associated Press NEW YORK (AP) —", "NEW YORK (AP) —"),
])
def test_a_byline_on_the_dateline_s_line(opening, dateline):
    d = parse_dateline(opening + BODY, "2023-12-01")
    assert d is not None and d.text == dateline and d.places == [dateline.split(" (")[0]]


def test_headlines_and_transcripts_with_a_colon_are_not_datelines():
    assert parse_dateline("MIKE PENCE: The United States needs to be strong again in the world.", None) is None
    assert parse_dateline("HUFFPOLLSTER: A Seismic Shift Among Voters May Have Begun This Week", None) is None
    d = parse_dateline("KAZAN: Part of a five-storey building collapsed on Monday after a gas leak.", None,
                       known_place={"KAZAN"}.__contains__)
    assert d is not None and d.places == ["KAZAN"]


def test_capitals_and_a_date_without_a_comma():
    d = parse_dateline("ADEN Nov 30 Residents said shells hit the port overnight.", "2023-12-01")
    assert d is not None and (d.places, d.date, d.text) == (["ADEN"], "2023-11-30", "ADEN Nov 30")


def test_capitals_and_a_date_may_run_into_the_lead_sentence():
    text = "GULU, Uganda, March 4 At least three traders were robbed on the highway."
    d = parse_dateline(text, "2024-03-05")
    assert d is not None and (d.places, d.date, d.text) == (["GULU"], "2024-03-04", "GULU, Uganda, March 4")
    # without the date, or in mixed case a name the gazetteer does not know, no separator means no
    # dateline (a known town in mixed case does: tests/test_dateline_page_shapes.py)
    assert parse_dateline("GULU, Uganda At least three traders were robbed.", "2024-03-05") is None
    assert parse_dateline("Gulu, March 4 At least three traders were robbed.", "2024-03-05",
                          known_place=lambda name: False) is None


def test_a_capitalised_place_and_a_dash_when_the_place_is_known_and_a_sentence_follows():
    known = {"Nairobi"}.__contains__
    d = parse_dateline("Nairobi — Police fired tear gas at protesters on Tuesday.", "2023-12-01", known_place=known)
    assert d is not None and (d.places, d.text) == (["Nairobi"], "Nairobi —")
    # a name the gazetteer does not know, or no sentence after the dash
    assert parse_dateline("Jane Doe — Staff writer", None, known_place=known) is None
    assert parse_dateline("Nairobi — a city of four million", None, known_place=known) is None
    # a colon or a bullet closes it as well ("Dhaka: The group said ...", "VIENNA • Investigators ...")
    lead = " Police fired tear gas at protesters who had gathered outside parliament on Tuesday."
    d = parse_dateline("Nairobi:" + lead, None, known_place=known)
    assert d is not None and (d.places, d.text) == (["Nairobi"], "Nairobi:")
    assert parse_dateline("Warning:" + lead, None, known_place=known) is None
    # several places joined by slashes must all be known
    two = {"Nairobi", "Mombasa"}.__contains__
    d = parse_dateline("Nairobi/Mombasa:" + lead, None, known_place=two)
    assert d is not None and d.places == ["Nairobi", "Mombasa"]
    assert parse_dateline("Nairobi/Smith:" + lead, None, known_place=two) is None
    # after a colon, a headline quoting someone named like a town is no dateline: too short, or
    # in title case
    assert parse_dateline("Nairobi: Time for a new strategy.", None, known_place=known) is None
    assert parse_dateline("Nairobi: Families Of Victims Don't Care About Politics, Just Change Now.", None,
                          known_place=known) is None


def test_a_small_town_qualified_by_a_known_region():
    known = {"Rift Valley"}.__contains__
    d = parse_dateline("Kaptembwo, Rift Valley – Gunmen killed four herders overnight.", None, known_place=known)
    assert d is not None and (d.places, d.qualifiers, d.text) == (["Kaptembwo"], ["Rift Valley"],
                                                                   "Kaptembwo, Rift Valley –")
    assert parse_dateline("Kaptembwo, Smith – Gunmen killed four herders.", None, known_place=known) is None


def test_the_gazetteer_knows_a_capital_by_default():
    d = parse_dateline("Maputo — Police fired tear gas at protesters on Tuesday.", "2023-12-01")
    assert d is not None and d.places == ["Maputo"]


def test_spans_point_into_the_text_after_leading_space():
    text = "\n\n  GAZA, Dec 1 (Reuters) -" + BODY
    d = parse_dateline(text, "2023-12-01")
    assert d is not None and text[d.start:d.end] == d.text == "GAZA, Dec 1 (Reuters) -"
    assert d.place_spans[0].start == 4


def test_dateline_below_a_title_line():
    text = "Truce collapses as strikes resume\n\nGAZA, Dec 1 (Reuters) -" + BODY
    d = parse_dateline(text, "2023-12-01")
    assert d is not None and d.places == ["GAZA"] and text[d.start:d.end] == d.text


def test_agency_only_opening():
    d = parse_dateline("(CNN) — Officials said", None)
    assert d is not None and (d.places, d.agency, d.text) == ([], "CNN", "(CNN) —")


@pytest.mark.parametrize("text", [
    "Israel said on Friday it would resume its campaign.",
    "The United Nations, in a statement, said aid had stopped.",
    "Dozens of people – most of them women – were killed.",
    "Hamas, Israel trade blame as truce ends\n\nIsrael said on Friday it would resume strikes.",
    "BREAKING — Strikes resume across the strip",
    "UPDATE 2-Strikes resume across the strip",
    "ISRAEL-HAMAS WAR: What to know on day 56",
    "FACT CHECK: Video does not show the strike",
    "Dec 1 (Monday) — not a place",
    "Nov. 28 — no agency or place in brackets",
    "Kyiv, Ukraine — a capitalised place needs a date or an agency",
    "GAZA ceasefire talks - continue",
    "UN — The agency said",
    "",
    "   \n  ",
    "(Reuters",
])
def test_ordinary_openings_are_not_datelines(text):
    assert parse_dateline(text, "2023-12-01") is None


def test_a_sentence_after_the_first_paragraph_is_not_searched():
    text = "Strikes resumed on Friday across the strip.\n\nGAZA, Dec 1 (Reuters) - More strikes."
    assert parse_dateline(text, "2023-12-01") is None


# --- the year of a date written without one ------------------------------------------------------


@pytest.mark.parametrize(("opening", "published", "expected"), [
    ("GAZA, Dec 1 (Reuters) -", "2023-12-01", "2023-12-01"),
    ("GAZA, Dec 31 (Reuters) -", "2024-01-01", "2023-12-31"),  # the previous year
    ("GAZA, Jan 2 (Reuters) -", "2023-12-31", "2024-01-02"),  # two days "after": time zones, late metadata
    ("GAZA, Dec 5 (Reuters) -", "2023-12-01", "2022-12-05"),  # too far after: last year's
    ("GAZA, Nov 24 (Reuters) -", "2023-12-01T09:00:00Z", "2023-11-24"),
    ("GAZA, Dec 1 (Reuters) -", None, "XXXX-12-01"),  # never a silent guess
    ("GAZA, Dec 1 (Reuters) -", "not a date", "XXXX-12-01"),
    ("GAZA, Feb 29 (Reuters) -", "2024-03-01", "2024-02-29"),
    ("GAZA, Feb 29 (Reuters) -", "2023-03-01", "XXXX-02-29"),  # no leap year near enough
    ("GAZA, Jan. 5, 2021 (Reuters) -", "2023-12-01", "2021-01-05"),  # a written year wins
    ("GAZA, Feb 30 (Reuters) -", "2023-12-01", None),  # no such day: still a dateline, no date
])
def test_year_of_the_dateline_date(opening, published, expected):
    d = parse_dateline(opening + BODY, published)
    assert d is not None and d.date == expected


# --- properties ----------------------------------------------------------------------------------

OPENINGS = st.sampled_from([
    "", "GAZA", "Gaza City", "Rafah/Jerusalem", "KYIV, Ukraine", "ST. LOUIS", "Paris, 12 May",
    "LONDON, March 3", "WASHINGTON, Dec 31, 2023", "(CNN)", "NEW YORK, Jan. 5, 2024 /PRNewswire/",
])
TAILS = st.sampled_from(["", " (AP)", " (Reuters)", " (Palestinian Territories) (AFP)", "(EFE).", " (ſep)"])
SEPS = st.sampled_from(["", " -", " —", "–", " --", ".-", ":", " _", "--(BUSINESS WIRE)--"])


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(
    st.text(max_size=120),
    st.builds(lambda a, b, c, d, e: a + b + c + d + e, st.text(max_size=5), OPENINGS, TAILS, SEPS,
              st.text(max_size=30)),
), published=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)))
def test_never_crashes_and_spans_point_at_their_text(text, published):
    d = parse_dateline(text, published)
    if d is not None:
        assert 0 <= d.start < d.end <= len(text) and text[d.start:d.end] == d.text
        assert len(d.places) == len(d.place_spans)
        for name, span in zip(d.places, d.place_spans, strict=True):
            assert d.start <= span.start < span.end <= d.end
            assert text[span.start:span.end] == span.text == name
        for span in getattr(d, "qualifier_spans", []):
            assert d.start <= span.start < span.end <= d.end and text[span.start:span.end] == span.text
        assert d.date is None or len(d.date) == 10
