"""What the web app does with a stored request (issue #9), each step as the CLI takes it.

- `refine_request`: answer the refinement questions after the fact (raw text kept);
- `route_request`: its helpers, as `netweave request route` (not the requester; nearer first);
- `start_from_request`: introduce the requester to a helper, as `netweave intro start A B`
  then `netweave request link`;
- `two_back_view`: `netweave request two-back` as a view, which a page whose engine is still
  being built shows as "computing".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from netweave.db.models_requests import Request
from netweave.errors import NetweaveError
from netweave.services.people import load_person
from netweave.services.request_refine import Refinement, refined_text
from netweave.services.requests import CLOSED, link_introduction, load_request, two_back
from netweave.services.routing import Helper, Router

WHY_LENGTH = 300  # of the request's text, quoted as the introduction's "why"


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


def refine_request(session: Session, request_id: int, refinement: Refinement) -> Request:
    """Replace the refinement and the text routing matches; what was asked stays as it was."""
    request = load_request(session, request_id)
    if not refinement.given():
        raise NetweaveError("answer at least one question: goal, context, ask or outcome")
    request.goal, request.context = _clean(refinement.goal), _clean(refinement.context)
    request.ask, request.outcome = _clean(refinement.ask), _clean(refinement.outcome)
    request.text = refined_text(request.raw_text, refinement)
    session.flush()
    return request


def route_request(
    session: Session, request_id: int, *, today: dt.date, data_dir: Path, url: str, limit: int = 10
) -> list[Helper]:
    """Who can help with a stored request: its (refined) text, never the requester, people in
    the requester's city a little higher. Use a write session: new item texts are embedded."""
    request = load_request(session, request_id)
    requester = request.requester_id
    near = load_person(session, requester).location if requester else None
    router = Router(session, today, data_dir, url)
    return router.route(request.text, limit, [requester] if requester else [], near)


def start_from_request(
    session: Session, request_id: int, helper: str, today: dt.date, anyway: bool = False
) -> dict[str, Any]:
    """Start an introduction between the requester and `helper` (id, email or name), linked to
    the request; returns the introduction's detail."""
    from netweave.services.intro_actions import start_by_hand

    request = load_request(session, request_id)
    if request.requester_id is None:
        raise NetweaveError(
            f"request #{request_id} is yours: ask the helper directly (you are the connector)"
        )
    if request.status == CLOSED:
        raise NetweaveError(f"request #{request_id} is closed")
    text = request.text if len(request.text) <= WHY_LENGTH else request.text[:297] + "..."
    why = f"Request #{request.id}: {text}"
    started = start_by_hand(session, today, str(request.requester_id), helper, why, anyway=anyway)
    link_introduction(session, request_id, int(started["id"]))
    return started


def two_back_view(
    session: Session,
    request_id: int,
    *,
    today: dt.date,
    user_dir: Path | None = None,
    engine_ready: bool = True,
) -> dict[str, Any]:
    """Two connections back for the requester as a view: `state` is "ready" (with `people`
    and `draft`), "computing" (the caller knows the engine is still being built) or "none"
    (`message` says why: the request is mine, or the engine found fewer than two)."""
    if load_request(session, request_id).requester_id is None:
        return {"state": "none", "message": "Your own request: two connections back go to others."}
    if not engine_ready:
        return {"state": "computing"}
    try:
        found = two_back(session, request_id, today=today, user_dir=user_dir)
    except NetweaveError as error:
        return {"state": "none", "message": str(error)}
    draft = found.draft
    return {
        "state": "ready",
        "requester": found.requester,
        "people": found.people,
        "draft": {
            "to": list(draft.to),
            "subject": draft.subject,
            "body": draft.body,
            "mailto": draft.mailto(),
        },
    }
