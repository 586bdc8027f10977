"""`/requests`: requests for help, adding one (refined first when vague), routing any text.

As `netweave request add`, a vague request ("pick your brain") is not stored until the four
refinement questions are answered or the user keeps it as asked; both texts are stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.services.request_refine import QUESTIONS, detect
from netweave.services.requests import add_request, list_requests
from netweave.services.routing import route
from netweave.web.deps import Form, StoreDep, Today, settings_of
from netweave.web.forms import refinement, text, whole_number
from netweave.web.pages.common import page_router
from netweave.web.templating import flash, flash_error, redirect, render

router = page_router()
STATUSES = ("open", "closed", "all")
FIELDS = ("text", "from", "check_after", *QUESTIONS)


def _listing(
    request: Request, store: StoreDep, status: str, given: dict[str, str], code: int = 200
) -> Response:
    with store.read() as session:
        found = list_requests(session, None if status == "all" else status)
    context = {"requests": found, "status": status, "statuses": STATUSES, "given": given}
    return render(request, "requests.html", {**context, "questions": QUESTIONS}, code)


@router.get("/requests", response_class=HTMLResponse)
def requests_page(
    request: Request,
    store: StoreDep,
    status: Annotated[str, Query(pattern="^(open|closed|all)$")] = "open",
) -> Response:
    return _listing(request, store, status, {})


@router.post("/requests", response_class=HTMLResponse)
def add(request: Request, form: Form, store: StoreDep, today: Today) -> Response:
    given = {key: text(form, key) for key in FIELDS}
    vagueness = detect(given["text"])
    answers = refinement(form)
    if vagueness.vague and not answers.given() and not text(form, "keep"):
        context = {"given": given, "vagueness": vagueness, "questions": QUESTIONS}
        return render(request, "request_refine.html", context)
    try:
        days = whole_number(given["check_after"], "check after (days)") or 14
        with store.write() as session:
            added = add_request(
                session,
                given["text"],
                today=today,
                requester=given["from"] or None,
                refinement=answers,
                check_after_days=days,
            )
            rid, refined = added.id, added.text != added.raw_text
    except NetweaveError as error:
        flash_error(request, "Not recorded", error)
        return _listing(request, store, "open", given, 400)
    flash(request, f"Request #{rid} recorded" + (", refined." if refined else "."))
    return redirect(f"/requests/{rid}")


def _routed(
    request: Request, store: Store, words: str, limit: int, today: dt.date
) -> list[dict[str, Any]]:
    settings = settings_of(request)
    with store.write() as session:  # new item texts are embedded once
        found = route(
            session, [words], today=today, data_dir=settings.data_dir, url=settings.url, limit=limit
        )
    return [h.as_json() for h in found[0]]


@router.get("/requests/route", response_class=HTMLResponse)
def route_page(
    request: Request,
    store: StoreDep,
    today: Today,
    q: Annotated[str, Query(max_length=2000)] = "",
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Response:
    """Who can help with any text, nothing stored (as `netweave route`)."""
    helpers = _routed(request, store, q, limit, today) if q.strip() else []
    context = {"q": q, "limit": limit, "helpers": helpers, "vagueness": detect(q) if q else None}
    return render(request, "request_route.html", context)
