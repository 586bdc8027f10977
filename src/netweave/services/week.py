"""This week's plan: introductions to make, follow-ups due, who is going cold, the next
outing and goal progress — each section from the service that owns it.

The next outing is due `period days / target` after the last face-to-face contact, from
the face-to-face goal (default one every two weeks); today if there was none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.db.models import Interaction
from netweave.services.contact_summary import FACE_TO_FACE
from netweave.services.get_to_know import GetToKnow, get_to_know
from netweave.services.give_ideas import IntroIdea, introductions_to_make
from netweave.services.goals import GoalStatus, goal_for, goal_statuses, period_bounds
from netweave.services.health import ColdItem, face_to_face_candidates, going_cold
from netweave.services.keep_in_touch import (
    DueItem,
    follow_ups_due,
    gathering_follow_ups_due,
    introduction_follow_ups_due,
    introduction_nudges_due,
)

PERIOD_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30}
NO_INTRODUCTIONS = (
    "no suggested introductions yet: the matching engine is not connected to the plan"
)


@dataclass
class Outing:
    due_on: dt.date
    last_on: dt.date | None
    rule: str
    candidates: list[ColdItem]

    def overdue(self, today: dt.date) -> bool:
        return self.due_on < today

    def as_dict(self) -> dict[str, Any]:
        return {
            "due_on": self.due_on.isoformat(),
            "last_face_to_face": self.last_on.isoformat() if self.last_on else None,
            "rule": self.rule,
            "candidates": [c.as_dict() for c in self.candidates],
        }


@dataclass
class WeekPlan:
    start: dt.date
    end: dt.date
    introductions: list[IntroIdea]
    introductions_note: str
    follow_ups: list[DueItem]
    going_cold: list[ColdItem]
    going_cold_total: int
    outing: Outing
    goals: list[GoalStatus]
    # First coffees or calls with new connections, before any ask of mine (#10).
    get_to_know: list[GetToKnow] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "week": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "introductions": [i.__dict__ for i in self.introductions],
            "introductions_note": self.introductions_note,
            "follow_ups": [f.as_dict() for f in self.follow_ups],
            "going_cold": [c.as_dict() for c in self.going_cold],
            "going_cold_total": self.going_cold_total,
            "next_outing": self.outing.as_dict(),
            "goals": [g.as_dict() for g in self.goals],
            "get_to_know": [g.as_dict() for g in self.get_to_know],
        }


def next_outing(session: Session, today: dt.date) -> Outing:
    target, period = goal_for(session, "face-to-face") or (1, "fortnight")
    every = max(1, round(PERIOD_DAYS[period] / target))
    last = session.scalar(
        select(func.max(Interaction.occurred_on)).where(
            Interaction.channel.in_(FACE_TO_FACE), Interaction.occurred_on <= today
        )
    )
    due_on = last + dt.timedelta(days=every) if last else today
    rule = f"{target} face-to-face per {period}: one every {every} days"
    return Outing(due_on, last, rule, face_to_face_candidates(session, today))


def week_plan(
    session: Session, today: dt.date, limit: int = 5, cache_dir: Path | None = None
) -> WeekPlan:
    """This week's plan; introductions come from the engine when it is warm (`cache_dir`
    holds its files between CLI runs)."""
    start, end = period_bounds("week", today)
    intros = introductions_to_make(session, today, limit, cache_dir)
    follow_ups, _ = follow_ups_due(session, end, 20)
    # The introduction workflow's follow-ups and nudges falling due by the week's end (#7).
    follow_ups += introduction_follow_ups_due(session, end, 20)[0]
    follow_ups += introduction_nudges_due(session, end, 20)[0]
    follow_ups += gathering_follow_ups_due(session, end, 20)[0]  # after a gathering (#10)
    cold, cold_total = going_cold(session, today, limit)
    return WeekPlan(
        start,
        end,
        intros,
        "" if intros else NO_INTRODUCTIONS,
        follow_ups,
        cold,
        cold_total,
        next_outing(session, today),
        goal_statuses(session, today, with_streaks=False),
        get_to_know(session, today, limit, cache_dir),
    )
