"""Extension points for services that other issues are building.

Each appears in the web app only once its module exists:

- nav entries in `NAV_EXTENSIONS` show when the service module imports *and* a page with
  that path is registered (so the nav never links to a missing page);
- the dashboard's "Top suggestions" section shows when `netweave.services.suggestions`
  exists; it loads (as a fragment, after the page) `top_suggestions(session, today, limit)
  -> list[dict]` (keys `a`, `b` as {id, name}, `score`, `reasons`) from `SUGGESTION_VIEWS`,
  which shapes the suggestions service's output for the web app;
- the network graph draws dashed suggested links from the same module's
  `graph_links(session, today, person_ids) -> list[tuple[int, int]]`;
- `/calendar.ics` serves `calendar_feed(session, today) -> bytes` from the first of
  `CALENDAR_MODULES` that provides it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from starlette.routing import BaseRoute, Route

SUGGESTIONS = "netweave.services.suggestions"
SUGGESTION_VIEWS = "netweave.services.suggestion_views"
INTRODUCTIONS = "netweave.services.introductions"
CALENDAR_MODULES = ("netweave.services.calendar", INTRODUCTIONS)

CORE_NAV = [
    ("Dashboard", "/"),
    ("People", "/people"),
    ("Network", "/network"),
    ("Import", "/import"),
]
NAV_EXTENSIONS = [
    (SUGGESTIONS, "Suggestions", "/suggestions"),
    (INTRODUCTIONS, "Introductions", "/introductions"),
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


def route_paths(routes: Sequence[BaseRoute], prefix: str = "") -> set[str]:
    """Every route's full path, looking inside included routers (recent FastAPI includes
    them lazily: an object holding the `original_router` and the prefix it is mounted at)."""
    paths: set[str] = set()
    for route in routes:
        if isinstance(route, Route):
            paths.add(prefix + route.path)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            context = getattr(route, "include_context", None)
            paths |= route_paths(inner.routes, getattr(context, "prefix", prefix) or "")
    return paths


def nav_entries(routes: Sequence[BaseRoute]) -> list[tuple[str, str]]:
    paths = route_paths(routes)
    extra = [
        (title, path)
        for module, title, path in NAV_EXTENSIONS
        if path in paths and optional_module(module) is not None
    ]
    return CORE_NAV + extra
