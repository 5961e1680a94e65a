"""The issue-14 benchmarks (benchmarks/serve_under_attack.py, benchmarks/pg_restart.py) keep run_all's protocol:
their numbers as one JSON object on the last line of stdout, rendered into BENCHMARKS.md. pg_restart runs for
real with one restart (a few seconds); serve_under_attack needs half a minute of a real server, so only its
bookkeeping is tested here (tests/test_api_workers.py tests the behaviour it measures)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

import pg_server

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(file: str):  # type: ignore[no-untyped-def]
    name = "eventwire_benchmarks_" + file.removesuffix(".py")
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


attack = _module("serve_under_attack.py")
restart = _module("pg_restart.py")
run_all = _module("run_all.py")


def test_the_attack_is_summed_up_and_rendered():
    run = attack.Run(end=10.0, cutoff=30.0, started=0.0, hostile={"parens": [], "nested": []})
    run.health = [attack.Outcome(0.1 * i, 200, 0.003) for i in range(99)] + [attack.Outcome(9.9, "ReadTimeout", 10.0)]
    run.ordinary = [attack.Outcome(0.0, 200, 4.0, "200 ok"), attack.Outcome(4.0, 503, 1.0, "503 busy"),
                    attack.Outcome(9.0, "ReadTimeout", 21.0, "ReadTimeout")]  # still waiting at the cutoff
    run.hostile["parens"] = [attack.Outcome(0.0, 504, 10.0, "504 timeout")] * 3
    run.hostile["nested"] = [attack.Outcome(0.0, 400, 0.02, "400 bad_json")]
    out = attack.summarize(run)
    assert out["health"]["n"] == 100 and out["health"]["failures"] == 1 and out["health"]["p50_ms"] == 3.0
    assert out["health"]["p99_ms"] == 3.0 and out["health"]["max_ms"] == 10000.0
    assert out["health"]["failure_statuses"] == {"ReadTimeout": 1}
    o = out["ordinary"]
    assert (o["completed"], o["failed"], o["unfinished"], o["failure_statuses"]) == (1, 1, 1, {"503 busy": 1})
    assert out["hostile"]["parens"] == {"sent": 3, "statuses": {"504 timeout": 3}, "p50_ms": 10000.0,
                                        "max_ms": 10000.0}
    out.update({"duration_s": 10.0, "attackers": 2, "request_timeout_s": 10.0, "workers": 2, "workers_replaced": 3,
                "startup_s": 4.0, "seconds": 30.0, "after_attack": {"status": 200, "ms": 90.0},
                "rss_peak_mb": {"server": 120, "largest_worker": 490, "all_processes_pss": 700},
                "targets": {"health_p99_le_200_ms": False, "ordinary_complete": False}})
    text = "\n".join(run_all.hardening_section({"serve-attack": {"summary": out, "command": "c", "date": "d"}}))
    assert "| GET /health | 100 | 3.0 | 3.0 | 10000.0 | 1 |" in text
    assert "| parens | 3 | 10000.0 | 10000.0 | 504 timeout: 3 |" in text
    assert "ordinary requests complete **missed**" in text
    assert {"serve-attack", "pg-restart"} <= set(run_all.BENCHES)


def test_the_hostile_bodies_are_the_issues_table():
    bodies = attack.hostile_bodies()
    assert set(bodies) == {"parens", "quotes", "nested", "body-5mb", "300-docs"}
    assert bodies["parens"][0] == b"(" * 20_000 and bodies["nested"][0] == b"[" * 100_000
    assert bodies["quotes"][0].decode() == "\u201ca " * 8_000
    assert 4_900_000 < len(bodies["body-5mb"][0]) <= 5_000_000  # under `serve --max-body`: it reaches a worker
    assert len(json.loads(bodies["300-docs"][0])) == 300


@pytest.mark.postgres
def test_pg_restart_measures_a_restart_and_prints_json_last(monkeypatch, capsys):
    if pg_server.find_bindir() is None:
        pytest.skip("no initdb/pg_ctl: no server to restart")
    monkeypatch.setattr(restart.signal, "signal", lambda *args: None)  # leave pytest's handlers alone
    assert restart.main(["--outages", "0", "--writers", "2"]) == 0
    out = json.loads(capsys.readouterr().out.rstrip().splitlines()[-1])
    assert len(out["restarts"]) == 1 and out["restarts"][0]["outage_s"] == 0
    assert out["restarts"][0]["all_writers_s"] is not None  # every writer wrote again
    assert out["writes_accepted"] > 0 and out["lost_writes"] == 0 and out["targets"]["no_lost_write"] is True
    text = "\n".join(run_all.hardening_section({"pg-restart": {"summary": out, "command": "c", "date": "d"}}))
    assert "| 0 | " in text and "**0** accepted writes lost" in text


def test_pg_restart_without_initdb_says_skipped(monkeypatch, capsys):
    monkeypatch.setattr(restart.signal, "signal", lambda *args: None)
    monkeypatch.setattr(pg_server, "find_bindir", lambda: None)
    assert restart.main(["--quick"]) == 0
    lines = capsys.readouterr().out.rstrip().splitlines()
    assert lines[-2].startswith("skipped: no initdb") and "initdb" in json.loads(lines[-1])["skipped"]
