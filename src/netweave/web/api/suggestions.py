"""Suggested pairs, and dismissing one (recorded as a dismissed introduction)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from netweave.services.suggestion_views import dismiss_suggested
from netweave.services.suggestions import suggest
from netweave.web.api.schemas_intro import IntroductionOut, PairIn, SuggestionOut
from netweave.web.deps import StoreDep, Today
from netweave.web.warmup import warmer

router = APIRouter(tags=["suggestions and introductions"])


@router.get("/suggestions", response_model=list[SuggestionOut])
def suggestions(
    request: Request,
    store: StoreDep,
    today: Today,
    for_person: Annotated[
        int | None, Query(alias="for", ge=1, description="only pairs with this person")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> list[dict[str, Any]]:
    """Who should meet whom, best first, with what each side gains.

    On a large network the first call after a change waits for the engine to be rebuilt
    (about half a minute at 30,000 people); later calls answer in milliseconds."""
    warmer(request).ready(today, wait=None)  # join the background build rather than race it
    with store.write() as session:  # the engine caches newly embedded texts
        return [
            v.as_json() for v in suggest(session, for_person=for_person, limit=limit, today=today)
        ]


@router.post("/suggestions/dismiss", response_model=IntroductionOut, status_code=201)
def dismiss(body: PairIn, store: StoreDep, today: Today) -> dict[str, Any]:
    """Dismiss a listed pair: recorded as a dismissed introduction, so the pair cools down."""
    with store.write() as session:
        return dismiss_suggested(session, today, body.a, body.b, body.for_person, body.note)
