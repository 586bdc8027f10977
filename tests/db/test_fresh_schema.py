"""A blank SQLite database gets the schema in one step, the same as every migration gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Connection

from netweave.db.fresh import SCHEMA_FILE, split_statements
from netweave.db.migrate import HEAD_REVISION, current_revision, upgrade
from netweave.db.store import Store
from netweave.importers.records import PersonRecord
from netweave.services import people
from tools.schema_snapshot import migrate_step_by_step, migrated_schema


def schema_of(connection: Connection) -> list[tuple[str, str, str, str]]:
    """Every object of the database, FTS5's own tables too, with its SQL (spacing aside)."""
    rows = connection.exec_driver_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    )
    return [(t, n, tbl, re.sub(r"\s+", " ", sql or "")) for t, n, tbl, sql in rows]


def contents(connection: Connection) -> dict[str, list[tuple[object, ...]]]:
    """The rows of every table that holds any (the random engine tokens left out)."""
    tables = [n for t, n, _tbl, _sql in schema_of(connection) if t == "table"]
    found = {}
    for name in tables:
        rows = connection.exec_driver_sql(f'SELECT * FROM "{name}"').all()
        if rows:
            found[name] = [tuple(r)[:1] if name == "engine_state" else tuple(r) for r in rows]
    return found


def test_a_blank_database_gets_what_the_migrations_give(tmp_path: Path) -> None:
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    migrated = Store(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade(fresh)
    migrate_step_by_step(migrated)
    with fresh.engine.connect() as a, migrated.engine.connect() as b:
        assert schema_of(a) == schema_of(b), "run tools/schema_snapshot.py after a migration"
        assert contents(a) == contents(b)
        assert a.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        tokens = dict(a.exec_driver_sql("SELECT id, token FROM engine_state").all())
        others = dict(b.exec_driver_sql("SELECT id, token FROM engine_state").all())
    assert all(re.fullmatch(r"[0-9a-f]{32}", t) for t in tokens.values())
    assert set(tokens.values()).isdisjoint(others.values())  # each database its own
    assert current_revision(fresh) == HEAD_REVISION
    with fresh.write() as s:  # the full-text triggers work: the new person is found
        people.add_person(s, PersonRecord(full_name="Zoë Ångström", organisation="Nordlys"))
    with fresh.read() as s:
        assert [p.full_name for p in people.search_people(s, "nordlys")] == ["Zoë Ångström"]
    fresh.dispose()
    migrated.dispose()


def test_the_schema_file_is_what_the_generator_writes() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == migrated_schema(), (
        "run tools/schema_snapshot.py after adding a migration"
    )


def test_a_database_with_tables_goes_through_the_migrations(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(store, "0005_requests")
    upgrade(store)
    assert current_revision(store) == HEAD_REVISION
    with store.engine.connect() as conn:
        assert ("table", "engine_state") in {(t, n) for t, n, _tbl, _sql in schema_of(conn)}
    store.dispose()


def test_statements_are_split_where_they_end_not_inside_a_trigger() -> None:
    script = (
        "-- a comment\n\nCREATE TABLE t (a TEXT);\n\n"
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 'x;y'; END;\n"
    )
    assert split_statements(script) == [
        "CREATE TABLE t (a TEXT)",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 'x;y'; END",
    ]
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE t (a TEXT")
