"""The store: migrations, SQLite pragmas, constraints, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from netweave.db.migrate import HEAD_REVISION, current_revision, script_head, upgrade
from netweave.db.models import Acquaintance, Facet, Person
from netweave.db.store import Store


def test_head_constant_matches_alembic_head() -> None:
    assert script_head() == HEAD_REVISION


def test_upgrade_creates_schema_at_head(store: Store) -> None:
    assert current_revision(store) == HEAD_REVISION


def test_upgrade_is_idempotent(store: Store) -> None:
    upgrade(store)
    assert current_revision(store) == HEAD_REVISION


def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_write_rolls_back_whole_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        session.add(Person(full_name="Half Written", temperament=[]))
        session.flush()
        raise RuntimeError("crash midway")
    with store.read() as session:
        assert session.scalars(select(Person)).all() == []


def test_deleting_a_person_cascades_to_facets_and_edges(store: Store) -> None:
    with store.write() as session:
        a = Person(full_name="A", temperament=[])
        b = Person(full_name="B", temperament=[])
        session.add_all([a, b])
        session.flush()
        session.add(Facet(person_id=a.id, kind="need", text="x"))
        session.add(Acquaintance(low_id=a.id, high_id=b.id))
    with store.write() as session:
        session.execute(text("DELETE FROM person WHERE full_name = 'A'"))
    with store.read() as session:
        assert session.scalars(select(Facet)).all() == []
        assert session.scalars(select(Acquaintance)).all() == []


def test_acquaintance_edges_are_stored_once_in_order(store: Store) -> None:
    with store.write() as session:
        a = Person(full_name="A", temperament=[])
        b = Person(full_name="B", temperament=[])
        session.add_all([a, b])
        session.flush()
        ids = (a.id, b.id)
    with pytest.raises(IntegrityError), store.write() as session:
        session.add(Acquaintance(low_id=max(ids), high_id=min(ids)))


def test_sqlite_database_folder_is_created(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'deep' / 'er' / 'nw.db'}")
    upgrade(store)
    assert (tmp_path / "deep" / "er" / "nw.db").exists()


def test_dry_run_write_changes_nothing(store: Store) -> None:
    with store.write(dry_run=True) as session:
        session.add(Person(full_name="Would Be Added", temperament=[]))
        session.flush()
        assert session.scalars(select(Person)).all() != []
    with store.read() as session:
        assert session.scalars(select(Person)).all() == []


def test_migrations_build_exactly_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from netweave.db.migrations.env_filters import include_name
    from netweave.db.models import Base

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        assert compare_metadata(context, Base.metadata) == []
