import pytest

import eventwire
from eventwire import Document, ErrorReport, InputError, Report
from eventwire.errors import ModelError
from eventwire.pipeline import load_nlp

ARTICLE = ("ADEN, Yemen, March 9 (Reuters) - Two aid workers were freed on Saturday, five weeks "
           "after gunmen seized them on a road near Taiz, the United Nations said.")


def test_extract_returns_a_report_with_dateline_and_times(pipeline):
    report = pipeline.extract(ARTICLE, published="2024-03-09", id="aden")
    assert isinstance(report, Report)
    assert report.id == "aden"
    assert report.published == "2024-03-09"
    assert report.dateline is not None and report.dateline.places[0] == "ADEN"
    values = {t.text: t.value for t in report.times}
    assert values.get("Saturday") == "2024-03-09"
    assert report.span_errors() == []


def test_dateline_date_becomes_published_when_none_given(pipeline):
    text = "LAGOS, Nigeria, May 4, 2024 (AFP) - Floods forced hundreds from their homes on Friday."
    report = pipeline.extract(text)
    assert report.published == "2024-05-04"
    assert {t.text: t.value for t in report.times}.get("Friday") == "2024-05-03"


def test_module_level_extract_reuses_one_loaded_model():
    first = eventwire.load_pipeline(n_process=1)
    assert eventwire.load_pipeline(n_process=1) is first
    assert load_nlp(first.settings.model) is first.nlp
    report = eventwire.extract("Officials met on Monday.", published="2024-01-10")
    assert report.times and report.times[0].value == "2024-01-08"


def test_eventwire_components_are_in_the_loaded_pipeline(pipeline):
    assert "eventwire_times" in pipeline.nlp.pipe_names
    assert pipeline.nlp.pipe_names[0] != "eventwire_times"  # after the model's own components


def test_pipe_keeps_input_order_and_passes_errors_through(pipeline):
    items = [
        Document(id="a", text="Talks ended on Tuesday.", published="2024-02-01"),
        InputError("no text", code="empty", source="b.txt", doc_id="b"),
        Document(id="c", text="The truce lasted seven days.", published="2024-02-01"),
    ]
    out = list(pipeline.pipe(items, n_process=1))
    assert [r.id for r in out] == ["a", "b", "c"]
    assert isinstance(out[1], ErrorReport) and out[1].error.code == "empty"
    assert isinstance(out[2], Report)


def test_pipe_with_several_processes_gives_the_same_reports_in_order(pipeline):
    docs = [Document(id=f"d{i}", text=f"Report {i}: the siege lasted {i + 2} weeks before talks on Friday.",
                     published="2024-02-02") for i in range(40)]
    serial = [r.to_dict() for r in pipeline.pipe(docs, n_process=1, batch_size=8)]
    parallel = [r.to_dict() for r in pipeline.pipe(docs, n_process=2, batch_size=8)]
    assert [r["id"] for r in parallel] == [f"d{i}" for i in range(40)]
    assert parallel == serial


def test_pipe_accepts_plain_strings(pipeline):
    out = list(pipeline.pipe(["Rain fell on Sunday.", "   "], n_process=1))
    assert out[0].id == "doc-1" and isinstance(out[0], Report)
    assert isinstance(out[1], ErrorReport) and out[1].error.code == "empty" and out[1].id == "doc-2"


def test_a_failing_component_costs_only_its_document(pipeline, monkeypatch):
    component = pipeline.nlp.get_pipe("eventwire_times")
    original = type(component).__call__

    def flaky(self, doc):
        if "EXPLODE" in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(type(component), "__call__", flaky)
    docs = [Document(id="ok1", text="Calm on Monday."), Document(id="bad", text="EXPLODE now."),
            Document(id="ok2", text="Calm on Tuesday.")]
    out = list(pipeline.pipe(docs, n_process=1))
    assert [r.id for r in out] == ["ok1", "bad", "ok2"]
    assert isinstance(out[1], ErrorReport) and out[1].error.code == "internal"
    assert isinstance(out[0], Report) and isinstance(out[2], Report)


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelError) as info:
        load_nlp("no_such_spacy_pipeline_xyz")
    assert "no_such_spacy_pipeline_xyz" in info.value.message
    assert info.value.code == "model_not_found"
