"""`eventwire serve` while clients post pathological bodies: does /health stay fast, and does ordinary work finish?

    python benchmarks/serve_under_attack.py [--duration 30] [--attackers 10] [--request-timeout 10] [--quick]

Starts `eventwire serve` as its own process (this checkout's src/, uvicorn on 127.0.0.1, a free port,
a SQLite store in a temp dir, default settings except --request-timeout), waits until its extraction
workers are ready, and then for --duration seconds runs, all at once:

  --attackers threads  each posting to POST /extract, one after another, the bodies of issue 14's table:
                         parens     20 kB of "(" (text/plain; spaCy's tokenizer is quadratic on it)
                         quotes     8,000 tokens of "“a " (text/plain; the quotes stage was quadratic)
                         nested     "[" x 100,000 (application/json; deep nesting)
                         body-5mb   one document of prose just under the 5 MB body limit (text/plain)
                         300-docs   300 tiny documents in one JSON array
                       (attacker k starts at kind k mod 5, so every kind is in flight from the start)
  one health thread    GET /health every 50 ms
  one ordinary thread  POST /extract of a short news article, one after another

Requests still running when the time is up get --request-timeout plus 5 s more (at most 20 s) before
they are abandoned (counted as unfinished, not failed). Then one more ordinary /extract checks that the
server serves normally afterwards, and the server and all its processes are stopped (also on Ctrl-C
or an error). Reported: /health p50/p99/max latency and failures; ordinary requests completed, failed,
p50/p99 latency; per hostile kind the answers seen (status and the error code the body names, e.g.
"504 timeout", or "200 too_large" for a report's own error); peak memory: RSS of the server process and
of its largest extraction process, PSS of all of them together (psutil, else /proc).
Targets (issue 14): /health p99 <= 200 ms, no failed /health, ordinary requests complete (at least one,
none failed). --quick: 10 s. Exit status 1 when the benchmark itself failed; missed targets are in the
JSON ("targets"), not in the exit status. The last printed line is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

ORDINARY = ("KHARTOUM, March 5 (Reuters) - Fighters of the Rapid Support Forces shelled the central market in El "
            "Fasher on Monday, killing nine people and wounding 23, the regional governor said. Residents said "
            "the shelling lasted several hours and that aid workers had left the town a week earlier.")
PROSE = ("Gunmen attacked a police checkpoint in Goma on Tuesday, killing four officers, a local official said. ")
HEALTH_P99_TARGET_MS = 200.0
HEALTH_EVERY_S = 0.05
START_TIMEOUT_S = 240.0  # loading the model on a busy machine


def hostile_bodies() -> dict[str, tuple[bytes, str]]:
    """kind -> (body, content type): the table of issue 14."""
    five_mb = (PROSE * (4_990_000 // len(PROSE))).encode()
    tiny = [{"text": f"Nine people were killed in Goma on Monday (note {i})."} for i in range(300)]
    return {
        "parens": (b"(" * 20_000, "text/plain"),
        "quotes": (("\u201ca " * 8_000).encode(), "text/plain"),
        "nested": (b"[" * 100_000, "application/json"),
        "body-5mb": (five_mb, "text/plain"),
        "300-docs": (json.dumps(tiny).encode(), "application/json"),
    }


# -- the server, a process group of its own --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(tmp: Path, request_timeout: float) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    """`eventwire serve` on a free port; (its URL, its process, seconds until its workers were ready).
    Stopped with its whole process group on the way out, whatever happened."""
    import httpx

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    for var in ("EVENTWIRE_TOKEN", "EVENTWIRE_READ_TOKEN", "EVENTWIRE_REQUEST_TIMEOUT", "EVENTWIRE_WORKERS",
                "EVENTWIRE_MAX_DOCUMENTS", "EVENTWIRE_MAX_BYTES", "EVENTWIRE_DB"):
        env.pop(var, None)  # default settings, whatever the caller's environment says
    log = open(tmp / "server.log", "wb")  # noqa: SIM115
    proc: subprocess.Popen[bytes] | None = None
    try:
        for _attempt in range(3):  # the free port may be taken between our check and the server's bind
            port = _free_port()
            argv = [sys.executable, "-c", "import sys; from eventwire.cli import main; sys.argv[0] = 'eventwire'; "
                    "main()", "serve", "--db", str(tmp / "store.db"), "--host", "127.0.0.1", "--port", str(port),
                    "--request-timeout", f"{request_timeout:g}"]
            t0 = time.monotonic()
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                                    cwd=tmp, start_new_session=True)
            url = f"http://127.0.0.1:{port}"
            while proc.poll() is None and time.monotonic() < t0 + START_TIMEOUT_S:
                with contextlib.suppress(httpx.HTTPError, ValueError):
                    workers = httpx.get(url + "/health", timeout=5).json().get("workers") or {}
                    if workers.get("failed"):
                        raise RuntimeError("the server's extraction workers could not start")
                    if workers.get("size") and workers.get("idle") == workers["size"]:
                        break
                time.sleep(0.2)
            else:
                if proc.poll() is None:
                    raise RuntimeError(f"the server's workers were not ready within {START_TIMEOUT_S:g} s")
                continue  # it exited: another port
            break
        else:
            raise RuntimeError("eventwire serve exited at start:\n"
                               + (tmp / "server.log").read_text(errors="replace")[-2000:])
        yield url, proc, time.monotonic() - t0
    finally:
        if proc is not None:
            _stop_group(proc)
        log.close()


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group (uvicorn shuts down, its workers end), SIGKILL what is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(5)  # uvicorn waits for running requests; an abandoned one may never end
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of the group: the server, the zygote, workers
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(10)


# -- memory ----------------------------------------------------------------------------------------------------


def _tree_rss(pid: int) -> tuple[int, list[int], int]:
    """(RSS of `pid`, RSS of each of its descendants, their proportional set size together), bytes. The
    workers are forked from one process and share most of their pages: the PSS sum counts each page once."""
    try:
        import psutil

        root = psutil.Process(pid)
        own = root.memory_info().rss
        kids, pss = [], 0
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                full = proc.memory_full_info()
                pss += getattr(full, "pss", full.rss)
                if proc is not root:
                    kids.append(full.rss)
        return own, kids, pss
    except ImportError:
        pass
    page = os.sysconf("SC_PAGE_SIZE")
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            parent[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    tree, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        tree += kids
        frontier += kids

    def rss(p: int) -> int:
        with contextlib.suppress(OSError, ValueError, IndexError):
            return int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
        return 0

    def pss(p: int) -> int:
        with contextlib.suppress(OSError, ValueError, IndexError):
            line = next(x for x in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines() if x.startswith("Pss:"))
            return int(line.split()[1]) * 1024
        return rss(p)

    return rss(pid), [rss(p) for p in tree], sum(pss(p) for p in [pid, *tree])


class MemoryWatch(threading.Thread):
    """Samples the server's process tree every 0.25 s: peak RSS of the server and of its largest child, peak
    PSS of them all."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True, name="rss")
        self.pid, self.stop = pid, threading.Event()
        self.server = self.child = self.total = 0

    def run(self) -> None:
        while not self.stop.is_set():
            with contextlib.suppress(Exception):
                own, kids, pss = _tree_rss(self.pid)
                self.server = max(self.server, own)
                self.child = max(self.child, max(kids, default=0))
                self.total = max(self.total, pss)
            self.stop.wait(0.25)


# -- the clients -----------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One request: when it was sent, its status (or exception class), how long it took."""

    sent: float
    status: int | str
    seconds: float
    label: str = ""


@dataclass
class Run:
    end: float  # no new request after this
    cutoff: float  # requests still running after this are abandoned
    started: float = 0.0
    health: list[Outcome] = field(default_factory=list)
    ordinary: list[Outcome] = field(default_factory=list)
    hostile: dict[str, list[Outcome]] = field(default_factory=dict)


def _post(http: Any, run: Run, body: bytes, content_type: str) -> tuple[int | str, Any]:
    import httpx

    wait = max(1.0, run.cutoff - time.monotonic())
    try:
        r = http.post("/extract", content=body, headers={"Content-Type": content_type},
                      timeout=httpx.Timeout(wait, connect=10.0))
    except httpx.HTTPError as exc:
        return type(exc).__name__, None
    return r.status_code, r


def _label(status: int | str, r: Any) -> str:
    """The status and what the body says: '504 timeout', '200 too_large' (a report's error), '200 ok'."""
    if r is None:
        return str(status)
    try:
        body = r.json()
        if "error" in body:
            return f"{status} {body['error'].get('code')}"
        codes = sorted({(rep.get("error") or {}).get("code") or "ok" for rep in body.get("reports") or []})
        return f"{status} {'+'.join(codes) or 'no reports'}"
    except (ValueError, AttributeError, TypeError):
        return f"{status} (not JSON)"


def _attacker(url: str, k: int, bodies: dict[str, tuple[bytes, str]], run: Run, start: threading.Barrier) -> None:
    import httpx

    kinds = list(bodies)
    with httpx.Client(base_url=url, trust_env=False) as http:
        start.wait()
        n = k
        while time.monotonic() < run.end:
            kind = kinds[n % len(kinds)]
            n += 1
            t0 = time.monotonic()
            status, r = _post(http, run, *bodies[kind])
            run.hostile[kind].append(Outcome(t0, status, time.monotonic() - t0, _label(status, r)))


def _ordinary(url: str, run: Run, start: threading.Barrier) -> None:
    import httpx

    body = json.dumps({"text": ORDINARY}).encode()
    with httpx.Client(base_url=url, trust_env=False) as http:
        start.wait()
        while time.monotonic() < run.end:
            t0 = time.monotonic()
            status, r = _post(http, run, body, "application/json")
            if status == 200 and not _extracted(r):
                status = "200 without a report"
            run.ordinary.append(Outcome(t0, status, time.monotonic() - t0, _label(status, r)))


def _extracted(r: Any) -> bool:
    with contextlib.suppress(ValueError, KeyError, IndexError, TypeError):
        report = r.json()["reports"][0]
        return "error" not in report and report.get("text") == ORDINARY
    return False


def _health(url: str, run: Run, start: threading.Barrier) -> None:
    import httpx

    with httpx.Client(base_url=url, trust_env=False, timeout=10.0) as http:
        start.wait()
        while time.monotonic() < run.end:
            t0 = time.monotonic()
            try:
                status: int | str = http.get("/health").status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            run.health.append(Outcome(t0, status, time.monotonic() - t0))
            time.sleep(HEALTH_EVERY_S)


# -- numbers ---------------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of `values`; 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def _ms(values: list[float], q: float) -> float:
    return round(1000 * percentile(values, q), 1)


def summarize(run: Run) -> dict[str, Any]:
    health_ok = [o.seconds for o in run.health if o.status == 200]
    health = {"n": len(run.health), "p50_ms": _ms([o.seconds for o in run.health], 50),
              "p99_ms": _ms([o.seconds for o in run.health], 99),
              "max_ms": round(1000 * max((o.seconds for o in run.health), default=0.0), 1),
              "failures": len(run.health) - len(health_ok),
              "failure_statuses": dict(Counter(str(o.status) for o in run.health if o.status != 200))}
    done = [o for o in run.ordinary if o.status == 200]
    # a request the client gave up on at the cutoff was still queued or running: unfinished, not failed
    unfinished = [o for o in run.ordinary if o.status != 200 and o.sent + o.seconds >= run.cutoff - 0.5]
    failed = [o for o in run.ordinary if o.status != 200 and o not in unfinished]
    ordinary = {"completed": len(done), "failed": len(failed), "unfinished": len(unfinished),
                "p50_ms": _ms([o.seconds for o in done], 50), "p99_ms": _ms([o.seconds for o in done], 99),
                "max_ms": round(1000 * max((o.seconds for o in done), default=0.0), 1),
                "failure_statuses": dict(Counter(o.label for o in failed))}
    hostile = {kind: {"sent": len(outs), "statuses": dict(sorted(Counter(o.label for o in outs).items())),
                      "p50_ms": _ms([o.seconds for o in outs], 50),
                      "max_ms": round(1000 * max((o.seconds for o in outs), default=0.0), 1)}
               for kind, outs in run.hostile.items()}
    return {"health": health, "ordinary": ordinary, "hostile": hostile}


def attack(url: str, pid: int, *, duration: float, attackers: int, request_timeout: float) -> dict[str, Any]:
    import httpx

    bodies = hostile_bodies()
    drain = min(20.0, request_timeout + 5.0)
    run = Run(end=0.0, cutoff=0.0, hostile={kind: [] for kind in bodies})

    def go() -> None:  # once every thread is ready, before any is released: the clock starts
        run.started = time.monotonic()
        run.end, run.cutoff = run.started + duration, run.started + duration + drain

    start = threading.Barrier(attackers + 3, action=go)
    threads = [threading.Thread(target=_attacker, args=(url, k, bodies, run, start), daemon=True, name=f"attacker-{k}")
               for k in range(attackers)]
    threads += [threading.Thread(target=_ordinary, args=(url, run, start), daemon=True, name="ordinary"),
                threading.Thread(target=_health, args=(url, run, start), daemon=True, name="health")]
    memory = MemoryWatch(pid)
    memory.start()
    for t in threads:
        t.start()
    start.wait(timeout=60)
    t0 = run.started
    for t in threads:
        t.join(max(0.0, run.cutoff - time.monotonic()) + 15)
    seconds = time.monotonic() - t0
    # afterwards: the server serves an ordinary request (its queue may still be draining)
    after: dict[str, Any] = {}
    a0 = time.monotonic()
    try:
        r = httpx.post(url + "/extract", json={"text": ORDINARY}, timeout=60, trust_env=False)
        after = {"status": r.status_code, "ok": r.status_code == 200 and _extracted(r)}
    except httpx.HTTPError as exc:
        after = {"status": type(exc).__name__, "ok": False}
    after["ms"] = round(1000 * (time.monotonic() - a0), 1)
    with contextlib.suppress(httpx.HTTPError, ValueError):
        after["workers"] = httpx.get(url + "/health", timeout=10, trust_env=False).json().get("workers")
    memory.stop.set()
    memory.join(5)
    out = summarize(run)
    mb = 1024 * 1024
    out.update({"seconds": round(seconds, 1), "after_attack": after,
                "rss_peak_mb": {"server": round(memory.server / mb), "largest_worker": round(memory.child / mb),
                                "all_processes_pss": round(memory.total / mb)}})
    return out


def _print(out: dict[str, Any]) -> None:
    h, o = out["health"], out["ordinary"]
    print(f"{out['attackers']} attackers for {out['duration_s']:g} s against eventwire serve "
          f"({out['workers']} workers, --request-timeout {out['request_timeout_s']:g} s; ready after "
          f"{out['startup_s']} s)")
    print(f"  GET /health      n={h['n']:<5} p50={h['p50_ms']:>8.1f} ms  p99={h['p99_ms']:>8.1f} ms  "
          f"max={h['max_ms']:>8.1f} ms  failures={h['failures']} {h['failure_statuses'] or ''}")
    print(f"  ordinary extract completed={o['completed']:<3} p50={o['p50_ms']:>8.1f} ms  p99={o['p99_ms']:>8.1f} ms  "
          f"max={o['max_ms']:>8.1f} ms  failed={o['failed']} {o['failure_statuses'] or ''} "
          f"unfinished={o['unfinished']}")
    print(f"  {'hostile kind':<10} {'sent':>5} {'p50 ms':>9} {'max ms':>9}  statuses")
    for kind, k in out["hostile"].items():
        statuses = ", ".join(f"{s}: {n}" for s, n in k["statuses"].items())
        print(f"  {kind:<10} {k['sent']:>5} {k['p50_ms']:>9.1f} {k['max_ms']:>9.1f}  {statuses}")
    m = out["rss_peak_mb"]
    print(f"  peak memory: server {m['server']} MB RSS, largest worker {m['largest_worker']} MB RSS, all processes "
          f"together {m['all_processes_pss']} MB PSS")
    print(f"  afterwards: ordinary /extract {out['after_attack'].get('status')} in {out['after_attack']['ms']} ms; "
          f"targets {out['targets']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=None, help="seconds of attack (default 30; --quick 10)")
    ap.add_argument("--attackers", type=int, default=10, help="threads posting hostile bodies (default 10)")
    ap.add_argument("--request-timeout", type=float, default=10.0,
                    help="the server's --request-timeout, seconds (default 10)")
    ap.add_argument("--quick", action="store_true", help="10 s of attack")
    args = ap.parse_args(argv)
    duration = args.duration or (10.0 if args.quick else 30.0)
    if args.attackers < 1 or duration <= 0 or args.request_timeout <= 0:
        ap.error("--attackers, --duration and --request-timeout must be positive")
    # SIGTERM as Ctrl-C: the `finally` blocks stop the server's process group either way
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with tempfile.TemporaryDirectory(prefix="eventwire-attack-") as tmp, \
                served(Path(tmp), args.request_timeout) as (url, proc, startup):
            out = attack(url, proc.pid, duration=duration, attackers=args.attackers,
                         request_timeout=args.request_timeout)
            workers = (out["after_attack"].get("workers") or {})
    except KeyboardInterrupt:
        print("interrupted; the server and its processes were stopped", file=sys.stderr)
        return 130
    except Exception as exc:
        import traceback

        traceback.print_exc()
        print(json.dumps({"failed": f"{type(exc).__name__}: {exc}"}))
        return 1
    out.update({"duration_s": duration, "attackers": args.attackers, "request_timeout_s": args.request_timeout,
                "workers": workers.get("size"), "workers_replaced": workers.get("replaced"),
                "startup_s": round(startup, 1)})
    h, o = out["health"], out["ordinary"]
    out["targets"] = {"health_p99_le_200_ms": h["n"] > 0 and h["p99_ms"] <= HEALTH_P99_TARGET_MS and not h["failures"],
                      "ordinary_complete": o["completed"] > 0 and o["failed"] == 0}
    _print(out)
    print(json.dumps(out, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
