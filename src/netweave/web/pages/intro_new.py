"""`/introductions/new`: start an introduction by hand, as `netweave intro start A B "why"`.

People are named by id, email or name; a refusal (unknown or ambiguous person, the same
person twice, a pair already open or cooling down) comes back as a message on the form,
with what was typed kept.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.errors import NetweaveError
from netweave.services.intro_actions import start_by_hand
from netweave.web.deps import Form, StoreDep, Today
from netweave.web.forms import text
from netweave.web.pages.common import page_router
from netweave.web.templating import flash, flash_error, redirect, render

router = page_router()
FIELDS = ("a", "b", "why")


@router.get("/introductions/new", response_class=HTMLResponse)
def new_form(
    request: Request,
    a: Annotated[str, Query(max_length=300)] = "",
    b: Annotated[str, Query(max_length=300)] = "",
    why: Annotated[str, Query(max_length=2000)] = "",
) -> Response:
    return render(request, "intro_new.html", {"given": {"a": a, "b": b, "why": why}})


@router.post("/introductions/new")
def start(request: Request, form: Form, store: StoreDep, today: Today) -> Response:
    given = {key: text(form, key) for key in FIELDS}
    anyway = text(form, "anyway") == "on"
    try:
        if not (given["a"] and given["b"]):
            raise NetweaveError("name both people: an id, an email or a name each")
        with store.write() as session:
            intro = start_by_hand(
                session, today, given["a"], given["b"], given["why"] or None, anyway=anyway
            )
    except NetweaveError as error:
        flash_error(request, "No introduction started", error)
        return redirect("/introductions/new?" + urlencode(given))
    a, b = intro["a"]["name"], intro["b"]["name"]
    flash(request, f"Started introduction #{intro['id']}: {a} ↔ {b}. Ask A first.")
    return redirect(f"/introductions/{intro['id']}")
