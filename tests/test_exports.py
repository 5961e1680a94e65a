"""The event output formats (exports.py), on hand-made reports: no NLP, fast.

The first part checks the per-mention rows (``records="mention"``, the rows before story events);
the second, the default story-level rows. All texts are our own."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.exports import (
    ACLED_COLUMNS,
    ACLED_EMPTY,
    CSV_COLUMNS,
    acled_rows,
    day_date,
    event_rows,
    figure_counts,
    geojson_features,
    plover_records,
    write_events,
)
from eventwire.schema import (
    Acled,
    Actor,
    Dateline,
    ErrorDetail,
    ErrorReport,
    Event,
    Figure,
    Mention,
    Offsets,
    Place,
    Report,
    Span,
)
from story_reports import S_ATTACK, make_story_report

SENT1 = 'Israeli jets struck Rafah on Friday, killing 14 people, "a massacre", the ministry said.'
SENT2 = "Protesters marched in Doha,\nwaving flags."
SENT3 = "Talks may resume next week."
TEXT = f"RAFAH, Dec 1 (EFE) - {SENT1} {SENT2} {SENT3}"


def _span(cls, text, sub, start_at=0, **kw):
    i = text.index(sub, start_at)
    return cls(start=i, end=i + len(sub), text=sub, **kw)


def _sentence(sub):
    i = TEXT.index(sub)
    return Offsets(start=i, end=i + len(sub))


def make_report(report_id: str = "efe-1") -> Report:
    places = [
        _span(Place, TEXT, "Rafah", 20, name="Rafah", geonameid=281129, lat=31.297, lon=34.244, country="PSE",
              admin1="Gaza Strip", feature="city"),
        _span(Place, TEXT, "Doha", name="Doha", geonameid=290030, lat=25.286, lon=51.533, country="QAT",
              admin1="Baladiyat ad Dawhah", feature="city"),
        _span(Place, TEXT, "Rafah", name=None),  # unresolved mention: no coordinates
    ]
    actors = [
        Actor(id="israel-military", name="Israel Defense Forces", type="military", country="ISR",
              mentions=[_span(Mention, TEXT, "Israeli jets")]),
        Actor(id="palestinians", name="Palestinians", type="population", country="PSE"),
        Actor(id="gaza-health-ministry", name="Gaza Health Ministry", type="ministry", country="PSE",
              mentions=[_span(Mention, TEXT, "the ministry")]),
        Actor(id="protesters", name="Protesters", type="population"),
    ]
    figures = [
        _span(Figure, TEXT, "14 people", category="killed", value=14, low=14, high=14),
        Figure(start=0, end=0, text="", category="killed", value=5, scope="incident"),
        Figure(start=0, end=0, text="", category="injured", value=30),
        Figure(start=0, end=0, text="", category="killed", value=15000, scope="cumulative"),
        Figure(start=0, end=0, text="", category="killed", value=99),  # not linked to any event
    ]
    events = [
        Event(id="e1", type="ASSAULT", mode="aerial", actor1="israel-military", actor2="palestinians", place=0,
              date="2023-12-01", figures=[0, 1, 2, 3], modality="reported", reported_by="gaza-health-ministry",
              acled=Acled(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
              trigger=_span(Span, TEXT, "struck"), evidence=_sentence(SENT1), confidence=0.8),
        Event(id="e2", type="PROTEST", mode="demonstrate", actor1="protesters", place=1, date="2023-W48",
              acled=Acled(event_type="Protests", sub_event_type="Peaceful protest"),
              trigger=_span(Span, TEXT, "marched"), evidence=_sentence(SENT2), confidence=0.7),
        Event(id="e3", type="CONSULT", place=2, modality="hypothetical",
              trigger=_span(Span, TEXT, "Talks"), evidence=_sentence(SENT3)),
        Event(id="e4", type="ASSAULT", modality="negated",
              acled=Acled(event_type="Battles", sub_event_type="Armed clash"), evidence=_sentence(SENT3)),
    ]
    return Report(id=report_id, text=TEXT, published="2023-12-01", title="Strikes, protests", url="https://x.test/1",
                  dateline=Dateline(start=0, end=18, text=TEXT[:18], agency="EFE"),
                  places=places, actors=actors, figures=figures, events=events)


def error_report(report_id: str | None = "bad-1") -> ErrorReport:
    return ErrorReport(id=report_id, error=ErrorDetail(code="empty", message="inbox/bad.txt: no\ntext"))


def _write(reports, fmt, records="mention"):
    out, err = io.StringIO(), io.StringIO()
    counts = write_events(reports, fmt, out, err, records)
    return out.getvalue(), err.getvalue(), counts


def _csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_the_test_report_is_consistent():
    assert make_report().span_errors() == []


# -- csv --------------------------------------------------------------------------------------

def test_csv_has_one_row_per_event_with_the_documented_columns():
    out, err, counts = _write([make_report()], "csv")
    assert counts == (1, 0) and err == ""
    assert out.splitlines()[0].split(",") == list(CSV_COLUMNS)
    rows = _csv(out)
    assert [r["event_id"] for r in rows] == ["e1", "e2", "e3", "e4"]
    e1 = rows[0]
    assert e1["doc_id"] == "efe-1" and e1["doc_url"] == "https://x.test/1" and e1["doc_published"] == "2023-12-01"
    assert e1["actor1_name"] == "Israel Defense Forces" and e1["actor1_country"] == "ISR"
    assert e1["reported_by"] == "gaza-health-ministry" and e1["reported_by_name"] == "Gaza Health Ministry"
    assert (e1["place_name"], e1["place_geonameid"], e1["place_lat"]) == ("Rafah", "281129", "31.297")
    assert (e1["acled_event_type"], e1["trigger_text"], e1["confidence"]) == ("Explosions/Remote violence",
                                                                             "struck", "0.8")
    assert rows[3]["place_name"] == "" and rows[3]["killed"] == ""  # unknown stays empty, not 0


def test_csv_quotes_commas_quotes_and_newlines_in_the_evidence():
    rows = _csv(_write([make_report()], "csv")[0])
    assert rows[0]["evidence_text"] == SENT1  # commas and "quotes" round-trip
    assert rows[1]["evidence_text"] == SENT2 and "\n" in rows[1]["evidence_text"]


def test_counts_sum_linked_incident_figures_of_their_category_only():
    report = make_report()
    counts = figure_counts(report, report.events[0])
    # 14 + 5 killed; the cumulative 15,000 and the unlinked 99 are not this event's
    assert counts["killed"] == 19 and counts["injured"] == 30 and counts["abducted"] is None
    row = event_rows(report, "mention")[0]
    assert row["killed"] == 19 and row["injured"] == 30


def test_bad_figure_and_place_indices_are_ignored_not_fatal():
    report = make_report()
    report.events[0].figures = [0, 42]
    report.events[0].place = 7
    row = event_rows(report, "mention")[0]
    assert row["killed"] == 14 and row["place_name"] is None


# -- acled-csv ---------------------------------------------------------------------------------

def test_acled_rows_only_for_mapped_events_that_took_place():
    rows = acled_rows(make_report(), "mention")
    # e3 has no ACLED type; e4 is negated: neither is an ACLED event
    assert [r["tags"].split("; ")[1] for r in rows] == ["event=e1", "event=e2"]
    out = _write([make_report()], "acled-csv")[0]
    assert out.splitlines()[0].split(",") == list(ACLED_COLUMNS)
    assert len(_csv(out)) == 2


def test_acled_columns_are_filled_from_the_report():
    e1, e2 = acled_rows(make_report(), "mention")
    assert e1["event_id_cnty"] == "PSE:efe-1:e1"
    assert (e1["event_date"], e1["year"], e1["time_precision"]) == ("2023-12-01", "2023", 1)
    assert (e1["disorder_type"], e1["event_type"], e1["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Air/drone strike")
    assert (e1["actor1"], e1["inter1"], e1["actor2"], e1["inter2"], e1["interaction"]) == (
        "Israel Defense Forces", 1, "Palestinians", 7, "17")
    assert e1["civilian_targeting"] == "Civilian targeting"
    assert (e1["iso"], e1["admin1"], e1["location"], e1["latitude"], e1["geo_precision"]) == (
        275, "Gaza Strip", "Rafah", 31.297, 1)
    assert e1["country"] == "Palestine"
    assert e1["source"] == "EFE" and e1["notes"] == SENT1
    assert e1["fatalities"] == 19  # linked incident killed figures only
    assert "modality=reported" in e1["tags"] and "reported_by=Gaza Health Ministry" in e1["tags"]
    assert all(e1[c] is None for c in ACLED_EMPTY)
    # a week is coded as its Wednesday, precision 2; no killed figure is 0 fatalities, as in ACLED
    assert (e2["event_date"], e2["time_precision"], e2["fatalities"]) == ("2023-11-29", 2, 0)
    assert e2["disorder_type"] == "Demonstrations" and e2["interaction"] == "70"


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-12-01", ("2023-12-01", 1)), ("2023-11-30TMO", ("2023-11-30", 1)), ("2023-W47", ("2023-11-22", 2)),
    ("2023-W47-WE", ("2023-11-25", 2)), ("2023-10", ("2023-10-15", 3)), ("XXXX-11-24", (None, None)),
    ("PAST_REF", (None, None)), ("2023", (None, None)), ("2023-02-30", (None, None)), (None, (None, None)),
])
def test_day_date_reduces_timex_values_to_a_day_and_precision(value, expected):
    assert day_date(value) == expected


# -- plover-json -------------------------------------------------------------------------------

def test_plover_json_is_one_record_per_event_per_line():
    out, err, (total, failed) = _write([make_report()], "plover-json")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 4 and err == "" and (total, failed) == (1, 0)
    r = records[0]
    assert r["id"] == "efe-1:e1" and r["story_id"] == "efe-1" and r["date"] == "2023-12-01"
    assert r["event"] == ["ASSAULT"] and r["mode"] == ["aerial"] and r["context"] == [] and r["quad_code"] == 4
    assert r["source"][0]["identifier_id"] == "israel-military" and r["source"][0]["code"] == "ISR"
    assert r["source"][0]["sector"] == "MIL" and r["source"][0]["actor_text"] == "Israeli jets"
    assert r["recipient"][0]["identifier_text"] == "Palestinians"
    loc = r["event_loc"]
    assert (loc["name"], loc["latitude"], loc["longitude"], loc["cc3"], loc["country code"]) == (
        "Rafah", 31.297, 34.244, "PSE", "PS")
    assert r["event_text"] == ["struck"] and r["text"] == SENT1
    assert r["cite_info"]["url"] == "https://x.test/1" and r["cite_info"]["published"] == "2023-12-01"
    assert r["cite_info"]["publication"] == "EFE" and r["cite_info"]["citation"] == "efe-1"
    assert (r["modality"], r["reported_by"], r["confidence"]) == ("reported", "gaza-health-ministry", 0.8)
    assert r["trigger"]["text"] == "struck" and r["dead"] == 19 and r["injured"] == 30
    assert [f["category"] for f in r["figures"]] == ["killed", "killed", "injured", "killed"]
    assert r["acled"]["sub_event_type"] == "Air/drone strike"
    # a week is not a day: PLOVER's date stays null, the TIMEX3 value is kept
    assert records[1]["date"] is None and records[1]["date_value"] == "2023-W48"
    assert records[3]["recipient"] == [] and records[3]["event_loc"] is None


def test_plover_records_keep_unknown_actor_ids():
    report = make_report()
    report.events[0].actor2 = "not-in-actors"
    assert plover_records(report, "mention")[0]["recipient"] == [{"identifier_id": "not-in-actors"}]


# -- geojson -----------------------------------------------------------------------------------

def test_geojson_has_points_for_located_events_and_counts_the_rest():
    out, err, _ = _write([make_report(), make_report("efe-2")], "geojson")
    fc = json.loads(out)
    assert fc["type"] == "FeatureCollection"
    assert [f["id"] for f in fc["features"]] == ["efe-1:e1", "efe-1:e2", "efe-2:e1", "efe-2:e2"]
    f = fc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [34.244, 31.297]}  # lon, lat
    assert set(f["properties"]) == set(CSV_COLUMNS) and f["properties"]["evidence_text"] == SENT1
    # e3 (unresolved place) and e4 (no place) in each report
    assert fc["eventwire:skipped"] == 4
    assert "4 events without coordinates" in err
    assert geojson_features(make_report(), "mention")[1] == 2


def test_geojson_with_no_events_is_still_valid():
    out, err, counts = _write([], "geojson")
    assert json.loads(out) == {"type": "FeatureCollection", "features": [], "eventwire:skipped": 0}
    assert err == "" and counts == (0, 0)


# -- errors and streaming ----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "acled-csv", "plover-json", "geojson"])
def test_error_reports_go_to_stderr_one_line_each(fmt):
    out, err, counts = _write([error_report(), make_report(), error_report(None)], fmt)
    assert counts == (3, 2)
    lines = [x for x in err.splitlines() if "coordinates" not in x]
    assert lines == ["eventwire: bad-1: empty: inbox/bad.txt: no text", "eventwire: -: empty: inbox/bad.txt: no text"]
    assert "bad-1" not in out


@pytest.mark.parametrize("fmt", ["csv", "acled-csv", "plover-json", "geojson"])
def test_rows_are_written_as_reports_arrive(fmt):
    out = io.StringIO()

    def reports():
        yield make_report()
        raise RuntimeError("the corpus broke")

    with pytest.raises(RuntimeError):
        write_events(reports(), fmt, out, io.StringIO(), "mention")
    assert "efe-1" in out.getvalue()  # the first report's events were out before the failure
    if fmt == "csv":
        assert len(_csv(out.getvalue())) == 4


def test_csv_header_comes_once_over_many_reports():
    out = _write([make_report("a"), make_report("b")], "csv")[0]
    assert out.count("doc_id,") == 1 and len(_csv(out)) == 8


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="plover-json"):
        write_events([], "xml", io.StringIO(), io.StringIO())


# -- the CLI -----------------------------------------------------------------------------------

def test_cli_csv_format_end_to_end(tmp_path):
    path = tmp_path / "dispatch.txt"
    path.write_text("RAFAH, Dec 1 (EFE) - Israeli jets struck Rafah on Friday, killing 14 people.", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), str(tmp_path / "missing.txt"), "--format", "csv",
                                       "--published", "2023-12-01", "--processes", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split(",") == list(CSV_COLUMNS)
    rows = _csv(result.stdout)
    assert rows and all(r["doc_id"].endswith("dispatch.txt") for r in rows)
    assert all(r["event_id"].startswith("s") and r["mentions"] for r in rows)  # story events by default
    assert "missing.txt: unreadable:" in result.stderr


def test_a_guessed_place_fills_rows_with_its_precision_said():
    from eventwire.exports import acled_rows, event_rows
    from eventwire.schema import Acled, Event, Place, Report

    text = "TOWNVILLE, May 2 (AP) - Shelling killed three people."
    report = Report(id="d1", text=text, places=[Place(start=0, end=9, text="TOWNVILLE", name="Townville",
                                                      lat=1.5, lon=2.5, country="SDN", feature="city")],
                    events=[Event(id="e1", type="ASSAULT", date="2024-05-02", place=None, place_guess=0,
                                  place_precision="dateline",
                                  acled=Acled(event_type="Explosions/Remote violence",
                                              sub_event_type="Shelling/artillery/missile attack"))])
    row = event_rows(report, "mention")[0]
    assert row["place_name"] == "Townville" and row["place_precision"] == "dateline"
    assert acled_rows(report, "mention")[0]["geo_precision"] == 2  # a city, but only guessed: "near", not exact


# == story-level rows (the default) ==============================================================
# make_story_report (tests/story_reports.py): three mentions of one attack (s1), a march (s2),
# hypothetical talks (s3), a denied shooting (s4).

def test_the_story_report_is_consistent():
    assert make_story_report().span_errors() == []


def test_csv_rows_are_story_events_by_default():
    out, err, counts = _write([make_story_report()], "csv", records="story")
    assert counts == (1, 0) and err == ""
    rows = _csv(out)
    assert [r["event_id"] for r in rows] == ["s1", "s2", "s3", "s4"]
    assert rows == _csv(_write_default([make_story_report()], "csv"))  # story is the default
    s1 = rows[0]
    assert s1["mentions"] == "e1 e2 e3" and s1["story_event"] == "" and s1["main"] == "" and s1["same_as"] == ""
    # the story stage's fatalities (the highest incident count), not the sum of its figures (7 + 5)
    assert (s1["fatalities"], s1["killed"], s1["injured"]) == ("7", "7", "11")
    assert s1["abducted"] == "3"  # the highest of 3 and 2: one count restated, not 5
    assert (s1["place_name"], s1["place_precision"], s1["place_admin1"]) == ("Kassala", "attached", "Kassala")
    assert (s1["date"], s1["date_from"]) == ("2024-06-03", "mention")
    assert s1["actor1_name"] == "Eastern Front" and s1["actor2_name"] == "Sudanese Police"
    assert s1["evidence_text"] == S_ATTACK and s1["trigger_text"] == "stormed"
    assert (rows[1]["place_name"], rows[1]["place_precision"]) == ("Al Qadarif", "sentence")
    assert rows[2]["place_name"] == "" and rows[2]["date"] == "" and rows[2]["fatalities"] == ""


def _write_default(reports, fmt):
    out = io.StringIO()
    write_events(reports, fmt, out, io.StringIO())
    return out.getvalue()


def test_mention_rows_name_their_story_event():
    rows = event_rows(make_story_report(), "mention")
    assert [r["event_id"] for r in rows] == ["e1", "e2", "e3", "e4", "e5", "e6"]
    assert [r["story_event"] for r in rows] == ["s1", "s1", "s1", "s2", "s3", "s4"]
    assert all(r["mentions"] is None and r["fatalities"] is None for r in rows)
    assert rows[2]["killed"] == 5 and rows[2]["abducted"] == 5  # a mention sums its own figures
    # a mention keeps the events stage's guess of a place; its story event resolved it to the same place
    assert (rows[3]["place_name"], rows[3]["place_precision"]) == ("Al Qadarif", "sentence")


def test_a_story_event_without_a_place_takes_no_guess():
    report = make_story_report()
    report.story_events[1].place = None
    row = event_rows(report)[1]
    assert row["place_name"] is None and row["place_precision"] is None  # the mention's place_guess is not used
    assert event_rows(report, "mention")[3]["place_name"] == "Al Qadarif"


def test_acled_rows_for_story_events_take_fatalities_from_the_story_event():
    report = make_story_report()
    rows = acled_rows(report)
    # s3 has no ACLED type and did not happen; s4 was denied
    assert [r["event_id_cnty"] for r in rows] == ["SDN:sw-1:s1", "SDN:sw-1:s2"]
    s1, s2 = rows
    assert s1["fatalities"] == 7 and "mentions=e1,e2,e3" in s1["tags"] and "event=s1" in s1["tags"]
    assert (s1["event_type"], s1["actor1"], s1["actor2"], s1["inter2"]) == ("Battles", "Eastern Front",
                                                                          "Sudanese Police", 1)
    assert (s1["location"], s1["geo_precision"], s1["event_date"], s1["time_precision"]) == (
        "Kassala", 1, "2024-06-03", 1)
    assert s1["notes"] == S_ATTACK and s1["source"] == "Sahel Wire"
    # a city named only in the event's sentence is "near" it: 2
    assert s2["geo_precision"] == 2 and s2["fatalities"] == 0
    report.story_events[0].fatalities = 9  # whatever the story stage says, FATALITIES follows it
    assert acled_rows(report)[0]["fatalities"] == 9
    report.story_events[0].fatalities = None
    assert acled_rows(report)[0]["fatalities"] == 0
    assert [r["tags"].split("; ")[1] for r in acled_rows(report, "mention")] == ["event=e1"]  # e4 has no ACLED type


def test_plover_records_for_story_events():
    records = [json.loads(line) for line in _write([make_story_report()], "plover-json", "story")[0].splitlines()]
    assert [r["id"] for r in records] == ["sw-1:s1", "sw-1:s2", "sw-1:s3", "sw-1:s4"]
    r = records[0]
    assert r["mentions"] == ["e1", "e2", "e3"] and "story_event" not in r
    assert (r["dead"], r["injured"], r["date"], r["date_from"]) == (7, 11, "2024-06-03", "mention")
    assert r["event_loc"]["name"] == "Kassala" and r["event_loc"]["precision"] == "attached"
    assert r["source"][0]["identifier_id"] == "eastern-front" and r["text"] == S_ATTACK
    assert len(r["figures"]) == 5
    assert records[2]["event_loc"] is None and records[2]["date"] is None
    mention = plover_records(make_story_report(), "mention")
    assert [m["story_event"] for m in mention] == ["s1", "s1", "s1", "s2", "s3", "s4"]


def test_geojson_for_story_events():
    out, err, _ = _write([make_story_report()], "geojson", "story")
    fc = json.loads(out)
    assert [f["id"] for f in fc["features"]] == ["sw-1:s1", "sw-1:s2", "sw-1:s4"]
    assert fc["features"][0]["geometry"]["coordinates"] == [36.4, 15.451]
    assert fc["features"][0]["properties"]["mentions"] == "e1 e2 e3"
    assert fc["eventwire:skipped"] == 1 and "1 events without coordinates" in err


def test_parquet_rows_follow_records(tmp_path):
    import pyarrow.parquet as pq

    from eventwire.exports import write_parquet

    assert write_parquet([make_story_report()], str(tmp_path / "s.parquet")) == 4
    table = pq.read_table(tmp_path / "s.parquet")
    assert table.column("event_id").to_pylist() == ["s1", "s2", "s3", "s4"]
    assert table.column("fatalities").to_pylist()[0] == 7
    assert write_parquet([make_story_report()], str(tmp_path / "m.parquet"), "mention") == 6


def test_unknown_records_are_refused():
    with pytest.raises(ValueError, match="story, mention"):
        write_events([make_story_report()], "csv", io.StringIO(), io.StringIO(), "sentence")
    with pytest.raises(ValueError, match="story, mention"):
        event_rows(make_story_report(), "stories")


def test_cli_records_option_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "dispatch.txt"
    path.write_text("KASSALA, June 4 (Sahel Wire) - Gunmen stormed a police post in Kassala on Monday, killing seven "
                    "officers. The attack was the second on the town this month, a hospital official said.",
                    encoding="utf-8")
    args = ["extract", str(path), "--format", "csv", "--published", "2024-06-04", "--processes", "1"]
    runner = CliRunner()
    story = _csv(runner.invoke(main, args, catch_exceptions=False).stdout)
    mention = _csv(runner.invoke(main, [*args, "--records", "mention"], catch_exceptions=False).stdout)
    assert story and all(r["event_id"].startswith("s") for r in story)
    assert mention and all(r["event_id"].startswith("e") for r in mention)
    assert len(mention) > len(story)  # "stormed", "killing" and "The attack" tell one event
    joined = {m for r in story for m in r["mentions"].split()}
    assert joined <= {r["event_id"] for r in mention}
    assert all(r["story_event"] in {s["event_id"] for s in story} for r in mention if r["story_event"])
    monkeypatch.setenv("EVENTWIRE_RECORDS", "mention")
    from_env = _csv(runner.invoke(main, args, catch_exceptions=False).stdout)
    assert [r["event_id"] for r in from_env] == [r["event_id"] for r in mention]
    monkeypatch.setenv("EVENTWIRE_RECORDS", "sentences")
    bad = runner.invoke(main, args)
    assert bad.exit_code == 2 and "records must be one of story, mention" in bad.output
