"""Events: the same services as `netweave event …`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile

from netweave.services.event_attendees import attendee_lists, upload_attendees
from netweave.services.events import add_event, event_view, find_event, followup, list_events
from netweave.services.events import plan as run_plan
from netweave.web.api.schemas_requests import (
    AttendeeUpload,
    EventIn,
    EventOut,
    EventSummary,
    FollowupIn,
    FollowupOut,
    PlanOut,
)
from netweave.web.deps import ReadSession, StoreDep, Today, settings_of
from netweave.web.warmup import warmer

router = APIRouter(tags=["requests and events"])


@router.get("/events", response_model=list[EventSummary])
def events(session: ReadSession) -> list[dict[str, Any]]:
    """Events, latest first, with how many attendees each has."""
    return list_events(session)


@router.post("/events", response_model=EventOut, status_code=201)
def add(body: EventIn, store: StoreDep) -> dict[str, Any]:
    """Add an event (names are unique, ignoring case)."""
    with store.write() as session:
        return event_view(session, add_event(session, body.name, body.on, body.place))


@router.get("/events/{event_id}", response_model=EventOut)
def one(event_id: int, session: ReadSession) -> dict[str, Any]:
    """An event and its attendees (and when I met them there)."""
    return event_view(session, find_event(session, str(event_id)))


@router.post("/events/{event_id}/attendees", response_model=AttendeeUpload)
def attendees(
    event_id: int,
    store: StoreDep,
    file: Annotated[UploadFile | None, File(description="a contacts file: CSV, vCard, …")] = None,
    lines: Annotated[
        str, Form(max_length=1_000_000, description="'Name <email>' lines, one attendee each")
    ] = "",
) -> dict[str, Any]:
    """Merge the attendees with my people and put them on the event; rejected rows come
    back with their source and line number, and the rest are imported."""
    upload = (file.filename or "upload", file.file.read()) if file and file.filename else None
    parts = attendee_lists(upload, lines.splitlines())
    with store.write() as session:
        return upload_attendees(session, event_id, parts)


@router.get("/events/{event_id}/plan", response_model=PlanOut)
def plan(
    request: Request,
    event_id: int,
    store: StoreDep,
    today: Today,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """Whom to meet there (new people first, then synergy) and introductions to make.

    The first call after the network changed waits for the engine to be rebuilt."""
    warmer(request).ready(today, wait=None)  # join the background build rather than race it
    settings = settings_of(request)
    with store.write() as session:  # routing caches newly embedded texts
        event = find_event(session, str(event_id))
        return run_plan(
            session, event, today=today, data_dir=settings.data_dir, url=settings.url, limit=limit
        )


@router.post("/events/{event_id}/followup", response_model=list[FollowupOut])
def follow_up(
    event_id: int, body: FollowupIn, store: StoreDep, today: Today
) -> list[dict[str, Any]]:
    """Log meeting these people at the event and queue a follow-up with each."""
    with store.write() as session:
        event = find_event(session, str(event_id))
        return followup(session, event, body.met, today=today, note=body.note)
