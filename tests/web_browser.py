"""What the browser tests of the page share (tests/test_web*.py): Debian's Chromium driven by Playwright, the app
on 127.0.0.1 in a thread, and a store built from the bundled samples (examples/sample.jsonl and the follow-ups in
examples/followups.jsonl, all synthetic). Without a Chromium the browser tests are skipped, unless
EVENTWIRE_REQUIRE_BROWSER=1 or CI is set (.ci/run sets the first), which makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from eventwire.api import create_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [str(ROOT / "examples" / "sample.jsonl"), str(ROOT / "examples" / "followups.jsonl")]
# Every Content-Security-Policy violation on the page, recorded before any of its scripts run.
CSP_RECORDER = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                "(e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def chromium() -> str | None:
    for candidate in (os.environ.get("EVENTWIRE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def browser_required() -> bool:
    flag = os.environ.get("EVENTWIRE_REQUIRE_BROWSER")
    if flag is not None and flag != "":
        return flag.lower() in ("1", "true", "yes")
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def chromium_or_skip(find=chromium) -> str:
    path = find()
    if path is None:
        if browser_required():
            pytest.fail("a browser is required here (EVENTWIRE_REQUIRE_BROWSER=1 or CI) but there is no Chromium "
                        "(install Debian's `chromium` or set EVENTWIRE_CHROMIUM)", pytrace=False)
        pytest.skip("no Chromium: install Debian's `chromium` or set EVENTWIRE_CHROMIUM")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: str | None, pipeline, **options) -> Iterator[str]:
    """The app over ``db`` on 127.0.0.1 in a background thread; yields its URL."""
    import uvicorn

    app = create_app(db, settings=pipeline.settings, pipeline=pipeline, **options)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def build_sample_store(db: str, pipeline) -> None:
    """The bundled samples and their follow-ups, extracted, stored and deduplicated (as `make serve` does)."""
    from eventwire.batch import ingest
    from eventwire.store import open_store

    with open_store(db) as store:
        summary = ingest(SAMPLES, store, pipeline, processes=1)
    assert summary.stored == 8 and not summary.errors, summary


def ready(page, timeout: float = 30_000) -> None:
    """Wait until the page's router says the view has what it loaded."""
    page.wait_for_selector("body[data-ready=true]", timeout=timeout)


def goto(page, base: str, route: str) -> None:
    """Go to a view (a new hash: the page is not reloaded) and wait until it is ready."""
    target = base + "/" + route
    if page.url == target:
        page.reload()
    else:
        page.evaluate("document.body && (document.body.dataset.ready = 'false')")
        page.goto(target)
    ready(page)


# -- fixtures (imported by the test modules) ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture()
def server(tmp_path, pipeline) -> Iterator[str]:
    """The app over a fresh, empty SQLite store."""
    with serve(str(tmp_path / "web.db"), pipeline) as url:
        yield url


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory, pipeline) -> Iterator[str]:
    """The app over a store of the samples and their follow-ups (read-only tests share it)."""
    db = str(tmp_path_factory.mktemp("samples") / "samples.db")
    build_sample_store(db, pipeline)
    with serve(db, pipeline) as url:
        yield url


def new_page(browser, url: str | None = None, width: int = 1366, height: int = 900):
    """A page in a fresh context that records CSP violations and script errors (page.errors)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    if url is not None:
        page.response = page.goto(url)  # type: ignore[attr-defined]
        ready(page)
    return page
