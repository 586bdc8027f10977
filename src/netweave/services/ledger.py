"""The ledger: gives, asks and receives per person by month, and "jab, jab, jab, hook".

Give three times before you ask: an ask is ready when at least `JABS` gives to that
person came after the previous ask (or ever, if there was none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from netweave.db.models import Direction, Interaction, InteractionParticipant, Person
from netweave.db.sqltime import year_month

JABS = 3


@dataclass
class JabStatus:
    gives_since_last_ask: int
    last_ask_on: dt.date | None

    @property
    def ready(self) -> bool:
        return self.gives_since_last_ask >= JABS

    def message(self, name: str) -> str:
        since = f"since your last ask on {self.last_ask_on}" if self.last_ask_on else "so far"
        gives = f"{self.gives_since_last_ask} give{'s' if self.gives_since_last_ask != 1 else ''}"
        if self.ready:
            return f"{gives} to {name} {since}: an ask is fair (jab, jab, jab, hook)"
        more = JABS - self.gives_since_last_ask
        return (
            f"only {gives} to {name} {since}; give {more} more before asking (jab, jab, jab, hook)"
        )


@dataclass
class LedgerMonth:
    month: str
    gives: int = 0
    asks: int = 0
    receives: int = 0
    neutral: int = 0
    minutes: int = 0


@dataclass
class Ledger:
    person_id: int
    name: str
    months: list[LedgerMonth]
    totals: LedgerMonth
    jab: JabStatus
    last_on: dt.date | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": {"id": self.person_id, "name": self.name},
            "months": [asdict(m) for m in self.months],
            "totals": {k: v for k, v in asdict(self.totals).items() if k != "month"},
            "balance": self.totals.gives - self.totals.asks,
            "last_interaction": self.last_on.isoformat() if self.last_on else None,
            "jab": {
                "gives_since_last_ask": self.jab.gives_since_last_ask,
                "last_ask_on": self.jab.last_ask_on.isoformat() if self.jab.last_ask_on else None,
                "ready_to_ask": self.jab.ready,
                "message": self.jab.message(self.name),
            },
        }


def _of_person(person_id: int) -> Any:
    return (
        select()
        .select_from(Interaction)
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        .where(InteractionParticipant.person_id == person_id)
    )


def _flag(condition: Any) -> Any:
    """1 when `condition` holds. Written as CASE rather than a WHERE term on purpose: the
    planner then drives from the person's participant rows, not from an index over every
    ask or date in the network (which made a typical person's ledger take 300 ms)."""
    return case((condition, 1), else_=0)


def jab_status(
    session: Session, person_id: int, on: dt.date, exclude_id: int | None = None
) -> JabStatus:
    """Gives to the person after their last ask, up to and including `on`."""
    base = _of_person(person_id).where(Interaction.occurred_on <= on)
    if exclude_id is not None:
        base = base.where(Interaction.id != exclude_id)
    is_ask = Interaction.direction == Direction.ASK
    last_on = session.scalar(base.add_columns(func.max(case((is_ask, Interaction.occurred_on)))))
    gives = _flag(Interaction.direction == Direction.GIVE)
    if last_on is None:
        count = session.scalar(base.add_columns(func.sum(gives)))
        return JabStatus(int(count or 0), None)
    last_id = session.scalar(
        base.add_columns(
            func.max(case((is_ask & (Interaction.occurred_on == last_on), Interaction.id)))
        )
    )
    after = or_(
        Interaction.occurred_on > last_on,
        and_(Interaction.occurred_on == last_on, Interaction.id > last_id),
    )
    count = session.scalar(base.add_columns(func.sum(case((after, gives), else_=0))))
    return JabStatus(int(count or 0), last_on)


def ledger(session: Session, person: Person, today: dt.date) -> Ledger:
    """Month by month counts of each direction and minutes, oldest month first."""
    month = year_month(Interaction.occurred_on)
    rows = session.execute(
        _of_person(person.id)
        .add_columns(
            month,
            Interaction.direction,
            func.count(),
            func.coalesce(func.sum(Interaction.minutes), 0),
            func.max(Interaction.occurred_on),
        )
        .group_by(month, Interaction.direction)
        .order_by(month)
    ).all()
    months: dict[str, LedgerMonth] = {}
    totals = LedgerMonth("total")
    last_on: dt.date | None = None
    for key, direction, count, minutes, latest in rows:
        entry = months.setdefault(key, LedgerMonth(key))
        name = {"give": "gives", "ask": "asks", "receive": "receives"}.get(direction, "neutral")
        for target in (entry, totals):
            setattr(target, name, getattr(target, name) + int(count))
            target.minutes += int(minutes)
        last_on = max(filter(None, (last_on, latest)), default=None)
    return Ledger(
        person.id,
        person.full_name,
        list(months.values()),
        totals,
        jab_status(session, person.id, today),
        last_on,
    )
