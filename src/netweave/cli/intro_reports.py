"""`netweave calendar` and `netweave calibration`: due dates as iCalendar, and how well
suggestion scores predicted outcomes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from netweave.cli.context import JsonOption, console, print_json, state
from netweave.cli.draft_output import write_atomic
from netweave.services.calendar import calendar_feed
from netweave.services.calibration import calibration_report


def calendar(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The .ics file to write.")],
) -> None:
    """Write every introduction follow-up and nudge, and keep-in-touch dates for the next
    90 days, as all-day iCalendar events (Google, Apple, Outlook). Event ids are stable, so
    importing again updates them.

    Example: netweave calendar ~/netweave.ics
    """
    app_state = state(ctx)
    with app_state.store().read() as session:
        data = calendar_feed(session, app_state.today())
    write_atomic(file, data)
    console.print(f"wrote {data.count(b'BEGIN:VEVENT')} events to {file}", markup=False)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _table(title: str, bins: list[dict[str, Any]]) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("predicted", "count", "mean predicted", "observed"):
        table.add_column(column, justify="left" if column == "predicted" else "right")
    for b in bins:
        span = f"{b['low']:.1f}–{b['high']:.1f}"
        table.add_row(span, str(b["count"]), _fmt(b["predicted"]), _fmt(b["observed"]))
    console.print(table)


def calibration(ctx: typer.Context, json_out: JsonOption = False) -> None:
    """How well suggestion scores predicted debriefed outcomes (good = 4 or 5 on every side):
    Brier score and reliability table for the prior (the score as a probability) and, from
    20 outcomes, a logistic model of the score's terms (cross-validated).

    Example: netweave calibration --json
    """
    with state(ctx).store().read() as session:
        report = calibration_report(session)
    if json_out:
        print_json(report)
        return
    console.print(
        f"{report['outcomes']} debriefed introductions with a score, {report['good']} good",
        markup=False,
    )
    prior = report["prior"]
    if prior["brier"] is not None:
        console.print(f"prior (score as probability): Brier {prior['brier']:.3f}", markup=False)
        _table("Reliability of the prior", prior["reliability"])
    fitted = report["fitted"]
    if fitted:
        console.print(
            f"fitted logistic model: Brier {fitted['brier_cross_validated']:.3f} "
            f"({fitted['folds']}-fold cross-validated)",
            markup=False,
        )
        for name, coef in sorted(fitted["coefficients"].items(), key=lambda kv: -abs(kv[1])):
            console.print(f"  {name}: {coef:+.2f}", markup=False)
        _table("Reliability of the fitted model (cross-validated)", fitted["reliability"])
    console.print(report["note"], markup=False)
