"""Builders for introduction tests: people and introductions walked to a stage on fixed dates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from netweave.db.models import Person
from netweave.db.models_intro import Introduction
from netweave.services import introductions as intros
from netweave.services.intro_start import NewIntroduction, start

D0 = dt.date(2026, 10, 1)  # a Thursday
FAR = dt.date(2027, 12, 31)  # "today" for steps whose own date matters


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def begin(session: Session, a: Person, b: Person, on: dt.date = D0, **kw: object) -> Introduction:
    return start(session, NewIntroduction(a=a, b=b, **kw), on)  # type: ignore[arg-type]


def introduced(session: Session, a: Person, b: Person, on: int = 0) -> Introduction:
    """Asked, agreed by both and introduced on day `on` (all the same day)."""
    intro = begin(session, a, b, day(on))
    for step in ("ask", "agree", "ask", "agree"):
        if step == "ask":
            intros.ask(session, intro.id, day(on), day(on))
        else:
            intros.answer(session, intro.id, True, day(on), day(on))
    intros.introduce(session, intro.id, day(on), day(on))
    return intro
