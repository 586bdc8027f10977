"""`netweave me`: your own profile (interests, offers, needs) for common ground."""

from __future__ import annotations

from typing import Annotated

import typer

from netweave.cli.context import JsonOption, console, print_json, state
from netweave.cli.render import print_person
from netweave.errors import NotFound
from netweave.services.me import get_me, set_me
from netweave.services.people import PersonPatch
from netweave.services.views import person_detail

app = typer.Typer(help="Your own profile: what you offer, need and enjoy.", no_args_is_help=True)

Many = Annotated[list[str] | None, typer.Option()]


@app.command("set")
def set_(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    interest: Many = None,
    offer: Many = None,
    need: Many = None,
    objective: Many = None,
    remove_item: Annotated[list[int] | None, typer.Option(help="Item id to remove.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Create or update your profile; items are added (use --remove-item to drop one).

    Example: netweave me set --name "Alex Doe" --interest cycling --offer "estate planning"
    """
    facets = {
        "interests": list(interest or []),
        "offers": list(offer or []),
        "needs": list(need or []),
        "objectives": list(objective or []),
    }
    patch = PersonPatch(
        add_facets={k: v for k, v in facets.items() if v}, remove_facet_ids=list(remove_item or [])
    )
    with state(ctx).store().write() as session:
        me = set_me(session, name, patch)
        result = {"id": me.id, "name": me.full_name}
    if json_out:
        print_json(result)
    else:
        console.print(f"your profile is #{result['id']} {result['name']}", markup=False)


@app.command("show")
def show(ctx: typer.Context, json_out: JsonOption = False) -> None:
    """Show your profile.

    Example: netweave me show
    """
    with state(ctx).store().read() as session:
        me = get_me(session)
        if me is None:
            raise NotFound("no profile yet: netweave me set --name ... --interest ...")
        detail = person_detail(session, me)
    if json_out:
        print_json(detail)
    else:
        print_person(detail)
