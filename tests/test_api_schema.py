"""Property tests of the HTTP API from its own OpenAPI document (schemathesis): no request gets a 5xx.

Schemathesis generates requests for every operation in /openapi.json (paths, query parameters, headers)
and sends them in process (ASGI) to an app over a SQLite store holding a few documents. POST /extract and
POST /documents read their body by hand, so the schema has no request body for them: a second test posts
generated bodies (JSON values, JSONL, text, bytes, and JSON nested thousands of levels deep) under the content
types the API knows and some it does not.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from eventwire.api import create_app

STORIES = [
    {"text": "KHARTOUM, March 5 (Reuters) - Fighters of the Rapid Support Forces shelled the central market in El "
             "Fasher on Monday, killing nine people, the regional governor said. The health ministry said more than "
             "1,200 people have been killed since the fighting began on March 3.", "published": "2024-03-05"},
    {"text": "Nine people were killed when the Rapid Support Forces shelled a market in El Fasher on Monday, residents "
             "told reporters by phone.", "published": "2024-03-05"},
]


HOSTS = ("localhost", "testserver")  # schemathesis sends Host: testserver


@pytest.fixture(scope="module")
def app(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("api-schema") / "store.db"
    app = create_app(str(db), settings=pipeline.settings, pipeline=pipeline, token=None, max_body=100_000,
                     allowed_hosts=HOSTS)
    with TestClient(app, base_url="http://localhost") as client:
        assert client.post("/documents", json=STORIES).status_code == 200
    yield app
    if app.state.eventwire._store is not None:
        app.state.eventwire._store.close()


# The OpenAPI document does not depend on the store or the pipeline, so it is read at import from an app
# without either, and every case is sent to the module's app (a store, the session's pipeline).
# (schemathesis.pytest.from_fixture would be the natural loader, but schemathesis 4.32 sets
# `request.node._nodeid`, which pytest 9 no longer has: AttributeError.)
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(None, token=None, max_body=100_000, workers=0,
                                                                   allowed_hosts=HOSTS))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error_on_any_operation(case, app):
    case.call_and_validate(app=app, checks=[not_a_server_error])


# -- bodies for the two POST endpoints ---------------------------------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)
_fields = st.fixed_dictionaries({}, optional={
    "text": st.text(max_size=200) | st.integers() | st.none(),
    "id": st.text(max_size=20) | st.integers() | st.none(),
    "published": st.sampled_from(["2024-03-05", "yesterday", "", "2024-13-45", "1999"]) | st.integers(),
    "url": st.text(max_size=40) | st.none(),
    "title": st.text(max_size=40) | st.lists(st.integers(), max_size=2),
    "source": st.text(max_size=20) | st.booleans(),
    "html": st.text(max_size=100),
})
_records = _fields | _json_values


def _nested(depth: int, opener: str, closed: bool, inside_record: bool) -> bytes:
    """JSON nesting `depth` levels (well past the parser's recursion limit), closed or cut off."""
    closer = {"[": "]", '{"a":': "}"}[opener]
    body = opener * depth + ("1" + closer * depth if closed else "")
    return (f'{{"text": "Nine people were killed.", "title": {body}}}' if inside_record else body).encode()


# Deep nesting is what a generated JSON value never reaches (a few leaves): built on purpose.
_deep = st.builds(_nested, st.integers(min_value=1_000, max_value=19_000), st.sampled_from(["[", '{"a":']),
                  st.booleans(), st.booleans())
_bodies = st.one_of(
    st.tuples(st.sampled_from(["application/json", "application/x-ndjson", ""]), _deep),
    st.tuples(st.just("application/json"), (_records | st.lists(_records, max_size=3)).map(
        lambda v: json.dumps(v).encode())),
    st.tuples(st.just("application/x-ndjson"), st.lists(_records, max_size=3).map(
        lambda vs: "\n".join(json.dumps(v) for v in vs).encode())),
    st.tuples(st.sampled_from(["text/plain", "text/html", "text/plain; charset=latin-1"]),
              st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass"))),
    st.tuples(st.sampled_from(["application/json", "text/plain", "text/html", "application/x-ndjson", "",
                               "application/octet-stream", "multipart/form-data"]), st.binary(max_size=200)),
)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(path=st.sampled_from(["/extract", "/documents"]), body=_bodies)
def test_no_server_error_on_posted_bodies(app, path, body):
    content_type, content = body
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        r = client.post(path, content=content, headers={"Content-Type": content_type} if content_type else {})
    assert r.status_code < 500, (path, content_type, content[:300], r.status_code, r.text[:1000])
    if r.status_code >= 400:
        answer = r.json()
        if "error" in answer:
            assert set(answer["error"]) == {"code", "message"}
        else:  # POST /documents when no document could be read: 422 with the per-document errors
            assert path == "/documents" and r.status_code == 422 and answer["errors"] and not answer["documents"]
