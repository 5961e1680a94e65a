"""The db_url fixture gives a working, empty database on each backend (SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3

import pytest


def _connect(db_url: str):
    if db_url.startswith(("postgresql://", "postgres://")):
        import psycopg

        return psycopg.connect(db_url, autocommit=True), "%s"
    return sqlite3.connect(db_url, isolation_level=None), "?"


def test_db_url_round_trip(db_url: str, request: pytest.FixtureRequest) -> None:
    param = request.node.callspec.params["db_url"]
    assert db_url.startswith("postgresql://") == (param == "postgresql")
    conn, ph = _connect(db_url)
    try:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        conn.execute(f"INSERT INTO t (id, name) VALUES ({ph}, {ph})", (1, "café"))
        assert conn.execute("SELECT id, name FROM t").fetchall() == [(1, "café")]
    finally:
        conn.close()


def test_db_url_is_fresh_per_test(db_url: str) -> None:
    """The table made by the test above is gone: each test gets its own database."""
    conn, _ = _connect(db_url)
    try:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
    finally:
        conn.close()
