"""Bad inputs in one run: each gets its documented error code, the rest still get reports."""

import json

from click.testing import CliRunner

from eventwire.cli import main

ENGLISH = "Rescue teams reached the flooded villages on Monday, officials said, and more help was expected."
SPANISH = ("Los equipos de rescate llegaron el lunes a las aldeas inundadas, dijeron las autoridades, "
           "y se espera que llegue más ayuda durante la semana.")


def run(args, input=None):
    return CliRunner().invoke(main, ["extract", *args, "--processes", "1", "--format", "jsonl"], input=input,
                              catch_exceptions=False)


def test_files_of_every_bad_kind_in_one_run(tmp_path):
    files = {
        "empty.txt": b"",
        "binary.bin": bytes(range(256)) * 40,
        "huge.txt": (ENGLISH + "\n").encode() * (50_000_000 // len(ENGLISH)),  # ~50 MB
        "spanish.txt": SPANISH.encode("utf-8"),
        "latin1.txt": "Protesters marched in São Paulo on Friday, café owners said.".encode("latin-1"),
        "utf16.txt": "Talks in Zürich resumed on Tuesday.".encode("utf-16"),
        "good.txt": ENGLISH.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = run([str(tmp_path / n) for n in files] + ["--published", "2024-03-08"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(files)
    codes = [r.get("error", {}).get("code") for r in out]
    assert codes == ["empty", "not_text", "too_large", "unsupported_language", None, None, None]
    latin1, utf16, good = out[4], out[5], out[6]
    assert "São Paulo" in latin1["text"] and "café" in latin1["text"]
    assert latin1["times"][0]["value"] == "2024-03-08"
    assert utf16["text"].startswith("Talks in Zürich")
    assert utf16["times"][0]["value"] == "2024-03-05"
    assert good["times"][0]["value"] == "2024-03-04"
    for r in out[:4]:
        assert r["id"] and r["error"]["message"].startswith(r["id"])  # the message names the input


def test_jsonl_lines_of_every_bad_kind_in_one_run():
    lines = [
        json.dumps({"id": "ok-1", "text": ENGLISH, "published": "2024-03-08"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "spanish", "text": SPANISH}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "no-text", "title": "only a title"}),
        json.dumps({"id": "bad-date", "text": ENGLISH, "published": "last Tuesday"}),
        json.dumps({"id": "big", "text": ENGLISH * 20}),
        json.dumps({"id": "ok-2", "text": ENGLISH, "published": "2024-03-08"}),
    ]
    result = CliRunner().invoke(main, ["extract", "-", "--input-format", "jsonl", "--format", "jsonl",
                                       "--processes", "1", "--max-bytes", "1000"],
                                input="\n".join(lines) + "\n", catch_exceptions=False)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out][:3] == ["ok-1", "empty", "spanish"]
    assert [r.get("error", {}).get("code") for r in out] == [
        None, "empty", "unsupported_language", "bad_json", "bad_record", "bad_date", "too_large", None]
    assert out[-1]["id"] == "ok-2" and out[-1]["times"][0]["value"] == "2024-03-04"
    assert "es" in out[2]["error"]["message"] or "Spanish" in out[2]["error"]["message"]
