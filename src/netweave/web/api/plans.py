"""Goals, the week plan and return on time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from netweave.services import goals as service
from netweave.services.rot import rot_report
from netweave.services.week import week_plan
from netweave.web.api.schemas_plans import GoalHistory, GoalIn, GoalStatus, RotRow, WeekOut
from netweave.web.deps import ReadSession, StoreDep, Today

router = APIRouter(tags=["goals and plans"])


@router.get("/goals", response_model=list[GoalStatus])
def list_goals(session: ReadSession, today: Today) -> list[dict[str, Any]]:
    """Each goal (set, or default) with this period's progress and streak."""
    return [g.as_dict() for g in service.goal_statuses(session, today)]


@router.put("/goals/{metric}", response_model=GoalStatus)
def set_goal(metric: str, body: GoalIn, store: StoreDep, today: Today) -> dict[str, Any]:
    """Create or replace the goal for a metric (introductions, follow-ups, gives, …)."""
    with store.write() as session:
        goal = service.set_goal(session, metric, body.spec, today)
        statuses = service.goal_statuses(session, today)
        return next(s.as_dict() for s in statuses if s.metric == goal.metric)


@router.delete("/goals/{metric}", status_code=204)
def remove_goal(metric: str, store: StoreDep) -> Response:
    with store.write() as session:
        service.remove_goal(session, metric)
    return Response(status_code=204)


@router.get("/goals/{metric}/history", response_model=GoalHistory)
def goal_history(
    metric: str,
    session: ReadSession,
    today: Today,
    periods: Annotated[int, Query(ge=1, le=120)] = 12,
) -> dict[str, Any]:
    """Counts for the last periods, the current one last."""
    return service.goal_history(session, metric, today, periods)


@router.get("/week", response_model=WeekOut)
def week(session: ReadSession, today: Today) -> dict[str, Any]:
    """This week's plan."""
    return week_plan(session, today).as_dict()


@router.get("/rot", response_model=list[RotRow])
def rot(
    session: ReadSession,
    by: Annotated[str, Query(description="month, person, channel or event")] = "month",
) -> list[dict[str, Any]]:
    """Return on time: outcomes per hour of networking."""
    return [r.as_dict() for r in rot_report(session, by)]
