"""`netweave suggest`, `why`, `embed` and `playbook`: the introduction engine."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.progress import Progress

from netweave.cli.context import JsonOption, LimitOption, console, print_json, state
from netweave.services.people import find_person

playbook_app = typer.Typer(help="Trigger-event playbooks and their teams.", no_args_is_help=True)

DenseOption = Annotated[
    bool, typer.Option("--dense", help="Also use the MiniLM model (netweave[dense]).")
]


def _print_views(views: list[dict[str, Any]]) -> None:
    if not views:
        console.print("no suggestions yet: record needs, offers, interests or acquaintances")
    for rank, view in enumerate(views, 1):
        a, b = view["a"], view["b"]
        console.print(
            f"{rank}. {a['name']} (#{a['id']}) + {b['name']} (#{b['id']})  "
            f"score {view['score']:.2f}",
            style="bold",
            markup=False,
        )
        for side, key in ((a["name"], "reasons_a"), (b["name"], "reasons_b")):
            for line in view[key]:
                console.print(f"   for {side}: {line}", markup=False)
        for note in view["notes"]:
            console.print(f"   note: {note}", markup=False)


def suggest(
    ctx: typer.Context,
    for_person: Annotated[
        str | None, typer.Option("--for", help="Only suggestions for this person.")
    ] = None,
    limit: LimitOption = None,
    dense: DenseOption = False,
    json_out: JsonOption = False,
) -> None:
    """Suggest pairs of people who should meet, best first, with reasons for each side.

    Example: netweave suggest --for "Dana Reyes" --limit 5
    """
    from netweave.services.suggestions import suggest as run

    app_state = state(ctx)
    with (
        app_state.store().write() as session,  # writes newly embedded vectors to the cache
        Progress(
            console=console, transient=True, disable=json_out or not console.is_terminal
        ) as progress,
    ):
        task = progress.add_task("embedding new items", total=None)
        person = find_person(session, for_person).id if for_person else None
        found = run(
            session,
            for_person=person,
            limit=limit or 20,
            today=app_state.today(),
            dense=dense,
            progress=lambda n: progress.advance(task, n),
            cache_dir=app_state.settings.data_dir / "cache",
        )
        views = [v.as_json() for v in found]
    if json_out:
        print_json(views)
    else:
        _print_views(views)


def why(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="A person (id, email or name).")],
    b: Annotated[str, typer.Argument(help="Another person.")],
    json_out: JsonOption = False,
) -> None:
    """Show a pair's score term by term, the guards that apply, and the reasons.

    Example: netweave why "Dana Reyes" "Lee Chen"
    """
    from netweave.services.suggestions import why as explain

    app_state = state(ctx)
    with app_state.store().write() as session:
        result = explain(session, a, b, app_state.today(), app_state.settings.data_dir / "cache")
    if json_out:
        print_json(result)
        return
    console.print(
        f"{result['a']['name']} + {result['b']['name']}: score {result['score']:.3f}",
        style="bold",
        markup=False,
    )
    for term, value in result["terms"].items():
        added = result["contributions"].get(term, 0.0)
        console.print(f"  {term:<22} {value:6.3f}   adds {added:6.3f}", markup=False)
    if result["guards"]:
        console.print(f"  guarded: {', '.join(result['guards'])} (never suggested)", markup=False)
    for key, who in (("reasons_a", result["a"]["name"]), ("reasons_b", result["b"]["name"])):
        for line in result[key]:
            console.print(f"  for {who}: {line}", markup=False)
    for note in result["notes"]:
        console.print(f"  note: {note}", markup=False)


def embed(
    ctx: typer.Context,
    dense: DenseOption = False,
) -> None:
    """Embed every facet item not yet in the cache (suggestions do this on demand too).

    With --dense, fills the MiniLM cache; later `netweave suggest` calls use those vectors
    (without loading the model) as long as every item has one.

    Example: netweave embed --dense
    """
    from netweave.services.suggestions import build_engine

    app_state = state(ctx)
    with (
        app_state.store().write() as session,
        Progress(console=console, disable=not console.is_terminal) as progress,
    ):
        task = progress.add_task("embedding new items", total=None)
        engine = build_engine(
            session,
            app_state.today(),
            dense=dense,
            progress=lambda n: progress.advance(task, n),
            cache_dir=app_state.settings.data_dir / "cache",
        )
    console.print(f"embeddings up to date ({engine.embedder or 'lexical only'})")


@playbook_app.command("list")
def playbook_list(json_out: JsonOption = False) -> None:
    """List the trigger-event playbooks and their roles.

    Example: netweave playbook list
    """
    from netweave.services.playbook_team import playbook_keys

    books = playbook_keys()
    if json_out:
        print_json(books)
        return
    for book in books:
        console.print(f"{book['key']}: {book['label']} ({', '.join(book['roles'])})", markup=False)


@playbook_app.command("team")
def playbook_team(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(help="A playbook key, e.g. divorce.")],
    json_out: JsonOption = False,
) -> None:
    """Who in the network serves each role of a trigger event, and who doesn't know whom yet.

    Example: netweave playbook team divorce
    """
    from netweave.services.playbook_team import playbook_team as run

    app_state = state(ctx)
    with app_state.store().read() as session:
        found = run(session, event, app_state.today())
    if json_out:
        print_json(found)
        return
    console.print(found["label"], style="bold", markup=False)
    for role, people in found["roles"].items():
        names = ", ".join(p["name"] for p in people) or "nobody yet"
        console.print(f"  {role}: {names}", markup=False)
    pairs = found["not_yet_acquainted"]
    console.print(f"  {len(pairs)} pairs on this team don't know each other yet", markup=False)
    for x, y in pairs[:10]:
        console.print(f"    {x['name']} ({x['title']}) — {y['name']} ({y['title']})", markup=False)
