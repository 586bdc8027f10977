"""Sign in (rate-limited), sign out, and the calendar feed hook."""

from __future__ import annotations

import datetime as dt

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from netweave.web.auth import LoginThrottle, client_key, password_matches
from netweave.web.deps import Form, ReadSession, Today
from netweave.web.extensions import CALENDAR_MODULES, optional_function
from netweave.web.forms import text
from netweave.web.pages.common import page_router
from netweave.web.templating import redirect, render

router = page_router()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return render(request, "login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, form: Form) -> Response:
    expected = request.app.state.settings.password
    throttle: LoginThrottle = request.app.state.login_throttle
    client = client_key(request)
    wait = throttle.wait(client)
    if wait > 0:
        error = f"Too many wrong passwords: try again in {max(1, round(wait + 0.49))} s."
        response = render(request, "login.html", {"error": error}, status=429)
        response.headers["Retry-After"] = str(max(1, round(wait + 0.49)))
        return response
    if expected is None or password_matches(text(form, "password"), expected):
        throttle.succeeded(client)
        request.session.clear()  # a fresh session (and CSRF token) after signing in
        request.session["signed_in"] = True
        return redirect("/")
    throttle.failed(client)
    return render(request, "login.html", {"error": "Wrong password."}, status=401)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return redirect("/login" if request.app.state.settings.password else "/")


@router.get("/calendar.ics")
def calendar(session: ReadSession, today: Today) -> Response:
    """Follow-ups, nudges and keep-in-touch dates as a calendar, from the service providing it."""
    feeds = (optional_function(module, "calendar_feed") for module in CALENDAR_MODULES)
    feed = next((f for f in feeds if f is not None), None)
    if feed is None:
        return Response(
            "The calendar feed arrives with the introductions workflow.\n",
            status_code=404,
            media_type="text/plain",
        )
    body = feed(session, today)
    assert isinstance(body, bytes) and isinstance(today, dt.date)
    return Response(body, media_type="text/calendar; charset=utf-8")
