"""gatherings: gathering, gathering_guest

Revision ID: 0007_gatherings
Revises: 0006_engine_state
Create Date: 2026-11-23 09:00:00

Hand-written (issue #10).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_gatherings"
down_revision = "0006_engine_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gathering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("around_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("objective", sa.Float(), nullable=False),
        sa.Column("mean_score", sa.Float(), nullable=False),
        sa.Column("pairs", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["around_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_gathering_on", "gathering", ["on"])
    op.create_index("ix_gathering_around_id", "gathering", ["around_id"])
    op.create_table(
        "gathering_guest",
        sa.Column("gathering_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("newcomer", sa.Boolean(), nullable=False),
        sa.Column("came", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["gathering_id"], ["gathering.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("gathering_id", "person_id"),
    )
    op.create_index("ix_gathering_guest_person_id", "gathering_guest", ["person_id"])


def downgrade() -> None:
    op.drop_table("gathering_guest")
    op.drop_table("gathering")
