"""Who should meet whom: the store fed to the engine, results as plain views.

The engine (`netweave.engine`) is pure; this module reads the network, matches needs and
objectives to offers with the text layer (lexical TF-IDF plus static embeddings when the
`wordllama` package is installed, and MiniLM on request), caches vectors in the database,
and turns the engine's suggestions into views with both sides' reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from netweave.errors import NetweaveError
from netweave.services.engine_build import MATCH_K, Engine, prepare
from netweave.services.engine_cache import ANSWERS, FileCache
from netweave.services.people import find_person

__all__ = [
    "MATCH_K",
    "Engine",
    "SuggestionView",
    "build_engine",
    "suggest",
    "suggest_if_warm",
    "views",
    "why",
]
MIN_TOP = 100  # whole-network lists are computed (and cached) at least this long
MIN_FOR = 20


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


def build_engine(
    session: Session,
    today: dt.date,
    *,
    dense: bool = False,
    progress: Callable[[int], None] | None = None,
    cache_dir: Path | None = None,
) -> Engine:
    """Read the network (without me) and prepare the scorer; embeds only uncached items.

    Warm (nothing changed since the last call, see `engine_cache`) it comes from the cache.
    """
    return prepare(session, today, dense=dense, progress=progress, cache_dir=cache_dir)


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
    from netweave.engine.reasons import reasons

    ids = [engine.loaded.person_id(p) for s in pairs for p in (s.i, s.j)]
    emails = _emails(session, ids)
    out = []
    for s in pairs:
        said = reasons(engine.explain(s.i, s.j), engine.loaded.network, engine.scorer.weights)
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


def _refresh_emails(session: Session, found: list[SuggestionView]) -> list[SuggestionView]:
    """Copies of cached views with current emails (not a scoring input, so not fingerprinted)."""
    emails = _emails(session, [pid for v in found for pid in (v.a_id, v.b_id)])
    return [
        replace(
            v,
            a={**v.a, "emails": emails.get(v.a_id, [])},
            b={**v.b, "emails": emails.get(v.b_id, [])},
        )
        for v in found
    ]


def suggest(
    session: Session,
    *,
    for_person: int | None = None,
    limit: int = 20,
    today: dt.date,
    dense: bool = False,
    progress: Callable[[int], None] | None = None,
    cache_dir: Path | None = None,
) -> list[SuggestionView]:
    """The best pairs of the whole network, or the best people for one person; best first.

    Lists are computed at least MIN_TOP (MIN_FOR) long and cached with the engine: every
    shorter list is a prefix of a longer one (the order is total: score, then positions).
    """
    engine = build_engine(session, today, dense=dense, progress=progress, cache_dir=cache_dir)
    return _answer(session, engine, for_person, limit, cache_dir)


def suggest_if_warm(
    session: Session, *, limit: int = 20, today: dt.date, cache_dir: Path | None = None
) -> list[SuggestionView] | None:
    """The whole-network suggestions if the engine is already built for the network as it
    is now, else None: for pages and plans that must not wait for a cold build."""
    from netweave.services.engine_build import cached_engine

    engine = cached_engine(session, today, cache_dir=cache_dir)
    return None if engine is None else _answer(session, engine, None, limit, cache_dir)


def _answer(
    session: Session,
    engine: Engine,
    for_person: int | None,
    limit: int,
    cache_dir: Path | None,
) -> list[SuggestionView]:
    from netweave.engine.candidates import for_person as engine_for_person
    from netweave.engine.prune import top_pairs

    if for_person is not None and for_person not in engine.loaded.position:
        raise NetweaveError("that is you: suggestions are for the people you know")
    length = max(limit, MIN_TOP if for_person is None else MIN_FOR)
    files = FileCache(cache_dir)
    answers: dict[str, list[SuggestionView]] = (
        ANSWERS.get(engine.key) or files.get("answers", engine.key) or {}
    )
    name = f"top:{length}" if for_person is None else f"for:{for_person}:{length}"
    found = answers.get(name)
    if found is None:
        if for_person is None:
            pairs = top_pairs(engine.scorer, length)
        else:
            pairs = engine_for_person(engine.scorer, engine.loaded.pos(for_person), length)
        found = views(session, engine, pairs)
        answers = {**answers, name: found}
        files.put("answers", engine.key, answers)
    ANSWERS.put(engine.key, answers)
    return _refresh_emails(session, found[:limit])


def why(
    session: Session, a_ref: str, b_ref: str, today: dt.date, cache_dir: Path | None = None
) -> dict[str, Any]:
    """A pair's score term by term, the guards that apply, and both sides' reasons."""
    from netweave.engine.reasons import reasons

    a, b = find_person(session, a_ref), find_person(session, b_ref)
    if a.id == b.id:
        raise NetweaveError("pick two different people")
    engine = build_engine(session, today, cache_dir=cache_dir)
    for person in (a, b):
        if person.id not in engine.loaded.position:
            raise NetweaveError(f"{person.full_name} is you: pick two people you know")
    i, j = engine.loaded.pos(a.id), engine.loaded.pos(b.id)
    explanation = engine.explain(i, j)
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
