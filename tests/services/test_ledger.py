"""The ledger by month and "jab, jab, jab, hook" before an ask."""

from __future__ import annotations

import datetime as dt

from netweave.db.store import Store
from netweave.services import interactions, ledger
from netweave.services.people import find_person
from tests.services.ledger_helpers import TODAY, days_ago, log, person


def test_ledger_counts_by_month(store: Store) -> None:
    with store.write() as s:
        a = person(s, "Ann")
        log(s, a, "give", dt.date(2026, 10, 3), minutes=30)
        log(s, a, "give", dt.date(2026, 10, 20))
        log(s, a, "ask", dt.date(2026, 11, 2), minutes=15)
        log(s, a, "receive", dt.date(2026, 11, 9))
        log(s, person(s, "Ben"), "give", dt.date(2026, 11, 9))
    with store.read() as s:
        report = ledger.ledger(s, find_person(s, "Ann"), TODAY).as_dict()
    assert report["months"] == [
        {"month": "2026-10", "gives": 2, "asks": 0, "receives": 0, "neutral": 0, "minutes": 30},
        {"month": "2026-11", "gives": 0, "asks": 1, "receives": 1, "neutral": 0, "minutes": 15},
    ]
    assert report["totals"]["gives"] == 2 and report["balance"] == 1
    assert report["last_interaction"] == "2026-11-09"
    assert report["jab"]["gives_since_last_ask"] == 0 and not report["jab"]["ready_to_ask"]


def test_jab_counts_gives_since_the_last_ask(store: Store) -> None:
    with store.write() as s:
        a = person(s, "Ann")
        for n in (30, 20, 10):
            log(s, a, "give", days_ago(n))
        assert ledger.jab_status(s, a.id, TODAY).ready
        log(s, a, "ask", days_ago(5))
        log(s, a, "give", days_ago(4))
        status = ledger.jab_status(s, a.id, TODAY)
        assert (status.gives_since_last_ask, status.last_ask_on) == (1, days_ago(5))
        assert "give 2 more before asking" in status.message("Ann")


def test_ask_warns_with_ideas_when_fewer_than_three_gives(store: Store) -> None:
    with store.write() as s:
        person(s, "Ann", interests=["cycling"], needs=["a tax accountant"])
        person(s, "Ben", offers=["tax returns for families"])
        log(s, find_person(s, "Ann"), "give", days_ago(9))
        entry = interactions.InteractionInput("email", "ask", TODAY, note="a favour?")
        logged = interactions.record_interaction(s, ["Ann"], entry)
        assert len(logged.warnings) == 1
        warning = logged.warnings[0]
        assert "only 1 give" in warning.message
        assert warning.ideas.content == ["share something about cycling"]
        assert [i.name for i in warning.ideas.introductions] == ["Ben"]
        assert "engine" in warning.ideas.introductions_source


def test_ask_after_three_gives_does_not_warn(store: Store) -> None:
    with store.write() as s:
        a = person(s, "Ann")
        for n in (3, 2, 1):
            log(s, a, "give", days_ago(n))
        entry = interactions.InteractionInput("call", "ask", TODAY)
        assert interactions.record_interaction(s, ["Ann"], entry).warnings == []
