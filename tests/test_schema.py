import json

import jsonschema
import pytest

from eventwire.schema import SCHEMA_PATH, Dateline, ErrorReport, Report, Time, json_schema


def test_checked_in_json_schema_matches_the_models():
    # Regenerate with `make schema` (python -m eventwire.schema) after changing schema.py.
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema()


def test_report_round_trips_through_json():
    text = "BEIRUT, March 3 (Reuters) - Talks resumed on Monday."
    report = Report(
        id="r1", text=text, published="2024-03-04",
        dateline=Dateline(start=0, end=27, text=text[:27], places=["BEIRUT"], date="2024-03-03",
                          agency="Reuters"),
        times=[Time(start=text.index("Monday"), end=text.index("Monday") + 6, text="Monday", type="DATE",
                    value="2024-03-04")],
    )
    again = Report.from_json(report.to_json())
    assert again == report
    assert again.times[0].value == "2024-03-04"
    assert report.span_errors() == []


def test_generated_reports_validate_against_the_json_schema():
    report = Report(id="x", text="Friday", times=[Time(start=0, end=6, text="Friday", type="DATE",
                                                       value="XXXX-WXX-5")])
    jsonschema.validate(report.to_dict(), json_schema())
    with pytest.raises(jsonschema.ValidationError):
        bad = report.to_dict()
        bad["times"][0]["type"] = "WEEKDAY"
        jsonschema.validate(bad, json_schema())


def test_extra_fields_are_kept_because_the_contract_allows_adding_fields():
    data = {"id": "a", "text": "t", "custom_field": {"k": 1}}
    assert Report.from_json(data).to_dict()["custom_field"] == {"k": 1}


def test_span_errors_catch_offsets_that_do_not_point_at_their_text():
    report = Report(id="a", text="on Friday", times=[
        Time(start=0, end=6, text="Friday", type="DATE", value="2024-01-05"),
        Time(start=5, end=40, text="day", type="DATE", value="2024-01-05"),
    ])
    problems = report.span_errors()
    assert len(problems) == 2
    assert "not 'Friday'" in problems[0]
    assert "outside the text" in problems[1]


def test_error_report_shape_is_the_documented_one():
    err = ErrorReport.model_validate({"id": "d1", "error": {"code": "empty", "message": "d1: no text"}})
    assert json.loads(err.to_json()) == {"id": "d1", "error": {"code": "empty", "message": "d1: no text"}}


def test_a_report_is_always_one_line_even_with_unicode_line_separators():
    text = "Line one\u2028line two\x85line three\u2029end"
    line = Report(id="ls", text=text).to_json()
    assert len(line.splitlines()) == 1
    assert Report.from_json(line).text == text
