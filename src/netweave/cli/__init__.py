"""The `netweave` command line: a thin shell over `netweave.services`."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

import typer
from typer._click import Context as ClickContext
from typer.core import TyperGroup

from netweave import __version__
from netweave.cli.context import AppState
from netweave.errors import NetweaveError
from netweave.settings import Settings


class NetweaveGroup(TyperGroup):
    """Turns user errors into one line and exit code 1, never a traceback."""

    def invoke(self, ctx: ClickContext) -> Any:
        from sqlalchemy.exc import DatabaseError

        try:
            return super().invoke(ctx)
        except NetweaveError as exc:
            fail(str(exc))
        except DatabaseError as exc:
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            fail(f"database error: {reason}")
        except OSError as exc:
            fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit with status 1."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


app = typer.Typer(
    cls=NetweaveGroup,
    help="netweave: the relationship engine for people who make introductions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netweave {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="NETWEAVE_DB",
            help="Database file or SQLAlchemy URL (default: $XDG_DATA_HOME/netweave/netweave.db).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """netweave: know who does what, and introduce people who both gain.

    Example: netweave people add "Dana Reyes" --org "Reyes Law" --offer "family-law advice"
    """
    ctx.obj = AppState(settings=Settings(db=db))


def _register() -> None:
    from netweave.cli import backup, db, demo, imports, people, serve

    app.add_typer(people.app, name="people")
    app.add_typer(db.app, name="db")
    app.add_typer(backup.export_app, name="export")
    app.command("restore")(backup.restore)
    app.command("import")(imports.import_files)
    app.command("demo")(demo.demo)
    app.command("serve")(serve.serve)
    # The relationship ledger (#5).
    from netweave.cli import goals, ledger, log, me, rot

    app.command("log")(log.log)
    app.add_typer(log.app, name="interaction")
    app.command("ledger")(ledger.ledger)
    app.command("due")(ledger.due)
    app.command("health")(ledger.health)
    app.add_typer(goals.app, name="goal")
    app.command("week")(goals.week)
    app.command("rot")(rot.rot)
    app.add_typer(me.app, name="me")
    # The introduction engine (#6).
    from netweave.cli import suggest

    app.command("suggest")(suggest.suggest)
    app.command("why")(suggest.why)
    app.command("embed")(suggest.embed)
    app.add_typer(suggest.playbook_app, name="playbook")
    # Double opt-in introductions (#7).
    from netweave.cli import drafts, intro, intro_common, intro_reports, intro_steps

    del intro, intro_steps  # importing them registers their commands on intro_common.app
    app.add_typer(intro_common.app, name="intro")
    app.add_typer(drafts.app, name="draft")
    app.command("calendar")(intro_reports.calendar)
    app.command("calibration")(intro_reports.calibration)
    # Whole-community batch jobs, locally or on Dask (#12).
    from netweave.cli import batch

    batch.app.command("embed")(batch.embed)
    batch.app.command("suggest")(batch.suggest)
    app.add_typer(batch.app, name="batch")
    # Requests and events (#8).
    from netweave.cli import events, requests

    app.add_typer(requests.app, name="request")
    app.command("route")(requests.route)
    app.command("who")(requests.who)
    app.add_typer(events.app, name="event")

    # Gatherings, get-to-know meetings and sharing (#10).
    from netweave.cli import gathering

    app.add_typer(gathering.app, name="gathering")
    app.command("share")(gathering.share)


_register()


def main() -> None:
    app()
