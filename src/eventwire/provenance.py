"""Provenance: what made a report, so that a number in a dataset can be traced to the code, model and data.

    current(settings, nlp=None) -> Provenance        this process's extraction (cached)
    gazetteer_build_id() -> str                       the gazetteer's sources, hashed
    export_provenance(extractions, ...) -> dict       what an export file carries (sidecar, GeoJSON, Parquet)
    sidecar_path(output) -> str                       where `eventwire export --output F` writes it: F.provenance.json

Every report carries a ``Provenance`` (schema.py): the eventwire version, the spaCy pipeline's name and version
(from its meta.json), the spaCy version, the gazetteer build id (a hash of its source packages' names and
versions, the supplement's content and the build format: what ``gazetteer.source_versions`` records) and the
settings that change results (``events``; a hash of extra actor files named by EVENTWIRE_ACTORS). Its
``extraction_id`` hashes all of them: the store keeps it per document (``document_extractions``) and refuses to
cluster reports of different extractions together (store/extractions.py). Nothing in it depends on the time,
the machine, the paths or the number of processes, so two runs of one release on one corpus write the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

from . import __version__
from .schema import Provenance
from .settings import Settings

__all__ = ["current", "export_provenance", "extraction_id", "gazetteer_build_id", "model_meta", "sidecar_path"]

_cache: dict[tuple[Any, ...], Provenance] = {}
_lock = threading.Lock()
SIDECAR_SUFFIX = ".provenance.json"


def _hash(data: Any, n: int = 16) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:n]


def gazetteer_build_id() -> str:
    """A hash of what the gazetteer index is built from (package names and versions, the supplement, the format):
    the same on every machine with the same packages, whatever the index's path or build time."""
    from .gazetteer import source_versions

    return _hash(source_versions())


def model_meta(model: str, nlp: Any = None) -> tuple[str, str | None]:
    """(name, version) of a spaCy pipeline: from the loaded `nlp` when given, else from the installed package's or
    the folder's meta.json without loading it; (model, None) when neither says."""
    meta = getattr(nlp, "meta", None) if nlp is not None else None
    if not meta:
        meta = {}
        try:
            import spacy.util

            path = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model)
            meta = json.loads((Path(path) / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, ImportError, ModuleNotFoundError):
            pass
    lang, name = meta.get("lang"), meta.get("name")
    full = f"{lang}_{name}" if lang and name else model
    return full, meta.get("version")


def _actor_files() -> str | None:
    """A hash of the extra actor knowledge files (EVENTWIRE_ACTORS), or None without any: they change results."""
    from .actors.knowledge import knowledge_paths

    extra = knowledge_paths()[1:]
    if not extra:
        return None
    h = hashlib.sha256()
    for path in extra:
        try:
            h.update(path.read_bytes())
        except OSError:  # the actors stage says so when it loads; here it is one more input
            h.update(b"unreadable:" + str(path).encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


def result_settings(settings: Settings) -> dict[str, Any]:
    """The settings that change what a report says (not how fast, nor how many documents are refused)."""
    return {"events": settings.events, "actors": _actor_files()}


def extraction_id(fields: dict[str, Any]) -> str:
    """The hash of a provenance's fields other than the id itself."""
    return _hash({k: v for k, v in fields.items() if k != "extraction_id"})


def current(settings: Settings | None = None, nlp: Any = None) -> Provenance:
    """The provenance of reports made with `settings` (and the loaded `nlp`, when there is one); cached."""
    settings = settings or Settings.from_env()
    chosen = result_settings(settings)
    key = (settings.model, json.dumps(chosen, sort_keys=True))
    with _lock:
        found = _cache.get(key)
        if found is None:
            import spacy

            name, version = model_meta(settings.model, nlp)
            fields: dict[str, Any] = {"eventwire": __version__, "model": name, "model_version": version,
                                      "spacy": spacy.__version__, "gazetteer": gazetteer_build_id(),
                                      "settings": chosen}
            fields["extraction_id"] = extraction_id(fields)
            found = _cache[key] = Provenance(**fields)
        return found


def export_provenance(extractions: list[dict[str, Any]], *, fmt: str, records: str,
                      filters: dict[str, Any] | None = None) -> dict[str, Any]:
    """What an export file carries: the eventwire that wrote it, the extraction(s) of its rows (one, unless the
    store was clustered with --allow-mixed; ``[]`` when no report recorded one), the format and row kind, and the
    filters of a store export. No time and no path: the same data gives the same bytes."""
    out: dict[str, Any] = {"written_by": f"eventwire {__version__}", "format": fmt, "records": records,
                           "extractions": sorted(extractions, key=lambda p: str(p.get("extraction_id")))}
    if filters is not None:
        out["filters"] = {k: v for k, v in filters.items() if v not in (None, False)}
    return out


def sidecar_path(output: str) -> str:
    """Where an export to `output` writes its provenance: beside it, `output` + ``.provenance.json``."""
    return output + SIDECAR_SUFFIX
