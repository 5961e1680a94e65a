"""The page's own reads: GET /timeline, /map and /facets (store/overview.py), on SQLite and PostgreSQL. The reports
are hand-made (tests/story_reports.py, our own text); no NLP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.store import open_store
from story_reports import incident_report, make_story_report


def _incident(i: int, place, date, type="ASSAULT", fatalities=None):
    text = f"Report {i}: gunmen attacked a village near {place[0]} on a market day, officials said."
    return incident_report(f"inc-{i}", text, place=place, date=date, type=type, fatalities=fatalities)


SUVA = ("Suva", -18.14, 178.44, "FJI", "Central")
ANADYR = ("Anadyr", 64.73, 177.51, "RUS", "Chukotka")
TAVEUNI = ("Taveuni", -16.85, -179.97, "FJI", "Northern")


@pytest.fixture()
def store_url(db_url):
    from eventwire.dedup import update

    reports = [(make_story_report(), "mem:sw-1"),
               (_incident(1, SUVA, "2024-06-03", fatalities=4), "mem:1"),
               (_incident(2, ANADYR, "2024-06-10"), "mem:2"),
               (_incident(3, TAVEUNI, "2024-07-01", type="PROTEST"), "mem:3")]
    with open_store(db_url) as store:
        store.write(reports)
        update(store)
    return db_url


@pytest.fixture()
def client(store_url):
    with TestClient(create_app(store_url, workers=0, pipeline=None), base_url="http://localhost") as c:
        yield c


def test_timeline_counts_story_events_per_day_with_the_events_filters(client):
    r = client.get("/timeline")
    assert r.status_code == 200
    body = r.json()
    # make_story_report: s1 on 06-03, s2 on 06-04, s3 and s4 undated; the incidents one each
    assert body["days"] == [{"day": "2024-06-03", "count": 2}, {"day": "2024-06-04", "count": 1},
                            {"day": "2024-06-10", "count": 1}, {"day": "2024-07-01", "count": 1}]
    assert body["undated"] == 2 and body["total"] == 7 == client.get("/events").json()["total"]
    assert client.get("/timeline", params={"type": "PROTEST"}).json()["days"] == [
        {"day": "2024-06-04", "count": 1}, {"day": "2024-07-01", "count": 1}]
    dated = client.get("/timeline", params={"from": "2024-06-04", "to": "2024-06-30"}).json()
    assert dated == {"days": [{"day": "2024-06-04", "count": 1}, {"day": "2024-06-10", "count": 1}],
                     "undated": 0, "total": 2}
    assert client.get("/timeline", params={"country": "FJI"}).json()["total"] == 2
    assert client.get("/timeline", params={"actor": "eastern front"}).json()["days"] == [
        {"day": "2024-06-03", "count": 1}]
    assert client.get("/timeline", params={"actor": "nobody at all"}).json() == {"days": [], "undated": 0, "total": 0}
    assert client.get("/timeline", params={"acled_type": "protests"}).json()["total"] == 1
    assert client.get("/timeline", params={"bbox": "170,-20,180,0"}).json()["total"] == 1  # Suva, not Taveuni


def test_map_lists_located_story_events_and_counts_cells_past_its_limit(client):
    body = client.get("/map").json()
    assert body["truncated"] is False and body["cells"] == []
    points = body["points"]
    located = [e for e in client.get("/events", params={"limit": 500}).json()["events"] if e["place_lat"] is not None]
    assert [(p["doc_id"], p["event_id"]) for p in points] == [(e["doc_id"], e["event_id"]) for e in located]
    s1 = next(p for p in points if p["event_id"] == "s1" and p["country"] == "SDN")
    assert (s1["type"], s1["mode"], s1["place_name"], s1["place_precision"], s1["date"], s1["fatalities"]) == (
        "ASSAULT", "firearms", "Kassala", "attached", "2024-06-03", 7)
    assert s1["canonical_id"] and s1["canonical_id"] == next(
        e["canonical_id"] for e in located if (e["doc_id"], e["event_id"]) == (s1["doc_id"], "s1"))
    assert {round(p["lon"], 2) for p in points if p["country"] == "FJI"} == {178.44, -179.97}
    few = client.get("/map", params={"limit": 2}).json()
    assert few["truncated"] is True and len(few["points"]) == 2
    assert sum(c["count"] for c in few["cells"]) == len(points)
    kassala = [c for c in few["cells"] if c["type"] == "ASSAULT" and abs(c["lat"] - 15.451) < 1e-3]
    assert kassala and kassala[0]["count"] == 2  # s1 and s4 (its place the story's)
    assert few["cells_complete"] is True and body["cells_complete"] is True
    assert [p["event_id"] for p in client.get("/map", params={"type": "PROTEST"}).json()["points"]] == ["s2", "s1"]


def test_map_cells_are_a_bounded_read(client, monkeypatch):
    from eventwire.store import overview

    monkeypatch.setattr(overview, "MAX_CELL_ROWS", 3)
    body = client.get("/map", params={"limit": 1}).json()
    assert body["truncated"] is True and body["cells_complete"] is False
    assert sum(c["count"] for c in body["cells"]) == 3


def test_facets_name_the_countries_and_types_in_the_store(client):
    body = client.get("/facets").json()
    assert body["total"] == 7 and client.get("/facets").json() == body  # the second from the cache
    assert body["countries"][0] == {"code": "SDN", "name": "Sudan", "count": 3}
    assert {c["code"]: c["count"] for c in body["countries"]} == {"SDN": 3, "FJI": 2, "RUS": 1}
    assert {t["type"]: t["count"] for t in body["types"]} == {"ASSAULT": 4, "PROTEST": 2, "CONSULT": 1}


def test_the_page_reads_are_validated_bounded_and_guarded(store_url):
    with TestClient(create_app(store_url, workers=0, read_token="r34d"), base_url="http://localhost") as c:
        for path in ("/timeline", "/map", "/facets"):
            r = c.get(path)
            assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized", path
        auth = {"Authorization": "Bearer r34d"}
        for path, params, status, code in (("/map", {"limit": 0}, 422, "bad_request"),
                                           ("/map", {"limit": 5001}, 422, "bad_request"),
                                           ("/timeline", {"country": "Fiji"}, 400, "bad_filter"),
                                           ("/map", {"from": "2024-13-01"}, 400, "bad_filter"),
                                           ("/timeline", {"bbox": "1,2"}, 400, "bad_filter")):
            r = c.get(path, params=params, headers=auth)
            assert r.status_code == status and r.json()["error"]["code"] == code, (path, params)
            assert set(r.json()) == {"error"} and "Traceback" not in r.json()["error"]["message"]
        assert c.get("/facets", headers=auth).json()["total"] == 7
    with TestClient(create_app(None, workers=0), base_url="http://localhost") as c:
        assert c.get("/timeline").json()["error"]["code"] == "no_store"


def test_document_links_name_the_canonical_event_of_each_story_event(client, store_url):
    from eventwire.store import document_id

    doc = document_id(make_story_report().text)
    body = client.get(f"/documents/{doc}/links").json()
    assert body["doc_id"] == doc
    links = {x["event_id"]: x for x in body["links"]}
    events = {e["event_id"]: e["canonical_id"] for e in client.get("/events", params={"limit": 500}).json()["events"]
              if e["doc_id"] == doc}
    assert {k: v["canonical_id"] for k, v in links.items()} == {k: v for k, v in events.items() if v}
    assert links and all(x["reports"] >= 1 and x["documents"] >= 1 and x["reason"] for x in links.values())
    r = client.get("/documents/nope/links")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_facets_are_counted_again_after_a_write_through_the_api(tmp_path, pipeline):
    text = "KHARTOUM, March 5 (Reuters) - Gunmen attacked a market in Omdurman on Monday, killing nine people."
    with TestClient(create_app(str(tmp_path / "f.db"), settings=pipeline.settings, pipeline=pipeline),
                    base_url="http://localhost") as c:
        assert c.get("/facets").json() == {"countries": [], "types": [], "total": 0}
        assert c.post("/documents", json={"text": text, "published": "2024-03-05"}).json()["stored"] == 1
        after = c.get("/facets").json()  # within the cache's lifetime, but the write dropped it
        assert after["total"] >= 1 and after["countries"][0]["code"] == "SDN"
