"""Requests for help (issue #8): record, refine, close the loop, and give two connections back.

A request is recorded from a contact or from me, refined when vague (`request_refine`),
routed to helpers (`routing`), linked to the introductions it led to (`introduction.request_id`)
and falls due for an outcome check `check_after_days` (default 14) after it was made, and
again every `check_after_days` after each check, until it is closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from netweave.db.models import Person
from netweave.db.models_intro import Introduction
from netweave.db.models_requests import Request
from netweave.errors import NetweaveError, NotFound
from netweave.services.keep_in_touch import DueItem
from netweave.services.me import me_id
from netweave.services.people import find_person
from netweave.services.request_refine import Refinement, detect, refined_text

CHECK_AFTER_DAYS = 14
OPEN, CLOSED = "open", "closed"
STATUSES = (OPEN, CLOSED)


def add_request(
    session: Session,
    raw: str,
    *,
    today: dt.date,
    requester: str | None = None,
    refinement: Refinement | None = None,
    check_after_days: int = CHECK_AFTER_DAYS,
) -> Request:
    """Record a request from `requester` (a person reference) or from me (None)."""
    raw = raw.strip()
    if not raw:
        raise NetweaveError("a request needs some text")
    if check_after_days < 1:
        raise NetweaveError("--check-after must be at least 1 day")
    who = None
    if requester:
        person = find_person(session, requester)
        who = None if person.id == me_id(session) else person.id
    refinement = refinement or Refinement()
    request = Request(
        requester_id=who,
        raw_text=raw,
        text=refined_text(raw, refinement),
        goal=_clean(refinement.goal),
        context=_clean(refinement.context),
        ask=_clean(refinement.ask),
        outcome=_clean(refinement.outcome),
        vague=detect(raw).vague,
        status=OPEN,
        created_on=today,
        check_after_days=check_after_days,
    )
    session.add(request)
    session.flush()
    return request


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


def load_request(session: Session, request_id: int) -> Request:
    request = session.get(Request, request_id)
    if request is None:
        raise NotFound(f"no request with id {request_id}")
    return request


def due_on(request: Request) -> dt.date:
    """When the request's outcome is next to be checked."""
    return (request.checked_on or request.created_on) + dt.timedelta(days=request.check_after_days)


def introductions_of(session: Session, request_id: int) -> list[Introduction]:
    return list(
        session.scalars(
            select(Introduction)
            .where(Introduction.request_id == request_id)
            .order_by(Introduction.id)
        )
    )


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    rows = session.execute(select(Person.id, Person.full_name).where(Person.id.in_(ids)))
    return {int(pid): name for pid, name in rows}


def request_view(session: Session, request: Request) -> dict[str, Any]:
    intros = introductions_of(session, request.id)
    ids = {i.a_id for i in intros} | {i.b_id for i in intros}
    if request.requester_id:
        ids.add(request.requester_id)
    names = _names(session, ids)
    return {
        "id": request.id,
        "from": (
            {"id": request.requester_id, "name": names.get(request.requester_id, "")}
            if request.requester_id
            else None
        ),
        "raw_text": request.raw_text,
        "text": request.text,
        "refined": request.text != request.raw_text,
        "goal": request.goal,
        "context": request.context,
        "ask": request.ask,
        "outcome": request.outcome,
        "vague": request.vague,
        "status": request.status,
        "created_on": request.created_on.isoformat(),
        "check_on": due_on(request).isoformat() if request.status == OPEN else None,
        "closed_on": request.closed_on.isoformat() if request.closed_on else None,
        "result": request.result,
        "introductions": [
            {
                "id": i.id,
                "a": names.get(i.a_id, ""),
                "b": names.get(i.b_id, ""),
                "stage": i.stage,
            }
            for i in intros
        ],
    }


def list_requests(session: Session, status: str | None = OPEN) -> list[dict[str, Any]]:
    """Requests, newest first; `status` None lists all."""
    if status is not None and status not in STATUSES:
        raise NetweaveError(f"unknown status {status!r}; choose open, closed or all")
    query = select(Request).order_by(Request.created_on.desc(), Request.id.desc())
    if status is not None:
        query = query.where(Request.status == status)
    return [request_view(session, r) for r in session.scalars(query)]


def close_request(
    session: Session, request_id: int, today: dt.date, result: str | None = None
) -> Request:
    """Close the loop: record how it ended; it leaves `due`."""
    request = load_request(session, request_id)
    if request.status == CLOSED:
        raise NetweaveError(f"request #{request_id} is already closed")
    request.status, request.closed_on, request.result = CLOSED, today, _clean(result)
    session.flush()
    return request


def check_request(session: Session, request_id: int, today: dt.date) -> Request:
    """Record an outcome check that left the request open: next due after another period."""
    request = load_request(session, request_id)
    if request.status == CLOSED:
        raise NetweaveError(f"request #{request_id} is closed")
    request.checked_on = today
    session.flush()
    return request


def link_introduction(session: Session, request_id: int, intro_id: int) -> Introduction:
    """Record that introduction `intro_id` came from request `request_id`."""
    load_request(session, request_id)
    intro = session.get(Introduction, intro_id)
    if intro is None:
        raise NotFound(f"no introduction with id {intro_id}")
    intro.request_id = request_id
    session.flush()
    return intro


def delete_request(session: Session, request_id: int) -> None:
    """Remove a request; introductions keep existing, unlinked."""
    request = load_request(session, request_id)
    session.execute(
        update(Introduction).where(Introduction.request_id == request_id).values(request_id=None)
    )
    session.delete(request)
    session.flush()


def request_loops_due(session: Session, today: dt.date, limit: int) -> tuple[list[DueItem], int]:
    """Open requests whose outcome check is due: ask how it went, then close or check."""
    requests = [
        r
        for r in session.scalars(
            select(Request).where(Request.status == OPEN).order_by(Request.created_on, Request.id)
        )
        if due_on(r) <= today
    ]
    counts = dict(
        session.execute(
            select(Introduction.request_id, func.count())
            .where(Introduction.request_id.in_([r.id for r in requests]))
            .group_by(Introduction.request_id)
        )
        .tuples()
        .all()
    )
    mine = me_id(session)
    names = _names(session, {r.requester_id for r in requests if r.requester_id})
    items = []
    for r in requests[:limit]:
        when = due_on(r)
        n = counts.get(r.id, 0)
        led = f"led to {n} introduction{'s' if n != 1 else ''}" if n else "no introduction yet"
        short = r.text if len(r.text) <= 60 else r.text[:57] + "..."
        reason = (
            f'request #{r.id} "{short}" made {r.created_on}; {led}; check the outcome '
            f"(netweave request close {r.id})"
        )
        pid = r.requester_id or mine or 0
        who = names.get(r.requester_id, "") if r.requester_id else "me"
        priority = 1.0 + (today - when).days / r.check_after_days
        items.append(DueItem("request", pid, who, when, reason, priority))
    return items, len(requests)


@dataclass
class TwoBack:
    requester: dict[str, Any]
    people: list[dict[str, Any]]  # {"id", "name", "emails", "reasons"}
    draft: Any  # messages.drafts.Draft


def two_back(
    session: Session,
    request_id: int,
    *,
    today: dt.date,
    thanks_for: str | None = None,
    user_dir: Path | None = None,
) -> TwoBack:
    """Two people the requester should meet (the engine's best for them), and a thank-you
    note naming them."""
    from netweave.messages.drafts import render
    from netweave.services.intro_drafts import person_context
    from netweave.services.me import get_me
    from netweave.services.suggestions import suggest

    request = load_request(session, request_id)
    if request.requester_id is None:
        raise NetweaveError(f"request #{request_id} is mine: two connections back go to others")
    requester = session.get(Person, request.requester_id)
    assert requester is not None
    views = suggest(session, for_person=requester.id, limit=2, today=today)
    people = []
    for view in views:
        mine_a = view.a_id == requester.id
        other = view.b if mine_a else view.a
        reasons = view.reasons_a if mine_a else view.reasons_b
        people.append({**other, "reasons": reasons})
    if len(people) < 2:
        raise NetweaveError(
            f"the engine found {len(people)} people for {requester.full_name}: record more "
            "offers, needs or interests first"
        )
    details = {
        p.id: p
        for p in session.scalars(select(Person).where(Person.id.in_([x["id"] for x in people])))
    }
    listed = []
    for p in people:
        person = details[p["id"]]
        org = person.organisation.name if person.organisation else None
        reason = p["reasons"][0] if p["reasons"] else "you have a lot in common"
        listed.append(
            {"name": p["name"], "title": person.title, "organisation": org, "reason": reason}
        )
    context = {
        "them": person_context(requester),
        "me": person_context(get_me(session)),
        "thanks_for": thanks_for or "telling me exactly what you need",
        "two_back": listed,
    }
    emails = [e.address for e in requester.emails]
    draft = render("thank_you_two_back", context, emails[:1], user_dir)
    return TwoBack({"id": requester.id, "name": requester.full_name}, people, draft)
