"""`netweave intro start/list/show/sweep/rules`: starting and following introductions."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from netweave.cli.context import JsonOption, LimitOption, console, print_json, state
from netweave.cli.intro_common import IdArg, app, report
from netweave.errors import NetweaveError
from netweave.services import introductions as service
from netweave.services.intro_rules import load_rules, save_rules
from netweave.services.intro_start import NewIntroduction, start, start_from_suggestion
from netweave.services.intro_views import introduction_detail, list_introductions
from netweave.services.people import find_person


@app.command("start")
def start_(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(help='A B "why" by hand; with --from-suggestion, an optional RANK.'),
    ] = None,
    from_suggestion: Annotated[
        bool,
        typer.Option("--from-suggestion", help="Start the RANK-th (default 1) suggestion."),
    ] = False,
    for_person: Annotated[
        str | None, typer.Option("--for", help="With --from-suggestion: suggestions for them.")
    ] = None,
    why_a: Annotated[
        list[str] | None, typer.Option("--why-a", help="What A would gain (repeatable).")
    ] = None,
    why_b: Annotated[
        list[str] | None, typer.Option("--why-b", help="What B would gain (repeatable).")
    ] = None,
    anyway: Annotated[
        bool, typer.Option("--anyway", help="Start even if the pair is cooling down.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Start an introduction (stage suggested): by hand, or from `netweave suggest`, keeping
    the suggestion's score, terms and both sides' reasons.

    Example: netweave intro start "Dana Reyes" "Lee Chen" "both serve divorcing clients"
    (or: netweave intro start --from-suggestion 2)
    """
    items = list(args or [])
    app_state = state(ctx)
    today = app_state.today()
    with app_state.store().write() as session:
        service.sweep(session, today)
        if from_suggestion:
            if len(items) > 1 or (items and not items[0].isdecimal()):
                raise NetweaveError("with --from-suggestion, give at most a RANK (1 = the best)")
            who = find_person(session, for_person) if for_person else None
            rank = int(items[0]) if items else 1
            intro = start_from_suggestion(session, today, rank, who, anyway)
        else:
            if len(items) not in (2, 3):
                raise NetweaveError('name two people and, optionally, why: A B "why"')
            new = NewIntroduction(
                a=find_person(session, items[0]),
                b=find_person(session, items[1]),
                why=items[2] if len(items) == 3 else None,
                reasons_a=why_a,
                reasons_b=why_b,
            )
            intro = start(session, new, today, anyway)
        detail = introduction_detail(session, intro.id)
    if json_out:
        print_json(detail)
    else:
        report(detail)


@app.command("list")
def list_(
    ctx: typer.Context,
    stage: Annotated[str | None, typer.Option("--stage", help="Only this stage.")] = None,
    limit: LimitOption = None,
    json_out: JsonOption = False,
) -> None:
    """List introductions, most recently moved first, with the next date each one has.

    Example: netweave intro list --stage asked_a
    """
    app_state = state(ctx)
    with app_state.store().write() as session:
        service.sweep(session, app_state.today())
        rows = list_introductions(session, stage, limit)
    if json_out:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} introductions", title_justify="left")
    for column in ("id", "a", "b", "stage", "since", "next", "score"):
        table.add_column(column)
    for r in rows:
        nxt = f"{r['next']['what']} {r['next']['on']}" if r["next"] else ""
        score = "" if r["score"] is None else f"{r['score']:.2f}"
        table.add_row(
            str(r["id"]), r["a"]["name"], r["b"]["name"], r["stage"], r["since"], nxt, score
        )
    console.print(table)


@app.command("show")
def show(ctx: typer.Context, intro_id: IdArg, json_out: JsonOption = False) -> None:
    """Show an introduction: sides, reasons, score terms, dated history and debriefs.

    Example: netweave intro show 3
    """
    app_state = state(ctx)
    with app_state.store().write() as session:
        service.sweep(session, app_state.today())
        detail = introduction_detail(session, intro_id)
    if json_out:
        print_json(detail)
        return
    report(detail)
    for label, key in (("why", "why"), ("gains for A", "reasons_a"), ("gains for B", "reasons_b")):
        value = detail[key]
        if value:
            shown = "; ".join(value) if isinstance(value, list) else value
            console.print(f"  {label}: {shown}", markup=False)
    if detail["score"] is not None:
        console.print(f"  score {detail['score']:.3f}", markup=False)
    for step in detail["history"]:
        note = f" — {step['note']}" if step["note"] else ""
        console.print(f"  {step['on']} {step['action']}: → {step['to']}{note}", markup=False)
    for d in detail["debriefs"]:
        extra = [
            w for w, flag in (("business", d["business"]), ("referral", d["referral"])) if flag
        ]
        console.print(
            f"  debrief {d['person']['name']}: {d['outcome']}/5 {' '.join(extra)}".rstrip(),
            markup=False,
        )


@app.command("sweep")
def sweep(ctx: typer.Context, json_out: JsonOption = False) -> None:
    """Let the clock act: close asks left unanswered after the nudge, and mark follow-ups
    due. Every intro command does this first; run it alone from a scheduler if you like.

    Example: netweave intro sweep
    """
    app_state = state(ctx)
    with app_state.store().write() as session:
        changed = service.sweep(session, app_state.today())
    if json_out:
        print_json({str(k): v for k, v in changed.items()})
        return
    for intro_id, actions in changed.items():
        console.print(f"#{intro_id}: {', '.join(actions)}", markup=False)
    if not changed:
        console.print("nothing to do", markup=False)


@app.command("rules")
def rules(
    ctx: typer.Context,
    nudge_days: Annotated[int | None, typer.Option(help="Days before the one nudge (7).")] = None,
    follow_up_days: Annotated[
        int | None, typer.Option(help="Days after meeting to follow up, 14–30 (21).")
    ] = None,
    pair_cooldown_days: Annotated[
        int | None, typer.Option(help="Days a pair is not suggested again (180).")
    ] = None,
    person_cooldown_days: Annotated[
        int | None, typer.Option(help="Days without asks after a decline (90).")
    ] = None,
    half_life_days: Annotated[
        int | None, typer.Option(help="Half-life of the opt-in load, in days (30).")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Show or change the time rules of introductions (stored with the data).

    Example: netweave intro rules --nudge-days 10 --follow-up-days 14
    """
    changes = {
        "nudge_after_days": nudge_days,
        "follow_up_days": follow_up_days,
        "pair_cooldown_days": pair_cooldown_days,
        "person_cooldown_days": person_cooldown_days,
        "optin_half_life_days": half_life_days,
    }
    with state(ctx).store().write() as session:
        changed = any(v is not None for v in changes.values())
        current = save_rules(session, changes) if changed else load_rules(session)
    data = current.as_dict()
    if json_out:
        print_json(data)
        return
    for name, value in data.items():
        console.print(f"{name.replace('_', '-')}: {value}", markup=False)
