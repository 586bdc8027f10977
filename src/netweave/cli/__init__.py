"""The `netweave` command line: a thin shell over `netweave.services`."""

from __future__ import annotations

import gc
from typing import Annotated, Any, NoReturn

import typer
from typer._click import Command
from typer._click import Context as ClickContext
from typer.core import TyperGroup

from netweave import __version__
from netweave.cli.context import AppState
from netweave.cli.lazy import Lazy, command, group, load_command
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

    def list_commands(self, ctx: ClickContext) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: ClickContext, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name, COMMANDS[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)


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
    ctx.call_on_close(ctx.obj.close)


# Every top-level command, in help order; each module is imported on first use (cli/lazy.py).
COMMANDS: dict[str, Lazy] = {
    "people": group("people"),
    "db": group("db"),
    "export": group("backup", "export_app"),
    "restore": command("backup", "restore"),
    "import": command("imports", "import_files"),
    "demo": command("demo", "demo"),
    "serve": command("serve", "serve"),
    # The relationship ledger (#5).
    "log": command("log", "log"),
    "interaction": group("log"),
    "ledger": command("ledger", "ledger"),
    "due": command("ledger", "due"),
    "health": command("ledger", "health"),
    "goal": group("goals"),
    "week": command("goals", "week"),
    "rot": command("rot", "rot"),
    "me": group("me"),
    # The introduction engine (#6).
    "suggest": command("suggest", "suggest"),
    "why": command("suggest", "why"),
    "embed": command("suggest", "embed"),
    "playbook": group("suggest", "playbook_app"),
    # Double opt-in introductions (#7).
    "intro": group("intro_common", "app", "intro", "intro_steps"),
    "draft": group("drafts"),
    "calendar": command("intro_reports", "calendar"),
    "calibration": command("intro_reports", "calibration"),
    # Whole-community batch jobs, locally or on Dask (#12).
    "batch": group("batch"),
    # Requests and events (#8).
    "request": group("requests"),
    "route": command("requests", "route"),
    "who": command("requests", "who"),
    "event": group("events"),
    # Gatherings, get-to-know meetings and sharing (#10).
    "gathering": group("gathering"),
    "share": command("gathering", "share"),
}


def main() -> None:
    """Run the command; what it leaves in memory is frozen for the exit, whose collections
    would otherwise scan it again and again (half a second after a large import)."""
    try:
        app()
    finally:
        gc.freeze()
