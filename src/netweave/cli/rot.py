"""`netweave rot`: return on time."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from netweave.cli.context import JsonOption, LimitOption, console, print_json, state
from netweave.services.rot import rot_report


def rot(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", help="month, person, channel or event.")] = "month",
    limit: LimitOption = None,
    json_out: JsonOption = False,
) -> None:
    """Return on time: hours logged against referrals received and business resulted.
    ROT = points per hour (referral 1, business 3); see docs/ledger.md.

    Example: netweave rot --by channel
    """
    with state(ctx).store().read() as session:
        rows = [r.as_dict() for r in rot_report(session, by)]
    rows = rows[:limit] if limit else rows
    if json_out:
        print_json(rows)
        return
    table = Table(title=f"Return on time by {by}", title_justify="left")
    for column in (by, "hours", "interactions", "referrals", "business", "points", "ROT"):
        table.add_column(column, justify="left" if column == by else "right")
    for r in rows:
        table.add_row(
            r["name"],
            f"{r['hours']:.1f}",
            str(r["interactions"]),
            str(r["referrals"]),
            str(r["business"]),
            f"{r['points']:g}",
            "–" if r["rot"] is None else f"{r['rot']:.2f}",
        )
    console.print(table)
