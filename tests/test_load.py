"""A small load test for CI: 50 concurrent clients against a real uvicorn server on 127.0.0.1, both backends.

Each client posts one distinct invented article to POST /documents, then reads GET /events and GET /health;
no request may fail, every 2xx write must be in the store, and every posted id must read back. The code is
benchmarks/load_test.py's (run it for the numbers: see docs/notes/load-test.md).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "load_test.py"


def _load_test_module():
    name = "eventwire_benchmarks_load_test"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, _PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


load_test = _load_test_module()


def test_articles_are_distinct():
    texts = {load_test.article(c, i)["text"] for c in range(60) for i in range(5)}
    assert len(texts) == 300


def test_fifty_concurrent_clients_lose_nothing(db_url, pipeline):
    res = load_test.run_load(db_url, pipeline, clients=50, posts=1)
    assert res["errors"] == 0, res["error_samples"]
    assert res["posted"] == 50
    assert res["lost_writes"] == 0, res["lost_samples"]
    assert res["unexpected_documents"] == 0
    assert res["stored"] == 50
    assert res["unreadable"] == 0, res["unreadable_samples"]
    assert res["latency_ms"]["POST /documents"]["n"] == 50 and res["latency_ms"]["GET /events"]["n"] == 50
