"""`/`: this week's plan, goal charts, who is due and who is going cold.

`SECTIONS` is the dashboard's extension point: a section is a template plus a function
returning its context (or None to hide it). Sections of services still being built are
added here when their module exists (see `netweave.web.extensions`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from netweave.services.dashboard import dashboard
from netweave.web.charts import goal_bars, strength_class
from netweave.web.deps import ReadSession, Today
from netweave.web.extensions import (
    SUGGESTION_VIEWS,
    SUGGESTIONS,
    optional_function,
    optional_module,
)
from netweave.web.pages.common import page_router
from netweave.web.templating import render

router = page_router()
TOP_FRAGMENT = "/suggestions/top"


@dataclass
class Section:
    template: str
    context: Callable[[Session, dt.date], dict[str, Any] | None]


def suggestions_section(session: Session, today: dt.date) -> dict[str, Any] | None:
    """The card only: its list is fetched after the page (a cold engine takes seconds)."""
    if optional_module(SUGGESTIONS) is None:
        return None
    top = optional_function(SUGGESTION_VIEWS, "top_suggestions")
    return {"fragment": TOP_FRAGMENT if top else None}


SECTIONS: list[Section] = [Section("dashboard_suggestions.html", suggestions_section)]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: ReadSession, today: Today) -> Response:
    board = dashboard(session, today)
    charts = [(g.status, goal_bars(g.periods, g.status.target)) for g in board.goals]
    extra = [(s.template, ctx) for s in SECTIONS if (ctx := s.context(session, today)) is not None]
    context = {
        "board": board,
        "charts": charts,
        "sections": extra,
        "strength_class": strength_class,
    }
    return render(request, "dashboard.html", context)
