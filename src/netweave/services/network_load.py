"""Read the whole network into the engine's arrays with a handful of bulk queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import Acquaintance, Facet, Person
from netweave.engine.network import Network
from netweave.services.vocab import RECORD_FACETS

_KIND_TO_ATTR = {kind: attr for attr, kind in RECORD_FACETS.items()}


@dataclass
class LoadedNetwork:
    """The engine's network plus the map from database ids to positions."""

    network: Network
    position: dict[int, int]

    def pos(self, person_id: int) -> int:
        return self.position[person_id]

    def person_id(self, pos: int) -> int:
        return int(self.network.ids[pos])


def _people(session: Session) -> list[SimpleNamespace]:
    columns = (
        Person.id,
        Person.full_name,
        Person.title,
        Person.temperament,
        Person.networker_level,
        Person.openness,
    )
    people = []
    for pid, name, title, temperament, level, openness in session.execute(
        select(*columns).order_by(Person.id)
    ):
        record = SimpleNamespace(
            id=pid,
            full_name=name,
            title=title,
            temperament=list(temperament or []),
            networker_level=level,
            openness=openness,
        )
        for attr in RECORD_FACETS:
            setattr(record, attr, [])
        people.append(record)
    return people


def load_network(
    session: Session,
    today: dt.date,
    *,
    exclude: set[int] | None = None,
    guards: tuple[list[tuple[int, int]], dict[int, float], set[int]] | None = None,
) -> LoadedNetwork:
    """Everyone (except `exclude`, e.g. me) with facets, acquaintances and pairing guards.

    `guards` is (blocked pairs, opt-in load per person, cooled-down people) from the
    introductions workflow; cooled-down people get a load above the engine's limit so they
    are not suggested for a new opt-in ask.
    """
    people = [p for p in _people(session) if p.id not in (exclude or set())]
    position = {p.id: k for k, p in enumerate(people)}
    by_id = {p.id: p for p in people}
    for pid, kind, text in session.execute(
        select(Facet.person_id, Facet.kind, Facet.text).order_by(Facet.person_id, Facet.position)
    ):
        if pid in by_id:
            getattr(by_id[pid], _KIND_TO_ATTR[kind]).append(text)
    edges = [
        (position[lo], position[hi])
        for lo, hi in session.execute(select(Acquaintance.low_id, Acquaintance.high_id))
        if lo in position and hi in position
    ]
    blocked_ids, load_ids, cooled = guards or ([], {}, set())
    load: dict[int, float] = defaultdict(float)
    for pid, value in load_ids.items():
        if pid in position:
            load[position[pid]] += value
    for pid in cooled:
        if pid in position:
            load[position[pid]] = max(load[position[pid]], 1e6)
    blocked = [
        (position[a], position[b]) for a, b in blocked_ids if a in position and b in position
    ]
    network = Network.from_records(
        people,
        ids=[p.id for p in people],
        acquaintances=edges,
        blocked=blocked,
        optin_load=[load.get(k, 0.0) for k in range(len(people))],
    )
    return LoadedNetwork(network, position)
