"""The bulk writer runs statements in order on its own thread and raises their errors."""

from __future__ import annotations

import sys

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from netweave.db.store import Store
from netweave.services.bulk_writer import StatementWriter


def test_statements_run_in_order_inside_the_callers_transaction(sqlite_store: Store) -> None:
    with sqlite_store.write() as session:
        connection = session.connection()
        with StatementWriter(connection) as writer:
            writer.put("INSERT INTO organisation (id, name) VALUES (?, ?)", (1, "Acme"))
            writer.put("UPDATE organisation SET name = ? WHERE id = ?", ("Acme Ltd", 1))
        names = connection.execute(text("SELECT name FROM organisation")).scalars().all()
    assert names == ["Acme Ltd"]


def test_a_failed_statement_stops_the_rest_and_raises_as_sqlalchemy_would(
    sqlite_store: Store,
) -> None:
    insert = "INSERT INTO organisation (id, name) VALUES (?, ?)"
    with (
        pytest.raises(IntegrityError),
        sqlite_store.write() as session,
        StatementWriter(session.connection()) as writer,
    ):
        writer.put(insert, (1, "Acme"))
        writer.put(insert, (1, "Acme again"))  # the same id
        writer.put(insert, (2, "Never written"))
    with sqlite_store.read() as session:  # and the transaction rolled back
        assert session.execute(text("SELECT count(*) FROM organisation")).scalar() == 0


def test_the_thread_switch_interval_is_short_while_writers_run_then_restored(
    sqlite_store: Store,
) -> None:
    before = sys.getswitchinterval()
    with sqlite_store.write() as session:
        first = StatementWriter(session.connection())
        second = StatementWriter(session.connection())
        with first:
            with second:
                assert sys.getswitchinterval() < before
            assert sys.getswitchinterval() < before  # the first writer still runs
    assert sys.getswitchinterval() == before
