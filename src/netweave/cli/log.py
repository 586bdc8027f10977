"""`netweave log` and `netweave interaction`: record, edit, delete and list contacts."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from netweave.cli.context import JsonOption, LimitOption, console, print_json, state
from netweave.services import interactions as service
from netweave.services.dates import parse_date
from netweave.services.give_ideas import GiveIdeas
from netweave.services.people import find_person

app = typer.Typer(help="Edit, delete and list logged interactions.", no_args_is_help=True)

CHANNELS = "in-person, call, video, email, message, event or content"
DIRECTIONS = "give, ask, receive or neutral (from your side)"
GIVES = "referral, introduction, content, advice or favour"

Channel = Annotated[str, typer.Option("--channel", "-c", help=f"How: {CHANNELS}.")]
Dir = Annotated[str, typer.Option("--dir", "-d", help=f"Direction: {DIRECTIONS}.")]
Give = Annotated[str | None, typer.Option("--give", "-g", help=f"What was given: {GIVES}.")]
Minutes = Annotated[int | None, typer.Option("--minutes", "-m", min=0, help="Time spent.")]
On = Annotated[
    str | None, typer.Option("--on", help="Date: YYYY-MM-DD, today, yesterday, last friday.")
]
Outcome = Annotated[
    str | None, typer.Option("--outcome", help="What came of it: business (business resulted).")
]
Event = Annotated[str | None, typer.Option("--event", help="The event or meetup it was at.")]


def _split(items: list[str], note: str | None) -> tuple[list[str], str | None]:
    """Without --note, the last of two or more positionals is the note."""
    if note is None and len(items) >= 2:
        return items[:-1], items[-1]
    return items, note


def _print_ideas(ideas: GiveIdeas) -> None:
    for idea in ideas.content:
        typer.echo(f"  give: {idea}", err=True)
    for intro in ideas.introductions:
        typer.echo(
            f"  give: introduce {intro.name} (#{intro.person_id}), who offers {intro.offer!r}, "
            f"for their need {intro.need!r} [{ideas.introductions_source}]",
            err=True,
        )


def log(
    ctx: typer.Context,
    items: Annotated[
        list[str],
        typer.Argument(
            help="People (id, email or name), then the note. With --note every "
            "argument is a person; without it the last of two or more is the note.",
            show_default=False,
        ),
    ],
    channel: Channel,
    direction: Dir,
    give: Give = None,
    minutes: Minutes = None,
    on: On = None,
    note: Annotated[str | None, typer.Option("--note", help="The note.")] = None,
    outcome: Outcome = None,
    event: Event = None,
    follow_up: Annotated[
        bool,
        typer.Option("--follow-up", help="This follows up the latest introduction of them."),
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Log an interaction with one or more people; several people are recorded as knowing
    each other. Before an ask, warns if fewer than three gives came since the last ask.

    Example: netweave log "Dana Reyes" --channel call --dir give --give referral --minutes 20
    --on yesterday "sent her the Chen divorce referral"
    """
    app_state = state(ctx)
    refs, text = _split(items, note)
    entry = service.InteractionInput(
        channel=channel,
        direction=direction,
        occurred_on=parse_date(on, app_state.today()) if on else app_state.today(),
        give_kind=give,
        minutes=minutes,
        note=text,
        outcome=outcome,
        event=event,
        follow_up=follow_up,
    )
    with app_state.store().write() as session:
        logged = service.record_interaction(session, refs, entry)
        view = service.interaction_view(session, logged.interaction)
    if json_out:
        view["warnings"] = [
            {
                "person_id": w.person_id,
                "message": w.message,
                "content_ideas": w.ideas.content,
                "introductions": [i.__dict__ for i in w.ideas.introductions],
                "introductions_source": w.ideas.introductions_source,
            }
            for w in logged.warnings
        ]
        print_json(view)
        return
    for warning in logged.warnings:
        typer.echo(f"warning: {warning.message}", err=True)
        _print_ideas(warning.ideas)
    names = ", ".join(p["name"] for p in view["people"])
    what = f" ({view['give']})" if view["give"] else ""
    console.print(
        f"logged #{view['id']}: {view['direction']}{what} by {view['channel']} with {names} "
        f"on {view['on']}",
        markup=False,
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    interaction_id: Annotated[int, typer.Argument(help="Interaction id (see interaction list).")],
    channel: Annotated[str | None, typer.Option("--channel", "-c", help=CHANNELS)] = None,
    direction: Annotated[str | None, typer.Option("--dir", "-d", help=DIRECTIONS)] = None,
    give: Annotated[str | None, typer.Option("--give", "-g", help=f"{GIVES}; '' clears.")] = None,
    minutes: Minutes = None,
    on: On = None,
    note: Annotated[str | None, typer.Option("--note", help="New note ('' clears).")] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="business; '' clears.")] = None,
    event: Annotated[str | None, typer.Option("--event", help="Event name; '' clears.")] = None,
    add_person: Annotated[list[str] | None, typer.Option(help="Add a participant.")] = None,
    remove_person: Annotated[list[str] | None, typer.Option(help="Remove a participant.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Change a logged interaction.

    Example: netweave interaction edit 12 --dir give --give introduction --add-person "Lee Chen"
    """
    app_state = state(ctx)
    with app_state.store().write() as session:
        patch = service.InteractionPatch(
            channel=channel,
            direction=direction,
            occurred_on=parse_date(on, app_state.today()) if on else None,
            give_kind=give,
            minutes=minutes,
            note=note,
            outcome=outcome,
            event=event,
            add_people=[find_person(session, r) for r in add_person or []],
            remove_people=[find_person(session, r) for r in remove_person or []],
        )
        view = service.interaction_view(
            session, service.edit_interaction(session, interaction_id, patch)
        )
    if json_out:
        print_json(view)
    else:
        console.print(f"updated #{view['id']}", markup=False)


@app.command("delete")
def delete(
    ctx: typer.Context,
    interaction_id: Annotated[int, typer.Argument(help="Interaction id.")],
) -> None:
    """Delete a logged interaction.

    Example: netweave interaction delete 12
    """
    with state(ctx).store().write() as session:
        service.delete_interaction(session, interaction_id)
    console.print(f"deleted #{interaction_id}", markup=False)


def print_interactions(rows: list[dict[str, Any]], title: str) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("id", "on", "people", "channel", "dir", "give", "min", "note"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["on"],
            ", ".join(p["name"] for p in row["people"]),
            row["channel"],
            row["direction"],
            row["give"] or row["outcome"] or "",
            "" if row["minutes"] is None else str(row["minutes"]),
            row["note"] or "",
        )
    console.print(table)


@app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Argument(help="Only this person's (id/email/name).")
    ] = None,
    limit: LimitOption = 50,
    json_out: JsonOption = False,
) -> None:
    """List interactions, newest first.

    Example: netweave interaction list "Dana Reyes" --limit 10
    """
    with state(ctx).store().read() as session:
        who = find_person(session, person) if person else None
        rows = [
            service.interaction_view(session, i)
            for i in service.list_interactions(session, who, limit)
        ]
    if json_out:
        print_json(rows)
    else:
        print_interactions(
            rows, f"{len(rows)} interactions" + (f" with {who.full_name}" if who else "")
        )
