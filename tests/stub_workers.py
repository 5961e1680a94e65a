"""A stand-in pipeline for the worker-process tests (tests/test_api_workers.py): the zygote imports this
module by name, so it stays small. "STUCK" in a text spins forever, "CRASH" ends the worker process."""

from __future__ import annotations

import os
from typing import Any

from eventwire.ingest import Document
from eventwire.schema import Report
from eventwire.settings import Settings


class StubPipeline:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def extract(self, doc: Document | str) -> Report:
        text = doc if isinstance(doc, str) else doc.text
        if "STUCK" in text:
            while True:  # pure Python, holding this process's GIL: only a kill stops it
                pass
        if "CRASH" in text:
            os._exit(3)
        return Report(id="doc" if isinstance(doc, str) else doc.id, text=text)


def stub_factory(settings: Settings) -> Any:
    return StubPipeline(settings)


def failing_factory(settings: Settings) -> Any:
    from eventwire.errors import ModelError

    raise ModelError("cannot load the spaCy pipeline 'no_such_model' from /secret/path")
