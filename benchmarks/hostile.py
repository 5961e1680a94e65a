#!/usr/bin/env python3
"""Hostile inputs through the whole pipeline: does every document finish in <= 10 s and <= 1 GB, or get
refused with a clear code, and does nothing crash?

    python benchmarks/hostile.py [--quick] [--json PATH] [--seed N] [--short N] [--long N]
    python benchmarks/hostile.py --linearity      (seconds per stage at 50k/100k/200k characters)

Inputs (issue 14):
  issue      the table of the issue: "(" x 20,000; 8,000 x "“a "; "“a ", "al-", "the ", "NEW YORK, " and
             "12 people killed 3 " repeated to 999,000 characters and to max_chars (100,000 by default);
             a 1,000,004-character article; "[" x 100,000
  fuzz-*     generated from a fixed seed (--seed): news-like words, punctuation runs, unicode, numbers,
             quotation marks, dateline shapes, and a mix of all; short (up to 2,000 characters, --short
             per class) and long (20,000 to 1.2 x max_chars, --long per class)
Each input runs through every stage (``Pipeline.extract``: ingest checks, tokenizer, parse, every
eventwire component, the report and its JSON); the report's spans must point into the input text.
Inputs over 20,000 characters run one by one in a forked child, whose peak resident memory (the model
included, as a worker's) is the document's; shorter ones run in this process, whose peak is reported.
The language check is off, so that text in any script reaches every stage.

Per class it prints: inputs, the slowest document (s), peak RSS (MB), refusals by error code, crashes (an
exception that is not an eventwire error, an ``internal`` error, or a span off its text: must be 0), and
documents over 10 s or 1 GB.  Writes the whole result as JSON (--json; benchmarks/hostile.json by
default).  --quick runs a CI-sized subset (about 300 short inputs, the issue's inputs at 20,000 and 40,000
characters, two long ones) in a minute or two.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TIME_LIMIT_S = 10.0
MEMORY_LIMIT_MB = 1024.0
ISOLATE_ABOVE = 20_000  # characters: longer inputs run in a forked child (time and memory their own)
CHILD_TIMEOUT_S = 300.0  # a child still running then is killed and counted over time
CHILD_ADDRESS_SPACE = 8 << 30  # bytes: a runaway child fails instead of taking the machine
IN_PROCESS_TIMEOUT_S = 60  # SIGALRM for an in-process document

ISSUE_UNITS = ("“a ", "al-", "the ", "NEW YORK, ", "12 people killed 3 ")


# --- inputs -------------------------------------------------------------------------------------------

def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def issue_inputs(quick: bool, limit: int = 100_000) -> list[tuple[str, str, str]]:
    """(class, name, text) for every input of the issue's table, at the issue's size and at `limit`
    (the pipeline's max_chars, so that they are read, not refused for their length)."""
    big = 40_000 if quick else 999_000
    limit = 20_000 if quick else limit
    out = [("issue", "'(' x 20,000", "(" * 20_000), ("issue", "8,000 x '“a '", "“a " * 8_000),
           ("issue", "1,000,004-character article", _repeat("Police said 12 people were killed. ", 1_000_004)),
           ("issue", "'[' x 100,000", "[" * 100_000)]
    for unit in ISSUE_UNITS:
        out.append(("issue", f"{unit!r} to {big:,}", _repeat(unit, big)))
        out.append(("issue", f"{unit!r} to {limit:,}", _repeat(unit, limit)))
    return out


NAMES = ["Smith", "Jane Doe", "Mohammed al-Rashid", "Kim Jong Un", "O'Brien", "Mr. Lee", "Dr. Ahmed", "Putin",
         "the ministry", "Hamas", "the Israeli army", "UN", "U.S.", "Reuters", "AP", "a spokesman", "police",
         "residents", "witnesses", "the governor", "officials", "he", "she", "they", "it", "we", "I"]
PLACES = ["Gaza", "Khan Younis", "NEW YORK", "Kyiv", "Paris, Texas", "Georgia", "Jordan", "Washington",
          "Khartoum", "Borno State", "the West Bank", "Mali", "St. Louis", "Tbilisi", "Nile", "al-Mukalla"]
VERBS = ["said", "told", "added", "killed", "wounded", "abducted", "released", "attacked", "shelled",
         "protested", "agreed", "rejected", "condemned", "according to", "announced", "fled", "died", "seized"]
NOUNS = ["people", "civilians", "soldiers", "children", "an airstrike", "the truce", "hostages", "a market",
         "the toll", "troops", "protesters", "bodies", "a school", "the war", "talks", "a ceasefire"]
GLUE = ["the", "a", "of", "in", "on", "and", "at least", "more than", "on Monday", "last week", "who", "that",
        "after", "since", "was", "were", "had", "has been", "not", "would"]
PUNCT = list("()[]{}\"'“”‘’«»„‹›-–—…!?.,;:/\\|@#$%^&*_=+~`<>")
NUMBERS = ["12", "3", "1,000", "3.5", "12-15", "dozens", "hundreds", "½", "١٢", "10,000,000,000,000,000",
           "1e9", "-5", "#3", "$4bn", "40%", "2023", "0", "007", "1st", "twenty-one", "MMXXIV", "3/4", "9:30"]
QUOTES = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", "‹", "›", "``", "''"]
DATELINES = ["NEW YORK, Nov. 30 (Reuters) — ", "KHAN YOUNIS, Gaza Strip (AP) - ", "Doha, Nov 30 (EFE).- ",
             "BEIRUT —", "(CNN)", "LONDON: ", "Jan. 5, 2023", "2023-11-30", "Monday", "Nov 31", "30/02/2024",
             "KYIV, Ukraine, Feb. 24 (AFP) --", "WASHINGTON (AP) —", "GAZA CITY, ", "Updated 9:30 a.m. ET"]
UNICODE_RANGES = [(0x4E00, 0x9FFF), (0x0600, 0x06FF), (0x0590, 0x05FF), (0x0900, 0x097F), (0x0300, 0x036F),
                  (0x1F300, 0x1FAFF), (0x200B, 0x200F), (0x2028, 0x202E), (0xFE00, 0xFE0F), (0x0001, 0x001F),
                  (0xE000, 0xE0FF), (0xFF10, 0xFF5A), (0x2070, 0x209F), (0x1D400, 0x1D4FF), (0xD800, 0xDFFF),
                  (0x0400, 0x04FF), (0x00A0, 0x00FF), (0xFFF0, 0xFFFF)]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", ", ", ". ", "\t", "  "]


def _unicode_char(rng: random.Random) -> str:
    lo, hi = rng.choice(UNICODE_RANGES)
    c = chr(rng.randint(lo, hi))
    return " " if c == "\x00" else c


def _word(rng: random.Random, kind: str) -> str:
    if kind == "news":
        return rng.choice(rng.choice([NAMES, PLACES, VERBS, NOUNS, GLUE, GLUE]))
    if kind == "punct":
        return "".join(rng.choice(PUNCT) for _ in range(rng.randint(1, 3))) if rng.random() < 0.7 \
            else _word(rng, "news")
    if kind == "unicode":
        return "".join(_unicode_char(rng) for _ in range(rng.randint(1, 6))) if rng.random() < 0.7 \
            else _word(rng, "news")
    if kind == "numbers":
        return rng.choice(NUMBERS) if rng.random() < 0.5 else rng.choice(NOUNS + VERBS + GLUE)
    if kind == "quotes":
        r = rng.random()
        return rng.choice(QUOTES) + _word(rng, "news") if r < 0.3 else _word(rng, "news") + rng.choice(QUOTES) \
            if r < 0.6 else _word(rng, "news")
    if kind == "dateline":
        return rng.choice(DATELINES) if rng.random() < 0.4 else _word(rng, "news")
    return _word(rng, rng.choice(FUZZ_KINDS[:-1]))  # mixed


FUZZ_KINDS = ("news", "punct", "unicode", "numbers", "quotes", "dateline", "mixed")


def fuzz_text(rng: random.Random, kind: str, length: int) -> str:
    """Text of about `length` characters of one kind: words, with now and then a word or separator
    repeated many times (the runs that make tokenizers and scans quadratic)."""
    parts: list[str] = []
    n = 0
    while n < length:
        w = _word(rng, kind)
        sep = rng.choice(SEPARATORS)
        r = rng.random()
        if r < 0.04:  # a long run of one word (heavy tail: up to the whole length)
            k = int(min(length, 10 ** rng.uniform(1, 5)))
            piece = (w + sep) * max(1, k // max(1, len(w + sep)))
        elif r < 0.08:  # a run of one character
            piece = rng.choice(PUNCT + QUOTES + [w[:1] or "x"]) * int(10 ** rng.uniform(1, 4.5))
        else:
            piece = w + sep
        parts.append(piece)
        n += len(piece)
    return "".join(parts)[:length]


def fuzz_inputs(seed: int, short: int, long: int, long_max: int) -> Iterator[tuple[str, str, str]]:
    """(class, name, text): `short` short and `long` long inputs of each kind, from a fixed seed."""
    rng = random.Random(seed)
    for kind in FUZZ_KINDS:
        for k in range(short):
            yield f"fuzz-{kind}", f"{kind}-{k}", fuzz_text(rng, kind, int(10 ** rng.uniform(0, 3.3)))
    for kind in FUZZ_KINDS:
        for k in range(long):
            yield "fuzz-long", f"{kind}-long-{k}", fuzz_text(rng, kind, rng.randint(ISOLATE_ABOVE + 1, long_max))


# --- running ------------------------------------------------------------------------------------------

@dataclass
class Outcome:
    cls: str
    name: str
    chars: int
    seconds: float = 0.0
    peak_mb: float | None = None
    refused: str | None = None  # error code
    crash: str | None = None  # what went wrong, when it did

    def over(self) -> list[str]:
        out = []
        if self.seconds > TIME_LIMIT_S:
            out.append("time")
        if self.peak_mb is not None and self.peak_mb > MEMORY_LIMIT_MB:
            out.append("memory")
        return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def check_one(pipeline: Any, text: str, doc_id: str) -> tuple[str | None, str | None]:
    """(refusal code, crash description) of one document through every stage."""
    from eventwire.errors import EventwireError
    from eventwire.ingest import _normalize_text

    try:
        report = pipeline.extract(text, id=doc_id)
    except EventwireError as exc:
        if exc.code == "internal":
            return None, f"internal: {exc.message[:200]}"
        return exc.code, None
    except Exception as exc:  # what the benchmark is here to find
        return None, f"{type(exc).__name__}: {exc}"[:300] + " | " + traceback.format_exc(limit=3)[-600:]
    try:
        report.to_json()
        problems = report.span_errors()
    except Exception as exc:
        return None, f"report: {type(exc).__name__}: {exc}"[:300]
    if report.text != _normalize_text(text):  # the input's own text, newlines normalised
        return None, "the report's text is not the input's"
    if problems:
        return None, f"spans: {problems[:3]}"
    return None, None


class _Alarm(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Alarm()


def run_in_process(pipeline: Any, cls: str, name: str, text: str) -> Outcome:
    out = Outcome(cls, name, len(text))
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(IN_PROCESS_TIMEOUT_S)
    started = time.perf_counter()
    try:
        out.refused, out.crash = check_one(pipeline, text, name)
    except _Alarm:
        out.crash = f"still running after {IN_PROCESS_TIMEOUT_S} s"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    out.seconds = time.perf_counter() - started
    return out


_child_pipeline: Any = None


def _child(conn: Any, text: str, name: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_ADDRESS_SPACE, CHILD_ADDRESS_SPACE))
    started = time.perf_counter()
    try:
        refused, crash = check_one(_child_pipeline, text, name)
    except MemoryError:
        refused, crash = None, "MemoryError"
    conn.send((refused, crash, time.perf_counter() - started, _peak_mb()))
    conn.close()


def run_isolated(pipeline: Any, cls: str, name: str, text: str) -> Outcome:
    """One document in a forked child (the model is shared, not reloaded): its own time and peak memory."""
    global _child_pipeline
    _child_pipeline = pipeline
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, text, name))
    started = time.perf_counter()
    proc.start()
    child.close()
    out = Outcome(cls, name, len(text))
    if parent.poll(CHILD_TIMEOUT_S):
        try:
            out.refused, out.crash, out.seconds, out.peak_mb = parent.recv()
        except EOFError:
            out.crash = "the child died without an answer"
    else:
        out.crash = f"still running after {CHILD_TIMEOUT_S:.0f} s"
    proc.join(5)
    if proc.is_alive():
        proc.kill()
        proc.join()
    if out.crash and not out.seconds:
        out.seconds = time.perf_counter() - started
    if proc.exitcode not in (0, None) and out.crash is None:
        out.crash = f"the child exited with {proc.exitcode}"
    return out


def idle_child_mb(pipeline: Any) -> float:
    """Peak RSS of a forked child that processes a one-line article: the floor of every isolated figure."""
    return run_isolated(pipeline, "baseline", "baseline", "Police said two people were killed.").peak_mb or 0.0


def run(inputs: list[tuple[str, str, str]], pipeline: Any,
        progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    outcomes = []
    for cls, name, text in inputs:
        o = run_isolated(pipeline, cls, name, text) if len(text) > ISOLATE_ABOVE \
            else run_in_process(pipeline, cls, name, text)
        if o.peak_mb is None:
            o.peak_mb = _peak_mb()
        outcomes.append(o)
        if progress is not None:
            progress(o)
    return outcomes


# --- linearity -----------------------------------------------------------------------------------

LINEARITY_SIZES = (50_000, 100_000, 200_000)


def _stage_child(conn: Any, text: str) -> None:
    from eventwire.ingest import Document

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_ADDRESS_SPACE, CHILD_ADDRESS_SPACE))
    pipeline = _child_pipeline
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    doc = pipeline._prepare(Document(id="x", text=text, published="2024-01-01", source="x"))
    seconds["tokenize"] = time.perf_counter() - started
    for name, component in pipeline.nlp.pipeline:
        t = time.perf_counter()
        doc = component(doc)
        seconds[name] = time.perf_counter() - t
    conn.send((len(doc), seconds, _peak_mb()))
    conn.close()


def stage_profile(pipeline: Any, text: str) -> tuple[int, dict[str, float], float]:
    """(tokens, seconds per stage, peak MB) of one text, in a forked child, limits lifted."""
    global _child_pipeline
    _child_pipeline = pipeline
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_stage_child, args=(child, text))
    proc.start()
    child.close()
    result = parent.recv() if parent.poll(CHILD_TIMEOUT_S) else (0, {}, 0.0)
    proc.join(5)
    if proc.is_alive():
        proc.kill()
        proc.join()
    return result


def linearity(units: tuple[str, ...] = ISSUE_UNITS, sizes: tuple[int, ...] = LINEARITY_SIZES) -> list[dict[str, Any]]:
    """Seconds per stage for each of the issue's units repeated to each size, with max_chars lifted."""
    import eventwire

    pipeline = eventwire.load_pipeline(n_process=1, check_language=False, max_chars=10 * max(sizes))
    pipeline.extract("Warm-up: police said two people were killed in Gaza on Monday.")
    rows = []
    for unit in units:
        for n in sizes:
            tokens, seconds, peak = stage_profile(pipeline, _repeat(unit, n))
            model = sum(s for k, s in seconds.items() if not k.startswith("eventwire_") and k != "tokenize")
            row = {"unit": unit, "chars": n, "tokens": tokens, "tokenize_s": round(seconds.get("tokenize", 0), 3),
                   "model_s": round(model, 3), "peak_mb": round(peak)}
            row.update({k.removeprefix("eventwire_"): round(s, 3) for k, s in seconds.items()
                        if k.startswith("eventwire_")})
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def linearity_table(rows: list[dict[str, Any]]) -> str:
    stages = [k for k in rows[0] if k not in ("unit", "chars", "tokens", "tokenize_s", "model_s", "peak_mb")]
    head = f"{'unit':<22}{'chars':>8}{'tokens':>8}{'tok s':>7}{'model s':>8}" + \
        "".join(f"{s[:8]:>9}" for s in stages) + f"{'peak MB':>8}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r['unit']!r:<22}{r['chars']:>8}{r['tokens']:>8}{r['tokenize_s']:>7.2f}{r['model_s']:>8.2f}"
                     + "".join(f"{r.get(s, 0):>9.2f}" for s in stages) + f"{r['peak_mb']:>8}")
    return "\n".join(lines)


# --- summary ------------------------------------------------------------------------------------------

@dataclass
class ClassSummary:
    inputs: int = 0
    max_s: float = 0.0
    slowest: str = ""
    peak_mb: float = 0.0
    refused: Counter[str] = field(default_factory=Counter)
    crashes: int = 0
    over_time: int = 0
    over_memory: int = 0


def summarise(outcomes: list[Outcome]) -> dict[str, ClassSummary]:
    out: dict[str, ClassSummary] = defaultdict(ClassSummary)
    for o in [*outcomes]:
        for key in (o.cls, "all"):
            s = out[key]
            s.inputs += 1
            if o.seconds > s.max_s:
                s.max_s, s.slowest = o.seconds, o.name
            s.peak_mb = max(s.peak_mb, o.peak_mb or 0.0)
            if o.refused:
                s.refused[o.refused] += 1
            s.crashes += bool(o.crash)
            s.over_time += "time" in o.over()
            s.over_memory += "memory" in o.over()
    return dict(out)


def table(summary: dict[str, ClassSummary]) -> str:
    head = f"{'class':<16}{'inputs':>7}{'max s':>8}{'peak MB':>9}  {'refused (code: n)':<34}{'crashes':>8}" \
           f"{'>10 s':>6}{'>1 GB':>6}"
    lines = [head, "-" * len(head)]
    for cls in sorted(summary, key=lambda c: (c == "all", c)):
        s = summary[cls]
        refused = ", ".join(f"{c}: {n}" for c, n in sorted(s.refused.items())) or "-"
        lines.append(f"{cls:<16}{s.inputs:>7}{s.max_s:>8.2f}{s.peak_mb:>9.0f}  {refused:<34}{s.crashes:>8}"
                     f"{s.over_time:>6}{s.over_memory:>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a CI-sized run (about 300 short inputs)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--short", type=int, default=None, help="short fuzzed inputs per class [1430; quick 43]")
    ap.add_argument("--long", type=int, default=None, help="long fuzzed inputs per class [4; quick: 2 in all]")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "hostile.json")
    ap.add_argument("-v", "--verbose", action="store_true", help="a line per input over 1 s")
    ap.add_argument("--linearity", action="store_true",
                    help="instead: seconds per stage for the issue's inputs at 50k, 100k and 200k characters "
                         "(limits lifted), to show the growth is linear")
    args = ap.parse_args(argv)
    if args.linearity:
        sys.path.insert(0, str(ROOT / "src"))
        rows = linearity()
        print(linearity_table(rows))
        out = args.json.with_name(args.json.stem + "-linearity.json")
        out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
        return 0
    short = args.short if args.short is not None else (43 if args.quick else 1430)
    long = args.long if args.long is not None else (0 if args.quick else 4)
    long_max = 60_000  # quick; else a fifth over max_chars: most long inputs are read, some refused

    sys.path.insert(0, str(ROOT / "src"))
    import eventwire

    pipeline = eventwire.load_pipeline(n_process=1, check_language=False)
    pipeline.extract("Warm-up: police said two people were killed in Gaza on Monday.")
    if not args.quick:
        long_max = pipeline.settings.max_chars * 6 // 5
    inputs = issue_inputs(args.quick, pipeline.settings.max_chars) + list(fuzz_inputs(args.seed, short, long,
                                                                                       long_max))
    if args.quick:
        rng = random.Random(args.seed)
        inputs += [("fuzz-long", f"{k}-long", fuzz_text(rng, k, 30_000)) for k in ("punct", "quotes")]
    floor = idle_child_mb(pipeline)
    print(f"{len(inputs)} inputs; settings: max_chars={pipeline.settings.max_chars:,}, "
          f"max_tokens={pipeline.settings.max_tokens:,}; an idle forked child peaks at {floor:.0f} MB",
          file=sys.stderr, flush=True)

    def progress(o: Outcome) -> None:
        if o.crash or o.over() or (args.verbose and o.seconds > 1):
            flag = f"CRASH {o.crash}" if o.crash else " ".join(o.over()) or ""
            print(f"  {o.cls:<14} {o.name[:40]:<40} {o.chars:>9,} chars {o.seconds:7.2f} s "
                  f"{o.peak_mb or 0:6.0f} MB {o.refused or ''} {flag}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    outcomes = run(inputs, pipeline, progress)
    summary = summarise(outcomes)
    print(table(summary))
    total = summary["all"]
    result = {
        "settings": {"max_chars": pipeline.settings.max_chars, "max_tokens": pipeline.settings.max_tokens,
                     "model": pipeline.settings.model, "check_language": False, "seed": args.seed,
                     "quick": args.quick, "cpus": os.cpu_count()},
        "targets": {"max_s": TIME_LIMIT_S, "max_mb": MEMORY_LIMIT_MB},
        "idle_child_mb": round(floor),
        "wall_s": round(time.perf_counter() - started, 1),
        "classes": {c: {"inputs": s.inputs, "max_s": round(s.max_s, 3), "slowest": s.slowest,
                        "peak_mb": round(s.peak_mb), "refused": dict(s.refused), "crashes": s.crashes,
                        "over_time": s.over_time, "over_memory": s.over_memory} for c, s in summary.items()},
        "issue_inputs": [{"name": o.name, "chars": o.chars, "seconds": round(o.seconds, 3),
                          "peak_mb": round(o.peak_mb or 0), "refused": o.refused, "crash": o.crash}
                         for o in outcomes if o.cls == "issue"],
        "crashes": [{"class": o.cls, "name": o.name, "chars": o.chars, "crash": o.crash}
                    for o in outcomes if o.crash],
        "slowest": [{"class": o.cls, "name": o.name, "chars": o.chars, "seconds": round(o.seconds, 3),
                     "peak_mb": round(o.peak_mb or 0), "refused": o.refused}
                    for o in sorted(outcomes, key=lambda o: -o.seconds)[:15]],
    }
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"inputs": total.inputs, "crashes": total.crashes, "over_time": total.over_time,
                      "over_memory": total.over_memory, "max_s": round(total.max_s, 2),
                      "peak_mb": round(total.peak_mb), "max_chars": pipeline.settings.max_chars,
                      "wall_s": result["wall_s"], "classes": result["classes"],
                      "issue_inputs": result["issue_inputs"]}))
    return 1 if total.crashes or total.over_time or total.over_memory else 0


if __name__ == "__main__":
    sys.exit(main())
