"""Server-rendered HTML pages; each calls the same services as the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from netweave.errors import NotFound
from netweave.services import people as service
from netweave.services.views import person_detail, person_summary
from netweave.services.vocab import FACET_TITLES, QUESTION_TITLES
from netweave.web.auth import password_matches
from netweave.web.deps import read_session

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def home() -> Response:
    return RedirectResponse("/people", status_code=303)


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request,
    session: Annotated[Session, Depends(read_session)],
    q: Annotated[str, Query(max_length=200)] = "",
    tag: Annotated[str | None, Query(max_length=100)] = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    if q.strip():
        people = [person_summary(p) for p in service.search_people(session, q, PAGE_SIZE)]
        total = len(people)
    else:
        listing = service.list_people(
            session, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, tag=tag
        )
        people, total = [person_summary(p) for p in listing.people], listing.total
    context = {
        "people": people,
        "total": total,
        "q": q,
        "tag": tag,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
    }
    partial = request.headers.get("x-requested-with") == "fetch"
    return render(request, "people_rows.html" if partial else "people.html", context)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(
    request: Request, person_id: int, session: Annotated[Session, Depends(read_session)]
) -> Response:
    try:
        detail = person_detail(session, service.load_person(session, person_id))
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    context = {"p": detail, "facet_titles": FACET_TITLES, "question_titles": QUESTION_TITLES}
    return render(request, "person.html", context)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    return render(request, "login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, password: Annotated[str, Form(max_length=500)]) -> Response:
    expected = request.app.state.settings.password
    if expected is None or password_matches(password, expected):
        request.session["signed_in"] = True
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", {"error": "Wrong password."}, status=401)
