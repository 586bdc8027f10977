"""`netweave export bundle` and `netweave restore`: lossless backups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netweave.cli.context import state
from netweave.services import backup as service

export_app = typer.Typer(help="Export data out of netweave.", no_args_is_help=True)


@export_app.command("bundle")
def export_bundle(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the JSON bundle.")],
) -> None:
    """Write everything losslessly to a JSON bundle (atomic write).

    Example: netweave export bundle backup-2026-11-23.json
    """
    with state(ctx).store().read() as session:
        data = service.export_bundle(session)
    service.write_json_atomic(file, data)
    people = len(data["tables"]["person"]["rows"])
    typer.echo(f"wrote {file} ({people} people)")


def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A bundle written by `netweave export bundle`.")],
) -> None:
    """Load a bundle into an empty database.

    Example: netweave --db restored.db restore backup-2026-11-23.json
    """
    data = service.read_bundle(file)
    with state(ctx).store().write() as session:
        counts = service.restore_bundle(session, data)
    typer.echo(f"restored {counts.get('person', 0)} people from {file}")
