"""`/requests/{id}`: one request, its ranked helpers, two connections back, and its actions.

Helpers come from the routing index (as `netweave request route`: warm in tens of
milliseconds). Two connections back need the suggestion engine: when the background build
(`web/warmup.py`) is not done within a moment, the page says so and fetches
`/requests/{id}/two-back` after itself (202 while preparing), as the dashboard does.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from netweave.errors import NetweaveError
from netweave.services.request_actions import (
    refine_request,
    route_request,
    start_from_request,
    two_back_view,
)
from netweave.services.request_refine import QUESTIONS, detect
from netweave.services.requests import (
    check_request,
    close_request,
    due_on,
    link_introduction,
    load_request,
    request_view,
)
from netweave.web.deps import Form, StoreDep, Today, UserTemplates, settings_of
from netweave.web.forms import refinement, text, whole_number
from netweave.web.pages.common import page_router
from netweave.web.templating import flash, flash_error, redirect, render
from netweave.web.warmup import warmer

router = page_router()
HELPERS = 10
PREPARING = {"state": "computing"}


@router.get("/requests/{request_id}", response_class=HTMLResponse)
def request_page(
    request: Request, request_id: int, store: StoreDep, today: Today, user_dir: UserTemplates
) -> Response:
    settings = settings_of(request)
    with store.read() as session:
        view = request_view(session, load_request(session, request_id))
    # waits a moment for the background build, outside any transaction (it writes vectors)
    ready = warmer(request).ready(today) if view["from"] else True
    with store.write() as session:  # routing embeds newly seen item texts once
        helpers = route_request(
            session,
            request_id,
            today=today,
            data_dir=settings.data_dir,
            url=settings.url,
            limit=HELPERS,
        )
        back = two_back_view(
            session, request_id, today=today, user_dir=user_dir, engine_ready=ready
        )
    context = {
        "r": view,
        "helpers": [h.as_json() for h in helpers],
        "two_back": back,
        "vagueness": detect(view["raw_text"]),
        "questions": QUESTIONS,
    }
    return render(request, "request.html", context)


@router.get("/requests/{request_id}/two-back", response_class=HTMLResponse)
def two_back_fragment(
    request: Request, request_id: int, store: StoreDep, today: Today, user_dir: UserTemplates
) -> Response:
    """Two connections back, fetched after the request's page: 202 while still preparing."""
    if not warmer(request).ready(today):
        return render(request, "request_two_back.html", {"two_back": PREPARING}, status=202)
    with store.write() as session:  # the engine caches newly embedded texts
        back = two_back_view(session, request_id, today=today, user_dir=user_dir)
    return render(request, "request_two_back.html", {"two_back": back})


@router.post("/requests/{request_id}/refine")
def refine(request: Request, request_id: int, form: Form, store: StoreDep) -> Response:
    with store.write() as session:
        refined = refine_request(session, request_id, refinement(form)).text
    flash(request, f"Refined: {refined}")
    return redirect(f"/requests/{request_id}")


@router.post("/requests/{request_id}/start")
def start(request: Request, request_id: int, form: Form, store: StoreDep, today: Today) -> Response:
    """Introduce the requester to a helper; refusals come back as a message on the page."""
    try:
        with store.write() as session:
            intro = start_from_request(
                session, request_id, text(form, "helper"), today, text(form, "anyway") == "on"
            )
    except NetweaveError as error:
        flash_error(request, "No introduction started", error)
        return redirect(f"/requests/{request_id}#helpers")
    a, b = intro["a"]["name"], intro["b"]["name"]
    flash(request, f"Started introduction #{intro['id']}: {a} ↔ {b}, linked to the request.")
    return redirect(f"/introductions/{intro['id']}")


@router.post("/requests/{request_id}/link")
def link(request: Request, request_id: int, form: Form, store: StoreDep) -> Response:
    intro_id = whole_number(text(form, "introduction"), "introduction")
    if intro_id is None:
        raise NetweaveError("give the introduction's number")
    with store.write() as session:
        link_introduction(session, request_id, intro_id)
    flash(request, f"Introduction #{intro_id} linked to request #{request_id}.")
    return redirect(f"/requests/{request_id}")


@router.post("/requests/{request_id}/check")
def check(request: Request, request_id: int, store: StoreDep, today: Today) -> Response:
    with store.write() as session:
        next_on = due_on(check_request(session, request_id, today))
    flash(request, f"Checked: the request stays open; next check on {next_on}.")
    return redirect(f"/requests/{request_id}")


@router.post("/requests/{request_id}/close")
def close(request: Request, request_id: int, form: Form, store: StoreDep, today: Today) -> Response:
    with store.write() as session:
        close_request(session, request_id, today, text(form, "result") or None)
    flash(request, f"Request #{request_id} closed: the loop is closed.")
    return redirect(f"/requests/{request_id}")
