"""Double opt-in introductions: list, start, act, debrief, drafts; the calibration report."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query

from netweave.errors import NetweaveError
from netweave.services.calibration import calibration_report
from netweave.services.intro_actions import VERBS, current, perform, record_debrief, start_by_hand
from netweave.services.intro_step_drafts import step_drafts
from netweave.services.intro_views import list_introductions
from netweave.services.introductions import SideOutcome, sweep
from netweave.services.suggestion_views import start_suggested
from netweave.web.api.schemas_intro import (
    ActionIn,
    CalibrationOut,
    DebriefIn,
    DraftOut,
    IntroductionOut,
    IntroductionSummary,
    StartIn,
)
from netweave.web.deps import ReadSession, StoreDep, Today, UserTemplates

router = APIRouter(tags=["suggestions and introductions"])
IntroAction = StrEnum("IntroAction", {v.replace("-", "_"): v for v in VERBS})  # type: ignore[misc]


@router.get("/introductions", response_model=list[IntroductionSummary])
def introductions(
    store: StoreDep,
    today: Today,
    stage: Annotated[str | None, Query(max_length=40, description="only this stage")] = None,
    limit: Annotated[int | None, Query(ge=1, le=5000)] = None,
) -> list[dict[str, Any]]:
    """Introductions, most recently moved first, with the actions each allows now."""
    with store.write() as session:  # the clock closes unanswered asks, marks follow-ups due
        sweep(session, today)
        return list_introductions(session, stage, limit)


@router.post("/introductions", response_model=IntroductionOut, status_code=201)
def start(body: StartIn, store: StoreDep, today: Today) -> dict[str, Any]:
    """Start an introduction (stage suggested): by hand, or from a listed suggestion."""
    with store.write() as session:
        if body.from_suggestion:
            # a suggestion names its people by id: anything else is the caller's error, not a 500
            if not (str(body.a).isdecimal() and str(body.b).isdecimal()):
                raise NetweaveError("from_suggestion needs the two people's ids, as listed")
            a, b = int(body.a), int(body.b)
            return start_suggested(session, today, a, b, body.for_person, body.anyway)
        return start_by_hand(
            session,
            today,
            str(body.a),
            str(body.b),
            body.why,
            body.reasons_a,
            body.reasons_b,
            body.anyway,
        )


@router.get("/introductions/{intro_id}", response_model=IntroductionOut)
def introduction(intro_id: int, store: StoreDep, today: Today) -> dict[str, Any]:
    """One introduction: sides, reasons, score terms, dated history, debriefs."""
    with store.write() as session:
        return current(session, intro_id, today)


@router.get("/introductions/{intro_id}/drafts", response_model=list[DraftOut])
def drafts(intro_id: int, session: ReadSession, user_dir: UserTemplates) -> list[dict[str, Any]]:
    """The drafts for the current step: text, a mailto: link and where to get the .eml."""
    return [
        {**d.as_dict(), "eml_url": f"/introductions/{intro_id}/drafts/{d.key}.eml"}
        for d in step_drafts(session, intro_id, user_dir)
    ]


@router.post("/introductions/{intro_id}/debrief", response_model=IntroductionOut)
def debrief(intro_id: int, body: DebriefIn, store: StoreDep, today: Today) -> dict[str, Any]:
    """How it went for each side: outcome 1–5, business or referral resulted, notes."""
    sides = {
        side: SideOutcome(given.outcome, given.business, given.referral, given.notes)
        for side, given in (("a", body.a), ("b", body.b))
        if given is not None
    }
    with store.write() as session:
        return record_debrief(session, intro_id, sides, today, body.on)


@router.post("/introductions/{intro_id}/{action}", response_model=IntroductionOut)
def act(
    intro_id: int,
    action: IntroAction,
    store: StoreDep,
    today: Today,
    body: ActionIn | None = None,
) -> dict[str, Any]:
    """Move the introduction; 409 naming the allowed actions when this stage refuses it."""
    given = body or ActionIn()
    with store.write() as session:
        return perform(
            session, intro_id, str(action.value), today, given.on, given.note, given.minutes
        )


@router.get("/calibration", response_model=CalibrationOut)
def calibration(session: ReadSession) -> dict[str, Any]:
    """How well suggestion scores predicted debriefed outcomes (Brier, reliability, fit)."""
    return calibration_report(session)
