"""Shared fixtures: a fresh database per test (SQLite file, or a PostgreSQL schema)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from netweave.cli import app
from netweave.db.migrate import upgrade
from netweave.db.store import Store

POSTGRES_ENV = "NETWEAVE_TEST_POSTGRES_URL"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "netweave.db"


@pytest.fixture
def sqlite_store(db_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{db_path}")
    upgrade(store)
    yield store
    store.dispose()


def postgres_url_or_skip() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: PostgreSQL variant not run")
    return url


@pytest.fixture
def postgres_store() -> Iterator[Store]:
    """A fresh schema in the PostgreSQL test database, dropped afterwards."""
    from sqlalchemy import create_engine, text

    base = postgres_url_or_skip()
    schema = f"nw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    store = Store(f"{base}{sep}options={quote(f'-csearch_path={schema}')}")
    try:
        upgrade(store)
        yield store
    finally:
        store.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Store:
    """The store tests run on SQLite and again on the PostgreSQL server."""
    name = "sqlite_store" if request.param == "sqlite" else "postgres_store"
    result = request.getfixturevalue(name)
    assert isinstance(result, Store)
    return result


class Cli:
    """Runs the real `netweave` CLI against one database."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, code: int = 0) -> str:
        result = self.runner.invoke(app, ["--db", str(self.db), *args], input=input)
        assert result.exit_code == code, (
            f"netweave {' '.join(args)} exited {result.exit_code}, expected {code}\n"
            f"output: {result.output}\nexception: {result.exception!r}"
        )
        return result.output

    def fails(self, *args: str, code: int = 1, input: str | None = None) -> str:
        result = self.runner.invoke(app, ["--db", str(self.db), *args], input=input)
        assert result.exit_code == code, (args, result.exit_code, result.output)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        return result.output


@pytest.fixture
def cli(db_path: Path) -> Cli:
    return Cli(db_path)
