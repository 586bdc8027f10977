"""People from the database as plain records, for the vCard and CSV exporters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netweave.db.models import Person
from netweave.importers.records import Labelled, PersonRecord
from netweave.services.people import acquaintances_of
from netweave.services.vocab import RECORD_FACETS

_KIND_TO_ATTR = {kind: attr for attr, kind in RECORD_FACETS.items()}


def person_record(session: Session, person: Person) -> PersonRecord:
    facets: dict[str, list[str]] = {attr: [] for attr in RECORD_FACETS}
    for facet in person.facets:
        facets[_KIND_TO_ATTR[facet.kind]].append(facet.text)
    knows = [
        p.emails[0].address if p.emails else p.full_name for p in acquaintances_of(session, person)
    ]
    extra: dict[str, Any] = dict(person.extra or {})
    return PersonRecord(
        full_name=person.full_name,
        given_name=person.given_name,
        family_name=person.family_name,
        emails=[Labelled(e.address, e.label) for e in person.emails],
        phones=[Labelled(p.number, p.label) for p in person.phones],
        links=[Labelled(link.url, link.kind) for link in person.links],
        organisation=person.organisation.name if person.organisation else None,
        title=person.title,
        location=person.location,
        how_met=person.how_met,
        where_met=person.where_met,
        met_on=person.met_on,
        tags=[t.tag for t in person.tags],
        notes=person.notes,
        knows=knows,
        extra={k: str(v) for k, v in extra.items()},
        **facets,  # type: ignore[arg-type]
    )


def all_records(session: Session) -> Iterator[PersonRecord]:
    query = (
        select(Person)
        .order_by(Person.id)
        .options(
            selectinload(Person.emails),
            selectinload(Person.phones),
            selectinload(Person.links),
            selectinload(Person.tags),
            selectinload(Person.facets),
            selectinload(Person.organisation),
        )
    )
    for person in session.scalars(query):
        yield person_record(session, person)
