"""`netweave ledger`, `netweave due` and `netweave health`: the state of relationships."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from netweave.cli.context import JsonOption, LimitOption, console, print_json, state
from netweave.services import health as health_service
from netweave.services.keep_in_touch import due as due_items
from netweave.services.ledger import ledger as person_ledger
from netweave.services.people import find_person

FaceDays = Annotated[
    int,
    typer.Option(
        "--face-to-face-days",
        envvar="NETWEAVE_FACE_TO_FACE_DAYS",
        min=1,
        help="Face-to-face counts as recent within this many days.",
    ),
]


def ledger(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id, email or name.")],
    json_out: JsonOption = False,
) -> None:
    """Gives, asks and receives with a person, month by month, and whether an ask is fair.

    Example: netweave ledger "Dana Reyes"
    """
    app_state = state(ctx)
    with app_state.store().read() as session:
        report = person_ledger(session, find_person(session, person), app_state.today())
    data = report.as_dict()
    if json_out:
        print_json(data)
        return
    table = Table(title=f"Ledger with {report.name}", title_justify="left")
    for column in ("month", "gives", "asks", "receives", "neutral", "minutes"):
        table.add_column(column, justify="left" if column == "month" else "right")
    for m in [*report.months, report.totals]:
        table.add_row(
            m.month, *(str(v) for v in (m.gives, m.asks, m.receives, m.neutral, m.minutes))
        )
    console.print(table)
    console.print(data["jab"]["message"], markup=False)


def due(
    ctx: typer.Context,
    limit: LimitOption = 20,
    json_out: JsonOption = False,
) -> None:
    """Who is due for contact (past their cadence) and which follow-ups are due, most
    pressing first, each with the reason.

    Example: netweave due --limit 10
    """
    app_state = state(ctx)
    with app_state.store().read() as session:
        report = due_items(session, app_state.today(), limit or 20)
    if json_out:
        print_json(report.as_dict())
        return
    if not report.items:
        console.print("nobody is due: every relationship is within its cadence")
        return
    table = Table(
        title=f"{len(report.items)} of {report.total} due", title_justify="left", show_lines=False
    )
    for column in ("kind", "person", "due", "reason"):
        table.add_column(column)
    for item in report.items:
        table.add_row(item.kind, f"#{item.person_id} {item.person}", str(item.due_on), item.reason)
    console.print(table)


def health(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Argument(help="Id, email or name; without it, the going-cold list.")
    ] = None,
    cold: Annotated[bool, typer.Option("--cold", help="List relationships going cold.")] = False,
    face_days: FaceDays = health_service.FACE_DAYS,
    limit: LimitOption = 20,
    json_out: JsonOption = False,
) -> None:
    """A relationship's health against the four requirements of a good connection, with its
    strength (0–100), or the list of relationships going cold.

    Example: netweave health "Dana Reyes"   (or: netweave health --cold)
    """
    app_state = state(ctx)
    today = app_state.today()
    with app_state.store().read() as session:
        if person and not cold:
            report = health_service.health(session, find_person(session, person), today, face_days)
            data = report.as_dict()
            if json_out:
                print_json(data)
                return
            score = "never scored (no interactions)" if report.never_scored else report.strength
            console.print(f"#{report.person_id} {report.name}: strength {score}", markup=False)
            for r in report.requirements:
                console.print(f"  {r.name}: {r.status} — {r.reason}", markup=False)
            return
        items, total = health_service.going_cold(session, today, limit or 20, face_days)
    if json_out:
        print_json({"total": total, "items": [i.as_dict() for i in items]})
        return
    if not items:
        console.print("nothing is going cold")
        return
    table = Table(title=f"Going cold: {len(items)} of {total}", title_justify="left")
    for column in ("person", "strength", "why"):
        table.add_column(column)
    for item in items:
        table.add_row(f"#{item.person_id} {item.name}", str(item.strength), "; ".join(item.reasons))
    console.print(table)
