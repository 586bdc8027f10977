"""Dropping SQLite triggers for the length of a bulk write, inside the writer's transaction.

A trigger runs once per row; for tens of thousands of rows its work is better done once, in
bulk, by the caller (`db.token_triggers`, `db.search`). Readers never see the triggers
missing: the drop and the re-creation are part of the caller's transaction, and a rollback
restores them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection


@contextmanager
def triggers_dropped(connection: Connection, triggers: Sequence[tuple[str, str]]) -> Iterator[None]:
    """Drop the triggers, given as (name, CREATE statement), for the block; re-create them
    from those statements when it ends, however it ends."""
    for name, _ in triggers:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        for _, create in triggers:
            connection.exec_driver_sql(create)
