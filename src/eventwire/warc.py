"""WARC files: one document per HTML or plain-text response record (see ``ingest.read_inputs``).

    read_warc(stream, source, published, settings) -> Iterator[Document | InputError]

warcio reads a header line whole, growing it block by block: a gzipped WARC of 200 kB holding one
200 MB header line took 806 MB.  Here every header line is read in pieces of at most
``MAX_HEADER_LINE`` bytes and the rest of a longer one is dropped as it is read, and a record's header
lines beyond ``MAX_HEADER_LINES`` are dropped too; such a record is refused with ``bad_record`` and
the file is read on.  Memory stays bounded by the block size, whatever the file holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.statusandheaders import StatusAndHeadersParser

from .errors import InputError
from .ingest import (
    _SIZE_HINT,
    Document,
    _brief,
    _decode,
    _error,
    _from_html,
    _guarded,
    _Prefixed,
    _unique,
    document_from_text,
    normalize_date,
)
from .settings import Settings

__all__ = ["MAX_HEADER_LINE", "MAX_HEADER_LINES", "read_warc"]

MAX_HEADER_LINE = 64 * 1024  # bytes of one WARC or HTTP header line (a long URL is a few kB)
MAX_HEADER_LINES = 1024  # header lines of one record's WARC or HTTP headers
_BLOCK = 4096  # compressed bytes read at a time


class _Lines:
    """What the bounded readers dropped while the current record was read."""

    def __init__(self) -> None:
        self.too_long = 0
        self.too_many = 0


def _bounded_line(read: Callable[[int], bytes], lines: _Lines) -> bytes:
    """One line through ``read(size)`` (a readline with a size), at most MAX_HEADER_LINE bytes of it:
    a longer line is cut there (its end kept) and the rest of it read and dropped, piece by piece."""
    parts: list[bytes] = []
    size = 0
    while True:
        piece = read(MAX_HEADER_LINE - size)
        if not piece:
            break
        parts.append(piece)
        size += len(piece)
        if piece.endswith(b"\n"):
            break
        if size >= MAX_HEADER_LINE:
            lines.too_long += 1
            while True:
                rest = read(MAX_HEADER_LINE)
                if not rest or rest.endswith(b"\n"):
                    break
            parts.append(b"\r\n")
            break
    return b"".join(parts)


class _BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader, but a line read without a size (the status line and the blank lines between
    records) is bounded as ``_bounded_line`` bounds it."""

    def __init__(self, *args: Any, lines: _Lines, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines

    def readline(self, length: int | None = None) -> bytes:
        if length is not None and length >= 0:
            return bytes(super().readline(length))  # a LimitReader's or chunk reader's bounded read
        return _bounded_line(super().readline, self.lines)


class _LineCap:
    """A stream for the header parsers: each line bounded (read through the stream, so a LimitReader
    still counts every byte); past MAX_HEADER_LINES lines, only a Content-Length line is passed on
    (warcio frames the record by it) and the others are dropped up to the blank line ending them."""

    def __init__(self, stream: Any, lines: _Lines) -> None:
        self.stream, self.lines, self.count = stream, lines, 0

    def readline(self, length: int | None = None) -> bytes:
        while True:
            line = _bounded_line(self.stream.readline, self.lines)
            self.count += 1
            if self.count <= MAX_HEADER_LINES or not line.strip() or line[:15].lower() == b"content-length:":
                return line
            self.lines.too_many += 1


class _BoundedParser(StatusAndHeadersParser):  # type: ignore[misc]
    def __init__(self, statuslist: list[str], verify: bool = True, *, lines: _Lines) -> None:
        super().__init__(statuslist, verify)
        self.lines = lines

    def parse(self, stream: Any, full_statusline: Any = None) -> Any:
        return super().parse(_LineCap(stream, self.lines), full_statusline)


class _Records:
    """ArchiveIterator with bounded header reading; ``lines`` says what was dropped."""

    def __init__(self, stream: Any) -> None:
        self.lines = _Lines()
        it = ArchiveIterator(stream)
        # small blocks: a block of a gzip bomb decompresses to ~1,000 times its size
        it.reader = _BoundedReader(it.fh, block_size=_BLOCK, lines=self.lines)
        loader = it.loader
        for name in ("warc_parser", "http_parser", "http_req_parser"):
            old = getattr(loader, name)
            setattr(loader, name, _BoundedParser(old.statuslist, old.verify, lines=self.lines))
        self.it = it

    def __next__(self) -> Any:
        return next(self.it)

    @property
    def fh(self) -> Any:
        return self.it.fh

    @property
    def offset(self) -> int:
        return int(self.it.offset)


def _bounded_iterator(stream: Any) -> _Records:
    return _Records(stream)


_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_warc(stream: BinaryIO | _Prefixed, source: str, published: str | None,
              settings: Settings) -> Iterator[Document | InputError]:
    """One document per successful HTML or plain-text ``response`` record; sources are ``source:N``.

    N counts every record from 1 (requests, metadata and the rest included), so it points into the
    file.  Other records are skipped, as are redirects, error pages and non-text payloads.  A record
    with a header line over ``MAX_HEADER_LINE`` bytes, or more than ``MAX_HEADER_LINES`` header lines,
    is refused (``bad_record``); reading goes on with the next one.
    """
    records = _bounded_iterator(stream)
    seen: set[str] = set()
    n = 0
    while True:
        lines = records.lines
        lines.too_long = lines.too_many = 0
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio and zlib raise many types on a broken file
            # warcio cannot find the next record after one whose framing is broken: the rest is lost.
            if n == 0:
                yield _not_warc(source, _brief(exc))
            else:
                where = f"{source}:{n + 1}"
                yield _error("bad_record", f"the WARC record is broken ({_brief(exc)}); the rest of the file "
                             "cannot be read", source=where, id=where)
            return
        n += 1
        if n == 1 and record.format != "warc":  # warcio reads any line of five words as an ARC header
            yield _not_warc(source, f"it reads as {record.format.upper()}")
            return
        if lines.too_long or lines.too_many:
            where = f"{source}:{n}"
            what = (f"a header line is over {MAX_HEADER_LINE:,} bytes" if lines.too_long
                    else f"it has more than {MAX_HEADER_LINES:,} header lines")
            _cut_short(record)  # skip its payload: the next record is read as usual
            yield _error("bad_record", f"the WARC record is refused: {what} (its headers cannot be trusted)",
                         source=where, id=where)
            continue
        if not record.rec_type:  # framed well enough to skip, so reading goes on after it
            where = f"{source}:{n}"
            yield _error("bad_record", "the WARC record has no WARC-Type header", source=where, id=where)
            continue
        where = f"{source}:{n}"
        http = record.http_headers
        status = (http.get_statuscode() or "") if http is not None else ""  # warcinfo has no HTTP part
        mime = (http.get_header("Content-Type") or "").split(";")[0].strip().lower() if http is not None else ""
        # Requests, metadata, redirects, error pages and images are not articles: skip them.
        if record.rec_type == "response" and status.startswith("2") and (mime in _HTML_TYPES or mime == "text/plain"):
            yield _guarded(where, _warc_document, where, record, html=mime in _HTML_TYPES,
                           published=published, seen=seen, settings=settings)
        elif missing := _cut_short(record):  # a skipped record may be the one the file's end cut off
            yield _error("bad_record", f"the record is cut short ({missing:,} of its bytes are missing); the file "
                         "was probably truncated", source=where, id=where)
    if not n:
        yield _error("empty", "the WARC file is empty", source=source, id=source)
        return
    # warcio ends quietly where a record is cut off in its headers: bytes read past the last whole
    # record mean the file was truncated there.
    try:
        left = records.fh.tell() - records.offset
    except (AttributeError, OSError, TypeError):
        left = 0
    if left > 0:
        where = f"{source}:{n + 1}"
        yield _error("bad_record", f"the file ends inside a record ({left:,} bytes after the last whole one); "
                     "it was probably truncated", source=where, id=where)


def _cut_short(record: Any) -> int:
    """How many bytes of ``record`` the file lacks: warcio hands out what there is of a record cut off."""
    raw = record.raw_stream
    while raw.read(1 << 16):  # read what is left (a skipped record, a chunked trailer)
        pass
    limit = getattr(raw, "limit", 0)  # a LimitReader's bytes still owed
    return limit if isinstance(limit, int) and limit > 0 else 0


def _not_warc(source: str, why: str) -> InputError:
    return _error("bad_record", f"the input is not a WARC file ({why}); check that it is one, or pick its "
                  "format with --input-format", source=source, id=source)


def _warc_document(where: str, record: Any, *, html: bool, published: str | None, seen: set[str],
                   settings: Settings) -> Document:
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    doc_id = _unique(url, where, seen)
    try:
        data = record.content_stream().read(settings.max_bytes + 1)  # undoes chunking and gzip encoding
    except Exception as exc:
        raise _error("bad_record", f"the record's payload cannot be read ({_brief(exc)})",
                     source=where, id=doc_id) from exc
    if len(data) > settings.max_bytes:
        raise _error("too_large", f"the payload is more than the limit of {settings.max_bytes:,} bytes; "
                     f"{_SIZE_HINT}", source=where, id=doc_id)
    missing = _cut_short(record)
    if missing:
        raise _error("bad_record", f"the record is cut short ({missing:,} of its bytes are missing); the file "
                     "was probably truncated", source=where, id=doc_id)
    if not data.strip():
        raise _error("empty", "the response has no payload", source=where, id=doc_id)
    text = _decode(data, html=html)
    if text is None:
        raise _error("not_text", "the payload is binary data, not text", source=where, id=doc_id)
    # The crawl date only bounds the publication date: it comes last, after the page's and --published.
    try:
        crawled = normalize_date(record.rec_headers.get_header("WARC-Date"))
    except InputError:
        crawled = None
    if not html:
        return document_from_text(text, id=doc_id, source=where, published=published or crawled, url=url,
                                  settings=settings)
    doc = _from_html(text, id=doc_id, source=where, published=None, title=None, url=url, settings=settings)
    doc.published = doc.published or published or crawled
    return doc
