"""Every command has help with an example and appears in docs/cli.md (kept up to date)."""

from __future__ import annotations

import pytest

from tools.cli_reference import DOC, command_paths, help_text, render

LEAVES = [
    p
    for p in command_paths()
    if p and not any(q[: len(p)] == p and q != p for q in command_paths())
]


@pytest.mark.parametrize("path", LEAVES, ids=lambda p: " ".join(p))
def test_every_command_has_help_with_an_example(path: list[str]) -> None:
    text = help_text(path)
    assert "Example: netweave" in text, f"netweave {' '.join(path)} --help lacks an example"


def test_cli_reference_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run: python tools/cli_reference.py"


def test_every_command_is_in_the_reference() -> None:
    text = DOC.read_text(encoding="utf-8")
    for path in command_paths():
        assert f"## `{' '.join(['netweave', *path])}`" in text
