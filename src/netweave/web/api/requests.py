"""Requests for help and routing: the same services as `netweave request …` and `route`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from netweave.errors import NetweaveError
from netweave.services import requests as service
from netweave.services.request_actions import (
    refine_request,
    route_request,
    start_from_request,
    two_back_view,
)
from netweave.services.request_refine import Refinement, detect
from netweave.services.routing import route
from netweave.web.api.schemas_intro import IntroductionOut
from netweave.web.api.schemas_requests import (
    CloseIn,
    HelperOut,
    HelperStartIn,
    RefinementIn,
    RequestAdded,
    RequestIn,
    RequestOut,
    RouteIn,
    TwoBackOut,
)
from netweave.web.deps import ReadSession, StoreDep, Today, UserTemplates, settings_of
from netweave.web.warmup import warmer

router = APIRouter(tags=["requests and events"])
Limit = Annotated[int, Query(ge=1, le=100)]


def _refinement(body: RefinementIn) -> Refinement:
    return Refinement(body.goal, body.context, body.ask, body.outcome)


@router.get("/requests", response_model=list[RequestOut])
def requests(
    session: ReadSession,
    status: Annotated[str, Query(pattern="^(open|closed|all)$")] = "open",
) -> list[dict[str, Any]]:
    """Requests, newest first, with their linked introductions and next outcome check."""
    return service.list_requests(session, None if status == "all" else status)


@router.post("/requests", response_model=RequestAdded, status_code=201)
def add(body: RequestIn, store: StoreDep, today: Today) -> dict[str, Any]:
    """Record a request; send the refinement fields with a vague one (`detection` says if it
    was), or refine it later with `POST /api/requests/{id}/refine`."""
    with store.write() as session:
        added = service.add_request(
            session,
            body.text,
            today=today,
            requester=body.from_,
            refinement=_refinement(body),
            check_after_days=body.check_after_days,
        )
        view = service.request_view(session, added)
    return {**view, "detection": detect(body.text).as_json()}


@router.get("/requests/{request_id}", response_model=RequestOut)
def one(request_id: int, session: ReadSession) -> dict[str, Any]:
    """One request: as asked, refined, its introductions and outcome check."""
    return service.request_view(session, service.load_request(session, request_id))


@router.post("/requests/{request_id}/refine", response_model=RequestOut)
def refine(request_id: int, body: RefinementIn, store: StoreDep) -> dict[str, Any]:
    """Answer the refinement questions; the text as asked is kept."""
    with store.write() as session:
        return service.request_view(session, refine_request(session, request_id, _refinement(body)))


@router.get("/requests/{request_id}/helpers", response_model=list[HelperOut])
def helpers(
    request: Request, request_id: int, store: StoreDep, today: Today, limit: Limit = 10
) -> list[dict[str, Any]]:
    """Who can help, best first (as `netweave request route --json`)."""
    settings = settings_of(request)
    with store.write() as session:  # newly seen item texts are embedded once
        found = route_request(
            session,
            request_id,
            today=today,
            data_dir=settings.data_dir,
            url=settings.url,
            limit=limit,
        )
        return [h.as_json() for h in found]


@router.get("/requests/{request_id}/two-back", response_model=TwoBackOut)
def two_back(
    request: Request, request_id: int, store: StoreDep, today: Today, user_dir: UserTemplates
) -> dict[str, Any]:
    """Two people the requester should meet, with reasons, and the thank-you draft.

    The first call after the network changed waits for the engine to be rebuilt."""
    warmer(request).ready(today, wait=None)  # join the background build rather than race it
    with store.write() as session:
        view = two_back_view(session, request_id, today=today, user_dir=user_dir)
    if view["state"] != "ready":
        raise NetweaveError(view["message"])
    return view


@router.post(
    "/requests/{request_id}/introductions", response_model=IntroductionOut, status_code=201
)
def start(request_id: int, body: HelperStartIn, store: StoreDep, today: Today) -> dict[str, Any]:
    """Introduce the requester to a helper; the introduction is linked to the request."""
    with store.write() as session:
        return start_from_request(session, request_id, str(body.helper), today, body.anyway)


@router.post("/requests/{request_id}/check", response_model=RequestOut)
def check(request_id: int, store: StoreDep, today: Today) -> dict[str, Any]:
    """An outcome check that leaves the request open: the next is one period on."""
    with store.write() as session:
        return service.request_view(session, service.check_request(session, request_id, today))


@router.post("/requests/{request_id}/close", response_model=RequestOut)
def close(request_id: int, body: CloseIn, store: StoreDep, today: Today) -> dict[str, Any]:
    """Close the loop: how it ended."""
    with store.write() as session:
        closed = service.close_request(session, request_id, today, body.result)
        return service.request_view(session, closed)


def _route(request: Request, store: StoreDep, today: Today, text: str, limit: int) -> list[Any]:
    if not text.strip():
        raise NetweaveError("nothing to route: the text is empty")
    settings = settings_of(request)
    with store.write() as session:  # newly seen item texts are embedded once
        found = route(
            session, [text], today=today, data_dir=settings.data_dir, url=settings.url, limit=limit
        )
        return [h.as_json() for h in found[0]]


@router.get("/route", response_model=list[HelperOut])
def route_get(
    request: Request,
    store: StoreDep,
    today: Today,
    text: Annotated[str, Query(min_length=1, max_length=5000)],
    limit: Limit = 10,
) -> list[Any]:
    """Who can help with `text`, nothing stored: the same JSON as `netweave route --json`."""
    return _route(request, store, today, text, limit)


@router.post("/route", response_model=list[HelperOut])
def route_post(request: Request, body: RouteIn, store: StoreDep, today: Today) -> list[Any]:
    """As `GET /api/route`, with the text in the body."""
    return _route(request, store, today, body.text, body.limit)
