"""The eventwire exception tree and its catalogue of error codes.

    EventwireError                 every error eventwire raises on purpose
    ├── InputError                 one input document cannot be processed
    │     codes: empty, not_text, too_large, unsupported_language,
    │            bad_json, bad_record, bad_html, bad_date, unreadable
    ├── ModelError                 the spaCy pipeline cannot be loaded (code: model_not_found)
    ├── SettingsError              a setting has an invalid value (code: bad_setting)
    ├── StoreUnavailable           the store does not answer, or the connection to it was lost
    │                              (code: store_unavailable; the same call may succeed later)
    └── MixedExtractions           a dedup would cluster reports of different extractions (code: mixed_extractions;
                                   `eventwire reextract`, or --allow-mixed)

Every error carries a stable machine-readable ``code`` (the JSONL ``error.code``
field of ../shared/SCHEMA.md) and a message that names the input and says how
to fix the problem.  A batch turns an ``InputError`` into an error line and
goes on; it never stops the run.
"""

from __future__ import annotations

# code -> what it means, for docs and --help; the codes are a public contract.
ERROR_CODES: dict[str, str] = {
    "empty": "the input has no text (zero bytes or only whitespace)",
    "not_text": "the input is binary data, not text in any known encoding",
    "too_large": "the input is larger than the configured size limit (--max-bytes / EVENTWIRE_MAX_BYTES, "
                 "--max-chars / EVENTWIRE_MAX_CHARS)",
    "unsupported_language": "the text is not in English (the only language the models support)",
    "bad_json": "a JSONL line is not a valid JSON object",
    "bad_record": "a JSON record or CSV row lacks a required field or has one of the wrong type; a feed entry or "
                  "WARC record is malformed; or a file is not the feed or WARC file its name says",
    "bad_html": "no article text could be extracted from the HTML",
    "bad_date": "a published date is not an ISO date (YYYY-MM-DD)",
    "unreadable": "the file cannot be read (missing, or no permission)",
    "internal": "an unexpected failure inside a stage; please report it with the input",
    "model_not_found": "the spaCy pipeline named by --model / EVENTWIRE_MODEL is not installed",
    "bad_setting": "a setting has an invalid value",
    "store_unavailable": "the store does not answer, or the connection to it was lost; a write that reports this "
                         "was not confirmed: send it again (writes are idempotent)",
    "mixed_extractions": "the store would hold reports of different extractions (eventwire version, model, gazetteer "
                         "or settings) in one dedup: re-extract them (`eventwire reextract`) or pass --allow-mixed",
}


class EventwireError(Exception):
    """Base class: every error has a ``code`` from ERROR_CODES and a message."""

    code: str = "internal"

    def __init__(self, message: str, *, code: str | None = None, source: str | None = None,
                 doc_id: str | None = None) -> None:
        if code is not None:
            self.code = code
        if self.code not in ERROR_CODES:
            raise ValueError(f"unknown error code {self.code!r}")
        self.source = source
        self.doc_id = doc_id  # the input's id when known, so its error line keeps that id
        self.message = f"{source}: {message}" if source else message
        super().__init__(self.message)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class InputError(EventwireError):
    """One input document cannot be processed; the batch goes on without it."""

    code = "bad_record"


class ModelError(EventwireError):
    code = "model_not_found"


class SettingsError(EventwireError):
    code = "bad_setting"


class StoreUnavailable(EventwireError):
    """The store does not answer (PostgreSQL down or restarting), or the connection was lost mid-call; the
    same call may succeed later. HTTP: 503."""

    code = "store_unavailable"


class MixedExtractions(EventwireError):
    """A dedup would cluster reports made by different extractions (provenance.py); the store refuses unless told
    to (--allow-mixed). HTTP: 409."""

    code = "mixed_extractions"
