"""benchmarks/scale.py measures incremental dedup fairly: each run writes its batch into the store as generated and
leaves it so (the batch's transaction is rolled back), and a store that older runs left with committed batches is
brought back to what was generated. Both backends, on a tiny store (the numbers are the benchmark's)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _scale() -> Any:
    name = "eventwire_benchmarks_scale"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCH / "scale.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _tables(url: str) -> dict[str, Any]:
    from eventwire.store import open_store

    with open_store(url) as store:
        return {
            "counts": store.counts(),
            "links": sorted(tuple(r.values()) for r in store.query("SELECT * FROM event_links")),
            "canonical": sorted(tuple(r.values()) for r in store.query("SELECT * FROM canonical_events")),
            "names": sorted(tuple(r.values()) for r in store.query("SELECT * FROM actor_names")),
            "pending": store.query("SELECT COUNT(*) AS n FROM dedup_pending")[0]["n"],
            "state": store.query("SELECT value FROM dedup_state"),
        }


def test_each_incremental_run_measures_the_same_batch_into_the_store_as_generated(db_url):
    scale = _scale()
    scale.generate(db_url, 240, seed=3, reuse=False)
    generated = _tables(db_url)
    runs = [scale.incremental(db_url, 40, seed=3, verify=True, span_days=None) for _ in range(2)]
    for run in runs:
        assert run["new_documents"] == 40 and run["identical_to_rebuild"] and not run["kept"]
        assert run["dedup"]["how"] == "incremental" and run["dedup"]["result"]["new_reports"] > 100
        assert run["documents_after"] == 240
    assert _tables(db_url) == generated  # rolled back, the rebuild of --verify-rebuild too
    first, second = ({k: v for k, v in run["dedup"]["result"].items() if k != "seconds"} for run in runs)
    assert first == second and first["stored_read"] > 0  # the same work each time, not a denser window


def test_batches_that_older_runs_committed_are_removed_on_reuse(db_url):
    scale = _scale()
    scale.generate(db_url, 200, seed=4, reuse=False)
    generated = _tables(db_url)
    kept = scale.incremental(db_url, 30, seed=4, verify=False, span_days=20, keep=True)
    assert kept["documents_after"] == 230 and _tables(db_url)["counts"] != generated["counts"]
    assert scale.remove_added(db_url) == 30
    assert _tables(db_url) == generated
    assert scale.remove_added(db_url) == 0


def test_the_realistic_span_matches_the_generators_rate_at_the_stores_end():
    scale = _scale()
    # 250,000 documents over 2019-2025, three times as many a day at the end as at the start: about 147 a day
    assert scale.realistic_span(250_000, 10_000) == 68
    assert scale.realistic_span(500_000, 10_000) == 34
