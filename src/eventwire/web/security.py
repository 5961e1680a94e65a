"""What the server checks on every request before an endpoint runs, and the headers it sends back.

- **Trusted hosts** (against DNS rebinding): the ``Host`` header must name this server: by default
  localhost, 127.0.0.1 or ::1, plus what ``--allowed-host`` adds (``*.example.org`` for subdomains,
  ``*`` for any). Otherwise 400 ``bad_host``.
- **Cross-origin writes** (CSRF): a browser on another site can post ``text/plain`` to this server
  without a CORS preflight, but it always says where the request comes from. Any POST (or other
  unsafe method) whose ``Origin`` (or, without one, ``Referer``) is not this server's own origin, or
  whose ``Sec-Fetch-Site`` is ``cross-site``/``same-site``, is refused with 403 ``cross_origin``.
- **Writes** (``POST /documents``): with a write token set (EVENTWIRE_TOKEN) they need
  ``Authorization: Bearer <token>``. Without one, a write must prove it is not a cross-site form:
  either its Origin/Referer is this server's own, or its Content-Type is one a cross-site page cannot
  send without a CORS preflight (``application/json``, JSONL, ``text/html``; this server answers no
  preflight). A ``text/plain`` (or form, or untyped) write with neither is refused with 403
  ``token_required``.
- **Reads** of stored data need ``Authorization: Bearer <read token or write token>`` when a read token
  is set (EVENTWIRE_READ_TOKEN).
- Every response carries a request id (``X-Request-ID``), a Content-Security-Policy that allows only
  this server's own scripts, styles, images and connections, ``X-Content-Type-Options: nosniff`` and
  ``X-Frame-Options: DENY`` (with ``frame-ancestors 'none'``).
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import JSONResponse

from .bodies import ApiError

DEFAULT_HOSTS = ("localhost", "127.0.0.1", "::1")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Content types a cross-site page can post without a CORS preflight (the CORS "safelisted" ones) —
# plus no Content-Type at all, which the API reads as JSON.
SIMPLE_TYPES = frozenset({"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"})
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
REQUEST_ID = "eventwire.request_id"  # the scope key the request id travels under
_DEFAULT_PORTS = {"http": 80, "https": 443}


def request_id(request: Request) -> str:
    return str(request.scope.get(REQUEST_ID, "-"))


def error_response(status: int, code: str, message: str, *, request_id: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    out = dict(SECURITY_HEADERS)
    if request_id:
        out["X-Request-ID"] = request_id
    out.update(headers or {})
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=out)


def _host_name(host: str) -> str | None:
    """The lower-case name of a Host header value (no port; IPv6 without brackets), None if malformed."""
    try:
        parts = urlsplit("//" + host)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        return None
    return parts.hostname


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    name = _host_name(host)
    if not name:
        return False
    for pattern in allowed:
        pattern = pattern.lower().strip("[]")
        if pattern == "*" or pattern == name or (pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


def same_origin(origin: str, host: str) -> bool:
    """Whether `origin` (an Origin header, or a Referer URL) is the origin this request was sent to (`host`).

    Host names must match; ports must match when the Host header names one, and otherwise the origin must be
    on a default port (80 or 443: behind a proxy the request's own scheme may not be the page's).
    """
    try:
        o = urlsplit(origin)
        h = urlsplit("//" + host)
        o_port, h_port = o.port, h.port
    except ValueError:
        return False
    if o.scheme not in _DEFAULT_PORTS or not o.hostname or o.hostname != h.hostname:
        return False
    o_port = o_port or _DEFAULT_PORTS[o.scheme]
    return o_port == h_port if h_port is not None else o_port in _DEFAULT_PORTS.values()


def _claimed_origin(headers: dict[str, str]) -> str | None:
    origin = headers.get("origin")
    if origin is not None:
        return origin
    referer = headers.get("referer")
    return referer or None


class Guard:
    """ASGI middleware: request id, trusted hosts, cross-origin refusal, security headers."""

    def __init__(self, app: Any, allowed_hosts: Iterable[str] = DEFAULT_HOSTS) -> None:
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts)

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = uuid.uuid4().hex[:16]
        scope[REQUEST_ID] = rid

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                headers.append((b"x-request-id", rid.encode()))
                message = {**message, "headers": headers}
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        refusal: tuple[int, str, str] | None = None
        if not host_allowed(host, self.allowed_hosts):
            refusal = (400, "bad_host", f"the Host header {host[:100]!r} is not a name this server answers to; "
                       "start it with --allowed-host NAME to add one")
        elif scope["method"] not in SAFE_METHODS:
            claimed = _claimed_origin(headers)
            fetch_site = headers.get("sec-fetch-site", "")
            if (claimed is not None and not same_origin(claimed, host)) or fetch_site in ("cross-site", "same-site"):
                refusal = (403, "cross_origin", "requests that change or cost something must come from this "
                           "server's own page (or from a client that sends no Origin)")
        if refusal is not None:
            await JSONResponse({"error": {"code": refusal[1], "message": refusal[2]}},
                               status_code=refusal[0])(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _bearer(request: Request, tokens: Iterable[str]) -> bool:
    given = request.headers.get("authorization", "")
    if not given.startswith("Bearer "):
        return False
    ok = False
    for token in tokens:  # every comparison runs: constant time whichever token matches
        ok = hmac.compare_digest(given[7:].encode(), token.encode()) or ok
    return ok


def write_guard(token: str | None) -> Callable[[Request], None]:
    """The dependency of write endpoints (see the module docstring)."""

    def require_write(request: Request) -> None:
        if token is not None:
            if not _bearer(request, [token]):
                raise ApiError(401, "unauthorized", "this endpoint needs the header `Authorization: Bearer "
                               "<token>` with the server's EVENTWIRE_TOKEN")
            return
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        proven = _claimed_origin({k.lower(): v for k, v in request.headers.items()}) is not None  # checked by Guard
        if not proven and kind in SIMPLE_TYPES:
            raise ApiError(403, "token_required", f"a {kind or 'untyped'!s} write without an Origin header could "
                           "be a cross-site form: send application/json (or JSONL, or text/html), post from "
                           "this server's page, or set EVENTWIRE_TOKEN and send Authorization: Bearer <token>")

    return require_write


def read_guard(read_token: str | None, token: str | None) -> Callable[[Request], None]:
    """The dependency of endpoints that return stored data: the read (or write) token when one is set."""

    def require_read(request: Request) -> None:
        if read_token is None:
            return
        if not _bearer(request, [t for t in (read_token, token) if t]):
            raise ApiError(401, "unauthorized", "reading stored data needs the header `Authorization: Bearer "
                           "<token>` with the server's EVENTWIRE_READ_TOKEN")

    return require_read
