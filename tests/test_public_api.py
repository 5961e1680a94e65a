import re
from pathlib import Path

import eventwire
from eventwire.errors import ERROR_CODES, EventwireError, InputError

ROOT = Path(__file__).resolve().parent.parent


def test_all_is_sorted_and_complete():
    assert eventwire.__all__ == sorted(eventwire.__all__)
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name


def test_every_error_code_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [code for code in ERROR_CODES if f"`{code}`" not in readme]
    assert missing == []


def test_unknown_error_codes_are_refused():
    try:
        InputError("x", code="no_such_code")
    except ValueError as exc:
        assert "no_such_code" in str(exc)
    else:
        raise AssertionError("an unknown code was accepted")


def test_error_message_names_its_source():
    err = InputError("no text", code="empty", source="inbox/a.txt")
    assert err.message == "inbox/a.txt: no text"
    assert err.to_dict() == {"code": "empty", "message": "inbox/a.txt: no text"}
    assert isinstance(err, EventwireError)


def test_every_cli_option_is_documented_in_the_readme():
    import click

    from eventwire.cli import main

    def walk(group, prefix="eventwire"):
        for command in group.commands.values():
            path = f"{prefix} {command.name}"
            yield path, command
            if isinstance(command, click.Group):
                yield from walk(command, path)

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path, command in walk(main):
        assert path in readme, f"`{path}` is not in the README"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert re.search(re.escape(opt) + r"\b", readme), f"{command.name} {opt} not in README"
