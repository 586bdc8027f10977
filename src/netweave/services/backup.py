"""Lossless backups: every table, every row, every column, as one JSON bundle.

The bundle is generic over the schema (it walks `Base.metadata`), so a table added by a
later migration is backed up without code changes here. Dates and datetimes are ISO
strings; the column types convert them back on restore.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Table, func, insert, select, text
from sqlalchemy.orm import Session

from netweave.db.migrate import HEAD_REVISION
from netweave.db.models import Base
from netweave.errors import NetweaveError

BUNDLE_FORMAT = "netweave-bundle"
BUNDLE_VERSION = 1
_BATCH = 5_000
# Revisions whose bundles hold exactly head's tables and columns (0010 only dropped an index).
RESTORABLE_REVISIONS = ("0009_routing_token", HEAD_REVISION)


def _dump_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _load_value(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    return value


def export_bundle(session: Session) -> dict[str, Any]:
    """Read every table into a JSON-serialisable dict."""
    tables: dict[str, Any] = {}
    for table in Base.metadata.sorted_tables:
        columns = [c.name for c in table.columns]
        order = [table.c[c.name] for c in table.primary_key.columns]
        rows = session.execute(select(*table.columns).order_by(*order))
        tables[table.name] = {
            "columns": columns,
            "rows": [[_dump_value(v) for v in row] for row in rows],
        }
    return {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "schema_revision": HEAD_REVISION,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": tables,
    }


def write_json_atomic(path: Path, data: Any) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_bundle(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.expanduser().read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise NetweaveError(f"no such file: {path}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NetweaveError(f"{path} is not a netweave bundle (not JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT:
        raise NetweaveError(f"{path} is not a netweave bundle")
    if data.get("version") != BUNDLE_VERSION:
        raise NetweaveError(f"{path}: unsupported bundle version {data.get('version')}")
    return data


def _is_empty(session: Session) -> bool:
    return all(
        not session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    )


def _restore_table(session: Session, table: Table, payload: dict[str, Any]) -> None:
    columns = payload["columns"]
    unknown = set(columns) - set(table.columns.keys())
    if unknown:
        raise NetweaveError(f"bundle table {table.name} has unknown columns {sorted(unknown)}")
    # only date and time columns need converting back; everything else goes in as stored
    dated = [
        (k, table.c[name].type)
        for k, name in enumerate(columns)
        if isinstance(table.c[name].type, Date | DateTime)
    ]
    rows = payload["rows"]
    connection = session.connection()
    statement = insert(table)
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        if dated:
            batch = [list(row) for row in batch]
            for row in batch:
                for k, column_type in dated:
                    row[k] = _load_value(column_type, row[k])
        connection.execute(statement, [dict(zip(columns, row, strict=True)) for row in batch])


def _reset_sequences(session: Session) -> None:
    """PostgreSQL: move each serial sequence past the restored ids."""
    for table in Base.metadata.sorted_tables:
        if "id" in table.columns and table.c.id.primary_key:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def restore_bundle(session: Session, data: dict[str, Any]) -> dict[str, int]:
    """Load a bundle into an empty database; returns the row count per table."""
    if data.get("schema_revision") not in RESTORABLE_REVISIONS:
        raise NetweaveError(
            f"bundle schema {data.get('schema_revision')} differs from this version's "
            f"{HEAD_REVISION}; restore it with the netweave version that wrote it"
        )
    if not _is_empty(session):
        raise NetweaveError("restore needs an empty database; use a new --db path")
    counts: dict[str, int] = {}
    tables = data.get("tables", {})
    for table in Base.metadata.sorted_tables:
        payload = tables.get(table.name, {"columns": [], "rows": []})
        _restore_table(session, table, payload)
        counts[table.name] = len(payload["rows"])
    if session.get_bind().dialect.name == "postgresql":
        _reset_sequences(session)
    return counts
