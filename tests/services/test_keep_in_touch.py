"""Keep in touch: cadence from tier or own, clock reset by any interaction, ranking, follow-ups."""

from __future__ import annotations

import datetime as dt
import itertools

from netweave.db.store import Store
from netweave.services.keep_in_touch import DUE_SOURCES, DueItem, due
from netweave.services.me import set_me
from netweave.services.people import PersonPatch
from tests.services.ledger_helpers import TODAY, days_ago, log, person


def _kinds(items: list[DueItem]) -> list[tuple[str, str]]:
    return [(i.kind, i.person) for i in items]


def test_cadence_from_tier_and_own(store: Store) -> None:
    with store.write() as s:
        log(s, person(s, "Inner", tier="inner"), on=days_ago(20))  # 14: 6 days overdue
        log(s, person(s, "Active", tier="active"), on=days_ago(20))  # 30: not due
        log(s, person(s, "Network", tier="network"), on=days_ago(100))  # 90: due
        log(s, person(s, "Dormant", tier="dormant"), on=days_ago(900))  # never due
        log(s, person(s, "Own", tier="network", cadence_days=7), on=days_ago(7))  # due today
    with store.read() as s:
        report = due(s, TODAY)
    assert {i.person for i in report.items} == {"Inner", "Network", "Own"}
    reasons = {i.person: i.reason for i in report.items}
    assert "6 days overdue" in reasons["Inner"] and "(tier inner)" in reasons["Inner"]
    assert "due today" in reasons["Own"] and "own cadence" in reasons["Own"]
    inner = next(i for i in report.items if i.person == "Inner")
    assert inner.due_on == days_ago(6)
    assert report.total == 3 and report.by_kind == {"keep-in-touch": 3}


def test_any_interaction_resets_the_clock(store: Store) -> None:
    with store.write() as s:
        a = person(s, "Ann", tier="inner")
        log(s, a, on=days_ago(30))
    with store.read() as s:
        assert [i.person for i in due(s, TODAY).items] == ["Ann"]
    with store.write() as s:
        log(s, a, "receive", days_ago(1), "message")
    with store.read() as s:
        assert due(s, TODAY).items == []


def test_ranked_by_overdue_ratio_and_strength(store: Store) -> None:
    with store.write() as s:
        # Same ratio (1.0 overdue): the stronger relationship comes first.
        weak, strong = person(s, "Weak", tier="inner"), person(s, "Strong", tier="inner")
        log(s, weak, on=days_ago(28))
        for n in (28, 35, 40, 50):
            log(s, strong, "give", days_ago(n), "in-person")
        # Far more overdue but never met in person and little contact: still ranked.
        log(s, person(s, "Late", tier="active"), on=days_ago(100))
    with store.read() as s:
        items = due(s, TODAY).items
    names = [i.person for i in items]
    assert names.index("Strong") < names.index("Weak")
    assert all(a.priority >= b.priority for a, b in itertools.pairwise(items))
    assert "strength" in items[0].reason


def test_never_contacted_counts_from_met_on_and_me_is_left_out(store: Store) -> None:
    with store.write() as s:
        person(s, "Met", tier="active", met_on=days_ago(45))
        me = set_me(s, "Alex", PersonPatch())
        me.tier, me.met_on = "inner", days_ago(400)
    with store.read() as s:
        items = due(s, TODAY).items
    assert [i.person for i in items] == ["Met"]
    assert "no contact logged since you met on" in items[0].reason
    assert "never scored" in items[0].reason


def test_follow_ups_due_two_weeks_after_an_introduction(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann", tier="dormant"), person(s, "Ben", tier="dormant")
        log(s, [a, b], "give", days_ago(20), give_kind="introduction")
        log(s, [a, b], "give", days_ago(5), give_kind="introduction")  # too recent
        log(s, [a, b], "give", days_ago(90), give_kind="introduction")  # expired
    with store.read() as s:
        report = due(s, TODAY)
    assert _kinds(report.items) == [("follow-up", "Ann"), ("follow-up", "Ben")]
    assert report.items[0].due_on == days_ago(6)
    assert "introduced to Ben" in report.items[0].reason
    with store.write() as s:
        log(s, a, "neutral", TODAY, follow_up=True)
    with store.read() as s:
        assert _kinds(due(s, TODAY).items) == [("follow-up", "Ben")]


def test_due_sources_are_pluggable(store: Store) -> None:
    def requests(_s: object, today: dt.date, _limit: int) -> tuple[list[DueItem], int]:
        return [DueItem("request", 0, "Someone", today, "an open request loop", 9.0)], 1

    DUE_SOURCES.append(requests)
    try:
        with store.read() as s:
            report = due(s, TODAY)
    finally:
        DUE_SOURCES.remove(requests)
    assert report.items[0].kind == "request" and report.by_kind == {"request": 1}
