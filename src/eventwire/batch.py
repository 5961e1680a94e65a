"""Batch ingest: read a corpus, extract what is new, store it, and say what failed.

    ingest(paths, store, pipeline, ...) -> IngestSummary

Idempotent and resumable: a document whose text is stored already is skipped before the model
sees it, and documents are written a batch per transaction, so rerunning the same command after a
crash or kill -9 finishes the rest with nothing lost or duplicated. Every input that is not stored
is recorded with its reason in ``ingest_errors`` and in the summary. A text stored already under other
metadata (another date, title, URL or site) is listed in ``summary.conflicts`` with what was kept; with
``update_metadata`` it is extracted again with the new metadata and replaces the stored document
(store/metadata.py). After the documents, the cross-article dedup (dedup.py) is brought up to date,
incrementally.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .dedup import update
from .errors import InputError, MixedExtractions
from .ingest import Document, read_inputs
from .pipeline import Pipeline
from .schema import ErrorReport, Report
from .settings import Settings
from .store import IngestError, Store, document_id
from .store.extractions import check_single
from .store.metadata import META_FIELDS, differences, rewrite, stored_metadata

Extractor = Callable[[Iterable[Document | InputError]], Iterator[Report | ErrorReport]]


@dataclass
class IngestSummary:
    read: int = 0  # inputs read (documents and unreadable inputs)
    stored: int = 0  # documents added now
    skipped: int = 0  # stored already (an earlier run, or the same text twice in this one)
    errors: list[IngestError] = field(default_factory=list)
    seconds: float = 0.0
    canonical_events: int = 0
    dedup_refused: str | None = None  # why the dedup did not run (MixedExtractions: the store holds several)
    conflicts: list[MetadataConflict] = field(default_factory=list)  # stored already under other metadata
    updated: int = 0  # of those, documents rewritten with the new metadata (update_metadata)
    redated: int = 0  # of those, documents whose story events changed with it (the dedup rebuilt in full)

    @property
    def failed(self) -> int:
        return len(self.errors)


@dataclass(frozen=True)
class MetadataConflict:
    """An input whose text is stored already with other metadata: `fields` maps each field that differs to
    (the stored value, this input's value); `updated` whether this input's replaced the stored."""

    source: str
    doc_id: str
    fields: dict[str, tuple[str | None, str]]
    updated: bool


def _meta(doc: Document) -> dict[str, str | None]:
    return {f: getattr(doc, f) for f in META_FIELDS}


def _error_of(item: InputError) -> IngestError:
    return IngestError(source=item.source or item.doc_id or "?", source_id=item.doc_id, code=item.code,
                       message=item.message)


def ingest(paths: Sequence[str], store: Store, pipeline: Pipeline | None, *, settings: Settings | None = None,
           input_format: str = "auto", published: str | None = None, processes: int | None = None,
           commit_every: int = 64, extractor: Extractor | None = None,
           progress: Callable[[IngestSummary], None] | None = None, dedup: bool = True,
           follow_links: bool = False, allow_mixed: bool = False, update_metadata: bool = False) -> IngestSummary:
    """Store every new document of `paths`. `extractor` replaces the local pipeline (e.g. Dask:
    then `pipeline` may be None and `settings` says how to read the inputs). With `dedup`, a store whose reports
    were made by another extraction than the pipeline's is refused before anything is read (MixedExtractions),
    unless `allow_mixed`; with an extractor, the dedup step says so after storing (``dedup_refused``). A text
    stored already (or met earlier in this run) with other metadata is a conflict: the stored is kept, unless
    `update_metadata`."""
    if pipeline is None and (extractor is None or settings is None):
        raise ValueError("ingest needs a pipeline, or an extractor and settings")
    if dedup and pipeline is not None:
        incoming = {pipeline.provenance.extraction_id: pipeline.provenance.model_dump(mode="json")}
        check_single(store, incoming, allow_mixed=allow_mixed)
    settings = settings or pipeline.settings  # type: ignore[union-attr]
    summary = IngestSummary()
    started = time.perf_counter()
    sent: deque[tuple[Document | InputError, bool]] = deque()  # what the extractor has, in its order; whether an
    # input replaces a stored document's metadata
    seen: dict[str, dict[str, str | None]] = {}  # the texts of this run: the metadata they were sent with

    def new_items() -> Iterator[Document | InputError]:
        """The inputs the extractor must see: unreadable ones (they come back as errors) and new texts."""
        pending: list[Document | InputError] = []
        for item in read_inputs(list(paths), input_format=input_format, published=published,
                                settings=settings, follow_links=follow_links):
            summary.read += 1
            pending.append(item)
            if len(pending) >= commit_every:
                yield from _fresh(pending)
                pending = []
        yield from _fresh(pending)

    def _fresh(items: list[Document | InputError]) -> Iterator[Document | InputError]:
        ids = {id(d): document_id(d.text) for d in items if isinstance(d, Document)}
        stored = stored_metadata(store, list(ids.values()))
        for item in items:
            replaces = False
            if isinstance(item, Document):
                doc_id = ids[id(item)]
                before = seen.get(doc_id, stored.get(doc_id))
                if before is not None:
                    summary.skipped += 1
                    diff = differences(before, _meta(item))
                    if not diff:
                        continue
                    summary.conflicts.append(MetadataConflict(item.source or item.id, doc_id, diff, update_metadata))
                    if not update_metadata:
                        continue
                    replaces = True
                seen[doc_id] = {**(before or {}), **{k: v for k, v in _meta(item).items() if v is not None}}
            sent.append((item, replaces))
            yield item

    def flush(done: list[tuple[Report, str | None]], failed: list[IngestError],
              redo: list[tuple[Report, str | None]]) -> None:
        written = store.write_batch(done, failed)
        summary.stored += len(written.added)
        summary.skipped += len(written.present)  # stored by another run since we looked (two ingests at once)
        summary.errors += failed
        if redo:  # after the batch: a text first stored in this very batch is then rewritten
            summary.redated += len(rewrite(store, redo))
            summary.updated += len(redo)
        if progress is not None:
            summary.seconds = time.perf_counter() - started
            progress(summary)

    run = extractor or (lambda items: pipeline.pipe(items, n_process=processes))  # type: ignore[union-attr]
    done: list[tuple[Report, str | None]] = []
    redo: list[tuple[Report, str | None]] = []
    failed: list[IngestError] = []
    for result in run(new_items()):
        item, replaces = sent.popleft()
        if isinstance(item, InputError):
            failed.append(_error_of(item))
        elif isinstance(result, ErrorReport):
            failed.append(IngestError(source=item.source or item.id, source_id=item.id, code=result.error.code,
                                      message=result.error.message))
        else:
            (redo if replaces else done).append((result, item.source))
        if len(done) + len(failed) + len(redo) >= commit_every:
            flush(done, failed, redo)
            done, failed, redo = [], [], []
    flush(done, failed, redo)
    if dedup:  # incremental: the documents stored now (and any an earlier run left pending) join the rest
        try:
            summary.canonical_events = update(store, allow_mixed=allow_mixed).canonical_events
        except MixedExtractions as exc:  # stored, but not clustered: `eventwire reextract`, then `eventwire dedup`
            summary.dedup_refused = exc.message
    summary.seconds = time.perf_counter() - started
    return summary
