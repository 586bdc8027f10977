"""Double opt-in introductions: start, ask, answer, introduce, meet, follow up, debrief, close.

Each verb loads the introduction, lets the clock catch up (`sweep`), checks the date, moves
the stage through `intro_stages.advance` and records a dated step. The rules of time live in
`intro_rules`; the engine's guards in `cooldown`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.db.models import Openness, Person
from netweave.db.models_intro import Debrief, Introduction, IntroductionStep
from netweave.errors import NetweaveError, NotFound
from netweave.services import interactions
from netweave.services.cooldown import cooled_down, declined_on
from netweave.services.intro_rules import IntroRules, load_rules
from netweave.services.intro_stages import (
    AWAITING_REPLY,
    Action,
    Stage,
    advance,
)


def load_introduction(session: Session, intro_id: int) -> Introduction:
    intro = session.get(Introduction, intro_id)
    if intro is None:
        raise NotFound(f"no introduction with id {intro_id}")
    return intro


def side_ids(intro: Introduction) -> tuple[int, int]:
    """(the person this step concerns, the other) for the side currently asked."""
    asking_b = intro.stage in (Stage.A_AGREED, Stage.ASKED_B, Stage.B_AGREED)
    return (intro.b_id, intro.a_id) if asking_b else (intro.a_id, intro.b_id)


def _last_on(session: Session, intro: Introduction) -> dt.date:
    last = session.scalar(
        select(func.max(IntroductionStep.on)).where(IntroductionStep.introduction_id == intro.id)
    )
    return last or intro.created_on


def _step(
    session: Session,
    intro: Introduction,
    action: Action,
    on: dt.date,
    person_id: int | None = None,
    note: str | None = None,
) -> None:
    """Move `intro` by `action` on `on` and record the step (refusals name what is allowed)."""
    before = Stage(intro.stage)
    after = advance(before, action)
    session.add(
        IntroductionStep(
            introduction_id=intro.id,
            action=action.value,
            from_stage=before.value,
            stage=after.value,
            person_id=person_id,
            on=on,
            note=(note or "").strip() or None,
        )
    )
    intro.stage, intro.stage_on = after.value, on
    session.flush()


def _clock(session: Session, intro: Introduction, until: dt.date, rules: IntroRules) -> list[str]:
    """Apply the clock's actions due by `until`, each dated on the day its rule fell."""
    done = []
    if intro.stage in AWAITING_REPLY and intro.asked_on is not None:
        expires = rules.expires_on(intro.asked_on, intro.nudged_on)
        if expires <= until:
            asked, _ = side_ids(intro)
            _step(session, intro, Action.EXPIRE, expires, asked, "no reply: closed, no pressure")
            done.append(Action.EXPIRE.value)
    if intro.stage in (Stage.INTRODUCED, Stage.MET) and intro.introduced_on is not None:
        due_on = rules.follow_up_on(intro.introduced_on, intro.met_on)
        if due_on <= until:
            _step(session, intro, Action.FALL_DUE, due_on, note="follow-up due")
            done.append(Action.FALL_DUE.value)
    return done


def sweep(
    session: Session, today: dt.date, rules: IntroRules | None = None
) -> dict[int, list[str]]:
    """Close unanswered asks and mark follow-ups due, for every open introduction."""
    rules = rules or load_rules(session)
    stages = [Stage.ASKED_A, Stage.ASKED_B, Stage.INTRODUCED, Stage.MET]
    changed = {}
    for intro in session.scalars(
        select(Introduction).where(Introduction.stage.in_(stages)).order_by(Introduction.id)
    ):
        done = _clock(session, intro, today, rules)
        if done:
            changed[intro.id] = done
    return changed


def _prepare(session: Session, intro_id: int, on: dt.date, today: dt.date) -> Introduction:
    """Load, refuse a date in the future or before the last step, let the clock catch up."""
    intro = load_introduction(session, intro_id)
    if on > today:
        raise NetweaveError(f"{on} is in the future (today is {today})")
    last = _last_on(session, intro)
    if on < last:
        raise NetweaveError(f"{on} is before the introduction's last step ({last})")
    _clock(session, intro, on, load_rules(session))
    return intro


def ask(session: Session, intro_id: int, on: dt.date, today: dt.date) -> Introduction:
    """Ask the next side (A, then B once A agreed); refuses someone cooling down or not open."""
    intro = _prepare(session, intro_id, on, today)
    advance(Stage(intro.stage), Action.ASK)  # refuse before the checks below
    person_id = intro.b_id if intro.stage == Stage.A_AGREED else intro.a_id
    person = session.get(Person, person_id)
    assert person is not None
    if person.openness == Openness.NOT_NOW:
        raise NetweaveError(f"{person.full_name} is not open to introductions now")
    if person_id in cooled_down(session, on, exclude=intro.id):
        when = declined_on(session, person_id, exclude=intro.id)
        raise NetweaveError(
            f"{person.full_name} declined an introduction on {when}: no new asks during the "
            f"cool-down ({load_rules(session).person_cooldown_days} days), no pressure"
        )
    _step(session, intro, Action.ASK, on, person_id)
    intro.asked_on, intro.nudged_on = on, None
    return intro


def answer(
    session: Session, intro_id: int, agreed: bool, on: dt.date, today: dt.date, note: str = ""
) -> Introduction:
    """Record the asked side's yes or no; a no closes the introduction and cools them down."""
    intro = _prepare(session, intro_id, on, today)
    person_id, _ = side_ids(intro)
    _step(session, intro, Action.AGREE if agreed else Action.DECLINE, on, person_id, note)
    if not agreed:
        intro.declined_by = person_id
    intro.asked_on = intro.nudged_on = None
    return intro


def nudge(session: Session, intro_id: int, on: dt.date, today: dt.date) -> Introduction:
    """Record the one reminder to an unanswered ask, not before it is due."""
    intro = _prepare(session, intro_id, on, today)
    if intro.stage in AWAITING_REPLY and intro.asked_on is not None:
        if intro.nudged_on is not None:
            raise NetweaveError(f"already nudged on {intro.nudged_on}: one reminder, no more")
        due_on = load_rules(session).nudge_on(intro.asked_on)
        if on < due_on:
            raise NetweaveError(f"too early to nudge: the reminder is due on {due_on}")
    person_id, _ = side_ids(intro)
    _step(session, intro, Action.NUDGE, on, person_id)
    intro.nudged_on = on
    return intro


def introduce(
    session: Session, intro_id: int, on: dt.date, today: dt.date, minutes: int | None = None
) -> Introduction:
    """Both agreed: introduce them, logged as a give (introduction) to both."""
    intro = _prepare(session, intro_id, on, today)
    advance(Stage(intro.stage), Action.INTRODUCE)
    people = [session.get(Person, pid) for pid in (intro.a_id, intro.b_id)]
    entry = interactions.InteractionInput(
        channel="email",
        direction="give",
        occurred_on=on,
        give_kind="introduction",
        minutes=minutes,
        note=f"introduction #{intro.id}",
    )
    logged = interactions.log_interaction(session, [p for p in people if p], entry)
    _step(session, intro, Action.INTRODUCE, on)
    intro.introduced_on, intro.interaction_id = on, logged.id
    return intro


def met(session: Session, intro_id: int, on: dt.date, today: dt.date) -> Introduction:
    """They met on `on`: the follow-up falls due `follow_up_days` after that date.

    The step is dated on the meeting, or on the last step when the meeting is logged late.
    """
    intro = load_introduction(session, intro_id)
    if intro.met_on is not None:
        raise NetweaveError(f"their meeting is already recorded on {intro.met_on}")
    if intro.introduced_on is not None and on < intro.introduced_on:
        raise NetweaveError(f"{on} is before the introduction ({intro.introduced_on})")
    when = max(on, _last_on(session, intro))
    intro = _prepare(session, intro_id, when, today)
    _step(session, intro, Action.MET, when, note=f"met on {on}")
    intro.met_on = on
    return intro


def follow_up(session: Session, intro_id: int, on: dt.date, today: dt.date) -> Introduction:
    """Record the check-in sent to both (logged as a follow-up of the introduction)."""
    intro = _prepare(session, intro_id, on, today)
    advance(Stage(intro.stage), Action.FOLLOW_UP)
    people = [session.get(Person, pid) for pid in (intro.a_id, intro.b_id)]
    entry = interactions.InteractionInput(
        channel="email", direction="neutral", occurred_on=on, note=f"follow-up of #{intro.id}"
    )
    logged = interactions.log_interaction(session, [p for p in people if p], entry)
    logged.follow_up_of = intro.interaction_id
    _step(session, intro, Action.FOLLOW_UP, on)
    return intro


@dataclass
class SideOutcome:
    """One side's debrief: outcome 1 (poor) to 5 (excellent)."""

    outcome: int
    business: bool = False
    referral: bool = False
    notes: str | None = None


def debrief(
    session: Session, intro_id: int, sides: dict[str, SideOutcome], on: dt.date, today: dt.date
) -> Introduction:
    """Record how it went for side "a" and/or "b" (a later debrief replaces a side's)."""
    if not sides:
        raise NetweaveError("give an outcome for at least one side (--a 4 or --b 3)")
    for side, result in sides.items():
        if side not in ("a", "b"):
            raise NetweaveError(f"unknown side {side!r}: a or b")
        if not 1 <= result.outcome <= 5:
            raise NetweaveError(f"an outcome is 1 to 5, not {result.outcome}")
    intro = _prepare(session, intro_id, on, today)
    _step(session, intro, Action.DEBRIEF, on, note=", ".join(sorted(sides)))
    for side, result in sides.items():
        pid = intro.a_id if side == "a" else intro.b_id
        row = session.scalar(
            select(Debrief).where(Debrief.introduction_id == intro.id, Debrief.person_id == pid)
        )
        if row is None:
            row = Debrief(introduction_id=intro.id, person_id=pid)
            session.add(row)
        row.outcome, row.business, row.referral = result.outcome, result.business, result.referral
        row.notes, row.on = (result.notes or "").strip() or None, on
    session.flush()
    return intro


def finish(
    session: Session, intro_id: int, action: Action, on: dt.date, today: dt.date, note: str = ""
) -> Introduction:
    """Close (after the introduction) or dismiss (at any open stage)."""
    if action not in (Action.CLOSE, Action.DISMISS):
        raise NetweaveError(f"{action.value} is not a way to finish an introduction")
    intro = _prepare(session, intro_id, on, today)
    _step(session, intro, action, on, note=note)
    return intro


def history(session: Session, intro: Introduction) -> list[dict[str, Any]]:
    steps = session.scalars(
        select(IntroductionStep)
        .where(IntroductionStep.introduction_id == intro.id)
        .order_by(IntroductionStep.on, IntroductionStep.id)
    )
    return [
        {
            "on": s.on.isoformat(),
            "action": s.action,
            "from": s.from_stage,
            "to": s.stage,
            "person_id": s.person_id,
            "note": s.note,
        }
        for s in steps
    ]
