"""Bulk inserts without a trigger per row: SQLite's change-token triggers, paused.

The engine and routing tokens (`engine_state`, migrations 0006 and 0009) are renewed by
row triggers, which SQLite only has FOR EACH ROW: inserting 450,000 facets ran 900,000
token updates, a third of the insert's time. For a bulk insert, `token_triggers_paused`
drops those triggers inside the caller's transaction (`db.triggers`), renews both tokens
once when the block ends, and recreates the triggers from their own stored SQL.
On PostgreSQL it changes nothing (its triggers stay on; bulk loads there are not the default).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection

from netweave.db.triggers import triggers_dropped

TOKEN_TRIGGER_PREFIXES = ("engine_state_", "routing_state_")
RENEW_TOKENS = "UPDATE engine_state SET token = lower(hex(randomblob(16)))"
# Below this many rows the triggers run as usual (and keep their finer conditions, such as
# routing ignoring an interaction without a note); above it, dropping them pays for itself.
PAUSE_FROM_ROWS = 1_000


def token_triggers(connection: Connection, tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the token triggers on `tables`, by name."""
    marks = ", ".join("?" for _ in tables)
    rows = connection.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})",
        tuple(tables),
    ).all()
    return sorted((name, sql) for name, sql in rows if name.startswith(TOKEN_TRIGGER_PREFIXES))


@contextmanager
def token_triggers_paused(
    connection: Connection, tables: Sequence[str], rows: int
) -> Iterator[None]:
    """Insert `rows` rows into `tables` without per-row token updates; both tokens change
    once at the end instead (a superset of what the triggers would have renewed)."""
    if connection.dialect.name != "sqlite" or rows < PAUSE_FROM_ROWS:
        yield
        return
    paused = token_triggers(connection, tables)
    try:
        with triggers_dropped(connection, paused):
            yield
    finally:
        if paused:
            connection.exec_driver_sql(RENEW_TOKENS)
