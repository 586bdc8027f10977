"""The contact book: add, edit, find, list, search and remove people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from netweave.db.models import (
    Acquaintance,
    Email,
    Facet,
    Link,
    LinkKind,
    Organisation,
    Person,
    PersonTag,
    Phone,
)
from netweave.db.search import search_person_ids
from netweave.errors import Ambiguous, NetweaveError, NotFound
from netweave.importers.records import Labelled, PersonRecord
from netweave.services.vocab import RECORD_FACETS, parse_networker_level, parse_openness, parse_tier

SCALAR_FIELDS = (
    "title",
    "location",
    "how_met",
    "where_met",
    "met_on",
    "notes",
    "cadence_days",
    "why_connect",
    "how_connect",
    "why_they_connect",
    "how_keep_up",
)


@dataclass
class PersonPatch:
    """Changes to a person; `None` leaves a field alone, lists add (or remove) items."""

    full_name: str | None = None
    organisation: str | None = None
    scalars: dict[str, object] = field(default_factory=dict)
    openness: str | None = None
    tier: str | None = None
    networker_level: str | None = None
    temperament: list[str] = field(default_factory=list)
    add_emails: list[str] = field(default_factory=list)
    add_phones: list[str] = field(default_factory=list)
    add_links: list[str] = field(default_factory=list)
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    add_facets: dict[str, list[str]] = field(default_factory=dict)  # record attr -> items
    remove_facet_ids: list[int] = field(default_factory=list)
    clear: list[str] = field(default_factory=list)  # scalar fields to empty (SCALAR_FIELDS)


def normalise_email(address: str) -> str:
    address = address.strip().lower()
    if address.startswith("mailto:"):
        address = address[len("mailto:") :]
    if "@" not in address or address.startswith("@") or address.endswith("@") or " " in address:
        raise NetweaveError(f"not an email address: {address!r}")
    return address


_LINK_KINDS = frozenset(k.value for k in LinkKind)


def link_kind(url: str, label: str | None = None) -> str:
    if label in _LINK_KINDS:
        return str(label)
    return LinkKind.LINKEDIN.value if "linkedin.com/" in url.lower() else LinkKind.WEBSITE.value


def people_query() -> object:
    return select(Person).options(
        selectinload(Person.emails),
        selectinload(Person.organisation),
    )


def load_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}")
    return person


def find_person(session: Session, ref: str) -> Person:
    """Resolve what a user typed: an id, an email, an exact name, or a unique search hit."""
    ref = ref.strip()
    if not ref:
        raise NetweaveError("empty person reference")
    if ref.isdecimal():
        return load_person(session, int(ref))
    if "@" in ref:
        found = session.scalar(select(Person).join(Email).where(Email.address == ref.lower()))
        if found is None:
            raise NotFound(f"nobody has the email {ref}")
        return found
    exact = session.scalars(
        select(Person).where(func.lower(Person.full_name) == ref.lower()).limit(6)
    ).all()
    if len(exact) == 1:
        return exact[0]
    candidates = list(exact) or [
        load_person(session, i) for i in search_person_ids(session, ref, 6)
    ]
    if not candidates:
        raise NotFound(f"nobody matches {ref!r}")
    if len(candidates) > 1:
        names = "; ".join(f"#{p.id} {p.full_name}" for p in candidates[:5])
        raise Ambiguous(f"{ref!r} matches several people ({names}); use an id or email")
    return candidates[0]


def get_or_create_organisation(session: Session, name: str | None) -> Organisation | None:
    name = (name or "").strip()
    if not name:
        return None
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        org = Organisation(name=name)
        session.add(org)
        session.flush()
    return org


def compose_search_text(person: Person) -> str:
    """Everything searchable about a person, as one string for the full-text index."""
    parts = [person.full_name, person.title or "", person.location or ""]
    if person.organisation is not None:
        parts.append(person.organisation.name)
    parts += [e.address for e in person.emails]
    parts += [t.tag for t in person.tags]
    parts += [f.text for f in person.facets]
    return " ".join(p for p in parts if p)


def _add_email(session: Session, person: Person, address: str, label: str | None) -> None:
    address = normalise_email(address)
    if any(e.address == address for e in person.emails):
        return
    owner = session.scalar(select(Email.person_id).where(Email.address == address))
    if owner is not None and owner != person.id:
        raise NetweaveError(f"{address} already belongs to person #{owner}")
    person.emails.append(Email(address=address, label=label, position=len(person.emails)))


def _add_phone(person: Person, number: str, label: str | None) -> None:
    number = number.strip()
    if number and all(p.number != number for p in person.phones):
        person.phones.append(Phone(number=number, label=label, position=len(person.phones)))


def _add_link(person: Person, url: str, label: str | None) -> None:
    url = url.strip()
    if url and all(link.url != url for link in person.links):
        kind = link_kind(url, label)
        person.links.append(Link(url=url, kind=kind, position=len(person.links)))


def _add_tag(person: Person, tag: str) -> None:
    tag = tag.strip().lower()
    if tag and all(t.tag != tag for t in person.tags):
        person.tags.append(PersonTag(tag=tag))


def _add_facet(person: Person, kind: str, text: str) -> None:
    text = " ".join(text.split())
    if text and all(not (f.kind == kind and f.text == text) for f in person.facets):
        person.facets.append(Facet(kind=kind, text=text, position=len(person.facets)))


def apply_record(session: Session, person: Person, record: PersonRecord) -> None:
    """Fill `person` from `record`: sets scalar fields, adds list items (never removes)."""
    person.full_name = " ".join(record.full_name.split()) or person.full_name
    person.given_name = record.given_name or person.given_name
    person.family_name = record.family_name or person.family_name
    if record.organisation:
        person.organisation = get_or_create_organisation(session, record.organisation)
    for name in SCALAR_FIELDS:
        value = getattr(record, name, None)
        if value not in (None, ""):
            setattr(person, name, value)
    if record.openness:
        person.openness = parse_openness(record.openness)
    if record.tier:
        person.tier = parse_tier(record.tier)
    if record.networker_level is not None:
        person.networker_level = parse_networker_level(record.networker_level)
    if record.extra:
        person.extra = {**(person.extra or {}), **record.extra}
    if record.temperament:
        person.temperament = sorted({*person.temperament, *record.temperament})
    for email in record.emails:
        _add_email(session, person, email.value, email.label)
    for phone in record.phones:
        _add_phone(person, phone.value, phone.label)
    for link in record.links:
        _add_link(person, link.value, link.label)
    for tag in record.tags:
        _add_tag(person, tag)
    for attr, kind in RECORD_FACETS.items():
        for item in getattr(record, attr):
            _add_facet(person, kind, item)


def add_person(session: Session, record: PersonRecord) -> Person:
    """Create a person; refuses an email that someone else already has."""
    if not record.full_name.strip():
        raise NetweaveError("a person needs a name")
    person = Person(full_name=record.full_name.strip(), temperament=[], extra={})
    session.add(person)
    session.flush()
    apply_record(session, person, record)
    person.search_text = compose_search_text(person)
    session.flush()
    return person


def edit_person(session: Session, person: Person, patch: PersonPatch) -> Person:
    """Apply a patch; facet ids to remove must belong to this person."""
    record = PersonRecord(
        full_name=patch.full_name or person.full_name,
        organisation=patch.organisation,
        openness=patch.openness,
        tier=patch.tier,
        temperament=patch.temperament,
        emails=[Labelled(e) for e in patch.add_emails],
        phones=[Labelled(p) for p in patch.add_phones],
        links=[Labelled(u) for u in patch.add_links],
        tags=patch.add_tags,
        **patch.add_facets,  # type: ignore[arg-type]
    )
    if patch.networker_level is not None:
        record.networker_level = parse_networker_level(patch.networker_level)
    for name, value in patch.scalars.items():
        if name not in SCALAR_FIELDS:
            raise NetweaveError(f"unknown field {name!r}")
        setattr(record, name, value)
    if patch.organisation == "":
        person.organisation = None
    apply_record(session, person, record)
    _remove_tags(person, patch.remove_tags)
    _remove_facets(person, patch.remove_facet_ids)
    for name in patch.clear:
        if name not in SCALAR_FIELDS:
            raise NetweaveError(f"unknown field {name!r}")
        setattr(person, name, None)
    person.search_text = compose_search_text(person)
    session.flush()
    return person


def _remove_tags(person: Person, tags: list[str]) -> None:
    drop = {t.strip().lower() for t in tags}
    person.tags = [t for t in person.tags if t.tag not in drop]


def _remove_facets(person: Person, ids: list[int]) -> None:
    unknown = set(ids) - {f.id for f in person.facets}
    if unknown:
        raise NotFound(f"{person.full_name} has no facet item {sorted(unknown)}")
    person.facets = [f for f in person.facets if f.id not in set(ids)]


def remove_person(session: Session, person: Person) -> None:
    """Delete a person and everything about them (facets, edges, interactions they alone had)."""
    session.delete(person)
    session.flush()


def add_acquaintance(
    session: Session, a: Person, b: Person, source: str | None = None, since: dt.date | None = None
) -> bool:
    """Record that two people know each other; returns False if it was already known."""
    if a.id == b.id:
        raise NetweaveError("a person cannot be their own acquaintance")
    low, high = sorted((a.id, b.id))
    existing = session.scalar(
        select(Acquaintance).where(Acquaintance.low_id == low, Acquaintance.high_id == high)
    )
    if existing is not None:
        return False
    session.add(Acquaintance(low_id=low, high_id=high, source=source, since=since))
    session.flush()
    return True


def acquaintances_of(session: Session, person: Person) -> list[Person]:
    low = select(Acquaintance.high_id).where(Acquaintance.low_id == person.id)
    high = select(Acquaintance.low_id).where(Acquaintance.high_id == person.id)
    ids = low.union(high).subquery()
    return list(
        session.scalars(select(Person).where(Person.id.in_(select(ids))).order_by(Person.full_name))
    )


@dataclass
class PeoplePage:
    people: list[Person]
    total: int


def list_people(
    session: Session,
    *,
    limit: int | None = None,
    offset: int = 0,
    tag: str | None = None,
    sort: str = "name",
) -> PeoplePage:
    """People ordered by name (or `recent`: newest first), optionally by tag."""
    query = select(Person)
    if tag:
        query = query.join(PersonTag).where(PersonTag.tag == tag.strip().lower())
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    order = Person.created_at.desc() if sort == "recent" else func.lower(Person.full_name)
    query = (
        query.order_by(order, Person.id)
        .offset(offset)
        .options(selectinload(Person.emails), selectinload(Person.organisation))
    )
    if limit is not None:
        query = query.limit(limit)
    return PeoplePage(list(session.scalars(query)), total)


def search_people(session: Session, query: str, limit: int = 50) -> list[Person]:
    """Full-text search over names, organisation, tags and facets, best match first."""
    ids = search_person_ids(session, query, limit)
    if not ids:
        return []
    found = session.scalars(
        select(Person)
        .where(Person.id.in_(ids))
        .options(selectinload(Person.emails), selectinload(Person.organisation))
    ).all()
    by_id = {p.id: p for p in found}
    return [by_id[i] for i in ids if i in by_id]


def count_people(session: Session) -> int:
    return session.scalar(select(func.count(Person.id))) or 0
