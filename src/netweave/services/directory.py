"""The people directory: one page of people, filtered, sorted and with their strength.

Filters combine (AND): full-text `q` (best matches first unless another sort is asked), a
tag, a facet kind the person has items of (needs, offers…), and a health state:
`going-cold` (the rule of `health.going_cold`), `never-scored` (no interaction logged) or
`scored`. Sorts: `name`, `recent` (newest added first), `strength` (strongest first,
never scored last). Everything is one SQL query plus a count, so pages stay fast at 30,000.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from netweave.db.models import ContactSummary, Facet, Person, PersonTag
from netweave.db.search import search_person_ids
from netweave.services.health import going_cold_condition
from netweave.services.strength import rounded, strength_expr
from netweave.services.vocab import RECORD_FACETS, choice

SORTS = ["name", "recent", "strength"]
HEALTH_STATES = ["going-cold", "never-scored", "scored"]
SEARCH_POOL = 2_000  # full-text hits considered before filters and paging


@dataclass
class DirectoryRow:
    id: int
    name: str
    organisation: str | None
    title: str | None
    email: str | None
    strength: int | None
    last_contact: dt.date | None


@dataclass
class DirectoryQuery:
    q: str = ""
    tag: str | None = None
    facet: str | None = None  # a RECORD_FACETS attribute: needs, offers, …
    health: str | None = None
    sort: str = "name"
    limit: int = 50
    offset: int = 0


@dataclass
class DirectoryPage:
    rows: list[DirectoryRow]
    total: int
    query: DirectoryQuery
    tags: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "people": [
                {
                    **r.__dict__,
                    "last_contact": r.last_contact.isoformat() if r.last_contact else None,
                }
                for r in self.rows
            ],
        }


def parse_query(query: DirectoryQuery) -> DirectoryQuery:
    """Normalise the choices (raises NetweaveError on an unknown one)."""
    query.sort = choice(query.sort or "name", SORTS, "sort")
    if query.health:
        query.health = choice(query.health, HEALTH_STATES, "health filter")
    if query.facet:
        query.facet = choice(query.facet, list(RECORD_FACETS), "facet kind")
    query.tag = (query.tag or "").strip().lower() or None
    return query


def browse(session: Session, today: dt.date, query: DirectoryQuery) -> DirectoryPage:
    """One page of the directory for `query` (see the module docstring)."""
    query = parse_query(query)
    strength = strength_expr(today)
    # Join the contact summary only when a filter or the sort needs it: ordering 30,000
    # names is several times faster without computing everyone's strength.
    needs_summary = query.health is not None or query.sort == "strength"
    base = select(Person.id)
    if needs_summary:
        base = base.outerjoin(ContactSummary, ContactSummary.person_id == Person.id)
    ranked: list[int] | None = None
    if query.q.strip():
        ranked = search_person_ids(session, query.q, SEARCH_POOL)
        base = base.where(Person.id.in_(ranked))
    if query.tag:
        base = base.where(
            exists().where(PersonTag.person_id == Person.id, PersonTag.tag == query.tag)
        )
    if query.facet:
        kind = RECORD_FACETS[query.facet]
        base = base.where(exists().where(Facet.person_id == Person.id, Facet.kind == kind))
    if query.health == "going-cold":
        base = base.where(going_cold_condition(today))
    elif query.health == "never-scored":
        base = base.where(ContactSummary.person_id.is_(None))
    elif query.health == "scored":
        base = base.where(ContactSummary.person_id.is_not(None))
    if ranked is not None and query.sort == "name":
        # The search's own ranking reads better than names while typing; at most
        # SEARCH_POOL ids, so order and count them here.
        kept = set(session.scalars(base))
        ordered = [pid for pid in ranked if pid in kept]
        ids = ordered[query.offset : query.offset + query.limit]
        return DirectoryPage(_rows(session, today, ids), len(ordered), query)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    order: list[Any]
    if query.sort == "strength":
        order = [ContactSummary.person_id.is_(None), strength.desc()]
    elif query.sort == "recent":
        order = [Person.created_at.desc()]
    else:
        order = [func.lower(Person.full_name)]
    ids = list(
        session.scalars(base.order_by(*order, Person.id).limit(query.limit).offset(query.offset))
    )
    return DirectoryPage(_rows(session, today, ids), int(total), query)


def _rows(session: Session, today: dt.date, ids: list[int]) -> list[DirectoryRow]:
    """The page's people with their strength and last contact, in the order of `ids`."""
    people = {
        p.id: p
        for p in session.scalars(
            select(Person)
            .where(Person.id.in_(ids))
            .options(selectinload(Person.emails), selectinload(Person.organisation))
        )
    }
    summary = {
        pid: (score, last_day)
        for pid, score, last_day in session.execute(
            select(ContactSummary.person_id, strength_expr(today), ContactSummary.last_day).where(
                ContactSummary.person_id.in_(ids)
            )
        )
    }
    out = []
    for pid in ids:
        person = people[pid]
        score, last_day = summary.get(pid, (None, None))
        out.append(
            DirectoryRow(
                pid,
                person.full_name,
                person.organisation.name if person.organisation else None,
                person.title,
                person.emails[0].address if person.emails else None,
                rounded(score),
                dt.date.fromordinal(int(last_day)) if last_day else None,
            )
        )
    return out


def popular_tags(session: Session, limit: int = 30) -> list[str]:
    """The most used tags, for the filter menu."""
    rows = session.execute(
        select(PersonTag.tag, func.count())
        .group_by(PersonTag.tag)
        .order_by(func.count().desc(), PersonTag.tag)
        .limit(limit)
    ).all()
    return sorted(tag for tag, _n in rows)
