"""relationship ledger: outcomes, events, follow-ups, contact summary, goals, settings

Revision ID: 0002_ledger
Revises: 0001_initial
Create Date: 2026-11-23 07:00:00

Hand-written (issue #5). The contact summary is filled from the interactions already
recorded, so an upgraded database answers `due` and `health` at once.
"""

from __future__ import annotations

import math
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002_ledger"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# Frozen copies of services.contact_summary's constants: a migration must not change later.
T0_DAY = 730120  # date(2000, 1, 1).toordinal()
TAU_DAYS = 180.0
FACE_TO_FACE = ("in-person", "event")
INDEXES = {
    "ix_interaction_follow_up_of": ["follow_up_of"],
    "ix_interaction_direction_on": ["direction", "occurred_on"],
    "ix_interaction_channel_on": ["channel", "occurred_on"],
    "ix_interaction_give_kind_on": ["give_kind", "occurred_on"],
}


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, no batch copy: on SQLite a table copy drops `interaction`,
    # and with foreign keys on that would cascade-delete every participant row.
    # `follow_up_of` is a plain indexed id (no FK) for the same reason; services clear it.
    for column in (
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("event", sa.String(length=200), nullable=True),
        sa.Column("follow_up_of", sa.Integer(), nullable=True),
    ):
        op.add_column("interaction", column)
    for name, columns in INDEXES.items():
        op.create_index(name, "interaction", columns, unique=False)

    op.create_table(
        "contact_summary",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("interactions", sa.Integer(), nullable=False),
        sa.Column("gives", sa.Integer(), nullable=False),
        sa.Column("asks", sa.Integer(), nullable=False),
        sa.Column("receives", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Integer(), nullable=False),
        sa.Column("last_face_day", sa.Integer(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id"),
    )
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=30), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("target > 0", name="ck_goal_target"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("metric"),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    _fill_contact_summary()


def _fill_contact_summary() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        day = "CAST(julianday(i.occurred_on) - 1721424.5 AS INTEGER)"
        raw: Any = bind.connection.driver_connection
        raw.create_function("exp", 1, math.exp, deterministic=True)
    else:
        day = "(i.occurred_on - DATE '0001-01-01' + 1)"
    faces = ", ".join(f"'{c}'" for c in FACE_TO_FACE)
    op.execute(
        "INSERT INTO contact_summary (person_id, interactions, gives, asks, receives, "
        "first_day, last_day, last_face_day, weight) "
        f"SELECT p.person_id, COUNT(*), "
        "SUM(CASE WHEN i.direction = 'give' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN i.direction = 'ask' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN i.direction = 'receive' THEN 1 ELSE 0 END), "
        f"MIN({day}), MAX({day}), "
        f"MAX(CASE WHEN i.channel IN ({faces}) THEN {day} END), "
        f"SUM(exp(({day} - {T0_DAY}) / {TAU_DAYS})) "
        "FROM interaction_participant p JOIN interaction i ON i.id = p.interaction_id "
        "GROUP BY p.person_id"
    )


def downgrade() -> None:
    op.drop_table("app_setting")
    op.drop_table("goal")
    op.drop_table("contact_summary")
    for name in INDEXES:
        op.drop_index(name, table_name="interaction")
    for column in ("follow_up_of", "event", "outcome"):
        # Native DROP COLUMN (SQLite >= 3.35), again to avoid a cascading table copy.
        op.execute(f"ALTER TABLE interaction DROP COLUMN {column}")
