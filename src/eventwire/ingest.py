"""Inputs to documents: plain text, HTML and JSONL records become ``Document``s.

Every problem with one input becomes an ``InputError`` with a code from
``errors.ERROR_CODES``.  The single-document functions raise it; the batch
readers (``iter_jsonl``, ``read_inputs``) *yield* it in the document's place, in
input order, so a run never stops and never silently drops an input.  Errors
made here carry ``.doc_id`` (the document id, or the source when no id is known) so
the caller can write ``{"id": ..., "error": ...}``.

The text of a ``Document`` is what every report offset refers to: newlines are
normalised to ``\\n`` and nothing else is changed.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
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

INPUT_FORMATS = ("auto", "text", "html", "jsonl")
STDIN_SOURCE = "<stdin>"

_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_SIZE_HINT = "split it or raise the limit with --max-bytes / EVENTWIRE_MAX_BYTES"
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
    source: str | None = None  # a path, "<stdin>", or "path:LINE" for a JSONL line


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
               url: str | None, settings: Settings) -> Document:
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
                   site=getattr(extracted, "sitename", None), settings=settings)


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
                       title: str | None = None, url: str | None = None, settings: Settings) -> Document:
    """A document from text already decoded (a JSONL record, an API call); raises ``InputError``."""
    published = normalize_date(published, source=source, id=id)
    _check_size(text, source=source, id=id, settings=settings)
    if "\x00" in text:
        raise _error("not_text", "the text contains NUL characters, so it looks like binary data; "
                     "give it plain text", source=source, id=id)
    return _finish(_normalize_text(text), id=id, source=source, published=published, title=title,
                   url=url, site=None, settings=settings)


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
    for key in ("title", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise _error("bad_record", f"'{key}' is a {type(value).__name__}; it must be a string",
                         source=source, id=doc_id)
        fields[key] = value or None
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


def _sniff(head: bytes) -> str:
    """The format of stdin from its first bytes: JSONL, HTML or text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"{": "jsonl", b"<": "html"}.get(start, "text")


def _unreadable(path: str, exc: OSError | None = None, why: str | None = None) -> InputError:
    reason = why or (exc.strerror if exc is not None and exc.strerror else str(exc))
    return _error("unreadable", f"cannot read the file ({reason}); check the path and its permissions",
                  source=path, id=path)


def read_inputs(paths: Sequence[str], *, input_format: str = "auto", published: str | None = None,
                settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Document | InputError]:
    """Documents, or ``InputError``s in their place, from files ("-" is stdin), in order.

    No paths means stdin.  ``input_format="auto"`` picks by extension (.html/.htm → html,
    .jsonl/.ndjson → jsonl, else text) and sniffs stdin.  ``published`` is the default date for
    documents that bring none.  A bad ``input_format`` or ``published`` raises at once (before any
    input is read): they concern the whole run, not one input.
    """
    if input_format not in INPUT_FORMATS:
        raise SettingsError(f"input format {input_format!r} is unknown; use one of {', '.join(INPUT_FORMATS)}")
    published = normalize_date(published, source="--published")
    return _read_inputs(list(paths) or ["-"], input_format, published, settings, stdin)


def _read_inputs(paths: list[str], input_format: str, published: str | None, settings: Settings,
                 stdin: BinaryIO | None) -> Iterator[Document | InputError]:
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, STDIN_SOURCE, input_format, published, settings)
            continue
        fmt = input_format
        if fmt == "auto":
            fmt = _EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")
        try:
            if os.path.isdir(path):
                yield _unreadable(path, why="it is a directory; give the files inside it")
                continue
            size = os.stat(path).st_size
            if fmt != "jsonl" and size > settings.max_bytes:  # refuse before reading a byte
                yield _error("too_large", f"the file is {size:,} bytes, more than the limit of "
                             f"{settings.max_bytes:,}; {_SIZE_HINT}", source=path, id=path)
                continue
            with open(path, "rb") as f:
                yield from _read_stream(f, path, fmt, published, settings)
        except OSError as exc:
            yield _unreadable(path, exc)


def _read_stream(stream: BinaryIO, source: str, fmt: str, published: str | None,
                 settings: Settings) -> Iterator[Document | InputError]:
    head = b""
    if fmt == "auto":  # only stdin gets here: sniff its first bytes, then read on from them
        head = stream.read(64)
        fmt = _sniff(head)
    if fmt == "jsonl":
        for item in iter_jsonl(_read_lines(_Prefixed(head, stream), settings.max_bytes),
                               source=source, settings=settings):
            if isinstance(item, Document) and item.published is None:
                item.published = published
            yield item
        return
    # Read one byte past the limit: a pipe or special file has no size to check beforehand.
    data = head + stream.read(max(0, settings.max_bytes + 1 - len(head)))
    yield _guarded(source, document_from_bytes, data, id=source, source=source, input_format=fmt,
                   published=published, settings=settings)


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
