"""Merging two records of one person keeps all their history; duplicates are ranked."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.importers.records import InteractionRecord, Labelled, PersonRecord
from netweave.services import bulk, people
from netweave.services.merge import find_duplicates, merge_people
from netweave.services.views import person_detail


def test_merge_moves_items_edges_and_interactions(store: Store) -> None:
    with store.write() as s:
        a = people.add_person(
            s,
            PersonRecord(
                full_name="Kim Park",
                emails=[Labelled("kim@a.kr")],
                offers=["translation"],
                tags=["vip"],
            ),
        )
        b = people.add_person(
            s,
            PersonRecord(
                full_name="Kim Park",
                emails=[Labelled("kim@b.kr")],
                offers=["translation", "interpreting"],
                tags=["vip", "seoul"],
                title="Interpreter",
                notes="met at KOTRA",
            ),
        )
        friend = people.add_person(
            s, PersonRecord(full_name="Friend", emails=[Labelled("f@x.org")])
        )
        people.add_acquaintance(s, b, friend, "bni")
        people.add_acquaintance(s, a, b, "same person")
        bulk.insert_interactions(
            s,
            [InteractionRecord(dt.date(2026, 1, 1), "call", "give", ["kim@b.kr", "f@x.org"])],
            {"kim@b.kr": b.id, "f@x.org": friend.id},
        )
        keep, gone = a.id, b.id
    with store.write() as s:
        merge_people(s, people.load_person(s, keep), people.load_person(s, gone))
    with store.read() as s:
        detail = person_detail(s, people.load_person(s, keep))
        assert people.count_people(s) == 2
        assert detail["emails"] == ["kim@a.kr", "kim@b.kr"]
        assert sorted(i["text"] for i in detail["facets"]["offers"]) == [
            "interpreting",
            "translation",
        ]
        assert detail["tags"] == ["seoul", "vip"]
        assert detail["title"] == "Interpreter" and detail["notes"] == "met at KOTRA"
        assert [k["name"] for k in detail["knows"]] == ["Friend"]
        from sqlalchemy import select

        from netweave.db.models import InteractionParticipant

        ids = set(s.scalars(select(InteractionParticipant.person_id)))
        assert ids == {keep, friend.id}
        assert [p.full_name for p in people.search_people(s, "interpreting")] == ["Kim Park"]


def test_merge_with_self_is_refused(store: Store) -> None:
    with store.write() as s:
        a = people.add_person(s, PersonRecord(full_name="Solo"))
        with pytest.raises(NetweaveError):
            merge_people(s, a, a)


def test_duplicates_are_ranked_with_reasons(store: Store) -> None:
    with store.write() as s:
        people.add_person(
            s,
            PersonRecord(
                full_name="Jonathan Smith",
                organisation="Acme",
                phones=[Labelled("+1 (555) 010-2000")],
            ),
        )
        people.add_person(
            s,
            PersonRecord(
                full_name="Jonathon Smith", organisation="Acme", phones=[Labelled("555 010 2000")]
            ),
        )
        people.add_person(s, PersonRecord(full_name="Maria Garcia"))
        people.add_person(s, PersonRecord(full_name="María García"))
        people.add_person(s, PersonRecord(full_name="Completely Different"))
    with store.read() as s:
        pairs = find_duplicates(s)
    names = [(p.a_name, p.b_name) for p in pairs]
    assert ("Jonathan Smith", "Jonathon Smith") in names
    assert ("Maria Garcia", "María García") in names
    assert all("Completely Different" not in n for pair in names for n in pair)
    smith = next(p for p in pairs if p.a_name == "Jonathan Smith")
    assert "same phone number" in smith.reasons and "same organisation" in smith.reasons
