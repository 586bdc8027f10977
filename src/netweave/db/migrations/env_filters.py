"""What Alembic's autogenerate compares (shared by env.py and the schema test)."""

from __future__ import annotations

# Full-text search objects made by raw SQL in 0001 (FTS5 tables on SQLite, a GIN index on
# PostgreSQL); the models do not describe them.
SEARCH_OBJECTS = ("person_fts", "ix_person_search")
# The engine's change token (0006): kept by triggers, outside the models so backups skip it.
TRIGGER_OBJECTS = ("engine_state",)


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Leave the full-text search objects and the engine token out of autogenerate."""
    return not (
        type_ in ("table", "index")
        and name is not None
        and name.startswith(SEARCH_OBJECTS + TRIGGER_OBJECTS)
    )
