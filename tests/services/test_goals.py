"""Goals: parsing, periods, one counting function per metric, progress, streaks, history."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.db.store import Store
from netweave.errors import NetweaveError, NotFound
from netweave.services import goals
from tests.services.ledger_helpers import TODAY, days_ago, log, person


def test_parse_target_and_metric() -> None:
    assert goals.parse_target("3/week") == (3, "week")
    assert goals.parse_target("1 per fortnight") == (1, "fortnight")
    assert goals.parse_target("2 a month") == (2, "month")
    assert goals.parse_metric("Face to face") == "face-to-face"
    assert goals.parse_metric("outings") == "face-to-face"
    for bad in ("three/week", "0/week", "3/year"):
        with pytest.raises(NetweaveError):
            goals.parse_target(bad)
    with pytest.raises(NetweaveError, match="unknown metric"):
        goals.parse_metric("hugs")


def test_period_bounds() -> None:
    monday = dt.date(2026, 11, 23)
    assert goals.period_bounds("day", monday) == (monday, monday)
    assert goals.period_bounds("week", dt.date(2026, 11, 29)) == (monday, dt.date(2026, 11, 29))
    assert goals.period_bounds("month", dt.date(2026, 2, 10)) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
    )
    start, end = goals.period_bounds("fortnight", monday)
    assert start.weekday() == 0 and (end - start).days == 13 and start <= monday <= end
    assert goals.period_bounds("fortnight", end + dt.timedelta(days=1))[0] == end + dt.timedelta(
        days=1
    )


def test_each_metric_counts_its_interactions(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        person(s, "Met", met_on=days_ago(2))
        log(s, [a, b], "give", days_ago(20), give_kind="introduction")
        log(s, a, "give", days_ago(1), "in-person", follow_up=True)
        log(s, a, "give", days_ago(3), "event", give_kind="content")
        log(s, person(s, "New"), "neutral", days_ago(4))
    week_start = days_ago(6)
    with store.read() as s:
        counts = {m: sum(f(s, week_start, TODAY).values()) for m, f in goals.METRICS.items()}
    assert counts == {
        "introductions": 0,
        "follow-ups": 1,
        "gives": 2,
        "face-to-face": 2,
        "new-people": 2,  # "Met" by met_on, "New" by first interaction
    }


def test_progress_streak_and_history(store: Store) -> None:
    with store.write() as s:
        goals.set_goal(s, "introductions", "2/week", TODAY)
        a, b = person(s, "Ann"), person(s, "Ben")
        # Met in the two previous weeks, missed three weeks ago; one so far this week.
        for n in (6, 7, 13, 14, 21, 0):
            log(s, [a, b], "give", days_ago(n), give_kind="introduction")
    with store.read() as s:
        statuses = {g.metric: g for g in goals.goal_statuses(s, TODAY)}
        intro = statuses["introductions"]
        assert (intro.done, intro.remaining, intro.streak) == (1, 1, 2)
        assert "1/2 this week (1 to go)" in intro.describe()
        face = statuses["face-to-face"]
        assert face.default and (face.target, face.period) == (1, "fortnight")
        hist = goals.goal_history(s, "introductions", TODAY, 4)
    assert [p["count"] for p in hist["periods"]] == [1, 2, 2, 1]
    assert [p["met"] for p in hist["periods"]] == [False, True, True, False]
    assert hist["streak"] == 2


def test_streak_includes_the_current_period_once_met(store: Store) -> None:
    with store.write() as s:
        goals.set_goal(s, "gives", "1/day", TODAY)
        a = person(s, "Ann")
        for n in (0, 1, 2):
            log(s, a, "give", days_ago(n))
    with store.read() as s:
        (gives, _face) = goals.goal_statuses(s, TODAY)
    assert gives.metric == "gives" and gives.streak == 3


def test_set_replaces_and_remove(store: Store) -> None:
    with store.write() as s:
        goals.set_goal(s, "gives", "1/day", TODAY)
        goals.set_goal(s, "gives", "5/week", TODAY)
        assert goals.goal_for(s, "gives") == (5, "week")
        goals.remove_goal(s, "gives")
        assert goals.goal_for(s, "gives") is None
        with pytest.raises(NotFound):
            goals.remove_goal(s, "gives")
        with pytest.raises(NotFound):
            goals.goal_history(s, "gives", TODAY)
