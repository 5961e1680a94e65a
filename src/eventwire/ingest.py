"""Inputs to documents: plain text, HTML, JSONL, CSV, RSS/Atom feeds and WARC files become ``Document``s.

Every problem with one input becomes an ``InputError`` with a code from
``errors.ERROR_CODES``.  The single-document functions raise it; the batch
readers (``iter_jsonl``, ``read_inputs``) *yield* it in the document's place, in
input order, so a run never stops and never silently drops an input.  Errors
made here carry ``.doc_id`` (the document id, or the source when no id is known) so
the caller can write ``{"id": ..., "error": ...}``.

A directory is read recursively, one file at a time.  A corpus file (JSONL, CSV, feed, WARC) gives
one document per record; each record's source is ``path:N`` (the line a JSONL record or CSV row
starts on, the feed entry's or WARC record's number), and its id is the record's own id when it has
one, else that source.  Nothing here ever touches the network.

The text of a ``Document`` is what every report offset refers to: newlines are
normalised to ``\\n`` and nothing else is changed.
"""

from __future__ import annotations

import codecs
import csv
import email.utils
import io
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, BinaryIO, Protocol

from .errors import InputError, SettingsError
from .settings import Settings

__all__ = [
    "Document",
    "detect_language",
    "document_from_bytes",
    "document_from_record",
    "document_from_text",
    "iter_jsonl",
    "normalize_date",
    "read_inputs",
]

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "csv", "feed", "warc")
STDIN_SOURCE = "<stdin>"

# "xml" is internal: a .xml file is read as a feed when it is one, else as text (as before feeds).
_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".csv": "csv", ".rss": "feed", ".atom": "feed", ".xml": "xml", ".warc": "warc"}
# Read record by record: the size limit applies to each record, not to the whole file.
_STREAMED = frozenset({"jsonl", "csv", "warc"})
_SIZE_HINT = "split it or raise the limit with --max-bytes / EVENTWIRE_MAX_BYTES"
_CHARS_HINT = "split it or raise the limit with --max-chars / EVENTWIRE_MAX_CHARS"
_LANG_HINT = "eventwire's models read English only; translate it first, or set EVENTWIRE_CHECK_LANGUAGE=0"


@dataclass
class Document:
    """One article ready for the pipeline; report offsets index into ``text``."""

    id: str
    text: str
    published: str | None = None  # ISO date YYYY-MM-DD
    title: str | None = None
    url: str | None = None
    site: str | None = None
    source: str | None = None  # a path, "<stdin>", or "path:N" for a record (JSONL/CSV line, feed entry, WARC record)


def _error(code: str, message: str, *, source: str | None, id: str | None) -> InputError:
    if id is not None and id != source:  # a JSONL record: name it by its id as well as its line
        message = f"record {id!r}: {message}"
    # The batch writes {"id": ..., "error": ...}; the id must travel with the error.
    return InputError(message, code=code, source=source, doc_id=id if id is not None else source)


# --- dates -----------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def normalize_date(value: object, *, source: str | None = None, id: str | None = None) -> str | None:
    """``YYYY-MM-DD`` (a full ISO datetime is cut to its date), None for None/""; else ``bad_date``."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        s = value.strip()
        if _ISO_DATE.match(s):
            try:
                date.fromisoformat(s[:10])
                if len(s) > 10:  # the rest must be a real time, not "2023-12-01garbage"
                    datetime.fromisoformat(s)
                return s[:10]
            except ValueError:
                pass
    raise _error("bad_date", f"published {value!r} is not an ISO date; write it as YYYY-MM-DD, "
                 "e.g. 2023-12-01", source=source, id=id)


# --- bytes to text ---------------------------------------------------------------------------------

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
_ASCII_BYTES = bytes(range(0x80))
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode(data: bytes, *, html: bool) -> str | None:
    """The text of ``data``, or None when it is not text in any encoding we trust."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:  # binary, or BOM-less UTF-16/32, which we cannot tell from binary
        return None
    try:
        return data.decode("utf-8")  # the common case, and strict UTF-8 practically never misfires
    except UnicodeDecodeError:
        pass
    if html:  # a page's own <meta charset> beats guessing
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                return data.decode(m.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    # charset-normalizer mistakes short Western texts for cp1250/cp852, so try cp1252 (a superset of
    # Latin-1's printable range and the usual legacy news encoding) first when the non-ASCII bytes are
    # sparse, as they are in English; dense high bytes mean another script: let charset-normalizer judge.
    high = len(data.translate(None, _ASCII_BYTES))  # how many bytes are >= 0x80
    if high <= 0.2 * len(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    import charset_normalizer  # deferred: only legacy-encoded inputs pay its import

    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def _check_size(text: str, *, source: str, id: str, settings: Settings) -> None:
    limit = settings.max_bytes
    # Encoding costs a copy: skip it when the length alone decides (1 to 4 UTF-8 bytes a character).
    if len(text) * 4 <= limit:
        return
    if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
        raise _error("too_large", f"the text is more than the limit of {limit:,} bytes; {_SIZE_HINT}",
                     source=source, id=id)


def check_chars(text: str, *, source: str, id: str | None, settings: Settings) -> None:
    """Refuse a text longer than ``max_chars`` (the pipeline's cost grows with its length)."""
    if len(text) > settings.max_chars:
        raise _error("too_large", f"the text is {len(text):,} characters, more than the limit of "
                     f"{settings.max_chars:,} characters; {_CHARS_HINT}", source=source, id=id)


# --- language --------------------------------------------------------------------------------------

# Frequent English function words.  "a", "in", "an" and "will" are left out: they are as frequent in
# Spanish, Italian or German; the few shared ones kept ("on", "is", "was") add little there.
_ENGLISH_WORDS = frozenset({
    "the", "of", "and", "to", "on", "is", "was", "that", "with", "said", "were", "from",
    "for", "by", "has", "have", "had", "been", "which", "who", "this", "their", "would", "after", "its",
    "they", "but", "are", "not", "at", "it", "his", "her", "than", "be", "or", "we", "our", "there",
    "also", "as",
})
_LANGUAGE_NAMES = {
    "es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese", "nl": "Dutch",
    "ca": "Catalan", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic", "he": "Hebrew", "fa": "Persian",
    "tr": "Turkish", "pl": "Polish", "ro": "Romanian", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "fi": "Finnish", "el": "Greek", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "hi": "Hindi",
    "ur": "Urdu", "id": "Indonesian", "ms": "Malay", "sw": "Swahili", "cs": "Czech", "hu": "Hungarian",
}
_LANG_PREFIX = 2000  # characters: enough to judge, and bounds the cost on long texts
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    # Loaded once per process (~0.7 s), and only when the cheap word test cannot decide.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    load = getattr(LanguageIdentifier, "from_model_file", None) or LanguageIdentifier.from_pickled_model
    return load(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) when ``text`` is clearly not English, else None."""
    prefix = text[:_LANG_PREFIX]
    letters = [c for c in prefix if c.isalpha()]
    if not letters:
        return None
    latin = sum(1 for c in letters if c < "\u0250")
    if latin >= 0.5 * len(letters):
        words = _WORD.findall(prefix.lower())
        # Headlines and name lists are too short or too name-heavy to judge: let them through.
        if len(words) < 6 or sum(w in _ENGLISH_WORDS for w in words) >= 0.12 * len(words):
            return None
    elif len(letters) < 3:
        return None
    lang, prob = _language_identifier().classify(prefix)
    # A Latin-script text with few English words is refused only when langid is fairly sure.
    if lang == "en" or (latin >= 0.5 * len(letters) and prob < 0.5):
        return None
    return str(lang), float(prob)


def _check_language(text: str, *, source: str, id: str, settings: Settings) -> None:
    if not settings.check_language:
        return
    found = detect_language(text)
    if found:
        lang, prob = found
        name = _LANGUAGE_NAMES.get(lang, f"language '{lang}'")
        raise _error("unsupported_language", f"the text looks like {name} ({lang}, p={prob:.2f}), "
                     f"not English; {_LANG_HINT}", source=source, id=id)


# --- documents -------------------------------------------------------------------------------------


_SURROGATE = re.compile("[\ud800-\udfff]")


def _normalize_text(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if _SURROGATE.search(text):  # lone surrogates (from JSON "\\ud800") cannot be written out as UTF-8
        text = _SURROGATE.sub("\ufffd", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _finish(text: str, *, id: str, source: str, published: str | None, title: str | None,
            url: str | None, site: str | None, settings: Settings) -> Document:
    """Checks shared by every route, on the final text the offsets will refer to."""
    check_chars(text, source=source, id=id, settings=settings)
    if len(_BAD_CONTROLS.findall(text)) > len(text) // 100:  # a stray control char is tolerated, binary not
        raise _error("not_text", "the input is full of control characters, so it looks like binary data "
                     "(an image, PDF or archive?), not text; convert it to UTF-8 text first",
                     source=source, id=id)
    if not text.strip():
        raise _error("empty", "the input holds only whitespace; give it the article text",
                     source=source, id=id)
    _check_language(text, source=source, id=id, settings=settings)
    return Document(id=id, text=text, published=published, title=title, url=url, site=site, source=source)


def _from_html(html: str, *, id: str, source: str, published: str | None, title: str | None,
               url: str | None, settings: Settings, site: str | None = None) -> Document:
    import trafilatura  # deferred: plain-text runs should not pay lxml/trafilatura start-up

    try:
        # Content is passed in, so trafilatura never fetches anything; extensive date search is off
        # because it takes dates from the article body, which are event dates, not publication dates.
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # lxml and trafilatura raise many types on hostile markup
        raise _error("bad_html", f"the HTML could not be parsed ({type(exc).__name__}: {exc}); "
                     "check that it is an HTML page", source=source, id=id) from exc
    text = _normalize_text(getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not text.strip():
        raise _error("bad_html", "no article text could be extracted from the HTML; check that the page "
                     "holds the article itself (not a login wall or a script-only page), or pass the text "
                     "as plain text", source=source, id=id)
    meta_date = getattr(extracted, "date", None)
    if published is None and isinstance(meta_date, str):
        try:
            published = normalize_date(meta_date)
        except InputError:
            published = None  # a malformed metadata date is no reason to refuse the article
    return _finish(text, id=id, source=source, published=published,
                   title=title or getattr(extracted, "title", None),
                   url=url or getattr(extracted, "url", None),
                   site=site or getattr(extracted, "sitename", None), settings=settings)


def document_from_bytes(data: bytes, *, id: str, source: str, input_format: str = "text",
                        published: str | None = None, settings: Settings) -> Document:
    """A document from raw file bytes (``input_format`` "text" or "html"); raises ``InputError``."""
    if input_format not in ("text", "html"):
        raise SettingsError(f"document_from_bytes reads 'text' or 'html', not {input_format!r}; "
                            "use iter_jsonl for JSONL")
    published = normalize_date(published, source=source, id=id)
    # Size first: nothing heavy happens to an input we are going to refuse anyway.
    if len(data) > settings.max_bytes:
        raise _error("too_large", f"the input is {len(data):,} bytes, more than the limit of "
                     f"{settings.max_bytes:,}; {_SIZE_HINT}", source=source, id=id)
    if not data:
        raise _error("empty", "the input is empty (0 bytes); give it the article text", source=source, id=id)
    text = _decode(data, html=input_format == "html")
    if text is None:
        raise _error("not_text", "the input is binary data (it has NUL bytes or no known encoding fits), "
                     "not text; convert it to UTF-8 text first (UTF-16 text needs a byte-order mark)",
                     source=source, id=id)
    if input_format == "html":
        return _from_html(text, id=id, source=source, published=published, title=None, url=None,
                          settings=settings)
    return _finish(_normalize_text(text), id=id, source=source, published=published, title=None,
                   url=None, site=None, settings=settings)


def document_from_text(text: str, *, id: str, source: str, published: str | None = None,
                       title: str | None = None, url: str | None = None, settings: Settings,
                       site: str | None = None) -> Document:
    """A document from text already decoded (a JSONL record, an API call); raises ``InputError``."""
    published = normalize_date(published, source=source, id=id)
    _check_size(text, source=source, id=id, settings=settings)
    if "\x00" in text:
        raise _error("not_text", "the text contains NUL characters, so it looks like binary data; "
                     "give it plain text", source=source, id=id)
    return _finish(_normalize_text(text), id=id, source=source, published=published, title=title,
                   url=url, site=site, settings=settings)


def document_from_record(record: object, *, source: str, settings: Settings) -> Document:
    """A document from one parsed JSONL record (see SCHEMA.md); raises ``InputError``.

    A record without an id gets ``source`` (``path:LINE``) as its id, so its report can be matched.
    """
    if not isinstance(record, dict):
        raise _error("bad_json", f"the line is JSON but a {type(record).__name__}, not an object; write "
                     'one object a line, e.g. {"id": "a1", "text": "..."}', source=source, id=source)
    raw_id = record.get("id")
    if raw_id is None:
        doc_id = source
    elif isinstance(raw_id, str) and raw_id:
        doc_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)  # numeric ids are common in exports; the report carries them as strings
    else:
        raise _error("bad_record", f"'id' is {raw_id!r}; it must be a non-empty string",
                     source=source, id=source)
    fields: dict[str, str | None] = {}
    # "site" (or "outlet", as news datasets often call it): who published it, shown as the report's outlet
    for key, name in (("title", "title"), ("url", "url"), ("site", "site"), ("outlet", "site")):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise _error("bad_record", f"'{key}' is a {type(value).__name__}; it must be a string",
                         source=source, id=doc_id)
        fields[name] = fields.get(name) or value or None
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise _error("bad_date", f"'published' is {published!r}; write it as a string "
                     "YYYY-MM-DD", source=source, id=doc_id)
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str):
        return document_from_text(text, id=doc_id, source=source, published=published,
                                  settings=settings, **fields)
    if isinstance(html, str):
        published = normalize_date(published, source=source, id=doc_id)
        _check_size(html, source=source, id=doc_id, settings=settings)
        return _from_html(html, id=doc_id, source=source, published=published, settings=settings, **fields)
    found = ", ".join(f"{k}: {type(record[k]).__name__}" for k in ("text", "html") if k in record)
    raise _error("bad_record", f"there is no 'text' or 'html' string ({found or 'neither field'}); "
                 "give the article as \"text\" (or the page as \"html\")", source=source, id=doc_id)


# --- batches ---------------------------------------------------------------------------------------


def iter_jsonl(lines: Iterable[bytes | str], *, source: str,
               settings: Settings) -> Iterator[Document | InputError]:
    """One document or ``InputError`` per non-blank line, in order; sources are ``source:LINE``."""
    for lineno, line in enumerate(lines, 1):
        where = f"{source}:{lineno}"
        if len(line) > settings.max_bytes:  # before decoding or parsing; str length is a lower bound
            yield _error("too_large", f"the line is over {settings.max_bytes:,} bytes; {_SIZE_HINT}",
                         source=where, id=where)
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield _error("bad_json", f"the line is not UTF-8 (byte {exc.start + 1}); JSONL must be "
                             "UTF-8 text", source=where, id=where)
                continue
        if not line.strip():
            continue  # blank lines separate nothing and are not documents
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _error("bad_json", f"the line is not valid JSON ({exc.msg} at column {exc.colno}); write "
                         'one object a line, e.g. {"id": "a1", "text": "..."}', source=where, id=where)
            continue
        except (ValueError, RecursionError) as exc:
            yield _error("bad_json", f"the line is not valid JSON ({exc}); write one object a line",
                         source=where, id=where)
            continue
        yield _guarded(where, document_from_record, record, source=where, settings=settings)


def _guarded(where: str, make: Callable[..., Document], *args: Any, **kwargs: Any) -> Document | InputError:
    """Run one document's ingestion; an unexpected failure becomes an error line, not a crash."""
    try:
        return make(*args, **kwargs)
    except InputError as exc:
        return exc
    except Exception as exc:  # a bug here must not stop the batch; the message asks for a report
        return _error("internal", f"unexpected {type(exc).__name__}: {exc}; please report this with the "
                      "input", source=where, id=where)


class _LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _read_lines(stream: _LineReader, limit: int) -> Iterator[bytes]:
    """Lines of a binary stream, each read at most ``limit + 1`` bytes deep.

    A longer line is yielded cut to ``limit + 1`` bytes (so ``iter_jsonl`` refuses it as too large)
    and the rest of it is skipped, so one huge line never has to fit in memory.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):
                rest = stream.readline(1 << 20)
        yield line


_FEED_START = re.compile(rb"(?:<\?xml[^>]*>|<!--.*?-->|<\?xml-stylesheet[^>]*>|\s)*<(?:rss|feed|rdf:RDF)\b", re.S)


def _sniff(head: bytes) -> str:
    """The format of stdin from its first bytes: WARC, feed, JSONL, HTML or text."""
    if head.startswith((b"WARC/", b"\x1f\x8b")):  # a gzipped WARC is the only compressed input we read
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _FEED_START.match(start):
        return "feed"
    return {b"{": "jsonl", b"<": "html"}.get(start[:1], "text")


def _format_of(path: str) -> str:
    """The format of a file from its name (see ``read_inputs``)."""
    lower = path.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    return _EXTENSIONS.get(os.path.splitext(lower)[1], "text")


def _unreadable(path: str, exc: OSError | None = None, why: str | None = None) -> InputError:
    reason = why or (exc.strerror if exc is not None and exc.strerror else str(exc))
    return _error("unreadable", f"cannot read the file ({reason}); check the path and its permissions",
                  source=path, id=path)


def read_inputs(paths: Sequence[str], *, input_format: str = "auto", published: str | None = None,
                settings: Settings, stdin: BinaryIO | None = None,
                follow_links: bool = False) -> Iterator[Document | InputError]:
    """Documents, or ``InputError``s in their place, from files ("-" is stdin), in order.

    No paths means stdin.  A directory is read recursively in sorted order, skipping hidden files
    and folders; a symbolic link in it to a file outside it is refused (``unreadable``) unless
    ``follow_links``.  ``input_format="auto"`` picks by extension (.html/.htm/.xhtml → html,
    .jsonl/.ndjson → jsonl, .csv → csv, .rss/.atom → feed, .xml → feed if it is one, else text,
    .warc/.warc.gz → warc, anything else → text) and sniffs stdin; a named format applies to every
    file, those in directories included.  ``published`` is the default date for documents that bring
    none.  A bad ``input_format`` or ``published`` raises at once (before any input is read): they
    concern the whole run, not one input.
    """
    if input_format not in INPUT_FORMATS:
        raise SettingsError(f"input format {input_format!r} is unknown; use one of {', '.join(INPUT_FORMATS)}")
    published = normalize_date(published, source="--published")
    return _read_inputs(list(paths) or ["-"], input_format, published, settings, stdin, follow_links)


def _read_inputs(paths: list[str], input_format: str, published: str | None, settings: Settings,
                 stdin: BinaryIO | None, follow_links: bool = False) -> Iterator[Document | InputError]:
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, STDIN_SOURCE, input_format, published, settings)
        elif os.path.isdir(path):
            yield from _read_directory(path, input_format, published, settings, follow_links)
        else:
            yield from _read_file(path, input_format, published, settings)


def _read_file(path: str, fmt: str, published: str | None, settings: Settings) -> Iterator[Document | InputError]:
    if fmt == "auto":
        fmt = _format_of(path)
    try:
        size = os.stat(path).st_size
        if fmt not in _STREAMED and size > settings.max_bytes:  # refuse before reading a byte
            yield _error("too_large", f"the file is {size:,} bytes, more than the limit of "
                         f"{settings.max_bytes:,}; {_SIZE_HINT}", source=path, id=path)
            return
        with open(path, "rb") as f:
            yield from _read_stream(f, path, fmt, published, settings)
    except OSError as exc:
        yield _unreadable(path, exc)


def _read_directory(root: str, fmt: str, published: str | None, settings: Settings,
                    follow_links: bool = False) -> Iterator[Document | InputError]:
    found = False
    for item in _walk(root, None if follow_links else os.path.realpath(root)):
        found = True
        if isinstance(item, InputError):
            yield item
        else:
            yield from _read_file(item, fmt, published, settings)
    if not found:  # an empty folder is most likely a wrong path: say so rather than print nothing
        yield _error("empty", "the directory holds no files to read (hidden files and folders are skipped)",
                     source=root, id=root)


def _walk(directory: str, inside: str | None = None) -> Iterator[str | InputError]:
    """Regular files under ``directory``, depth first in name order; hidden entries are left out.

    Symbolic links to files are read; links to folders are not followed (they can loop).  With
    ``inside`` (the real path of the tree read), a link to a file outside it is refused: a tree
    someone else can write to must not make the run read, say, ~/.ssh (``--follow-links`` allows it).
    """
    try:
        with os.scandir(directory) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield _unreadable(directory, exc)
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, inside)
            elif entry.is_file():  # not FIFOs, sockets or devices: opening one could block forever
                if inside is not None and entry.is_symlink():
                    target = os.path.realpath(entry.path)
                    if os.path.commonpath([target, inside]) != inside:
                        yield _error("unreadable", f"the symbolic link points outside the directory read (to "
                                     f"{target}); not read: pass --follow-links to read such links",
                                     source=entry.path, id=entry.path)
                        continue
                yield entry.path
        except OSError as exc:
            yield _unreadable(entry.path, exc)


def _read_stream(stream: BinaryIO, source: str, fmt: str, published: str | None,
                 settings: Settings) -> Iterator[Document | InputError]:
    head = b""
    if fmt == "auto":  # only stdin gets here: sniff its first bytes, then read on from them
        head = stream.read(512)
        fmt = _sniff(head)
    if fmt == "jsonl":
        for item in iter_jsonl(_read_lines(_Prefixed(head, stream), settings.max_bytes),
                               source=source, settings=settings):
            if isinstance(item, Document) and item.published is None:
                item.published = published
            yield item
        return
    if fmt == "csv":
        yield from _read_csv(_Prefixed(head, stream), source, published, settings)
        return
    if fmt == "warc":
        from .warc import read_warc  # WARC reading lives in its own module (it imports this one)

        yield from read_warc(_Prefixed(head, stream), source, published, settings)
        return
    # Read one byte past the limit: a pipe or special file has no size to check beforehand.
    data = head + stream.read(max(0, settings.max_bytes + 1 - len(head)))
    if fmt in ("feed", "xml"):
        yield from _read_feed(data, source, published, settings, or_text=fmt == "xml")
        return
    yield _guarded(source, document_from_bytes, data, id=source, source=source, input_format=fmt,
                   published=published, settings=settings)


def _unique(doc_id: str | None, where: str, seen: set[str]) -> str:
    """``doc_id``, or ``where`` when it is missing or already taken in this file (a recrawl, a reposted entry)."""
    if not doc_id or doc_id in seen:
        doc_id = where
    seen.add(doc_id)
    return doc_id


# --- CSV -------------------------------------------------------------------------------------------


class _BadLine(Exception):
    """A CSV line that cannot be read (too long, not UTF-8); the row it belongs to is refused."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class _CsvLines:
    """Decoded lines of a binary stream for ``csv.reader``, numbered, each read at most the size limit deep.

    An iterator class rather than a generator: it must survive raising ``_BadLine`` so that reading
    can go on with the next line.
    """

    def __init__(self, stream: _LineReader, limit: int) -> None:
        self._stream, self._limit, self.lineno = stream, limit, 0

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        line = self._stream.readline(self._limit + 1)
        if not line:
            raise StopIteration
        self.lineno += 1
        if len(line) > self._limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest: one huge line never fills memory
                line = self._stream.readline(1 << 20)
            raise _BadLine("too_large", f"line {self.lineno} is over {self._limit:,} bytes; {_SIZE_HINT}")
        try:
            return line.decode("utf-8-sig" if self.lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise _BadLine("not_text", f"line {self.lineno} is not UTF-8 (byte {exc.start + 1}); save the "
                           "CSV as UTF-8") from None


def _read_csv(stream: _LineReader, source: str, published: str | None,
              settings: Settings) -> Iterator[Document | InputError]:
    """One document per row of a CSV with a header row naming a ``text`` column; sources are ``source:LINE``."""
    # Articles are longer than csv's default field limit (128 KiB); raise it, never lower it.
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_bytes))
    lines = _CsvLines(stream, settings.max_bytes)
    reader = csv.reader(lines)
    header: list[str] | None = None
    rows = 0
    while True:
        where = f"{source}:{lines.lineno + 1}"  # the reader reads no further than the row it returns
        try:
            row = next(reader)
        except StopIteration:
            break
        except (_BadLine, csv.Error) as exc:
            code = exc.code if isinstance(exc, _BadLine) else "bad_record"
            if isinstance(exc, csv.Error) and "field larger" in str(exc):
                code = "too_large"
            yield _error(code, f"the row cannot be read ({exc})", source=where, id=where)
            if header is None:
                return  # without its header no row can be understood
            reader = csv.reader(lines)  # a fresh reader: the broken row's quoting state goes with the old one
            continue
        if not any(cell.strip() for cell in row):
            continue  # blank lines separate nothing and are not documents
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if "text" not in header:
                yield _error("bad_record", f"the header row {row!r} has no 'text' column; the first row must "
                             "name the columns: 'text', and optionally 'id', 'published', 'title', 'url'",
                             source=source, id=source)
                return
            continue
        rows += 1
        yield _guarded(where, _csv_document, where, row, header, published=published, settings=settings)
    if header is None:
        yield _error("empty", "the CSV is empty; give it a header row naming a 'text' column, then one row "
                     "per article", source=source, id=source)
    elif not rows:
        yield _error("empty", "the CSV has a header row but no rows", source=source, id=source)


def _csv_document(where: str, row: list[str], header: list[str], *, published: str | None,
                  settings: Settings) -> Document:
    cells: dict[str, str] = {}
    for name, cell in zip(header, row, strict=False):  # a short row leaves its last columns out
        cells.setdefault(name, cell)  # of a repeated column name, the first counts
    doc_id = cells.get("id", "").strip() or where
    if len(row) > len(header):  # most often an unquoted comma in the text, which would cut it short
        raise _error("bad_record", f"the row has {len(row)} cells but the header {len(header)}; quote cells "
                     'that hold commas ("...")', source=where, id=doc_id)
    if "text" not in cells:
        raise _error("bad_record", f"the row has no 'text' cell (it has {len(row)} of the header's "
                     f"{len(header)} cells)", source=where, id=doc_id)
    return document_from_text(cells["text"], id=doc_id, source=where,
                              published=cells.get("published", "").strip() or published,
                              title=cells.get("title", "").strip() or None,
                              url=cells.get("url", "").strip() or None, settings=settings)


# --- RSS and Atom feeds ----------------------------------------------------------------------------

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
})


class _TextOfHtml(HTMLParser):
    """The text of an HTML fragment: tags dropped, entities decoded, one paragraph per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.blocks[-1].append(data)

    def text(self) -> str:
        paragraphs = (" ".join("".join(block).split()) for block in self.blocks)
        return "\n\n".join(p for p in paragraphs if p)


def _html_to_text(fragment: str) -> str:
    # A feed carries the article body itself, not a page: there is no boilerplate to remove, and
    # trafilatura's page heuristics drop short summaries, so plain tag stripping serves better.
    parser = _TextOfHtml()
    parser.feed(fragment)
    parser.close()
    return parser.text()


def _read_feed(data: bytes, source: str, published: str | None, settings: Settings, *,
               or_text: bool) -> Iterator[Document | InputError]:
    """One document per entry of an RSS or Atom feed; sources are ``source:N``, N counting entries from 1.

    With ``or_text`` (a .xml file) an input that is not a feed is read as plain text, as it was before.
    """
    if len(data) > settings.max_bytes:
        yield _error("too_large", f"the feed is more than the limit of {settings.max_bytes:,} bytes; "
                     f"{_SIZE_HINT}", source=source, id=source)
        return
    import feedparser  # deferred: only feed inputs pay its import

    try:
        # A stream, never a path or a string: given those, feedparser may open a file or fetch a URL.
        parsed = feedparser.parse(io.BytesIO(data))
        why = parsed.get("bozo_exception")
        is_feed = bool(parsed.get("version"))
    except Exception as exc:  # the XML parsers raise many types on hostile input
        parsed, why, is_feed = None, exc, False
    if not is_feed or parsed is None:
        if or_text:
            yield _guarded(source, document_from_bytes, data, id=source, source=source, input_format="text",
                           published=published, settings=settings)
            return
        reason = f" ({_brief(why)})" if isinstance(why, Exception) else ""
        yield _error("bad_record", f"the input is not an RSS or Atom feed{reason}; check that it is one, or "
                     "pick its format with --input-format", source=source, id=source)
        return
    if not parsed.entries:
        yield _error("empty", "the feed has no entries", source=source, id=source)
        return
    site = parsed.feed.get("title") or None
    seen: set[str] = set()
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}:{n}"
        yield _guarded(where, _feed_document, where, entry, site=site, published=published,
                       seen=seen, settings=settings)


def _feed_document(where: str, entry: Any, *, site: str | None, published: str | None, seen: set[str],
                   settings: Settings) -> Document:
    doc_id = _unique(entry.get("id") or entry.get("link"), where, seen)
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    detail = contents[0] if contents else entry.get("summary_detail")  # content:encoded beats description
    value = detail.get("value") if detail else None
    if not value:
        raise _error("empty", "the entry has no content or summary text", source=where, id=doc_id)
    text = _html_to_text(value) if "html" in (detail.get("type") or "") else value
    title = entry.get("title") or None
    if title and "html" in (entry.get("title_detail", {}).get("type") or ""):
        title = _html_to_text(title) or None
    link = entry.get("link") or ""  # feedparser falls back on the entry id, which may be a urn
    doc = document_from_text(text, id=doc_id, source=where, published=_entry_date(entry) or published,
                             title=title, url=link if link.startswith(("http://", "https://")) else None,
                             settings=settings)
    doc.site = site
    return doc


def _entry_date(entry: Any) -> str | None:
    """The entry's publication date (else its update date) as YYYY-MM-DD, in the feed's own time zone."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            try:
                return normalize_date(raw)  # Atom: ISO 8601
            except InputError:
                pass
            try:  # RSS: RFC 822; its own date, not the UTC one feedparser computes
                return email.utils.parsedate_to_datetime(raw.strip()).date().isoformat()
            except (TypeError, ValueError, IndexError):
                pass
        parsed = entry.get(f"{key}_parsed")  # feedparser understood a format we do not: take its UTC date
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None  # a missing or malformed date is no reason to refuse the entry


def _brief(exc: Exception) -> str:
    """An exception for a message: warcio quotes the bytes it choked on, which may be binary."""
    text = "".join(c if c.isprintable() else "?" for c in str(exc))
    return f"{type(exc).__name__}: {text[:150]}{'...' if len(text) > 150 else ''}"


class _Prefixed:
    """A binary stream with some already-read bytes put back in front (for sniffed stdin)."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head, self._stream = head, stream

    def readline(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._stream.readline(size)
        cut = self._head.find(b"\n") + 1 or len(self._head)
        if 0 <= size < cut:
            cut = size
        line, self._head = self._head[:cut], self._head[cut:]
        if line.endswith(b"\n") or self._head or len(line) == size:
            return line
        # The put-back bytes end mid-line: the rest of the line is still in the stream.
        return line + self._stream.readline(-1 if size < 0 else size - len(line))

    def read(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._stream.read(size)
        if size < 0:
            data, self._head = self._head, b""
            return data + self._stream.read()
        data, self._head = self._head[:size], self._head[size:]
        return data  # a short read, as a pipe's can be; readers go on until they get b""
