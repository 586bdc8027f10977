"""Merging imported records: never duplicate, never overwrite silently, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.db.store import Store
from netweave.importers.records import (
    InteractionRecord,
    Labelled,
    ParseResult,
    ParseStream,
    PersonRecord,
    Rejection,
)
from netweave.services import people
from netweave.services.imports import StrictImportError, import_parsed
from netweave.services.views import person_detail


def run(store: Store, *records: PersonRecord, strict: bool = False, **kw: object):  # type: ignore[no-untyped-def]
    result = ParseResult(people=list(records), **kw)  # type: ignore[arg-type]
    with store.write() as s:
        return import_parsed(s, result, file="contacts.csv", strict=strict)


def ana(**kw: object) -> PersonRecord:
    base: dict[str, object] = {
        "full_name": "Ana Lima",
        "emails": [Labelled("ana@lima.pt")],
        "organisation": "Lima Contabilidade",
        "title": "Accountant",
        "line": 2,
    }
    base.update(kw)
    return PersonRecord(**base)  # type: ignore[arg-type]


def detail(store: Store, ref: str) -> dict[str, object]:
    with store.read() as s:
        return person_detail(s, people.find_person(s, ref))


def test_reimporting_the_same_records_changes_nothing(store: Store) -> None:
    first = run(store, ana(), PersonRecord(full_name="Bo Berg", line=3))
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    again = run(store, ana(), PersonRecord(full_name="Bo Berg", line=3))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert again.conflicts == []
    with store.read() as s:
        assert people.count_people(s) == 2


def test_same_email_updates_and_adds_new_items(store: Store) -> None:
    run(store, ana())
    summary = run(
        store,
        ana(
            emails=[Labelled("ANA@lima.pt"), Labelled("ana@gmail.com")],
            phones=[Labelled("+351 1")],
            offers=["bookkeeping"],
            location="Porto",
        ),
    )
    assert (summary.added, summary.updated) == (0, 1)
    shown = detail(store, "ana@lima.pt")
    assert shown["emails"] == ["ana@lima.pt", "ana@gmail.com"]
    assert shown["location"] == "Porto"
    assert [i["text"] for i in shown["facets"]["offers"]] == ["bookkeeping"]  # type: ignore[index]
    with store.read() as s:  # the search index follows the update
        assert [p.full_name for p in people.search_people(s, "bookkeeping")] == ["Ana Lima"]


def test_differing_field_is_a_conflict_not_an_overwrite(store: Store) -> None:
    run(store, ana())
    summary = run(store, ana(title="Partner", line=7))
    assert summary.unchanged == 1
    [conflict] = summary.conflicts
    assert (conflict.field, conflict.existing, conflict.incoming, conflict.line) == (
        "title",
        "Accountant",
        "Partner",
        7,
    )
    assert detail(store, "ana@lima.pt")["title"] == "Accountant"


def test_linkedin_url_matches_despite_encoding_and_www(store: Store) -> None:
    url = "https://www.linkedin.com/in/jos%C3%A9-silva/"
    run(store, PersonRecord(full_name="José Silva", links=[Labelled(url, "linkedin")]))
    summary = run(
        store,
        PersonRecord(
            full_name="Jose Silva",
            links=[Labelled("http://linkedin.com/in/josé-silva")],
            emails=[Labelled("jose@silva.br")],
        ),
    )
    assert (summary.added, summary.updated) == (0, 1)
    assert detail(store, "jose@silva.br")["name"] == "José Silva"


def test_name_and_organisation_match_fuzzily(store: Store) -> None:
    run(store, PersonRecord(full_name="Zoë Okafor", organisation="Okafor Design Studio"))
    summary = run(
        store, PersonRecord(full_name="zoe  okafor", organisation="Okafor Design Studio Ltd")
    )
    assert summary.added == 0
    fuzzy = run(store, PersonRecord(full_name="Zoe Okafer", organisation="Okafor Design Studio"))
    assert fuzzy.added == 0
    other_org = run(store, PersonRecord(full_name="Zoë Okafor", organisation="Acme Plumbing"))
    assert other_org.added == 1


def test_a_file_never_duplicates_itself(store: Store) -> None:
    summary = run(
        store,
        ana(line=2),
        ana(line=9, phones=[Labelled("+351 2")], emails=[Labelled("ana@lima.pt")]),
    )
    assert summary.added == 1
    assert [p["number"] for p in detail(store, "ana@lima.pt")["phones"]] == ["+351 2"]  # type: ignore[index]


def test_a_person_twice_in_one_file_keeps_the_first_value_and_reports_the_second(
    store: Store,
) -> None:
    summary = run(store, ana(line=2), ana(line=9, title="Partner", location="Porto"))
    assert (summary.added, summary.updated, summary.unchanged) == (1, 0, 0)
    [conflict] = summary.conflicts  # nothing the file says is dropped without a word
    assert (conflict.field, conflict.existing, conflict.incoming, conflict.line) == (
        "title",
        "Accountant",
        "Partner",
        9,
    )
    shown = detail(store, "ana@lima.pt")
    assert (shown["title"], shown["location"]) == ("Accountant", "Porto")


def test_a_file_read_in_parts_merges_like_one_read_at_once(store: Store) -> None:
    records = [ana(line=2), PersonRecord(full_name="Bo Berg", line=3)]
    records += [ana(line=9, phones=[Labelled("+351 2")]), PersonRecord(full_name="Cy", line=10)]
    parts = [ParseResult(people=records[:2]), ParseResult(people=records[2:])]
    with store.write() as s:
        summary = import_parsed(s, ParseStream("csv", 4, iter(parts)), file="contacts.csv")
    assert (summary.added, summary.updated, summary.unchanged) == (3, 0, 0)
    assert [p["number"] for p in detail(store, "ana@lima.pt")["phones"]] == ["+351 2"]  # type: ignore[index]
    with store.read() as s:
        assert people.count_people(s) == 3


def test_invalid_records_are_rejected_with_their_line_and_others_kept(store: Store) -> None:
    summary = run(
        store,
        ana(),
        PersonRecord(full_name="", line=5),
        PersonRecord(full_name="Bad Mail", emails=[Labelled("not-an-email")], line=6),
        rejected=[Rejection("contacts.csv", 4, "unterminated quote")],
    )
    assert summary.added == 1
    assert [(r.line, r.reason) for r in summary.rejected] == [
        (4, "unterminated quote"),
        (5, "no name and no email"),
        (6, "not an email address: 'not-an-email'"),
    ]


def test_strict_commits_nothing_when_anything_is_rejected(store: Store) -> None:
    with pytest.raises(StrictImportError, match=r"nothing imported; 1 rejected: contacts\.csv:5"):
        run(store, ana(), PersonRecord(full_name="", line=5), strict=True)
    with store.read() as s:
        assert people.count_people(s) == 0


def test_strict_commits_nothing_when_a_later_part_has_a_rejection(store: Store) -> None:
    parts = [ParseResult(people=[ana()]), ParseResult(people=[PersonRecord(full_name="", line=5)])]
    parts.append(ParseResult(rejected=[Rejection("contacts.csv", 8, "unterminated quote")]))
    with pytest.raises(StrictImportError) as raised, store.write() as s:
        import_parsed(s, ParseStream("csv", 3, iter(parts)), file="contacts.csv", strict=True)
    assert [r.line for r in raised.value.summary.rejected] == [5, 8]  # every part still read
    with store.read() as s:
        assert people.count_people(s) == 0


def test_dry_run_reports_without_writing(store: Store) -> None:
    with store.write(dry_run=True) as s:
        summary = import_parsed(s, ParseResult(people=[ana()]), file="x.csv")
    assert summary.added == 1
    with store.read() as s:
        assert people.count_people(s) == 0


def test_knows_links_people_in_the_file_and_database(store: Store) -> None:
    run(store, PersonRecord(full_name="Old Friend", emails=[Labelled("old@friend.org")]))
    summary = run(
        store,
        ana(knows=["old@friend.org", "Bo Berg", "Nobody Known"]),
        PersonRecord(full_name="Bo Berg", line=3),
    )
    assert summary.acquaintances == 2
    assert [s.reason for s in summary.skipped] == ["knows 'Nobody Known': no such person"]
    knows = {p["name"] for p in detail(store, "ana@lima.pt")["knows"]}  # type: ignore[union-attr]
    assert knows == {"Old Friend", "Bo Berg"}
    assert run(store, ana(knows=["old@friend.org"])).acquaintances == 0


def test_interactions_are_idempotent_by_source(store: Store) -> None:
    meeting = InteractionRecord(
        dt.date(2026, 3, 4),
        "in-person",
        "neutral",
        ["ana@lima.pt", "stranger@x.org"],
        minutes=30,
        note="Coffee",
        source="ics:uid-1",
        line=12,
    )
    unknown = InteractionRecord(
        dt.date(2026, 3, 5), "video", "neutral", ["who@x.org"], source="ics:uid-2", line=20
    )
    first = run(store, ana(), interactions=[meeting, unknown])
    assert first.interactions == 1
    assert [(s.line, s.reason) for s in first.skipped] == [(20, "nobody in it is in your contacts")]
    assert run(store, interactions=[meeting]).interactions == 0


def test_a_record_naming_two_known_peoples_emails_is_a_conflict(store: Store) -> None:
    run(store, ana(), PersonRecord(full_name="Bo Berg", emails=[Labelled("bo@berg.se")]))
    summary = run(store, ana(emails=[Labelled("ana@lima.pt"), Labelled("BO@berg.se")], line=4))
    assert [(c.field, c.incoming) for c in summary.conflicts] == [("email", "BO@berg.se")]
    assert detail(store, "ana@lima.pt")["emails"] == ["ana@lima.pt"]


def test_similar_names_with_different_emails_are_different_people(store: Store) -> None:
    run(
        store,
        PersonRecord(
            full_name="Maria Silva", organisation="Silva & Co", emails=[Labelled("maria@silva.co")]
        ),
    )
    summary = run(
        store,
        PersonRecord(
            full_name="Mario Silva", organisation="Silva & Co", emails=[Labelled("mario@silva.co")]
        ),
    )
    assert summary.added == 1
    same_name = run(
        store,
        PersonRecord(
            full_name="Maria Silva",
            organisation="Silva & Co",
            emails=[Labelled("maria.silva@gmail.com")],
        ),
    )
    assert (same_name.added, same_name.updated) == (0, 1)  # a new address of the same person


def test_reimporting_items_typed_with_odd_spacing_changes_nothing(store: Store) -> None:
    """A facet is stored as it was typed; the same text again is no new facet."""
    record = ana(needs=["intros  to   Lisbon banks "], offers=["tax\tadvice"])
    assert run(store, record).added == 1
    again = run(store, ana(needs=["intros  to   Lisbon banks "], offers=["tax\tadvice"]))
    assert (again.updated, again.unchanged) == (0, 1)
    facets = detail(store, "ana@lima.pt")["facets"]
    assert [i["text"] for i in facets["needs"]] == ["intros  to   Lisbon banks "]  # type: ignore[index]
    assert len(facets["offers"]) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize("ids", [[2, 3, 5, 6, 7], [1, 12], list(range(1, 13))])
def test_snapshots_hold_the_people_asked_for_and_only_their_items(
    store: Store, ids: list[int]
) -> None:
    """Dense ids are read as a range (the others in it skipped), sparse ones as a list."""
    from netweave.services.snapshot import load_snapshots

    records = [
        ana(full_name=f"P{i}", emails=[Labelled(f"p{i}@x.example")], needs=[f"n{i}"], line=i)
        for i in range(1, 13)
    ]
    run(store, *records)
    with store.read() as s:
        snaps = load_snapshots(s, ids)
    assert sorted(snaps) == ids
    for pid, snap in snaps.items():
        assert snap.scalars["full_name"] == f"P{pid}"
        assert snap.emails == {f"p{pid}@x.example"}
        assert snap.facets == {("need", f"n{pid}")}
        assert dict(snap.counts) == {"email": 1, "facet": 1}
