"""`netweave intro`: double opt-in introductions, from suggestion to debrief.

Every `intro` command first lets the clock catch up (`intro sweep`): unanswered asks past
their no-reply date close, and follow-ups whose date has come are marked due.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.orm import Session

from netweave.cli.context import AppState, console, print_json, state
from netweave.cli.draft_output import draft_dicts, emit
from netweave.messages.drafts import Draft
from netweave.services import intro_drafts as drafts
from netweave.services import introductions as service
from netweave.services.dates import parse_date
from netweave.services.intro_views import introduction_detail

app = typer.Typer(
    help="Double opt-in introductions: ask each side, introduce, follow up, debrief.",
    no_args_is_help=True,
)

IdArg = Annotated[int, typer.Argument(help="Introduction id (see intro list).")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="Date: YYYY-MM-DD, today, yesterday, 3 days ago.")
]
NoteOption = Annotated[str | None, typer.Option("--note", help="A note kept in the history.")]


def when(app_state: AppState, on: str | None) -> Any:
    return parse_date(on, app_state.today()) if on else app_state.today()


def report(detail: dict[str, Any]) -> None:
    nxt = detail["next"]
    then = f"; next: {nxt['what']} on {nxt['on']}" if nxt else ""
    allowed = ", ".join(detail["allowed"]) or "nothing (closed)"
    console.print(
        f"#{detail['id']} {detail['a']['name']} <> {detail['b']['name']}: "
        f"{detail['stage']} since {detail['since']}{then} (allowed: {allowed})",
        markup=False,
    )


def run(
    ctx: typer.Context,
    intro_id: int,
    act: Callable[[Session, AppState], Any],
    render: Callable[[Session], list[Draft]] | None = None,
    *,
    eml: Path | None = None,
    mailto: bool = False,
    json_out: bool = False,
) -> None:
    """Sweep, act, then show the introduction (and any drafts) in one transaction."""
    app_state = state(ctx)
    with app_state.store().write() as session:
        service.sweep(session, app_state.today())
        act(session, app_state)
        detail = introduction_detail(session, intro_id)
        made = render(session) if render else []
        sender = drafts.sender(session)
    emit(app_state, made, eml, mailto, sender, quiet=json_out or not made)
    if json_out:
        print_json({**detail, "drafts": draft_dicts(made)} if render else detail)
        return
    if made:
        typer.echo("")
    report(detail)
