"""`netweave goal` and `netweave week`: targets, progress, streaks and the week's plan."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from netweave.cli.context import JsonOption, console, print_json, state
from netweave.services import goals as service
from netweave.services.week import week_plan

app = typer.Typer(help="Set goals and follow progress and streaks.", no_args_is_help=True)

METRICS = "introductions, follow-ups, gives, face-to-face or new-people"


@app.command("set")
def set_(
    ctx: typer.Context,
    metric: Annotated[str, typer.Argument(help=f"One of: {METRICS}.")],
    target: Annotated[str, typer.Argument(help="N/period: period is day, week, fortnight, month.")],
    json_out: JsonOption = False,
) -> None:
    """Set (or replace) the goal for a metric.

    Example: netweave goal set introductions 3/week
    """
    app_state = state(ctx)
    with app_state.store().write() as session:
        goal = service.set_goal(session, metric, target, app_state.today())
        result = {"metric": goal.metric, "target": goal.target, "period": goal.period}
    if json_out:
        print_json(result)
    else:
        console.print(f"goal: {result['target']} {result['metric']} per {result['period']}")


@app.command("remove")
def remove(
    ctx: typer.Context,
    metric: Annotated[str, typer.Argument(help=f"One of: {METRICS}.")],
) -> None:
    """Remove a goal (face-to-face falls back to one outing every two weeks).

    Example: netweave goal remove gives
    """
    with state(ctx).store().write() as session:
        service.remove_goal(session, metric)
    console.print(f"removed the {metric} goal")


@app.command("list")
def list_(ctx: typer.Context, json_out: JsonOption = False) -> None:
    """Each goal with this period's progress and its streak.

    Example: netweave goal list
    """
    app_state = state(ctx)
    with app_state.store().read() as session:
        statuses = service.goal_statuses(session, app_state.today())
    if json_out:
        print_json([s.as_dict() for s in statuses])
        return
    table = Table(title="Goals", title_justify="left")
    for column in ("metric", "target", "this period", "done", "streak"):
        table.add_column(column)
    for s in statuses:
        table.add_row(
            s.metric + (" (default)" if s.default else ""),
            f"{s.target}/{s.period}",
            f"{s.start} – {s.end}",
            f"{s.done}/{s.target}" + (" ✓" if not s.remaining else ""),
            f"{s.streak} {s.period}{'s' if s.streak != 1 else ''}",
        )
    console.print(table)


@app.command("history")
def history(
    ctx: typer.Context,
    metric: Annotated[str, typer.Argument(help=f"One of: {METRICS}.")],
    periods: Annotated[int, typer.Option("--periods", min=1, max=520, help="How many.")] = 12,
    json_out: JsonOption = False,
) -> None:
    """A goal's count per period, oldest first, and its current streak.

    Example: netweave goal history introductions --periods 8
    """
    app_state = state(ctx)
    with app_state.store().read() as session:
        data = service.goal_history(session, metric, app_state.today(), periods)
    if json_out:
        print_json(data)
        return
    table = Table(
        title=f"{data['metric']}: {data['target']}/{data['period']}, streak {data['streak']}",
        title_justify="left",
    )
    for column in ("from", "to", "count", "met"):
        table.add_column(column)
    for p in data["periods"]:
        table.add_row(p["start"], p["end"], str(p["count"]), "yes" if p["met"] else "no")
    console.print(table)


def week(ctx: typer.Context, json_out: JsonOption = False) -> None:
    """This week's plan: introductions to make, follow-ups due, people going cold, the next
    outing and goal progress.

    Example: netweave week
    """
    app_state = state(ctx)
    today = app_state.today()
    with app_state.store().read() as session:
        plan = week_plan(session, today, cache_dir=app_state.settings.data_dir / "cache")
    if json_out:
        print_json(plan.as_dict())
        return
    out = console.print
    out(f"Week of {plan.start} to {plan.end}", style="bold", markup=False)
    if plan.get_to_know:  # new connections first: get to know them before any ask (#10)
        heading = "\nGet to know (new connections: listen first, no business)"
        out(heading, style="bold", markup=False)
        for meet in plan.get_to_know:
            who = f"#{meet.person_id} {meet.name}"
            out(f"  {meet.meeting} with {who} ({meet.meeting_why})", markup=False)
            for q in meet.questions:
                out(f"    ask: {q}", markup=False)
            for h in meet.help:
                out(f"    help: {h}", markup=False)
            for helper in meet.helpers:
                helper_name = f"#{helper.person_id} {helper.name}"
                out(f"    could help them: {helper_name}: {helper.reason}", markup=False)
    out("\nIntroductions to make", style="bold", markup=False)
    for intro in plan.introductions:
        out(f"  introduce {intro.name}: offers {intro.offer!r} for {intro.need!r}", markup=False)
    if plan.introductions_note:
        out(f"  {plan.introductions_note}", markup=False)
    out("\nFollow-ups due", style="bold", markup=False)
    for item in plan.follow_ups:
        out(f"  #{item.person_id} {item.person}: {item.reason}", markup=False)
    if not plan.follow_ups:
        out("  none this week", markup=False)
    out(f"\nGoing cold ({plan.going_cold_total} in all)", style="bold", markup=False)
    for cold in plan.going_cold:
        out(
            f"  #{cold.person_id} {cold.name} ({cold.strength}): {'; '.join(cold.reasons)}",
            markup=False,
        )
    if not plan.going_cold:
        out("  nothing is going cold", markup=False)
    outing = plan.outing
    out("\nNext outing", style="bold", markup=False)
    late = " (overdue)" if outing.overdue(today) else ""
    last = f"last face-to-face {outing.last_on}" if outing.last_on else "none logged yet"
    out(f"  due {outing.due_on}{late}; {last}; goal {outing.rule}", markup=False)
    for c in outing.candidates:
        out(f"  meet #{c.person_id} {c.name} ({c.strength}): {c.reasons[0]}", markup=False)
    out("\nGoals", style="bold", markup=False)
    for g in plan.goals:
        out(f"  {g.describe()}", markup=False)
