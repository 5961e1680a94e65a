"""How the served rows are read for an actor filter and for counts over several arms (issue 15): an actor's
index range read in order and stopped after the page, whatever the database guesses about a LIKE; a count over
several arms bounded per arm. Every store test runs on SQLite and PostgreSQL; reports are invented here
(test_rows.py's dispatches), rows of the plan test written directly.
"""

from __future__ import annotations

import pytest

from eventwire.store import open_store
from eventwire.store import select as sel
from eventwire.store.select import EventFilter, page, stream
from test_rows import FILTERS, _Counting, _store

ACTOR_FILTERS = [f for f in FILTERS if f.actor]


def test_an_actor_whose_id_holds_the_text_is_read_without_a_test_on_its_rows(db_url):
    _store(db_url, docs=20)
    with open_store(db_url) as store:
        for text in ("rsf", "military", "fano"):
            counting = _Counting(store)
            got = page(counting, EventFilter(actor=text), 3)  # type: ignore[arg-type]
            assert got.rows and got.total > 3
            reads = [q for q in counting.queries if "story_rows" in q]
            assert reads and not any("LIKE" in q for q in reads), text  # the look-up alone tests the text
        # an actor found by a name only ("RAPID": Rapid Support Forces, id rsf) is read by its names in the rows
        counting = _Counting(store)
        page(counting, EventFilter(actor="RAPID"), 3)  # type: ignore[arg-type]
        assert any("actor1_name IN" in q for q in counting.queries)


@pytest.mark.parametrize("max_names", [0, 1])
def test_actor_arms_by_name_keep_the_rows_of_the_rule(db_url, monkeypatch, max_names):
    """Names listed in the arm, or past MAX_NAMES tested with LIKE: the rows the rule keeps, in order."""
    _store(db_url)
    with open_store(db_url) as store:
        expected = {f: [(r.doc_id, r.record["event_id"]) for r in stream(store, f)] for f in ACTOR_FILTERS}
        monkeypatch.setattr(sel, "MAX_NAMES", max_names)
        for f in ACTOR_FILTERS:
            assert [(r.doc_id, r.record["event_id"]) for r in stream(store, f, batch=5)] == expected[f], f
            assert sel.count(store, f, cap=10_000) == (len(expected[f]), True)
    assert sum(map(len, expected.values())) > 100


@pytest.mark.parametrize("cap", [0, 1, 3, 10, 10_000])
def test_a_count_over_several_arms_is_exact_up_to_its_cap(db_url, cap):
    _store(db_url)
    with open_store(db_url) as store:
        for f in [*ACTOR_FILTERS, EventFilter(bbox=(24.0, 11.5, 26.0, 14.0)), EventFilter(acled_type="battles")]:
            n = len(list(stream(store, f)))
            assert sel.count(store, f, cap=cap) == (min(n, cap), n <= cap), f


def _fill(store, n: int) -> None:
    """n served rows written directly (one document, one actor as actor1 of all, another as actor2 of a third)."""
    doc = "0" * 32
    store.backend.execute("INSERT INTO documents (id, text, report, ingested_at) VALUES (?, 'x', '{}', 'now')", (doc,))
    rows = [(doc, f"s{i}", f"2024{1 + i % 12:02d}{1 + i % 28:02d}{doc}{i:06d}s{i}", "ASSAULT", "SDN", None, None, None,
             "sudan-military", "rsf" if i % 3 == 0 else f"group-{i % 50}", "sudanese army", None, None, None)
            for i in range(n)]
    store.backend.executemany(f"INSERT INTO story_rows VALUES ({', '.join('?' * len(rows[0]))})", rows)
    store.backend.executemany("INSERT INTO actor_names VALUES (?, ?) ON CONFLICT DO NOTHING",
                              [("sudan-military", "sudanese army"), ("rsf", "")])


class _Recording(_Counting):
    """A store whose queries are kept with their parameters."""

    def query(self, sql, params=()):
        self.queries.append((sql, list(params)))
        return self.store.query(sql, params)

    def query_rows(self, sql, params=()):
        self.queries.append((sql, list(params)))
        return self.store.query_rows(sql, params)


@pytest.mark.postgres
def test_postgresql_reads_a_busy_actor_in_order_and_stops(db_url):
    """PostgreSQL takes a LIKE on the rows for rare and would read every row of the actor, then sort: the page's
    and the count's queries are ordered index scans that stop (no bitmap of the actor's whole range, no sort)."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's planner")
    with open_store(db_url) as store:
        _fill(store, 30_000)
        store.backend.execute("ANALYZE story_rows")
        recording = _Recording(store)
        got = page(recording, EventFilter(actor="sudan-military"), 50, offset=10)  # type: ignore[arg-type]
        assert (got.total, got.total_exact) == (1000, False)  # no records stored: the keys and the count matter
        keys = [q for q in recording.queries if "story_rows" in q[0] and "COUNT" not in q[0]][:1]
        counts = [q for q in recording.queries if "COUNT" in q[0]]
        assert len(keys) == len(counts) == 1
        for sql, params in keys + counts:
            plan = "\n".join(r["QUERY PLAN"] for r in store.query("EXPLAIN " + sql, params))
            # at most the sort of the merged arms' few keys, none of an arm's whole range
            assert "Bitmap" not in plan and "Seq Scan" not in plan and plan.count("Sort Key") <= 1, plan
