"""`netweave gathering` and `netweave share`: tables of guests, and sharing content (#10)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.cli.context import JsonOption, LimitOption, console, print_json, state
from netweave.cli.draft_output import EmlOption, MailtoOption, draft_dicts, emit, templates_dir
from netweave.errors import NetweaveError
from netweave.services.dates import parse_date

app = typer.Typer(help="Plan lunches and small gatherings, invite, log them.", no_args_is_help=True)

Id = Annotated[int, typer.Argument(help="The gathering's id (see gathering list).")]


def _print(view: dict[str, Any]) -> None:
    out = console.print
    when = ", ".join(x for x in (view["on"], view["place"]) if x) or "date and place to be set"
    out(
        f"Gathering #{view['id']} ({view['status']}): {len(view['guests'])} guests, {when}",
        style="bold",
        markup=False,
    )
    out(
        f"  mean pair score {view['mean_score']:.3f}, objective {view['objective']:.3f}",
        markup=False,
    )
    for k, g in enumerate(view["guests"], 1):
        title = f", {g['title']}" if g["title"] else ""
        came = {True: "  [came]", False: "  [did not come]", None: ""}[g["came"]]
        out(f"{k}. {g['name']} (#{g['id']}{title}){came}", markup=False)
        for line in g["reasons"]:
            out(f"     {line}", markup=False)
    if view["pairs"]:
        out("Pairs who should talk", style="bold", markup=False)
    for p in view["pairs"]:
        out(f"  {p['a']['name']} + {p['b']['name']}  score {p['score']:.2f}", markup=False)
        for key, who in (("reasons_a", p["a"]["name"]), ("reasons_b", p["b"]["name"])):
            for line in p[key][:2]:
                out(f"     for {who}: {line}", markup=False)


@app.command("plan")
def plan(
    ctx: typer.Context,
    size: Annotated[int, typer.Option("--size", min=2, max=30, help="How many guests.")] = 6,
    around: Annotated[
        str | None, typer.Option("--around", help="Seat this person (id, email or name).")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date: ISO, next friday…")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Where.")] = None,
    json_out: JsonOption = False,
) -> None:
    """Choose guests whose pairs have the most synergy, varied, with someone new; save the plan.

    Example: netweave gathering plan --size 6 --around "Dana Reyes" --on "next friday"
    """
    from netweave.services.gatherings import PlanRequest, gathering_view
    from netweave.services.gatherings import plan as run

    app_state = state(ctx)
    today = app_state.today()
    request = PlanRequest(size, around, parse_date(on, today) if on else None, place)
    with app_state.store().write() as session:
        view = gathering_view(session, run(session, request, today))
    if json_out:
        print_json(view)
    else:
        _print(view)
        console.print(f"\ninvite them: netweave gathering invite {view['id']}", markup=False)


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="planned or held.")] = None,
    json_out: JsonOption = False,
) -> None:
    """List gatherings, newest first.

    Example: netweave gathering list --status planned
    """
    from netweave.services.gatherings import gathering_view, list_gatherings

    with state(ctx).store().read() as session:
        views = [gathering_view(session, g) for g in list_gatherings(session, status)]
    if json_out:
        print_json(views)
        return
    if not views:
        console.print("no gatherings yet: netweave gathering plan --size 6")
    for v in views:
        names = ", ".join(g["name"] for g in v["guests"])
        when = v["on"] or "no date"
        console.print(f"#{v['id']} {v['status']} {when}: {names}", markup=False)


@app.command("show")
def show(ctx: typer.Context, gathering_id: Id, json_out: JsonOption = False) -> None:
    """Show a gathering: guests, why each is there, and the pairs who should talk.

    Example: netweave gathering show 1
    """
    from netweave.services.gatherings import gathering_view, load_gathering

    with state(ctx).store().read() as session:
        view = gathering_view(session, load_gathering(session, gathering_id))
    if json_out:
        print_json(view)
    else:
        _print(view)


@app.command("invite")
def invite(
    ctx: typer.Context,
    gathering_id: Id,
    eml: Annotated[
        Path | None, typer.Option("--eml", help="Write one .eml file per guest into this folder.")
    ] = None,
    mailto: MailtoOption = False,
    json_out: JsonOption = False,
) -> None:
    """Draft the invitations: who else comes, and whom each guest should meet.

    Example: netweave gathering invite 1 --eml ~/drafts
    """
    from netweave.services.gatherings import invitations
    from netweave.services.intro_drafts import sender

    app_state = state(ctx)
    with app_state.store().read() as session:
        drafts = invitations(session, gathering_id, templates_dir(app_state))
        frm = sender(session)
    target = eml / f"gathering-{gathering_id}.eml" if eml is not None else None
    if json_out:
        emit(app_state, drafts, target, False, frm, quiet=True)
        print_json(draft_dicts(drafts))
        return
    emit(app_state, drafts, target, mailto, frm)


@app.command("held")
def held(
    ctx: typer.Context,
    gathering_id: Id,
    came: Annotated[
        list[str] | None, typer.Option("--came", help="A guest who came (default: all).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="When (default: its date, or today).")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Log the gathering: one in-person interaction with everyone who came; follow-ups due.

    Example: netweave gathering held 1 --came "Dana Reyes" --came "Lee Chen"
    """
    from netweave.services.gatherings import gathering_view
    from netweave.services.gatherings import held as run

    app_state = state(ctx)
    today = app_state.today()
    with app_state.store().write() as session:
        view = gathering_view(
            session, run(session, gathering_id, came, today, parse_date(on, today) if on else None)
        )
    if json_out:
        print_json(view)
        return
    present = [g["name"] for g in view["guests"] if g["came"]]
    console.print(
        f"logged gathering #{view['id']} on {view['held_on']} with {', '.join(present)} "
        f"(interaction #{view['interaction_id']}); follow-ups are in netweave due",
        markup=False,
    )


def _picks(text: str) -> list[int]:
    try:
        return [int(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        raise NetweaveError(f"--pick takes ranks like 1,3,5, not {text!r}") from None


def share(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The title, or a few words about what you share.")],
    url: Annotated[str | None, typer.Option("--url", help="Its link.")] = None,
    to: Annotated[
        list[str] | None, typer.Option("--to", help="Send it to this person (repeatable).")
    ] = None,
    pick: Annotated[
        str | None, typer.Option("--pick", help="Send it to these ranks, e.g. 1,3,5.")
    ] = None,
    limit: LimitOption = None,
    eml: EmlOption = None,
    mailto: MailtoOption = False,
    json_out: JsonOption = False,
) -> None:
    """Rank who would find something of interest; with --to or --pick, draft notes and log gives.

    Example: netweave share "A guide to SBA loans" --url https://example.com/sba --pick 1,2
    """
    from netweave.services.intro_drafts import sender
    from netweave.services.sharing import picked, rank
    from netweave.services.sharing import share as send

    app_state = state(ctx)
    if not to and not pick:
        with app_state.store().write() as session:  # caches newly embedded vectors
            fits = [f.as_dict(k) for k, f in enumerate(rank(session, text, limit or 10), 1)]
        if json_out:
            print_json(fits)
            return
        if not fits:
            console.print("nobody's offers, objectives or interests match that yet")
        for f in fits:
            p = f["person"]
            title = f", {p['title']}" if p["title"] else ""
            console.print(
                f"{f['rank']}. {p['name']} (#{p['id']}{title})  fit {f['score']:.2f}", markup=False
            )
            for line in f["reasons"]:
                console.print(f"     {line}", markup=False)
        return
    with app_state.store().write() as session:
        refs = list(to or [])
        if pick:
            ranking = rank(session, text, limit or 10)
            refs += [str(pid) for pid in picked(ranking, _picks(pick))]
        done = send(session, text, url, refs, app_state.today(), templates_dir(app_state))
        frm = sender(session)
    drafts = [d.draft for d in done]
    if json_out:
        emit(app_state, drafts, eml, False, frm, quiet=True)
        print_json(
            [{"person": {"id": d.person_id, "name": d.name}, "interaction": d.interaction_id,
              **draft_dicts([d.draft])[0]} for d in done]
        )  # fmt: skip
        return
    emit(app_state, drafts, eml, mailto, frm)
    names = ", ".join(d.name for d in done)
    console.print(f"logged a give (content) with {names}", markup=False)
