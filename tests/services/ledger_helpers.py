"""Small builders for the ledger tests: people and interactions on fixed dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from netweave.db.models import Interaction, Person
from netweave.importers.records import PersonRecord
from netweave.services import interactions
from netweave.services.people import add_person

TODAY = dt.date(2026, 11, 23)  # a Monday


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def person(session: Session, name: str, **fields: Any) -> Person:
    return add_person(session, PersonRecord(full_name=name, **fields))


def log(
    session: Session,
    people: list[Person] | Person,
    direction: str = "neutral",
    on: dt.date = TODAY,
    channel: str = "call",
    **fields: Any,
) -> Interaction:
    group = people if isinstance(people, list) else [people]
    entry = interactions.InteractionInput(
        channel=channel, direction=direction, occurred_on=on, **fields
    )
    return interactions.log_interaction(session, group, entry)
