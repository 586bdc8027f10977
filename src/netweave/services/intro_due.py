"""Dates the introduction workflow owes: nudges to unanswered asks and follow-ups.

`introduction_dates` lists every pending date (past or future) for the calendar feed;
the `DueSource`s for `netweave due` keep those due by today. Readers never write: an ask
past its no-reply date is left out here, and `intro sweep` (run by every `intro` command)
records it as closed on that date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.db.models import Interaction, Person
from netweave.db.models_intro import Introduction, IntroductionStep
from netweave.services.intro_rules import IntroRules, load_rules
from netweave.services.intro_stages import AFTER_INTRODUCTION, AWAITING_REPLY, Action, Stage
from netweave.services.keep_in_touch import DueItem


@dataclass(frozen=True)
class IntroDate:
    kind: str  # "nudge" or "follow-up"
    intro_id: int
    due_on: dt.date
    people: tuple[tuple[int, str], ...]  # whom to write to: (id, name)
    reason: str


def followed_up(session: Session) -> set[int]:
    """Introductions with a follow-up sent (`intro follow-up`, or `log --follow-up`)."""
    by_step = select(IntroductionStep.introduction_id).where(
        IntroductionStep.action == Action.FOLLOW_UP.value
    )
    by_log = select(Introduction.id).where(
        Introduction.interaction_id.in_(
            select(Interaction.follow_up_of).where(Interaction.follow_up_of.is_not(None))
        )
    )
    return set(session.scalars(by_step.union(by_log)))


def introduction_dates(
    session: Session, today: dt.date, rules: IntroRules | None = None
) -> list[IntroDate]:
    """Every pending nudge and follow-up of open introductions, soonest first."""
    rules = rules or load_rules(session)
    stages = [s.value for s in (*AWAITING_REPLY, *AFTER_INTRODUCTION)]
    intros = list(session.scalars(select(Introduction).where(Introduction.stage.in_(stages))))
    ids = {i.a_id for i in intros} | {i.b_id for i in intros}
    rows = session.execute(select(Person.id, Person.full_name).where(Person.id.in_(ids)))
    names: dict[int, str] = {int(pid): name for pid, name in rows}
    done = followed_up(session) if intros else set()
    out = []
    for intro in intros:
        a, b = (intro.a_id, names[intro.a_id]), (intro.b_id, names[intro.b_id])
        if intro.stage in AWAITING_REPLY and intro.asked_on and intro.nudged_on is None:
            if rules.expires_on(intro.asked_on, None) <= today:
                continue  # no reply: closed by the next sweep
            asked, other = (b, a) if intro.stage == Stage.ASKED_B else (a, b)
            due_on = rules.nudge_on(intro.asked_on)
            reason = (
                f"no answer yet to the introduction to {other[1]} asked on {intro.asked_on} "
                f"(#{intro.id}): nudge once (netweave intro nudge {intro.id}); without a reply "
                f"it closes on {rules.expires_on(intro.asked_on, due_on)}"
            )
            out.append(IntroDate("nudge", intro.id, due_on, (asked,), reason))
        elif intro.stage in AFTER_INTRODUCTION and intro.introduced_on and intro.id not in done:
            due_on = rules.follow_up_on(intro.introduced_on, intro.met_on)
            since = (
                f"met on {intro.met_on}" if intro.met_on else f"introduced {intro.introduced_on}"
            )
            reason = (
                f"{a[1]} and {b[1]} {since} (#{intro.id}): ask how it went "
                f"(netweave intro follow-up {intro.id}), then record the debrief"
            )
            out.append(IntroDate("follow-up", intro.id, due_on, (a, b), reason))
    return sorted(out, key=lambda d: (d.due_on, d.intro_id, d.kind))


def _items(session: Session, today: dt.date, kind: str, limit: int) -> tuple[list[DueItem], int]:
    rules = load_rules(session)
    every = rules.nudge_after_days if kind == "nudge" else rules.follow_up_days
    base = 1.5 if kind == "nudge" else 1.0
    items = [
        DueItem(kind, pid, name, d.due_on, d.reason, base + (today - d.due_on).days / every)
        for d in introduction_dates(session, today, rules)
        if d.kind == kind and d.due_on <= today
        for pid, name in d.people
    ]
    items.sort(key=lambda i: (-i.priority, i.person_id))
    return items[:limit], len(items)


def nudges_due(session: Session, today: dt.date, limit: int) -> tuple[list[DueItem], int]:
    """Opt-in asks unanswered for `nudge_after_days` and not nudged yet."""
    return _items(session, today, "nudge", limit)


def follow_ups_due(session: Session, today: dt.date, limit: int) -> tuple[list[DueItem], int]:
    """Introductions whose follow-up date has come and no follow-up was sent."""
    return _items(session, today, "follow-up", limit)


def debriefs_without_follow_up(
    session: Session, start: dt.date, end: dt.date
) -> dict[dt.date, int]:
    """Per day, introductions first debriefed then with no follow-up logged: hearing how
    it went was the follow-up, so the follow-ups goal counts them."""
    first = (
        select(IntroductionStep.introduction_id, func.min(IntroductionStep.on).label("on"))
        .where(IntroductionStep.action == Action.DEBRIEF.value)
        .group_by(IntroductionStep.introduction_id)
        .subquery()
    )
    rows = session.execute(
        select(first.c.on, first.c.introduction_id).where(first.c.on.between(start, end))
    ).all()
    if not rows:
        return {}
    done = followed_up(session)
    counts: dict[dt.date, int] = {}
    for on, iid in rows:
        if iid not in done:
            counts[on] = counts.get(on, 0) + 1
    return counts
