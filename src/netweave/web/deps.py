"""Request-scoped dependencies: the app's store, settings, 'today' and read sessions.

Writes open `store.write()` inside the route, so the transaction commits before the
response is sent (a redirect then always shows the change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from netweave.db.store import Store
from netweave.settings import Settings


def store_of(request: Request) -> Store:
    store = request.app.state.store
    assert isinstance(store, Store)
    return store


def settings_of(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


def today_of(request: Request) -> dt.date:
    return settings_of(request).current_date()


def user_templates(request: Request) -> Path:
    """The user's message template overrides: `<data dir>/templates` (as in the CLI)."""
    return settings_of(request).data_dir / "templates"


def read_session(request: Request) -> Iterator[Session]:
    with store_of(request).read() as session:
        yield session


async def form_data(request: Request) -> FormData:
    """The posted form (parsed once; the CSRF check reads the same object)."""
    return await request.form()


ReadSession = Annotated[Session, Depends(read_session)]
StoreDep = Annotated[Store, Depends(store_of)]
Today = Annotated[dt.date, Depends(today_of)]
Form = Annotated[FormData, Depends(form_data)]
UserTemplates = Annotated[Path, Depends(user_templates)]
