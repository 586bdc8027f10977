"""`/suggestions`: ranked pairs with both sides' reasons; start or dismiss an introduction.

A cold engine takes half a minute on a large network (the warm cache makes it fast), so
the dashboard loads its "Top suggestions" list from `/suggestions/top` after the page, and
both wait at most a moment for the background build (`web/warmup.py`): past that they say
the suggestions are being prepared and ask again shortly.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.errors import NetweaveError
from netweave.services.intro_rules import load_rules
from netweave.services.people import find_person, load_person
from netweave.services.suggestion_views import dismiss_suggested, start_suggested
from netweave.services.suggestions import suggest
from netweave.web.deps import Form, StoreDep, Today
from netweave.web.extensions import SUGGESTION_VIEWS, optional_function
from netweave.web.forms import text, whole_number
from netweave.web.pages.common import page_router
from netweave.web.templating import flash, redirect, render
from netweave.web.warmup import RETRY_SECONDS, warmer

router = page_router()
LIMITS = (10, 20, 50, 100)
TOP = 5


def listing_url(for_person: int | None) -> str:
    return "/suggestions" + (f"?{urlencode({'for': for_person})}" if for_person else "")


@router.get("/suggestions", response_class=HTMLResponse)
def suggestions_page(
    request: Request,
    store: StoreDep,
    today: Today,
    for_person: Annotated[int | None, Query(alias="for", ge=1)] = None,
    who: Annotated[str, Query(max_length=200)] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    if who.strip():
        with store.read() as session:
            return redirect(listing_url(find_person(session, who).id))
    if not warmer(request).ready(today):
        return render(request, "suggestions_preparing.html", {"retry": RETRY_SECONDS})
    with store.write() as session:  # the engine caches newly embedded texts
        person = load_person(session, for_person).full_name if for_person else None
        found = [
            v.as_json() for v in suggest(session, for_person=for_person, limit=limit, today=today)
        ]
    context = {
        "suggestions": found,
        "for_person": for_person,
        "person": person,
        "limit": limit,
        "limits": LIMITS,
    }
    return render(request, "suggestions.html", context)


@router.get("/suggestions/top", response_class=HTMLResponse)
def top_fragment(request: Request, store: StoreDep, today: Today) -> Response:
    """The dashboard's list, as a fragment fetched after the page."""
    top = optional_function(SUGGESTION_VIEWS, "top_suggestions")
    if top is None:
        raise HTTPException(404, "The suggestions service does not list top suggestions.")
    if not warmer(request).ready(today):
        return render(request, "suggestions_preparing_fragment.html", {}, status=202)
    with store.write() as session:
        found = top(session, today, TOP)
    return render(request, "suggestions_top.html", {"suggestions": found})


def _pair(form: Form) -> tuple[int, int, int | None]:
    a, b = whole_number(text(form, "a"), "a"), whole_number(text(form, "b"), "b")
    if a is None or b is None:
        raise NetweaveError("pick a suggested pair")
    return a, b, whole_number(text(form, "for"), "for")


@router.post("/suggestions/start")
def start_from_page(request: Request, form: Form, store: StoreDep, today: Today) -> Response:
    a, b, for_person = _pair(form)
    with store.write() as session:
        intro = start_suggested(session, today, a, b, for_person)
    a_name, b_name = intro["a"]["name"], intro["b"]["name"]
    flash(request, f"Started introduction #{intro['id']}: {a_name} ↔ {b_name}. Ask A first.")
    return redirect(f"/introductions/{intro['id']}")


@router.post("/suggestions/dismiss")
def dismiss_from_page(request: Request, form: Form, store: StoreDep, today: Today) -> Response:
    a, b, for_person = _pair(form)
    with store.write() as session:
        intro = dismiss_suggested(session, today, a, b, for_person)
        days = load_rules(session).pair_cooldown_days
    a_name, b_name = intro["a"]["name"], intro["b"]["name"]
    flash(request, f"Dismissed {a_name} ↔ {b_name}: not suggested again for {days} days.")
    return redirect(listing_url(for_person))
