"""Schema migrations through Alembic, driven from code (no alembic.ini needed).

Alembic is imported only when a migration actually runs: checking that a database is
current is one query, which keeps every CLI command fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from netweave.db.fresh import create_fresh, has_no_schema
from netweave.db.store import Store

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision; a test checks it equals Alembic's head.
HEAD_REVISION = "0010_drop_facet_kind_index"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(store: Store) -> str | None:
    """The database's schema revision, or None for an empty database."""
    with store.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(store: Store, revision: str = "head") -> None:
    """Bring the schema to `revision` in one transaction. A blank SQLite database is given
    the newest schema in one step (`db.fresh`); any other goes through the migrations."""
    with store.engine.begin() as conn:
        to_head = revision in ("head", HEAD_REVISION)
        if to_head and store.dialect == "sqlite" and has_no_schema(conn):
            create_fresh(conn, HEAD_REVISION)
            return
        from alembic import command

        command.upgrade(alembic_config(conn), revision)


def ensure_current(store: Store) -> None:
    """Upgrade the database if it is behind; a no-op (one query) when it is current."""
    if current_revision(store) != HEAD_REVISION:
        upgrade(store)
