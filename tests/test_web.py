"""The web page in a real browser: the reader (#/read: extract and store a text), its safety (text is never markup;
the page runs under its Content-Security-Policy) and paging the store. Playwright (Python) drives Debian's Chromium
against the app on 127.0.0.1 (tests/web_browser.py); the views over a stored corpus are in test_web_views.py.
Screenshots go to test-artifacts/ (or $EVENTWIRE_ARTIFACTS).
"""

from __future__ import annotations

import os

import pytest

import web_browser
from web_browser import ROOT, new_page, ready

browser, server = web_browser.browser, web_browser.server  # the fixtures

ARTIFACTS = os.environ.get("EVENTWIRE_ARTIFACTS", str(ROOT / "test-artifacts"))
SAMPLE = (ROOT / "examples" / "gaza-truce.txt").read_text(encoding="utf-8")  # our synthetic seed-like dispatch
HOSTILE = ('GENEVA, May 2 (Reuters) - Talks resumed on Friday. <script>window.__pwned = 1</script> '
           '<img src=x onerror="window.__pwned = 2"> Police arrested 12 protesters in Geneva, officials said.')


def test_without_chromium_the_browser_tests_fail_where_required_and_skip_elsewhere(monkeypatch):
    for env, outcome in (({"EVENTWIRE_REQUIRE_BROWSER": "1"}, pytest.fail.Exception),
                         ({"CI": "true"}, pytest.fail.Exception),
                         ({"CI": "true", "EVENTWIRE_REQUIRE_BROWSER": "0"}, pytest.skip.Exception),
                         ({}, pytest.skip.Exception)):
        for name in ("EVENTWIRE_REQUIRE_BROWSER", "CI"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        with pytest.raises(outcome):
            web_browser.chromium_or_skip(lambda: None)


@pytest.fixture()
def page(browser, server):
    page = new_page(browser)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.response = page.goto(server + "/#/read")  # type: ignore[attr-defined]
    ready(page)
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    page.context.close()


def _extract(page, text: str) -> None:
    page.fill("#article-input", text)
    page.fill("#published-input", "2023-11-30")
    page.click("#extract-button")
    page.wait_for_selector("#article .span", timeout=60_000)


def test_paste_the_sample_and_see_highlights_events_and_map(page):
    _extract(page, SAMPLE)
    for kind in ("place", "time", "actor", "quote", "figure", "trigger"):
        assert page.locator(f"#article .span.kind-{kind}").count() > 0, kind
    assert page.locator("#article").inner_text().replace("\n", "").startswith(SAMPLE.split("\n")[0][:30])
    page.locator("#article .span.kind-place").first.hover()
    page.wait_for_selector("#tooltip", state="visible")
    assert page.locator("#tooltip").inner_text().strip()
    assert page.locator("#story-events li.story-event").count() > 0
    page.wait_for_selector("#article-map .event-marker", timeout=10_000)
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, "extract-sample.png"), full_page=True)
    assert os.path.getsize(os.path.join(ARTIFACTS, "extract-sample.png")) > 10_000
    assert page.errors == []  # type: ignore[attr-defined]


def test_markup_in_an_article_renders_inert(page):
    _extract(page, HOSTILE)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []  # type: ignore[attr-defined]
    article = page.locator("#article")
    assert article.locator("script, img").count() == 0
    assert "<script>" in article.inner_text() and "onerror=" in article.inner_text()


def test_page_runs_under_its_content_security_policy(page, server):
    # The page is sent with a CSP allowing only its own scripts, styles and images, no framing: and nothing
    # on it (Leaflet, the map's outlines and clusters, the charts' swatches, the tooltip) needs more.
    headers = page.response.headers  # type: ignore[attr-defined]
    csp = headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers.get("x-frame-options") == "DENY" and headers.get("x-content-type-options") == "nosniff"
    page.fill("#article-input", SAMPLE)
    page.fill("#published-input", "2023-11-30")
    page.click("#store-button")
    page.wait_for_selector("#store-result .doc-link", timeout=60_000)
    page.goto(server + "/#/totals")
    page.wait_for_selector("#totals-chart .chart-legend .swatch", timeout=30_000)
    swatch = page.locator("#totals-chart .chart-legend .swatch").first
    assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    page.goto(server + "/#/explore")
    page.wait_for_selector("#explore-map .event-marker, #explore-map .cluster-marker", timeout=30_000)
    page.goto(server + "/#/read")
    _extract(page, SAMPLE)
    page.locator("#article .span.kind-place").first.hover()
    page.wait_for_selector("#tooltip", state="visible")
    page.wait_for_selector("#article-map .event-marker", timeout=10_000)
    assert page.evaluate("window.__csp") == []
    assert page.errors == []  # type: ignore[attr-defined]
    page.evaluate("document.body.appendChild(Object.assign(document.createElement('script'), "
                  "{textContent: 'window.__inline = 1'}))")
    assert page.evaluate("window.__inline") is None and page.evaluate("window.__csp")  # inline code is blocked


def test_store_then_find_it_in_explore(page, server):
    page.fill("#article-input", SAMPLE)
    page.fill("#published-input", "2023-11-30")
    page.click("#store-button")
    link = page.wait_for_selector("#store-result .doc-link", timeout=60_000)
    doc_id = link.get_attribute("data-doc-id")
    page.click("#nav a[data-view=explore]")
    page.wait_for_selector("#explore-table tbody tr", timeout=30_000)
    rows = page.locator("#explore-table tbody tr")
    assert rows.count() > 0 and {rows.nth(i).get_attribute("data-doc-id") for i in range(rows.count())} == {doc_id}


def test_story_events_list_and_map_show_story_events(page, pipeline):
    report = pipeline.extract(SAMPLE, "2023-11-30")
    assert 0 < len(report.story_events) < len(report.events)  # the sample tells some events more than once
    _extract(page, SAMPLE)
    cards = page.locator("#story-events li.story-event")
    assert [cards.nth(i).get_attribute("data-event-id") for i in range(cards.count())] == [
        s.id for s in report.story_events]
    # a story event told by several mentions: its card selects every one of their triggers in the text
    index = {e.id: i for i, e in enumerate(report.events)}
    n, story = next((n, s) for n, s in enumerate(report.story_events)
                    if sum(report.events[index[m]].trigger is not None for m in s.mentions) >= 2)
    assert f"{len(story.mentions)} mentions" in cards.nth(n).inner_text()
    cards.nth(n).click()
    selected = page.locator("#article .span.kind-trigger.selected")
    assert {selected.nth(i).get_attribute("data-index") for i in range(selected.count())} == {
        str(index[m]) for m in story.mentions if report.events[index[m]].trigger is not None}
    located = [s for s in report.story_events if s.place is not None and report.places[s.place].lat is not None]
    page.wait_for_selector("#article-map .event-marker", timeout=10_000)
    assert page.locator("#article-map .event-marker").count() == len(located)
    near = [s for s in located if s.place_precision in ("sentence", "dateline")]
    assert page.locator("#article-map .event-marker.guessed").count() == len(near)


def test_explore_says_when_the_total_is_at_least_and_pages_on(browser, server, tmp_path, monkeypatch):
    """Past the server's cap `total` is "at least" (total_exact false): the page says so with a "+" and keeps its
    Next button while the server has a next page (read by cursor); Previous goes back."""
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
    page = new_page(browser, server + "/#/explore?dedup=0&limit=25")
    expect(page.locator("#page-info")).to_have_text("events 1–25 of 30+", timeout=30_000)
    first = page.locator("#explore-table tbody tr").first.get_attribute("data-doc-id")
    page.click("#page-next")
    expect(page.locator("#page-info")).to_have_text("events 26–50 of 30+", timeout=30_000)
    expect(page.locator("#page-next")).to_be_enabled()  # 10 more to come
    page.click("#page-prev")
    expect(page.locator("#page-info")).to_have_text("events 1–25 of 30+", timeout=30_000)
    assert page.locator("#explore-table tbody tr").first.get_attribute("data-doc-id") == first
    page.context.close()
