"""Extraction on a Dask cluster gives the same reports, in the same order, as Pipeline.pipe."""

import itertools

import pytest
from distributed import LocalCluster

import eventwire.distributed as dist
from eventwire import Document, ErrorReport, InputError, Report, SettingsError
from eventwire.distributed import extract_on_dask
from eventwire.errors import ModelError

TEXTS = [
    "Rebels shelled the market in Vell on Friday, killing nine people, officials said.",
    "ORAN, Kestria, May 2 (Reuters) - Police arrested 14 protesters outside the parliament on Thursday.",
    "Floods forced 3,000 families from their homes in the Tamsa valley last week, the Red Crescent said.",
    "Two aid workers were freed on Saturday, five weeks after gunmen seized them near Dorvik.",
    '"We will not leave," said Mara Lenn, a teacher in Vell, after the strike on Monday.',
    "The army said its troops killed 12 militants in an air strike near the border on Tuesday.",
]


def _items() -> list[Document | InputError]:
    docs: list[Document | InputError] = [
        Document(id=f"n{i}", text=text, published="2024-05-03") for i, text in enumerate(TEXTS)]
    docs.insert(3, InputError("the input holds only whitespace", code="empty", source="blank.txt",
                              doc_id="blank"))
    return docs


def test_dask_gives_the_same_reports_in_order_as_pipe(pipeline):
    expected = [r.to_json() for r in pipeline.pipe(_items(), n_process=1)]
    # Two worker processes, two documents a batch: several batches in flight, finishing out of order.
    got = list(extract_on_dask(_items(), "local:2", settings=pipeline.settings, batch_size=2))
    assert [r.id for r in got] == ["n0", "n1", "n2", "blank", "n3", "n4", "n5"]
    assert isinstance(got[3], ErrorReport) and got[3].error.code == "empty"
    assert all(isinstance(r, Report) for i, r in enumerate(got) if i != 3)
    assert [r.to_json() for r in got] == expected


@pytest.fixture(scope="module")
def in_process_cluster(pipeline):
    # Workers as threads of this process: they reuse the model the `pipeline` fixture loaded.
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_a_failed_batch_becomes_internal_errors_and_the_run_goes_on(pipeline, in_process_cluster, monkeypatch):
    real = dist._extract_batch

    def flaky(docs, fields):
        if any(d["id"] == "n2" for d in docs):
            raise RuntimeError("worker fell over")
        return real(docs, fields)

    monkeypatch.setattr(dist, "_extract_batch", flaky)
    got = list(extract_on_dask(_items(), in_process_cluster, settings=pipeline.settings, batch_size=2))
    assert [r.id for r in got] == ["n0", "n1", "n2", "blank", "n3", "n4", "n5"]
    # Batches: [n0 n1] [n2 blank] [n3 n4] [n5]; the second fails, its InputError still passes through.
    assert isinstance(got[2], ErrorReport) and got[2].error.code == "internal"
    assert "worker fell over" in got[2].error.message
    assert isinstance(got[3], ErrorReport) and got[3].error.code == "empty"
    assert all(isinstance(got[i], Report) for i in (0, 1, 4, 5, 6))


def test_input_is_read_lazily_with_a_bounded_window(pipeline, in_process_cluster):
    pulled = 0

    def corpus():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield Document(id=f"c{i}", text="Talks ended on Tuesday.", published="2024-02-01")

    stream = extract_on_dask(corpus(), in_process_cluster, settings=pipeline.settings, batch_size=4)
    first = list(itertools.islice(stream, 5))
    stream.close()  # stops the run and cancels what is still in flight
    assert [r.id for r in first] == [f"c{i}" for i in range(5)]
    # One worker thread: a window of two batches, so no more than three batches have been read.
    assert pulled <= 3 * 4


def test_a_worker_that_cannot_load_the_model_stops_the_run(pipeline, in_process_cluster):
    settings = type(pipeline.settings)(model="no_such_spacy_model")
    with pytest.raises(ModelError):
        list(extract_on_dask(_items(), in_process_cluster, settings=settings))


@pytest.mark.parametrize("address", ["local:0", "local:x", "local:", ""])
def test_bad_addresses_are_refused_at_once(pipeline, address):
    with pytest.raises(SettingsError):
        extract_on_dask([], address, settings=pipeline.settings)
