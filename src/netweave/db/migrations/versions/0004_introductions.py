"""double opt-in introductions: introductions, their steps, debriefs

Revision ID: 0004_introductions
Revises: 0003_engine
Create Date: 2026-11-23 07:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_introductions"
down_revision = "0003_engine"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "introduction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("a_id", sa.Integer(), nullable=False),
        sa.Column("b_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=False),
        sa.Column("stage_on", sa.Date(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("reasons_a", sa.JSON(), nullable=False),
        sa.Column("reasons_b", sa.JSON(), nullable=False),
        sa.Column("declined_by", sa.Integer(), nullable=True),
        sa.Column("asked_on", sa.Date(), nullable=True),
        sa.Column("nudged_on", sa.Date(), nullable=True),
        sa.Column("introduced_on", sa.Date(), nullable=True),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("a_id <> b_id", name="ck_introduction_two_people"),
        sa.ForeignKeyConstraint(["a_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["b_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["declined_by"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_introduction_a_id", "introduction", ["a_id"])
    op.create_index("ix_introduction_b_id", "introduction", ["b_id"])
    op.create_index("ix_introduction_stage", "introduction", ["stage"])
    op.create_index("ix_introduction_declined_by", "introduction", ["declined_by"])
    op.create_table(
        "introduction_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("introduction_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_stage", sa.String(length=30), nullable=True),
        sa.Column("stage", sa.String(length=30), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["introduction_id"], ["introduction.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_introduction_step_introduction_id", "introduction_step", ["introduction_id"]
    )
    op.create_index("ix_introduction_step_action_on", "introduction_step", ["action", "on"])
    op.create_table(
        "debrief",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("introduction_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.Integer(), nullable=False),
        sa.Column("business", sa.Boolean(), nullable=False),
        sa.Column("referral", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("on", sa.Date(), nullable=False),
        sa.CheckConstraint("outcome BETWEEN 1 AND 5", name="ck_debrief_outcome"),
        sa.ForeignKeyConstraint(["introduction_id"], ["introduction.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("introduction_id", "person_id", name="uq_debrief_side"),
    )
    op.create_index("ix_debrief_introduction_id", "debrief", ["introduction_id"])


def downgrade() -> None:
    op.drop_table("debrief")
    op.drop_table("introduction_step")
    op.drop_table("introduction")
