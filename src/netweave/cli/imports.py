"""`netweave import`: bring in contacts, calendars and mail, merged and never duplicated."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from netweave.cli.context import JsonOption, console, print_json, state
from netweave.services.imports import ImportSummary, StrictImportError, import_parsed


def _total(summaries: list[ImportSummary]) -> ImportSummary:
    total = ImportSummary()
    for s in summaries:
        total.added += s.added
        total.updated += s.updated
        total.unchanged += s.unchanged
        total.interactions += s.interactions
        total.acquaintances += s.acquaintances
        total.rejected += s.rejected
        total.conflicts += s.conflicts
        total.skipped += s.skipped
    return total


def import_files(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Files to import.")],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Force a format: vcard, linkedin, google, outlook, thunderbird, csv, ics, "
            "mbox, eml (default: detected from content).",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Commit nothing if any record is rejected.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change without writing.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Import contacts (vCard, LinkedIn, Google, Outlook, Thunderbird, CSV), calendars, mail.

    Known people are updated, never duplicated; a differing field is reported as a conflict,
    not overwritten. All files are one transaction.

    Example: netweave import Connections.csv contacts.vcf --dry-run
    """
    from netweave.importers.detect import stream_file

    summaries: list[ImportSummary] = []
    with (
        state(ctx).store().write(dry_run=dry_run) as session,
        Progress(
            console=console, transient=True, disable=json_out or not console.is_terminal
        ) as progress,
    ):
        for path in files:
            stream = stream_file(path, format)
            task = progress.add_task(f"importing {path.name}", total=stream.expected)
            try:
                summary = import_parsed(
                    session,
                    stream,
                    file=str(path),
                    strict=strict,
                    progress=partial(progress.advance, task),
                )
            except StrictImportError as exc:
                if json_out:
                    print_json(exc.summary.as_json())
                raise
            summaries.append(summary)
    total = _total(summaries)
    if json_out:
        print_json(total.as_json())
    else:
        print_summary(total, dry_run)


def print_summary(summary: ImportSummary, dry_run: bool) -> None:
    table = Table(
        title="import (dry run: nothing written)" if dry_run else "import", title_justify="left"
    )
    for column in ("added", "updated", "unchanged", "rejected", "conflicts", "interactions"):
        table.add_column(column, justify="right")
    table.add_row(
        *(
            str(v)
            for v in (
                summary.added,
                summary.updated,
                summary.unchanged,
                len(summary.rejected),
                len(summary.conflicts),
                summary.interactions,
            )
        )
    )
    console.print(table)
    for rejection in summary.rejected:
        console.print(f"rejected {rejection}", markup=False)
    for c in summary.conflicts:
        where = f"{c.file}:{c.line}" if c.line else c.file
        console.print(
            f"conflict {where}: #{c.person_id} {c.person} {c.field} is {c.existing!r}, "
            f"file says {c.incoming!r} (kept {c.existing!r})",
            markup=False,
        )
    for skipped in summary.skipped:
        console.print(f"skipped {skipped}", markup=False)
