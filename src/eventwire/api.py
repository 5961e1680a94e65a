"""The HTTP API and the web page: a thin FastAPI layer over the library.

    app = create_app("reports.db", token="s3cret")      # uvicorn.run(app) — or `eventwire serve`

Endpoints (OpenAPI at /openapi.json): POST /extract (reports, nothing stored), POST /documents
(store), GET /documents/{id} (the whole report: story events and event mentions), GET /events (story
events, filtered and paginated; event mentions with records=mention), GET /events/{canonical_id},
GET /totals, GET /export, GET /health, the page's own reads (GET /timeline, /map, /facets,
/documents/{id}/links), and the page at / (assets under /static, all shipped in the package). Errors
are JSON: {"error": {"code", "message"}} with a 4xx status for bad requests, and a 500 says only
"internal error" and the request id (the details go to the server log); no endpoint fetches a URL;
bodies larger than ``max_body`` bytes are refused with 413. Extraction runs in worker processes under
a deadline (web/workers.py); hosts, origins and tokens are checked, and security headers sent, by
web/security.py. See docs/api.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from . import __version__
from .errors import EventwireError, MixedExtractions, StoreUnavailable
from .exports import CSV_HEADER, RECORDS, csv_row, event_records, event_rows, text_chunks
from .exports import FORMATS as EVENT_FORMATS
from .filters import FilterError, check_category, make_filter
from .provenance import current as current_provenance
from .schema import ErrorReport, Report
from .settings import Settings
from .store import IngestError, Store, document_id, open_store
from .store.extractions import check_single, incoming_of
from .store.select import EventFilter, Row, csv_lines, decode_cursor, select_reports, stream
from .store.select import page as events_page
from .web.bodies import ApiError, precheck
from .web.security import DEFAULT_HOSTS, Guard, error_response, read_guard, request_id, write_guard
from .web.workers import LocalExtractor, WorkerPool, load_worker_pipeline

if TYPE_CHECKING:
    from .pipeline import Pipeline

__all__ = ["DEFAULT_WORKERS", "ApiError", "create_app"]

log = logging.getLogger("eventwire.api")
DEFAULT_WORKERS = 2

EXPORT_FORMATS = ("csv", "jsonl", "geojson", "parquet", "plover-json", "acled-csv")
MEDIA = {"csv": "text/csv", "acled-csv": "text/csv", "jsonl": "application/x-ndjson",
         "plover-json": "application/x-ndjson", "geojson": "application/geo+json",
         "parquet": "application/vnd.apache.parquet"}


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


class _State:
    """What the app holds: the store (opened on first use) and its lock, and the extractor."""

    def __init__(self, db: str | None, settings: Settings, extractor: LocalExtractor | WorkerPool) -> None:
        self.db = db
        self.settings = settings
        self.extractor = extractor
        self._store: Store | None = None
        self.store_lock = threading.RLock()

    def store(self) -> Store:
        if self.db is None:
            raise ApiError(404, "no_store", "this server has no store: start it with `eventwire serve --db URL`")
        with self.store_lock:
            if self._store is None:
                self._store = open_store(self.db)
            return self._store


# -- request bodies ----------------------------------------------------------------------------

async def _read_body(request: Request, limit: int, timeout_s: float) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", f"the request body is {int(declared):,} bytes, over the limit of {limit:,}")
    chunks, size = [], 0
    try:
        async with asyncio.timeout(timeout_s):  # a body trickled in byte by byte must not hold the server
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise ApiError(413, "too_large", f"the request body is over the limit of {limit:,} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise ApiError(408, "timeout", f"the request body did not arrive within {timeout_s:g} s") from None
    except ClientDisconnect:
        raise ApiError(400, "bad_request", "the client closed the connection before the body was complete") from None
    return b"".join(chunks)


def _reports(items: Iterable[dict[str, Any]]) -> list[Report | ErrorReport]:
    return [ErrorReport.model_validate(d) if "error" in d else Report.model_validate(d) for d in items]


# -- filters (checked by filters.py, as the CLI checks them) ------------------------------------

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
    try:
        return make_filter(date_from=date_from, date_to=date_to, type=type, country=country, bbox=bbox, actor=actor,
                           source=source, dedup=dedup, acled_type=acled_type)
    except FilterError as exc:
        raise ApiError(400, "bad_filter", exc.message) from None


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


def _story_row(row: Row) -> dict[str, Any]:
    """A served story event as GET /events lists it: the csv columns, ``doc_id`` the store's, ``source_id`` the
    input's."""
    out = csv_row(row.record)
    out["doc_id"] = row.doc_id
    out["source_id"] = row.record["doc_id"]
    return out


MAX_OFFSET = 10_000  # deeper than this, page with the cursor: an offset is read to be skipped
FACETS_TTL_S = 30.0  # GET /facets is counted again after this long (or after a write through the API)


def _export_body(store: Store, flt: EventFilter, fmt: str, kind: str,
                 provenance: dict[str, Any] | None = None) -> Iterator[bytes]:
    """The download, piece by piece: story events straight from their stored records, or for csv their stored lines
    (memory: one batch); jsonl and event mentions from the reports, one at a time."""
    if fmt == "jsonl":
        reports = select_reports(store, flt, records=kind)
        lines = ((r.to_json() + "\n").encode() for r in reports)
        return _joined(lines)
    if kind == "story" and fmt == "csv":  # the stored lines, nothing decoded
        return (piece.encode() for piece in itertools.chain([CSV_HEADER], csv_lines(store, flt)))
    if kind == "story":  # each stored record written from its values
        rows = ((r.values, r.canonical_id) for r in stream(store, flt))
        if fmt == "parquet":
            from .exports_parquet import parquet_chunks

            return parquet_chunks(rows, provenance=provenance, stored=True)
        return (piece.encode() for piece in text_chunks(rows, fmt, stored=True, provenance=provenance))
    records = (rec for r in select_reports(store, flt, records=kind) for rec in event_records(r, kind))
    if fmt == "parquet":
        from .exports_parquet import parquet_chunks

        return parquet_chunks(records, provenance=provenance)
    assert fmt in EVENT_FORMATS
    return (piece.encode() for piece in text_chunks(records, fmt, provenance=provenance))


async def _ahead(first: bytes, body: Iterator[bytes]) -> AsyncIterator[bytes]:
    """``first``, then ``body``'s pieces, each next one made in a worker thread while this one is sent: the store reads
    the next batch while the client reads this one (one piece made ahead at most, so memory holds two)."""
    import asyncio

    from starlette.concurrency import run_in_threadpool

    done = object()
    pending = asyncio.ensure_future(run_in_threadpool(next, body, done))
    try:
        yield first
        while True:
            piece = await pending
            if piece is done:
                return
            pending = asyncio.ensure_future(run_in_threadpool(next, body, done))
            yield piece
    finally:
        # a client gone mid-download: the piece being made is dropped when its thread is done with the body
        if not pending.done():
            pending.cancel()
        pending.add_done_callback(lambda f: f.cancelled() or f.exception())


def _joined(pieces: Iterator[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    buf: list[bytes] = []
    held = 0
    for piece in pieces:
        buf.append(piece)
        held += len(piece)
        if held >= size:
            yield b"".join(buf)
            buf, held = [], 0
    yield b"".join(buf)


# -- the app -----------------------------------------------------------------------------------

def create_app(db: str | None = None, *, settings: Settings | None = None, token: str | None = None,
               max_body: int = 5_000_000, pipeline: Pipeline | None = None, workers: int | None = None,
               read_token: str | None = None, allowed_hosts: Iterable[str] = DEFAULT_HOSTS,
               queue_timeout_s: float = 60.0, body_timeout_s: float = 30.0,
               worker_factory: Callable[[Settings], Any] = load_worker_pipeline, allow_mixed: bool = False) -> FastAPI:
    """The API and the page over the store `db` (None: extraction only).

    Extraction runs in `workers` processes (default 2), each request's within ``settings.request_timeout_s``
    after waiting at most `queue_timeout_s` for a free worker. Given a loaded `pipeline`, it runs in this
    process instead (``workers`` 0: tests, embedding; no deadline there). `token` guards writes,
    `read_token` reads of stored data; `allowed_hosts` are the Host names served (``*`` for any).
    `worker_factory(settings)` builds a worker's pipeline (a module-level function; tests swap it).
    POST /documents refuses (409 ``mixed_extractions``) documents whose extraction differs from the store's, unless
    `allow_mixed` (store/extractions.py).
    """
    settings = settings or Settings.from_env()
    if workers is None:
        workers = 0 if pipeline is not None else DEFAULT_WORKERS
    if pipeline is not None and workers:
        raise ValueError("a loaded pipeline runs in this process: pass workers=0 (or no pipeline)")
    extractor: LocalExtractor | WorkerPool = (
        WorkerPool(settings, workers, queue_timeout_s=queue_timeout_s, factory=worker_factory) if workers
        else LocalExtractor(settings, pipeline))
    state = _State(db, settings, extractor)
    facets_cache: dict[str, Any] = {}  # GET /facets, for FACETS_TTL_S (a write drops it)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await extractor.start()
        try:
            yield
        finally:
            await extractor.close()
            with state.store_lock:
                if state._store is not None:
                    state._store.close()
                    state._store = None

    app = FastAPI(title="eventwire", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="News reports in, evidence-linked, source-attributed event data out.")
    app.state.eventwire = state
    app.add_middleware(Guard, allowed_hosts=allowed_hosts)
    require_token = write_guard(token)
    reads = [Depends(read_guard(read_token, token))]

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": {"code": exc.code, "message": exc.message}}, status_code=exc.status,
                            headers=exc.headers)

    @app.exception_handler(EventwireError)
    async def _eventwire_error(request: Request, exc: EventwireError) -> JSONResponse:
        if isinstance(exc, StoreUnavailable):  # the store is down or restarting: try again later
            return _error(503, exc.code, "the store does not answer; try again shortly")
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
        # The client learns only that it failed and the id to quote; the details go to the server log.
        rid = request_id(request)
        log.error("request %s: %s %s failed", rid, request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal", f"internal error (request {rid}); the server log has the details",
                              request_id=rid)

    made_by = current_provenance(settings).model_dump(mode="json")  # what this server's reports carry

    @app.get("/health", summary="Liveness, the version and extraction, the workers, and whether the store answers "
                                "(503 when not)")
    async def health() -> Any:  # async: never queued behind anything in the thread pool
        workers = extractor.status()
        if state.db is None:
            return {"status": "ok", "version": __version__, "store": False, "workers": workers,
                    "provenance": made_by}
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
            return {"status": "ok", "version": __version__, "store": True, "workers": workers, "provenance": made_by}
        return JSONResponse({"status": "unavailable", "version": __version__, "store": False, "workers": workers,
                             "provenance": made_by, "error": {
            "code": "store_unavailable", "message": "the store does not answer; requests that need it fail until "
            "it is back, and the server reconnects by itself"}}, status_code=503)

    @app.post("/extract", summary="Reports for the posted document(s); nothing is stored")
    async def extract(request: Request) -> dict[str, Any]:
        body = await _read_body(request, max_body, body_timeout_s)
        content_type = request.headers.get("content-type", "")
        await _in_thread(lambda: precheck(body, content_type, settings))  # a refused body never waits for a worker
        async with extractor.session() as session:
            entries = await session.parse(body, content_type, request_id(request))
            reports = await session.run(list(range(len(entries))))
        return {"reports": reports}

    @app.post("/documents", summary="Extract and store the posted document(s)", dependencies=[Depends(require_token)])
    async def documents(request: Request) -> dict[str, Any]:
        body = await _read_body(request, max_body, body_timeout_s)
        content_type = request.headers.get("content-type", "")
        await _in_thread(lambda: precheck(body, content_type, settings))
        store = state.store()
        async with extractor.session() as session:
            entries = await session.parse(body, content_type, request_id(request))
            fresh = [doc_id for doc_id, _ in entries if doc_id is not None]
            known = await _in_thread(lambda: store.known(fresh))
            todo = [i for i, (doc_id, _) in enumerate(entries) if doc_id is None or doc_id not in known]
            results = await session.run(todo)

        def write() -> dict[str, Any]:
            reports = _reports(results)
            sources = [entries[i][1] for i in todo]
            good = [(r, src) for r, src in zip(reports, sources, strict=True) if isinstance(r, Report)]
            bad = [IngestError(source=src, source_id=r.id, code=r.error.code, message=r.error.message)
                   for r, src in zip(reports, sources, strict=True) if isinstance(r, ErrorReport)]
            with state.store_lock:
                if good:  # one extraction per store: refused before anything is written
                    try:
                        check_single(store, incoming_of(r for r, _ in good), allow_mixed=allow_mixed)
                    except MixedExtractions:
                        raise ApiError(409, "mixed_extractions", "the store holds reports made by another "
                                       "extraction (eventwire version, model, gazetteer or settings) than this "
                                       "server's: re-extract the store (`eventwire reextract`) or start the server "
                                       "with --allow-mixed") from None
                stored = len(store.write_batch(good, bad).added)
                facets_cache.clear()
                if stored:  # the new story events join the canonical events now: reads never rebuild them
                    from .dedup import update

                    update(store, allow_mixed=allow_mixed)
            return {"stored": stored, "skipped": len(entries) - len(todo) + (len(good) - stored),
                    "documents": fresh,
                    "errors": [{"source": e.source_id, "code": e.code, "message": e.message} for e in bad]}

        result = await _in_thread(write)
        if not result["documents"] and result["errors"]:
            return JSONResponse(result, status_code=422)  # type: ignore[return-value]
        return result

    @app.get("/documents/{doc_id}", summary="A stored report, with every span, story events and event mentions",
             dependencies=reads)
    def get_document(doc_id: str) -> dict[str, Any]:
        report = state.store().report(doc_id)
        if report is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r} in the store")
        return {"doc_id": doc_id, **report.to_dict()}

    @app.get("/documents/{doc_id}/links", summary="The canonical event of each of a stored document's story events",
             dependencies=reads)
    def document_links(doc_id: str) -> dict[str, Any]:
        store = state.store()
        if not store.query("SELECT id FROM documents WHERE id = ?", (doc_id,)):
            raise ApiError(404, "not_found", f"no document {doc_id!r} in the store")
        rows = store.query("SELECT l.story_event_id, l.canonical_id, l.reason, c.reports, c.documents "
                           "FROM event_links l JOIN canonical_events c ON c.id = l.canonical_id WHERE l.doc_id = ? "
                           "ORDER BY l.story_event_id", (doc_id,))
        return {"doc_id": doc_id, "links": [{"event_id": r["story_event_id"], "canonical_id": r["canonical_id"],
                                             "reason": r["reason"], "reports": int(r["reports"]),
                                             "documents": int(r["documents"])} for r in rows]}

    @app.get("/events", summary="Stored story events (or event mentions), filtered and paginated", dependencies=reads)
    def events(flt: Filters, limit: int = Query(50, ge=1, le=500),
               offset: int = Query(0, ge=0, le=MAX_OFFSET, description="rows to skip (after the cursor, if any)"),
               cursor: str | None = Query(None, max_length=200, description="next_cursor of the previous page"),
               records: str | None = RECORDS_QUERY) -> dict[str, Any]:
        kind = _records(records, settings)
        if cursor is not None:
            if kind != "story":
                raise ApiError(400, "bad_filter", "cursor: story events only; page event mentions with offset")
            try:
                decode_cursor(cursor)
            except ValueError as exc:
                raise ApiError(400, "bad_filter", str(exc)) from None
        store = state.store()
        if kind == "story":  # filtered, ordered and paged in SQL: only the page's rows are read
            found = events_page(store, flt, limit, offset, cursor)
            return {"events": [_story_row(r) for r in found.rows], "total": found.total,
                    "total_exact": found.total_exact,
                    "limit": limit, "offset": offset, "records": kind, "next_cursor": found.next_cursor}
        rows = list(_rows(select_reports(store, flt, records=kind), kind))  # event mentions: not for scale
        return {"events": rows[offset:offset + limit], "total": len(rows), "total_exact": True, "limit": limit,
                "offset": offset, "records": kind, "next_cursor": None}

    @app.get("/events/{canonical_id}", summary="A canonical event and every story event behind it", dependencies=reads)
    def canonical(canonical_id: str) -> dict[str, Any]:
        store = state.store()
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
                # who claims what: each report keeps its own toll (fatalities, injured) and its outlet
                row.update(source_id=row["doc_id"], doc_id=doc_id, canonical_id=canonical_id,
                           reason=wanted.get(row["event_id"]),
                           outlet=(report.dateline.agency if report.dateline else None) or report.site)
                reports.append(row)
        return {"event": head[0], "reports": reports}

    @app.get("/totals", summary="Running-total series per source", dependencies=reads)
    def totals(category: str | None = Query(None), source: str | None = Query(None)) -> dict[str, Any]:
        from .totals import series

        try:
            category = check_category(category)
        except FilterError as exc:
            raise ApiError(400, "bad_filter", exc.message) from None
        found = series(state.store(), category=category, source=source)
        return {"series": [{"label": s.label, "category": s.category, "who": s.who, "reported_by": s.reported_by,
                            "since": s.since, "revisions": s.revisions(),
                            "points": [p.__dict__ for p in s.points]} for s in found]}

    @app.get("/timeline", summary="Story events per day for the /events filters (the page's histogram)",
             dependencies=reads)
    def timeline(flt: Filters) -> dict[str, Any]:
        from .store.overview import timeline as days

        found = days(state.store(), flt)
        return {"days": [{"day": d, "count": n} for d, n in found.days], "undated": found.undated,
                "total": found.total}

    @app.get("/map", summary="The located story events for the /events filters (the page's map)", dependencies=reads)
    def map_points(flt: Filters, limit: int = Query(2_000, ge=1, le=5_000, description="points at most")) -> Any:
        from .store.overview import map_points as located

        found = located(state.store(), flt, limit)
        return {"points": found.points, "truncated": found.truncated, "cells": found.cells,
                "cells_complete": found.cells_complete}

    @app.get("/facets", summary="The store's countries and PLOVER types with their counts (the page's filters)",
             dependencies=reads)
    def facets() -> dict[str, Any]:
        import time

        from .exports_codes import country_names
        from .store.overview import facets as counted

        # counted over the whole store (about 0.5 s at a million story events): kept FACETS_TTL_S, dropped on a write
        if facets_cache.get("at", -FACETS_TTL_S) + FACETS_TTL_S < time.monotonic():
            found = counted(state.store())
            facets_cache.update(at=time.monotonic(), value={
                "countries": [{"code": c, "name": country_names(c)[0], "count": n} for c, n in found.countries],
                "types": [{"type": t, "count": n} for t, n in found.types], "total": found.total})
        return facets_cache["value"]

    @app.get("/export", summary="Stored story events (or event mentions) in an export format", dependencies=reads)
    def export(flt: Filters, format: str = Query("csv", description="|".join(EXPORT_FORMATS)),
               records: str | None = RECORDS_QUERY) -> Response:
        if format not in EXPORT_FORMATS:
            raise ApiError(400, "bad_filter", f"format {format!r}: use one of {', '.join(EXPORT_FORMATS)}")
        kind = _records(records, settings)
        store = state.store()
        from .cli_release import store_provenance

        made = store_provenance(store, format, kind, flt)
        # every format: the extractions in a header (ASCII JSON); GeoJSON and Parquet also carry it inside
        headers = {"Content-Disposition": f'attachment; filename="events.{format.split("-")[-1]}"',
                   "X-Eventwire-Provenance": json.dumps(made, ensure_ascii=True, sort_keys=True)}
        body = _export_body(store, flt, format, kind, made)
        first = next(body, b"")  # here, so a store that fails at once is a 503, not a cut-off download
        media = MEDIA[format] + ("" if format == "parquet" else "; charset=utf-8")
        return StreamingResponse(_ahead(first, body), media_type=media, headers=headers)

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
