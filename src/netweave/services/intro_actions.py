"""The introduction verbs by name, for callers that receive them as text (the web app).

Like every `netweave intro` command, each call first lets the clock catch up (`sweep`),
then acts and returns the introduction's detail view, all in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from netweave.errors import NetweaveError
from netweave.services import introductions as service
from netweave.services.intro_stages import Action
from netweave.services.intro_start import NewIntroduction, start
from netweave.services.intro_views import introduction_detail
from netweave.services.people import find_person

Verb = Callable[[Session, int, dt.date, dt.date, str, int | None], object]
VERBS: dict[str, Verb] = {
    "ask": lambda s, i, on, today, note, minutes: service.ask(s, i, on, today),
    "agree": lambda s, i, on, today, note, minutes: service.answer(s, i, True, on, today, note),
    "decline": lambda s, i, on, today, note, minutes: service.answer(s, i, False, on, today, note),
    "nudge": lambda s, i, on, today, note, minutes: service.nudge(s, i, on, today),
    "introduce": lambda s, i, on, today, note, minutes: service.introduce(s, i, on, today, minutes),
    "met": lambda s, i, on, today, note, minutes: service.met(s, i, on, today),
    "follow-up": lambda s, i, on, today, note, minutes: service.follow_up(s, i, on, today),
    "close": lambda s, i, on, today, note, minutes: service.finish(
        s, i, Action.CLOSE, on, today, note
    ),
    "dismiss": lambda s, i, on, today, note, minutes: service.finish(
        s, i, Action.DISMISS, on, today, note
    ),
}


def perform(
    session: Session,
    intro_id: int,
    verb: str,
    today: dt.date,
    on: dt.date | None = None,
    note: str = "",
    minutes: int | None = None,
) -> dict[str, Any]:
    """Apply `verb` (ask, agree, … dismiss) on `on` (default today); refusals name what is
    allowed now."""
    act = VERBS.get(verb.replace("_", "-"))
    if act is None:
        hint = " (use the debrief form)" if verb == "debrief" else ""
        raise NetweaveError(f"unknown action {verb!r}{hint}; one of: {', '.join(VERBS)}")
    service.sweep(session, today)
    act(session, intro_id, on or today, today, note, minutes)
    return introduction_detail(session, intro_id)


def record_debrief(
    session: Session,
    intro_id: int,
    sides: dict[str, service.SideOutcome],
    today: dt.date,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """Record how it went for side "a" and/or "b"."""
    service.sweep(session, today)
    service.debrief(session, intro_id, sides, on or today, today)
    return introduction_detail(session, intro_id)


def start_by_hand(
    session: Session,
    today: dt.date,
    a_ref: str,
    b_ref: str,
    why: str | None = None,
    reasons_a: list[str] | None = None,
    reasons_b: list[str] | None = None,
    anyway: bool = False,
) -> dict[str, Any]:
    """Start an introduction between two people (id, email or name), as `intro start A B`."""
    new = NewIntroduction(
        a=find_person(session, a_ref),
        b=find_person(session, b_ref),
        why=why,
        reasons_a=reasons_a,
        reasons_b=reasons_b,
    )
    service.sweep(session, today)
    return introduction_detail(session, start(session, new, today, anyway).id)


def current(session: Session, intro_id: int, today: dt.date) -> dict[str, Any]:
    """One introduction's detail once the clock has caught up."""
    service.sweep(session, today)
    return introduction_detail(session, intro_id)
