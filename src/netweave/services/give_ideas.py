"""What to give someone before asking: content about their interests, people to meet.

`people_to_introduce` and `introductions_to_make` come from the introduction engine
(`services.suggestions.suggest`): reciprocal scores with guards, warm from its cache.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.orm import Session

from netweave.db.models import FacetKind, Person
from netweave.services.me import me_id

SOURCE = (
    "introduction engine: reciprocal suggestions (`netweave suggest`), then offers that answer "
    "their needs"
)


@dataclass
class IntroIdea:
    """Introduce `person_id`, who offers `offer`, for `need` (of `for_id` when set)."""

    person_id: int
    name: str
    offer: str
    need: str
    for_id: int | None = None
    for_name: str = ""
    score: float = 0.0


@dataclass
class GiveIdeas:
    content: list[str] = field(default_factory=list)
    introductions: list[IntroIdea] = field(default_factory=list)
    introductions_source: str = SOURCE


def _items(person: Person, kind: str) -> list[str]:
    return [f.text for f in person.facets if f.kind == kind]


def content_ideas(person: Person) -> list[str]:
    """Content to share, from their interests and objectives."""
    ideas = [f"share something about {i}" for i in _items(person, FacetKind.INTEREST)]
    ideas += [f"send a resource that helps with: {o}" for o in _items(person, FacetKind.OBJECTIVE)]
    return ideas


def _idea(session: Session, today: dt.date, a_id: int, b_id: int, score: float) -> IntroIdea:
    """What B offers for A's want, read from the engine's explanation of the pair."""
    from netweave.services.suggestions import build_engine

    engine = build_engine(session, today)  # warm: the engine `suggest` just used
    net = engine.loaded.network
    i, j = engine.loaded.pos(a_id), engine.loaded.pos(b_id)
    side = engine.explain(i, j).side_a
    if side.wants:
        best = max(side.wants, key=lambda m: m.similarity)
        offer, need = best.offer, best.want
    else:
        offer = net.titles[j] or "common ground"
        need = "people in their referral sources or prospect pool, or shared ground"
    return IntroIdea(b_id, net.names[j], offer, need, a_id, net.names[i], score)


def people_to_introduce(session: Session, person: Person, limit: int = 3) -> list[IntroIdea]:
    """People `person` should meet: the engine's reciprocal suggestions first, then people whose
    offers answer one of their needs (one-sided: a give to them), guards respected."""
    import numpy as np

    from netweave.errors import NetweaveError
    from netweave.services.suggestions import build_engine, suggest
    from netweave.settings import Settings

    if person.id == me_id(session):
        return []
    when = Settings().current_date()  # NETWEAVE_TODAY in tests, else the clock
    try:
        found = suggest(session, for_person=person.id, limit=limit, today=when)
    except NetweaveError:
        return []
    chosen = [v.b_id for v in found]
    engine = build_engine(session, when)  # warm: the engine `suggest` just used
    i = engine.loaded.pos(person.id)
    row = engine.scorer.need_match[i]
    cols, vals = row.indices.astype(np.int64), row.data
    ok = engine.scorer.guard(np.full(len(cols), i, dtype=np.int64), cols) == 0
    for k in np.lexsort((cols, -vals)):
        pid = engine.loaded.person_id(int(cols[k]))
        if len(chosen) >= limit:
            break
        if ok[k] and pid not in chosen:
            chosen.append(pid)
    scores = {v.b_id: v.score for v in found}
    return [_idea(session, when, person.id, pid, scores.get(pid, 0.0)) for pid in chosen]


def give_ideas(session: Session, person: Person, limit: int = 3) -> GiveIdeas:
    return GiveIdeas(content_ideas(person)[:limit], people_to_introduce(session, person, limit))


def introductions_to_make(
    session: Session, today: dt.date, limit: int = 5, cache_dir: Path | None = None
) -> list[IntroIdea]:
    """Proactive introductions for the week: the best pairs of the whole network, when the
    engine is warm (`netweave suggest` or the web app builds it); empty rather than waiting."""
    from netweave.services.suggestions import suggest_if_warm

    ideas = []
    for v in suggest_if_warm(session, limit=limit, today=today, cache_dir=cache_dir) or []:
        idea = _idea(session, today, v.a_id, v.b_id, v.score)
        ideas.append(replace(idea, need=f"{idea.need} ({idea.for_name})"))
    return ideas
