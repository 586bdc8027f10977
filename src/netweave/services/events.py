"""Events (issue #8): attendees, whom to meet there, and follow-ups after.

`plan` ranks attendees as a conference strategy puts it: priority on new people. The key is

    (new first, then synergy),   new = no interaction logged with them yet
    synergy(e) = 0.5 * me(e) + 0.5 * known(e)

me(e) is the routing relevance of e's offers, objectives and notes to my own needs, objectives
and interests (`routing`); known(e) is the engine's best pair score between e and someone I
have interacted with (`candidates.for_person`, top 100, guards applied). Introductions I could
make there are the engine's best unguarded pairs among the attendees.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from netweave.db.models import ContactSummary, Email, FacetKind, Person
from netweave.db.models_requests import Event, EventAttendee
from netweave.db.sqltime import day_number
from netweave.errors import NetweaveError, NotFound
from netweave.importers.records import Labelled, ParseResult, PersonRecord, Rejection
from netweave.services.keep_in_touch import DueItem
from netweave.services.me import get_me

FOLLOW_UP_AFTER_DAYS = 2
FOLLOW_UP_EXPIRES_DAYS = 30
_ATTENDEE = re.compile(r"^\s*(?P<name>[^<>]*?)\s*(?:<(?P<email>[^<>\s]+@[^<>\s]+)>)?\s*$")


def add_event(session: Session, name: str, on: dt.date, place: str | None = None) -> Event:
    name = name.strip()
    if not name:
        raise NetweaveError("an event needs a name")
    # SQLite's lower() folds ASCII only: the exact name is checked too (found by schemathesis)
    same = or_(Event.name == name, func.lower(Event.name) == name.lower())
    if session.scalar(select(Event.id).where(same)):
        raise NetweaveError(f"there is already an event called {name!r}")
    event = Event(name=name, on=on, place=(place or "").strip() or None)
    session.add(event)
    session.flush()
    return event


def find_event(session: Session, ref: str) -> Event:
    """An event by id or by name (case-insensitive)."""
    ref = ref.strip()
    found = (
        session.get(Event, int(ref))
        if ref.isdecimal()
        else session.scalar(select(Event).where(func.lower(Event.name) == ref.lower()))
    )
    if found is None:
        raise NotFound(f"no event {ref!r}")
    return found


def parse_attendees(lines: list[str], source: str = "attendee list") -> ParseResult:
    """Parse "Name <email>", "email" or "Name" lines into records; bad lines are rejected."""
    result = ParseResult(format="attendees")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        m = _ATTENDEE.match(line)
        if m is None:
            result.rejected.append(Rejection(source, number, f"not 'Name <email>': {line!r}"))
            continue
        name, email = m.group("name").strip().strip('"'), m.group("email")
        if not email and "@" in name and " " not in name:
            name, email = "", name
        if not name and not email:
            result.rejected.append(Rejection(source, number, f"not 'Name <email>': {line!r}"))
            continue
        full = name or (email or "").split("@")[0]
        emails = [Labelled(email.lower())] if email else []
        result.people.append(PersonRecord(full_name=full, emails=emails, line=number))
    return result


def _resolve(session: Session, record: PersonRecord) -> int | None:
    for email in record.emails:
        pid = session.scalar(select(Email.person_id).where(Email.address == email.value.lower()))
        if pid is not None:
            return int(pid)
    return session.scalar(
        select(Person.id)
        .where(func.lower(Person.full_name) == record.full_name.lower())
        .order_by(Person.id.desc())
        .limit(1)
    )


@dataclass
class AttendeeImport:
    summary: Any  # services.imports.ImportSummary
    attendees: int  # on the list after the import
    added_to_event: int


def import_attendees(
    session: Session, event: Event, result: ParseResult, file: str
) -> AttendeeImport:
    """Merge the attendees with my people (`import_parsed`) and put them on the event."""
    from netweave.services.imports import import_parsed

    summary = import_parsed(session, result, file=file)
    have = set(
        session.scalars(select(EventAttendee.person_id).where(EventAttendee.event_id == event.id))
    )
    added = 0
    for record in result.people:
        pid = _resolve(session, record)
        if pid is not None and pid not in have:
            session.add(EventAttendee(event_id=event.id, person_id=pid))
            have.add(pid)
            added += 1
    session.flush()
    return AttendeeImport(summary, len(have), added)


def attendee_ids(session: Session, event: Event) -> list[int]:
    return list(
        session.scalars(
            select(EventAttendee.person_id)
            .where(EventAttendee.event_id == event.id)
            .order_by(EventAttendee.person_id)
        )
    )


def event_view(session: Session, event: Event) -> dict[str, Any]:
    rows = session.execute(
        select(Person.id, Person.full_name, EventAttendee.met_on)
        .join(EventAttendee, EventAttendee.person_id == Person.id)
        .where(EventAttendee.event_id == event.id)
        .order_by(Person.full_name)
    ).all()
    return {
        "id": event.id,
        "name": event.name,
        "on": event.on.isoformat(),
        "place": event.place,
        "attendees": [
            {"id": pid, "name": name, "met_on": met.isoformat() if met else None}
            for pid, name, met in rows
        ],
    }


def list_events(session: Session) -> list[dict[str, Any]]:
    counts = dict(
        session.execute(
            select(EventAttendee.event_id, func.count()).group_by(EventAttendee.event_id)
        )
        .tuples()
        .all()
    )
    return [
        {
            "id": e.id,
            "name": e.name,
            "on": e.on.isoformat(),
            "place": e.place,
            "attendees": counts.get(e.id, 0),
        }
        for e in session.scalars(select(Event).order_by(Event.on.desc(), Event.id))
    ]


def _my_synergy(
    session: Session, ids: list[int], today: dt.date, data_dir: Path, url: str
) -> dict[int, float]:
    from netweave.services.routing import Router

    me = get_me(session)
    if me is None:
        return {}
    mine = [
        f.text
        for f in me.facets
        if f.kind in (FacetKind.NEED.value, FacetKind.OBJECTIVE.value, FacetKind.INTEREST.value)
    ]
    if not mine:
        return {}
    router = Router(session, today, data_dir, url)
    relevance, _ = router.relevance(". ".join(mine))
    position = {int(pid): k for k, pid in enumerate(router.people)}
    return {pid: float(relevance[position[pid]]) for pid in ids if pid in position}


def plan(
    session: Session,
    event: Event,
    *,
    today: dt.date,
    data_dir: Path,
    url: str,
    limit: int = 20,
) -> dict[str, Any]:
    """Whom to meet at `event` (new people first, then synergy) and introductions to make."""
    from netweave.engine.candidates import for_person
    from netweave.services.suggestions import build_engine, views

    ids = attendee_ids(session, event)
    engine = build_engine(session, today)
    present = [pid for pid in ids if pid in engine.loaded.position]
    known = set(session.scalars(select(ContactSummary.person_id)))
    me_syn = _my_synergy(session, present, today, data_dir, url)
    names = dict(
        session.execute(select(Person.id, Person.full_name).where(Person.id.in_(present)))
        .tuples()
        .all()
    )
    meet: list[dict[str, Any]] = []
    for pid in present:
        best, with_whom = 0.0, None
        for s in for_person(engine.scorer, engine.loaded.pos(pid), 100):
            other = engine.loaded.person_id(s.j if s.i == engine.loaded.pos(pid) else s.i)
            if other in known and other != pid:
                best, with_whom = s.score, other
                break
        mine = me_syn.get(pid, 0.0)
        reasons = ["new: no interaction logged yet" if pid not in known else "someone you know"]
        if mine > 0:
            reasons.append(f"matches your needs and objectives ({mine:.2f})")
        if with_whom is not None:
            other_name = session.scalar(select(Person.full_name).where(Person.id == with_whom))
            reasons.append(f"could meet {other_name}, whom you know (pair score {best:.2f})")
        meet.append(
            {
                "person": {"id": pid, "name": names[pid]},
                "new": pid not in known,
                "synergy": round(0.5 * mine + 0.5 * best, 4),
                "reasons": reasons,
            }
        )
    meet.sort(key=lambda m: (not m["new"], -float(m["synergy"]), int(m["person"]["id"])))
    pos = [engine.loaded.pos(pid) for pid in present]
    pairs: list[Any] = []
    if len(pos) >= 2:
        rows, cols = (np.array(x, np.int64) for x in zip(*combinations(pos, 2), strict=True))
        scored = engine.scorer.score_pairs(rows, cols)
        ok = np.flatnonzero((scored.guard == 0) & (scored.score > 0))
        order = ok[np.argsort(-scored.score[ok], kind="stable")][:limit]
        pairs = [scored.suggestion(int(k)) for k in order]
    intros = [v.as_json() for v in views(session, engine, pairs)]
    return {
        "event": event_view(session, event) | {"attendees": len(ids)},
        "meet": meet[:limit],
        "introductions": intros,
    }


def followup(
    session: Session,
    event: Event,
    met: list[str],
    *,
    today: dt.date,
    note: str | None = None,
) -> list[dict[str, Any]]:
    """Mark whom I met at `event`, log an event interaction with each (on the event's day),
    and queue a follow-up with each (`event_follow_ups_due`)."""
    from netweave.services.interactions import InteractionInput, log_interaction, resolve_people

    if not met:
        raise NetweaveError("name the people you met with --met")
    people = resolve_people(session, met)
    if event.on > today:
        raise NetweaveError(f"{event.name} is on {event.on}: follow up after it")
    out = []
    for person in people:
        row = session.get(EventAttendee, (event.id, person.id))
        if row is None:
            row = EventAttendee(event_id=event.id, person_id=person.id)
            session.add(row)
        row.met_on = event.on
        entry = InteractionInput(
            channel="event",
            direction="neutral",
            occurred_on=event.on,
            note=note or f"Met at {event.name}",
            event=event.name,
        )
        interaction = log_interaction(session, [person], entry)
        follow_on = event.on + dt.timedelta(days=FOLLOW_UP_AFTER_DAYS)
        out.append(
            {
                "person": {"id": person.id, "name": person.full_name},
                "interaction": interaction.id,
                "follow_up_on": follow_on.isoformat(),
            }
        )
    session.flush()
    return out


def event_follow_ups_due(session: Session, today: dt.date, limit: int) -> tuple[list[DueItem], int]:
    """People I met at an event 2–30 days ago with nothing logged with them since."""
    rows = session.execute(
        select(EventAttendee.person_id, Person.full_name, EventAttendee.met_on, Event.name)
        .join(Person, Person.id == EventAttendee.person_id)
        .join(Event, Event.id == EventAttendee.event_id)
        .join(ContactSummary, ContactSummary.person_id == EventAttendee.person_id)
        .where(
            EventAttendee.met_on.is_not(None),
            EventAttendee.met_on <= today - dt.timedelta(days=FOLLOW_UP_AFTER_DAYS),
            EventAttendee.met_on >= today - dt.timedelta(days=FOLLOW_UP_EXPIRES_DAYS),
            ContactSummary.last_day <= day_number(EventAttendee.met_on),
        )
        .order_by(EventAttendee.met_on, EventAttendee.person_id)
    ).all()
    items = []
    for pid, name, met_on, event_name in rows[:limit]:
        when = met_on + dt.timedelta(days=FOLLOW_UP_AFTER_DAYS)
        reason = f"met at {event_name} on {met_on}; follow up while it is fresh"
        priority = 1.0 + (today - when).days / FOLLOW_UP_EXPIRES_DAYS
        items.append(DueItem("event-follow-up", int(pid), name, when, reason, priority))
    return items, len(rows)
