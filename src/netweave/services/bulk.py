"""Fast inserts of many new people at once (demo networks, large first imports).

The ORM path (`people.add_person`) is right for one person; for tens of thousands this
module writes the same rows with multi-row Core inserts and ids assigned up front, inside
the caller's transaction (which holds the write lock, so the ids cannot collide).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Any, cast

from sqlalchemy import Dialect, Table, func, select
from sqlalchemy.orm import Session

from netweave.db.models import (
    Acquaintance,
    Base,
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
from netweave.db.token_triggers import token_triggers_paused
from netweave.importers.records import InteractionRecord, PersonRecord
from netweave.services import contact_summary
from netweave.services.bulk_writer import StatementWriter
from netweave.services.people import link_kind, normalise_email
from netweave.services.vocab import RECORD_FACETS

_CHUNK = 10_000
# Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
_MAX_PARAMS = 30_000
_INTERACTION_COLUMNS = (
    "id", "occurred_on", "channel", "direction", "give_kind", "minutes", "note", "source",
    "created_at",
)  # fmt: skip


def _next_id(session: Session, column: Any) -> int:
    return int(session.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1


def insert_rows(
    session: Session,
    model: type[Base],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    writer: StatementWriter | None = None,
) -> None:
    """Insert rows (tuples in `columns` order) with multi-row VALUES statements.

    Tuples go straight to the driver, a few thousand rows per statement. SQLAlchemy's
    executemany of dicts spent longer building parameters than SQLite spent writing (~4x
    at 450,000 facets), and one statement per row made the full-text trigger on `person`
    flush FTS5 after every row. Values still pass through the columns' bind processors
    (JSON, and dates on SQLite), as SQLAlchemy applies them. With a `writer`, the
    statements run on its thread while the caller goes on.
    """
    if not rows:
        return
    table = cast(Table, model.__table__)
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    one = "(" + ", ".join([mark] * len(columns)) + ")"
    head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) VALUES "
    convert = _converter(table, columns, dialect)
    per = _MAX_PARAMS // len(columns)
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        if convert is not None:
            chunk = [convert(row) for row in chunk]
        values = tuple(chain.from_iterable(chunk))
        sql = head + ", ".join([one] * len(chunk))
        if writer is None:
            connection.exec_driver_sql(sql, values)
        else:
            writer.put(sql, values)


def _converter(
    table: Table, columns: Sequence[str], dialect: Dialect
) -> Callable[[Sequence[Any]], list[Any]] | None:
    """What converts a row's values as SQLAlchemy would; None when no column needs it.

    Only the columns with a bind processor are touched, and a date or time is converted
    once per distinct value (every row of an import shares its `created_at`; SQLite's
    processors format them in Python).
    """
    processors = [
        (i, p)
        for i, name in enumerate(columns)
        if (p := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    if not processors:
        return None
    seen: dict[tuple[int, Any], Any] = {}

    def convert(row: Sequence[Any]) -> list[Any]:
        out = list(row)
        for i, process in processors:
            value = out[i]
            if type(value) in _DATES:
                key = (i, value)
                if key not in seen:
                    seen[key] = process(value)
                out[i] = seen[key]
            else:
                out[i] = process(value)
        return out

    return convert


_DATES = (dt.date, dt.datetime)


def _organisation_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    wanted = {n.strip() for n in names if n and n.strip()}
    known = dict(session.execute(select(Organisation.name, Organisation.id)).tuples().all())
    next_id = _next_id(session, Organisation.id)
    new_rows = []
    for name in sorted(wanted - known.keys()):
        known[name] = next_id
        new_rows.append((next_id, name))
        next_id += 1
    insert_rows(session, Organisation, ("id", "name"), new_rows)
    return known


def search_text_of(record: PersonRecord) -> str:
    parts = [record.full_name, record.title or "", record.location or "", record.organisation or ""]
    parts += [e.value.lower() for e in record.emails] + [t.lower() for t in record.tags]
    for attr in RECORD_FACETS:
        parts += getattr(record, attr)
    return " ".join(p for p in parts if p)


_PERSON_COLUMNS = (
    "id", "full_name", "given_name", "family_name", "organisation_id", "title", "location",
    "how_met", "where_met", "met_on", "temperament", "networker_level", "openness", "tier",
    "cadence_days", "notes", "extra", "search_text", "created_at", "updated_at",
)  # fmt: skip


def _person_row(
    pid: int, record: PersonRecord, org_id: int | None, now: dt.datetime
) -> tuple[Any, ...]:
    """The values of `_PERSON_COLUMNS` for a new person."""
    return (
        pid,
        record.full_name,
        record.given_name,
        record.family_name,
        org_id,
        record.title,
        record.location,
        record.how_met,
        record.where_met,
        record.met_on,
        list(record.temperament),
        record.networker_level or 0,
        record.openness or "open",
        record.tier or "network",
        record.cadence_days,
        record.notes,
        dict(record.extra),
        search_text_of(record),
        now,
        now,
    )


# The child tables insert_people fills, with the columns of the tuples _child_rows makes.
_CHILDREN: dict[type[Base], tuple[str, ...]] = {
    Email: ("person_id", "address", "label", "position"),
    Phone: ("person_id", "number", "label", "position"),
    Link: ("person_id", "url", "kind", "position"),
    PersonTag: ("person_id", "tag"),
    Facet: ("person_id", "kind", "text", "position"),
}
_FACET_KINDS = tuple((attr, str(kind)) for attr, kind in RECORD_FACETS.items())


def _child_rows(
    pid: int, record: PersonRecord, out: dict[type[Base], list[tuple[Any, ...]]]
) -> None:
    emails: dict[str, str | None] = {}  # each address once, with its first label
    for email in record.emails:
        emails.setdefault(normalise_email(email.value), email.label)
    out[Email] += [(pid, a, label, pos) for pos, (a, label) in enumerate(emails.items())]
    out[Phone] += [(pid, p.value, p.label, pos) for pos, p in enumerate(record.phones)]
    out[Link] += [
        (pid, link.value, link_kind(link.value, link.label), pos)
        for pos, link in enumerate(record.links)
    ]
    tags = sorted({t.strip().lower() for t in record.tags if t.strip()})
    out[PersonTag] += [(pid, tag) for tag in tags]
    texts = [(kind, text) for attr, kind in _FACET_KINDS for text in getattr(record, attr)]
    out[Facet] += [(pid, kind, text, pos) for pos, (kind, text) in enumerate(texts)]


def insert_people(session: Session, records: Sequence[PersonRecord]) -> list[int]:
    """Insert new people with all their items; returns their ids in order."""
    orgs = _organisation_ids(session, (r.organisation or "" for r in records))
    first = _next_id(session, Person.id)
    now = utcnow()
    connection = session.connection()
    with (
        token_triggers_paused(connection, ("person", "facet"), len(records)),
        StatementWriter(connection) as writer,
    ):
        people = [
            _person_row(first + offset, record, orgs.get((record.organisation or "").strip()), now)
            for offset, record in enumerate(records)
        ]
        insert_rows(session, Person, _PERSON_COLUMNS, people, writer)
        children: dict[type[Base], list[tuple[Any, ...]]] = {model: [] for model in _CHILDREN}
        for offset, record in enumerate(records):  # built while the people are written
            _child_rows(first + offset, record, children)
        for model, rows in children.items():
            insert_rows(session, model, _CHILDREN[model], rows, writer)
    return [first + i for i in range(len(records))]


def insert_acquaintances(
    session: Session, pairs: Iterable[tuple[int, int]], source: str, since: dt.date | None = None
) -> int:
    """Insert edges between person ids (deduplicated, ordered low < high)."""
    edges = {(min(a, b), max(a, b)) for a, b in pairs if a != b}
    now = utcnow()
    rows = [(lo, hi, source, since, now) for lo, hi in sorted(edges)]
    columns = ("low_id", "high_id", "source", "since", "created_at")
    with token_triggers_paused(session.connection(), ("acquaintance",), len(rows)):
        insert_rows(session, Acquaintance, columns, rows)
    return len(rows)


def insert_interactions(
    session: Session, records: Sequence[InteractionRecord], person_ids: dict[str, int]
) -> int:
    """Insert interactions whose `people` are keys of `person_ids` (emails); unknown keys skip."""
    first = _next_id(session, Interaction.id)
    now = utcnow()
    rows: list[tuple[Any, ...]] = []
    participants: list[tuple[int, int]] = []
    for iid, r in enumerate(records, start=first):
        rows.append((iid, r.occurred_on, r.channel, r.direction, r.give_kind, r.minutes, r.note))
        rows[-1] += (r.source, now)
        keys = (p.strip().lower() for p in r.people)
        ids = {person_ids[k] for k in keys if k in person_ids}
        participants += [(iid, pid) for pid in sorted(ids)]
    tables = ("interaction", "interaction_participant")
    with token_triggers_paused(session.connection(), tables, len(rows)):
        insert_rows(session, Interaction, _INTERACTION_COLUMNS, rows)
        insert_rows(session, InteractionParticipant, ("interaction_id", "person_id"), participants)
    touched = {pid for _, pid in participants}
    contact_summary.refresh(session, None if len(touched) > _CHUNK else touched)
    return len(rows)
