"""The page's views over a stored corpus, in Chromium (tests/web_browser.py): explore (filters change the map and
the table together; the timeline's brush narrows them; the URL holds the view; the downloads give what is shown),
an event's page (every report merged into it, who says what, why it was merged), an article's page (hovering an
event lights its evidence), running totals (revisions marked, the axis fitted), the antimeridian, keyboard use,
laptop widths, empty and error states. The store: examples/sample.jsonl and examples/followups.jsonl (synthetic).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import urllib.request

import pytest
from playwright.sync_api import expect

import web_browser
from web_browser import goto, new_page, ready

browser, server, sample_server = web_browser.browser, web_browser.server, web_browser.sample_server  # the fixtures


def _get(base: str, path: str):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        body = r.read().decode()
    return json.loads(body) if body.startswith(("{", "[")) else body


@pytest.fixture()
def page(browser, sample_server):
    page = new_page(browser, sample_server + "/#/explore")
    yield page
    assert page.evaluate("window.__csp") == [] and page.errors == []  # type: ignore[attr-defined]
    page.context.close()


def _rows(page) -> list[dict]:
    rows = page.locator("#explore-table tbody tr")
    return [{"doc": rows.nth(i).get_attribute("data-doc-id"), "event": rows.nth(i).get_attribute("data-event-id"),
             "text": rows.nth(i).inner_text()} for i in range(rows.count())]


def _on_map(page) -> int:
    """The events the explore map draws: lone markers plus each cluster's count."""
    return page.evaluate("""() => {
        const lone = document.querySelectorAll('#explore-map .event-marker').length;
        const counts = [...document.querySelectorAll('#explore-map .cluster-count')].map(t => Number(t.textContent));
        return lone + counts.reduce((a, b) => a + b, 0); }""")


def _settle(page) -> None:
    ready(page)
    page.wait_for_timeout(150)


def test_filters_change_the_map_and_the_table(page, sample_server):
    everything = _get(sample_server, "/events?dedup=true&limit=500")
    located = _get(sample_server, "/map?dedup=true")["points"]
    assert len(_rows(page)) == everything["total"] == 13
    assert _on_map(page) == len(located) > 3
    page.fill("#f-country", "Sudan")
    page.press("#f-country", "Enter")
    _settle(page)
    assert "country=SDN" in page.url
    sudan = _get(sample_server, "/events?dedup=true&country=SDN")
    rows = _rows(page)
    assert [(r["doc"], r["event"]) for r in rows] == [(e["doc_id"], e["event_id"]) for e in sudan["events"]]
    assert rows and all("SDN" in r["text"] for r in rows)
    assert _on_map(page) == len(_get(sample_server, "/map?dedup=true&country=SDN")["points"]) < len(located)
    assert page.input_value("#f-country") == "Sudan (SDN)"
    page.select_option("#f-type", "ASSAULT")
    _settle(page)
    assert "type=ASSAULT" in page.url and all("ASSAULT" in r["text"] for r in _rows(page))
    assert len(_rows(page)) == _get(sample_server, "/events?dedup=true&country=SDN&type=ASSAULT")["total"] == 1
    assert _on_map(page) == 1
    page.uncheck("#f-dedup")  # every report of it, one row each: the follow-ups appear
    _settle(page)
    assert "dedup=0" in page.url and len(_rows(page)) == 3 and _on_map(page) == 3


def test_the_timeline_brush_narrows_the_table_and_the_map(page, sample_server):
    before = len(_rows(page))
    bars = page.locator("#timeline rect.bar")
    assert bars.count() > 2
    first = bars.first.bounding_box()
    svg = page.locator("#timeline svg").bounding_box()
    # drag across the first bars only (the earliest weeks: the Kyiv and Jeddah events of May 2023)
    page.mouse.move(first["x"] - 2, svg["y"] + svg["height"] / 2)
    page.mouse.down()
    page.mouse.move(first["x"] + first["width"] * 3, svg["y"] + svg["height"] / 2, steps=5)
    page.mouse.up()
    _settle(page)
    m = re.search(r"from=(\d{4}-\d{2}-\d{2})&to=(\d{4}-\d{2}-\d{2})", page.url)
    assert m, page.url
    rows = _rows(page)
    expected = _get(sample_server, f"/events?dedup=true&from={m[1]}&to={m[2]}")
    assert 0 < len(rows) == expected["total"] < before
    assert _on_map(page) == len(_get(sample_server, f"/map?dedup=true&from={m[1]}&to={m[2]}")["points"])
    assert page.locator("#timeline rect.bar.in").count() > 0
    assert page.locator("#timeline rect.brush:not(.ghost)").count() == 1
    assert (page.input_value("#f-from"), page.input_value("#f-to")) == (m[1], m[2])
    page.locator("#timeline svg").focus()  # the keyboard: Escape clears the range
    page.keyboard.press("Escape")
    _settle(page)
    assert "from=" not in page.url and len(_rows(page)) == before


def test_the_url_holds_the_view_and_the_downloads_give_what_is_shown(browser, sample_server):
    url = sample_server + "/#/explore?country=SDN&type=ASSAULT&dedup=0&limit=25"
    page = new_page(browser, url)
    assert page.input_value("#f-country") == "Sudan (SDN)" and page.input_value("#f-type") == "ASSAULT"
    assert not page.is_checked("#f-dedup") and page.input_value("#f-limit") == "25"
    assert page.url.endswith("#/explore?country=SDN&type=ASSAULT&dedup=0&limit=25")
    shown = _rows(page)
    assert len(shown) == 3
    other = new_page(browser, page.url)  # the same URL in another tab: the same view
    assert _rows(other) == shown
    other.context.close()
    csv_href = page.get_attribute("#export-csv", "href")
    geo_href = page.get_attribute("#export-geojson", "href")
    for href in (csv_href, geo_href):
        assert "country=SDN" in href and "type=ASSAULT" in href and "dedup" not in href
    table = list(csv.DictReader(io.StringIO(_get(sample_server, "/" + csv_href))))
    listed = _get(sample_server, "/events?country=SDN&type=ASSAULT&limit=500")["events"]
    assert [(r["doc_id"], r["event_id"]) for r in listed] == [(r["doc"], r["event"]) for r in shown]
    assert [(r["doc_id"], r["event_id"]) for r in table] == [(r["source_id"], r["event_id"]) for r in listed]
    features = _get(sample_server, "/" + geo_href)["features"]
    assert len(features) == _on_map(page) == 3
    page.fill("#f-actor", "no such actor anywhere")
    page.press("#f-actor", "Enter")
    _settle(page)
    assert "actor=no+such+actor+anywhere" in page.url and "country=SDN" in page.url
    page.go_back()  # Back undoes the filter
    _settle(page)
    assert page.input_value("#f-actor") == "" and len(_rows(page)) == 3
    page.context.close()


def _omdurman(base: str) -> str:
    rows = _get(base, "/events?dedup=true&country=SDN&type=ASSAULT")["events"]
    assert len(rows) == 1
    return rows[0]["canonical_id"]


def test_an_event_page_lists_its_reports_who_says_what_and_why(page, sample_server):
    cid = _omdurman(sample_server)
    detail = _get(sample_server, f"/events/{cid}")
    page.locator(f'#explore-table tbody tr[data-canonical-id="{cid}"] td').first.click()
    _settle(page)
    assert page.url.endswith(f"#/event/{cid}")
    expect(page.locator("#event-title")).to_contain_text("ASSAULT")
    cards = page.locator("#event-reports li.report-card")
    assert cards.count() == len(detail["reports"]) == 3
    page.wait_for_function("() => !document.querySelector('#event-reports .excerpt.pending')", timeout=20_000)
    docs = {}
    for r in detail["reports"]:
        docs[r["doc_id"]] = _get(sample_server, f"/documents/{r['doc_id']}")["text"]
    for i in range(3):
        card = cards.nth(i)
        doc = card.get_attribute("data-doc-id")
        evidence = card.locator("mark.evidence").inner_text().strip()
        assert evidence and evidence in docs[doc] and card.locator("mark.evidence .trigger").count() == 1
        assert len(card.locator(".excerpt").inner_text()) >= len(evidence)
        assert card.locator("a.read-link").get_attribute("href").startswith(f"#/article/{doc}?event=")
    reasons = page.locator("#event-reports").inner_text()
    assert "first report" in reasons.lower() and "same type ASSAULT" in reasons
    table = page.locator("#event-figures tbody tr")
    assert table.count() == 3
    killed = sorted(int(re.sub(r"\D", "", table.nth(i).locator("td.toll").first.locator(".toll-value").inner_text()))
                    for i in range(3))
    assert killed == sorted(r["fatalities"] for r in detail["reports"]) == [19, 23, 31]
    assert page.locator("#event-figures .chip.high").count() == page.locator("#event-figures .chip.low").count() == 1
    facts = page.locator(".facts").inner_text()
    assert "Omdurman" in facts and "19 to 31" in facts and "attached" in facts
    page.wait_for_selector("#event-map .report-marker", timeout=10_000)
    assert page.locator("#event-map .report-marker").count() == 3


def test_the_article_page_lights_an_events_evidence_on_hover(page, sample_server):
    cid = _omdurman(sample_server)
    first = next(r for r in _get(sample_server, f"/events/{cid}")["reports"] if r["reason"] == "first report")
    report = _get(sample_server, f"/documents/{first['doc_id']}")
    goto(page, sample_server, f"#/article/{first['doc_id']}")
    cards = page.locator("#story-events li.story-event")
    assert cards.count() == len(report["story_events"])
    assert page.locator("#article .evidence-span.lit").count() == 0
    n = next(i for i, s in enumerate(report["story_events"]) if s["id"] == first["event_id"])
    cards.nth(n).hover()
    lit = page.locator("#article .evidence-span.lit")
    assert lit.count() >= 1
    mention = {e["id"]: e for e in report["events"]}[report["story_events"][n]["mentions"][0]]
    sentence = report["text"][mention["evidence"]["start"]:mention["evidence"]["end"]].strip()
    assert lit.first.inner_text().strip() == sentence
    assert page.locator("#article .span.kind-trigger.lit").count() >= 1
    assert page.locator("#article.spotlight").count() == 1
    assert "Told by 3 reports" in cards.nth(n).inner_text()
    page.mouse.move(5, 5)  # away: nothing stays lit (nothing was selected)
    assert page.locator("#article .evidence-span.lit").count() == 0
    cards.nth(n).focus()  # the keyboard does the same, and Enter keeps it
    assert page.locator("#article .evidence-span.lit").count() >= 1
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.locator("#article .evidence-span.selected").count() >= 1
    goto(page, sample_server, f"#/article/{first['doc_id']}?event={first['event_id']}")  # a link to one event
    assert page.locator("#story-events li.selected").get_attribute("data-event-id") == first["event_id"]


def test_running_totals_mark_revisions_and_fit_the_axis(page, sample_server):
    series = _get(sample_server, "/totals?category=killed")["series"]
    revisions = sum(len(s["revisions"]) for s in series)
    assert revisions >= 1  # the follow-up revises the ministry's count down (15,000, then 14,900)
    goto(page, sample_server, "#/totals?category=killed")
    page.wait_for_selector("#totals-chart svg")
    assert page.locator("#totals-chart .series").count() == len(series)
    assert page.locator("#totals-chart svg .revision").count() == revisions
    texts = page.eval_on_selector_all("#totals-chart .axes text.tick", "els => els.map(e => e.textContent)")
    ticks = [int(t.replace(",", "")) for t in texts if re.fullmatch(r"[\d,]+", t)]
    values = [p["value"] for s in series for p in s["points"]]
    assert min(ticks) > 0 and min(ticks) <= min(values) and max(ticks) >= max(values)  # not from zero: fitted
    assert max(ticks) - min(ticks) < 2 * (max(values) - min(values)) + 1000
    assert "revised down" in page.locator("#totals-chart .chart-legend").inner_text()
    goto(page, sample_server, "#/totals?category=abducted")
    expect(page.locator("#totals-chart .empty")).to_contain_text("No running totals")


def test_outlines_that_cross_the_antimeridian_are_split(page):
    # the geometry: a square across 180°, and a ring round the south pole (as Antarctica's)
    pieces = page.evaluate("window.eventwire.splitRing([[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]])")
    assert len(pieces) == 2 and {round(min(p[0] for p in r)) for r in pieces} == {170, -180}
    polar = page.evaluate("window.eventwire.splitRing([[-180,-70],[-60,-75],[60,-72],[179,-70],[-179,-71],[-180,-70]])")
    assert polar and all(all(-180 <= p[0] <= 180 for p in r) for r in polar)
    assert any(p[1] == -90 for r in polar for p in r)  # closed along the pole
    same = page.evaluate("window.eventwire.splitRing([[0,0],[10,0],[10,10],[0,0]])")
    assert same == [[[0, 0], [10, 0], [10, 10], [0, 0]]]
    # the drawn map: no outline Leaflet holds has an edge across 180° (drawn the long way round: a stripe)
    page.wait_for_selector("#explore-map path.outline")
    stripes = page.evaluate("""() => {
        const flat = (x) => Array.isArray(x) ? x.flatMap(flat) : [x];
        const rings = [];
        window.eventwire.maps.explore.outlines.eachLayer((layer) => {
            const walk = (x) => Array.isArray(x[0]) ? x.forEach(walk) : rings.push(x);
            walk(layer.getLatLngs());
        });
        let out = 0;
        for (const ring of rings) for (let i = 0; i < ring.length; i++) {
            const a = ring[i], b = ring[(i + 1) % ring.length];  // Leaflet closes every ring
            if (Math.abs(a.lng - b.lng) > 180) out++;
        }
        return [out, rings.length, flat(rings).length]; }""")
    assert stripes[1] > 200 and stripes[2] > 5000
    stripes = stripes[0]
    assert stripes == 0
    crossing = page.evaluate("""async () => {
        const topo = await (await fetch('static/vendor/world-atlas/countries-110m.json')).json();
        const land = topojson.feature(topo, topo.objects.countries);
        const rings = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat();
        const bad = (g) => rings(g).some(r => r.some((q, i) => i && Math.abs(q[0] - r[i - 1][0]) > 180));
        const before = land.features.filter(f => bad(f.geometry)).map(f => f.properties.name);
        const after = land.features.filter(f => bad(window.eventwire.splitAntimeridian(f.geometry)));
        return [before, after.length]; }""")
    assert set(crossing[0]) >= {"Fiji", "Russia"} and crossing[1] == 0


def test_rows_open_with_the_keyboard_and_controls_show_focus(page, sample_server):
    row = page.locator("#explore-table tbody tr").first
    row.focus()
    page.keyboard.press("Enter")
    _settle(page)
    assert re.search(r"#/(event|article)/", page.url)
    page.go_back()
    _settle(page)
    page.locator("#explore-table tbody tr").nth(1).focus()
    page.keyboard.press(" ")
    _settle(page)
    assert re.search(r"#/(event|article)/", page.url)
    goto(page, sample_server, "#/explore")
    page.keyboard.press("Tab")  # the skip link first, then the controls, each with a visible focus ring
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        # (a date input's calendar button is focused inside its shadow tree: the browser draws that ring itself)
        seen.append(page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
            return [e.id || e.tagName, !e.matches(':focus') || ring]; }"""))
    assert all(ok for _, ok in seen), seen
    assert {"f-from", "f-to", "f-country"} <= {name for name, _ in seen}


@pytest.mark.parametrize("width", [1024, 1280])
def test_laptop_widths_need_no_sideways_scrolling(browser, sample_server, width):
    cid = _omdurman(sample_server)
    doc = _get(sample_server, f"/events/{cid}")["reports"][0]["doc_id"]
    page = new_page(browser, sample_server + "/#/explore", width=width, height=760)
    for route in ("#/explore", f"#/event/{cid}", f"#/article/{doc}", "#/totals", "#/read"):
        goto(page, sample_server, route)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (route, width)
    page.context.close()


def test_empty_and_error_states_are_explained(browser, server, sample_server):
    page = new_page(browser, server + "/#/explore")  # an empty store
    expect(page.locator("#explore-empty .empty")).to_contain_text("The store is empty")
    assert page.locator("#explore-table").is_hidden()
    goto(page, server, "#/totals")
    expect(page.locator("#totals-chart .empty")).to_contain_text("No running totals")
    page.context.close()
    page = new_page(browser, sample_server + "/#/explore?country=SDN&type=PROTEST")
    expect(page.locator("#explore-empty")).to_contain_text("No events match these filters")
    page.locator("#explore-empty button", has_text="type").click()  # remove a filter from the empty state
    _settle(page)
    assert "type=" not in page.url and len(_rows(page)) > 0
    page.fill("#f-country", "Narnia")
    page.press("#f-country", "Enter")
    expect(page.locator("#f-country-note")).to_contain_text("Narnia")
    assert page.get_attribute("#f-country", "aria-invalid") == "true" and "Narnia" not in page.url
    goto(page, sample_server, "#/explore?from=2023-13-45")  # the API's error, explained where it happened
    expect(page.locator("#explore-problem .problem")).to_contain_text("bad_filter")
    expect(page.locator("#error")).to_contain_text("from")
    goto(page, sample_server, "#/event/c000000000000")
    expect(page.locator("#event-body .empty")).to_contain_text("No event c000000000000")
    goto(page, sample_server, "#/article/nope")
    expect(page.locator("#article-problem .problem")).to_contain_text("not_found")
    page.context.close()


def test_the_walkthrough_answers_in_under_a_minute(page, sample_server):
    """docs/web.md: what happened in Sudan in June 2023, and who says so? Four actions from the page's first view."""
    cid = _omdurman(sample_server)
    started = time.monotonic()
    page.fill("#f-country", "Sudan")
    page.press("#f-country", "Enter")
    _settle(page)
    page.select_option("#f-month", "2023-06")
    _settle(page)
    assert "from=2023-06-01&to=2023-06-30&country=SDN" in page.url
    row = page.locator(f'#explore-table tbody tr[data-canonical-id="{cid}"]')
    assert "Omdurman" in row.inner_text() and len(_rows(page)) == 1
    row.focus()
    page.keyboard.press("Enter")
    _settle(page)
    page.wait_for_function("() => !document.querySelector('#event-reports .excerpt.pending')", timeout=20_000)
    rows = page.locator("#event-figures tbody tr")
    answer = [" ".join(rows.nth(i).inner_text().split()) for i in range(rows.count())]
    for outlet, killed, who in (("AFP", "23", "volunteer"), ("Sudan Post", "19", "Health Ministry"),
                                ("Nile Wire", "31", "Group")):
        line = next(x for x in answer if x.startswith(outlet))
        assert f" {killed} " in line + " " and who in line, line
    assert time.monotonic() - started < 60


def test_the_skip_link_moves_the_focus_and_stays_on_the_view(page, sample_server):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.url.endswith("#/explore") and page.evaluate("document.activeElement.id") == "explore-title"
    goto(page, sample_server, "#/totals")
    page.focus(".skip")
    page.keyboard.press("Enter")
    assert page.url.endswith("#/totals") and page.evaluate("document.activeElement.id") == "totals-title"
