"""The web app factory: `create_app(settings)` builds one app on one database."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from netweave import __version__
from netweave.db.migrate import ensure_current
from netweave.db.store import Store
from netweave.settings import Settings
from netweave.web import api, pages
from netweave.web.auth import PasswordGate

HERE = Path(__file__).parent


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the app; opens (and upgrades) the settings' database unless a store is given."""
    if store is None:
        store = Store(settings.url)
        ensure_current(store)
    app = FastAPI(title="netweave", version=__version__, docs_url="/docs")
    app.state.settings = settings
    app.state.store = store
    app.add_middleware(PasswordGate, password=settings.password)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key or secrets.token_urlsafe(32),
        same_site="strict",
        https_only=False,
        session_cookie="netweave_session",
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
