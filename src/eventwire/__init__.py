"""eventwire: news reports in, evidence-linked, source-attributed event data out.

    >>> import eventwire
    >>> report = eventwire.extract("GAZA, Dec 1 (Reuters) - ...", published="2023-12-01")
    >>> [(t.text, t.value) for t in report.times]
"""

__version__ = "0.1.0"

from .errors import EventwireError, InputError, ModelError, SettingsError
from .ingest import Document, read_inputs
from .pipeline import Pipeline, extract, load_pipeline
from .schema import ErrorReport, Report
from .settings import Settings

__all__ = [
    "Document",
    "ErrorReport",
    "EventwireError",
    "InputError",
    "ModelError",
    "Pipeline",
    "Report",
    "Settings",
    "SettingsError",
    "__version__",
    "extract",
    "load_pipeline",
    "read_inputs",
]
