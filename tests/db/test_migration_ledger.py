"""0001_initial -> 0002_ledger keeps every row and fills the contact summary; and back."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import text

from netweave.db.migrate import alembic_config, current_revision, upgrade
from netweave.db.store import Store

ROWS = [
    "INSERT INTO person (id, full_name, temperament, networker_level, openness, tier, "
    "search_text, created_at, updated_at) VALUES "
    "(1, 'Ann', '[]', 0, 'open', 'inner', 'Ann', '2026-01-01', '2026-01-01'), "
    "(2, 'Ben', '[]', 0, 'open', 'network', 'Ben', '2026-01-01', '2026-01-01')",
    "INSERT INTO acquaintance (id, low_id, high_id, source, created_at) "
    "VALUES (1, 1, 2, 'manual', '2026-01-01')",
    "INSERT INTO interaction (id, occurred_on, channel, direction, give_kind, minutes, note, "
    "created_at) VALUES "
    "(1, '2026-10-01', 'in-person', 'give', 'introduction', 60, 'lunch', '2026-10-01'), "
    "(2, '2026-11-01', 'email', 'ask', NULL, NULL, 'a favour', '2026-11-01')",
    "INSERT INTO interaction_participant (interaction_id, person_id) VALUES (1, 1), (1, 2), (2, 1)",
]


def _downgrade(store: Store, revision: str) -> None:
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)


def test_upgrade_from_0001_keeps_data_and_fills_summary(store: Store) -> None:
    _downgrade(store, "0001_initial")
    assert current_revision(store) == "0001_initial"
    with store.engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement))
    upgrade(store)
    with store.engine.connect() as conn:
        count = lambda table: conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()  # noqa: E731
        assert [count(t) for t in ("person", "acquaintance", "interaction")] == [2, 1, 2]
        assert count("interaction_participant") == 3
        notes = conn.execute(text("SELECT note, outcome FROM interaction ORDER BY id")).all()
        assert [tuple(n) for n in notes] == [("lunch", None), ("a favour", None)]
        summary = conn.execute(
            text(
                "SELECT person_id, interactions, gives, asks, first_day, last_day, last_face_day "
                "FROM contact_summary ORDER BY person_id"
            )
        ).all()
    oct1, nov1 = dt.date(2026, 10, 1).toordinal(), dt.date(2026, 11, 1).toordinal()
    assert [tuple(r) for r in summary] == [
        (1, 2, 1, 1, oct1, nov1, oct1),
        (2, 1, 1, 0, oct1, oct1, oct1),
    ]
    _downgrade(store, "0001_initial")
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM interaction_participant")).scalar() == 3
    upgrade(store)
