"""Request-scoped dependencies: database sessions from the app's store."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session

from netweave.db.store import Store


def store_of(request: Request) -> Store:
    store = request.app.state.store
    assert isinstance(store, Store)
    return store


def read_session(request: Request) -> Iterator[Session]:
    with store_of(request).read() as session:
        yield session


def write_session(request: Request) -> Iterator[Session]:
    with store_of(request).write() as session:
        yield session
