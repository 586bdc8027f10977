"""Load a generated demo network into an empty database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from netweave.errors import NetweaveError
from netweave.services.bulk import insert_acquaintances, insert_interactions
from netweave.services.new_people import insert_people
from netweave.services.people import count_people

DEFAULT_PEOPLE = 300
DEFAULT_SEED = 7


@dataclass
class DemoSummary:
    people: int
    acquaintances: int
    interactions: int
    truth: dict[str, Any]


def load_demo(session: Session, people: int, seed: int, today: dt.date) -> DemoSummary:
    """Generate a demo network and write it; refuses a database that already has people."""
    if people < 2:
        raise NetweaveError("a demo network needs at least 2 people")
    if count_people(session):
        raise NetweaveError("the database already has people; use an empty --db for the demo")
    from netweave.demo.generate import generate, truth_json

    network = generate(people, seed, today)
    ids = insert_people(session, network.people)
    edges = [(ids[a], ids[b]) for a, b in network.acquaintances]
    acquaintances = insert_acquaintances(session, edges, source="demo")
    by_email = {r.emails[0].value.lower(): pid for r, pid in zip(network.people, ids, strict=True)}
    interactions = insert_interactions(session, network.interactions, by_email)
    return DemoSummary(len(ids), acquaintances, interactions, truth_json(network))
