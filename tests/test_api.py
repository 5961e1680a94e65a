"""The HTTP API (FastAPI, in process): endpoints, errors, token, body limit. Articles are invented."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app

STORY = ("KHARTOUM, March 5 (Reuters) - Fighters of the Rapid Support Forces shelled the central market in El "
         "Fasher on Monday, killing nine people, the regional governor said. The health ministry said more than "
         "1,200 people have been killed since the fighting began on March 3.")
OTHER = ("Nine people were killed when the Rapid Support Forces shelled a market in El Fasher on Monday, residents "
         "told reporters by phone.")


@pytest.fixture()
def client(db_url, pipeline):
    app = create_app(db_url, settings=pipeline.settings, pipeline=pipeline, token="sesame", max_body=200_000)
    with TestClient(app, base_url="http://localhost") as c:
        yield c


AUTH = {"Authorization": "Bearer sesame"}


def test_extract_json_text_html_and_jsonl(client):
    r = client.post("/extract", json={"text": STORY, "published": "2024-03-05"})
    assert r.status_code == 200
    report = r.json()["reports"][0]
    assert report["events"] and report["places"] and report["figures"]
    r = client.post("/extract", content=STORY.encode(), headers={"Content-Type": "text/plain"})
    assert r.status_code == 200 and r.json()["reports"][0]["text"] == STORY
    html = f"<html><body><article><p>{STORY}</p></article></body></html>"
    r = client.post("/extract", content=html.encode(), headers={"Content-Type": "text/html"})
    assert r.status_code == 200 and "El Fasher" in r.json()["reports"][0]["text"]
    lines = json.dumps({"id": "a", "text": STORY}) + "\n" + json.dumps({"id": "b", "text": ""}) + "\n"
    r = client.post("/extract", content=lines.encode(), headers={"Content-Type": "application/x-ndjson"})
    reports = r.json()["reports"]
    assert r.status_code == 200 and reports[0]["id"] == "a" and reports[1]["error"]["code"] == "empty"


def test_bad_bodies_are_clear_4xx(client):
    r = client.post("/extract", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_json"
    r = client.post("/extract", content=b"", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "empty"
    r = client.post("/extract", content=b"x" * 300_000, headers={"Content-Type": "text/plain"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    r = client.post("/extract", content=b"\x00\x01", headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 415
    r = client.post("/extract", json=[])
    assert r.status_code == 400
    r = client.post("/extract", json={"txt": STORY})
    assert r.status_code == 200 and r.json()["reports"][0]["error"]["code"] == "bad_record"


def test_store_read_back_browse_and_explain(client):
    assert client.post("/documents", json={"text": STORY}).status_code == 401  # a token is set
    r = client.post("/documents", json=[{"text": STORY, "published": "2024-03-05"},
                                        {"text": OTHER, "published": "2024-03-05"}], headers=AUTH)
    assert r.status_code == 200 and r.json()["stored"] == 2
    again = client.post("/documents", json={"text": STORY, "published": "2024-03-05"}, headers=AUTH).json()
    assert again["stored"] == 0 and again["skipped"] == 1
    doc_id = r.json()["documents"][0]
    doc = client.get(f"/documents/{doc_id}").json()
    assert doc["doc_id"] == doc_id and doc["text"] == STORY and doc["events"]
    assert client.get("/documents/nope").status_code == 404
    events = client.get("/events", params={"type": "ASSAULT", "limit": 2}).json()
    assert events["total"] >= 2 and len(events["events"]) == 2 and events["limit"] == 2
    assert all(e["type"] == "ASSAULT" for e in events["events"])
    once = client.get("/events", params={"dedup": "true"}).json()
    merged = [e for e in once["events"] if e["type"] == "ASSAULT"]
    details = [client.get(f"/events/{e['canonical_id']}").json() for e in merged]
    both = [d for d in details if d["event"]["documents"] == 2]  # the shelling both articles tell
    assert len(both) == 1 and len({x["doc_id"] for x in both[0]["reports"]}) == 2
    assert client.get("/events/c0000").status_code == 404
    totals = client.get("/totals", params={"category": "killed"}).json()["series"]
    assert totals and totals[0]["points"][0]["value"] == 1200
    csv = client.get("/export", params={"format": "csv", "country": "SDN"})
    assert csv.status_code == 200 and csv.text.startswith("doc_id,")
    assert client.get("/export", params={"format": "parquet"}).content[:4] == b"PAR1"


def test_filters_are_validated_and_sql_looking_values_are_just_text(client):
    client.post("/documents", json={"text": STORY}, headers=AUTH)
    for params in ({"from": "yesterday"}, {"type": "BOMBING"}, {"bbox": "1,2,3"}, {"country": "Sudan"},
                   {"limit": "0"}, {"offset": "-1"}, {"format": "xls"}):
        path = "/export" if "format" in params else "/events"
        r = client.get(path, params=params)
        assert 400 <= r.status_code < 500, (params, r.status_code)
        assert "error" in r.json()
    for value in ("'; DROP TABLE events; --", "\" OR 1=1 --", "%' OR '1'='1"):
        r = client.get("/events", params={"actor": value, "source": value})
        assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/events").json()["total"] > 0  # still there


def test_openapi_is_published_and_page_is_served(client):
    spec = client.get("/openapi.json").json()
    assert {"/extract", "/documents", "/documents/{doc_id}", "/events", "/events/{canonical_id}", "/totals",
            "/export"} <= set(spec["paths"])
    assert client.get("/health").json()["status"] == "ok"
    page = client.get("/")  # the page ships in the package: a 404 here is a packaging bug
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="static/app.js">' in page.text and client.get("/static/app.js").status_code == 200
    assert client.get("/no/such/route").json()["error"]["code"] == "not_found"


def test_events_list_story_events_and_documents_keep_both_lists(client):
    r = client.post("/documents", json=[{"text": STORY, "published": "2024-03-05"},
                                        {"text": OTHER, "published": "2024-03-05"}], headers=AUTH)
    docs = [client.get(f"/documents/{d}").json() for d in r.json()["documents"]]
    for doc in docs:  # the full report: every mention, and the story events made of them
        assert doc["events"] and doc["story_events"]
        assert {m for s in doc["story_events"] for m in s["mentions"]} <= {e["id"] for e in doc["events"]}
    n_story = sum(len(d["story_events"]) for d in docs)
    n_mentions = sum(len(d["events"]) for d in docs)
    assert n_mentions > n_story  # "shelled" and "killing" tell one shelling
    listed = client.get("/events", params={"limit": 500}).json()
    assert listed["records"] == "story" and listed["total"] == n_story == len(listed["events"])
    assert all(e["event_id"].startswith("s") and e["mentions"] for e in listed["events"])
    assert {(e["doc_id"], e["event_id"]) for e in listed["events"]} == {
        (d["doc_id"], s["id"]) for d in docs for s in d["story_events"]}
    page = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == n_story and page["events"] == listed["events"][1:2]
    mentions = client.get("/events", params={"limit": 500, "records": "mention"}).json()
    assert mentions["records"] == "mention" and mentions["total"] == n_mentions
    assert all(e["event_id"].startswith("e") and e["story_event"] is not None for e in mentions["events"]
               if e["story_event"])
    bad = client.get("/events", params={"records": "sentence"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_filter"
    for first in client.get("/events", params={"dedup": "true", "type": "ASSAULT"}).json()["events"]:
        detail = client.get(f"/events/{first['canonical_id']}").json()
        assert detail["reports"] and all(x["event_id"].startswith("s") and x["reason"] for x in detail["reports"])
        assert all(x["canonical_id"] == first["canonical_id"] for x in detail["reports"])
        assert detail["event"]["reports"] == len(detail["reports"])


def test_api_serves_a_stored_story_report(db_url, pipeline):
    from eventwire.dedup import update
    from eventwire.store import document_id, open_store
    from story_reports import S_ATTACK, make_story_report

    report = make_story_report()
    with open_store(db_url) as store:
        store.write([(report, "mem:sw-1")])
        update(store)  # written outside the API: its writer dedups it (the API's reads never do)
    app = create_app(db_url, settings=pipeline.settings, pipeline=pipeline)
    with TestClient(app, base_url="http://localhost") as c:
        rows = c.get("/events").json()["events"]
        assert [r["event_id"] for r in rows] == ["s1", "s2", "s3", "s4"]
        s1 = rows[0]
        assert (s1["fatalities"], s1["injured"], s1["mentions"], s1["place_precision"]) == (7, 11, "e1 e2 e3",
                                                                                           "attached")
        assert s1["doc_id"] == document_id(report.text) and s1["source_id"] == "sw-1"
        assert s1["evidence_text"] == S_ATTACK and s1["canonical_id"]
        assert [r["event_id"] for r in c.get("/events", params={"country": "SDN", "from": "2024-06-04"})
                .json()["events"]] == ["s2"]
        acled = c.get("/export", params={"format": "acled-csv"}).text.splitlines()
        assert len(acled) == 3 and acled[1].startswith("SDN:sw-1:s1,")
        mention_csv = c.get("/export", params={"format": "csv", "records": "mention"}).text.splitlines()
        assert len(mention_csv) == 7
        plover = [json.loads(x) for x in c.get("/export", params={"format": "plover-json"}).text.splitlines()]
        assert [p["id"] for p in plover] == ["sw-1:s1", "sw-1:s2", "sw-1:s3", "sw-1:s4"]
        protest = c.get("/export", params={"format": "jsonl", "type": "PROTEST"}).text.splitlines()
        jsonl = [json.loads(x) for x in protest]
        assert [s["id"] for s in jsonl[0]["story_events"]] == ["s2"]
        assert [e["id"] for e in jsonl[0]["events"]] == ["e4"]  # the story event's mentions only


def test_a_store_that_does_not_answer_is_a_503_not_a_400(client, monkeypatch):
    from eventwire.errors import StoreUnavailable
    from eventwire.store import Store

    def down(*args, **kwargs):
        raise StoreUnavailable("connection lost: server closed the connection unexpectedly (10.0.0.5:5432)")

    monkeypatch.setattr(Store, "query", down)
    monkeypatch.setattr(Store, "query_rows", down)
    r = client.get("/events")
    assert r.status_code == 503 and r.json()["error"]["code"] == "store_unavailable"
    assert "10.0.0.5" not in r.text  # nothing of the connection is echoed
