"""Jinja2 templates (autoescaped) and `render`, which adds what every page needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from netweave.web.csrf import csrf_token

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
FLASH_KEY = "flash"


def flash(request: Request, message: str, kind: str = "ok") -> None:
    """Show `message` on the next page rendered for this session."""
    request.session.setdefault(FLASH_KEY, []).append({"kind": kind, "text": message})


def flash_error(request: Request, what: str, error: Exception) -> None:
    """A refusal as a message on the next page: `what` happened, and the service's reason."""
    flash(request, f"{what}: {str(error).rstrip('.')}.", "error")


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context = {
        "csrf_token": csrf_token(request),
        "nav": getattr(request.app.state, "nav", []),
        "path": request.url.path,
        "flashes": request.session.pop(FLASH_KEY, []),
        **context,
    }
    return templates.TemplateResponse(request, name, context, status_code=status)


def redirect(url: str) -> Response:
    return RedirectResponse(url, status_code=303)
