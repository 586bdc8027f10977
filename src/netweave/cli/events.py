"""`netweave event …`: conferences and meetups, whom to meet there, follow-ups after (#8)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.cli.context import JsonOption, LimitOption, console, print_json, state
from netweave.errors import NetweaveError

app = typer.Typer(help="Events: attendees, whom to meet, follow-ups.", no_args_is_help=True)

EventRef = Annotated[str, typer.Argument(help="The event (id or name).")]


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The event's name.")],
    on: Annotated[str, typer.Option("--on", help="Date: YYYY-MM-DD, today, next friday.")],
    place: Annotated[str | None, typer.Option("--place", help="Where it is.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Add an event.

    Example: netweave event add "Austin Founders Summit" --on 2026-12-03 --place Austin
    """
    from netweave.services.dates import parse_date
    from netweave.services.events import add_event, event_view

    app_state = state(ctx)
    with app_state.store().write() as session:
        event = add_event(session, name, parse_date(on, app_state.today()), place)
        view = event_view(session, event)
    if json_out:
        print_json(view)
    else:
        console.print(f"event #{view['id']} {view['name']} on {view['on']}", markup=False)


@app.command("attendees")
def attendees(
    ctx: typer.Context,
    event_ref: EventRef,
    file: Annotated[
        Path | None,
        typer.Argument(help="A contacts file (CSV, vCard…), or - for 'Name <email>' lines."),
    ] = None,
    attendee: Annotated[
        list[str] | None,
        typer.Option("--attendee", "-a", help='"Name <email>"; repeat for each attendee.'),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Import an event's attendee list, merged with the people you already have.

    Example: netweave event attendees "Austin Founders Summit" -a "Lee Chen <lee@example.com>"
    """
    from netweave.importers.detect import parse_file
    from netweave.importers.records import ParseResult
    from netweave.services.events import find_event, import_attendees, parse_attendees

    lines = list(attendee or [])
    result: ParseResult
    if file is not None and str(file) == "-":
        lines += sys.stdin.read().splitlines()
        result, name = parse_attendees(lines), "stdin"
    elif file is not None:
        result, name = parse_file(file), str(file)
        extra = parse_attendees(lines)
        result.people += extra.people
        result.rejected += extra.rejected
    else:
        if not lines:
            raise NetweaveError('give a FILE, - for stdin, or --attendee "Name <email>"')
        result, name = parse_attendees(lines), "--attendee"
    app_state = state(ctx)
    with app_state.store().write() as session:
        event = find_event(session, event_ref)
        done = import_attendees(session, event, result, name)
    out: dict[str, Any] = {
        "event": event_ref,
        "attendees": done.attendees,
        "added_to_event": done.added_to_event,
        "import": done.summary.as_json(),
    }
    if json_out:
        print_json(out)
        return
    s = done.summary
    console.print(
        f"{done.added_to_event} added to the list ({done.attendees} attendees); people: "
        f"{s.added} new, {s.updated} updated, {s.unchanged} unchanged, {len(s.rejected)} rejected",
        markup=False,
    )
    for r in s.rejected:
        console.print(f"  rejected {r}", markup=False)


@app.command("list")
def list_(ctx: typer.Context, json_out: JsonOption = False) -> None:
    """List events, latest first.

    Example: netweave event list
    """
    from netweave.services.events import list_events

    with state(ctx).store().read() as session:
        events = list_events(session)
    if json_out:
        print_json(events)
        return
    if not events:
        console.print("no events yet: netweave event add NAME --on DATE")
    for e in events:
        place = f" at {e['place']}" if e["place"] else ""
        console.print(
            f"#{e['id']} {e['on']} {e['name']}{place} ({e['attendees']} attendees)", markup=False
        )


@app.command("show")
def show(ctx: typer.Context, event_ref: EventRef, json_out: JsonOption = False) -> None:
    """Show an event and its attendees (and whom you met).

    Example: netweave event show "Austin Founders Summit"
    """
    from netweave.services.events import event_view, find_event

    with state(ctx).store().read() as session:
        view = event_view(session, find_event(session, event_ref))
    if json_out:
        print_json(view)
        return
    console.print(f"#{view['id']} {view['name']} on {view['on']}", style="bold", markup=False)
    for a in view["attendees"]:
        met = f"  (met {a['met_on']})" if a["met_on"] else ""
        console.print(f"  #{a['id']} {a['name']}{met}", markup=False)


@app.command("plan")
def plan(
    ctx: typer.Context,
    event_ref: EventRef,
    limit: LimitOption = None,
    json_out: JsonOption = False,
) -> None:
    """Whom to meet at an event (new people first, then synergy) and introductions to make.

    Example: netweave event plan "Austin Founders Summit" --limit 10
    """
    from netweave.services.events import find_event
    from netweave.services.events import plan as run

    app_state = state(ctx)
    settings = app_state.settings
    with app_state.store().write() as session:
        result = run(
            session,
            find_event(session, event_ref),
            today=app_state.today(),
            data_dir=settings.data_dir,
            url=settings.url,
            limit=limit or 20,
        )
    if json_out:
        print_json(result)
        return
    console.print(f"People to meet at {result['event']['name']}", style="bold", markup=False)
    if not result["meet"]:
        console.print("  no attendees yet: netweave event attendees EVENT FILE", markup=False)
    for rank, m in enumerate(result["meet"], 1):
        tag = "new" if m["new"] else "known"
        console.print(
            f"{rank}. {m['person']['name']} (#{m['person']['id']}) [{tag}] synergy "
            f"{m['synergy']:.2f}",
            markup=False,
        )
        for reason in m["reasons"]:
            console.print(f"   {reason}", markup=False)
    if result["introductions"]:
        console.print("Introductions you could make there", style="bold", markup=False)
    for v in result["introductions"]:
        console.print(
            f"- {v['a']['name']} + {v['b']['name']}  score {v['score']:.2f}", markup=False
        )
        for line in v["reasons_a"][:1] + v["reasons_b"][:1]:
            console.print(f"   {line}", markup=False)


@app.command("followup")
def followup(
    ctx: typer.Context,
    event_ref: EventRef,
    met: Annotated[
        list[str] | None, typer.Option("--met", help="Someone you met there; repeat.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note for each interaction.")] = None,
    json_out: JsonOption = False,
) -> None:
    """After an event: log meeting the people you met and queue follow-ups with them.

    Example: netweave event followup "Austin Founders Summit" --met "Lee Chen" --met 42
    """
    from netweave.services.events import find_event
    from netweave.services.events import followup as run

    app_state = state(ctx)
    with app_state.store().write() as session:
        event = find_event(session, event_ref)
        done = run(session, event, list(met or []), today=app_state.today(), note=note)
    if json_out:
        print_json(done)
        return
    for d in done:
        console.print(
            f"logged meeting {d['person']['name']} at {event_ref}; follow up from "
            f"{d['follow_up_on']} (netweave due)",
            markup=False,
        )
