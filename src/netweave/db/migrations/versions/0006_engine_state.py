"""engine state: a change token bumped by triggers whenever scoring inputs change

Revision ID: 0006_engine_state
Revises: 0005_requests
Create Date: 2026-11-23 08:30:00

Hand-written (issue #6). The suggestion cache (`services/engine_cache.py`) keys its files by
this token: any insert, delete or update of a facet or an acquaintance, and any insert, delete
or update of the scored columns of a person, sets a fresh random token, whoever writes.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006_engine_state"
down_revision = "0005_requests"
branch_labels = None
depends_on = None

PERSON_COLUMNS = "full_name, title, temperament, networker_level, openness"
WATCHED = (
    ("facet", "INSERT", ""),
    ("facet", "UPDATE", ""),
    ("facet", "DELETE", ""),
    ("acquaintance", "INSERT", ""),
    ("acquaintance", "UPDATE", ""),
    ("acquaintance", "DELETE", ""),
    ("person", "INSERT", ""),
    ("person", "UPDATE", f" OF {PERSON_COLUMNS}"),
    ("person", "DELETE", ""),
)


def _name(table: str, event: str) -> str:
    return f"engine_state_{table}_{event.lower()}"


def upgrade() -> None:
    op.create_table(
        "engine_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(f"INSERT INTO engine_state (id, token) VALUES (1, '{uuid.uuid4().hex}')")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION engine_state_bump() RETURNS trigger AS $$ BEGIN "
            "UPDATE engine_state SET token = md5(random()::text || clock_timestamp()::text); "
            "RETURN NULL; END; $$ LANGUAGE plpgsql"
        )
        for table, event, columns in WATCHED:
            op.execute(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event}{columns} ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION engine_state_bump()"
            )
        return
    for table, event, columns in WATCHED:
        op.execute(
            f"CREATE TRIGGER {_name(table, event)} AFTER {event}{columns} ON {table} "
            "BEGIN UPDATE engine_state SET token = lower(hex(randomblob(16))); END"
        )


def downgrade() -> None:
    for table, event, _columns in WATCHED:
        op.execute(
            f"DROP TRIGGER IF EXISTS {_name(table, event)}"
            + (f" ON {table}" if op.get_bind().dialect.name == "postgresql" else "")
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS engine_state_bump()")
    op.drop_table("engine_state")
