"""Server-rendered HTML pages; each calls the same services as the CLI."""

from __future__ import annotations

from fastapi import APIRouter

from netweave.web.pages import (
    dashboard,
    docs,
    events,
    imports,
    intro_new,
    introductions,
    network,
    people,
    person,
    request_detail,
    requests,
    session,
    suggestions,
)

# Fixed paths before the ones taking an id (`/introductions/new`, `/requests/route`).
routers: list[APIRouter] = [
    m.router
    for m in (
        dashboard,
        people,
        person,
        imports,
        network,
        suggestions,
        intro_new,
        introductions,
        requests,
        request_detail,
        events,
        docs,
        session,
    )
]
