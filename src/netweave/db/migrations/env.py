"""Alembic environment: runs on the connection netweave hands over in `config.attributes`."""

from __future__ import annotations

from alembic import context

from netweave.db.migrations.env_filters import include_name
from netweave.db.models import Base

connection = context.config.attributes["connection"]


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
