"""Gatherings: plan a lunch or small table, invite, and log it once held (issue #10).

Planning reads the engine (`build_engine`, so it benefits from the engine's warm cache), asks
`engine.gathering.plan_gathering` for the guests, explains each guest and the pairs that
should talk with the engine's reasons, and saves the plan. Holding it logs one in-person
interaction with everyone who came, so they are recorded as knowing each other and it counts
as one face-to-face outing; follow-ups come due from `gathering_due`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netweave.db.models import Direction, Person
from netweave.db.models_gathering import Gathering, GatheringGuest
from netweave.engine.gathering import TableParams
from netweave.errors import NetweaveError, NotFound
from netweave.messages.drafts import Draft, render
from netweave.services.interactions import InteractionInput, log_interaction, resolve_people
from netweave.services.intro_drafts import person_context
from netweave.services.me import get_me
from netweave.services.people import find_person
from netweave.services.suggestions import Engine, build_engine

MAX_SIZE = 30
TALK_PAIRS = 5  # pairs named as "should talk" (at most; only pairs with a positive score)
PLANNED, HELD = "planned", "held"


@dataclass
class PlanRequest:
    size: int
    around: str | None = None
    on: dt.date | None = None
    place: str | None = None


def _pair_reasons(engine: Engine, i: int, j: int) -> tuple[list[str], list[str]]:
    from netweave.engine.reasons import reasons

    said = reasons(engine.explain(i, j), engine.loaded.network, engine.scorer.weights)
    return said.for_i, said.for_j


def _guest_reasons(
    engine: Engine, guest: int, plan: Any, said: dict[tuple[int, int], tuple[list[str], list[str]]]
) -> list[str]:
    """Why a guest is at the table: new to the others, their best match there and why."""
    names = engine.loaded.network.names
    out = []
    if guest in plan.fixed:
        out.append("The table is planned around them.")
    if guest in plan.newcomers:
        out.append("New to everyone else at the table.")
    mine = [(a, b, v) for a, b, v in plan.pairs if guest in (a, b) and v > 0][:2]
    for a, b, v in mine:
        other = b if a == guest else a
        key = (min(a, b), max(a, b))
        if key not in said:
            said[key] = _pair_reasons(engine, *key)
        sentences = said[key][0] if guest == key[0] else said[key][1]
        first = f" {sentences[0]}" if sentences else ""
        out.append(f"Should meet {names[other]} (score {v:.2f}).{first}")
    if not mine:
        out.append("No strong match at this table: seated for variety.")
    return out


def plan(
    session: Session, request: PlanRequest, today: dt.date, params: TableParams | None = None
) -> Gathering:
    """Choose the guests, explain them, and save the plan."""
    from netweave.engine.gathering import plan_gathering

    if not 2 <= request.size <= MAX_SIZE:
        raise NetweaveError(f"a gathering has 2 to {MAX_SIZE} guests")
    around = find_person(session, request.around) if request.around else None
    engine = build_engine(session, today)
    if engine.loaded.network.n < 2:
        raise NetweaveError("add at least two people before planning a gathering")
    fixed = []
    if around is not None:
        if around.id not in engine.loaded.position:
            raise NetweaveError("that is you: plan the table around someone you know")
        fixed = [engine.loaded.pos(around.id)]
    result = plan_gathering(engine.scorer, request.size, fixed, params)
    if len(result.guests) < 2:
        raise NetweaveError(
            "no candidates for a table yet: record needs, offers, interests or sources"
        )
    said: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    talk = []
    for a, b, v in result.pairs[:TALK_PAIRS]:
        if v <= 0:
            break
        said[(min(a, b), max(a, b))] = _pair_reasons(engine, min(a, b), max(a, b))
        ra, rb = said[(min(a, b), max(a, b))]
        lo, hi = min(a, b), max(a, b)
        talk.append(
            {
                "a": engine.loaded.person_id(lo),
                "b": engine.loaded.person_id(hi),
                "score": round(v, 4),
                "reasons_a": ra,
                "reasons_b": rb,
            }
        )
    gathering = Gathering(
        size=request.size,
        on=request.on,
        place=(request.place or "").strip() or None,
        around_id=around.id if around else None,
        status=PLANNED,
        planned_on=today,
        objective=result.objective,
        mean_score=result.mean_score,
        pairs=talk,
    )
    gathering.guests = [
        GatheringGuest(
            person_id=engine.loaded.person_id(g),
            position=k,
            reasons=_guest_reasons(engine, g, result, said),
            newcomer=g in result.newcomers,
        )
        for k, g in enumerate(result.guests)
    ]
    session.add(gathering)
    session.flush()
    return gathering


def load_gathering(session: Session, gathering_id: int) -> Gathering:
    found = session.get(Gathering, gathering_id)
    if found is None:
        raise NotFound(f"no gathering with id {gathering_id}")
    return found


def list_gatherings(session: Session, status: str | None = None) -> list[Gathering]:
    """Newest first."""
    query = select(Gathering).options(selectinload(Gathering.guests))
    if status is not None:
        if status not in (PLANNED, HELD):
            raise NetweaveError(f"unknown status {status!r}: planned or held")
        query = query.where(Gathering.status == status)
    return list(session.scalars(query.order_by(Gathering.id.desc())))


def _people(session: Session, ids: list[int]) -> dict[int, Person]:
    rows = session.scalars(select(Person).where(Person.id.in_(ids)))
    return {p.id: p for p in rows}


def gathering_view(session: Session, gathering: Gathering) -> dict[str, Any]:
    ids = [g.person_id for g in gathering.guests] + [
        x for p in gathering.pairs for x in (p["a"], p["b"])
    ]
    people = _people(session, ids)

    def who(pid: int) -> dict[str, Any]:
        p = people.get(pid)
        return {"id": pid, "name": p.full_name if p else "?", "title": p.title if p else None}

    return {
        "id": gathering.id,
        "status": gathering.status,
        "size": gathering.size,
        "on": gathering.on.isoformat() if gathering.on else None,
        "place": gathering.place,
        "around": who(gathering.around_id) if gathering.around_id else None,
        "planned_on": gathering.planned_on.isoformat(),
        "held_on": gathering.held_on.isoformat() if gathering.held_on else None,
        "interaction_id": gathering.interaction_id,
        "objective": round(gathering.objective, 4),
        "mean_score": round(gathering.mean_score, 4),
        "guests": [
            {**who(g.person_id), "newcomer": g.newcomer, "reasons": list(g.reasons), "came": g.came}
            for g in gathering.guests
        ],
        "pairs": [
            {
                "a": who(p["a"]),
                "b": who(p["b"]),
                "score": p["score"],
                "reasons_a": p["reasons_a"],
                "reasons_b": p["reasons_b"],
            }
            for p in gathering.pairs
        ],
    }


def invitations(session: Session, gathering_id: int, user_dir: Path | None = None) -> list[Draft]:
    """One invitation per guest: the date and place, who else comes, whom to meet and why."""
    gathering = load_gathering(session, gathering_id)
    people = _people(session, [g.person_id for g in gathering.guests])
    me = person_context(get_me(session))
    drafts = []
    for guest in gathering.guests:
        person = people[guest.person_id]
        others = [
            person_context(people[g.person_id])
            for g in gathering.guests
            if g.person_id != guest.person_id
        ]
        best = next((p for p in gathering.pairs if guest.person_id in (p["a"], p["b"])), None)
        meet = None
        if best is not None:
            other = best["b"] if best["a"] == guest.person_id else best["a"]
            lines = best["reasons_a"] if best["a"] == guest.person_id else best["reasons_b"]
            meet = {"person": person_context(people[other]), "reasons": lines[:2]}
        context = {
            "me": me,
            "me_to": person_context(person),
            "on": gathering.on.strftime("%A %-d %B") if gathering.on else None,
            "place": gathering.place,
            "others": others,
            "meet": meet,
        }
        to = [person.emails[0].address] if person.emails else []
        drafts.append(render("gathering_invite", context, to, user_dir))
    return drafts


def held(
    session: Session,
    gathering_id: int,
    came: list[str] | None,
    today: dt.date,
    on: dt.date | None = None,
) -> Gathering:
    """Log one in-person interaction with everyone who came (all guests by default)."""
    gathering = load_gathering(session, gathering_id)
    if gathering.status == HELD:
        raise NetweaveError(f"gathering #{gathering.id} was already logged as held")
    day = on or (gathering.on if gathering.on and gathering.on <= today else today)
    if day > today:
        raise NetweaveError("a gathering can only be logged as held once it has happened")
    guest_ids = {g.person_id for g in gathering.guests}
    if came:
        people = resolve_people(session, came)
        strangers = [p.full_name for p in people if p.id not in guest_ids]
        if strangers:
            raise NetweaveError(f"not a guest of gathering #{gathering.id}: {', '.join(strangers)}")
    else:
        people = list(_people(session, sorted(guest_ids)).values())
    if not people:
        raise NetweaveError("nobody came: nothing to log")
    where = f" at {gathering.place}" if gathering.place else ""
    interaction = log_interaction(
        session,
        people,
        InteractionInput(
            channel="in-person",
            direction=Direction.GIVE.value,
            occurred_on=day,
            note=f"gathering #{gathering.id}{where}",
        ),
    )
    present = {p.id for p in people}
    for guest in gathering.guests:
        guest.came = guest.person_id in present
    gathering.status, gathering.held_on, gathering.interaction_id = HELD, day, interaction.id
    session.flush()
    return gathering
