"""Fast inserts of many new people at once (demo networks, large first imports).

The ORM path (`people.add_person`) is right for one person; for tens of thousands this
module writes the same rows with Core `executemany` inserts and ids assigned up front,
inside the caller's transaction (which holds the write lock, so the ids cannot collide).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from netweave.db.models import (
    Acquaintance,
    Email,
    Facet,
    Interaction,
    InteractionParticipant,
    Link,
    Organisation,
    Person,
    PersonTag,
    Phone,
    utcnow,
)
from netweave.importers.records import InteractionRecord, PersonRecord
from netweave.services import contact_summary
from netweave.services.people import link_kind, normalise_email
from netweave.services.vocab import RECORD_FACETS

_CHUNK = 10_000


def _next_id(session: Session, column: Any) -> int:
    return int(session.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Core executemany on the session's connection (the ORM bulk path is several times
    slower for tens of thousands of rows and adds nothing here: ids are assigned above)."""
    connection = session.connection()
    for start in range(0, len(rows), _CHUNK):
        connection.execute(insert(model.__table__), rows[start : start + _CHUNK])


def _organisation_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    wanted = {n.strip() for n in names if n and n.strip()}
    known = dict(session.execute(select(Organisation.name, Organisation.id)).tuples().all())
    next_id = _next_id(session, Organisation.id)
    new_rows = []
    for name in sorted(wanted - known.keys()):
        known[name] = next_id
        new_rows.append({"id": next_id, "name": name})
        next_id += 1
    _insert(session, Organisation, new_rows)
    return known


def search_text_of(record: PersonRecord) -> str:
    parts = [record.full_name, record.title or "", record.location or "", record.organisation or ""]
    parts += [e.value.lower() for e in record.emails] + [t.lower() for t in record.tags]
    for attr in RECORD_FACETS:
        parts += getattr(record, attr)
    return " ".join(p for p in parts if p)


def _person_row(
    pid: int, record: PersonRecord, org_id: int | None, now: dt.datetime
) -> dict[str, Any]:
    return {
        "id": pid,
        "full_name": record.full_name,
        "given_name": record.given_name,
        "family_name": record.family_name,
        "organisation_id": org_id,
        "title": record.title,
        "location": record.location,
        "how_met": record.how_met,
        "where_met": record.where_met,
        "met_on": record.met_on,
        "temperament": list(record.temperament),
        "networker_level": record.networker_level or 0,
        "openness": record.openness or "open",
        "tier": record.tier or "network",
        "cadence_days": record.cadence_days,
        "notes": record.notes,
        "extra": dict(record.extra),
        "search_text": search_text_of(record),
        "created_at": now,
        "updated_at": now,
    }


def _child_rows(pid: int, record: PersonRecord, out: dict[Any, list[dict[str, Any]]]) -> None:
    seen: set[str] = set()
    for email in record.emails:
        address = normalise_email(email.value)
        if address not in seen:
            out[Email].append(
                {"person_id": pid, "address": address, "label": email.label, "position": len(seen)}
            )
            seen.add(address)
    for pos, phone in enumerate(record.phones):
        out[Phone].append(
            {"person_id": pid, "number": phone.value, "label": phone.label, "position": pos}
        )
    for pos, link in enumerate(record.links):
        out[Link].append(
            {
                "person_id": pid,
                "url": link.value,
                "kind": link_kind(link.value, link.label),
                "position": pos,
            }
        )
    for tag in sorted({t.strip().lower() for t in record.tags if t.strip()}):
        out[PersonTag].append({"person_id": pid, "tag": tag})
    pos = 0
    for attr, kind in RECORD_FACETS.items():
        for text in getattr(record, attr):
            out[Facet].append({"person_id": pid, "kind": kind, "text": text, "position": pos})
            pos += 1


def insert_people(session: Session, records: Sequence[PersonRecord]) -> list[int]:
    """Insert new people with all their items; returns their ids in order."""
    orgs = _organisation_ids(session, (r.organisation or "" for r in records))
    first = _next_id(session, Person.id)
    now = utcnow()
    people: list[dict[str, Any]] = []
    children: dict[Any, list[dict[str, Any]]] = {
        m: [] for m in (Email, Phone, Link, PersonTag, Facet)
    }
    for offset, record in enumerate(records):
        pid = first + offset
        org_id = orgs.get((record.organisation or "").strip())
        people.append(_person_row(pid, record, org_id, now))
        _child_rows(pid, record, children)
    _insert(session, Person, people)
    for model, rows in children.items():
        _insert(session, model, rows)
    return [first + i for i in range(len(records))]


def insert_acquaintances(
    session: Session, pairs: Iterable[tuple[int, int]], source: str, since: dt.date | None = None
) -> int:
    """Insert edges between person ids (deduplicated, ordered low < high)."""
    edges = {(min(a, b), max(a, b)) for a, b in pairs if a != b}
    rows = [
        {"low_id": lo, "high_id": hi, "source": source, "since": since, "created_at": utcnow()}
        for lo, hi in sorted(edges)
    ]
    _insert(session, Acquaintance, rows)
    return len(rows)


def insert_interactions(
    session: Session, records: Sequence[InteractionRecord], person_ids: dict[str, int]
) -> int:
    """Insert interactions whose `people` are keys of `person_ids` (emails); unknown keys skip."""
    first = _next_id(session, Interaction.id)
    rows, participants = [], []
    for offset, record in enumerate(records):
        iid = first + offset
        rows.append(
            {
                "id": iid,
                "occurred_on": record.occurred_on,
                "channel": record.channel,
                "direction": record.direction,
                "give_kind": record.give_kind,
                "minutes": record.minutes,
                "note": record.note,
                "source": record.source,
                "created_at": utcnow(),
            }
        )
        keys = (p.strip().lower() for p in record.people)
        ids = {person_ids[k] for k in keys if k in person_ids}
        participants += [{"interaction_id": iid, "person_id": pid} for pid in sorted(ids)]
    _insert(session, Interaction, rows)
    _insert(session, InteractionParticipant, participants)
    touched = {p["person_id"] for p in participants}
    contact_summary.refresh(session, None if len(touched) > _CHUNK else touched)
    return len(rows)
