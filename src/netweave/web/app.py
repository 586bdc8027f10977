"""The web app factory: `create_app(settings)` builds one app on one database.

Layers, outermost first: Host check (loopback names only when bound to loopback), body
size limit (413), security headers (CSP: this origin only), signed session cookie
(HttpOnly, SameSite=Strict), password gate; CSRF is a dependency of every router.
"""

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
from netweave.web import api, errors, pages
from netweave.web.auth import LoginThrottle, PasswordGate
from netweave.web.extensions import nav_entries
from netweave.web.guards import BodyLimit, HostGuard, SecurityHeaders
from netweave.web.uploads import UploadHold
from netweave.web.warmup import EngineWarmer

HERE = Path(__file__).parent
DESCRIPTION = (
    "The netweave JSON API: the same services as the CLI. Without a password (loopback) "
    "no sign-in is needed; otherwise send `Authorization: Bearer <password>`. Browser "
    "sessions must send the page's CSRF token as `X-CSRF-Token` on unsafe requests."
)


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the app; opens (and upgrades) the settings' database unless a store is given."""
    if store is None:
        store = Store(settings.url)
        ensure_current(store)
    app = FastAPI(
        title="netweave",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load from CDNs: /docs is our own page
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.login_throttle = LoginThrottle()
    app.state.uploads = UploadHold()
    app.state.warmer = EngineWarmer(store)
    app.add_middleware(PasswordGate, password=settings.password, throttle=app.state.login_throttle)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key or secrets.token_urlsafe(32),
        same_site="strict",
        https_only=False,
        session_cookie="netweave_session",
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=settings.upload_limit_bytes)
    app.add_middleware(HostGuard, loopback_only=settings.is_loopback)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    for router in pages.routers:
        app.include_router(router)
    errors.install(app)
    app.state.nav = nav_entries(app.routes)
    return app
