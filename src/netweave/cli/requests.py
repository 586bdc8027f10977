"""`netweave request …`, `route` and `who`: requests for help and who can help (#8)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.cli.context import AppState, JsonOption, LimitOption, console, print_json, state
from netweave.errors import NetweaveError

app = typer.Typer(help="Requests for help: refine, route, give back, close.", no_args_is_help=True)

RequestId = Annotated[int, typer.Argument(help="The request's id (see `request list`).")]
GoalOption = Annotated[str | None, typer.Option("--goal", help="What they want to achieve.")]
ContextOption = Annotated[str | None, typer.Option("--context", help="Their situation.")]
AskOption = Annotated[str | None, typer.Option("--ask", help="The specific ask.")]
OutcomeOption = Annotated[str | None, typer.Option("--outcome", help="What success is.")]
Rebuild = Annotated[
    bool, typer.Option("--rebuild", help="Rebuild the routing index even if it looks current.")
]


def _router_helpers(
    app_state: AppState,
    texts: list[str],
    limit: int,
    exclude: list[int] | None = None,
    near: str | None = None,
    rebuild: bool = False,
) -> list[list[dict[str, Any]]]:
    from netweave.services.routing import Router

    settings = app_state.settings
    # a write session: newly seen item texts are embedded once into the vector cache
    with app_state.store().write() as session:
        router = Router(
            session, app_state.today(), settings.data_dir, settings.url, rebuild=rebuild
        )
        return [[h.as_json() for h in router.route(t, limit, exclude or [], near)] for t in texts]


def _print_helpers(helpers: list[dict[str, Any]], empty: str) -> None:
    if not helpers:
        console.print(empty, markup=False)
    for rank, helper in enumerate(helpers, 1):
        person = helper["person"]
        email = f" <{person['emails'][0]}>" if person["emails"] else ""
        console.print(
            f"{rank}. {person['name']} (#{person['id']}){email}  score {helper['score']:.2f}",
            style="bold",
            markup=False,
        )
        for reason in helper["reasons"]:
            console.print(f"   {reason}", markup=False)


def route(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="What is needed, in plain words.")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from-file", help="Route one request per line of FILE, in one process."),
    ] = None,
    limit: LimitOption = None,
    rebuild: Rebuild = False,
    json_out: JsonOption = False,
) -> None:
    """Rank the people who can help with a request, with the matching items quoted.

    Nothing is stored. Scores combine BM25 and static-vector matches against offers,
    objectives and interaction notes, adjusted for openness, recent opt-in asks and the
    strength of the relationship (docs/requests.md).

    Example: netweave route "who has done lease deals for dental offices in Denver?" --limit 5
    """
    if (text is None) == (from_file is None):
        raise NetweaveError("give either a request TEXT or --from-file FILE")
    texts = (
        [line.strip() for line in from_file.read_text(encoding="utf-8").splitlines()]
        if from_file
        else [text or ""]
    )
    texts = [t.strip() for t in texts if t.strip()]
    if not texts:
        raise NetweaveError("nothing to route: the text is empty")
    found = _router_helpers(state(ctx), texts, limit or 10, rebuild=rebuild)
    if json_out:
        print_json(found if from_file else found[0])
        return
    for request, helpers in zip(texts, found, strict=True):
        if from_file:
            console.print(f"\n{request}", style="underline", markup=False)
        _print_helpers(helpers, "nobody matches yet: record offers and objectives first")


def who(
    ctx: typer.Context,
    topic: Annotated[str, typer.Argument(help="A topic, skill or kind of help.")],
    limit: LimitOption = None,
    json_out: JsonOption = False,
) -> None:
    """Who does what: the people whose offers, objectives and notes match a topic.

    Example: netweave who "patent law"
    """
    if not topic.strip():
        raise NetweaveError("name a topic")
    found = _router_helpers(state(ctx), [topic], limit or 10)[0]
    if json_out:
        print_json(found)
        return
    _print_helpers(found, f"nobody is known for {topic!r} yet")


def _prompt_missing(given: dict[str, str | None]) -> dict[str, str | None]:
    """Each refinement question not answered by an option, asked in turn."""
    from netweave.services.request_refine import QUESTIONS

    out = dict(given)
    for key, question in QUESTIONS.items():
        if not out.get(key):
            out[key] = typer.prompt(question, default="", show_default=False) or None
    return out


@app.command("add")
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The request, as it was asked.")],
    from_person: Annotated[
        str | None, typer.Option("--from", help="Who asked (id, email or name); default: me.")
    ] = None,
    goal: GoalOption = None,
    context: ContextOption = None,
    ask: AskOption = None,
    outcome: OutcomeOption = None,
    no_refine: Annotated[
        bool, typer.Option("--no-refine", help="Keep a vague request as it is, no prompts.")
    ] = False,
    check_after: Annotated[
        int, typer.Option("--check-after", min=1, help="Days until the outcome check.")
    ] = 14,
    json_out: JsonOption = False,
) -> None:
    """Record a request for help; a vague one ("pick your brain") is refined by prompts.

    Example: netweave request add --from "Dana Reyes" "Can I pick your brain?" --ask "who has
    raised a Series A for a biotech?"
    """
    from netweave.services import requests as service
    from netweave.services.request_refine import Refinement, detect

    vagueness = detect(text)
    given = {"goal": goal, "context": context, "ask": ask, "outcome": outcome}
    if vagueness.vague and not no_refine and not any(given.values()):
        if not json_out:
            console.print(f"This request is vague: {'; '.join(vagueness.reasons)}.", markup=False)
            console.print("Make it specific, so the right person can be found:", markup=False)
        given = _prompt_missing(given)
    app_state = state(ctx)
    with app_state.store().write() as session:
        request = service.add_request(
            session,
            text,
            today=app_state.today(),
            requester=from_person,
            refinement=Refinement(**given),
            check_after_days=check_after,
        )
        view = service.request_view(session, request)
    if json_out:
        print_json({**view, "detection": vagueness.as_json()})
        return
    console.print(f"request #{view['id']} recorded; outcome check on {view['check_on']}")
    if view["refined"]:
        console.print(f"refined: {view['text']}", markup=False)
    elif vagueness.vague:
        console.print(
            f"still vague: refine it before routing (netweave request refine {view['id']})",
            markup=False,
        )


@app.command("refine")
def refine(
    ctx: typer.Context,
    request_id: RequestId,
    goal: GoalOption = None,
    context: ContextOption = None,
    ask: AskOption = None,
    outcome: OutcomeOption = None,
    json_out: JsonOption = False,
) -> None:
    """Answer the refinement questions of a stored request; what was asked is kept.

    Without options, each question is prompted for.

    Example: netweave request refine 3 --ask "who has raised a Series A for a biotech?"
    """
    from netweave.services.request_actions import refine_request
    from netweave.services.request_refine import Refinement
    from netweave.services.requests import request_view

    given = {"goal": goal, "context": context, "ask": ask, "outcome": outcome}
    if not any(given.values()):
        given = _prompt_missing(given)
    app_state = state(ctx)
    with app_state.store().write() as session:
        view = request_view(session, refine_request(session, request_id, Refinement(**given)))
    if json_out:
        print_json(view)
    else:
        console.print(f"request #{view['id']} refined: {view['text']}", markup=False)


def _print_request(view: dict[str, Any]) -> None:
    who = view["from"]["name"] if view["from"] else "me"
    console.print(f"#{view['id']} from {who} ({view['status']})", style="bold", markup=False)
    console.print(f"asked: {view['raw_text']}", markup=False)
    if view["refined"]:
        console.print(f"refined: {view['text']}", markup=False)
    for key in ("goal", "context", "ask", "outcome"):
        if view[key]:
            console.print(f"  {key}: {view[key]}", markup=False)
    if view["check_on"]:
        console.print(f"outcome check on {view['check_on']}", markup=False)
    if view["closed_on"]:
        console.print(f"closed {view['closed_on']}: {view['result'] or ''}", markup=False)
    for intro in view["introductions"]:
        console.print(
            f"  introduction #{intro['id']}: {intro['a']} + {intro['b']} ({intro['stage']})",
            markup=False,
        )


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[str, typer.Option("--status", help="open, closed or all.")] = "open",
    json_out: JsonOption = False,
) -> None:
    """List requests, newest first.

    Example: netweave request list --status all
    """
    from netweave.services.requests import list_requests

    with state(ctx).store().read() as session:
        views = list_requests(session, None if status == "all" else status)
    if json_out:
        print_json(views)
        return
    if not views:
        console.print(f"no {status} requests" if status != "all" else "no requests")
    for view in views:
        who = view["from"]["name"] if view["from"] else "me"
        console.print(
            f"#{view['id']} {view['created_on']} from {who} [{view['status']}]: {view['text']}",
            markup=False,
        )


@app.command("show")
def show(ctx: typer.Context, request_id: RequestId, json_out: JsonOption = False) -> None:
    """Show a request: as asked, refined, its introductions and outcome check.

    Example: netweave request show 3
    """
    from netweave.services.requests import load_request, request_view

    with state(ctx).store().read() as session:
        view = request_view(session, load_request(session, request_id))
    if json_out:
        print_json(view)
    else:
        _print_request(view)


@app.command("route")
def route_request(
    ctx: typer.Context,
    request_id: RequestId,
    limit: LimitOption = None,
    json_out: JsonOption = False,
) -> None:
    """Rank who can help with a stored request (its refined text; not the requester).

    Example: netweave request route 3 --limit 5
    """
    from netweave.services.request_actions import route_request as route_stored

    app_state = state(ctx)
    settings = app_state.settings
    with app_state.store().write() as session:  # newly seen item texts are embedded once
        helpers = route_stored(
            session,
            request_id,
            today=app_state.today(),
            data_dir=settings.data_dir,
            url=settings.url,
            limit=limit or 10,
        )
        found = [[h.as_json() for h in helpers]]
    if json_out:
        print_json(found[0])
    else:
        _print_helpers(found[0], "nobody matches yet: record offers and objectives first")


@app.command("two-back")
def two_back(
    ctx: typer.Context,
    request_id: RequestId,
    thanks_for: Annotated[
        str | None, typer.Option("--thanks-for", help="What to thank them for.")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Two people the requester should meet, with reasons, and a thank-you note naming them.

    Example: netweave request two-back 3 --thanks-for "making your ask so clear"
    """
    from netweave.services.requests import two_back as run

    app_state = state(ctx)
    with app_state.store().write() as session:
        result = run(
            session,
            request_id,
            today=app_state.today(),
            thanks_for=thanks_for,
            user_dir=app_state.settings.data_dir / "templates",
        )
    if json_out:
        print_json(
            {
                "requester": result.requester,
                "people": result.people,
                "draft": {
                    "to": list(result.draft.to),
                    "subject": result.draft.subject,
                    "body": result.draft.body,
                },
            }
        )
        return
    for person in result.people:
        console.print(f"{person['name']} (#{person['id']})", style="bold", markup=False)
        for reason in person["reasons"]:
            console.print(f"   {reason}", markup=False)
    console.print("")
    console.print(result.draft.text(), markup=False)


@app.command("link")
def link(
    ctx: typer.Context,
    request_id: RequestId,
    intro_id: Annotated[int, typer.Argument(help="The introduction it led to.")],
) -> None:
    """Record that an introduction came from this request.

    Example: netweave request link 3 12
    """
    from netweave.services.requests import link_introduction

    with state(ctx).store().write() as session:
        link_introduction(session, request_id, intro_id)
    console.print(f"introduction #{intro_id} linked to request #{request_id}")


@app.command("check")
def check(ctx: typer.Context, request_id: RequestId) -> None:
    """Record an outcome check that leaves the request open (next check one period on).

    Example: netweave request check 3
    """
    from netweave.services.requests import check_request, due_on

    app_state = state(ctx)
    with app_state.store().write() as session:
        request = check_request(session, request_id, app_state.today())
        next_on = due_on(request)
    console.print(f"request #{request_id} checked; next check on {next_on}")


@app.command("close")
def close(
    ctx: typer.Context,
    request_id: RequestId,
    result: Annotated[
        str | None, typer.Option("--result", help="How it ended, in a few words.")
    ] = None,
) -> None:
    """Close the loop on a request: record the outcome; it leaves `netweave due`.

    Example: netweave request close 3 --result "hired the broker Lee introduced"
    """
    from netweave.services.requests import close_request

    app_state = state(ctx)
    with app_state.store().write() as session:
        close_request(session, request_id, app_state.today(), result)
    console.print(f"request #{request_id} closed")
