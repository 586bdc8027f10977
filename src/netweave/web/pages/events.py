"""`/events`: conferences and meetups; an event's attendees, whom to meet, follow-ups after.

Attendees come as a contacts file (CSV, vCard, …) and/or pasted "Name <email>" lines, merged
with my people as `netweave event attendees` does; the page reports what was added, matched
and rejected (with line numbers). "Who to meet" needs the suggestion engine and costs more
with every attendee, so the page fetches it from `/events/{id}/plan` after itself, as the
dashboard does its suggestions (202 while the background build of `web/warmup.py` runs).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.services.dates import parse_date
from netweave.services.event_attendees import attendee_lists, upload_attendees
from netweave.services.events import (
    add_event,
    event_view,
    find_event,
    followup,
    list_events,
    plan,
)
from netweave.settings import Settings
from netweave.web.deps import Form, StoreDep, Today, settings_of
from netweave.web.forms import lines, text, texts
from netweave.web.pages.common import page_router
from netweave.web.templating import flash, flash_error, redirect, render
from netweave.web.warmup import RETRY_SECONDS, warmer

router = page_router()
MEET = 20


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, today: Today) -> Response:
    with store.read() as session:
        found = list_events(session)
    return render(request, "events.html", {"events": found, "today": today, "given": {}})


@router.post("/events", response_class=HTMLResponse)
def add(request: Request, form: Form, store: StoreDep, today: Today) -> Response:
    given = {key: text(form, key) for key in ("name", "on", "place")}
    try:
        with store.write() as session:
            on = parse_date(given["on"] or "today", today)
            event_id = add_event(session, given["name"], on, given["place"] or None).id
    except NetweaveError as error:
        flash_error(request, "Not added", error)
        with store.read() as session:
            found = list_events(session)
        context = {"events": found, "today": today, "given": given}
        return render(request, "events.html", context, 400)
    flash(request, f"Added {given['name']} on {on}.")
    return redirect(f"/events/{event_id}")


def _plan(store: Store, settings: Settings, event_id: int) -> dict[str, Any]:
    with store.write() as session:  # routing caches newly embedded texts
        event = find_event(session, str(event_id))
        today = settings.current_date()
        return plan(
            session, event, today=today, data_dir=settings.data_dir, url=settings.url, limit=MEET
        )


def _event_page(
    request: Request, store: Store, event_id: int, report: dict[str, Any] | None = None
) -> Response:
    today = settings_of(request).current_date()
    with store.read() as session:
        view = event_view(session, find_event(session, str(event_id)))
    return render(request, "event.html", {"e": view, "report": report, "today": today})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int, store: StoreDep) -> Response:
    return _event_page(request, store, event_id)


@router.get("/events/{event_id}/plan", response_class=HTMLResponse)
def plan_page(request: Request, event_id: int, store: StoreDep, today: Today) -> Response:
    """Whom to meet: a fragment the event's page fetches after itself (202 while the engine
    is being prepared), or a page of its own without JavaScript (reloading until ready)."""
    partial = request.headers.get("x-requested-with") == "fetch"
    ready = warmer(request).ready(today)
    planned = _plan(store, settings_of(request), event_id) if ready else None
    if partial:
        return render(request, "event_plan.html", {"plan": planned}, status=200 if ready else 202)
    with store.read() as session:
        view = event_view(session, find_event(session, str(event_id)))
    context = {"e": view, "plan": planned, "retry": RETRY_SECONDS}
    return render(request, "event_plan_page.html", context)


def _upload(form: FormData) -> tuple[str, bytes] | None:
    chosen = form.get("file")
    if not isinstance(chosen, UploadFile) or not chosen.filename:
        return None
    return chosen.filename, chosen.file.read()


@router.post("/events/{event_id}/attendees", response_class=HTMLResponse)
def attendees(request: Request, event_id: int, form: Form, store: StoreDep) -> Response:
    """Merge the uploaded and pasted attendees; the page then shows what happened."""
    pasted = text(form, "attendees").splitlines()
    try:
        parts = attendee_lists(_upload(form), pasted)
        with store.write() as session:
            report = upload_attendees(session, event_id, parts)
    except NetweaveError as error:
        flash_error(request, "Nothing imported", error)
        return redirect(f"/events/{event_id}#upload")
    added = report["added_to_event"]
    flash(request, f"{added} added to the attendee list ({report['attendees']} attendees).")
    return _event_page(request, store, event_id, report)


@router.post("/events/{event_id}/followup")
def follow_up(
    request: Request, event_id: int, form: Form, store: StoreDep, today: Today
) -> Response:
    met = texts(form, "met") + lines(form, "met_others")
    if not met:
        raise NetweaveError("tick the people you met there (or name them)")
    with store.write() as session:
        event = find_event(session, str(event_id))
        done = followup(session, event, met, today=today, note=text(form, "note") or None)
    names = ", ".join(d["person"]["name"] for d in done)
    flash(request, f"Logged meeting {names}; follow-ups are due from {done[0]['follow_up_on']}.")
    return redirect(f"/events/{event_id}")
