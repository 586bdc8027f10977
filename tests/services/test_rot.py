"""Return on time by month, person, channel and event."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.services.rot import rot_report
from tests.services.ledger_helpers import log, person


@pytest.fixture
def logged(store: Store) -> Store:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        log(s, [a, b], "neutral", dt.date(2026, 10, 5), "event", minutes=120, event="BNI")
        log(s, a, "give", dt.date(2026, 10, 20), "call")  # no minutes: a call counts 20
        log(s, a, "receive", dt.date(2026, 11, 2), "email", minutes=10, give_kind="referral")
        log(s, b, "receive", dt.date(2026, 11, 9), "call", minutes=30, outcome="business")
    return store


def _rows(store: Store, by: str) -> dict[str, dict[str, object]]:
    with store.read() as s:
        return {r.key: r.as_dict() for r in rot_report(s, by)}


def test_rot_by_month(logged: Store) -> None:
    rows = _rows(logged, "month")
    assert list(rows) == ["2026-10", "2026-11"]
    assert rows["2026-10"]["hours"] == pytest.approx(140 / 60, abs=0.01)
    assert rows["2026-10"]["rot"] == 0
    november = rows["2026-11"]
    assert (november["referrals"], november["business"], november["points"]) == (1, 1, 4.0)
    assert november["rot"] == pytest.approx(4 / (40 / 60), abs=0.001)


def test_rot_by_person_shares_minutes(logged: Store) -> None:
    rows = {r["name"]: r for r in _rows(logged, "person").values()}
    assert rows["Ann"]["hours"] == pytest.approx((60 + 20 + 10) / 60, abs=0.01)
    assert rows["Ben"]["hours"] == pytest.approx((60 + 30) / 60, abs=0.01)
    assert (rows["Ann"]["referrals"], rows["Ben"]["business"]) == (1, 1)


def test_rot_by_channel_and_event(logged: Store) -> None:
    channels = _rows(logged, "channel")
    assert channels["call"]["hours"] == pytest.approx(50 / 60, abs=0.01)
    assert channels["call"]["business"] == 1 and channels["email"]["referrals"] == 1
    events = _rows(logged, "event")
    # Outcomes from people met at BNI afterwards are credited to BNI.
    assert events["BNI"]["hours"] == 2.0
    assert (events["BNI"]["referrals"], events["BNI"]["business"]) == (1, 1)
    assert events["BNI"]["points"] == 4.0


def test_rot_unknown_grouping(store: Store) -> None:
    with store.read() as s, pytest.raises(NetweaveError, match="unknown grouping"):
        rot_report(s, "planet")
