"""The CLI checks filters as the API does (one code path: eventwire/filters.py), and the commands that read a
store refuse a SQLite file that is not there instead of creating an empty store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.cli import main
from eventwire.filters import FilterError, make_filter
from eventwire.store import open_store

BAD = [  # (CLI options, API params, the words the message must hold)
    (["--country", "Peru"], {"country": "Peru"}, ["'Peru'", "PER"]),
    (["--country", "XX"], {"country": "XX"}, ["'XX'", "alpha-3"]),
    (["--country", "XXX"], {"country": "XXX"}, ["'XXX'", "alpha-3"]),
    (["--from", "2024-13-01"], {"from": "2024-13-01"}, ["'2024-13-01'", "YYYY-MM-DD"]),
    (["--to", "yesterday"], {"to": "yesterday"}, ["'yesterday'", "YYYY-MM-DD"]),
    (["--from", "2024-05-02", "--to", "2024-05-01"], {"from": "2024-05-02", "to": "2024-05-01"}, ["'2024-05-01'"]),
    (["--type", "BOMBING"], {"type": "BOMBING"}, ["'BOMBING'", "PLOVER"]),
    (["--acled-type", "Battle"], {"acled_type": "Battle"}, ["'Battle'", "ACLED"]),
    (["--bbox", "1,2,3"], {"bbox": "1,2,3"}, ["'1,2,3'", "min_lon"]),
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-filters") / "store.db"
    open_store(str(path)).close()  # an empty store: the filters are refused before anything is read
    return str(path)


@pytest.mark.parametrize(("options", "params", "words"), BAD, ids=[" ".join(b[0]) for b in BAD])
def test_a_bad_filter_is_a_usage_error_naming_the_flag_and_value_not_an_empty_file(store_path, tmp_path, options,
                                                                                   params, words):
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["export", "--db", store_path, "-o", str(out), *options])
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{options[-2]}'" in result.output
    for word in words:
        assert word in result.output
    assert not out.exists()  # nothing written, not even a header


def test_cli_and_api_give_the_same_verdict_and_problem(store_path):
    app = create_app(store_path, workers=0)
    with TestClient(app, base_url="http://localhost") as client:
        for options, params, _ in BAD:
            r = client.get("/events", params=params)
            assert r.status_code == 400 and r.json()["error"]["code"] == "bad_filter", params
            with pytest.raises(FilterError) as exc:
                make_filter(**{{"from": "date_from", "to": "date_to"}.get(k, k): v for k, v in params.items()})
            assert r.json()["error"]["message"] == exc.value.message
            cli = CliRunner().invoke(main, ["export", "--db", store_path, *options])
            assert exc.value.problem in " ".join(cli.output.split()), (options, cli.output)
        bad_total = client.get("/totals", params={"category": "dead"})
        assert bad_total.status_code == 400 and "'dead'" in bad_total.json()["error"]["message"]
        good = client.get("/events", params={"country": "per", "from": "2024-05-01", "to": "2024-05-31",
                                             "acled_type": "armed clash", "type": "assault"})
        assert good.status_code == 200 and good.json()["total"] == 0


def test_good_filters_still_export(store_path):
    result = CliRunner().invoke(main, ["export", "--db", store_path, "--country", "sdn", "--from", "2024-01-01",
                                       "--to", "2024-01-31", "--type", "assault", "--acled-type", "Battles",
                                       "--bbox", "30,10,40,20"])
    assert result.exit_code == 0 and result.output.startswith("doc_id,")
    assert make_filter(country="xkx").country == "XKX"  # GeoNames' Kosovo, which ISO lacks, is a place's country


def test_totals_refuses_an_unknown_category(store_path):
    result = CliRunner().invoke(main, ["totals", "--db", store_path, "--category", "dead"])
    assert result.exit_code == 2 and "Invalid value for '--category'" in result.output and "killed" in result.output


@pytest.mark.parametrize("command", [["totals"], ["export"], ["explain", "c000"], ["dedup"]])
def test_reading_a_store_that_is_not_there_is_an_error_and_creates_nothing(tmp_path, command):
    for db in (str(tmp_path / "typo.db"), f"sqlite:///{tmp_path / 'typo.db'}"):
        result = CliRunner().invoke(main, [*command, "--db", db])
        assert result.exit_code == 2, result.output
        assert "Invalid value for '--db'" in result.output and "no store at" in result.output
        assert "typo.db" in result.output and "eventwire ingest" in result.output
        assert not (tmp_path / "typo.db").exists()
