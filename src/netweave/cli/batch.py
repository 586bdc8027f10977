"""`netweave batch embed` and `batch suggest`: whole-community jobs, locally or on Dask."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from netweave.cli.context import JsonOption, console, err_console, print_json, state
from netweave.services.batch_exec import Executor

app = typer.Typer(
    help="Whole-community jobs: embed every item, everyone's best matches (local or Dask).",
    no_args_is_help=True,
)

EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where partitions run: local (this process) or dask (pip install 'netweave[batch]').",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Address of a running Dask scheduler (default: start 2 local worker processes).",
    ),
]
SizeOption = Annotated[
    int | None,
    typer.Option("--partition-size", min=1, help="Rows per partition (default: measured best)."),
]
DenseOption = Annotated[
    bool, typer.Option("--dense", help="Use the MiniLM model (netweave[dense]).")
]


@contextmanager
def _progress(label: str, quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """A Rich bar over partitions; `quiet` (--json, or not a terminal) hides it."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("partitions"),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet or not err_console.is_terminal,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@contextmanager
def _executor(engine: str, scheduler: str | None, quiet: bool) -> Iterator[Executor]:
    from netweave.services.batch_exec import make_executor

    executor = make_executor(engine, scheduler)
    try:
        if executor.dashboard and not quiet:
            err_console.print(f"Dask dashboard: {executor.dashboard}", markup=False)
        yield executor
    finally:
        executor.close()


def embed(
    ctx: typer.Context,
    dense: DenseOption = False,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    size: SizeOption = None,
    json_out: JsonOption = False,
) -> None:
    """Embed every facet item not yet cached, in partitions, into the embedding cache.

    Example: netweave batch embed --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from netweave.services.batch import EMBED_PARTITION, batch_embed

    app_state = state(ctx)
    cache_dir = app_state.settings.data_dir / "cache" / "batch"
    with (
        _executor(engine, scheduler, json_out) as executor,
        app_state.store().write() as session,
        _progress("embedding", json_out) as progress,
    ):
        report = batch_embed(
            session,
            app_state.today(),
            executor,
            dense=dense,
            size=size or EMBED_PARTITION,
            cache_dir=cache_dir,
            progress=progress,
        )
    if json_out:
        print_json(report.as_json())
        return
    console.print(
        f"embedded {report.rows} new items with {report.embedder} on {report.engine}: "
        f"{report.computed} partitions computed, {report.reused} reused, "
        f"{report.seconds:.1f} s",
        markup=False,
    )


def suggest(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Matches kept per person.")] = 10,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write a .parquet file instead of the batch_suggestion table."),
    ] = None,
    dense: DenseOption = False,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    size: SizeOption = None,
    json_out: JsonOption = False,
) -> None:
    """Everyone's best matches at once, in partitions, into the database or a Parquet file.

    Example: netweave batch suggest --top 10 --engine dask --out matches.parquet
    """
    from netweave.services.batch import SCORE_PARTITION, batch_suggest
    from netweave.services.batch_output import check_out, write_parquet, write_table

    if out is not None:
        check_out(out)
    app_state = state(ctx)
    cache_dir = app_state.settings.data_dir / "cache" / "batch"
    with (
        _executor(engine, scheduler, json_out) as executor,
        app_state.store().write() as session,
        _progress("matching", json_out) as progress,
    ):
        found, report = batch_suggest(
            session,
            app_state.today(),
            executor,
            k=top,
            dense=dense,
            size=size or SCORE_PARTITION,
            cache_dir=cache_dir,
            progress=progress,
        )
        if out is None:
            write_table(session, found)
    where = "the batch_suggestion table"
    if out is not None:
        write_parquet(out, found)
        where = str(out)
    if json_out:
        print_json({**report.as_json(), "out": where})
        return
    console.print(
        f"{report.rows} matches for {len(set(found.person_id.tolist()))} people written to "
        f"{where} on {report.engine}: {report.computed} partitions computed, "
        f"{report.reused} reused, {report.seconds:.1f} s",
        markup=False,
    )


app.command("embed")(embed)
app.command("suggest")(suggest)
