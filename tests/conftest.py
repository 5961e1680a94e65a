from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import pg_server

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline():
    from eventwire import load_pipeline

    return load_pipeline(n_process=1)


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


# -- PostgreSQL for the store tests (see tests/pg_server.py and docs/notes/postgres-ci.md) -------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: runs against a PostgreSQL server (deselect with -m 'not postgres')")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL server for the session whose user may CREATE DATABASE.

    EVENTWIRE_TEST_POSTGRES_URL if set, else a throwaway cluster started here and removed at the end.
    With neither, tests that need it are skipped, or fail when EVENTWIRE_REQUIRE_POSTGRES=1 (CI).
    """
    try:
        with pg_server.session_server() as url:
            yield url
    except pg_server.PostgresUnavailable as exc:
        if pg_server.required():
            pytest.fail(f"{pg_server.ENV_REQUIRE}=1 but no PostgreSQL server: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL not available: {exc}")
    except RuntimeError as exc:  # a URL from the environment that does not answer: never a skip
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store URL for an empty store, once per backend: a SQLite file path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    admin_url = request.getfixturevalue("postgres_server")
    name, url = pg_server.create_database(admin_url)
    try:
        yield url
    finally:
        pg_server.drop_database(admin_url, name)
