"""Password gate: off on loopback without a password, mandatory otherwise.

A browser signs in once (`/login`, session cookie: HttpOnly, SameSite=Strict); scripts send
`Authorization: Bearer <password>`.
"""

from __future__ import annotations

import hmac

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp

OPEN_PATHS = ("/login", "/static/")


def password_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


class PasswordGate(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, password: str | None) -> None:
        super().__init__(app)
        self.password = password

    def _allowed(self, request: Request) -> bool:
        if self.password is None or request.url.path.startswith(OPEN_PATHS):
            return True
        if request.session.get("signed_in"):
            return True
        header = request.headers.get("authorization", "")
        return header.startswith("Bearer ") and password_matches(header[7:], self.password)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self._allowed(request):
            return await call_next(request)
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": "sign in required"}, status_code=401)
        return RedirectResponse("/login", status_code=303)
