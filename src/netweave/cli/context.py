"""What every command shares: settings, the database, output helpers, common options."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Annotated, Any

import typer
from rich.console import Console

from netweave.db.store import Store
from netweave.settings import Settings

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=1, help="Show at most N results.")
]

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)


@dataclass
class AppState:
    """Per-invocation state: built by the root callback, opened lazily."""

    settings: Settings
    _store: Store | None = field(default=None, repr=False)

    def store(self) -> Store:
        if self._store is None:
            from netweave.db.migrate import ensure_current

            self._store = Store(self.settings.url)
            ensure_current(self._store)
        return self._store

    def close(self) -> None:
        """Close the database's connections (SQLite's last one checkpoints and removes
        the write-ahead log)."""
        if self._store is not None:
            self._store.dispose()

    def today(self) -> dt.date:
        return self.settings.current_date()


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)
    return obj


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
