"""Guards the engine needs before pairing people: blocked pairs, opt-in load, cooled down.

See `intro_rules` for the rules and their defaults. Each is one query over `introduction`
(or its steps); the suggestions service calls them once per run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from netweave.db.models_intro import Introduction, IntroductionStep
from netweave.services.intro_rules import IntroRules, load_rules
from netweave.services.intro_stages import OPEN, Action, Stage

ENDED_WITHOUT_INTRODUCTION = (Stage.A_DECLINED, Stage.B_DECLINED, Stage.NO_REPLY, Stage.DISMISSED)


def blocked_pairs(
    session: Session, today: dt.date, rules: IntroRules | None = None
) -> list[tuple[int, int]]:
    """Pairs (low id, high id) not to suggest: an open introduction, or one introduced,
    declined, unanswered or dismissed less than the pair cool-down ago (default 180 days)."""
    rules = rules or load_rules(session)
    since = today - dt.timedelta(days=rules.pair_cooldown_days)
    ended = [s.value for s in ENDED_WITHOUT_INTRODUCTION]
    rows = session.execute(
        select(Introduction.a_id, Introduction.b_id).where(
            or_(
                Introduction.stage.in_([s.value for s in OPEN]),
                Introduction.introduced_on > since,
                Introduction.stage.in_(ended) & (Introduction.stage_on > since),
            )
        )
    ).all()
    return sorted({(min(a, b), max(a, b)) for a, b in rows})


def optin_load(
    session: Session, today: dt.date, rules: IntroRules | None = None
) -> dict[int, float]:
    """Per person, opt-in asks to them decayed with a half-life (default 30 days)::

        load(p) = sum over asks to p on day d <= today of 0.5 ** ((today - d) / half_life)

    so an ask today counts 1, one a half-life ago 0.5. Asks older than ten half-lives
    (under 0.001 each) are left out of the query.
    """
    rules = rules or load_rules(session)
    half = float(rules.optin_half_life_days)
    since = today - dt.timedelta(days=10 * rules.optin_half_life_days)
    rows = session.execute(
        select(IntroductionStep.person_id, IntroductionStep.on).where(
            IntroductionStep.action == Action.ASK.value,
            IntroductionStep.on.between(since, today),
            IntroductionStep.person_id.is_not(None),
        )
    ).all()
    load: dict[int, float] = defaultdict(float)
    for pid, on in rows:
        load[int(pid)] += 0.5 ** ((today - on).days / half)
    return dict(load)


def _declines(
    session: Session, today: dt.date, rules: IntroRules, exclude: int | None = None
) -> dict[int, dt.date]:
    since = today - dt.timedelta(days=rules.person_cooldown_days)
    query = (
        select(Introduction.declined_by, func.max(Introduction.stage_on))
        .where(
            Introduction.declined_by.is_not(None),
            Introduction.stage_on > since,
            Introduction.stage_on <= today,
            Introduction.stage.in_([Stage.A_DECLINED.value, Stage.B_DECLINED.value]),
        )
        .group_by(Introduction.declined_by)
    )
    if exclude is not None:
        query = query.where(Introduction.id != exclude)
    return {int(pid): on for pid, on in session.execute(query).all()}


def cooled_down(session: Session, today: dt.date, exclude: int | None = None) -> set[int]:
    """People who declined an introduction within the person cool-down (default 90 days):
    no new opt-in ask to them until it ends."""
    return set(_declines(session, today, load_rules(session), exclude))


def declined_on(session: Session, person_id: int, exclude: int | None = None) -> dt.date | None:
    """The day `person_id` last declined an introduction (any time)."""
    query = select(func.max(Introduction.stage_on)).where(
        Introduction.declined_by == person_id,
        Introduction.stage.in_([Stage.A_DECLINED.value, Stage.B_DECLINED.value]),
    )
    if exclude is not None:
        query = query.where(Introduction.id != exclude)
    return session.scalar(query)
