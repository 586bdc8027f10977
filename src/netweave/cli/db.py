"""`netweave db`: schema migrations."""

from __future__ import annotations

import typer

from netweave.cli.context import state

app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Upgrade the database schema to the newest revision.

    Example: netweave --db ~/contacts.db db upgrade
    """
    from netweave.db.migrate import current_revision
    from netweave.db.migrate import upgrade as run_upgrade
    from netweave.db.store import Store

    store = Store(state(ctx).settings.url)
    before = current_revision(store)
    run_upgrade(store)
    after = current_revision(store)
    if before == after:
        typer.echo(f"database already at {after}")
    else:
        typer.echo(f"upgraded database from {before or 'empty'} to {after}")


@app.command("current")
def current(ctx: typer.Context) -> None:
    """Print the schema revision and location of the database.

    Example: netweave db current
    """
    from netweave.db.migrate import current_revision
    from netweave.db.store import Store

    settings = state(ctx).settings
    store = Store(settings.url)
    typer.echo(f"{settings.url}: {current_revision(store) or 'empty'}")
