"""The release commands: `eventwire reextract` and `eventwire provenance`, and the provenance files of exports
(provenance.py). Thin, like cli.py, which adds these commands to its group."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

import click

from .errors import EventwireError
from .schema import dumps

DB_OPTION = click.option("--db", "db", envvar="EVENTWIRE_DB", required=True, metavar="URL",
                         help="Store: a SQLite file path (or sqlite:///PATH) or postgresql://… [env EVENTWIRE_DB].")


def write_provenance(path: str, data: dict[str, Any]) -> None:
    """The provenance JSON of an export, written beside it (no time or path in it: the same data, the same bytes)."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(dumps(data, indent=2) + "\n")


def store_provenance(store: Any, fmt: str, records: str, flt: Any) -> dict[str, Any]:
    """What a store export carries: the store's extractions, the format, the row kind and the filters."""
    from .provenance import export_provenance
    from .store.extractions import provenances

    filters = {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(flt).items()}
    return export_provenance(provenances(store), fmt=fmt, records=records, filters=filters)


def _open(db: str) -> Any:
    from .store import open_store

    try:
        return open_store(db)
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None


@click.command()
@DB_OPTION
@click.option("--workers", "-w", type=click.IntRange(min=0), default=None,
              help="Worker processes; 0 = one per core [default: all cores].")
@click.option("--model", envvar="EVENTWIRE_MODEL", default=None, help="Installed spaCy pipeline to use.")
@click.option("--events", "granularity", type=click.Choice(("mention", "sentence")), default=None,
              help="As for extract [default: mention; env EVENTWIRE_EVENTS].")
@click.option("--all", "every", is_flag=True,
              help="Re-extract every document, not only those another extraction made.")
@click.option("--batch", "commit_every", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents per transaction.")
@click.option("--no-dedup", is_flag=True, help="Do not rebuild the canonical events afterwards.")
@click.option("--allow-mixed", is_flag=True,
              help="Rebuild the canonical events even if some documents could not be re-extracted.")
def reextract(db: str, workers: int | None, model: str | None, granularity: str | None, every: bool,
              commit_every: int, no_dedup: bool, allow_mixed: bool) -> None:
    """Re-run the current pipeline on the stored texts whose reports another extraction made (eventwire version,
    model, gazetteer or settings), replace their rows, and rebuild the canonical events."""
    from .pipeline import load_pipeline
    from .reextract import reextract as run

    try:
        pipeline = load_pipeline(model, n_process=workers, events=granularity)
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None
    with _open(db) as store:
        summary = run(store, pipeline, processes=workers, every=every, commit_every=commit_every,
                      dedup=not no_dedup, allow_mixed=allow_mixed)
    click.echo(f"re-extracted {summary.rewritten} of {summary.read} documents with extraction {summary.extraction} "
               f"({summary.seconds:.1f} s)"
               + (f"; {summary.canonical_events} canonical events" if summary.canonical_events is not None else ""))
    for doc_id, code, message in summary.failed:
        click.echo(f"  kept as it was {doc_id}: {code}: {message}")
    if summary.dedup_refused:
        click.echo(f"eventwire: the canonical events were not rebuilt: {summary.dedup_refused}", err=True)
    if summary.failed or summary.dedup_refused:
        sys.exit(1)


@click.command()
@click.option("--db", "db", envvar="EVENTWIRE_DB", default=None, metavar="URL",
              help="Also list the extractions that made a store's documents [env EVENTWIRE_DB].")
@click.option("--model", envvar="EVENTWIRE_MODEL", default=None, help="The spaCy pipeline to describe.")
@click.option("--events", "granularity", type=click.Choice(("mention", "sentence")), default=None,
              help="As for extract [default: mention; env EVENTWIRE_EVENTS].")
def provenance(db: str | None, model: str | None, granularity: str | None) -> None:
    """Print what the current pipeline's reports would carry as provenance (without loading the model), and with
    --db the extractions of the stored documents, as JSON."""
    from .provenance import current
    from .settings import Settings

    try:
        settings = Settings.from_env(model=model, events=granularity)
    except EventwireError as exc:
        raise click.UsageError(exc.message) from None
    out: dict[str, Any] = {"current": current(settings).model_dump(mode="json")}
    if db:
        from .store.extractions import provenances

        with _open(db) as store:
            out["store"] = provenances(store)
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))
