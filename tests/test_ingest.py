"""Inputs to documents: decoding, refusals with their codes, JSONL, HTML and files.

All texts here are invented for these tests.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError, SettingsError
from eventwire.ingest import (
    Document,
    document_from_bytes,
    document_from_record,
    document_from_text,
    iter_jsonl,
    normalize_date,
    read_inputs,
)
from eventwire.settings import Settings

S = Settings()
EN = ("Heavy shelling hit the northern districts of the city on Tuesday, the regional governor said, "
      "and at least nine people were killed when a market was struck in the early afternoon.")
ES = ("Al menos nueve personas murieron este martes cuando un mercado fue alcanzado por los bombardeos "
      "en los distritos del norte de la ciudad, según informó el gobernador regional.")
FR = ("Au moins neuf personnes ont été tuées mardi lorsqu'un marché a été touché par des tirs "
      "d'artillerie dans les quartiers nord de la ville, a indiqué le gouverneur régional.")
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Floods cut off hill villages | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="og:title" content="Floods cut off hill villages">
<meta property="article:published_time" content="2024-03-05T08:30:00+00:00">
<link rel="canonical" href="https://valley-courier.example/news/floods-hill-villages"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Floods cut off hill villages</h1>
<p>Heavy rain on Monday cut off at least twelve villages in the northern hills, local officials said,
and rescue teams were struggling to reach families stranded on rooftops.</p>
<p>The regional governor said three people had died and about 400 had been moved to schools and a
sports hall in the provincial capital, where the army set up field kitchens.</p></article>
<footer>Copyright 2024 The Valley Courier</footer></body></html>"""


def code_of(exc_info: pytest.ExceptionInfo[InputError]) -> str:
    return exc_info.value.code


def from_bytes(data: bytes, **kw) -> Document:
    kw.setdefault("settings", S)
    return document_from_bytes(data, id="a1", source="inbox/a1.txt", **kw)


# --- plain text ------------------------------------------------------------------------------------


def test_utf8_text_is_kept_as_is_except_newlines():
    doc = from_bytes(("  " + EN + "\r\n\r\nThe ministry’s “final” toll — nine.\r\n").encode())
    assert doc.text == "  " + EN + "\n\nThe ministry’s “final” toll — nine.\n"
    assert (doc.id, doc.source, doc.published) == ("a1", "inbox/a1.txt", None)


def test_utf8_bom_is_dropped():
    assert from_bytes(b"\xef\xbb\xbf" + EN.encode()).text == EN


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_text_with_a_byte_order_mark_is_decoded(encoding):
    text = "Officials in Zürich and Bogotá said the café — and its señor — were safe. " + EN
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert from_bytes(data).text == text


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_western_encodings_are_decoded(encoding):
    text = "Aid workers in Bogotá and Zürich said the café owner, señor Peña, left. " + EN
    if encoding == "cp1252":
        text = "The minister’s “final” offer — rejected. " + text
    assert from_bytes(text.encode(encoding)).text == text


def test_latin1_and_utf16_files_are_decoded(tmp_path: Path):
    text = "Façade of the Señora Peña school in Jérémie was damaged, officials said. " + EN
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    docs = list(read_inputs([str(tmp_path / "latin.txt"), str(tmp_path / "wide.txt")], settings=S))
    assert [d.text for d in docs] == [text, text]
    assert [d.id for d in docs] == [str(tmp_path / "latin.txt"), str(tmp_path / "wide.txt")]


def test_empty_input_is_refused():
    with pytest.raises(InputError) as exc:
        from_bytes(b"")
    assert code_of(exc) == "empty"
    assert "inbox/a1.txt" in exc.value.message


def test_whitespace_only_input_is_refused():
    with pytest.raises(InputError) as exc:
        from_bytes(b" \r\n\t \n ")
    assert code_of(exc) == "empty"
    assert "whitespace" in exc.value.message


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    b"%PDF-1.7\n\x00\x01\x02\x03binary",
    bytes(range(1, 32)) * 20,
])
def test_binary_input_is_refused(data):
    with pytest.raises(InputError) as exc:
        from_bytes(data)
    assert code_of(exc) == "not_text"
    assert "binary" in exc.value.message


def test_too_large_is_refused_before_decoding():
    small = Settings(max_bytes=100)
    with pytest.raises(InputError) as exc:
        # Binary on purpose: the size check must come first, before any decoding.
        from_bytes(b"\x00" * 101, settings=small)
    assert code_of(exc) == "too_large"
    assert "100" in exc.value.message and "--max-bytes" in exc.value.message
    assert from_bytes(b"x" * 100, settings=small).text == "x" * 100


def test_too_large_text():
    with pytest.raises(InputError) as exc:
        document_from_text("é" * 60, id="a", source="a", settings=Settings(max_bytes=100))
    assert code_of(exc) == "too_large"  # 60 characters but 120 UTF-8 bytes


@pytest.mark.parametrize(("text", "name"), [(ES, "Spanish"), (FR, "French")])
def test_other_languages_are_refused_with_their_name(text, name):
    with pytest.raises(InputError) as exc:
        from_bytes(text.encode())
    assert code_of(exc) == "unsupported_language"
    assert name in exc.value.message
    assert "EVENTWIRE_CHECK_LANGUAGE" in exc.value.message


def test_language_check_can_be_turned_off():
    assert from_bytes(ES.encode(), settings=Settings(check_language=False)).text == ES


@pytest.mark.parametrize("text", [
    "Truce collapses as talks stall",
    "BREAKING: Hamas, Israel trade blame",
    "Khan Yunis, Rafah, Jabalia, Deir al-Balah, Nuseirat, Bureij, Maghazi, Beit Lahia, Beit Hanoun.",
    "GAZA (AP) — Hamas, Fatah, Islamic Jihad, PFLP and DFLP met in Cairo.",
    "Lula da Silva met Sánchez, Petro and Boric in Brasília.",
    EN,
])
def test_short_english_headlines_and_name_lists_are_accepted(text):
    assert from_bytes(text.encode()).text == text


def test_unknown_format_is_a_settings_error():
    with pytest.raises(SettingsError):
        from_bytes(b"x", input_format="pdf")


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-12-01", "2023-12-01"), ("2023-12-01T10:15:00Z", "2023-12-01"),
    ("2023-12-01 10:15:00+02:00", "2023-12-01"), (None, None), ("", None),
])
def test_published_dates(value, expected):
    assert normalize_date(value) == expected


@pytest.mark.parametrize("value", ["01/12/2023", "Dec 1, 2023", "2023-13-01", "2023-12-01junk", 20231201])
def test_bad_published_dates_are_refused(value):
    with pytest.raises(InputError) as exc:
        normalize_date(value, source="x")
    assert code_of(exc) == "bad_date"
    assert "YYYY-MM-DD" in exc.value.message


# --- HTML ------------------------------------------------------------------------------------------


def test_html_page_gives_text_and_metadata():
    doc = from_bytes(PAGE.encode(), input_format="html")
    assert "twelve villages" in doc.text and "field kitchens" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert doc.title == "Floods cut off hill villages"
    assert doc.published == "2024-03-05"
    assert doc.site == "The Valley Courier"
    assert doc.url == "https://valley-courier.example/news/floods-hill-villages"


def test_given_published_date_wins_over_html_metadata():
    assert from_bytes(PAGE.encode(), input_format="html", published="2024-03-06").published == "2024-03-06"


def test_html_without_article_text_is_refused():
    with pytest.raises(InputError) as exc:
        from_bytes(b"<html><head><title>Sign in</title></head><body><script>x()</script></body></html>",
                   input_format="html")
    assert code_of(exc) == "bad_html"


def test_html_file_is_picked_by_extension(tmp_path: Path):
    page = tmp_path / "floods.html"
    page.write_text(PAGE, encoding="utf-8")
    [doc] = read_inputs([str(page)], settings=S)
    assert isinstance(doc, Document) and doc.title == "Floods cut off hill villages"


# --- JSONL -----------------------------------------------------------------------------------------


def jsonl(*records: object) -> list[str]:
    return [r if isinstance(r, str) else json.dumps(r) for r in records]


def test_jsonl_keeps_order_and_yields_errors_in_place():
    lines = jsonl(
        {"id": "first", "text": EN, "published": "2024-02-03"},
        '{"id": "broken", "text": "unterminated',
        "",
        {"id": "third", "text": EN, "title": "Market struck", "url": "https://example.org/m"},
        ["not", "an", "object"],
    )
    out = list(iter_jsonl(lines, source="feed.jsonl", settings=S))
    assert [type(x).__name__ for x in out] == ["Document", "InputError", "Document", "InputError"]
    first, broken, third, listed = out
    assert (first.id, first.published, first.source) == ("first", "2024-02-03", "feed.jsonl:1")
    assert broken.code == "bad_json" and broken.message.startswith("feed.jsonl:2: ")
    assert broken.doc_id == "feed.jsonl:2"
    assert (third.id, third.title, third.url, third.source) == ("third", "Market struck",
                                                                "https://example.org/m", "feed.jsonl:4")
    assert listed.code == "bad_json"


@pytest.mark.parametrize("record", [
    {"id": "x"}, {"id": "x", "text": None}, {"id": "x", "text": 42}, {"id": "x", "html": ["<p>"]},
    {"id": ["x"], "text": EN}, {"id": "x", "text": EN, "title": 7},
])
def test_bad_records(record):
    [err] = iter_jsonl(jsonl(record), source="feed.jsonl", settings=S)
    assert isinstance(err, InputError) and err.code == "bad_record"
    assert "feed.jsonl:1" in err.message


def test_bad_date_in_record_names_the_record():
    [err] = iter_jsonl(jsonl({"id": "x7", "text": EN, "published": "1 Dec 2023"}), source="f", settings=S)
    assert err.code == "bad_date" and "x7" in err.message and err.doc_id == "x7"


def test_record_without_id_gets_its_line_as_id():
    [doc] = iter_jsonl(["", json.dumps({"text": EN})], source="feed.jsonl", settings=S)
    assert doc.id == "feed.jsonl:2"


def test_record_errors_carry_the_record_id():
    [err] = iter_jsonl(jsonl({"id": "es-1", "text": ES}), source="f", settings=S)
    assert err.code == "unsupported_language" and err.doc_id == "es-1" and "Spanish" in err.message


def test_record_with_html():
    [doc] = iter_jsonl(jsonl({"id": "h1", "html": PAGE}), source="f", settings=S)
    assert doc.id == "h1" and doc.published == "2024-03-05" and "twelve villages" in doc.text


def test_record_values_win_over_html_metadata():
    record = {"id": "h1", "html": PAGE, "published": "2024-03-07", "title": "Own title"}
    doc = document_from_record(record, source="f:1", settings=S)
    assert (doc.published, doc.title) == ("2024-03-07", "Own title")


def test_jsonl_site_or_outlet_names_who_published_it():
    lines = jsonl({"id": "a", "text": EN, "site": "Harbour Gazette"}, {"id": "b", "text": EN, "outlet": "Delta Wire"},
                  {"id": "c", "text": EN}, {"id": "d", "text": EN, "outlet": 7})
    a, b, c, d = iter_jsonl(lines, source="f.jsonl", settings=S)
    assert (a.site, b.site, c.site) == ("Harbour Gazette", "Delta Wire", None)
    assert d.code == "bad_record" and "'outlet'" in d.message


def test_oversized_jsonl_line_is_refused_and_the_rest_read(tmp_path: Path):
    path = tmp_path / "docs.jsonl"
    big = json.dumps({"id": "big", "text": "word " * 400})
    path.write_text("\n".join([json.dumps({"id": "a", "text": EN}), big,
                               json.dumps({"id": "b", "text": EN})]) + "\n", encoding="utf-8")
    out = list(read_inputs([str(path)], settings=Settings(max_bytes=1000)))
    assert [getattr(x, "id", None) or x.code for x in out] == ["a", "too_large", "b"]
    assert out[1].message.startswith(f"{path}:2: ")


def test_jsonl_lines_may_be_bytes_with_bad_utf8():
    out = list(iter_jsonl([b'{"id": "a", "text": "caf\xe9"}', json.dumps({"id": "b", "text": EN}).encode()],
                          source="f", settings=S))
    assert out[0].code == "bad_json" and "UTF-8" in out[0].message
    assert out[1].id == "b"


# --- read_inputs -----------------------------------------------------------------------------------


def test_read_inputs_goes_on_past_unreadable_paths(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    empty = tmp_path / "empty-dir"  # a directory is read recursively; an empty one is an error
    empty.mkdir()
    out = list(read_inputs([missing, str(empty), str(good)], settings=S))
    assert [x.code for x in out[:2]] == ["unreadable", "empty"]
    assert missing in out[0].message and "directory" in out[1].message
    assert out[0].doc_id == missing
    assert isinstance(out[2], Document) and out[2].text == EN


def test_read_inputs_refuses_big_files_without_reading_them(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"\x00" * 5000)
    [err] = read_inputs([str(path)], settings=Settings(max_bytes=1000))
    assert err.code == "too_large" and "5,000" in err.message


def test_read_inputs_published_is_a_default(tmp_path: Path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a", "text": EN}) + "\n"
                    + json.dumps({"id": "b", "text": EN, "published": "2024-01-02"}) + "\n", encoding="utf-8")
    text = tmp_path / "c.txt"
    text.write_text(EN, encoding="utf-8")
    out = list(read_inputs([str(path), str(text)], published="2024-05-06", settings=S))
    assert [d.published for d in out] == ["2024-05-06", "2024-01-02", "2024-05-06"]


def test_read_inputs_checks_run_wide_options_at_once():
    with pytest.raises(InputError) as exc:
        read_inputs(["x.txt"], published="yesterday", settings=S)
    assert code_of(exc) == "bad_date"
    with pytest.raises(SettingsError):
        read_inputs(["x.txt"], input_format="docx", settings=S)


@pytest.mark.parametrize(("data", "expected"), [
    (EN.encode(), "text"),
    (PAGE.encode(), "html"),
    (b"\n" + json.dumps({"id": "s1", "text": EN}).encode() + b"\n" + json.dumps({"text": EN}).encode(), "jsonl"),
])
def test_stdin_is_sniffed(data, expected):
    out = list(read_inputs(["-"], settings=S, stdin=io.BytesIO(data)))
    assert all(isinstance(d, Document) for d in out)
    if expected == "jsonl":
        assert [d.id for d in out] == ["s1", "<stdin>:3"]
    elif expected == "html":
        assert out[0].title == "Floods cut off hill villages"
    else:
        assert out[0].text == EN and out[0].id == "<stdin>"


def test_stdin_jsonl_with_a_long_first_line():
    record = {"id": "long", "text": EN * 3}
    out = list(read_inputs([], input_format="auto", settings=S, stdin=io.BytesIO(json.dumps(record).encode())))
    assert [d.id for d in out] == ["long"] and out[0].text == EN * 3


def test_empty_stdin():
    [err] = read_inputs(["-"], input_format="text", settings=S, stdin=io.BytesIO(b""))
    assert err.code == "empty" and err.message.startswith("<stdin>: ")


# --- properties ------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), fmt=st.sampled_from(["text", "html"]))
def test_arbitrary_bytes_give_a_document_or_an_input_error(data, fmt):
    try:
        doc = document_from_bytes(data, id="p", source="p", input_format=fmt, settings=S)
    except InputError as exc:
        assert exc.code in {"empty", "not_text", "unsupported_language", "bad_html", "too_large"}
    else:
        assert isinstance(doc, Document) and doc.text.strip() and "\r" not in doc.text


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.one_of(st.text(max_size=80), st.binary(max_size=80),
                                st.builds(lambda t: json.dumps({"id": "x", "text": t}), st.text(max_size=80)))))
def test_arbitrary_jsonl_gives_one_item_per_non_blank_line(lines):
    out = list(iter_jsonl(lines, source="f", settings=S))
    assert all(isinstance(x, Document | InputError) for x in out)
    # One item per line that is not blank; which bytes lines decode to blanks is the reader's business.
    assert sum(isinstance(ln, str) and bool(ln.strip()) for ln in lines) <= len(out) <= len(lines)
