"""Updating many people renews their full-text entries once, and search still finds them.

An import that updates known people changes their `search_text`; from `RENEW_ONCE_FROM`
people on, SQLite's per-row update trigger is replaced by one pass for all of them
(`db.search.search_text_renewed_once`). Search must then find each person by the words
they gained and no longer by the words they lost, and the trigger must be back afterwards.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text

from netweave.db.search import RENEW_ONCE_FROM, search_person_ids, search_text_renewed_once
from netweave.db.store import Store
from netweave.importers.records import ParseResult, PersonRecord
from netweave.services.imports import import_parsed

TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'person_fts_au'"


def _people(n: int, need: str | None = None) -> list[PersonRecord]:
    return [
        PersonRecord(full_name=f"Person {i}", needs=[need] if need else [], line=i + 2)
        for i in range(n)
    ]


def _integrity_check(connection: Connection) -> None:
    """FTS5 raises if its index disagrees with the person rows it indexes."""
    connection.execute(
        text("INSERT INTO person_fts(person_fts, rank) VALUES ('integrity-check', 1)")
    )


@pytest.mark.parametrize("count", [RENEW_ONCE_FROM - 1, RENEW_ONCE_FROM + 20])
def test_people_updated_by_an_import_are_found_by_their_new_words(store: Store, count: int) -> None:
    with store.write() as session:
        import_parsed(session, ParseResult(people=_people(count)), file="a.csv")
    with store.write() as session:
        summary = import_parsed(
            session, ParseResult(people=_people(count, "lighthouse keepers")), file="b.csv"
        )
    assert summary.updated == count
    with store.read() as session:
        found = search_person_ids(session, "lighthouse keepers", limit=1_000)
        assert len(found) == count
        assert len(search_person_ids(session, "person", limit=1_000)) == count
        if session.get_bind().dialect.name == "sqlite":
            _integrity_check(session.connection())


def test_words_a_person_loses_are_no_longer_found(sqlite_store: Store) -> None:
    with sqlite_store.write() as session:
        import_parsed(session, ParseResult(people=_people(RENEW_ONCE_FROM)), file="a.csv")
    with sqlite_store.write() as session:
        connection = session.connection()
        ids = list(connection.execute(text("SELECT id FROM person")).scalars())
        with search_text_renewed_once(connection, ids):
            assert connection.execute(text(TRIGGER)).first() is None  # paused in the block
            connection.execute(text("UPDATE person SET search_text = 'renamed ' || id"))
        assert connection.execute(text(TRIGGER)).scalar_one().startswith("CREATE TRIGGER")
    with sqlite_store.read() as session:
        assert search_person_ids(session, "person") == []
        assert len(search_person_ids(session, "renamed", limit=1_000)) == RENEW_ONCE_FROM
        _integrity_check(session.connection())
    with sqlite_store.write() as session:  # the restored trigger renews a single row again
        session.execute(text("UPDATE person SET search_text = 'solo' WHERE id = 1"))
    with sqlite_store.read() as session:
        assert search_person_ids(session, "solo") == [1]


def test_a_failed_update_leaves_the_index_and_the_trigger_as_they_were(
    sqlite_store: Store,
) -> None:
    with sqlite_store.write() as session:
        import_parsed(session, ParseResult(people=_people(RENEW_ONCE_FROM)), file="a.csv")
    with pytest.raises(RuntimeError), sqlite_store.write() as session:
        connection = session.connection()
        ids = list(connection.execute(text("SELECT id FROM person")).scalars())
        with search_text_renewed_once(connection, ids):
            connection.execute(text("UPDATE person SET search_text = 'renamed'"))
            raise RuntimeError("disk full")
    with sqlite_store.read() as session:
        assert session.connection().execute(text(TRIGGER)).first() is not None
        assert len(search_person_ids(session, "person", limit=1_000)) == RENEW_ONCE_FROM
        assert search_person_ids(session, "renamed") == []
        _integrity_check(session.connection())
