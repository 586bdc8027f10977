"""Who should meet whom: the store fed to the engine, results as plain views.

The engine (`netweave.engine`) is pure; this module reads the network, matches needs and
objectives to offers with the text layer (lexical TF-IDF plus static embeddings when the
`wordllama` package is installed, and MiniLM on request), caches vectors in the database,
and turns the engine's suggestions into views with both sides' reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from netweave.engine.network import FacetMatches
from netweave.engine.scoring import PairScorer
from netweave.errors import NetweaveError
from netweave.services.embeddings import DbEmbeddingCache
from netweave.services.me import me_id
from netweave.services.network_load import LoadedNetwork, load_network
from netweave.services.people import find_person

MATCH_K = 10  # offers kept per need or objective


@dataclass
class SuggestionView:
    a_id: int
    b_id: int
    a: dict[str, Any]
    b: dict[str, Any]
    score: float
    reasons_a: list[str]
    reasons_b: list[str]
    notes: list[str] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "score": round(self.score, 4),
            "reasons_a": self.reasons_a,
            "reasons_b": self.reasons_b,
            "notes": self.notes,
            "terms": {k: round(v, 4) for k, v in self.terms.items()},
        }


@dataclass
class Engine:
    """A scorer over the current network, and how to reach people in it."""

    scorer: PairScorer
    loaded: LoadedNetwork
    embedder: str | None


def _guards(
    session: Session, today: dt.date
) -> tuple[list[tuple[int, int]], dict[int, float], set[int]]:
    from netweave.services import cooldown

    return (
        cooldown.blocked_pairs(session, today),
        cooldown.optin_load(session, today),
        cooldown.cooled_down(session, today),
    )


def _embedder(dense: bool) -> Any:
    from netweave.engine.text.backends import default_embedder

    return default_embedder(dense=dense)


def _matches(
    session: Session, loaded: LoadedNetwork, dense: bool, progress: Callable[[int], None] | None
) -> tuple[FacetMatches, str | None]:
    from netweave.engine.text.match import match_items

    net = loaded.network
    embedder = _embedder(dense)
    cache = DbEmbeddingCache(session)
    offers = list(net.offers.texts)
    if not offers:
        return FacetMatches.empty(net), None
    found: dict[str, Any] = {}
    for kind in ("needs", "objectives"):
        queries = list(net.facet(kind).texts)
        if not queries:
            found[kind] = None
            continue
        result = match_items(
            queries, offers, k=MATCH_K, embedder=embedder, cache=cache, progress=progress
        )
        found[kind] = result.scores
    empty = FacetMatches.empty(net)
    return FacetMatches(
        found["needs"] if found["needs"] is not None else empty.needs_offers,
        found["objectives"] if found["objectives"] is not None else empty.objectives_offers,
    ), (embedder.name if embedder is not None else None)


def build_engine(
    session: Session,
    today: dt.date,
    *,
    dense: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Engine:
    """Read the network (without me) and prepare the scorer; embeds only uncached items."""
    from netweave.engine.playbooks import load_playbooks

    me = me_id(session)
    loaded = load_network(
        session, today, exclude={me} if me else set(), guards=_guards(session, today)
    )
    matches, embedder = _matches(session, loaded, dense, progress)
    scorer = PairScorer(loaded.network, matches, playbooks=load_playbooks())
    return Engine(scorer, loaded, embedder)


def _summary(engine: Engine, pos: int, emails: dict[int, list[str]]) -> dict[str, Any]:
    pid = engine.loaded.person_id(pos)
    net = engine.loaded.network
    return {
        "id": pid,
        "name": net.names[pos],
        "emails": emails.get(pid, []),
        "title": net.titles[pos] or None,
    }


def _emails(session: Session, ids: list[int]) -> dict[int, list[str]]:
    from sqlalchemy import select

    from netweave.db.models import Email

    found: dict[int, list[str]] = {}
    rows = session.execute(
        select(Email.person_id, Email.address)
        .where(Email.person_id.in_(ids))
        .order_by(Email.person_id, Email.position)
    )
    for pid, address in rows:
        found.setdefault(pid, []).append(address)
    return found


def views(session: Session, engine: Engine, pairs: list[Any]) -> list[SuggestionView]:
    """Turn engine suggestions (i, j, score, terms) into views with reasons for each side."""
    from netweave.engine.explain import explain
    from netweave.engine.reasons import reasons

    ids = [engine.loaded.person_id(p) for s in pairs for p in (s.i, s.j)]
    emails = _emails(session, ids)
    out = []
    for s in pairs:
        said = reasons(
            explain(engine.scorer, s.i, s.j), engine.loaded.network, engine.scorer.weights
        )
        out.append(
            SuggestionView(
                engine.loaded.person_id(s.i),
                engine.loaded.person_id(s.j),
                _summary(engine, s.i, emails),
                _summary(engine, s.j, emails),
                float(s.score),
                said.for_i,
                said.for_j,
                said.notes,
                {k: float(v) for k, v in s.terms.items()},
            )
        )
    return out


def suggest(
    session: Session,
    *,
    for_person: int | None = None,
    limit: int = 20,
    today: dt.date,
    dense: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[SuggestionView]:
    """The best pairs of the whole network, or the best people for one person; best first."""
    from netweave.engine.candidates import for_person as engine_for_person
    from netweave.engine.candidates import top_pairs

    engine = build_engine(session, today, dense=dense, progress=progress)
    if for_person is None:
        return views(session, engine, top_pairs(engine.scorer, limit))
    if for_person not in engine.loaded.position:
        raise NetweaveError("that is you: suggestions are for the people you know")
    found = engine_for_person(engine.scorer, engine.loaded.pos(for_person), limit)
    return views(session, engine, found)


def why(session: Session, a_ref: str, b_ref: str, today: dt.date) -> dict[str, Any]:
    """A pair's score term by term, the guards that apply, and both sides' reasons."""
    from netweave.engine.explain import explain
    from netweave.engine.reasons import reasons

    a, b = find_person(session, a_ref), find_person(session, b_ref)
    if a.id == b.id:
        raise NetweaveError("pick two different people")
    engine = build_engine(session, today)
    for person in (a, b):
        if person.id not in engine.loaded.position:
            raise NetweaveError(f"{person.full_name} is you: pick two people you know")
    i, j = engine.loaded.pos(a.id), engine.loaded.pos(b.id)
    explanation = explain(engine.scorer, i, j)
    said = reasons(explanation, engine.loaded.network, engine.scorer.weights)
    return {
        "a": {"id": a.id, "name": a.full_name},
        "b": {"id": b.id, "name": b.full_name},
        "score": float(explanation.score),
        "terms": {k: float(v) for k, v in explanation.terms.items()},
        "contributions": {k: float(v) for k, v in explanation.contributions.items()},
        "guards": list(explanation.guards),
        "reasons_a": said.for_i,
        "reasons_b": said.for_j,
        "notes": said.notes,
        "embedder": engine.embedder,
    }
