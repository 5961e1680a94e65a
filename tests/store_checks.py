"""Checks on a store's contents shared by the store tests."""

from __future__ import annotations

from eventwire.schema import Report
from eventwire.store import Store
from eventwire.store.rows import report_rows


def assert_consistent(store: Store) -> None:
    """Every stored document has all its rows and no others: no half-written document."""
    expected: dict[str, int] = {}
    for row in store.query("SELECT id, report FROM documents"):
        rows = report_rows(Report.from_json(row["report"]), row["id"], source=None, ingested_at="")
        for table, table_rows in rows.items():
            expected[table] = expected.get(table, 0) + len(table_rows)
    counts = store.counts()
    assert {t: counts[t] for t in expected} == expected
