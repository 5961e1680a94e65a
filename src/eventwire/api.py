"""The HTTP API and the web page: a thin FastAPI layer over the library.

    app = create_app("reports.db", token="s3cret")      # uvicorn.run(app) — or `eventwire serve`

Endpoints (OpenAPI at /openapi.json): POST /extract (reports, nothing stored), POST /documents
(store), GET /documents/{id} (the whole report: story events and event mentions), GET /events (story
events, filtered and paginated; event mentions with records=mention), GET /events/{canonical_id},
GET /totals, GET /export, GET /health, and the page at / (assets under /static, all shipped in the
package). Errors are JSON: {"error": {"code", "message"}} with a 4xx status for bad requests; no
endpoint fetches a URL; write endpoints need ``Authorization: Bearer TOKEN`` when a token is set;
bodies larger than ``max_body`` bytes are refused with 413. See docs/api.md.
"""

from __future__ import annotations

import hmac
import io
import json
import threading
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from .errors import EventwireError, InputError
from .exports import FORMATS as EVENT_FORMATS
from .exports import RECORDS, event_rows, write_events, write_parquet
from .ingest import Document, document_from_bytes, document_from_record, normalize_date
from .pipeline import Pipeline, error_report, load_pipeline
from .schema import ErrorReport, Report
from .settings import Settings
from .store import IngestError, Store, document_id, open_store
from .store.select import EventFilter, parse_bbox, reports_for, select_reports, story_keys

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
EXPORT_FORMATS = ("csv", "jsonl", "geojson", "parquet", "plover-json", "acled-csv")
MEDIA = {"csv": "text/csv", "acled-csv": "text/csv", "jsonl": "application/x-ndjson",
         "plover-json": "application/x-ndjson", "geojson": "application/geo+json",
         "parquet": "application/vnd.apache.parquet"}


class ApiError(Exception):
    """A request the API refuses: HTTP status, stable code, message naming the input and the problem."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


class _State:
    """What the app holds: the store, the pipeline (loaded on first use) and their locks."""

    def __init__(self, db: str | None, settings: Settings, pipeline: Pipeline | None) -> None:
        self.db = db
        self.settings = settings
        self._pipeline = pipeline
        self._store: Store | None = None
        self.model_lock = threading.Lock()  # spaCy pipelines are not shared between threads
        self.store_lock = threading.RLock()
        self.dedup_stale = True

    def pipeline(self) -> Pipeline:
        with self.model_lock:
            if self._pipeline is None:
                self._pipeline = load_pipeline(self.settings.model, max_bytes=self.settings.max_bytes, n_process=1,
                                               events=self.settings.events)
            return self._pipeline

    def store(self) -> Store:
        if self.db is None:
            raise ApiError(404, "no_store", "this server has no store: start it with `eventwire serve --db URL`")
        with self.store_lock:
            if self._store is None:
                self._store = open_store(self.db)
            return self._store

    def deduplicated(self) -> Store:
        """The store, with canonical events rebuilt if documents came in since the last rebuild."""
        store = self.store()
        with self.store_lock:
            if self.dedup_stale:
                from .dedup import deduplicate

                deduplicate(store)
                self.dedup_stale = False
        return store


# -- request bodies ----------------------------------------------------------------------------

async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", f"the request body is {int(declared):,} bytes, over the limit of {limit:,}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"the request body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _documents(body: bytes, content_type: str, settings: Settings) -> list[Document | InputError]:
    """The documents of a request body: JSON (an object or a list of them), JSONL, plain text or HTML."""
    kind = content_type.split(";")[0].strip().lower()
    if not body.strip():
        raise ApiError(400, "empty", "the request body is empty; send {\"text\": \"...\"} or the article itself")
    out: list[Document | InputError] = []
    if kind in ("application/json", ""):
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, "bad_json", f"the body is not valid JSON: {exc}") from None
        records = data if isinstance(data, list) else [data]
        if not records:
            raise ApiError(400, "empty", "the JSON list holds no documents")
        for n, record in enumerate(records, 1):
            try:
                out.append(document_from_record(record, source=f"request:{n}", settings=settings))
            except InputError as exc:
                out.append(exc)
        return out
    if kind in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        for n, line in enumerate(body.splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append(document_from_record(json.loads(line), source=f"request:{n}", settings=settings))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                out.append(InputError(f"line {n} is not valid JSON: {exc}", code="bad_json", source=f"request:{n}",
                                      doc_id=f"request:{n}"))
            except InputError as exc:
                out.append(exc)
        if not out:
            raise ApiError(400, "empty", "the JSONL body holds no documents")
        return out
    if kind in ("text/plain", "text/html"):
        try:
            return [document_from_bytes(body, id="request", source="request",
                                        input_format="html" if kind == "text/html" else "text", settings=settings)]
        except InputError as exc:
            return [exc]
    raise ApiError(415, "unsupported_media_type", f"cannot read a {kind!r} body: send application/json, "
                   "application/x-ndjson, text/plain or text/html")


def _extract(state: _State, docs: list[Document | InputError]) -> list[Report | ErrorReport]:
    pipeline = state.pipeline()
    out: list[Report | ErrorReport] = []
    for d in docs:
        if isinstance(d, InputError):
            out.append(error_report(d))
            continue
        with state.model_lock:
            try:
                out.append(pipeline.extract(d))
            except Exception as exc:  # one bad document is its own error, never the request's
                out.append(error_report(exc, d.id))
    return out


# -- filters -----------------------------------------------------------------------------------

def _date(value: str | None, name: str) -> str | None:
    try:
        return normalize_date(value, source=name)
    except InputError as exc:
        raise ApiError(400, "bad_filter", f"{name}: {exc.message}") from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    try:
        return None if value is None else parse_bbox(value)
    except ValueError as exc:
        raise ApiError(400, "bad_filter", str(exc)) from None


def event_filter(
        date_from: str | None = Query(None, alias="from", description="events on or after (YYYY-MM-DD)"),
        date_to: str | None = Query(None, alias="to", description="events on or before (YYYY-MM-DD)"),
        type: str | None = Query(None, description="PLOVER type, e.g. ASSAULT"),
        country: str | None = Query(None, description="ISO 3166-1 alpha-3 of the event's place"),
        bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
        actor: str | None = Query(None, description="part of an actor's id or name"),
        source: str | None = Query(None, description="part of the document's source, site or URL"),
        dedup: bool = Query(False, description="one row per canonical event"),
        acled_type: str | None = Query(None, description="ACLED event type or sub-event type"),
) -> EventFilter:
    if type is not None and type.upper() not in PLOVER_TYPES:
        raise ApiError(400, "bad_filter", f"type {type!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    if country is not None and not (len(country) == 3 and country.isalpha()):
        raise ApiError(400, "bad_filter", f"country {country!r}: give an ISO 3166-1 alpha-3 code such as SDN")
    return EventFilter(date_from=_date(date_from, "from"), date_to=_date(date_to, "to"),
                       type=type.upper() if type else None, country=country.upper() if country else None,
                       bbox=_bbox(bbox), actor=actor, source=source, dedup=dedup, acled_type=acled_type)


Filters = Annotated[EventFilter, Depends(event_filter)]

RECORDS_QUERY = Query(None, description="story: one row per real-world event of a story (the default); "
                                         "mention: one row per event mention")


def _records(value: str | None, settings: Settings) -> str:
    records = value or settings.records
    if records not in RECORDS:
        raise ApiError(400, "bad_filter", f"records {value!r}: use one of {', '.join(RECORDS)}")
    return records


def _rows(reports: Iterator[Report], records: str = "story") -> Iterator[dict[str, Any]]:
    for r in reports:
        doc_id = document_id(r.text)
        for row in event_rows(r, records):
            row["source_id"] = row["doc_id"]
            row["doc_id"] = doc_id
            yield row


# -- the app -----------------------------------------------------------------------------------

def create_app(db: str | None = None, *, settings: Settings | None = None, token: str | None = None,
               max_body: int = 5_000_000, pipeline: Pipeline | None = None) -> FastAPI:
    """The API and the page over the store `db` (None: extraction only)."""
    settings = settings or Settings.from_env()
    state = _State(db, settings, pipeline)
    app = FastAPI(title="eventwire", version=__version__, docs_url=None, redoc_url=None,
                  description="News reports in, evidence-linked, source-attributed event data out.")
    app.state.eventwire = state

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(EventwireError)
    async def _eventwire_error(request: Request, exc: EventwireError) -> JSONResponse:
        return _error(400, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = ["/".join(str(x) for x in e.get("loc", ())) + ": " + str(e.get("msg")) for e in exc.errors()]
        return _error(422, "bad_request", "; ".join(parts) or "the request is not valid")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed"}
        return _error(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal", f"{type(exc).__name__}: {exc}")

    def require_token(request: Request) -> None:
        if token is None:
            return
        given = request.headers.get("authorization", "")
        if not (given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode())):
            raise ApiError(401, "unauthorized", "this endpoint needs the header `Authorization: Bearer <token>` "
                           "with the server's EVENTWIRE_TOKEN")

    @app.get("/health", summary="Liveness, and whether the store answers (503 when it does not)")
    async def health() -> Any:  # async: never queued behind extraction in the thread pool
        if state.db is None:
            return {"status": "ok", "version": __version__, "store": False}
        import asyncio
        import logging

        def ping() -> bool:  # the store for real (SELECT 1), on the loop's own executor: never blocks the loop
            try:
                (state._store or state.store()).ping(timeout=2.0)
            except Exception as exc:  # cannot be opened, or does not answer: the details go to the log only
                logging.getLogger(__name__).warning("health: the store does not answer: %r", exc)
                return False
            return True

        try:
            ok = await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(None, ping), timeout=3.0)
        except TimeoutError:
            ok = False
        if ok:
            return {"status": "ok", "version": __version__, "store": True}
        return JSONResponse({"status": "unavailable", "version": __version__, "store": False, "error": {
            "code": "store_unavailable", "message": "the store does not answer; requests that need it fail until "
            "it is back, and the server reconnects by itself"}}, status_code=503)

    @app.post("/extract", summary="Reports for the posted document(s); nothing is stored")
    async def extract(request: Request) -> dict[str, Any]:
        body = await _read_body(request, max_body)
        docs = _documents(body, request.headers.get("content-type", ""), settings)
        results = await _in_thread(lambda: _extract(state, docs))
        return {"reports": [r.to_dict() for r in results]}

    @app.post("/documents", summary="Extract and store the posted document(s)", dependencies=[Depends(require_token)])
    async def documents(request: Request) -> dict[str, Any]:
        body = await _read_body(request, max_body)
        docs = _documents(body, request.headers.get("content-type", ""), settings)
        store = state.store()

        def work() -> dict[str, Any]:
            fresh = [d for d in docs if isinstance(d, Document)]
            known = store.known([document_id(d.text) for d in fresh])
            todo = [d for d in docs if isinstance(d, InputError) or document_id(d.text) not in known]
            results = _extract(state, todo)
            good = [(r, f"api:{r.id}") for r in results if isinstance(r, Report)]
            bad = [IngestError(source=f"api:{r.id}", source_id=r.id, code=r.error.code, message=r.error.message)
                   for r in results if isinstance(r, ErrorReport)]
            with state.store_lock:
                stored = store.write(good, bad)
                state.dedup_stale = state.dedup_stale or stored > 0
            return {"stored": stored, "skipped": len(docs) - len(todo) + (len(good) - stored),
                    "documents": [document_id(d.text) for d in fresh],
                    "errors": [{"source": e.source_id, "code": e.code, "message": e.message} for e in bad]}

        result = await _in_thread(work)
        if not result["documents"] and result["errors"]:
            return JSONResponse(result, status_code=422)  # type: ignore[return-value]
        return result

    @app.get("/documents/{doc_id}", summary="A stored report, with every span, story events and event mentions")
    def get_document(doc_id: str) -> dict[str, Any]:
        report = state.store().report(doc_id)
        if report is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r} in the store")
        return {"doc_id": doc_id, **report.to_dict()}

    @app.get("/events", summary="Stored story events (or event mentions), filtered and paginated")
    def events(flt: Filters, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
               records: str | None = RECORDS_QUERY) -> dict[str, Any]:
        kind = _records(records, settings)
        store = state.deduplicated()
        if kind == "story":  # filtered in SQL: only the page's reports are read
            keys = story_keys(store, flt)
            rows = list(_rows(reports_for(store, keys[offset:offset + limit])))
            return {"events": rows, "total": len(keys), "limit": limit, "offset": offset, "records": kind}
        rows = list(_rows(select_reports(store, flt, records=kind), kind))
        return {"events": rows[offset:offset + limit], "total": len(rows), "limit": limit, "offset": offset,
                "records": kind}

    @app.get("/events/{canonical_id}", summary="A canonical event and every story event behind it")
    def canonical(canonical_id: str) -> dict[str, Any]:
        store = state.deduplicated()
        head = store.query("SELECT * FROM canonical_events WHERE id = ?", (canonical_id,))
        if not head:
            raise ApiError(404, "not_found", f"no canonical event {canonical_id!r}")
        links = store.query("SELECT doc_id, story_event_id, reason FROM event_links WHERE canonical_id = ?",
                            (canonical_id,))
        reports = []
        for doc_id in dict.fromkeys(link["doc_id"] for link in links):
            report = store.report(doc_id)
            if report is None:
                continue
            wanted = {link["story_event_id"]: link["reason"] for link in links if link["doc_id"] == doc_id}
            report.story_events = [s for s in report.story_events if s.id in wanted]
            for row in event_rows(report):
                row.update(source_id=row["doc_id"], doc_id=doc_id, canonical_id=canonical_id,
                           reason=wanted.get(row["event_id"]))
                reports.append(row)
        return {"event": head[0], "reports": reports}

    @app.get("/totals", summary="Running-total series per source")
    def totals(category: str | None = Query(None), source: str | None = Query(None)) -> dict[str, Any]:
        from .totals import series

        found = series(state.store(), category=category, source=source)
        return {"series": [{"label": s.label, "category": s.category, "who": s.who, "reported_by": s.reported_by,
                            "since": s.since, "revisions": s.revisions(),
                            "points": [p.__dict__ for p in s.points]} for s in found]}

    @app.get("/export", summary="Stored story events (or event mentions) in an export format")
    def export(flt: Filters, format: str = Query("csv", description="|".join(EXPORT_FORMATS)),
               records: str | None = RECORDS_QUERY) -> Response:
        if format not in EXPORT_FORMATS:
            raise ApiError(400, "bad_filter", f"format {format!r}: use one of {', '.join(EXPORT_FORMATS)}")
        kind = _records(records, settings)
        store = state.deduplicated()
        reports = select_reports(store, flt, records=kind)
        headers = {"Content-Disposition": f'attachment; filename="events.{format.split("-")[-1]}"'}
        if format == "parquet":
            import tempfile

            with tempfile.NamedTemporaryFile(suffix=".parquet") as tmp:
                write_parquet(reports, tmp.name, kind)
                data = open(tmp.name, "rb").read()  # noqa: SIM115
            return Response(data, media_type=MEDIA[format], headers=headers)
        out = io.StringIO()
        if format == "jsonl":
            for r in reports:
                out.write(r.to_json() + "\n")
        else:
            assert format in EVENT_FORMATS
            write_events(reports, format, out, io.StringIO(), kind)
        return Response(out.getvalue(), media_type=MEDIA[format] + "; charset=utf-8", headers=headers)

    static = resources.files("eventwire").joinpath("web/static")
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        index = static.joinpath("index.html")
        if not index.is_file():
            return _error(404, "not_found", "the web page is not installed")
        return FileResponse(str(index), media_type="text/html; charset=utf-8")

    return app


async def _in_thread(fn: Callable[[], Any]) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn)
