"""Health: the strength formula, the four requirements and the going-cold list."""

from __future__ import annotations

import pytest

from netweave.db.store import Store
from netweave.services import health
from netweave.services.me import set_me
from netweave.services.people import PersonPatch, find_person
from tests.services.ledger_helpers import TODAY, days_ago, log, person


def _statuses(report: health.Health) -> dict[str, str]:
    return {r.name: r.status for r in report.requirements}


def test_never_scored_is_not_zero(store: Store) -> None:
    with store.write() as s:
        person(s, "Ann")
    with store.read() as s:
        report = health.health(s, find_person(s, "Ann"), TODAY)
    assert report.strength is None and report.never_scored
    assert report.as_dict()["never_scored"] is True


def test_strength_formula_for_one_give_in_person_today(store: Store) -> None:
    # R = 1, W = 1 so F = 1/5, G = (1+1)/(1+0+2), P = 1:
    # 100 * (0.35 + 0.30 * 0.2 + 0.15 * 2/3 + 0.20) = 71
    with store.write() as s:
        log(s, person(s, "Ann"), "give", TODAY, "in-person")
    with store.read() as s:
        report = health.health(s, find_person(s, "Ann"), TODAY)
    assert report.strength == 71
    assert report.components["frequency"] == pytest.approx(0.2)
    assert report.components["reciprocity"] == pytest.approx(2 / 3)


def test_strength_decays_with_time(store: Store) -> None:
    with store.write() as s:
        log(s, person(s, "Ann"), "give", days_ago(60), "call")
    with store.read() as s:
        later = health.health(s, find_person(s, "Ann"), TODAY)
    # R = 60/120 = 0.5, W = exp(-60/180), F = W/(W+4), G = 2/3, P = 0
    w = 0.7165313105737893
    expected = 100 * (0.35 * 0.5 + 0.30 * w / (w + 4) + 0.15 * 2 / 3)
    assert later.strength == round(expected)


def test_four_requirements_met(store: Store) -> None:
    with store.write() as s:
        set_me(
            s,
            "Alex",
            PersonPatch(
                add_facets={
                    "interests": ["cycling"],
                    "offers": ["estate planning"],
                    "needs": ["referrals from accountants"],
                }
            ),
        )
        ann = person(
            s,
            "Ann",
            tier="active",
            interests=["road cycling", "jazz"],
            needs=["estate planning for clients"],
            offers=["referrals from accountants in town"],
        )
        for n in (5, 35, 65):
            log(s, ann, "give", days_ago(n), "in-person" if n == 65 else "call")
    with store.read() as s:
        report = health.health(s, find_person(s, "Ann"), TODAY)
    assert _statuses(report) == {
        "common ground": "met",
        "mutual interest": "met",
        "regular contact that gives": "met",
        "occasional face-to-face": "met",
    }
    assert "road cycling" in report.requirements[0].reason


def test_requirements_missing_or_unknown(store: Store) -> None:
    with store.write() as s:
        ann = person(s, "Ann", tier="inner", interests=["jazz"])
        log(s, ann, "ask", days_ago(3), "in-person")
        log(s, ann, "ask", days_ago(250), "in-person")
    with store.read() as s:
        report = health.health(s, find_person(s, "Ann"), TODAY, face_days=2)
    statuses = _statuses(report)
    assert statuses["common ground"] == "unknown"  # no "me" interests yet
    assert statuses["mutual interest"] == "unknown"
    assert statuses["regular contact that gives"] == "partial"
    assert "more asks than gives" in report.requirements[2].reason
    assert statuses["occasional face-to-face"] == "missing"  # window of 2 days
    with store.read() as s:
        wide = health.health(s, find_person(s, "Ann"), TODAY, face_days=182)
    assert _statuses(wide)["occasional face-to-face"] == "met"


def test_dormant_has_no_cadence_requirement(store: Store) -> None:
    with store.write() as s:
        person(s, "Ann", tier="dormant")
    with store.read() as s:
        report = health.health(s, find_person(s, "Ann"), TODAY)
    assert _statuses(report)["regular contact that gives"] == "n/a"


def test_going_cold_list_with_reasons_strongest_first(store: Store) -> None:
    with store.write() as s:
        strong, weak = person(s, "Strong", tier="active"), person(s, "Weak", tier="active")
        warm = person(s, "Warm", tier="active")
        for n in (40, 50, 60, 70, 80):
            log(s, strong, "give", days_ago(n), "in-person")
        for n in (300, 320, 340):
            log(s, weak, "ask", days_ago(n), "email")
        for n in (1, 10, 20):
            log(s, warm, "give", days_ago(n), "in-person")
        log(s, person(s, "Once", tier="inner"), on=days_ago(100))  # too few to be "cold"
    with store.read() as s:
        items, total = health.going_cold(s, TODAY)
    assert [i.name for i in items] == ["Strong", "Weak"] and total == 2
    assert items[0].reasons == ["no contact for 40 days (keep in touch every 30)"]
    assert "never met face-to-face" in items[1].reasons
    assert "you asked 3 times and gave 0" in items[1].reasons
    assert items[0].strength is not None and items[1].strength is not None
    assert items[0].strength > items[1].strength
