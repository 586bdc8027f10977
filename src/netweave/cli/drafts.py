"""`netweave draft`: messages to send, from templates you can override."""

from __future__ import annotations

from typing import Annotated

import typer

from netweave.cli.context import JsonOption, print_json, state
from netweave.cli.draft_output import EmlOption, MailtoOption, draft_dicts, emit, templates_dir
from netweave.errors import NetweaveError
from netweave.messages.drafts import Draft
from netweave.services import intro_drafts as service
from netweave.services.people import find_person

app = typer.Typer(
    help="Draft messages: connection requests and introduction emails.", no_args_is_help=True
)
KINDS = ("optin", "nudge", "introduction", "follow-up")


@app.command("connect")
def connect(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id, email or name.")],
    eml: EmlOption = None,
    mailto: MailtoOption = False,
    json_out: JsonOption = False,
) -> None:
    """A personalised connection request that names the common ground you share (your
    interests: netweave me), instead of the canned "I'd like to add you to my network".

    Example: netweave draft connect "Lee Chen" --mailto
    """
    app_state = state(ctx)
    with app_state.store().read() as session:
        draft = service.connection_request(
            session, find_person(session, person), templates_dir(app_state)
        )
        sender = service.sender(session)
    emit(app_state, [draft], eml, mailto, sender, quiet=json_out)
    if json_out:
        print_json(draft_dicts([draft])[0])


@app.command("intro")
def intro(
    ctx: typer.Context,
    intro_id: Annotated[int, typer.Argument(help="Introduction id.")],
    kind: Annotated[
        str, typer.Option("--kind", help=f"Which draft: {', '.join(KINDS)}.")
    ] = "optin",
    eml: EmlOption = None,
    mailto: MailtoOption = False,
    json_out: JsonOption = False,
) -> None:
    """Print an introduction's draft again without recording anything (the verbs under
    netweave intro print them as they act).

    Example: netweave draft intro 3 --kind introduction --eml intro.eml
    """
    if kind not in KINDS:
        raise NetweaveError(f"unknown draft {kind!r}; choose one of: {', '.join(KINDS)}")
    app_state = state(ctx)
    folder = templates_dir(app_state)
    with app_state.store().read() as session:
        made: list[Draft]
        if kind == "optin":
            made = [service.optin_ask(session, intro_id, folder)]
        elif kind == "nudge":
            made = [service.nudge(session, intro_id, folder)]
        elif kind == "introduction":
            made = [service.introduction(session, intro_id, folder)]
        else:
            made = service.follow_ups(session, intro_id, folder)
        sender = service.sender(session)
    emit(app_state, made, eml, mailto, sender, quiet=json_out)
    if json_out:
        print_json(draft_dicts(made))
