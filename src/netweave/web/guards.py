"""Request guards as plain ASGI middleware: Host check, body size limit, security headers.

- Host: bound to loopback, only loopback host names are answered, so a web page cannot
  reach the app by pointing its own domain at 127.0.0.1 (DNS rebinding).
- Body size: a request body over `limit` bytes is refused with 413 before it is parsed.
- Headers: a Content-Security-Policy allowing only this origin (nothing is fetched from
  anywhere else, and no inline script runs), no framing, no MIME sniffing, same-origin
  referrers.
"""

from __future__ import annotations

import contextlib
import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def host_name(host_header: str) -> str:
    """`127.0.0.1:8765` -> `127.0.0.1`; `[::1]:8765` -> `[::1]`."""
    if host_header.startswith("["):
        return host_header.split("]", 1)[0] + "]"
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


async def _refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    is_api = str(scope.get("path", "")).startswith("/api")
    if is_api:
        body = json.dumps({"detail": message}).encode()
        kind = b"application/json"
    else:
        body = (
            "<!doctype html><meta charset='utf-8'><title>netweave</title>"
            f"<h1>{status}</h1><p>{message}</p><p><a href='/'>Back to netweave</a></p>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class HostGuard:
    def __init__(self, app: ASGIApp, loopback_only: bool) -> None:
        self.app = app
        self.loopback_only = loopback_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.loopback_only:
            host = host_name(Headers(scope=scope).get("host", ""))
            if host.lower() not in LOOPBACK_NAMES:
                await _refuse(scope, send, 400, "This app answers only on 127.0.0.1 / localhost.")
                return
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    pass


def too_large_message(limit: int) -> str:
    return (
        f"The upload is too large: the limit is {limit / 1024 / 1024:.0f} MB "
        "(NETWEAVE_UPLOAD_LIMIT_BYTES). Split the file and upload the parts."
    )


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdecimal() and int(declared) > self.limit:
            await _refuse(scope, send, 413, too_large_message(self.limit))
            return
        seen = 0
        exceeded = started = False

        async def counting_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                exceeded = True
                raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            # Frameworks turn a failed body read into their own 400: replace it with the 413.
            nonlocal started
            if exceeded and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(BodyTooLarge):
            await self.app(scope, counting_receive, tracking_send)
        if exceeded and not started:
            await _refuse(scope, send, 413, too_large_message(self.limit))


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
