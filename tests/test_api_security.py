"""The API against a hostile browser page, a rebinding DNS name, and hostile bodies (in process, TestClient):
origins, hosts, tokens, security headers, error bodies. Each of these passed the request through before."""

from __future__ import annotations

import logging
from contextlib import closing

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.settings import Settings
from eventwire.store import open_store

STORY = ("KHARTOUM, March 5 (Reuters) - Fighters of the Rapid Support Forces shelled the central market in El "
         "Fasher on Monday, killing nine people, the regional governor said.")
HOST = "http://localhost:8000"
TEXT = {"Content-Type": "text/plain"}


def _client(tmp_path, pipeline, **options) -> TestClient:
    settings = options.pop("settings", pipeline.settings)
    app = create_app(str(tmp_path / "s.db"), settings=settings, pipeline=pipeline, **options)
    return TestClient(app, base_url=HOST, raise_server_exceptions=False)


def _stored(tmp_path) -> int:
    with closing(open_store(str(tmp_path / "s.db"))) as store:
        return store.counts()["documents"]


def test_cross_site_writes_are_refused_without_a_token(tmp_path, pipeline):
    with _client(tmp_path, pipeline) as c:
        refused = [  # what a page on another site (or port) can make a browser send without a preflight
            ({"Origin": "http://evil.example", **TEXT}, "cross_origin"),
            ({"Origin": "null", **TEXT}, "cross_origin"),
            ({"Origin": "http://localhost:3000", **TEXT}, "cross_origin"),  # another port is another origin
            ({"Referer": "http://evil.example/page.html", **TEXT}, "cross_origin"),
            ({"Sec-Fetch-Site": "cross-site", "Content-Type": "application/json"}, "cross_origin"),
            ({"Sec-Fetch-Site": "same-site", "Content-Type": "application/json"}, "cross_origin"),
            (TEXT, "token_required"),  # no Origin: an old browser's form post cannot be told from curl
            ({"Content-Type": "application/x-www-form-urlencoded"}, "token_required"),
        ]
        for headers, code in refused:
            r = c.post("/documents", content=STORY.encode(), headers=headers)
            assert r.status_code == 403 and r.json()["error"]["code"] == code, (headers, r.status_code, r.text)
        r = c.post("/extract", content=STORY.encode(), headers={"Origin": "http://evil.example", **TEXT})
        assert r.status_code == 403 and r.json()["error"]["code"] == "cross_origin"
        assert _stored(tmp_path) == 0
        # this server's own page, and clients that a browser cannot impersonate cross-site, still write
        r = c.post("/documents", content=STORY.encode(), headers={"Origin": HOST, **TEXT})
        assert r.status_code == 200 and r.json()["stored"] == 1
        r = c.post("/documents", json={"text": STORY + " Residents fled."})  # application/json: preflighted
        assert r.status_code == 200 and r.json()["stored"] == 1
        r = c.post("/documents", json={"text": STORY + " Shops shut."}, headers={"Sec-Fetch-Site": "same-origin"})
        assert r.status_code == 200 and r.json()["stored"] == 1


def test_a_token_is_needed_for_writes_and_is_enough_from_any_client(tmp_path, pipeline):
    with _client(tmp_path, pipeline, token="sesame") as c:
        assert c.post("/documents", json={"text": STORY}).status_code == 401
        auth = {"Authorization": "Bearer sesame"}
        assert c.post("/documents", content=STORY.encode(), headers={**auth, **TEXT}).status_code == 200
        r = c.post("/documents", json={"text": STORY}, headers={**auth, "Origin": "http://evil.example"})
        assert r.status_code == 403


def test_hosts_the_server_does_not_answer_to_are_refused(tmp_path, pipeline):
    with _client(tmp_path, pipeline) as c:
        for host in ("evil.example", "evil.example:8000", "localhost.evil.example", "", "localhost:notaport"):
            r = c.get("/health", headers={"Host": host})
            assert r.status_code == 400 and r.json()["error"]["code"] == "bad_host", host
        for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"):
            assert c.get("/health", headers={"Host": host}).status_code == 200, host
    with _client(tmp_path, pipeline, allowed_hosts=("*.example.org", "events.example.net")) as c:
        assert c.get("/health", headers={"Host": "a.example.org"}).status_code == 200
        assert c.get("/health", headers={"Host": "events.example.net:443"}).status_code == 200
        assert c.get("/health", headers={"Host": "localhost"}).status_code == 400
        assert c.get("/health", headers={"Host": "example.org.evil.example"}).status_code == 400


def test_page_api_static_and_errors_carry_security_headers(tmp_path, pipeline):
    with _client(tmp_path, pipeline) as c:
        page = c.get("/")
        assert page.status_code == 200 and "<script src=" in page.text
        responses = [page, c.get("/health"), c.get("/static/app.js"), c.get("/no/such/route"),
                     c.post("/extract", content=b"{", headers={"Content-Type": "application/json"}),
                     c.get("/health", headers={"Host": "evil.example"})]
        for r in responses:
            csp = r.headers.get("content-security-policy", "")
            assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, (r.url, r.headers)
            assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
            assert r.headers.get("x-content-type-options") == "nosniff"
            assert r.headers.get("x-frame-options") == "DENY"
            assert len(r.headers.get("x-request-id", "")) == 16
        assert "<script>" not in page.text and " style=" not in page.text  # the CSP allows no inline code


def test_deeply_nested_and_bad_bodies_are_400_not_500(tmp_path, pipeline):
    with _client(tmp_path, pipeline) as c:
        for body in (b"[" * 100_000, b'{"a":' * 100_000, b"[" * 100_000 + b"]" * 100_000):
            r = c.post("/extract", content=body, headers={"Content-Type": "application/json"})
            assert r.status_code == 400 and r.json()["error"]["code"] == "bad_json", r.text[:300]
        lines = b'{"text": "x"}\n' + b"[" * 100_000 + b"\n"
        r = c.post("/extract", content=lines, headers={"Content-Type": "application/x-ndjson"})
        assert r.status_code == 200 and r.json()["reports"][1]["error"]["code"] == "bad_json"
        r = c.post("/extract", content=b"\xff\xfe{", headers={"Content-Type": "application/json"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_json"


def test_a_500_says_only_internal_error_and_its_request_id(tmp_path, pipeline, monkeypatch, caplog):
    secret = "secret-detail /srv/eventwire/db.sqlite"
    with _client(tmp_path, pipeline) as c:
        def broken() -> None:
            raise RuntimeError(secret)

        monkeypatch.setattr(c.app.state.eventwire, "store", broken)
        with caplog.at_level(logging.ERROR, logger="eventwire.api"):
            r = c.get("/events")
        assert r.status_code == 500 and r.json()["error"]["code"] == "internal"
        rid = r.headers["x-request-id"]
        assert rid in r.json()["error"]["message"] and "secret" not in r.text and "RuntimeError" not in r.text
        assert set(r.json()["error"]) == {"code", "message"}
        assert "content-security-policy" in r.headers
        assert any(rid in rec.getMessage() and secret in rec.exc_text for rec in caplog.records if rec.exc_text)
        # a document that breaks a stage: its own error line, generic too
        monkeypatch.undo()

        def explode(doc):
            raise ValueError(secret)

        monkeypatch.setattr(pipeline, "extract", explode)
        r = c.post("/extract", json={"text": STORY})
        error = r.json()["reports"][0]["error"]
        assert r.status_code == 200 and error["code"] == "internal"
        assert "secret" not in r.text and "ValueError" not in r.text and r.headers["x-request-id"] in error["message"]


def test_too_many_documents_in_one_request_is_413(tmp_path, pipeline):
    settings = Settings.from_env(max_documents=3)
    with _client(tmp_path, pipeline, settings=settings) as c:
        r = c.post("/extract", json=[{"text": STORY}] * 4)
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_many_documents"
        lines = ("\n".join(['{"text": "Nine people were killed."}'] * 4)).encode()
        r = c.post("/documents", content=lines, headers={"Content-Type": "application/x-ndjson"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_many_documents"
        assert c.post("/extract", json=[{"text": STORY}] * 3).status_code == 200


def test_text_posts_keep_their_own_error_records(tmp_path, pipeline):
    # Before, every text/plain post was the source `api:request`, so each error overwrote the last.
    settings = Settings.from_env(max_bytes=150)
    with _client(tmp_path, pipeline, settings=settings, token="sesame") as c:
        auth = {"Authorization": "Bearer sesame"}
        for n in range(2):
            r = c.post("/documents", content=f"{n} {STORY}".encode(), headers={**auth, **TEXT})
            assert r.status_code == 422 and r.json()["errors"][0]["code"] == "too_large"
        for n in range(2):  # JSON records without an id likewise
            r = c.post("/documents", json={"text": f"{n} {STORY}"}, headers=auth)
            assert r.status_code == 422
        r = c.post("/documents", json=[{"id": "a1", "text": STORY}], headers=auth)  # an id is the record's own
    with closing(open_store(str(tmp_path / "s.db"))) as store:
        sources = [e.source for e in store.errors()]
    assert len(sources) == 5 and len(set(sources)) == 5 and "api:a1" in sources
    assert all(s.startswith("api:") and s != "api:request" for s in sources)


@pytest.mark.parametrize("path", ["/events", "/export", "/totals", "/events/c0001", "/documents/0123"])
def test_a_read_token_guards_stored_data(tmp_path, pipeline, path):
    with _client(tmp_path, pipeline, token="sesame", read_token="peek") as c:
        r = c.get(path)
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
        assert c.get(path, headers={"Authorization": "Bearer nope"}).status_code == 401
        found = 200 if path in ("/events", "/export", "/totals") else 404  # the store is empty
        for token in ("peek", "sesame"):  # the write token reads too
            assert c.get(path, headers={"Authorization": f"Bearer {token}"}).status_code == found
        for open_path in ("/health", "/", "/openapi.json", "/static/app.js"):
            assert c.get(open_path).status_code == 200
        r = c.post("/documents", json={"text": STORY}, headers={"Authorization": "Bearer peek"})
        assert r.status_code == 401  # reading is not writing
