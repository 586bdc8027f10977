"""Get-to-know meetings for new connections: a first coffee or call, theirs not mine (#10).

"Get to know them first: set up a coffee, breakfast, or simply a quick call to learn more
about what THEY do. Ask how you can help THEM … resist the temptation to talk about business."

A new connection is someone (not me) with no interaction logged yet who was met within
`NEW_DAYS` (their `met_on`), or, with no meeting date, was added within `NEW_DAYS` with at
least one of the four questions answered (what `netweave people add --new` records). Each
gets: coffee when they are local (same location as me, or met in person somewhere and no
location says otherwise), else a quick call; questions about their work, from their
objectives; how I could help, from their needs and objectives; and up to `HELPERS` people
the engine finds would benefit them most (the one-sided benefit to them, not the pair score).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from netweave.db.models import ContactSummary, FacetKind, Person
from netweave.services.me import get_me

NEW_DAYS = 30
HELPERS = 2
ENGINE_K = 30  # candidates read per new connection when looking for helpers


@dataclass
class Helper:
    person_id: int
    name: str
    reason: str


@dataclass
class GetToKnow:
    person_id: int
    name: str
    since: dt.date
    meeting: str  # "coffee" or "call"
    meeting_why: str
    questions: list[str]
    help: list[str]
    helpers: list[Helper] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": {"id": self.person_id, "name": self.name},
            "since": self.since.isoformat(),
            "meeting": self.meeting,
            "meeting_why": self.meeting_why,
            "questions": self.questions,
            "help": self.help,
            "helpers": [h.__dict__ for h in self.helpers],
        }


def new_connections(session: Session, today: dt.date, limit: int = 5) -> list[Person]:
    """People met (or added with the four questions) in the last NEW_DAYS, never contacted."""
    start = today - dt.timedelta(days=NEW_DAYS)
    me = get_me(session)
    answered = or_(
        Person.why_connect.is_not(None),
        Person.how_connect.is_not(None),
        Person.why_they_connect.is_not(None),
        Person.how_keep_up.is_not(None),
    )
    added = and_(
        Person.met_on.is_(None),
        Person.created_at >= dt.datetime.combine(start, dt.time()),
        answered,
    )
    query = (
        select(Person)
        .outerjoin(ContactSummary, ContactSummary.person_id == Person.id)
        .where(
            or_(ContactSummary.person_id.is_(None), ContactSummary.interactions == 0),
            or_(Person.met_on.between(start, today), added),
        )
        .options(selectinload(Person.facets))
        .order_by(func.coalesce(Person.met_on, start).desc(), Person.id.desc())
        .limit(limit)
    )
    if me is not None:
        query = query.where(Person.id != me.id)
    return list(session.scalars(query))


def _facets(person: Person, kind: str) -> list[str]:
    return [f.text for f in person.facets if f.kind == kind]


def _meeting(person: Person, me: Person | None) -> tuple[str, str]:
    mine = (me.location or "").strip().casefold() if me else ""
    theirs = (person.location or "").strip().casefold()
    if theirs and mine and theirs == mine:
        return "coffee", f"you are both in {person.location}"
    if person.where_met and not (theirs and mine):
        return "coffee", f"you met at {person.where_met}"
    if theirs and mine:
        return "call", f"they are in {person.location}"
    return "call", "a quick call is the easiest first step"


def _questions(person: Person) -> list[str]:
    out = ["What are you working on right now, and what would make this year a success?"]
    out += [
        f"How is this going: {o}? What would help most?" for o in _facets(person, "objective")[:2]
    ]
    if not _facets(person, FacetKind.PROSPECT_POOL):
        out.append("Who are your best clients, and what happens in their lives when they need you?")
    if not _facets(person, FacetKind.REFERRAL_SOURCE):
        out.append("Who sends you your best referrals?")
    out.append("How could I help you? Who would be a good introduction for you?")
    return out


def _help(person: Person) -> list[str]:
    out = [f"they need {n}" for n in _facets(person, FacetKind.NEED)[:3]]
    out += [f"they are working toward {o}" for o in _facets(person, FacetKind.OBJECTIVE)[:2]]
    return out


def _helpers(
    session: Session, people: list[Person], today: dt.date, cache_dir: Path | None
) -> dict[int, list[Helper]]:
    """Per new connection, the people whose offers would benefit them most: from the engine
    when it is warm (a plan never waits for a cold build), else none yet."""
    from netweave.engine.reasons import reasons
    from netweave.services.engine_build import cached_engine

    wanting = [p for p in people if _facets(p, FacetKind.NEED) or _facets(p, FacetKind.OBJECTIVE)]
    if not wanting:
        return {}
    engine = cached_engine(session, today, cache_dir=cache_dir)
    if engine is None:
        return {}
    net = engine.loaded.network
    benefit = engine.scorer.need_match  # row A <- column B: B's offers for A's wants
    out: dict[int, list[Helper]] = {}
    for person in wanting:
        if person.id not in engine.loaded.position:
            continue
        i = engine.loaded.pos(person.id)
        row = benefit[i]
        cols, gain = row.indices.astype(np.int64), row.data
        ok = engine.scorer.guard(np.full(len(cols), i, dtype=np.int64), cols) == 0
        order = [k for k in np.lexsort((cols, -gain)) if ok[k] and gain[k] > 0]
        helpers = []
        for k in order[:HELPERS]:
            j = int(cols[k])
            said = reasons(engine.explain(i, j), net, engine.scorer.weights)
            line = said.for_i[0] if said.for_i else "their offers fit your needs"
            helpers.append(Helper(engine.loaded.person_id(j), net.names[j], line))
        out[person.id] = helpers
    return out


def get_to_know(
    session: Session, today: dt.date, limit: int = 5, cache_dir: Path | None = None
) -> list[GetToKnow]:
    """A first coffee or call for each new connection: what to ask, how I could help."""
    people = new_connections(session, today, limit)
    if not people:
        return []
    me = get_me(session)
    helpers = _helpers(session, people, today, cache_dir)
    out = []
    for person in people:
        meeting, why = _meeting(person, me)
        since = person.met_on or person.created_at.date()
        out.append(
            GetToKnow(
                person.id,
                person.full_name,
                since,
                meeting,
                why,
                _questions(person),
                _help(person),
                helpers.get(person.id, []),
            )
        )
    return out
