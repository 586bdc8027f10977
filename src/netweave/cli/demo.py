"""`netweave demo`: a realistic generated network to try everything on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from netweave.cli.context import AppState, JsonOption, console, print_json, state
from netweave.services.backup import write_json_atomic
from netweave.services.demo import DEFAULT_PEOPLE, DEFAULT_SEED, load_demo
from netweave.services.people import count_people
from netweave.settings import Settings


def default_truth_path(settings: Settings) -> Path:
    """Next to a SQLite file (`x.db` → `x.demo-truth.json`), else in the data folder."""
    url = make_url(settings.url)
    if url.get_backend_name() == "sqlite" and url.database:
        db = Path(url.database)
        return db.with_name(f"{db.stem}.demo-truth.json")
    return settings.data_dir / "demo-truth.json"


def _has_people(app_state: AppState) -> bool:
    with app_state.store().read() as session:
        return count_people(session) > 0


def demo(
    ctx: typer.Context,
    people: Annotated[
        int, typer.Option("--people", min=2, help="How many people.")
    ] = DEFAULT_PEOPLE,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same network).")] = (
        DEFAULT_SEED
    ),
    truth: Annotated[
        Path | None, typer.Option(help="Where to write the planted pairs and requests (JSON).")
    ] = None,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when the database already has people.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Fill an empty database with a generated demo network.

    Also writes, outside the database, the planted pairs that should meet and requests with
    their best helper (used by the quality benchmarks).

    Example: netweave --db demo.db demo --people 500 --seed 7
    """
    app_state = state(ctx)
    if if_empty and _has_people(app_state):
        console.print("the database already has people; demo network not added")
        return
    with app_state.store().write() as session:
        summary = load_demo(session, people, seed, app_state.today())
    truth_path = truth or default_truth_path(app_state.settings)
    write_json_atomic(truth_path, summary.truth)
    result = {
        "people": summary.people,
        "acquaintances": summary.acquaintances,
        "interactions": summary.interactions,
        "truth": str(truth_path),
    }
    if json_out:
        print_json(result)
    else:
        console.print(
            f"demo network: {summary.people} people, {summary.acquaintances} acquaintances, "
            f"{summary.interactions} interactions; planted pairs and requests in {truth_path}"
        )
