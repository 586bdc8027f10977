"""Return on time: outcomes per hour of networking, by month, person, channel or event.

    hours    = sum of minutes / 60, where an interaction without minutes counts its
               channel's typical length (DEFAULT_MINUTES); by person, an interaction's
               minutes are shared equally among its people
    points   = 1 per referral received (direction receive, give kind referral)
             + 3 per business resulted (outcome "business")
             + per debriefed side of an introduction (issue #7): outcome / 5, and a
               business resulted (3) or a referral resulted (1) counted like the above
    ROT      = points / hours (none when no time was logged)

An outcome is credited to the month, channel and people of the interaction it was logged
on. By event, hours are those logged at the event, and outcomes are those from people you
met there (on or after the first time you met them at that event), so an event's columns
can overlap another's. Each outcome is one entry of `OUTCOMES`. A debrief is credited to
the month it was recorded, the person whose side it is, and the channel and event of the
interaction that made the introduction (`_add_debriefs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, case, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from netweave.db.models import Interaction, InteractionParticipant, Person
from netweave.db.models_intro import Debrief, Introduction
from netweave.db.sqltime import year_month
from netweave.errors import NetweaveError

DEFAULT_MINUTES = {
    "in-person": 60,
    "call": 20,
    "video": 30,
    "email": 5,
    "message": 2,
    "event": 120,
    "content": 10,
}
GROUPINGS = ["month", "person", "channel", "event"]


def _outcomes() -> dict[str, tuple[ColumnElement[bool], float]]:
    return {
        "referrals": (
            (Interaction.direction == "receive") & (Interaction.give_kind == "referral"),
            1.0,
        ),
        "business": (Interaction.outcome == "business", 3.0),
    }


def minutes_expr() -> ColumnElement[Any]:
    default = case(*[(Interaction.channel == c, m) for c, m in DEFAULT_MINUTES.items()], else_=0)
    return func.coalesce(Interaction.minutes, default)


@dataclass
class RotRow:
    key: str
    name: str
    hours: float
    interactions: int
    referrals: int
    business: int
    debriefs: int = 0
    debrief_points: float = 0.0

    @property
    def points(self) -> float:
        weights = {name: points for name, (_cond, points) in _outcomes().items()}
        counted = self.referrals * weights["referrals"] + self.business * weights["business"]
        return round(counted + self.debrief_points, 3)

    @property
    def rot(self) -> float | None:
        return round(self.points / self.hours, 3) if self.hours > 0 else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "hours": round(self.hours, 2),
            "interactions": self.interactions,
            "referrals": self.referrals,
            "business": self.business,
            "debriefs": self.debriefs,
            "points": self.points,
            "rot": self.rot,
        }


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def _simple(session: Session, key: ColumnElement[Any]) -> list[tuple[Any, ...]]:
    outcomes = _outcomes()
    return [
        tuple(r)
        for r in session.execute(
            select(
                key,
                func.sum(minutes_expr()),
                func.count(),
                *[_count(cond) for cond, _ in outcomes.values()],
            ).group_by(key)
        )
    ]


def _by_person(session: Session) -> list[tuple[Any, ...]]:
    sizes = (
        select(
            InteractionParticipant.interaction_id.label("iid"),
            func.count().label("n"),
        )
        .group_by(InteractionParticipant.interaction_id)
        .subquery()
    )
    outcomes = _outcomes()
    share = cast(minutes_expr(), Float) / cast(sizes.c.n, Float)
    rows = session.execute(
        select(
            Person.id,
            Person.full_name,
            func.sum(share),
            func.count(),
            *[_count(cond) for cond, _ in outcomes.values()],
        )
        .select_from(InteractionParticipant)
        .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
        .join(sizes, sizes.c.iid == Interaction.id)
        .join(Person, Person.id == InteractionParticipant.person_id)
        .group_by(Person.id, Person.full_name)
    )
    return [(f"{pid}", name, *rest) for pid, name, *rest in rows]


def _by_event(session: Session) -> list[tuple[Any, ...]]:
    time = {
        event: (minutes, n)
        for event, minutes, n in session.execute(
            select(Interaction.event, func.sum(minutes_expr()), func.count())
            .where(Interaction.event.is_not(None))
            .group_by(Interaction.event)
        )
    }
    met = (
        select(
            Interaction.event.label("event"),
            InteractionParticipant.person_id.label("pid"),
            func.min(Interaction.occurred_on).label("first_on"),
        )
        .join(InteractionParticipant)
        .where(Interaction.event.is_not(None))
        .group_by(Interaction.event, InteractionParticipant.person_id)
        .subquery()
    )
    outcomes = _outcomes()
    credited = {
        row[0]: row[1:]
        for row in session.execute(
            select(
                met.c.event,
                *[
                    func.count(func.distinct(case((cond, Interaction.id))))
                    for cond, _ in outcomes.values()
                ],
            )
            .select_from(met)
            .join(InteractionParticipant, InteractionParticipant.person_id == met.c.pid)
            .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
            .where(Interaction.occurred_on >= met.c.first_on)
            .group_by(met.c.event)
        )
    }
    zeros = tuple(0 for _ in outcomes)
    return [
        (event, minutes, n, *credited.get(event, zeros)) for event, (minutes, n) in time.items()
    ]


def rot_report(session: Session, by: str = "month") -> list[RotRow]:
    """ROT rows for one grouping; months oldest first, the others by ROT then hours."""
    if by not in GROUPINGS:
        raise NetweaveError(f"unknown grouping {by!r}; choose one of: {', '.join(GROUPINGS)}")
    raw: list[tuple[Any, ...]]
    if by == "person":
        raw = _by_person(session)
    elif by == "event":
        raw = [(k, k, *rest) for k, *rest in _by_event(session)]
    else:
        key: Any = year_month(Interaction.occurred_on) if by == "month" else Interaction.channel
        raw = [(str(k), str(k), *rest) for k, *rest in _simple(session, key)]
    rows = [
        RotRow(str(k), str(name), float(m or 0) / 60, int(n), int(r or 0), int(b or 0))
        for k, name, m, n, r, b in raw
    ]
    _add_debriefs(session, by, rows)
    if by == "month":
        return sorted(rows, key=lambda r: r.key)
    return sorted(rows, key=lambda r: (-(r.rot or 0), -r.hours, r.name))


def _add_debriefs(session: Session, by: str, rows: list[RotRow]) -> None:
    """Credit each debriefed side to its row (made with no hours if the key had none)."""
    found = session.execute(
        select(
            Debrief.on,
            Debrief.person_id,
            Person.full_name,
            Debrief.outcome,
            Debrief.business,
            Debrief.referral,
            Interaction.channel,
            Interaction.event,
        )
        .join(Introduction, Introduction.id == Debrief.introduction_id)
        .join(Person, Person.id == Debrief.person_id)
        .outerjoin(Interaction, Interaction.id == Introduction.interaction_id)
    ).all()
    by_key = {r.key: r for r in rows}
    for on, pid, name, outcome, business, referral, channel, event in found:
        key, label = {
            "month": (on.strftime("%Y-%m"),) * 2,
            "person": (str(pid), name),
            "channel": (channel or "email",) * 2,
            "event": (event, event),
        }[by]
        if key is None:
            continue
        row = by_key.get(key)
        if row is None:
            row = by_key[key] = RotRow(key, label, 0.0, 0, 0, 0)
            rows.append(row)
        row.debriefs += 1
        row.debrief_points += outcome / 5
        row.business += int(bool(business))
        row.referrals += int(bool(referral))
