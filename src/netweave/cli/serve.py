"""`netweave serve`: the web app."""

from __future__ import annotations

from typing import Annotated

import typer

from netweave.cli.context import state
from netweave.errors import NetweaveError


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8765).")] = None,
) -> None:
    """Start the web app (binds to 127.0.0.1 unless told otherwise).

    Binding to any other address requires NETWEAVE_PASSWORD.

    Example: netweave serve --port 8765
    """
    import uvicorn

    from netweave.web.app import create_app

    app_state = state(ctx)
    settings = app_state.settings.replace(
        **{k: v for k, v in {"host": host, "port": port}.items() if v is not None}
    )
    if not settings.is_loopback and not settings.password:
        raise NetweaveError(
            f"refusing to listen on {settings.host} without a password: set NETWEAVE_PASSWORD "
            "or bind to 127.0.0.1"
        )
    app = create_app(settings, app_state.store())  # the database is created / upgraded first
    app.state.warmer.start(app_state.today())  # suggestions are ready by the first visit
    typer.echo(f"netweave is running at http://{settings.host}:{settings.port}/ (Ctrl+C to stop)")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
