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


def _write_text_atomic(path: Path, text: str) -> None:
    import os
    import tempfile

    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@export_app.command("vcard")
def export_vcard(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the .vcf file.")],
    version: Annotated[str, typer.Option(help="vCard version: 4.0 or 3.0.")] = "4.0",
) -> None:
    """Write everyone as vCards (4.0 by default).

    Example: netweave export vcard contacts.vcf --version 3.0
    """
    from netweave.errors import NetweaveError
    from netweave.importers.export_vcard import people_to_vcard
    from netweave.services.export import all_records

    if version not in ("4.0", "3.0"):
        raise NetweaveError(f"unsupported vCard version {version!r}; use 4.0 or 3.0")
    with state(ctx).store().read() as session:
        records = list(all_records(session))
    _write_text_atomic(file, people_to_vcard(records, version=version))
    typer.echo(f"wrote {len(records)} people to {file}")


@export_app.command("csv")
def export_csv(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the .csv file.")],
) -> None:
    """Write everyone in the generic CSV layout (the one `netweave import` reads back).

    Example: netweave export csv contacts.csv
    """
    from netweave.importers.export_csv import people_to_csv
    from netweave.services.export import all_records

    with state(ctx).store().read() as session:
        records = list(all_records(session))
    _write_text_atomic(file, people_to_csv(records))
    typer.echo(f"wrote {len(records)} people to {file}")
