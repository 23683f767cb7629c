"""The API's guards: the bearer token, request-size limits and the browser security headers."""

from __future__ import annotations

import hmac
import json
from typing import Annotated
from urllib.parse import parse_qsl, urlencode

from fastapi import Header, HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_QUERY_BYTES = 8192  # a query string longer than this is not a filter anyone typed
DOCS_POLICY = (
    b"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    b"frame-ancestors 'none'"
)


def check_token(expected: str | None, authorization: str | None) -> None:
    """Raise 403 when writes are disabled, 401 unless the header carries the right token."""
    if not expected:
        raise HTTPException(
            status_code=403,
            detail="writes are disabled: start strife serve with --token or STRIFE_API_TOKEN",
        )
    scheme, _, given = (authorization or "").partition(" ")
    # compare_digest takes the same time wherever the strings differ, so the answer's
    # timing tells nothing about how much of a guess was right.
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), expected.encode("utf-8")
    ):
        raise HTTPException(
            status_code=401,
            detail="a valid 'Authorization: Bearer <token>' header is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """FastAPI dependency: the request must carry the configured bearer token."""
    check_token(request.app.state.settings.api_token, authorization)


async def _send_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyTooLarge(HTTPException):
    """A request body went past the limit while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"the request body is larger than {limit} bytes")


class RequestGuard:
    """ASGI middleware: cap body and query sizes, drop empty query values, add headers.

    Empty values (``?since=&country=``) come from plain HTML forms and mean "no filter", so
    they are removed before validation instead of failing it.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, content_security_policy: str) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.csp = content_security_policy.encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query: bytes = scope.get("query_string", b"")
        if len(query) > MAX_QUERY_BYTES:
            await _send_error(send, 414, f"the query string is longer than {MAX_QUERY_BYTES} bytes")
            return
        if query:
            pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": urlencode(kept, encoding="latin-1").encode()}
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_error(send, 400, "the Content-Length header is not a number")
                    return
                if declared > self.max_body_bytes:
                    await _send_error(
                        send, 413, f"the request body is larger than {self.max_body_bytes} bytes"
                    )
                    return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                # A chunked body declares no length: count it as it arrives.
                if received > self.max_body_bytes:
                    raise BodyTooLarge(self.max_body_bytes)
            return message

        # The OpenAPI page starts Swagger UI with an inline script; its files are local too.
        csp = DOCS_POLICY if scope.get("path", "") == "/docs" else self.csp

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                headers.append((b"x-frame-options", b"DENY"))
                headers.append((b"content-security-policy", csp))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge as exc:
            if not started:
                await _send_error(send, 413, str(exc.detail))
