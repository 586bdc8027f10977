"""`/people`: the directory with search as you type, filters, sorting and pages; add a person."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.importers.records import Labelled, PersonRecord
from netweave.services import people as service
from netweave.services.directory import HEALTH_STATES, SORTS, DirectoryQuery, browse, popular_tags
from netweave.services.vocab import FACET_TITLES
from netweave.web.charts import strength_class
from netweave.web.deps import Form, ReadSession, StoreDep, Today
from netweave.web.forms import text
from netweave.web.pages.common import page_router
from netweave.web.templating import flash, redirect, render

router = page_router()
PAGE_SIZE = 50


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request,
    session: ReadSession,
    today: Today,
    q: Annotated[str, Query(max_length=200)] = "",
    tag: Annotated[str, Query(max_length=100)] = "",
    facet: Annotated[str, Query(max_length=40)] = "",
    health: Annotated[str, Query(max_length=40)] = "",
    sort: Annotated[str, Query(max_length=40)] = "name",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    query = DirectoryQuery(
        q, tag, facet or None, health or None, sort, PAGE_SIZE, (page - 1) * PAGE_SIZE
    )
    listing = browse(session, today, query)
    chosen = {"q": q, "tag": tag, "facet": facet, "health": health, "sort": sort}
    filters = {k: v for k, v in chosen.items() if v and not (k == "sort" and v == "name")}
    context = {
        "listing": listing,
        "page": page,
        "pages": max(1, -(-listing.total // PAGE_SIZE)),
        "filters": filters,
        "page_url": lambda n: "/people?" + urlencode({**filters, "page": n}),
        "tags": popular_tags(session),
        "facet_titles": FACET_TITLES,
        "health_states": HEALTH_STATES,
        "sorts": SORTS,
        "strength_class": strength_class,
    }
    partial = request.headers.get("x-requested-with") == "fetch"
    return render(request, "people_rows.html" if partial else "people.html", context)


@router.post("/people")
def add_person(request: Request, form: Form, store: StoreDep) -> Response:
    email = text(form, "email")
    record = PersonRecord(
        full_name=text(form, "full_name"),
        organisation=text(form, "organisation") or None,
        emails=[Labelled(email)] if email else [],
    )
    with store.write() as session:
        person = service.add_person(session, record)
        pid, name = person.id, person.full_name
    flash(request, f"Added {name}.")
    return redirect(f"/people/{pid}")
