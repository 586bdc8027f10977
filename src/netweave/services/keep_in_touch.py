"""Who is due for contact: one list of `DueItem`s from pluggable sources.

Keep in touch: each person's cadence is their own `cadence_days`, else their tier's default
(inner 14, active 30, network 90, dormant none). The clock starts at the last interaction
(any channel, any direction), else the day they were met, else the day they were added.
A person is due when days since then >= cadence, and ranked by

    priority = (1 + min(r, 3)) * (0.25 + 0.75 * strength / 100),   r = days overdue / cadence

so a strong relationship slightly overdue can outrank a weak one long overdue; a person
never scored counts as strength 0. Everything is computed in SQL over `person` joined to
`contact_summary` (see `strength.py`), so ranking 30,000 people is one query.

Follow-ups: an introduction (an interaction with give kind "introduction") asks for a
follow-up with each person introduced `FOLLOW_UP_AFTER_DAYS` after it, until a follow-up
with that person is logged (`log --follow-up`) or `FOLLOW_UP_EXPIRES_DAYS` have passed.

Introductions made through the workflow (`netweave intro`, issue #7) are left out here:
their nudges and follow-ups come from `intro_due` (follow-up 21 days after they met), and
are plugged in below as `introduction_nudges_due` / `introduction_follow_ups_due`.

Other issues add sources (open request loops, event follow-ups) by appending a function
with the `DueSource` signature to `DUE_SOURCES`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, case, cast, exists, func, literal, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from netweave.db.models import ContactSummary, Interaction, InteractionParticipant, Person
from netweave.db.models_intro import Introduction
from netweave.db.sqltime import day_number
from netweave.services.me import me_id
from netweave.services.strength import rounded, strength_expr
from netweave.services.vocab import TIER_CADENCE_DAYS

FOLLOW_UP_AFTER_DAYS = 14
FOLLOW_UP_EXPIRES_DAYS = 60


@dataclass
class DueItem:
    kind: str  # "keep-in-touch", "follow-up", …
    person_id: int
    person: str
    due_on: dt.date
    reason: str
    priority: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "person": {"id": self.person_id, "name": self.person},
            "due_on": self.due_on.isoformat(),
            "reason": self.reason,
            "priority": round(self.priority, 3),
        }


DueSource = Callable[[Session, dt.date, int], tuple[list[DueItem], int]]


def cadence_expr() -> ColumnElement[Any]:
    """The effective cadence in days: own, else the tier's default (NULL: not tracked)."""
    by_tier = case(
        *[(Person.tier == str(t), days) for t, days in TIER_CADENCE_DAYS.items() if days],
        else_=None,
    )
    return func.coalesce(Person.cadence_days, by_tier)


def clock_start_expr() -> ColumnElement[Any]:
    return func.coalesce(
        ContactSummary.last_day, day_number(Person.met_on), day_number(Person.created_at)
    )


def _keep_in_touch_query(today: dt.date) -> tuple[Any, dict[str, ColumnElement[Any]]]:
    t = today.toordinal()
    cadence = cadence_expr()
    since = literal(t) - clock_start_expr()
    ratio = cast(since - cadence, Float) / cast(cadence, Float)
    strength = strength_expr(today)
    priority = (literal(1.0, Float) + case((ratio > 3.0, 3.0), else_=ratio)) * (
        literal(0.25, Float) + literal(0.0075, Float) * func.coalesce(strength, 0.0)
    )
    cols = {"cadence": cadence, "since": since, "strength": strength, "priority": priority}
    query = (
        select(Person.id, Person.full_name, Person.tier, Person.cadence_days, *cols.values())
        .add_columns(ContactSummary.last_day, Person.met_on)
        .outerjoin(ContactSummary, ContactSummary.person_id == Person.id)
        .where(cadence.is_not(None), since >= cadence)
    )
    return query, cols


def _exclude_me(session: Session, query: Any) -> Any:
    mine = me_id(session)
    return query if mine is None else query.where(Person.id != mine)


def keep_in_touch_due(session: Session, today: dt.date, limit: int) -> tuple[list[DueItem], int]:
    """People past their cadence, highest priority first; and how many there are in all."""
    query, cols = _keep_in_touch_query(today)
    query = _exclude_me(session, query)
    # count() OVER () gives the total in the same pass as the top `limit` rows.
    query = query.add_columns(func.count().over())
    rows = session.execute(query.order_by(cols["priority"].desc(), Person.id).limit(limit)).all()
    items, total = [], rows[0][-1] if rows else 0
    for pid, name, tier, own, cadence, since, strength, priority, last_day, met_on, _n in rows:
        start = today - dt.timedelta(days=int(since))
        if last_day is not None:
            when = f"last contact {start} ({since} days ago)"
        elif met_on is not None:
            when = f"no contact logged since you met on {met_on}"
        else:
            when = f"no contact logged since added on {start}"
        rule = f"every {cadence} days" + (f" (tier {tier})" if own is None else " (own cadence)")
        late = int(since) - int(cadence)
        overdue = f"{late} days overdue" if late else "due today"
        score = rounded(strength)
        value = f"strength {score}" if score is not None else "never scored"
        reason = f"{when}; keep in touch {rule}: {overdue}; {value}"
        due_on = start + dt.timedelta(days=int(cadence))
        items.append(DueItem("keep-in-touch", pid, name, due_on, reason, float(priority)))
    return items, int(total)


def follow_ups_due(session: Session, today: dt.date, limit: int) -> tuple[list[DueItem], int]:
    """People introduced 14–60 days ago with no follow-up logged with them since."""
    intro_part = aliased(InteractionParticipant)
    follow = aliased(Interaction)
    follow_part = aliased(InteractionParticipant)
    followed = exists(
        select(1)
        .select_from(follow)
        .join(follow_part, follow_part.interaction_id == follow.id)
        .where(follow.follow_up_of == Interaction.id, follow_part.person_id == intro_part.person_id)
    )
    query = (
        select(
            Interaction.id,
            Interaction.occurred_on,
            Person.id,
            Person.full_name,
            func.count().over(),
        )
        .join(intro_part, intro_part.interaction_id == Interaction.id)
        .join(Person, Person.id == intro_part.person_id)
        .where(
            Interaction.give_kind == "introduction",
            Interaction.occurred_on <= today - dt.timedelta(days=FOLLOW_UP_AFTER_DAYS),
            Interaction.occurred_on >= today - dt.timedelta(days=FOLLOW_UP_EXPIRES_DAYS),
            ~followed,
            ~exists(select(1).where(Introduction.interaction_id == Interaction.id)),
        )
        # Oldest first: that is also highest priority.
        .order_by(Interaction.occurred_on, Interaction.id, Person.id)
        .limit(limit)
    )
    rows = session.execute(query).all()
    people = session.execute(
        select(InteractionParticipant.interaction_id, Person.full_name)
        .join(Person, Person.id == InteractionParticipant.person_id)
        .where(InteractionParticipant.interaction_id.in_({r[0] for r in rows}))
        .order_by(Person.id)
    ).all()
    names: dict[int, list[str]] = {}
    for iid, name in people:
        names.setdefault(iid, []).append(name)
    items = []
    for iid, on, pid, name, _total in rows:
        due_on = on + dt.timedelta(days=FOLLOW_UP_AFTER_DAYS)
        with_whom = [n for n in names.get(iid, []) if n != name]
        intro = f"introduced to {', '.join(with_whom)}" if with_whom else "an introduction"
        reason = (
            f"{intro} on {on} (#{iid}); ask how it went, follow-up due {due_on} "
            "(log it with --follow-up)"
        )
        priority = 1.0 + (today - due_on).days / FOLLOW_UP_AFTER_DAYS
        items.append(DueItem("follow-up", pid, name, due_on, reason, priority))
    return items, int(rows[0][-1]) if rows else 0


def introduction_nudges_due(
    session: Session, today: dt.date, limit: int
) -> tuple[list[DueItem], int]:
    """Unanswered opt-in asks to nudge once (see `intro_due`; imported late: it uses DueItem)."""
    from netweave.services.intro_due import nudges_due

    return nudges_due(session, today, limit)


def introduction_follow_ups_due(
    session: Session, today: dt.date, limit: int
) -> tuple[list[DueItem], int]:
    """Follow-ups of workflow introductions (see `intro_due`)."""
    from netweave.services.intro_due import follow_ups_due as due_follow_ups

    return due_follow_ups(session, today, limit)


def request_loops_due(session: Session, today: dt.date, limit: int) -> tuple[list[DueItem], int]:
    """Open requests due for an outcome check (see `requests`; issue #8)."""
    from netweave.services.requests import request_loops_due as due_requests

    return due_requests(session, today, limit)


def gathering_follow_ups_due(
    session: Session, today: dt.date, limit: int
) -> tuple[list[DueItem], int]:
    """Guests of held gatherings to follow up (see `gathering_due`; issue #10)."""
    from netweave.services.gathering_due import gathering_follow_ups_due as due_gatherings

    return due_gatherings(session, today, limit)


def event_follow_ups_due(session: Session, today: dt.date, limit: int) -> tuple[list[DueItem], int]:
    """People met at an event, not contacted since (see `events`; issue #8)."""
    from netweave.services.events import event_follow_ups_due as due_events

    return due_events(session, today, limit)


DUE_SOURCES: list[DueSource] = [
    follow_ups_due,
    keep_in_touch_due,
    introduction_nudges_due,
    introduction_follow_ups_due,
    request_loops_due,
    gathering_follow_ups_due,
    event_follow_ups_due,
]


@dataclass
class DueReport:
    items: list[DueItem]
    total: int
    by_kind: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_kind": self.by_kind,
            "items": [i.as_dict() for i in self.items],
        }


def due(session: Session, today: dt.date, limit: int = 20) -> DueReport:
    """Everything due from every source, highest priority first, at most `limit` shown."""
    items: list[DueItem] = []
    by_kind: dict[str, int] = {}
    for source in DUE_SOURCES:
        found, total = source(session, today, limit)
        items += found
        if total:
            kind = found[0].kind if found else source.__name__
            by_kind[kind] = by_kind.get(kind, 0) + total
    items.sort(key=lambda i: (-i.priority, i.due_on, i.person_id))
    return DueReport(items[:limit], sum(by_kind.values()), by_kind)
