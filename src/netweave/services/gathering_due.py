"""Follow-ups after a gathering: a `DueSource` for `netweave due` (issue #10).

Each guest who came is due a follow-up `FOLLOW_UP_DAYS` after the gathering (thank them, ask
whom they would like to see again, offer an introduction), until any other interaction with
them is logged on or after that day, or `EXPIRES_DAYS` have passed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import Interaction, InteractionParticipant, Person
from netweave.db.models_gathering import Gathering, GatheringGuest
from netweave.services.keep_in_touch import DueItem

FOLLOW_UP_DAYS = 2
EXPIRES_DAYS = 60
KIND = "gathering-follow-up"


def gathering_follow_ups_due(
    session: Session, today: dt.date, limit: int
) -> tuple[list[DueItem], int]:
    """Guests of recent gatherings not contacted since; oldest gathering first."""
    rows = session.execute(
        select(
            Gathering.id, Gathering.held_on, Gathering.interaction_id, Person.id, Person.full_name
        )
        .join(GatheringGuest, GatheringGuest.gathering_id == Gathering.id)
        .join(Person, Person.id == GatheringGuest.person_id)
        .where(
            Gathering.status == "held",
            GatheringGuest.came.is_(True),
            Gathering.held_on <= today - dt.timedelta(days=FOLLOW_UP_DAYS),
            Gathering.held_on >= today - dt.timedelta(days=EXPIRES_DAYS),
        )
        .order_by(Gathering.held_on, Gathering.id, Person.id)
    ).all()
    if not rows:
        return [], 0
    since = min(r[1] for r in rows)
    contacts = session.execute(
        select(InteractionParticipant.person_id, Interaction.id, Interaction.occurred_on)
        .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
        .where(
            InteractionParticipant.person_id.in_({r[3] for r in rows}),
            Interaction.occurred_on >= since,
        )
    ).all()
    items = []
    for gid, held_on, iid, pid, name in rows:
        if any(p == pid and i != iid and on >= held_on for p, i, on in contacts):
            continue
        due_on = held_on + dt.timedelta(days=FOLLOW_UP_DAYS)
        reason = (
            f"came to gathering #{gid} on {held_on}: thank them and ask whom they'd like to "
            "see again (log the follow-up with netweave log)"
        )
        priority = 1.0 + (today - due_on).days / 14
        items.append(DueItem(KIND, pid, name, due_on, reason, priority))
    return items[:limit], len(items)
