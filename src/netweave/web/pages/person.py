"""`/people/{id}`: facets, the four questions, timeline, ledger, health; edit; log; remove."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from netweave.db.models import Channel, Direction, GiveKind, NetworkerLevel, Openness, Tier
from netweave.services import interactions
from netweave.services import people as service
from netweave.services.health import health
from netweave.services.ledger import ledger
from netweave.services.views import person_detail
from netweave.services.vocab import FACET_TITLES, QUESTION_TITLES
from netweave.web.charts import strength_class
from netweave.web.deps import Form, ReadSession, StoreDep, Today
from netweave.web.forms import interaction_input, person_patch
from netweave.web.pages.common import page_router
from netweave.web.templating import flash, redirect, render

router = page_router()
TIMELINE = 50
CHOICES = {
    "channels": [c.value for c in Channel],
    "directions": [d.value for d in Direction],
    "gives": [g.value for g in GiveKind],
    "tiers": [t.value for t in Tier],
    "opennesses": [o.value for o in Openness],
    "levels": [(int(n), n.name.lower()) for n in NetworkerLevel],
}


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: int, session: ReadSession, today: Today) -> Response:
    person = service.load_person(session, person_id)
    timeline = interactions.list_interactions(session, person, TIMELINE)
    context = {
        "p": person_detail(session, person),
        "raw": person,
        "health": health(session, person, today),
        "ledger": ledger(session, person, today),
        "timeline": [interactions.interaction_view(session, i) for i in timeline],
        "today": today,
        "facet_titles": FACET_TITLES,
        "question_titles": QUESTION_TITLES,
        "strength_class": strength_class,
        **CHOICES,
    }
    return render(request, "person.html", context)


@router.post("/people/{person_id}/edit")
def edit_person(
    request: Request, person_id: int, form: Form, store: StoreDep, today: Today
) -> Response:
    patch = person_patch(form, today)
    with store.write() as session:
        service.edit_person(session, service.load_person(session, person_id), patch)
    flash(request, "Saved.")
    return redirect(f"/people/{person_id}")


@router.post("/people/{person_id}/interactions")
def log_interaction(
    request: Request, person_id: int, form: Form, store: StoreDep, today: Today
) -> Response:
    entry = interaction_input(form, today)
    with store.write() as session:
        logged = interactions.record_interaction(session, [str(person_id)], entry)
        warnings = [w.message for w in logged.warnings]
    flash(request, f"Logged a {entry.direction} by {entry.channel} on {entry.occurred_on}.")
    for message in warnings:
        flash(request, message, "warning")
    return redirect(f"/people/{person_id}#timeline")


@router.post("/people/{person_id}/delete")
def delete_person(request: Request, person_id: int, store: StoreDep) -> Response:
    with store.write() as session:
        person = service.load_person(session, person_id)
        name = person.full_name
        service.remove_person(session, person)
    flash(request, f"Removed {name}.")
    return redirect("/people")
