"""Logging, editing and deleting interactions; acquaintance edges; the contact summary."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netweave.db.models import Acquaintance, ContactSummary
from netweave.db.store import Store
from netweave.errors import NetweaveError, NotFound
from netweave.services import contact_summary, interactions
from netweave.services.me import set_me
from netweave.services.people import PersonPatch, find_person
from tests.services.ledger_helpers import TODAY, days_ago, log, person


def test_log_with_several_people_records_acquaintances(store: Store) -> None:
    with store.write() as s:
        a, b, c = person(s, "Ann"), person(s, "Ben"), person(s, "Cy")
        done = log(s, [a, b, c], "give", days_ago(3), "in-person", give_kind="introduction")
        assert done.give_kind == "introduction"
    with store.read() as s:
        edges = s.execute(select(Acquaintance.low_id, Acquaintance.high_id, Acquaintance.source))
        assert sorted(edges) == [
            (1, 2, "interaction"),
            (1, 3, "interaction"),
            (2, 3, "interaction"),
        ]


def test_bad_values_are_refused(store: Store) -> None:
    with store.write() as s:
        a = person(s, "Ann")
        with pytest.raises(NetweaveError, match="unknown channel"):
            log(s, a, channel="pigeon")
        with pytest.raises(NetweaveError, match="unknown direction"):
            log(s, a, direction="take")
        with pytest.raises(NetweaveError, match="neutral interaction has no give kind"):
            log(s, a, "neutral", give_kind="referral")
        with pytest.raises(NetweaveError, match="no introduction"):
            log(s, a, follow_up=True)


def test_me_cannot_be_a_participant(store: Store) -> None:
    with store.write() as s:
        set_me(s, "Alex", PersonPatch())
        person(s, "Ann")
        with pytest.raises(NetweaveError, match="is you"):
            interactions.resolve_people(s, ["Alex"])


def test_summary_follows_log_edit_and_delete(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        first = log(s, a, "give", days_ago(10), "in-person")
        log(s, a, "ask", days_ago(2), "email")
        ids = (a.id, b.id, first.id)
    with store.read() as s:
        row = s.get(ContactSummary, ids[0])
        assert row is not None
        assert (row.interactions, row.gives, row.asks) == (2, 1, 1)
        assert row.last_day == days_ago(2).toordinal()
        assert row.last_face_day == days_ago(10).toordinal()
        assert s.get(ContactSummary, ids[1]) is None  # never scored
    with store.write() as s:
        patch = interactions.InteractionPatch(
            channel="call", add_people=[find_person(s, "Ben")], occurred_on=days_ago(1)
        )
        interactions.edit_interaction(s, ids[2], patch)
    with store.read() as s:
        ann, ben = s.get(ContactSummary, ids[0]), s.get(ContactSummary, ids[1])
        assert ann is not None and ben is not None
        assert ann.last_face_day is None and ann.last_day == days_ago(1).toordinal()
        assert ben.interactions == 1
    with store.write() as s:
        interactions.delete_interaction(s, ids[2])
    with store.read() as s:
        assert s.get(ContactSummary, ids[1]) is None
        listed = interactions.list_interactions(s, find_person(s, "Ann"))
        assert [i.direction for i in listed] == ["ask"]


def test_refresh_everyone_matches_incremental(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        log(s, [a, b], "give", days_ago(40), "event")
        log(s, b, "receive", days_ago(5), give_kind="referral")
    with store.read() as s:
        before = sorted(
            (r.person_id, r.interactions, r.first_day, r.last_day, round(r.weight, 3))
            for r in s.scalars(select(ContactSummary))
        )
    with store.write() as s:
        contact_summary.refresh(s)
    with store.read() as s:
        after = sorted(
            (r.person_id, r.interactions, r.first_day, r.last_day, round(r.weight, 3))
            for r in s.scalars(select(ContactSummary))
        )
    assert before == after and len(after) == 2


def test_follow_up_links_to_the_latest_introduction(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        intro = log(s, [a, b], "give", days_ago(20), give_kind="introduction")
        follow = log(s, a, "neutral", TODAY, follow_up=True)
        assert follow.follow_up_of == intro.id
        interactions.delete_interaction(s, intro.id)
        s.refresh(follow)
        assert follow.follow_up_of is None


def test_edit_and_delete_unknown_interaction(store: Store) -> None:
    with store.write() as s, pytest.raises(NotFound):
        interactions.delete_interaction(s, 99)
    with store.write() as s:
        a = person(s, "Ann")
        done = log(s, a)
        with pytest.raises(NetweaveError, match="at least one person"):
            interactions.edit_interaction(
                s, done.id, interactions.InteractionPatch(remove_people=[a])
            )
