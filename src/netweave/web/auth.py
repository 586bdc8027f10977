"""Password gate: off on loopback without a password, mandatory otherwise.

A browser signs in once (`/login`, session cookie: HttpOnly, SameSite=Strict); scripts send
`Authorization: Bearer <password>`. Wrong passwords, by form or by header, are slowed down
per client: after the n-th failure in a row that client waits min(2^(n-1), 60) seconds
before the next attempt is even checked (429 with Retry-After).
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp

OPEN_PATHS = ("/login", "/static/")
MAX_CLIENTS = 10_000


def password_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


@dataclass
class LoginThrottle:
    """In-memory backoff per client address after wrong passwords."""

    base_seconds: float = 1.0
    cap_seconds: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, tuple[int, float]] = field(default_factory=dict)

    def wait(self, client: str) -> float:
        """Seconds this client must still wait (0: it may try)."""
        _count, until = self._failures.get(client, (0, 0.0))
        return max(0.0, until - self.clock())

    def failed(self, client: str) -> None:
        if len(self._failures) >= MAX_CLIENTS:
            now = self.clock()
            self._failures = {k: v for k, v in self._failures.items() if v[1] > now}
        count = self._failures.get(client, (0, 0.0))[0] + 1
        delay = min(self.cap_seconds, self.base_seconds * 2 ** (count - 1))
        self._failures[client] = (count, self.clock() + delay)

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def throttled_response(request: Request, wait: float) -> Response:
    seconds = max(1, round(wait + 0.49))
    message = f"Too many wrong passwords: try again in {seconds} s."
    headers = {"Retry-After": str(seconds)}
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": message}, status_code=429, headers=headers)
    return PlainTextResponse(message, status_code=429, headers=headers)


class PasswordGate(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, password: str | None, throttle: LoginThrottle) -> None:
        super().__init__(app)
        self.password = password
        self.throttle = throttle

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self.password is None or request.url.path.startswith(OPEN_PATHS):
            return await call_next(request)
        if request.session.get("signed_in"):
            return await call_next(request)
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer "):
            client = client_key(request)
            wait = self.throttle.wait(client)
            if wait > 0:
                return throttled_response(request, wait)
            if password_matches(header[7:], self.password):
                self.throttle.succeeded(client)
                return await call_next(request)
            self.throttle.failed(client)
        if request.url.path.startswith("/api") or header:
            return JSONResponse({"detail": "sign in required"}, status_code=401)
        return RedirectResponse("/login", status_code=303)
