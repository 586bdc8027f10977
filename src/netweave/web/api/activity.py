"""Interactions and the ledger."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from netweave.services import interactions as service
from netweave.services.ledger import ledger
from netweave.services.people import load_person
from netweave.web.api.schemas_ledger import (
    InteractionIn,
    InteractionOut,
    InteractionPatchIn,
    LedgerOut,
    Logged,
)
from netweave.web.deps import ReadSession, StoreDep, Today

router = APIRouter(tags=["interactions and ledger"])


@router.get("/people/{person_id}/interactions", response_model=list[InteractionOut])
def person_interactions(
    person_id: int, session: ReadSession, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[dict[str, Any]]:
    """One person's interactions, newest first."""
    person = load_person(session, person_id)
    found = service.list_interactions(session, person, limit)
    return [service.interaction_view(session, i) for i in found]


@router.get("/interactions", response_model=list[InteractionOut])
def all_interactions(
    session: ReadSession, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[dict[str, Any]]:
    """Everyone's interactions, newest first."""
    return [
        service.interaction_view(session, i)
        for i in service.list_interactions(session, None, limit)
    ]


@router.post("/interactions", response_model=Logged, status_code=201)
def log_interaction(body: InteractionIn, store: StoreDep, today: Today) -> dict[str, Any]:
    """Log a contact with one or more people; an early ask comes back with warnings."""
    entry = service.InteractionInput(
        channel=body.channel,
        direction=body.direction,
        occurred_on=body.on or today,
        give_kind=body.give,
        minutes=body.minutes,
        note=body.note,
        outcome=body.outcome,
        event=body.event,
        follow_up=body.follow_up,
    )
    with store.write() as session:
        logged = service.record_interaction(session, body.people, entry)
        return {
            "interaction": service.interaction_view(session, logged.interaction),
            "warnings": [
                {
                    "person_id": w.person_id,
                    "message": w.message,
                    "content_ideas": w.ideas.content,
                    "introductions": [i.__dict__ for i in w.ideas.introductions],
                    "introductions_source": w.ideas.introductions_source,
                }
                for w in logged.warnings
            ],
        }


@router.patch("/interactions/{interaction_id}", response_model=InteractionOut)
def edit_interaction(
    interaction_id: int, body: InteractionPatchIn, store: StoreDep
) -> dict[str, Any]:
    """Change an interaction; at least one person must remain."""
    with store.write() as session:
        patch = service.InteractionPatch(
            channel=body.channel,
            direction=body.direction,
            occurred_on=body.on,
            give_kind=body.give,
            minutes=body.minutes,
            note=body.note,
            outcome=body.outcome,
            event=body.event,
            add_people=service.resolve_people(session, body.add_people) if body.add_people else [],
            remove_people=(
                service.resolve_people(session, body.remove_people) if body.remove_people else []
            ),
        )
        edited = service.edit_interaction(session, interaction_id, patch)
        return service.interaction_view(session, edited)


@router.delete("/interactions/{interaction_id}", status_code=204)
def delete_interaction(interaction_id: int, store: StoreDep) -> Response:
    with store.write() as session:
        service.delete_interaction(session, interaction_id)
    return Response(status_code=204)


@router.get("/people/{person_id}/ledger", response_model=LedgerOut)
def person_ledger(person_id: int, session: ReadSession, today: Today) -> dict[str, Any]:
    """Gives, asks and receives by month, and whether an ask is fair yet."""
    return ledger(session, load_person(session, person_id), today).as_dict()
