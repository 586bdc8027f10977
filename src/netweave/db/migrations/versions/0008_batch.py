"""batch: batch_suggestion

Revision ID: 0008_batch
Revises: 0007_gatherings
Create Date: 2026-11-23 10:00:00

Hand-written (issue #12).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_batch"
down_revision = "0007_gatherings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batch_suggestion",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("engine_key", sa.String(length=64), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["other_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "rank"),
    )
    op.create_index(
        op.f("ix_batch_suggestion_other_id"), "batch_suggestion", ["other_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_batch_suggestion_other_id"), table_name="batch_suggestion")
    op.drop_table("batch_suggestion")
