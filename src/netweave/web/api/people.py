"""People: the directory, one person, create, edit, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from netweave.services import people as service
from netweave.services.directory import DirectoryQuery, browse
from netweave.services.views import person_detail
from netweave.web.api.schemas_people import DirectoryPage, PersonDetail, PersonIn, PersonPatchIn
from netweave.web.deps import ReadSession, StoreDep, Today

router = APIRouter(tags=["people"])


@router.get("/people", response_model=DirectoryPage)
def list_people(
    session: ReadSession,
    today: Today,
    q: Annotated[str, Query(max_length=200, description="full-text search")] = "",
    tag: Annotated[str | None, Query(max_length=100)] = None,
    facet: Annotated[str | None, Query(description="has items of: needs, offers, …")] = None,
    health: Annotated[str | None, Query(description="going-cold, never-scored or scored")] = None,
    sort: Annotated[str, Query(description="name, recent or strength")] = "name",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """People, filtered and sorted, with their relationship strength."""
    query = DirectoryQuery(q, tag, facet, health, sort, limit, offset)
    return browse(session, today, query).as_dict()


@router.get("/people/{person_id}", response_model=PersonDetail)
def get_person(person_id: int, session: ReadSession) -> dict[str, Any]:
    """Everything about one person."""
    return person_detail(session, service.load_person(session, person_id))


@router.post("/people", response_model=PersonDetail, status_code=201)
def create_person(body: PersonIn, store: StoreDep) -> dict[str, Any]:
    """Add a person."""
    with store.write() as session:
        return person_detail(session, service.add_person(session, body.record()))


@router.patch("/people/{person_id}", response_model=PersonDetail)
def edit_person(person_id: int, body: PersonPatchIn, store: StoreDep) -> dict[str, Any]:
    """Change a person: fields, and items added to or removed from lists."""
    with store.write() as session:
        person = service.load_person(session, person_id)
        return person_detail(session, service.edit_person(session, person, body.patch()))


@router.delete("/people/{person_id}", status_code=204)
def delete_person(person_id: int, store: StoreDep) -> Response:
    """Remove a person and everything about them."""
    with store.write() as session:
        service.remove_person(session, service.load_person(session, person_id))
    return Response(status_code=204)
