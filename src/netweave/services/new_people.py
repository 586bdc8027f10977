"""Write many new people at once (demo networks, large imports), part by part.

The ORM path (`people.add_person`) is right for one person; for tens of thousands this
module writes the same rows with multi-row Core inserts and ids reserved up front, inside
the caller's transaction (which holds the write lock, so the ids cannot collide). An import
reserves each new person's id as it reads the record, then hands over a part of the file
at a time: the part's rows are written on a second thread (`StatementWriter`) while the
next part is parsed, so reading the file and writing the database overlap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import (
    Base,
    Email,
    Facet,
    Link,
    Organisation,
    Person,
    PersonTag,
    Phone,
    utcnow,
)
from netweave.db.page_cache import larger_page_cache
from netweave.db.token_triggers import token_triggers_paused
from netweave.importers.records import PersonRecord
from netweave.services.bulk import insert_rows, next_id
from netweave.services.bulk_writer import StatementWriter
from netweave.services.people import link_kind, normalise_email
from netweave.services.vocab import RECORD_FACETS

_PERSON_COLUMNS = (
    "id", "full_name", "given_name", "family_name", "organisation_id", "title", "location",
    "how_met", "where_met", "met_on", "temperament", "networker_level", "openness", "tier",
    "cadence_days", "notes", "extra", "search_text", "created_at", "updated_at",
)  # fmt: skip

# The child tables filled for each new person, with the columns of the tuples _child_rows makes.
_CHILDREN: dict[type[Base], tuple[str, ...]] = {
    Email: ("person_id", "address", "label", "position"),
    Phone: ("person_id", "number", "label", "position"),
    Link: ("person_id", "url", "kind", "position"),
    PersonTag: ("person_id", "tag"),
    Facet: ("person_id", "kind", "text", "position"),
}
_FACET_KINDS = tuple((attr, str(kind)) for attr, kind in RECORD_FACETS.items())


def search_text_of(record: PersonRecord) -> str:
    parts = [record.full_name, record.title, record.location, record.organisation]
    parts += [e.value.lower() for e in record.emails] + [t.lower() for t in record.tags]
    for attr in RECORD_FACETS:
        parts += getattr(record, attr)
    return " ".join(filter(None, parts))


class NewPeople(ExitStack):
    """`with NewPeople(session, expected) as adding:` reserve ids, then `add` them in parts.

    `expected` is how many records the caller may add in all: from 1,000 on, the per-row
    token triggers are paused for the block (see `db.token_triggers`). The writer
    thread and the pause begin with the first part that holds anyone, so a block that adds
    nobody (a re-import) leaves the triggers and tokens alone; both end with the block (an
    ExitStack). From that first part on, the caller must not use the session's connection.
    """

    def __init__(self, session: Session, expected: int) -> None:
        super().__init__()
        self._session = session
        self._expected = expected
        self._orgs: dict[str, int] = {}  # read with the first part that adds anyone
        self._next_org = 0
        self.first_id = self._next_id = next_id(session, Person.id)
        self._now = utcnow()
        self._writer: StatementWriter | None = None

    def reserve(self) -> int:
        """The id the next new person will have."""
        self._next_id += 1
        return self._next_id - 1

    def is_new(self, pid: int) -> bool:
        return pid >= self.first_id

    def add(self, people: Sequence[tuple[int, PersonRecord]]) -> None:
        """Queue the rows of (reserved id, record) pairs; they are written in order."""
        if not people:
            return
        writer = self._writer or self._start()
        org_ids = self._organisation_ids(writer, (r.organisation for _, r in people))
        rows = [
            _person_row(pid, r, org_ids.get((r.organisation or "").strip()), self._now)
            for pid, r in people
        ]
        insert_rows(self._session, Person, _PERSON_COLUMNS, rows, writer)
        children: dict[type[Base], list[tuple[Any, ...]]] = {model: [] for model in _CHILDREN}
        for pid, record in people:  # built while the people are written
            _child_rows(pid, record, children)
        for model, child_rows in children.items():
            insert_rows(self._session, model, _CHILDREN[model], child_rows, writer)

    def _start(self) -> StatementWriter:
        orgs = self._session.execute(select(Organisation.name, Organisation.id)).tuples()
        self._orgs = dict(orgs.all())
        self._next_org = next_id(self._session, Organisation.id)
        connection = self._session.connection()
        tables = ("person", "facet")
        self.enter_context(token_triggers_paused(connection, tables, self._expected))
        self._writer = self.enter_context(StatementWriter(connection))
        return self._writer

    def _organisation_ids(
        self, writer: StatementWriter, names: Iterable[str | None]
    ) -> dict[str, int]:
        """Ids of the organisations named, queueing a row for each one not seen before."""
        new_rows = []
        for name in sorted({n.strip() for n in names if n and n.strip()} - self._orgs.keys()):
            self._orgs[name] = self._next_org
            new_rows.append((self._next_org, name))
            self._next_org += 1
        insert_rows(self._session, Organisation, ("id", "name"), new_rows, writer)
        return self._orgs


def insert_people(session: Session, records: Sequence[PersonRecord]) -> list[int]:
    """Insert new people with all their items; returns their ids in order."""
    with larger_page_cache(session.connection()), NewPeople(session, len(records)) as adding:
        ids = [adding.reserve() for _ in records]
        adding.add(list(zip(ids, records, strict=True)))
    return ids


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
    facets, position = out[Facet], 0  # 15 a person, the most rows of an import: a plain loop
    for attr, kind in _FACET_KINDS:
        for text in getattr(record, attr):
            facets.append((pid, kind, text, position))
            position += 1
