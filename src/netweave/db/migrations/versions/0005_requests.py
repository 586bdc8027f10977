"""requests and events: request, event, event_attendee; introduction.request_id

Revision ID: 0005_requests
Revises: 0004_introductions
Create Date: 2026-11-23 08:00:00

Hand-written (issue #8).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_requests"
down_revision = "0004_introductions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=True),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=True),
        sa.Column("context", sa.Text(), nullable=True),
        sa.Column("ask", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("vague", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("check_after_days", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["requester_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_request_requester_id", "request", ["requester_id"])
    op.create_index("ix_request_status_created", "request", ["status", "created_on"])
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index("ix_event_on", "event", ["on"])
    op.create_table(
        "event_attendee",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "person_id"),
    )
    op.create_index("ix_event_attendee_person_id", "event_attendee", ["person_id"])
    # Plain ALTER TABLE ADD COLUMN and a plain id, no FK: a batch copy of `introduction` on
    # SQLite would cascade-delete its steps and debriefs (see 0002_ledger).
    op.add_column("introduction", sa.Column("request_id", sa.Integer(), nullable=True))
    op.create_index("ix_introduction_request_id", "introduction", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_introduction_request_id", table_name="introduction")
    # Native DROP COLUMN (SQLite >= 3.35), again to avoid a cascading table copy.
    op.execute("ALTER TABLE introduction DROP COLUMN request_id")
    op.drop_table("event_attendee")
    op.drop_table("event")
    op.drop_table("request")
