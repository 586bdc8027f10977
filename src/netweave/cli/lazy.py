"""Command modules load on first use, so `netweave route …` imports only what routing needs.

Each top-level command is named in `COMMANDS` with where it lives: a Typer sub-app
(`people`, `intro`, …) or a single command function (`route`, `log`, …). The root group
lists every name (help, completion and "did you mean" see them all) and imports a module
only when its command runs or its help is shown.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import typer
from typer._click import Command


@dataclass(frozen=True)
class Lazy:
    """Where a top-level command lives: `attr` of `module` (a Typer app or a function).

    `registers` are modules whose import adds commands to that Typer app.
    """

    module: str
    attr: str
    registers: tuple[str, ...] = ()


def _cli(module: str) -> str:
    return f"netweave.cli.{module}"


def group(module: str, attr: str = "app", *registers: str) -> Lazy:
    return Lazy(_cli(module), attr, tuple(_cli(r) for r in registers))


def command(module: str, function: str) -> Lazy:
    return Lazy(_cli(module), function)


def load_command(name: str, spec: Lazy) -> Command:
    """Import the command's module and build its click command, named `name`."""
    for module in spec.registers:
        importlib.import_module(module)
    target = getattr(importlib.import_module(spec.module), spec.attr)
    if isinstance(target, typer.Typer):
        built: Command = typer.main.get_group(target)
    else:
        holder = typer.Typer(add_completion=False)
        holder.command(name)(target)
        built = typer.main.get_command(holder)
    built.name = name
    return built
