"""Regenerate `src/netweave/db/schema_sqlite.sql` after adding a migration.

Migrates a temporary SQLite database from empty to head through Alembic, then writes the
schema it ends with (see `netweave/db/fresh.py`). `tests/db/test_fresh_schema.py` fails
until the file is current.

    .venv/bin/python tools/schema_snapshot.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from netweave.db.fresh import SCHEMA_FILE, schema_script
from netweave.db.migrate import HEAD_REVISION, alembic_config
from netweave.db.store import Store


def migrate_step_by_step(store: Store) -> None:
    """Take a database to head through every migration, as `upgrade` would not for a blank one."""
    from alembic import command

    with store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")


def migrated_schema() -> str:
    """The schema script of a database built by every migration in turn."""
    with tempfile.TemporaryDirectory(prefix="netweave_schema_") as folder:
        store = Store(f"sqlite:///{Path(folder) / 'migrated.db'}")
        try:
            migrate_step_by_step(store)
            with store.engine.connect() as conn:
                return schema_script(conn, HEAD_REVISION)
        finally:
            store.dispose()


if __name__ == "__main__":
    SCHEMA_FILE.write_text(migrated_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
