"""The contact book service, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from netweave.db.store import Store
from netweave.errors import Ambiguous, NetweaveError, NotFound
from netweave.importers.records import Labelled, PersonRecord
from netweave.services import people
from netweave.services.views import person_detail


def dana() -> PersonRecord:
    return PersonRecord(
        full_name="Dana Reyes",
        emails=[Labelled("Dana@ReyesLaw.com", "work")],
        organisation="Reyes Law",
        title="Family-law attorney",
        offers=["family-law advice"],
        needs=["referrals from CPAs"],
        interests=["cycling"],
        tags=["BNI"],
    )


def test_add_and_show_everything(store: Store) -> None:
    with store.write() as s:
        pid = people.add_person(s, dana()).id
    with store.read() as s:
        detail = person_detail(s, people.load_person(s, pid))
    assert detail["emails"] == ["dana@reyeslaw.com"]
    assert detail["organisation"] == "Reyes Law"
    assert [i["text"] for i in detail["facets"]["offers"]] == ["family-law advice"]
    assert [i["text"] for i in detail["facets"]["needs"]] == ["referrals from CPAs"]
    assert detail["tags"] == ["bni"]
    assert detail["cadence_days"] == 90  # the default tier: network


def test_find_by_id_email_name_and_search(store: Store) -> None:
    with store.write() as s:
        pid = people.add_person(s, dana()).id
    with store.read() as s:
        for ref in (str(pid), "dana@reyeslaw.com", "dana reyes", "Reyes"):
            assert people.find_person(s, ref).id == pid
        with pytest.raises(NotFound):
            people.find_person(s, "Nobody Atall")


def test_ambiguous_name_lists_candidates(store: Store) -> None:
    with store.write() as s:
        people.add_person(s, PersonRecord(full_name="Sam Lee"))
        people.add_person(s, PersonRecord(full_name="Sam Lee"))
    with store.read() as s, pytest.raises(Ambiguous, match="several people"):
        people.find_person(s, "Sam Lee")


def test_email_belongs_to_one_person(store: Store) -> None:
    with store.write() as s:
        people.add_person(s, dana())
    with pytest.raises(NetweaveError, match="already belongs"), store.write() as s:
        people.add_person(
            s, PersonRecord(full_name="Other", emails=[Labelled("dana@reyeslaw.com")])
        )
    with store.read() as s:
        assert people.count_people(s) == 1


def test_search_covers_facets_organisation_and_prefixes(store: Store) -> None:
    with store.write() as s:
        people.add_person(s, dana())
        people.add_person(s, PersonRecord(full_name="Lee Chen", offers=["tax filing"]))
    with store.read() as s:
        assert [p.full_name for p in people.search_people(s, "family law")] == ["Dana Reyes"]
        assert [p.full_name for p in people.search_people(s, "reyes")] == ["Dana Reyes"]
        assert [p.full_name for p in people.search_people(s, "tax fil")] == ["Lee Chen"]
        assert people.search_people(s, "  ") == []
        assert people.search_people(s, 'quote" OR *') == []


def test_edit_adds_removes_and_reindexes(store: Store) -> None:
    with store.write() as s:
        person = people.add_person(s, dana())
        pid = person.id
    with store.write() as s:
        p = people.load_person(s, pid)
        offer_id = next(f.id for f in p.facets if f.kind == "offer")
        patch = people.PersonPatch(
            add_facets={"offers": ["mediation"]},
            remove_facet_ids=[offer_id],
            remove_tags=["bni"],
            add_tags=["vip"],
            scalars={"why_connect": "she sends me clients"},
        )
        people.edit_person(s, p, patch)
    with store.read() as s:
        detail = person_detail(s, people.load_person(s, pid))
        assert [i["text"] for i in detail["facets"]["offers"]] == ["mediation"]
        assert detail["tags"] == ["vip"]
        assert detail["four_questions"]["why_connect"] == "she sends me clients"
        assert [p.id for p in people.search_people(s, "mediation")] == [pid]
        assert people.search_people(s, "advice") == []


def test_remove_deletes_everything_about_the_person(store: Store) -> None:
    with store.write() as s:
        a = people.add_person(s, dana())
        b = people.add_person(s, PersonRecord(full_name="Lee Chen"))
        people.add_acquaintance(s, a, b, "bni")
        aid = a.id
    with store.write() as s:
        people.remove_person(s, people.load_person(s, aid))
    with store.read() as s:
        assert people.search_people(s, "dana") == []
        lee = people.find_person(s, "Lee Chen")
        assert people.acquaintances_of(s, lee) == []


def test_acquaintance_is_symmetric_and_not_duplicated(store: Store) -> None:
    with store.write() as s:
        a = people.add_person(s, dana())
        b = people.add_person(s, PersonRecord(full_name="Lee Chen"))
        assert people.add_acquaintance(s, b, a, "bni") is True
        assert people.add_acquaintance(s, a, b, "bni") is False
        assert [p.full_name for p in people.acquaintances_of(s, a)] == ["Lee Chen"]
        assert [p.full_name for p in people.acquaintances_of(s, b)] == ["Dana Reyes"]
        with pytest.raises(NetweaveError):
            people.add_acquaintance(s, a, a)


def test_list_pages_filters_by_tag_and_counts(store: Store) -> None:
    with store.write() as s:
        for i in range(7):
            tags = ["even"] if i % 2 == 0 else []
            people.add_person(s, PersonRecord(full_name=f"Person {i}", tags=tags))
    with store.read() as s:
        page = people.list_people(s, limit=3, offset=3)
        assert page.total == 7
        assert [p.full_name for p in page.people] == ["Person 3", "Person 4", "Person 5"]
        assert people.list_people(s, tag="EVEN").total == 4


def test_invalid_enumerations_are_refused(store: Store) -> None:
    with pytest.raises(NetweaveError, match="openness"), store.write() as s:
        people.add_person(s, PersonRecord(full_name="X", openness="sometimes"))
    with pytest.raises(NetweaveError, match="networker level"), store.write() as s:
        people.add_person(s, PersonRecord(full_name="X", networker_level=9))


@pytest.mark.parametrize("ref", ["¹", "²³", "①"])
def test_digits_that_are_not_decimal_are_not_ids(sqlite_store: Store, ref: str) -> None:
    """`"¹".isdigit()` is true but `int("¹")` fails: such a reference is a name, not a crash."""
    with sqlite_store.read() as s, pytest.raises(NotFound):
        people.find_person(s, ref)


def test_a_vcard_level_in_superscript_digits_is_kept_as_text() -> None:
    from netweave.importers.vcard import parse_vcard_text

    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A B\r\nX-NETWEAVE-NETWORKER-LEVEL:²\r\nEND:VCARD\r\n"
    person = parse_vcard_text(card, "f.vcf").people[0]
    assert person.networker_level is None
    assert "²" in person.extra.values()
