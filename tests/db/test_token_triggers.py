"""Bulk inserts pause SQLite's per-row change-token triggers and renew the tokens once."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from netweave.db.store import Store
from netweave.db.token_triggers import PAUSE_FROM_ROWS, token_triggers
from netweave.importers.records import ParseResult, PersonRecord
from netweave.services.imports import import_parsed
from netweave.services.new_people import insert_people

TABLES = ("person", "facet", "acquaintance", "interaction", "interaction_participant")


def _tokens(connection: Connection) -> dict[int, str]:
    rows = connection.execute(text("SELECT id, token FROM engine_state"))
    return {int(i): str(t) for i, t in rows}


def _people(n: int) -> list[PersonRecord]:
    return [PersonRecord(full_name=f"Person {i}", offers=[f"offer {i}"]) for i in range(n)]


def test_a_bulk_insert_renews_both_tokens_and_restores_every_trigger(
    sqlite_store: Store,
) -> None:
    with sqlite_store.read() as session:
        before_triggers = token_triggers(session.connection(), TABLES)
        before = _tokens(session.connection())
    with sqlite_store.write() as session:
        insert_people(session, _people(PAUSE_FROM_ROWS))
    with sqlite_store.read() as session:
        assert token_triggers(session.connection(), TABLES) == before_triggers
        after = _tokens(session.connection())
    assert after[1] != before[1] and after[2] != before[2]
    with sqlite_store.write() as session:  # the restored triggers fire again, row by row
        session.execute(text("UPDATE facet SET text = 'changed' WHERE id = 1"))
    with sqlite_store.read() as session:
        assert _tokens(session.connection()) != after


def test_a_failed_bulk_insert_leaves_the_triggers_in_place(sqlite_store: Store) -> None:
    with sqlite_store.read() as session:
        before = token_triggers(session.connection(), TABLES)
    bad = _people(PAUSE_FROM_ROWS)
    bad[-1].full_name = None  # type: ignore[assignment]  # NOT NULL: the insert fails
    with pytest.raises(IntegrityError), sqlite_store.write() as session:
        insert_people(session, bad)
    with sqlite_store.read() as session:
        assert token_triggers(session.connection(), TABLES) == before


def test_reimporting_known_people_in_bulk_leaves_both_tokens_alone(sqlite_store: Store) -> None:
    with sqlite_store.write() as session:
        import_parsed(session, ParseResult(people=_people(PAUSE_FROM_ROWS)), file="a.csv")
    with sqlite_store.read() as session:
        before = _tokens(session.connection())
    with sqlite_store.write() as session:  # nobody new: no pause, nothing renewed
        summary = import_parsed(session, ParseResult(people=_people(PAUSE_FROM_ROWS)), file="a.csv")
    assert (summary.added, summary.unchanged) == (0, PAUSE_FROM_ROWS)
    with sqlite_store.read() as session:
        assert _tokens(session.connection()) == before
