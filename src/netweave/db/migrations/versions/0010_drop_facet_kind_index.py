"""drop ix_facet_kind: an index on six values that slowed writes and reads alike

Revision ID: 0010_drop_facet_kind_index
Revises: 0009_routing_token
Create Date: 2026-11-23 17:30:00

Hand-written (issue #4). `facet.kind` holds one of six values, so the index on it alone
never narrowed a query much: measured at 30,000 people (456,000 facets) on SQLite,
reading the offers and objectives took 303 ms through it and 163 ms scanning the table,
and keeping it up to date cost about 0.6 s of the 3.6 s that inserting 30,000 vCards'
people spent in SQLite. Lookups of one person's facets use `ix_facet_person_kind`, which
stays. Only an index changes: backups from 0009 still restore (see `services.backup`).
"""

from __future__ import annotations

from alembic import op

revision = "0010_drop_facet_kind_index"
down_revision = "0009_routing_token"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_facet_kind", table_name="facet")


def downgrade() -> None:
    op.create_index("ix_facet_kind", "facet", ["kind"], unique=False)
