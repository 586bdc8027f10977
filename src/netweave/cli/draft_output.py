"""Showing drafts: as text, as `mailto:` links, or written to `.eml` files (atomically)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.cli.context import AppState, console
from netweave.messages.drafts import Draft

EmlOption = Annotated[
    Path | None,
    typer.Option("--eml", help="Also write the draft to this .eml file (opens in mail clients)."),
]
MailtoOption = Annotated[
    bool, typer.Option("--mailto", help="Print a mailto: link instead of the text.")
]


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def templates_dir(app_state: AppState) -> Path:
    """The user's template overrides: `<data dir>/templates`."""
    return app_state.settings.data_dir / "templates"


def eml_paths(eml: Path, n: int) -> list[Path]:
    """One file for one draft; `name-1.eml`, `name-2.eml`… for several."""
    if n == 1:
        return [eml]
    return [eml.with_name(f"{eml.stem}-{k}{eml.suffix or '.eml'}") for k in range(1, n + 1)]


def draft_dicts(drafts: list[Draft]) -> list[dict[str, Any]]:
    return [
        {"to": list(d.to), "subject": d.subject, "body": d.body, "mailto": d.mailto()}
        for d in drafts
    ]


def emit(
    app_state: AppState,
    drafts: list[Draft],
    eml: Path | None,
    mailto: bool,
    sender: str | None,
    quiet: bool = False,
) -> list[Path]:
    """Print each draft (text or mailto link) unless `quiet`; write .eml files if asked."""
    written = []
    if eml is not None:
        today = app_state.settings.today
        when = dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.UTC) if today else None
        for path, draft in zip(eml_paths(eml, len(drafts)), drafts, strict=True):
            write_atomic(path, draft.eml(sender=sender, when=when))
            written.append(path)
    if not quiet:
        for k, draft in enumerate(drafts):
            if k:
                typer.echo("\n" + "-" * 40 + "\n")
            typer.echo(draft.mailto() if mailto else draft.text().rstrip("\n"))
        for path in written:
            console.print(f"wrote {path}", markup=False)
    return written
