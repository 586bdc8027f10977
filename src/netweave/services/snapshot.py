"""What the database already holds about people, read in bulk for merging imports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import Email, Facet, Link, Organisation, Person, PersonTag, Phone

_CHUNK = 5_000
SNAPSHOT_SCALARS = (
    "full_name",
    "given_name",
    "family_name",
    "title",
    "location",
    "how_met",
    "where_met",
    "met_on",
    "notes",
)


@dataclass
class Snapshot:
    pid: int
    scalars: dict[str, Any]
    organisation: str | None
    extra: dict[str, Any]
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    facets: set[tuple[str, str]] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def search_text(self) -> str:
        parts: list[str] = [
            str(self.scalars.get(k) or "") for k in ("full_name", "title", "location")
        ]
        parts += [self.organisation or "", *sorted(self.emails), *sorted(self.tags)]
        parts += [text for _kind, text in sorted(self.facets)]
        return " ".join(p for p in parts if p)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def load_snapshots(session: Session, ids: Iterable[int]) -> dict[int, Snapshot]:
    """Read people and their list items for `ids` with one query per table and chunk."""
    wanted = sorted(set(ids))
    snaps: dict[int, Snapshot] = {}
    columns = [getattr(Person, name) for name in SNAPSHOT_SCALARS]
    for chunk in _chunks(wanted):
        query = (
            select(Person.id, Organisation.name, Person.extra, *columns)
            .outerjoin(Person.organisation)
            .where(Person.id.in_(chunk))
        )
        for pid, org, extra, *values in session.execute(query):
            scalars = dict(zip(SNAPSHOT_SCALARS, values, strict=True))
            snaps[pid] = Snapshot(pid, scalars, org, dict(extra or {}))
        _load_children(session, chunk, snaps)
    return snaps


def _load_children(session: Session, chunk: list[int], snaps: dict[int, Snapshot]) -> None:
    for pid, address in session.execute(
        select(Email.person_id, Email.address).where(Email.person_id.in_(chunk))
    ):
        snaps[pid].emails.add(address)
        snaps[pid].counts["email"] += 1
    for pid, number in session.execute(
        select(Phone.person_id, Phone.number).where(Phone.person_id.in_(chunk))
    ):
        snaps[pid].phones.add(number)
        snaps[pid].counts["phone"] += 1
    for pid, url in session.execute(
        select(Link.person_id, Link.url).where(Link.person_id.in_(chunk))
    ):
        snaps[pid].links.add(url)
        snaps[pid].counts["link"] += 1
    for pid, tag in session.execute(
        select(PersonTag.person_id, PersonTag.tag).where(PersonTag.person_id.in_(chunk))
    ):
        snaps[pid].tags.add(tag)
    for pid, kind, text in session.execute(
        select(Facet.person_id, Facet.kind, Facet.text).where(Facet.person_id.in_(chunk))
    ):
        snaps[pid].facets.add((kind, text))
        snaps[pid].counts["facet"] += 1


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def same_value(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
    if isinstance(a, dt.date) and isinstance(b, str):
        return a.isoformat() == b
    return a == b
