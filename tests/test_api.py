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
    with TestClient(app) as c:
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
    canonical = client.get(f"/events/{merged[0]['canonical_id']}").json()
    assert canonical["event"]["documents"] == 2 and len({x["doc_id"] for x in canonical["reports"]}) == 2
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
    page = client.get("/")
    assert page.status_code in (200, 404)
    assert client.get("/no/such/route").json()["error"]["code"] == "not_found"
