"""Per-person interaction aggregates, so lists over the whole network avoid a full scan.

`due`, the going-cold list and `week` rank tens of thousands of people; aggregating
every participant row for that takes most of a second on SQLite. Every writer of
interactions therefore calls `refresh(session, person_ids)` after writing (the services in
`interactions.py` and `bulk.insert_interactions` do), which recomputes those people's rows
with one GROUP BY over their participant rows.

The decayed contact count uses `weight = sum(exp((day - T0) / TAU))`, from which the count
at any date t is `weight * exp(-(t - T0) / TAU)` (see `strength.py`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.orm import Session

from netweave.db.models import ContactSummary, Interaction, InteractionParticipant
from netweave.db.sqltime import day_number

T0 = dt.date(2000, 1, 1)
TAU_DAYS = 180.0
FACE_TO_FACE = ("in-person", "event")
_CHUNK = 5_000


def _register_exp(session: Session) -> None:
    """SQLite builds without math functions lack exp(); supply Python's."""
    if session.get_bind().dialect.name == "sqlite":
        raw = session.connection().connection.driver_connection
        raw.create_function("exp", 1, math.exp, deterministic=True)  # type: ignore[union-attr]


def _aggregate() -> object:
    day = day_number(Interaction.occurred_on)
    is_face = Interaction.channel.in_(FACE_TO_FACE)
    return (
        select(
            InteractionParticipant.person_id,
            func.count(),
            func.sum(case((Interaction.direction == "give", 1), else_=0)),
            func.sum(case((Interaction.direction == "ask", 1), else_=0)),
            func.sum(case((Interaction.direction == "receive", 1), else_=0)),
            func.min(day),
            func.max(day),
            func.max(case((is_face, day))),
            func.sum(func.exp((day - T0.toordinal()) / TAU_DAYS)),
        )
        .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
        .group_by(InteractionParticipant.person_id)
    )


_COLUMNS = [
    "person_id",
    "interactions",
    "gives",
    "asks",
    "receives",
    "first_day",
    "last_day",
    "last_face_day",
    "weight",
]


def refresh(session: Session, person_ids: Collection[int] | None = None) -> None:
    """Recompute the summary rows of `person_ids` (everyone when None)."""
    session.flush()
    _register_exp(session)
    query = _aggregate()
    if person_ids is None:
        session.execute(delete(ContactSummary))
        session.execute(insert(ContactSummary).from_select(_COLUMNS, query))  # type: ignore[arg-type]
        return
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        session.execute(delete(ContactSummary).where(ContactSummary.person_id.in_(chunk)))
        scoped = query.where(InteractionParticipant.person_id.in_(chunk))  # type: ignore[attr-defined]
        session.execute(insert(ContactSummary).from_select(_COLUMNS, scoped))
