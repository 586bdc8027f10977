"""Cross-site request forgery protection for every unsafe request.

Each browser session holds a random token; every form carries it in a hidden field
(`csrf_token`) and scripts on our pages send it as `X-CSRF-Token`. An unsafe request
(POST, PUT, PATCH, DELETE) must present it, unless it carries `Authorization: Bearer`:
browsers cannot add that header to a cross-site request without a CORS preflight, which
this app never grants, and with a password set the gate has already checked the value.
On top of that, an `Origin` (or, failing that, `Referer`) naming another host is refused.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

SESSION_KEY = "csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def csrf_token(request: Request) -> str:
    """This session's token, created on first use."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def same_origin(request: Request) -> bool:
    """False when Origin or Referer names a host other than the one the request went to."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc == host
    referer = request.headers.get("referer")
    return referer is None or urlsplit(referer).netloc == host


async def csrf_protect(request: Request) -> None:
    """Router dependency: refuse an unsafe request without a valid token (403)."""
    if request.method in SAFE_METHODS:
        return
    if not same_origin(request):
        raise HTTPException(403, "Refused: this request came from another site.")
    if request.headers.get("authorization", "").startswith("Bearer "):
        return
    expected = request.session.get(SESSION_KEY)
    given = request.headers.get(HEADER)
    if given is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        value = (await request.form()).get(FIELD)
        given = value if isinstance(value, str) else None
    if not (isinstance(expected, str) and given and hmac.compare_digest(given, expected)):
        raise HTTPException(
            403, "Refused: the form's security token is missing or stale. Reload the page."
        )
