"""Starting an introduction: by hand, or from a suggestion of the engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import Person
from netweave.db.models_intro import Introduction, IntroductionStep
from netweave.errors import NetweaveError
from netweave.services.cooldown import blocked_pairs
from netweave.services.intro_stages import OPEN, Action, Stage
from netweave.services.me import me_id
from netweave.services.people import load_person


@dataclass
class NewIntroduction:
    a: Person
    b: Person
    why: str | None = None
    reasons_a: list[str] | None = None
    reasons_b: list[str] | None = None
    score: float | None = None
    terms: dict[str, float] | None = None
    origin: str = "manual"


def start(
    session: Session, new: NewIntroduction, today: dt.date, anyway: bool = False
) -> Introduction:
    """Record a suggested introduction; refuses a pair already open or cooling down."""
    a, b = new.a, new.b
    if a.id == b.id:
        raise NetweaveError("an introduction needs two different people")
    if me_id(session) in (a.id, b.id):
        raise NetweaveError("you are the connector: introduce two other people")
    pair = (min(a.id, b.id), max(a.id, b.id))
    open_one = session.scalar(
        select(Introduction.id).where(
            Introduction.stage.in_([s.value for s in OPEN]),
            ((Introduction.a_id == a.id) & (Introduction.b_id == b.id))
            | ((Introduction.a_id == b.id) & (Introduction.b_id == a.id)),
        )
    )
    if open_one is not None:
        raise NetweaveError(
            f"{a.full_name} and {b.full_name} already have introduction #{open_one}"
        )
    if not anyway and pair in set(blocked_pairs(session, today)):
        raise NetweaveError(
            f"{a.full_name} and {b.full_name} are cooling down after an earlier introduction, "
            "decline or dismissal; use --anyway to start one regardless"
        )
    intro = Introduction(
        a_id=a.id,
        b_id=b.id,
        stage=Stage.SUGGESTED.value,
        stage_on=today,
        origin=new.origin,
        why=(new.why or "").strip() or None,
        score=new.score,
        terms=dict(new.terms or {}),
        reasons_a=list(new.reasons_a or []),
        reasons_b=list(new.reasons_b or []),
        created_on=today,
    )
    session.add(intro)
    session.flush()
    session.add(
        IntroductionStep(
            introduction_id=intro.id,
            action=Action.START.value,
            from_stage=None,
            stage=Stage.SUGGESTED.value,
            on=today,
            note=intro.why,
        )
    )
    session.flush()
    return intro


def start_from_suggestion(
    session: Session,
    today: dt.date,
    rank: int = 1,
    for_person: Person | None = None,
    anyway: bool = False,
) -> Introduction:
    """Start the `rank`-th suggestion of `netweave suggest`, keeping its score, terms, reasons."""
    # Written concurrently (issue #6); the ignore is unused once it lands.
    from netweave.services.suggestions import suggest  # type: ignore[import-not-found,unused-ignore]

    if rank < 1:
        raise NetweaveError("a suggestion rank starts at 1")
    found = suggest(
        session, for_person=for_person.id if for_person else None, limit=rank, today=today
    )
    if len(found) < rank:
        raise NetweaveError(f"there are only {len(found)} suggestions; pick a rank up to that")
    pick = found[rank - 1]
    new = NewIntroduction(
        a=load_person(session, pick.a_id),
        b=load_person(session, pick.b_id),
        reasons_a=list(pick.reasons_a),
        reasons_b=list(pick.reasons_b),
        score=float(pick.score),
        terms={k: float(v) for k, v in pick.terms.items()},
        origin="suggestion",
    )
    return start(session, new, today, anyway)
