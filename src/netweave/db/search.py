"""Full-text search over people: SQLite FTS5 or PostgreSQL `to_tsvector`, same results shape."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

_TOKEN = re.compile(r"\w+", re.UNICODE)


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
