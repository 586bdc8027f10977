"""The network as a graph to draw: people (with strength) and who knows whom.

Either the `limit` strongest relationships, or the neighbourhood of one person (them, the
people they know and, with `depth` 2, the people those know), capped at `limit` nodes by
strength. Edges are the acquaintances among the chosen people. Suggested links are added by
the web layer when the suggestions service exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from netweave.db.models import Acquaintance, ContactSummary, Organisation, Person
from netweave.errors import NetweaveError
from netweave.services.me import me_id
from netweave.services.people import load_person
from netweave.services.strength import rounded, strength_expr

MAX_NODES = 1_000


@dataclass
class GraphNode:
    id: int
    name: str
    organisation: str | None
    strength: int | None


@dataclass
class GraphLink:
    source: int
    target: int
    suggested: bool = False


@dataclass
class Graph:
    nodes: list[GraphNode]
    links: list[GraphLink]
    centre: int | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "centre": self.centre,
            "nodes": [n.__dict__ for n in self.nodes],
            "links": [link.__dict__ for link in self.links],
            "notes": self.notes,
        }


def _neighbours(session: Session, ids: set[int]) -> set[int]:
    rows = session.execute(
        select(Acquaintance.low_id, Acquaintance.high_id).where(
            or_(Acquaintance.low_id.in_(ids), Acquaintance.high_id.in_(ids))
        )
    ).all()
    return {x for row in rows for x in row}


def network_graph(
    session: Session,
    today: dt.date,
    limit: int = 300,
    around: int | None = None,
    depth: int = 1,
) -> Graph:
    """Nodes and edges to draw (see the module docstring)."""
    if not 1 <= limit <= MAX_NODES:
        raise NetweaveError(f"limit must be between 1 and {MAX_NODES}")
    if depth not in (1, 2):
        raise NetweaveError("depth must be 1 or 2")
    strength = strength_expr(today)
    query = (
        select(Person.id, Person.full_name, Organisation.name, strength)
        .outerjoin(ContactSummary, ContactSummary.person_id == Person.id)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
    )
    mine = me_id(session)
    if mine is not None:
        query = query.where(Person.id != mine)
    if around is not None:
        load_person(session, around)
        chosen = {around}
        for _ in range(depth):
            chosen |= _neighbours(session, chosen)
        query = query.where(Person.id.in_(chosen))
    rows = session.execute(
        query.order_by(
            (Person.id != around) if around is not None else Person.id.is_(None),
            ContactSummary.person_id.is_(None),
            strength.desc(),
            Person.id,
        ).limit(limit)
    ).all()
    nodes = [GraphNode(pid, name, org, rounded(score)) for pid, name, org, score in rows]
    ids = [n.id for n in nodes]
    edges = session.execute(
        select(Acquaintance.low_id, Acquaintance.high_id).where(
            Acquaintance.low_id.in_(ids), Acquaintance.high_id.in_(ids)
        )
    ).all()
    links = [GraphLink(int(a), int(b)) for a, b in edges]
    return Graph(nodes, links, around)
