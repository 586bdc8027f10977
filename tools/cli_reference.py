"""Generate docs/cli.md from the CLI's own --help (a test checks it is up to date).

Usage: python tools/cli_reference.py [--check]
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import typer
from typer._click import Command, Context
from typer.core import TyperGroup
from typer.testing import CliRunner

from netweave.cli import app

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def command_paths() -> Iterator[list[str]]:
    """Every command path, depth first: [], ["people"], ["people", "add"], …"""
    root = typer.main.get_command(app)

    def walk(command: Command, path: list[str]) -> Iterator[list[str]]:
        yield path
        if isinstance(command, TyperGroup):
            ctx = Context(command)
            for name in sorted(command.list_commands(ctx)):
                sub = command.get_command(ctx, name)
                if sub is not None:
                    yield from walk(sub, [*path, name])

    yield from walk(root, [])


def help_text(path: list[str]) -> str:
    result = CliRunner().invoke(
        app, [*path, "--help"], env=ENV, terminal_width=100, prog_name="netweave"
    )
    return "\n".join(line.rstrip() for line in result.output.splitlines()).strip()


def render() -> str:
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python tools/cli_reference.py`; do not edit by hand.",
    ]
    for path in command_paths():
        title = " ".join(["netweave", *path])
        parts += ["", f"## `{title}`", "", "```", help_text(path), "```"]
    return "\n".join(parts) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run python tools/cli_reference.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
