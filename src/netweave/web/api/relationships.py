"""Who is due, relationship health and who is going cold."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from netweave.services.health import going_cold, health
from netweave.services.keep_in_touch import due
from netweave.services.people import load_person
from netweave.web.api.schemas_ledger import DueOut, GoingColdOut, HealthOut
from netweave.web.deps import ReadSession, Today

router = APIRouter(tags=["relationships"])


@router.get("/due", response_model=DueOut)
def due_list(
    session: ReadSession, today: Today, limit: Annotated[int, Query(ge=1, le=500)] = 20
) -> dict[str, Any]:
    """Keep-in-touch and follow-ups due, highest priority first."""
    return due(session, today, limit).as_dict()


@router.get("/people/{person_id}/health", response_model=HealthOut)
def person_health(person_id: int, session: ReadSession, today: Today) -> dict[str, Any]:
    """The four requirements of a good connection, and the 0–100 strength."""
    return health(session, load_person(session, person_id), today).as_dict()


@router.get("/going-cold", response_model=GoingColdOut)
def cold_list(
    session: ReadSession, today: Today, limit: Annotated[int, Query(ge=1, le=500)] = 20
) -> dict[str, Any]:
    """Relationships losing their requirements, strongest first."""
    items, total = going_cold(session, today, limit)
    return {"total": total, "items": [i.as_dict() for i in items]}
