"""This week's plan, from the services that own each section."""

from __future__ import annotations

from netweave.db.store import Store
from netweave.services import goals
from netweave.services.week import NO_INTRODUCTIONS, week_plan
from tests.services.ledger_helpers import TODAY, days_ago, log, person


def test_week_plan_sections(store: Store) -> None:
    with store.write() as s:
        goals.set_goal(s, "introductions", "3/week", TODAY)
        a, b = person(s, "Ann", tier="active"), person(s, "Ben", tier="active")
        log(s, [a, b], "give", days_ago(15), "in-person", give_kind="introduction")
        cold = person(s, "Cold", tier="active")
        for n in (40, 50, 60):
            log(s, cold, on=days_ago(n))
    with store.read() as s:
        plan = week_plan(s, TODAY).as_dict()
    assert plan["week"] == {"start": "2026-11-23", "end": "2026-11-29"}
    assert plan["introductions"] == [] and plan["introductions_note"] == NO_INTRODUCTIONS
    assert [f["person"]["name"] for f in plan["follow_ups"]] == ["Ann", "Ben"]
    assert [c["person"]["name"] for c in plan["going_cold"]] == ["Cold"]
    outing = plan["next_outing"]
    assert outing["last_face_to_face"] == days_ago(15).isoformat()
    assert outing["due_on"] == days_ago(1).isoformat()  # default goal: one every 14 days
    assert [g["metric"] for g in plan["goals"]] == ["introductions", "face-to-face"]
    assert plan["goals"][0]["done"] == 0 and plan["goals"][0]["remaining"] == 3


def test_empty_week(store: Store) -> None:
    with store.read() as s:
        plan = week_plan(s, TODAY)
    assert plan.follow_ups == [] and plan.going_cold == []
    assert plan.outing.due_on == TODAY and plan.outing.last_on is None
