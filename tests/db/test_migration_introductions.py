"""0003_engine -> 0004_introductions adds the workflow's tables, keeping people; and back."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from netweave.db.migrate import alembic_config, current_revision, upgrade
from netweave.db.store import Store

TABLES = {"introduction", "introduction_step", "debrief"}


def _downgrade(store: Store, revision: str) -> None:
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)


def test_upgrade_from_0003_and_back(store: Store) -> None:
    _downgrade(store, "0003_engine")
    with store.engine.begin() as conn:
        assert not TABLES & set(inspect(conn).get_table_names())
        conn.execute(
            text(
                "INSERT INTO person (id, full_name, temperament, networker_level, openness, tier, "
                "search_text, created_at, updated_at) VALUES "
                "(1, 'Ann', '[]', 0, 'open', 'inner', 'Ann', '2026-01-01', '2026-01-01')"
            )
        )
    upgrade(store, "0004_introductions")
    assert current_revision(store) == "0004_introductions"
    with store.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= TABLES
        assert conn.execute(text("SELECT full_name FROM person")).scalar() == "Ann"
    _downgrade(store, "0003_engine")
    upgrade(store)
