"""Goals: a target per period for a networking metric; progress, streaks and history.

Each metric is one function `(session, start, end) -> {day: count}` in `METRICS`, an
aggregate over indexed columns. Introductions and follow-ups are counted from
interactions (give kind "introduction"; `follow_up_of` set by `log --follow-up`). The
introduction workflow (#7) logs its introductions and follow-ups as such interactions, and
a debrief of an introduction with no follow-up logged counts as its follow-up.

Periods: day; week (Monday to Sunday); fortnight (two-week blocks from Monday 2001-01-01);
month (calendar). A streak is the number of consecutive periods meeting the target, ending
with the current period if it is met already, else with the previous one. History is
computed from what was logged, so it reaches back before the goal was set.
Without a face-to-face goal, the default is one outing every two weeks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.db.models import ContactSummary, Goal, Interaction, Person
from netweave.errors import NetweaveError, NotFound
from netweave.services.contact_summary import FACE_TO_FACE
from netweave.services.vocab import choice

PERIODS = ["day", "week", "fortnight", "month"]
FORTNIGHT_ANCHOR = dt.date(2001, 1, 1)  # a Monday
STREAK_LOOKBACK = {"day": 120, "week": 52, "fortnight": 26, "month": 24}
DEFAULT_GOALS = {"face-to-face": (1, "fortnight")}
_SPEC = re.compile(r"^\s*(\d+)\s*(?:/|per|a|an|every)\s*(\w+)\s*$", re.IGNORECASE)

Counts = dict[dt.date, int]


def _by_day(session: Session, *conditions: Any, start: dt.date, end: dt.date) -> Counts:
    rows = session.execute(
        select(Interaction.occurred_on, func.count())
        .where(Interaction.occurred_on.between(start, end), *conditions)
        .group_by(Interaction.occurred_on)
    ).all()
    return {day: int(n) for day, n in rows}


def count_introductions(session: Session, start: dt.date, end: dt.date) -> Counts:
    return _by_day(session, Interaction.give_kind == "introduction", start=start, end=end)


def count_follow_ups(session: Session, start: dt.date, end: dt.date) -> Counts:
    from netweave.services.intro_due import debriefs_without_follow_up

    counts = _by_day(session, Interaction.follow_up_of.is_not(None), start=start, end=end)
    # A workflow introduction debriefed with no follow-up logged was followed up too (#7).
    for day, n in debriefs_without_follow_up(session, start, end).items():
        counts[day] = counts.get(day, 0) + n
    return counts


def count_gives(session: Session, start: dt.date, end: dt.date) -> Counts:
    return _by_day(session, Interaction.direction == "give", start=start, end=end)


def count_face_to_face(session: Session, start: dt.date, end: dt.date) -> Counts:
    return _by_day(session, Interaction.channel.in_(FACE_TO_FACE), start=start, end=end)


def count_new_people(session: Session, start: dt.date, end: dt.date) -> Counts:
    """People met in the period: their `met_on`, else their first logged interaction."""
    counts: Counts = {}
    met = session.execute(
        select(Person.met_on, func.count())
        .where(Person.met_on.between(start, end))
        .group_by(Person.met_on)
    ).all()
    first = session.execute(
        select(ContactSummary.first_day, func.count())
        .join(Person, Person.id == ContactSummary.person_id)
        .where(
            Person.met_on.is_(None),
            ContactSummary.first_day.between(start.toordinal(), end.toordinal()),
        )
        .group_by(ContactSummary.first_day)
    ).all()
    for day, n in met:
        counts[day] = counts.get(day, 0) + int(n)
    for day_number, n in first:
        day = dt.date.fromordinal(int(day_number))
        counts[day] = counts.get(day, 0) + int(n)
    return counts


METRICS: dict[str, Callable[[Session, dt.date, dt.date], Counts]] = {
    "introductions": count_introductions,
    "follow-ups": count_follow_ups,
    "gives": count_gives,
    "face-to-face": count_face_to_face,
    "new-people": count_new_people,
}


def parse_metric(value: str) -> str:
    aliases = {"outings": "face-to-face", "new-people-met": "new-people", "intros": "introductions"}
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    return choice(aliases.get(key, key), list(METRICS), "metric")


def parse_target(spec: str) -> tuple[int, str]:
    """'3/week', '3 per week', '1 a fortnight' -> (3, 'week')."""
    match = _SPEC.match(spec)
    if not match:
        raise NetweaveError(f"cannot read the target {spec!r}: write it like 3/week")
    target, period = int(match.group(1)), match.group(2).lower().rstrip("s")
    if target < 1:
        raise NetweaveError("a target must be at least 1")
    return target, choice(period, PERIODS, "period")


def period_bounds(period: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the period containing `day`."""
    if period == "day":
        return day, day
    if period == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if period == "fortnight":
        start = day - dt.timedelta(days=(day - FORTNIGHT_ANCHOR).days % 14)
        return start, start + dt.timedelta(days=13)
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def periods_back(period: str, today: dt.date, n: int) -> list[tuple[dt.date, dt.date]]:
    """The current period and the n-1 before it, oldest first."""
    bounds = [period_bounds(period, today)]
    while len(bounds) < n:
        bounds.append(period_bounds(period, bounds[-1][0] - dt.timedelta(days=1)))
    return bounds[::-1]


@dataclass
class PeriodCount:
    start: dt.date
    end: dt.date
    count: int
    met: bool


def history(
    session: Session, metric: str, target: int, period: str, today: dt.date, n: int
) -> list[PeriodCount]:
    """Counts for the last `n` periods (the current one last), from one grouped query."""
    bounds = periods_back(period, today, n)
    daily = METRICS[metric](session, bounds[0][0], bounds[-1][1])
    out = []
    for start, end in bounds:
        count = sum(c for day, c in daily.items() if start <= day <= end)
        out.append(PeriodCount(start, end, count, count >= target))
    return out


def streak(periods: list[PeriodCount]) -> int:
    """Consecutive met periods ending now (current if met, else the one before)."""
    run = periods if periods and periods[-1].met else periods[:-1]
    length = 0
    for item in reversed(run):
        if not item.met:
            break
        length += 1
    return length


@dataclass
class GoalStatus:
    metric: str
    target: int
    period: str
    default: bool
    since: dt.date | None
    start: dt.date
    end: dt.date
    done: int
    streak: int | None = None

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.done)

    def describe(self) -> str:
        left = f"{self.remaining} to go" if self.remaining else "done"
        return f"{self.metric}: {self.done}/{self.target} this {self.period} ({left})"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(remaining=self.remaining, summary=self.describe())
        for key in ("since", "start", "end"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def set_goal(session: Session, metric: str, spec: str, today: dt.date) -> Goal:
    """Create or replace the goal for `metric` from a spec like '3/week'."""
    metric = parse_metric(metric)
    target, period = parse_target(spec)
    goal = session.scalar(select(Goal).where(Goal.metric == metric))
    if goal is None:
        goal = Goal(metric=metric, target=target, period=period, since=today)
        session.add(goal)
    else:
        goal.target, goal.period, goal.since = target, period, today
    session.flush()
    return goal


def remove_goal(session: Session, metric: str) -> None:
    metric = parse_metric(metric)
    goal = session.scalar(select(Goal).where(Goal.metric == metric))
    if goal is None:
        raise NotFound(f"no goal for {metric}")
    session.delete(goal)
    session.flush()


def _targets(session: Session) -> list[tuple[str, int, str, bool, dt.date | None]]:
    stored = {g.metric: g for g in session.scalars(select(Goal))}
    out: list[tuple[str, int, str, bool, dt.date | None]] = []
    for metric in METRICS:
        if metric in stored:
            g = stored[metric]
            out.append((metric, g.target, g.period, False, g.since))
        elif metric in DEFAULT_GOALS:
            target, period = DEFAULT_GOALS[metric]
            out.append((metric, target, period, True, None))
    return out


def goal_for(session: Session, metric: str) -> tuple[int, str] | None:
    for name, target, period, _default, _since in _targets(session):
        if name == metric:
            return target, period
    return None


def goal_statuses(session: Session, today: dt.date, with_streaks: bool = True) -> list[GoalStatus]:
    """Each goal (set, or default) with this period's progress and, optionally, its streak."""
    statuses = []
    for metric, target, period, default, since in _targets(session):
        start, end = period_bounds(period, today)
        if with_streaks:
            periods = history(session, metric, target, period, today, STREAK_LOOKBACK[period])
            done, run = periods[-1].count, streak(periods)
        else:
            done, run = sum(METRICS[metric](session, start, end).values()), None
        statuses.append(GoalStatus(metric, target, period, default, since, start, end, done, run))
    return statuses


def goal_history(session: Session, metric: str, today: dt.date, n: int = 12) -> dict[str, Any]:
    metric = parse_metric(metric)
    goal = goal_for(session, metric)
    if goal is None:
        raise NotFound(f"no goal for {metric}; set one: netweave goal set {metric} 3/week")
    target, period = goal
    periods = history(session, metric, target, period, today, n)
    return {
        "metric": metric,
        "target": target,
        "period": period,
        "streak": streak(periods),
        "periods": [
            {"start": p.start.isoformat(), "end": p.end.isoformat(), "count": p.count, "met": p.met}
            for p in periods
        ],
    }
