"""The dashboard: this week's plan, who is due, and each goal with its recent history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from netweave.services.goals import (
    STREAK_LOOKBACK,
    GoalStatus,
    PeriodCount,
    goal_statuses,
    history,
    streak,
)
from netweave.services.keep_in_touch import DUE_SOURCES, DueItem
from netweave.services.week import WeekPlan, week_plan

CHART_PERIODS = 12


@dataclass
class GoalChart:
    status: GoalStatus
    periods: list[PeriodCount]  # the last CHART_PERIODS, current one last


@dataclass
class DueGroup:
    kind: str  # "follow-up", "keep-in-touch", or a kind another issue adds
    items: list[DueItem]
    total: int


@dataclass
class Dashboard:
    today: dt.date
    plan: WeekPlan
    due: list[DueGroup]
    goals: list[GoalChart]


def due_groups(session: Session, today: dt.date, limit: int) -> list[DueGroup]:
    """What `due` lists, one group per source (each source's top `limit` and its total)."""
    groups = []
    for source in DUE_SOURCES:
        items, total = source(session, today, limit)
        kind = items[0].kind if items else source.__name__.removesuffix("_due").replace("_", "-")
        groups.append(DueGroup(kind.removesuffix("s"), items, total))
    return groups


def goal_charts(session: Session, today: dt.date) -> list[GoalChart]:
    """Each goal's progress and streak, from one history query per goal."""
    charts = []
    for status in goal_statuses(session, today, with_streaks=False):
        lookback = max(CHART_PERIODS, STREAK_LOOKBACK[status.period])
        periods = history(session, status.metric, status.target, status.period, today, lookback)
        status.streak = streak(periods)
        charts.append(GoalChart(status, periods[-CHART_PERIODS:]))
    return charts


def dashboard(session: Session, today: dt.date, limit: int = 8) -> Dashboard:
    return Dashboard(
        today,
        week_plan(session, today, limit),
        due_groups(session, today, limit),
        goal_charts(session, today),
    )
