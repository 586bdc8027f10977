"""routing token: a second change token, for what request routing reads

Revision ID: 0009_routing_token
Revises: 0008_batch
Create Date: 2026-11-23 10:00:00

Hand-written (issue #8). The routing index (`services/routing_index.py`) holds every offer,
objective and interaction note. Checking whether it is current used to mean summing the
length of every such text on each `netweave route` (a fifth of a second at 30,000 people);
now triggers keep a token in row 2 of `engine_state`, renewed by any change to an offer or
objective, to an interaction's note, or to who took part in an interaction. Row 1 (the
engine's token, 0006) is renewed only by its own triggers, which now say `WHERE id = 1`.
"""

from __future__ import annotations

import uuid

from alembic import op

revision = "0009_routing_token"
down_revision = "0008_batch"
branch_labels = None
depends_on = None

ITEM_KINDS = "('offer', 'objective')"
NOTED = "EXISTS (SELECT 1 FROM interaction WHERE id = {row}.interaction_id AND note IS NOT NULL)"
# (table, event, condition): row triggers that skip rows routing never reads, so logging a
# call without a note or editing someone's needs leaves the index current. On PostgreSQL a
# WHEN clause cannot hold a subquery: the participants' check is in their trigger function.
WATCHED = (
    ("facet", "INSERT", f"NEW.kind IN {ITEM_KINDS}"),
    ("facet", "UPDATE", f"OLD.kind IN {ITEM_KINDS} OR NEW.kind IN {ITEM_KINDS}"),
    ("facet", "DELETE", f"OLD.kind IN {ITEM_KINDS}"),
    ("interaction", "INSERT", "NEW.note IS NOT NULL"),
    ("interaction", "UPDATE", "OLD.note IS DISTINCT FROM NEW.note"),
    ("interaction", "DELETE", "OLD.note IS NOT NULL"),
)
PARTICIPANT_EVENTS = {
    "INSERT": NOTED.format(row="NEW"),
    "UPDATE": f"{NOTED.format(row='OLD')} OR {NOTED.format(row='NEW')}",
    "DELETE": NOTED.format(row="OLD"),
}
PG_PARTICIPANT_BUMP = (
    "CREATE FUNCTION routing_state_bump_participant() RETURNS trigger AS $$ BEGIN "
    "IF (TG_OP <> 'INSERT' AND {old}) OR (TG_OP <> 'DELETE' AND {new}) THEN "
    "UPDATE engine_state SET token = md5(random()::text || clock_timestamp()::text) "
    "WHERE id = 2; END IF; RETURN NULL; END; $$ LANGUAGE plpgsql"
).format(old=NOTED.format(row="OLD"), new=NOTED.format(row="NEW"))
# 0006's triggers, to be told which row is theirs
ENGINE_WATCHED = (
    ("facet", "INSERT", ""),
    ("facet", "UPDATE", ""),
    ("facet", "DELETE", ""),
    ("acquaintance", "INSERT", ""),
    ("acquaintance", "UPDATE", ""),
    ("acquaintance", "DELETE", ""),
    ("person", "INSERT", ""),
    ("person", "UPDATE", " OF full_name, title, temperament, networker_level, openness"),
    ("person", "DELETE", ""),
)
SQLITE_BUMP = "UPDATE engine_state SET token = lower(hex(randomblob(16))) WHERE id = {row}"
PG_BUMP = (
    "CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
    "UPDATE engine_state SET token = md5(random()::text || clock_timestamp()::text) "
    "WHERE id = {row}; RETURN NULL; END; $$ LANGUAGE plpgsql"
)


def _routing(table: str, event: str) -> str:
    return f"routing_state_{table}_{event.lower()}"


def _engine(table: str, event: str) -> str:
    return f"engine_state_{table}_{event.lower()}"


def _sqlite_engine_triggers(row_clause: str) -> None:
    for table, event, columns in ENGINE_WATCHED:
        op.execute(f"DROP TRIGGER IF EXISTS {_engine(table, event)}")
        op.execute(
            f"CREATE TRIGGER {_engine(table, event)} AFTER {event}{columns} ON {table} "
            f"BEGIN UPDATE engine_state SET token = lower(hex(randomblob(16))){row_clause}; END"
        )


def _sqlite(condition: str) -> str:
    return condition.replace("IS DISTINCT FROM", "IS NOT")


def upgrade() -> None:
    op.execute(f"INSERT INTO engine_state (id, token) VALUES (2, '{uuid.uuid4().hex}')")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_BUMP.format(name="engine_state_bump", row=1))
        op.execute(PG_BUMP.format(name="routing_state_bump", row=2))
        op.execute(PG_PARTICIPANT_BUMP)
        for table, event, when in WATCHED:
            op.execute(
                f"CREATE TRIGGER {_routing(table, event)} AFTER {event} ON {table} "
                f"FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION routing_state_bump()"
            )
        for event in PARTICIPANT_EVENTS:
            op.execute(
                f"CREATE TRIGGER {_routing('interaction_participant', event)} AFTER {event} "
                "ON interaction_participant FOR EACH ROW "
                "EXECUTE FUNCTION routing_state_bump_participant()"
            )
        return
    _sqlite_engine_triggers(" WHERE id = 1")
    watched = [
        *WATCHED,
        *(("interaction_participant", e, w) for e, w in PARTICIPANT_EVENTS.items()),
    ]
    for table, event, when in watched:
        op.execute(
            f"CREATE TRIGGER {_routing(table, event)} AFTER {event} ON {table} "
            f"WHEN {_sqlite(when)} BEGIN {SQLITE_BUMP.format(row=2)}; END"
        )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    triggers = [(t, e) for t, e, _w in WATCHED] + [
        ("interaction_participant", e) for e in PARTICIPANT_EVENTS
    ]
    for table, event in triggers:
        op.execute(
            f"DROP TRIGGER IF EXISTS {_routing(table, event)}"
            + (f" ON {table}" if postgres else "")
        )
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS routing_state_bump()")
        op.execute("DROP FUNCTION IF EXISTS routing_state_bump_participant()")
    else:
        _sqlite_engine_triggers("")
    op.execute("DELETE FROM engine_state WHERE id = 2")
