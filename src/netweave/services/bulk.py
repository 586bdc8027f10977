"""Fast inserts of many rows at once: multi-row Core inserts with ids assigned up front.

Used for large imports and demo networks (`new_people` writes the people), inside the
caller's transaction, which holds the write lock, so the ids cannot collide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import chain
from typing import Any, cast

from sqlalchemy import Dialect, Table, func, select
from sqlalchemy.orm import Session

from netweave.db.models import (
    Acquaintance,
    Base,
    Interaction,
    InteractionParticipant,
    utcnow,
)
from netweave.db.token_triggers import token_triggers_paused
from netweave.importers.records import InteractionRecord
from netweave.services import contact_summary
from netweave.services.bulk_writer import StatementWriter

_CHUNK = 10_000
# Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
_MAX_PARAMS = 30_000
_INTERACTION_COLUMNS = (
    "id", "occurred_on", "channel", "direction", "give_kind", "minutes", "note", "source",
    "created_at",
)  # fmt: skip


def next_id(session: Session, column: Any) -> int:
    return int(session.scalar(select(func.coalesce(func.max(column), 0))) or 0) + 1


def insert_rows(
    session: Session,
    model: type[Base],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    writer: StatementWriter | None = None,
) -> None:
    """Insert rows (tuples in `columns` order) with multi-row VALUES statements.

    Tuples go straight to the driver, a few thousand rows per statement. SQLAlchemy's
    executemany of dicts spent longer building parameters than SQLite spent writing (~4x
    at 450,000 facets), and one statement per row made the full-text trigger on `person`
    flush FTS5 after every row. Values still pass through the columns' bind processors
    (JSON, and dates on SQLite), as SQLAlchemy applies them. With a `writer`, the
    statements run on its thread while the caller goes on.
    """
    if not rows:
        return
    table = cast(Table, model.__table__)
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    one = "(" + ", ".join([mark] * len(columns)) + ")"
    head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) VALUES "
    convert = _converter(table, columns, dialect)
    per = _MAX_PARAMS // len(columns)
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        if convert is not None:
            chunk = [convert(row) for row in chunk]
        values = tuple(chain.from_iterable(chunk))
        sql = head + ", ".join([one] * len(chunk))
        if writer is None:
            connection.exec_driver_sql(sql, values)
        else:
            writer.put(sql, values)


def _converter(
    table: Table, columns: Sequence[str], dialect: Dialect
) -> Callable[[Sequence[Any]], list[Any]] | None:
    """What converts a row's values as SQLAlchemy would; None when no column needs it.

    Only the columns with a bind processor are touched, and each distinct date, time, list
    or dict is converted once per call (every row of an import shares its `created_at`, and
    30,000 imported people had 121 distinct temperaments and one `extra`, `{}`; SQLite's
    processors format dates, and JSON columns serialise, in Python).
    """
    processors = [
        (i, p)
        for i, name in enumerate(columns)
        if (p := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    if not processors:
        return None
    seen: dict[tuple[int, Hashable], Any] = {}
    # the value of each column in the row before, and what it became: often the same object
    last = [(_NOTHING, None)] * len(columns)

    def convert(row: Sequence[Any]) -> list[Any]:
        out = list(row)
        for i, process in processors:
            value = out[i]
            before, converted = last[i]
            if value is before:
                out[i] = converted
                continue
            key = _memo_key(value)
            if key is None:
                out[i] = process(value)
            else:
                try:
                    out[i] = seen[i, key]
                except KeyError:
                    out[i] = seen[i, key] = process(value)
            last[i] = (value, out[i])
        return out

    return convert


def _memo_key(value: Any) -> Hashable | None:
    """A key standing for value among its column's values, or None to convert it each time.

    Only texts go into a list's or dict's key: 1, 1.0 and True are equal keys but three
    different JSON values (`str.join` takes texts only, and is quicker to ask).
    """
    kind = type(value)
    if kind in _DATES:
        return cast(Hashable, value)
    if kind is list:
        items = tuple(value)
    elif kind is dict:
        items = tuple(chain.from_iterable(value.items()))
    else:
        return None
    try:
        "".join(items)
    except TypeError:
        return None
    return (kind, items)


_NOTHING = object()
_DATES = (dt.date, dt.datetime)


def insert_acquaintances(
    session: Session, pairs: Iterable[tuple[int, int]], source: str, since: dt.date | None = None
) -> int:
    """Insert edges between person ids (deduplicated, ordered low < high)."""
    edges = {(min(a, b), max(a, b)) for a, b in pairs if a != b}
    now = utcnow()
    rows = [(lo, hi, source, since, now) for lo, hi in sorted(edges)]
    columns = ("low_id", "high_id", "source", "since", "created_at")
    with token_triggers_paused(session.connection(), ("acquaintance",), len(rows)):
        insert_rows(session, Acquaintance, columns, rows)
    return len(rows)


def insert_interactions(
    session: Session, records: Sequence[InteractionRecord], person_ids: dict[str, int]
) -> int:
    """Insert interactions whose `people` are keys of `person_ids` (emails); unknown keys skip."""
    first = next_id(session, Interaction.id)
    now = utcnow()
    rows: list[tuple[Any, ...]] = []
    participants: list[tuple[int, int]] = []
    for iid, r in enumerate(records, start=first):
        rows.append((iid, r.occurred_on, r.channel, r.direction, r.give_kind, r.minutes, r.note))
        rows[-1] += (r.source, now)
        keys = (p.strip().lower() for p in r.people)
        ids = {person_ids[k] for k in keys if k in person_ids}
        participants += [(iid, pid) for pid in sorted(ids)]
    tables = ("interaction", "interaction_participant")
    with token_triggers_paused(session.connection(), tables, len(rows)):
        insert_rows(session, Interaction, _INTERACTION_COLUMNS, rows)
        insert_rows(session, InteractionParticipant, ("interaction_id", "person_id"), participants)
    touched = {pid for _, pid in participants}
    contact_summary.refresh(session, None if len(touched) > _CHUNK else touched)
    return len(rows)
