"""Request bodies of POST /extract and POST /documents, read into documents.

This runs where the pipeline runs (an extraction worker process, see workers.py): decoding text, taking
the article out of HTML and checking its language all cost CPU that a hostile body can inflate, so none
of it happens on the server's event loop. Only `precheck` runs in the server (in a thread): what refuses a
body as a whole (empty, unreadable or too deep JSON, too many documents), so such a body never holds a
worker that ordinary requests wait for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import InputError
from ..ingest import Document, document_from_bytes, document_from_record
from ..settings import Settings

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")


class ApiError(Exception):
    """A request the API refuses: HTTP status, stable code, message naming the input and the problem."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


@dataclass
class Entry:
    """One document of a request (or the error that stands in for it) and the store source of its report.

    Documents that carry no id of their own get a source unique to the request (``api:<request id>``),
    so two requests' error records never overwrite each other; a document with an id keeps ``api:<id>``.
    """

    item: Document | InputError
    source: str


def _deep_json(kind: str) -> ApiError:
    return ApiError(400, "bad_json", f"the {kind} nests arrays or objects too deeply to read; "
                    "send flat records such as {\"text\": \"...\"}")


def read_documents(body: bytes, content_type: str, settings: Settings, request_id: str) -> list[Entry]:
    """The documents of a request body: JSON (an object or a list of them), JSONL, plain text or HTML.

    Raises ``ApiError`` for a body that is unusable as a whole (400 ``empty``/``bad_json``, 413
    ``too_many_documents``, 415); a bad document inside a good body is that document's ``InputError``.
    """
    kind = content_type.split(";")[0].strip().lower()
    if not body.strip():
        raise ApiError(400, "empty", "the request body is empty; send {\"text\": \"...\"} or the article itself")
    if kind in ("application/json", ""):
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, "bad_json", f"the body is not valid JSON: {exc}") from None
        except RecursionError:  # `[` x 100,000: the C parser recurses once per level
            raise _deep_json("JSON body") from None
        records = data if isinstance(data, list) else [data]
        if not records:
            raise ApiError(400, "empty", "the JSON list holds no documents")
        _check_count(len(records), settings)
        return [_record(record, n, settings, request_id) for n, record in enumerate(records, 1)]
    if kind in JSONL_TYPES:
        lines = [(n, line) for n, line in enumerate(body.splitlines(), 1) if line.strip()]
        if not lines:
            raise ApiError(400, "empty", "the JSONL body holds no documents")
        _check_count(len(lines), settings)
        out: list[Entry] = []
        for n, line in lines:
            where = f"request:{n}"
            try:
                record = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                out.append(Entry(InputError(f"line {n} is not valid JSON: {exc}", code="bad_json", source=where,
                                            doc_id=where), f"api:{request_id}:{n}"))
                continue
            except RecursionError:
                out.append(Entry(InputError(f"line {n} nests arrays or objects too deeply to read", code="bad_json",
                                            source=where, doc_id=where), f"api:{request_id}:{n}"))
                continue
            out.append(_record(record, n, settings, request_id))
        return out
    if kind in ("text/plain", "text/html"):
        source = f"api:{request_id}"
        try:
            return [Entry(document_from_bytes(body, id="request", source="request",
                                              input_format="html" if kind == "text/html" else "text",
                                              settings=settings), source)]
        except InputError as exc:
            return [Entry(exc, source)]
    raise ApiError(415, "unsupported_media_type", f"cannot read a {kind!r} body: send application/json, "
                   "application/x-ndjson, text/plain or text/html")


def precheck(body: bytes, content_type: str, settings: Settings) -> None:
    """What refuses a body as a whole, checked before it waits for a worker: empty, JSON that does not
    parse or nests too deeply, too many documents. C-speed work bounded by the body limit (json.loads,
    bytes.count), run in a thread of the server; a refused body never holds a worker."""
    kind = content_type.split(";")[0].strip().lower()
    if not body.strip():
        raise ApiError(400, "empty", "the request body is empty; send {\"text\": \"...\"} or the article itself")
    if kind in ("application/json", ""):
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, "bad_json", f"the body is not valid JSON: {exc}") from None
        except RecursionError:
            raise _deep_json("JSON body") from None
        _check_count(len(data) if isinstance(data, list) else 1, settings)
    elif kind in JSONL_TYPES:
        _check_count(sum(1 for line in body.splitlines() if line.strip()), settings)


def _check_count(n: int, settings: Settings) -> None:
    if n > settings.max_documents:
        raise ApiError(413, "too_many_documents", f"the body holds {n:,} documents, over the limit of "
                       f"{settings.max_documents:,} per request; split it into several requests")


def _record(record: object, n: int, settings: Settings, request_id: str) -> Entry:
    where = f"request:{n}"
    try:
        doc: Document | InputError = document_from_record(record, source=where, settings=settings)
    except InputError as exc:
        doc = exc
    except RecursionError:  # a record nesting deeply below the parser's limit, met while it is checked
        doc = InputError("the record nests arrays or objects too deeply to read", code="bad_record",
                         source=where, doc_id=where)
    own_id = doc.id if isinstance(doc, Document) else doc.doc_id
    source = f"api:{request_id}:{n}" if own_id in (None, where) else f"api:{own_id}"
    return Entry(doc, source)
