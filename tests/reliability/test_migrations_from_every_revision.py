"""A database at every earlier revision, filled with the demo network, upgrades with nothing lost.

For each revision 0001…0007, on SQLite and on PostgreSQL: migrate an empty database to that
revision, load the demo network into the tables and columns that exist there (rows from a
bundle exported at head, restricted to that revision's columns), upgrade to head, and check
that every table keeps its row count and the content of every pre-existing column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import Connection, MetaData, create_engine, inspect, select, text

from netweave.db.migrate import HEAD_REVISION, alembic_config, current_revision, upgrade
from netweave.db.models import Base
from netweave.db.store import Store
from netweave.services.backup import _load_value, export_bundle
from netweave.services.demo import load_demo
from tests.conftest import postgres_url_or_skip

TODAY = dt.date(2026, 11, 23)


def revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    ordered = [r.revision for r in script.walk_revisions()][::-1]
    assert ordered[-1] == HEAD_REVISION
    return ordered[:-1]


EARLIER = revisions()


@pytest.fixture(scope="module")
def demo_bundle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("reliability_migrate") / "demo.db"
    store = Store(f"sqlite:///{path}")
    upgrade(store)
    with store.write() as s:
        load_demo(s, 60, 7, TODAY)
    with store.read() as s:
        bundle = export_bundle(s)
    store.dispose()
    return bundle


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty database (no schema at all) on SQLite or in a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'old.db'}")
        yield store
        store.dispose()
        return
    base = postgres_url_or_skip()
    schema = f"nw_mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    store = Store(f"{base}{sep}options={quote(f'-csearch_path={schema}')}")
    try:
        yield store
    finally:
        store.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def load_rows(conn: Connection, bundle: dict[str, Any]) -> dict[str, list[str]]:
    """Insert the bundle's rows into the tables and columns present now; returns them."""
    present = MetaData()
    present.reflect(conn)
    loaded: dict[str, list[str]] = {}
    for head_table in Base.metadata.sorted_tables:
        payload = bundle["tables"].get(head_table.name)
        table = present.tables.get(head_table.name)
        if table is None or not payload or not payload["rows"]:
            continue
        keep = [i for i, c in enumerate(payload["columns"]) if c in table.c]
        names = [payload["columns"][i] for i in keep]
        rows = [
            {n: _load_value(head_table.c[n].type, row[i]) for n, i in zip(names, keep, strict=True)}
            for row in payload["rows"]
        ]
        conn.execute(table.insert(), rows)
        loaded[table.name] = names
    if conn.dialect.name == "postgresql":
        for name in loaded:
            if "id" in present.tables[name].c and present.tables[name].c.id.primary_key:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                    )
                )
    return loaded


def snapshot(store: Store, columns: dict[str, list[str]]) -> dict[str, tuple[int, str]]:
    """Row count and a content hash of the given columns, per table."""
    out: dict[str, tuple[int, str]] = {}
    meta = MetaData()
    with store.engine.connect() as conn:
        meta.reflect(conn, only=list(columns))
        for name, cols in columns.items():
            table = meta.tables[name]
            rows = sorted(repr(tuple(r)) for r in conn.execute(select(*(table.c[c] for c in cols))))
            out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


@pytest.mark.parametrize("revision", EARLIER)
def test_upgrade_from_revision_keeps_the_demo_network(
    revision: str, empty_store: Store, demo_bundle: dict[str, Any]
) -> None:
    upgrade(empty_store, revision)
    assert current_revision(empty_store) == revision
    with empty_store.engine.begin() as conn:
        loaded = load_rows(conn, demo_bundle)
    assert {"person", "email", "interaction"} <= set(loaded)
    before = snapshot(empty_store, loaded)
    upgrade(empty_store)
    assert current_revision(empty_store) == HEAD_REVISION
    after = snapshot(empty_store, loaded)
    assert after == before
    with empty_store.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= {t.name for t in Base.metadata.sorted_tables}
