"""Screenshots of the web page's views for the README and docs/web.md, taken in Chromium (Playwright) from a store
built from the bundled synthetic samples (examples/sample.jsonl and examples/followups.jsonl), as `make serve` does.

    python benchmarks/screenshots.py [--out docs/img] [--chromium /usr/bin/chromium]

Writes explore.png, explore-filtered.png (one country, one month), event.png, article.png and totals.png. Needs
Debian's `chromium` (or EVENTWIRE_CHROMIUM) and the test extras (playwright); loads the spaCy model once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "examples" / "sample.jsonl", ROOT / "examples" / "followups.jsonl"]
WIDTH, HEIGHT = 1366, 900


def _chromium(given: str | None) -> str:
    for candidate in (given, os.environ.get("EVENTWIRE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("screenshots: no Chromium; install Debian's `chromium` or pass --chromium PATH")


@contextmanager
def _serving(db: str, pipeline) -> Iterator[str]:
    import uvicorn

    from eventwire.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db, settings=pipeline.settings, pipeline=pipeline)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def _shoot(base: str, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    event = _get(base + "/events?dedup=true&country=SDN&type=ASSAULT")["events"][0]  # the Omdurman shelling
    first = next(r for r in _get(base + f"/events/{event['canonical_id']}")["reports"] if r["reason"] == "first report")
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        def view(route: str, name: str, height: int = HEIGHT, before=None) -> None:
            page.evaluate("document.body && (document.body.dataset.ready = 'false')")
            page.goto(f"{base}/{route}")
            page.wait_for_selector("body[data-ready=true]", timeout=30_000)
            page.wait_for_timeout(600)  # the outlines and the excerpts arrive after the view's data
            if before:
                before()
            else:
                page.mouse.move(0, 0)
            path = out / name
            page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": WIDTH, "height": height}, full_page=True)
            written.append(path)

        view("#/explore", "explore.png", 1000)
        view("#/explore?from=2023-06-01&to=2023-06-30&country=SDN&dedup=0", "explore-filtered.png", 1000)
        view(f"#/event/{event['canonical_id']}", "event.png", 1250)

        def hover_first() -> None:
            page.locator(f"#story-events li[data-event-id='{first['event_id']}']").hover()
            page.wait_for_timeout(400)

        view(f"#/article/{first['doc_id']}", "article.png", 760, before=hover_first)
        view("#/totals?category=killed", "totals.png", 720)
        browser.close()
    if errors:
        raise SystemExit("screenshots: the page failed: " + "; ".join(errors))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"), help="folder for the PNG files")
    parser.add_argument("--chromium", default=None, help="the Chromium to drive (default: Debian's)")
    args = parser.parse_args(argv)
    chromium = _chromium(args.chromium)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from eventwire import load_pipeline
    from eventwire.batch import ingest
    from eventwire.store import open_store

    pipeline = load_pipeline(n_process=1)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "samples.db")
        with open_store(db) as store:
            summary = ingest([str(p) for p in SAMPLES], store, pipeline, processes=1)
        print(f"store: {summary.stored} documents, {summary.canonical_events} canonical events", file=sys.stderr)
        with _serving(db, pipeline) as base:
            for path in _shoot(base, out, chromium):
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
