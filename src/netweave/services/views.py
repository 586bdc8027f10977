"""Plain-dict views of people for the CLI's `--json`, the web API and templates."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from netweave.db.models import NetworkerLevel, Person
from netweave.services.people import acquaintances_of
from netweave.services.vocab import RECORD_FACETS, TIER_CADENCE_DAYS


def person_summary(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.full_name,
        "emails": [e.address for e in person.emails],
        "organisation": person.organisation.name if person.organisation else None,
        "title": person.title,
    }


def effective_cadence(person: Person) -> int | None:
    """The person's own cadence, else their tier's default (dormant: none)."""
    if person.cadence_days is not None:
        return person.cadence_days
    return TIER_CADENCE_DAYS.get(person.tier)


def facet_items(person: Person) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {attr: [] for attr in RECORD_FACETS}
    kind_to_attr = {kind: attr for attr, kind in RECORD_FACETS.items()}
    for facet in person.facets:
        grouped[kind_to_attr[facet.kind]].append({"id": facet.id, "text": facet.text})
    return grouped


def person_detail(session: Session, person: Person) -> dict[str, Any]:
    """Everything about a person, as shown by `people show` and the person page."""
    detail = person_summary(person)
    detail.update(
        given_name=person.given_name,
        family_name=person.family_name,
        phones=[{"number": p.number, "label": p.label} for p in person.phones],
        links=[{"url": link.url, "kind": link.kind} for link in person.links],
        location=person.location,
        how_met=person.how_met,
        where_met=person.where_met,
        met_on=person.met_on.isoformat() if person.met_on else None,
        tags=[t.tag for t in person.tags],
        temperament=list(person.temperament),
        networker_level=NetworkerLevel(person.networker_level).name.lower(),
        openness=person.openness,
        tier=person.tier,
        cadence_days=effective_cadence(person),
        four_questions={
            "why_connect": person.why_connect,
            "how_connect": person.how_connect,
            "why_they_connect": person.why_they_connect,
            "how_keep_up": person.how_keep_up,
        },
        facets=facet_items(person),
        notes=person.notes,
        knows=[person_summary(p) for p in acquaintances_of(session, person)],
    )
    return detail
