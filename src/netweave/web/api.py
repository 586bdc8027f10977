"""JSON API under /api: each endpoint parses input, calls one service, returns its view."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy.orm import Session

from netweave.errors import NetweaveError, NotFound
from netweave.services import people as service
from netweave.services.views import person_detail, person_summary
from netweave.web.deps import read_session

router = APIRouter(prefix="/api", tags=["api"])


class PersonSummary(BaseModel):
    id: int
    name: str
    emails: list[str]
    organisation: str | None
    title: str | None


class PeopleList(BaseModel):
    total: int
    people: list[PersonSummary]


@router.get("/people", response_model=PeopleList)
def list_people(
    session: Annotated[Session, Depends(read_session)],
    q: Annotated[str | None, Query(max_length=200)] = None,
    tag: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """People by name, or full-text search results for `q`."""
    if q and q.strip():
        found = service.search_people(session, q, limit)
        return {"total": len(found), "people": [person_summary(p) for p in found]}
    page = service.list_people(session, limit=limit, offset=offset, tag=tag)
    return {"total": page.total, "people": [person_summary(p) for p in page.people]}


@router.get("/people/{person_id}")
def get_person(
    person_id: int, session: Annotated[Session, Depends(read_session)]
) -> dict[str, Any]:
    """Everything about one person."""
    try:
        return person_detail(session, service.load_person(session, person_id))
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except NetweaveError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
