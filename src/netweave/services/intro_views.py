"""Plain-dict views of introductions for `intro list/show`, `--json` and the web app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import Person
from netweave.db.models_intro import Debrief, Introduction
from netweave.services.intro_rules import IntroRules, load_rules
from netweave.services.intro_stages import AFTER_INTRODUCTION, AWAITING_REPLY, Stage, allowed
from netweave.services.intro_stages import parse_stage as _parse_stage
from netweave.services.introductions import history, load_introduction


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def next_date(intro: Introduction, rules: IntroRules) -> dict[str, str] | None:
    """The next date a time rule sets for this introduction, if any."""
    if intro.stage in AWAITING_REPLY and intro.asked_on:
        if intro.nudged_on is None:
            return {"what": "nudge", "on": rules.nudge_on(intro.asked_on).isoformat()}
        return {
            "what": "no reply",
            "on": rules.expires_on(intro.asked_on, intro.nudged_on).isoformat(),
        }
    if intro.stage in AFTER_INTRODUCTION and intro.introduced_on:
        on = rules.follow_up_on(intro.introduced_on, intro.met_on)
        return {"what": "follow-up", "on": on.isoformat()}
    return None


def introduction_summary(
    intro: Introduction, names: dict[int, str], rules: IntroRules
) -> dict[str, Any]:
    stage = Stage(intro.stage)
    return {
        "id": intro.id,
        "a": {"id": intro.a_id, "name": names.get(intro.a_id, "?")},
        "b": {"id": intro.b_id, "name": names.get(intro.b_id, "?")},
        "stage": stage.value,
        "since": intro.stage_on.isoformat(),
        "origin": intro.origin,
        "score": intro.score,
        "next": next_date(intro, rules),
        "allowed": [a.value.replace("_", "-") for a in allowed(stage)],
    }


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    rows = session.execute(select(Person.id, Person.full_name).where(Person.id.in_(ids)))
    return {int(pid): name for pid, name in rows}


def list_introductions(
    session: Session, stage: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Introductions, most recently moved first; only those at `stage` when given."""
    query = select(Introduction).order_by(Introduction.stage_on.desc(), Introduction.id.desc())
    if stage:
        query = query.where(Introduction.stage == _parse_stage(stage).value)
    if limit:
        query = query.limit(limit)
    intros = list(session.scalars(query))
    names = _names(session, {i.a_id for i in intros} | {i.b_id for i in intros})
    rules = load_rules(session)
    return [introduction_summary(i, names, rules) for i in intros]


def introduction_detail(session: Session, intro_id: int) -> dict[str, Any]:
    """Everything about one introduction: dates, reasons, score terms, history, debriefs."""
    intro = load_introduction(session, intro_id)
    names = _names(session, {intro.a_id, intro.b_id, intro.declined_by or intro.a_id})
    detail = introduction_summary(intro, names, load_rules(session))
    debriefs = session.scalars(
        select(Debrief).where(Debrief.introduction_id == intro.id).order_by(Debrief.person_id)
    )
    detail.update(
        why=intro.why,
        reasons_a=list(intro.reasons_a),
        reasons_b=list(intro.reasons_b),
        terms=dict(intro.terms),
        declined_by=(
            {"id": intro.declined_by, "name": names.get(intro.declined_by, "?")}
            if intro.declined_by
            else None
        ),
        created_on=intro.created_on.isoformat(),
        asked_on=_iso(intro.asked_on),
        nudged_on=_iso(intro.nudged_on),
        introduced_on=_iso(intro.introduced_on),
        met_on=_iso(intro.met_on),
        interaction_id=intro.interaction_id,
        history=history(session, intro),
        debriefs=[
            {
                "side": "a" if d.person_id == intro.a_id else "b",
                "person": {"id": d.person_id, "name": names.get(d.person_id, "?")},
                "outcome": d.outcome,
                "business": d.business,
                "referral": d.referral,
                "notes": d.notes,
                "on": d.on.isoformat(),
            }
            for d in debriefs
        ],
    )
    return detail
