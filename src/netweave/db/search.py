"""Full-text search over people: SQLite FTS5 or PostgreSQL `to_tsvector`, same results shape."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from netweave.db.triggers import triggers_dropped

_TOKEN = re.compile(r"\w+", re.UNICODE)
# From this many people on, `search_text_renewed_once` pays for itself (each row's own
# renewal cost 0.3-0.6 ms; the trigger's drop and re-creation cost about as much as two).
RENEW_ONCE_FROM = 100
_ROWS_PER_STATEMENT = 10_000
_FORGET = (
    "INSERT INTO person_fts(person_fts, rowid, search_text) "
    "SELECT 'delete', id, search_text FROM person WHERE id IN ({}) ORDER BY id"
)
_INDEX = (
    "INSERT INTO person_fts(rowid, search_text) "
    "SELECT id, search_text FROM person WHERE id IN ({}) ORDER BY id"
)


def query_tokens(query: str) -> list[str]:
    """Split user input into plain word tokens (drops FTS operators and punctuation)."""
    return [t.lower() for t in _TOKEN.findall(query)][:16]


def search_person_ids(session: Session, query: str, limit: int = 50) -> list[int]:
    """Ids of people matching every word of `query` (as prefixes), best match first."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{t}"*' for t in tokens)
        sql = text("SELECT rowid FROM person_fts WHERE person_fts MATCH :q ORDER BY rank LIMIT :n")
        rows = session.execute(sql, {"q": match, "n": limit})
    else:
        tsquery = " & ".join(f"{t}:*" for t in tokens)
        sql = text(
            "SELECT id FROM person WHERE to_tsvector('simple', search_text) "
            "@@ to_tsquery('simple', :q) "
            "ORDER BY ts_rank(to_tsvector('simple', search_text), to_tsquery('simple', :q)) DESC, "
            "id LIMIT :n"
        )
        rows = session.execute(sql, {"q": tsquery, "n": limit})
    return [int(r[0]) for r in rows]


@contextmanager
def search_text_renewed_once(connection: Connection, ids: Iterable[int]) -> Iterator[None]:
    """Update the `search_text` of the people `ids` in the block; their full-text entries
    are renewed once for all of them when it ends, not row by row.

    Row by row, SQLite's update trigger removes a row's old entry and adds the new one, and
    FTS5 writes out its pending changes every time a row id does not increase: 339 people
    updated by an import took 0.22 s, against 0.01 s for the two statements here. The
    trigger is dropped for the block (`db.triggers`); the caller's transaction must roll
    back if the block raises. PostgreSQL indexes an
    expression: nothing to do there.
    """
    ids = sorted(set(ids))
    create = None
    if connection.dialect.name == "sqlite" and len(ids) >= RENEW_ONCE_FROM:
        create = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'person_fts_au'"
        ).scalar_one_or_none()
    if create is None:  # few people, PostgreSQL, or no full-text index to keep up
        yield
        return
    with triggers_dropped(connection, [("person_fts_au", create)]):
        _for_ids(connection, _FORGET, ids)
        yield
        _for_ids(connection, _INDEX, ids)


def _for_ids(connection: Connection, sql: str, ids: list[int]) -> None:
    """Run sql, whose `{}` stands for a list of ids, for ids in increasing order."""
    for start in range(0, len(ids), _ROWS_PER_STATEMENT):
        chunk = ids[start : start + _ROWS_PER_STATEMENT]
        connection.exec_driver_sql(sql.format(", ".join("?" * len(chunk))), tuple(chunk))
