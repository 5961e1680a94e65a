"""The web page in a real browser: Playwright (Python) driving Debian's Chromium against the app on
127.0.0.1. Without a Chromium the tests are skipped, unless EVENTWIRE_REQUIRE_BROWSER=1 or CI is set
(.ci/run sets the first; most CI services the second), which turns that into a failure: the XSS and CSP
tests must not pass by not running. Screenshots go to test-artifacts/ (or $EVENTWIRE_ARTIFACTS).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.api import create_app

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("EVENTWIRE_ARTIFACTS", ROOT / "test-artifacts"))
SAMPLE = (ROOT / "examples" / "gaza-truce.txt").read_text(encoding="utf-8")  # our synthetic seed-like dispatch
HOSTILE = ('GENEVA, May 2 (Reuters) - Talks resumed on Friday. <script>window.__pwned = 1</script> '
           '<img src=x onerror="window.__pwned = 2"> Police arrested 12 protesters in Geneva, officials said.')


def _chromium() -> str | None:
    for candidate in (os.environ.get("EVENTWIRE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _browser_required() -> bool:
    flag = os.environ.get("EVENTWIRE_REQUIRE_BROWSER")
    if flag is not None and flag != "":
        return flag.lower() in ("1", "true", "yes")
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _chromium_or_skip() -> str:
    path = _chromium()
    if path is None:
        if _browser_required():
            pytest.fail("a browser is required here (EVENTWIRE_REQUIRE_BROWSER=1 or CI) but there is no Chromium "
                        "(install Debian's `chromium` or set EVENTWIRE_CHROMIUM)", pytrace=False)
        pytest.skip("no Chromium: install Debian's `chromium` or set EVENTWIRE_CHROMIUM")
    return path


def test_without_chromium_the_browser_tests_fail_where_required_and_skip_elsewhere(monkeypatch):
    monkeypatch.setattr(f"{__name__}._chromium", lambda: None)
    for env, outcome in (({"EVENTWIRE_REQUIRE_BROWSER": "1"}, pytest.fail.Exception),
                         ({"CI": "true"}, pytest.fail.Exception),
                         ({"CI": "true", "EVENTWIRE_REQUIRE_BROWSER": "0"}, pytest.skip.Exception),
                         ({}, pytest.skip.Exception)):
        for name in ("EVENTWIRE_REQUIRE_BROWSER", "CI"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        with pytest.raises(outcome):
            _chromium_or_skip()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path, pipeline) -> Iterator[str]:
    """The app on 127.0.0.1 in a background thread, over a fresh SQLite store."""
    import uvicorn

    app = create_app(str(tmp_path / "web.db"), settings=pipeline.settings, pipeline=pipeline)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


# Every Content-Security-Policy violation on the page, recorded before any of its scripts run.
CSP_RECORDER = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                "(e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.response = page.goto(server + "/")  # type: ignore[attr-defined]
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def _extract(page, text: str) -> None:
    page.fill("#article-input", text)
    page.fill("#published-input", "2023-11-30")
    page.click("#extract-button")
    page.wait_for_selector("#article .span", timeout=60_000)


def test_paste_the_sample_and_see_highlights_table_and_map(page):
    _extract(page, SAMPLE)
    for kind in ("place", "time", "actor", "quote", "figure", "trigger"):
        assert page.locator(f"#article .span.kind-{kind}").count() > 0, kind
    assert page.locator("#article").inner_text().replace("\n", "").startswith(SAMPLE.split("\n")[0][:30])
    place = page.locator("#article .span.kind-place").first
    place.hover()
    page.wait_for_selector("#tooltip", state="visible")
    assert page.locator("#tooltip").inner_text().strip()
    assert page.locator("#events-table tbody tr").count() > 0
    page.wait_for_selector("#map .event-marker", timeout=10_000)
    assert page.locator("#map .event-marker").count() > 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "extract-sample.png"), full_page=True)
    assert (ARTIFACTS / "extract-sample.png").stat().st_size > 10_000


def test_markup_in_an_article_renders_inert(page):
    _extract(page, HOSTILE)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []  # type: ignore[attr-defined]
    article = page.locator("#article")
    assert article.locator("script, img").count() == 0
    assert "<script>" in article.inner_text() and "onerror=" in article.inner_text()


def test_page_runs_under_its_content_security_policy(page):
    # The page is sent with a CSP allowing only its own scripts, styles and images, no framing: and nothing
    # on it (Leaflet, the map's outlines, the totals chart's swatches, the tooltip) needs more.
    headers = page.response.headers  # type: ignore[attr-defined]
    csp = headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers.get("x-frame-options") == "DENY" and headers.get("x-content-type-options") == "nosniff"
    page.fill("#article-input", SAMPLE)
    page.fill("#published-input", "2023-11-30")
    page.click("#store-button")
    page.wait_for_selector("#totals-chart .chart-legend .swatch", timeout=60_000)
    swatch = page.locator("#totals-chart .chart-legend .swatch").first
    assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    _extract(page, SAMPLE)
    page.locator("#article .span.kind-place").first.hover()
    page.wait_for_selector("#tooltip", state="visible")
    page.wait_for_selector("#map .event-marker", timeout=10_000)
    assert page.evaluate("window.__csp") == []
    page.evaluate("document.body.appendChild(Object.assign(document.createElement('script'), "
                  "{textContent: 'window.__inline = 1'}))")
    assert page.evaluate("window.__inline") is None and page.evaluate("window.__csp")  # inline code is blocked


def test_store_then_browse_the_dataset(page):
    page.fill("#article-input", SAMPLE)
    page.fill("#published-input", "2023-11-30")
    page.click("#store-button")
    page.wait_for_timeout(300)
    page.locator("#browse-form button[type=submit], #browse-form input[type=submit]").first.click()
    page.wait_for_selector("#browse-table tbody tr", timeout=60_000)
    assert page.locator("#browse-table tbody tr").count() > 0


def test_events_table_and_map_show_story_events(page, pipeline):
    report = pipeline.extract(SAMPLE, "2023-11-30")
    assert 0 < len(report.story_events) < len(report.events)  # the sample tells some events more than once
    _extract(page, SAMPLE)
    rows = page.locator("#events-table tbody tr")
    assert [rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())] == [
        s.id for s in report.story_events]
    # a story event told by several mentions: its row selects every one of their triggers in the text
    index = {e.id: i for i, e in enumerate(report.events)}
    n, story = next((n, s) for n, s in enumerate(report.story_events)
                    if sum(report.events[index[m]].trigger is not None for m in s.mentions) >= 2)
    assert f"{len(story.mentions)} mentions" in rows.nth(n).inner_text()
    rows.nth(n).click()
    selected = page.locator("#article .span.kind-trigger.selected")
    assert {selected.nth(i).get_attribute("data-index") for i in range(selected.count())} == {
        str(index[m]) for m in story.mentions if report.events[index[m]].trigger is not None}
    located = [s for s in report.story_events if s.place is not None and report.places[s.place].lat is not None]
    page.wait_for_selector("#map .event-marker", timeout=10_000)
    assert page.locator("#map .event-marker").count() == len(located)
    near = [s for s in located if s.place_precision in ("sentence", "dateline")]
    assert page.locator("#map .event-marker.guessed").count() == len(near)


def test_browse_says_when_the_total_is_at_least_and_pages_on(browser, server, tmp_path, monkeypatch):
    """Past the server's cap `total` is "at least" (total_exact false): the page says so with a "+" and keeps its
    Next button while the server has a next page."""
    from playwright.sync_api import expect

    from eventwire.store import open_store
    from eventwire.store import select as sel
    from story_reports import make_story_report

    monkeypatch.setattr(sel, "TOTAL_CAP", 30)
    reports = []
    for i in range(15):  # 60 story events
        r = make_story_report(f"sw-{i}")
        r.text += " " * (i + 1)  # another document
        reports.append((r, f"mem:{i}"))
    with open_store(str(tmp_path / "web.db")) as store:
        store.write(reports)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(server + "/")
    page.select_option("#browse-limit", "25")
    page.locator("#browse-form button[type=submit], #browse-form input[type=submit]").first.click()
    expect(page.locator("#browse-count")).to_have_text("events 1–25 of 30+", timeout=30_000)
    page.click("#browse-next")
    expect(page.locator("#browse-count")).to_have_text("events 26–50 of 30+", timeout=30_000)
    expect(page.locator("#browse-next")).to_be_enabled()  # 10 more to come
    context.close()
