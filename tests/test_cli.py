import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from eventwire.cli import main


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [*args, "--processes", "1"] if args and args[0] == "extract" else list(args),
                             input=input, catch_exceptions=False)

    return invoke


def test_help_shows_examples_and_error_codes(run):
    result = run("extract", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert "--input-format jsonl --format jsonl" in result.output
    assert "unsupported_language" in result.output


def test_jsonl_in_jsonl_out_in_order_with_error_lines(run):
    lines = [
        json.dumps({"id": "one", "text": "Shelling resumed on Friday.", "published": "2024-06-07"}),
        "{not json",
        json.dumps({"id": "three", "text": "", "published": "2024-06-07"}),
        json.dumps({"id": "four", "text": "Talks lasted three days.", "published": "2024-06-07"}),
    ]
    result = run("extract", "-", "--input-format", "jsonl", "--format", "jsonl", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["id"] == "one" and out[0]["times"][0]["value"] == "2024-06-07"
    assert out[1]["error"]["code"] == "bad_json"
    assert out[2]["id"] == "three" and out[2]["error"]["code"] == "empty"
    assert out[3]["id"] == "four" and out[3]["times"][0]["value"] == "P3D"


def test_exit_status_is_one_when_every_document_failed(run):
    result = run("extract", "-", "--input-format", "jsonl", "--format", "jsonl", input="{bad\n[1, 2]\n")
    assert result.exit_code == 1
    assert [json.loads(x)["error"]["code"] for x in result.stdout.splitlines()] == ["bad_json", "bad_json"]


def test_bad_published_date_is_a_usage_error(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Calm on Monday.", encoding="utf-8")
    result = run("extract", str(path), "--published", "01/12/2023")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_text_file_with_published_gives_one_json_report(run, tmp_path):
    path = tmp_path / "dispatch.txt"
    path.write_text("DAMASCUS (AP) — Aid trucks crossed on Thursday.", encoding="utf-8")
    result = run("extract", str(path), "--published", "2024-02-16")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["dateline"]["agency"] == "AP"
    assert report["times"][0]["value"] == "2024-02-15"


def test_summary_format_is_readable(run, examples):
    result = run("extract", str(examples / "gaza-truce.txt"), "--published", "2023-11-30", "--format", "summary")
    assert result.exit_code == 0
    assert "dateline:" in result.stdout and "EFE" in result.stdout
    assert "times (" in result.stdout


def test_missing_file_is_reported_and_others_still_processed(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Markets opened on Monday.", encoding="utf-8")
    result = run("extract", str(tmp_path / "missing.txt"), str(good), "--format", "jsonl")
    assert result.exit_code == 0
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert out[0]["error"]["code"] == "unreadable"
    assert "times" in out[1]


def test_installed_console_script_runs():
    proc = subprocess.run([sys.executable, "-m", "eventwire.cli", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "eventwire" in proc.stdout


def test_model_option_selects_another_spacy_pipeline(tmp_path):
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "tiny_pipeline")
    result = CliRunner().invoke(main, ["extract", "-", "--model", str(tmp_path / "tiny_pipeline"), "--processes", "1",
                                       "--published", "2024-06-07"], input="Aid arrived on Friday.",
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["times"][0]["value"] == "2024-06-07"


def test_unknown_model_is_a_usage_error_naming_it():
    result = CliRunner().invoke(main, ["extract", "-", "--model", "no_such_pipeline_abc"], input="Calm on Monday.")
    assert result.exit_code == 2
    assert "no_such_pipeline_abc" in result.output


def _cli(*args: str, env: dict[str, str], text: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], input=text, capture_output=True, text=True,
                          env={**os.environ, **env})


def test_user_actor_file_extends_the_knowledge(tmp_path):
    extra = tmp_path / "my_actors.tsv"
    extra.write_text("northern-valley-brigade\tarmed_group\tCOD\tNorthern Valley Brigade\tthe NVB\n", encoding="utf-8")
    proc = _cli("extract", "-", "--processes", "1", "--published", "2024-03-01", env={"EVENTWIRE_ACTORS": str(extra)},
                text="Fighters of the NVB attacked a convoy on Friday, the army said.")
    assert proc.returncode == 0, proc.stderr
    actors = {a["id"]: a for a in json.loads(proc.stdout)["actors"]}
    assert actors["northern-valley-brigade"]["type"] == "armed_group"
    assert actors["northern-valley-brigade"]["country"] == "COD"


def test_bad_actor_file_is_one_usage_error_naming_the_file(tmp_path):
    bad = tmp_path / "broken_actors.tsv"
    bad.write_text("a line without the tab-separated fields\n", encoding="utf-8")
    proc = _cli("extract", "-", "--processes", "1", env={"EVENTWIRE_ACTORS": str(bad)}, text="Calm on Monday.")
    assert proc.returncode == 2
    assert "broken_actors.tsv:1" in proc.stderr


def test_events_option_picks_granularity_and_refuses_unknown_values(run):
    text = "Rebels shelled the market on Friday, killing nine people, after talks collapsed."
    every = json.loads(run("extract", "-", "--published", "2024-03-08", input=text).stdout)
    one = json.loads(run("extract", "-", "--published", "2024-03-08", "--events", "sentence", input=text).stdout)
    assert len(one["events"]) == 1 < len(every["events"])
    bad = CliRunner().invoke(main, ["extract", "-", "--events", "clause"], input=text)
    assert bad.exit_code == 2 and "clause" in bad.output
