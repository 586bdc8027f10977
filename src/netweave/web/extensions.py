"""Extension points for services that other issues are building.

Each appears in the web app only once its module exists:

- nav entries in `NAV_EXTENSIONS` show when the service module imports *and* a page with
  that path is registered (so the nav never links to a missing page);
- the dashboard's "Top suggestions" section shows when `netweave.services.suggestions`
  exists; it lists `top_suggestions(session, today, limit) -> list[dict]` (keys `a`, `b`
  as {id, name}, `score`, `reasons`) when the module provides that function;
- the network graph draws dashed suggested links from the same module's
  `graph_links(session, today, person_ids) -> list[tuple[int, int]]`;
- `/calendar.ics` serves `calendar_feed(session, today) -> bytes` from the first of
  `CALENDAR_MODULES` that provides it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from types import ModuleType
from typing import Any

from starlette.routing import BaseRoute, Route

SUGGESTIONS = "netweave.services.suggestions"
INTRODUCTIONS = "netweave.services.introductions"
CALENDAR_MODULES = ("netweave.services.calendar", INTRODUCTIONS)

CORE_NAV = [
    ("Dashboard", "/"),
    ("People", "/people"),
    ("Network", "/network"),
    ("Import", "/import"),
]
NAV_EXTENSIONS = [
    (INTRODUCTIONS, "Introductions", "/introductions"),
    (SUGGESTIONS, "Suggestions", "/suggestions"),
    ("netweave.services.requests", "Requests", "/requests"),
    ("netweave.services.events", "Events", "/events"),
]


def optional_module(name: str) -> ModuleType | None:
    """The module if it exists and imports cleanly, else None."""
    try:
        if importlib.util.find_spec(name) is None:
            return None
        return importlib.import_module(name)
    except ImportError:
        return None


def optional_function(module: str, name: str) -> Callable[..., Any] | None:
    found = optional_module(module)
    fn = getattr(found, name, None) if found is not None else None
    return fn if callable(fn) else None


def nav_entries(routes: list[BaseRoute]) -> list[tuple[str, str]]:
    paths = {r.path for r in routes if isinstance(r, Route)}
    extra = [
        (title, path)
        for module, title, path in NAV_EXTENSIONS
        if path in paths and optional_module(module) is not None
    ]
    return CORE_NAV + extra
