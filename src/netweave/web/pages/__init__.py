"""Server-rendered HTML pages; each calls the same services as the CLI."""

from __future__ import annotations

from fastapi import APIRouter

from netweave.web.pages import (
    dashboard,
    docs,
    imports,
    introductions,
    network,
    people,
    person,
    session,
    suggestions,
)

routers: list[APIRouter] = [
    m.router
    for m in (
        dashboard,
        people,
        person,
        imports,
        network,
        suggestions,
        introductions,
        docs,
        session,
    )
]
