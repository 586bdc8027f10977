"""`/network`: the graph page (drawn by static/network.js from /api/network)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.services.people import load_person
from netweave.web.deps import ReadSession
from netweave.web.pages.common import page_router
from netweave.web.templating import render

router = page_router()
LIMITS = (100, 300, 600, 1000)


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    session: ReadSession,
    limit: Annotated[int, Query(ge=1, le=1000)] = 300,
    around: Annotated[int | None, Query()] = None,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
) -> Response:
    centre = load_person(session, around).full_name if around is not None else None
    context = {"limit": limit, "around": around, "depth": depth, "centre": centre, "limits": LIMITS}
    return render(request, "network.html", context)
