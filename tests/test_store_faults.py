"""The store under faults and concurrency: a PostgreSQL restart mid-load, processes opening a fresh store at
once, two ingests of the same files at once, and the health check. No NLP: reports are made by hand."""

from __future__ import annotations

import multiprocessing
import re
import socket
import threading
import time
from collections.abc import Iterable, Iterator

import psycopg
import pytest
from fastapi.testclient import TestClient

import pg_server
from eventwire.api import create_app
from eventwire.ingest import Document
from eventwire.schema import Report
from eventwire.store import SCHEMA_VERSION, document_id, open_store
from eventwire.store.rows import report_rows
from store_checks import assert_consistent
from story_reports import incident_report

KASSALA = ("Kassala", 15.451, 36.400, "SDN", "Kassala")
GUNMEN = ("eastern-front", "Eastern Front", "armed_group")


def _report(i: int, day: int = 1) -> Report:
    text = f"Gunmen attacked a police post in Kassala on 2024-06-{day:02d}, killing {i + 2} officers (report {i})."
    return incident_report(f"r{i}", text, place=KASSALA, date=f"2024-06-{day:02d}", actor1=GUNMEN, fatalities=i + 2)


def store_query(url: str, sql: str) -> object:
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        return conn.execute(sql).fetchone()[0]  # type: ignore[index]


# -- a PostgreSQL server of this module's own, which the tests restart ----------------------------------------


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[pg_server.ThrowawayCluster]:
    bindir = pg_server.find_bindir()
    if bindir is None:
        if pg_server.required():
            pytest.fail("EVENTWIRE_REQUIRE_POSTGRES=1 but no initdb/pg_ctl to restart a server with", pytrace=False)
        pytest.skip("no initdb/pg_ctl: a server this test may restart cannot be had")
    cluster = pg_server.ThrowawayCluster(bindir)
    try:
        cluster.start()
    except pg_server.PostgresUnavailable as exc:
        if pg_server.required():
            pytest.fail(str(exc), pytrace=False)
        pytest.skip(str(exc))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.mark.postgres
def test_postgres_restart_mid_load_recovers_within_5_s_and_loses_no_accepted_write(pg_cluster):
    """Two writers and the API's reads run while the server restarts (pg_ctl stop -m fast, 1 s down, start):
    every write either returns (then it is stored, whole) or raises; within 5 s of the server being back,
    writes succeed again, GET /health says ok and the API reads again."""
    _name, url = pg_server.create_database(pg_cluster.url)
    open_store(url).close()  # created first: what is tested is the restart
    accepted: list[str] = []  # ids of the documents whose write returned
    failures: list[str] = []
    ok_at: list[list[float]] = [[], []]  # when each writer's writes returned
    stop = threading.Event()
    counter = iter(range(10**6))
    lock = threading.Lock()

    def writer(k: int) -> None:
        with open_store(url + "?connect_timeout=2") as store:
            for _ in range(5000):  # bounded; the test stops it long before
                if stop.is_set():
                    return
                with lock:
                    i = next(counter)
                report = _report(i)
                try:
                    added = store.write([(report, f"mem:{i}")])
                except Exception as exc:  # reported failed: allowed while the server is down
                    failures.append(type(exc).__name__)
                    time.sleep(0.05)
                    continue
                assert added == 1
                accepted.append(document_id(report.text))
                ok_at[k].append(time.monotonic())
                time.sleep(0.01)

    app = create_app(url + "?connect_timeout=2")
    client = TestClient(app, base_url="http://localhost", raise_server_exceptions=False)
    threads = [threading.Thread(target=writer, args=(k,), daemon=True) for k in range(2)]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 15
        while len(accepted) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(accepted) >= 20, failures[:5]
        health = client.get("/health")
        assert health.status_code == 200 and health.json()["store"] is True
        assert client.get(f"/documents/{accepted[0]}").status_code == 200

        started = store_query(url, "SELECT pg_postmaster_start_time() AS t")
        pg_cluster.restart(mode="fast", down=1.0)
        up = time.monotonic()
        health_at = read_at = None

        def writes_back() -> list[float]:  # each writer's first successful write after the server came back
            return [next((t for t in times if t > up), 0.0) for times in ok_at]

        while time.monotonic() < up + 8 and not (health_at and read_at and min(writes_back()) > 0):
            if health_at is None and client.get("/health").status_code == 200:
                health_at = time.monotonic()
            if read_at is None and client.get(f"/documents/{accepted[-1]}").status_code == 200:
                read_at = time.monotonic()
            time.sleep(0.05)
        stop.set()
        for t in threads:
            t.join(timeout=10)
        assert health_at is not None and health_at - up <= 5.0, "GET /health did not recover within 5 s"
        assert read_at is not None and read_at - up <= 5.0, "the API's reads did not recover within 5 s"
        assert all(0 < t - up <= 5.0 for t in writes_back()), "writes did not recover within 5 s"
    finally:
        stop.set()
    assert store_query(url, "SELECT pg_postmaster_start_time() AS t") > started  # it did restart, mid-load
    with open_store(url) as store:
        stored = {r["id"] for r in store.query("SELECT id FROM documents")}
        assert set(accepted) <= stored  # no accepted write was lost
        assert_consistent(store)  # and none was half-written


@pytest.mark.postgres
def test_health_is_503_while_postgres_is_down(pg_cluster):
    _name, url = pg_server.create_database(pg_cluster.url)
    client = TestClient(create_app(url + "?connect_timeout=2"), base_url="http://localhost",
                        raise_server_exceptions=False)
    assert client.get("/health").status_code == 200
    pg_cluster.halt()
    try:
        t0 = time.monotonic()
        down = client.get("/health")
        assert down.status_code == 503 and time.monotonic() - t0 < 4.5
        body = down.json()
        assert body["store"] is False and body["error"]["code"] == "store_unavailable"
        assert "connection" not in body["error"]["message"].lower()  # no exception text
    finally:
        pg_cluster.resume()
    deadline = time.monotonic() + 5
    while client.get("/health").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.get("/health").status_code == 200


def _terminate_others(url: str) -> int:
    """Drop every other connection to the database of ``url``, as a server restart or a failover does."""
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        rows = conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                            "current_database() AND pid <> pg_backend_pid()").fetchall()
    return len(rows)


@pytest.mark.postgres
def test_connections_the_server_dropped_are_replaced(postgres_server):
    """Reads and writes after the server dropped the pool's connections succeed; a write that loses its
    connection midway raises StoreUnavailable and leaves nothing of it."""
    from eventwire.errors import StoreUnavailable

    name, db_url = pg_server.create_database(postgres_server)
    with open_store(db_url) as store:
        assert store.write([(_report(0), "mem:0")]) == 1
        assert _terminate_others(db_url) >= 1
        assert store.counts()["documents"] == 1  # a read: run again on a fresh connection
        assert _terminate_others(db_url) >= 1
        assert store.write([(_report(1), "mem:1")]) == 1  # a write: begun on a connection that answers
        store.ping()
        half = _report(2)
        rows = report_rows(half, document_id(half.text), source=None, ingested_at="now")
        with pytest.raises(StoreUnavailable, match="not confirmed"), store.backend.transaction():
            store.backend.execute(f"INSERT INTO documents VALUES ({', '.join('?' * 11)})", rows["documents"][0])
            _terminate_others(db_url)  # the connection of this very transaction
            store.backend.executemany(f"INSERT INTO places VALUES ({', '.join('?' * 12)})", rows["places"])
        assert store.counts()["documents"] == 2 and store.report(document_id(half.text)) is None
        assert_consistent(store)
        # a driver error on a connection not (yet) marked broken, as psycopg raises mid-restart ("cannot exit
        # pipeline mode while busy"): still StoreUnavailable, never the raw driver error, and nothing written
        with pytest.raises(StoreUnavailable, match="not confirmed"), store.backend.transaction():
            store.backend.execute(f"INSERT INTO documents VALUES ({', '.join('?' * 11)})", rows["documents"][0])
            raise psycopg.OperationalError("cannot exit pipeline mode while busy")
        assert store.counts()["documents"] == 2 and store.report(document_id(half.text)) is None
        assert store.write([(_report(3), "mem:3")]) == 1  # the pool replaced the closed connection
    pg_server.drop_database(postgres_server, name)


def test_health_checks_the_sqlite_store_for_real(tmp_path):
    path = tmp_path / "store.db"
    client = TestClient(create_app(str(path)), base_url="http://localhost", raise_server_exceptions=False)
    assert client.get("/health").json()["store"] is True
    for leftover in tmp_path.glob("store.db*"):
        leftover.unlink()  # the file is gone: the store cannot be read any more
    gone = client.get("/health")
    assert gone.status_code == 503 and gone.json()["error"]["code"] == "store_unavailable"


# -- processes at once -----------------------------------------------------------------------------------------


def _open_at_once(urls: list[str], barrier, results) -> None:  # type: ignore[no-untyped-def]
    try:
        for url in urls:
            barrier.wait(timeout=60)
            open_store(url).close()
        results.put("ok")
    except BaseException as exc:
        barrier.abort()  # the others stop waiting for this one
        results.put(f"{type(exc).__name__}: {exc}")


def _fork():  # type: ignore[no-untyped-def]
    return multiprocessing.get_context("fork")


def test_processes_opening_a_fresh_store_at_once_all_succeed(db_url):
    """Four processes open (and so create) the same fresh store at the same moment: PostgreSQL once (every
    try failed before), SQLite 100 times (its switch to WAL mode lost the race now and then: about one try in fifty)."""
    urls = [db_url] if db_url.startswith("postgresql") else [f"{db_url}.{k}" for k in range(100)]
    ctx = _fork()
    barrier, results = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_open_at_once, args=(urls, barrier, results)) for _ in range(4)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert sorted(outcomes)[-1] == "ok" and len(set(outcomes)) == 1, outcomes
    for url in urls:
        with open_store(url) as store:
            versions = store.query("SELECT version FROM schema_migrations ORDER BY version")
            assert [r["version"] for r in versions] == list(range(1, SCHEMA_VERSION + 1))


def _fake_extract(items: Iterable[Document | object]) -> Iterator[Report | None]:
    """Reports made by hand, slowly enough that two runs interleave."""
    for item in items:
        if not isinstance(item, Document):
            yield None
            continue
        time.sleep(0.003)
        day = int(re.search(r"2024-06-(\d\d)", item.text).group(1))  # type: ignore[union-attr]
        yield incident_report(item.id, item.text, place=KASSALA, date=f"2024-06-{day:02d}", actor1=GUNMEN)


def _ingest_at_once(url: str, corpus: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from eventwire.batch import ingest
    from eventwire.settings import Settings

    try:
        with open_store(url) as store:
            barrier.wait(timeout=60)
            s = ingest([corpus], store, None, settings=Settings(check_language=False), extractor=_fake_extract,
                       commit_every=3)
        results.put((s.stored, s.skipped, s.failed, s.canonical_events))
    except BaseException as exc:
        results.put(f"{type(exc).__name__}: {exc}")


def test_two_ingests_of_the_same_files_at_once_count_each_document_once(db_url, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n = 40
    for i in range(n):
        (corpus / f"d{i:02d}.txt").write_text(_report(i, day=1 + 3 * (i % 9)).text, encoding="utf-8")
    open_store(db_url).close()  # created first: what is tested is the ingest, not the migration
    ctx = _fork()
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_ingest_at_once, args=(db_url, str(corpus), barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    runs = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert all(isinstance(r, tuple) for r in runs), runs
    for stored, skipped, failed, _canonical in runs:
        assert (stored + skipped, failed) == (n, 0), runs  # each run: every document new or stored already
    assert sum(r[0] for r in runs) == n, runs  # across runs: each document stored once
    from eventwire.dedup import deduplicate

    with open_store(db_url) as store:
        assert store.counts()["documents"] == n
        assert_consistent(store)
        canonical = sorted(r["id"] for r in store.query("SELECT id FROM canonical_events"))
        assert deduplicate(store) == len(canonical) == 9  # the last dedup saw every document
        assert sorted(r["id"] for r in store.query("SELECT id FROM canonical_events")) == canonical


def test_write_batch_says_which_documents_were_there_already(db_url):
    reports = [_report(i) for i in range(3)]
    with open_store(db_url) as store:
        first = store.write_batch([(reports[0], "mem:0"), (reports[1], "mem:1")])
        assert sorted(first.added) == sorted(document_id(r.text) for r in reports[:2]) and first.present == []
        second = store.write_batch([(r, f"mem:{i}") for i, r in enumerate(reports)] + [(reports[2], "mem:again")])
        assert second.added == [document_id(reports[2].text)]
        assert sorted(second.present) == sorted(document_id(r.text) for r in reports)  # the 3rd: twice in the batch
        assert store.ping() is None


def test_store_options_in_the_url():
    from eventwire.errors import SettingsError
    from eventwire.store.backends import pg_options

    conninfo, timeout, size = pg_options("postgresql://u:pw@h:5/db?pool_size=3&connect_timeout=7&sslmode=disable")
    assert (conninfo, timeout, size) == ("postgresql://u:pw@h:5/db?connect_timeout=7&sslmode=disable", 7, 3)
    assert pg_options("postgresql://h/db")[1:] == (5, 10)
    for bad in ("postgresql://h/db?pool_size=0", "postgresql://h/db?connect_timeout=x",
                "postgresql://h/db?connect_timeout=0"):
        with pytest.raises(SettingsError):
            pg_options(bad)


def test_a_server_that_never_answers_fails_within_the_connect_timeout():
    """A port that accepts connections but never speaks: opening the store gives up after the default
    connect timeout (5 s)."""
    from eventwire.errors import SettingsError

    with socket.socket() as mute:
        mute.bind(("127.0.0.1", 0))
        mute.listen(8)  # the kernel completes the handshakes; nobody ever answers
        url = f"postgresql://nobody@127.0.0.1:{mute.getsockname()[1]}/db"
        outcome: list[BaseException | None] = []

        def open_it() -> None:
            try:
                open_store(url).close()
                outcome.append(None)
            except BaseException as exc:
                outcome.append(exc)

        t0 = time.monotonic()
        thread = threading.Thread(target=open_it, daemon=True)
        thread.start()
        thread.join(timeout=15)
        assert outcome, "open_store still waits on a server that never answers"
        assert isinstance(outcome[0], SettingsError) and "cannot connect" in outcome[0].message
        assert time.monotonic() - t0 < 12
