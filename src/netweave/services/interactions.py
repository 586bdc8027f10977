"""Logging, editing, deleting and listing interactions (issue #5).

Every write here ends with `contact_summary.refresh` for the people it touched, and an
interaction with several people records that they know each other.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, exists, select, update
from sqlalchemy.orm import Session, aliased, selectinload

from netweave.db.models import (
    Channel,
    Direction,
    GiveKind,
    Interaction,
    InteractionParticipant,
    Outcome,
    Person,
)
from netweave.errors import NetweaveError, NotFound
from netweave.services import contact_summary
from netweave.services.give_ideas import GiveIdeas, give_ideas
from netweave.services.keep_in_touch import FOLLOW_UP_AFTER_DAYS
from netweave.services.ledger import jab_status
from netweave.services.me import me_id
from netweave.services.people import add_acquaintance, find_person
from netweave.services.vocab import choice

ACQUAINTANCE_SOURCE = "interaction"


def parse_channel(value: str) -> str:
    return choice(value, [c.value for c in Channel], "channel")


def parse_direction(value: str) -> str:
    return choice(value, [d.value for d in Direction], "direction")


def parse_give_kind(value: str) -> str:
    return choice(value, [g.value for g in GiveKind], "give kind")


def parse_outcome(value: str) -> str:
    return choice(value, [o.value for o in Outcome], "outcome")


@dataclass
class InteractionInput:
    """What a user says about one contact; enumerations are parsed by `log_interaction`."""

    channel: str
    direction: str
    occurred_on: dt.date
    give_kind: str | None = None
    minutes: int | None = None
    note: str | None = None
    outcome: str | None = None
    event: str | None = None
    follow_up: bool = False


@dataclass
class InteractionPatch:
    """Changes to an interaction; None leaves a field alone, "" clears an optional text."""

    channel: str | None = None
    direction: str | None = None
    occurred_on: dt.date | None = None
    give_kind: str | None = None
    minutes: int | None = None
    note: str | None = None
    outcome: str | None = None
    event: str | None = None
    add_people: list[Person] = field(default_factory=list)
    remove_people: list[Person] = field(default_factory=list)


def resolve_people(session: Session, refs: Sequence[str]) -> list[Person]:
    """Find each reference (id, email, name); duplicates collapse, me is refused."""
    if not refs:
        raise NetweaveError("name at least one person")
    people: dict[int, Person] = {}
    mine = me_id(session)
    for ref in refs:
        person = find_person(session, ref)
        if person.id == mine:
            raise NetweaveError(f"{person.full_name} is you; log interactions with other people")
        people.setdefault(person.id, person)
    return list(people.values())


def _check(interaction: Interaction) -> None:
    if interaction.give_kind and interaction.direction == Direction.NEUTRAL:
        raise NetweaveError("a neutral interaction has no give kind; use --dir give or receive")
    if interaction.minutes is not None and interaction.minutes < 0:
        raise NetweaveError("minutes cannot be negative")


def _introduction_to_follow_up(session: Session, people: Sequence[Person], on: dt.date) -> int:
    """The introduction of these people a follow-up on `on` answers: the latest one already
    due (two weeks old) and not yet followed up with them, else the latest not followed up."""
    ids = [p.id for p in people]
    follow = aliased(Interaction)
    follow_part = aliased(InteractionParticipant)
    answered = exists(
        select(1)
        .select_from(follow)
        .join(follow_part, follow_part.interaction_id == follow.id)
        .where(follow.follow_up_of == Interaction.id, follow_part.person_id.in_(ids))
    )
    due_by = on - dt.timedelta(days=FOLLOW_UP_AFTER_DAYS)
    found = session.scalar(
        select(Interaction.id)
        .join(InteractionParticipant)
        .where(
            InteractionParticipant.person_id.in_(ids),
            Interaction.give_kind == GiveKind.INTRODUCTION,
            Interaction.occurred_on <= on,
            ~answered,
        )
        .order_by(
            case((Interaction.occurred_on <= due_by, 0), else_=1),
            Interaction.occurred_on.desc(),
            Interaction.id.desc(),
        )
        .limit(1)
    )
    if found is None:
        names = ", ".join(p.full_name for p in people)
        raise NetweaveError(f"no introduction involving {names} waiting for a follow-up")
    return found


def _record_acquaintances(session: Session, people: Sequence[Person], on: dt.date) -> None:
    for a, b in itertools.combinations(people, 2):
        add_acquaintance(session, a, b, ACQUAINTANCE_SOURCE, on)


def log_interaction(
    session: Session, people: Sequence[Person], entry: InteractionInput
) -> Interaction:
    """Record a contact with `people`; they are recorded as knowing each other."""
    if not people:
        raise NetweaveError("name at least one person")
    interaction = Interaction(
        occurred_on=entry.occurred_on,
        channel=parse_channel(entry.channel),
        direction=parse_direction(entry.direction),
        give_kind=parse_give_kind(entry.give_kind) if entry.give_kind else None,
        minutes=entry.minutes,
        note=(entry.note or "").strip() or None,
        outcome=parse_outcome(entry.outcome) if entry.outcome else None,
        event=(entry.event or "").strip() or None,
    )
    _check(interaction)
    if entry.follow_up:
        interaction.follow_up_of = _introduction_to_follow_up(session, people, entry.occurred_on)
    interaction.participants = [InteractionParticipant(person_id=p.id) for p in people]
    session.add(interaction)
    session.flush()
    _record_acquaintances(session, people, entry.occurred_on)
    contact_summary.refresh(session, [p.id for p in people])
    return interaction


def load_interaction(session: Session, interaction_id: int) -> Interaction:
    interaction = session.get(Interaction, interaction_id)
    if interaction is None:
        raise NotFound(f"no interaction with id {interaction_id}")
    return interaction


def _optional(value: str | None, parse: Any = None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    return str(parse(value)) if parse else value


def edit_interaction(session: Session, interaction_id: int, patch: InteractionPatch) -> Interaction:
    """Apply a patch; at least one person must remain."""
    interaction = load_interaction(session, interaction_id)
    before = {p.person_id for p in interaction.participants}
    if patch.channel is not None:
        interaction.channel = parse_channel(patch.channel)
    if patch.direction is not None:
        interaction.direction = parse_direction(patch.direction)
    if patch.occurred_on is not None:
        interaction.occurred_on = patch.occurred_on
    if patch.give_kind is not None:
        interaction.give_kind = _optional(patch.give_kind, parse_give_kind)
    if patch.minutes is not None:
        interaction.minutes = patch.minutes
    if patch.note is not None:
        interaction.note = _optional(patch.note)
    if patch.outcome is not None:
        interaction.outcome = _optional(patch.outcome, parse_outcome)
    if patch.event is not None:
        interaction.event = _optional(patch.event)
    _check(interaction)
    drop = {p.id for p in patch.remove_people}
    if drop - before:
        raise NetweaveError("cannot remove someone who was not part of the interaction")
    mine = me_id(session)
    if any(p.id == mine for p in patch.add_people):
        raise NetweaveError("you cannot be a participant of your own interaction")
    adding = {p.id for p in patch.add_people}
    kept = [p for p in interaction.participants if p.person_id not in drop - adding]
    kept += [InteractionParticipant(person_id=pid) for pid in sorted(adding - before)]
    if not kept:
        raise NetweaveError("an interaction needs at least one person")
    interaction.participants = kept
    session.flush()
    if patch.add_people:
        people = [session.get(Person, p.person_id) for p in kept]
        _record_acquaintances(session, [p for p in people if p], interaction.occurred_on)
    contact_summary.refresh(session, before | {p.person_id for p in kept})
    return interaction


def delete_interaction(session: Session, interaction_id: int) -> None:
    interaction = load_interaction(session, interaction_id)
    people = [p.person_id for p in interaction.participants]
    session.execute(
        update(Interaction)
        .where(Interaction.follow_up_of == interaction_id)
        .values(follow_up_of=None)
    )
    session.delete(interaction)
    session.flush()
    contact_summary.refresh(session, people)


def list_interactions(
    session: Session, person: Person | None = None, limit: int | None = None
) -> list[Interaction]:
    """Newest first; only `person`'s when given."""
    query = select(Interaction).options(selectinload(Interaction.participants))
    if person is not None:
        query = query.join(InteractionParticipant).where(
            InteractionParticipant.person_id == person.id
        )
    query = query.order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def interaction_view(session: Session, interaction: Interaction) -> dict[str, Any]:
    ids = sorted(p.person_id for p in interaction.participants)
    names = dict(
        session.execute(select(Person.id, Person.full_name).where(Person.id.in_(ids)))
        .tuples()
        .all()
    )
    return {
        "id": interaction.id,
        "on": interaction.occurred_on.isoformat(),
        "channel": interaction.channel,
        "direction": interaction.direction,
        "give": interaction.give_kind,
        "minutes": interaction.minutes,
        "outcome": interaction.outcome,
        "event": interaction.event,
        "follow_up_of": interaction.follow_up_of,
        "note": interaction.note,
        "people": [{"id": i, "name": names.get(i, "?")} for i in ids],
    }


@dataclass
class AskWarning:
    """An ask logged before three gives: what was short, and what could be given."""

    person_id: int
    message: str
    ideas: GiveIdeas


@dataclass
class Logged:
    interaction: Interaction
    warnings: list[AskWarning]


def record_interaction(session: Session, refs: Sequence[str], entry: InteractionInput) -> Logged:
    """Resolve people, check "jab, jab, jab, hook" for an ask, then log the interaction."""
    people = resolve_people(session, refs)
    warnings = []
    if parse_direction(entry.direction) == Direction.ASK:
        for person in people:
            status = jab_status(session, person.id, entry.occurred_on)
            if not status.ready:
                ideas = give_ideas(session, person)
                warnings.append(AskWarning(person.id, status.message(person.full_name), ideas))
    return Logged(log_interaction(session, people, entry), warnings)
