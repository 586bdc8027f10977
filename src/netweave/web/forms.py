"""Turn posted HTML forms into service inputs (the pages' equivalent of CLI options)."""

from __future__ import annotations

import datetime as dt

from starlette.datastructures import FormData

from netweave.errors import NetweaveError
from netweave.services.dates import parse_date
from netweave.services.interactions import InteractionInput
from netweave.services.introductions import SideOutcome
from netweave.services.people import PersonPatch
from netweave.services.request_refine import QUESTIONS, Refinement
from netweave.services.vocab import RECORD_FACETS

# Text fields of the edit form; an emptied field is cleared.
EDIT_SCALARS = (
    "title",
    "location",
    "how_met",
    "where_met",
    "notes",
    "why_connect",
    "how_connect",
    "why_they_connect",
    "how_keep_up",
)
MAX_FIELD = 20_000


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    if len(value) > MAX_FIELD:
        raise NetweaveError(f"{name.replace('_', ' ')} is too long")
    return value.strip()


def texts(form: FormData, name: str) -> list[str]:
    return [v.strip() for v in form.getlist(name) if isinstance(v, str) and v.strip()]


def lines(form: FormData, name: str) -> list[str]:
    return [line.strip() for line in text(form, name).splitlines() if line.strip()]


def whole_number(value: str, what: str) -> int | None:
    if not value:
        return None
    if not value.isdecimal():
        raise NetweaveError(f"{what} must be a whole number")
    return int(value)


def person_patch(form: FormData, today: dt.date) -> PersonPatch:
    """The edit form: every shown field is posted, so an empty text field means 'clear it'."""
    scalars: dict[str, object] = {}
    clear: list[str] = []
    for name in EDIT_SCALARS:
        value = text(form, name)
        if value:
            scalars[name] = value
        elif name in form:
            clear.append(name)
    met_on = text(form, "met_on")
    if met_on:
        scalars["met_on"] = parse_date(met_on, today)
    elif "met_on" in form:
        clear.append("met_on")
    cadence = whole_number(text(form, "cadence_days"), "keep in touch every … days")
    if cadence:
        scalars["cadence_days"] = cadence
    elif "cadence_days" in form:
        clear.append("cadence_days")
    return PersonPatch(
        full_name=text(form, "full_name") or None,
        organisation=text(form, "organisation") if "organisation" in form else None,
        scalars=scalars,
        clear=clear,
        openness=text(form, "openness") or None,
        tier=text(form, "tier") or None,
        networker_level=text(form, "networker_level") or None,
        temperament=[t.strip() for t in text(form, "add_temperament").split(",") if t.strip()],
        add_emails=texts(form, "add_email"),
        add_phones=texts(form, "add_phone"),
        add_links=texts(form, "add_link"),
        add_tags=[t.strip() for t in text(form, "add_tags").split(",") if t.strip()],
        remove_tags=texts(form, "remove_tag"),
        add_facets={
            attr: lines(form, f"add_{attr}") for attr in RECORD_FACETS if lines(form, f"add_{attr}")
        },
        remove_facet_ids=[int(v) for v in texts(form, "remove_facet") if v.isdecimal()],
    )


def interaction_input(form: FormData, today: dt.date) -> InteractionInput:
    on = text(form, "on")
    return InteractionInput(
        channel=text(form, "channel"),
        direction=text(form, "direction"),
        occurred_on=parse_date(on, today) if on else today,
        give_kind=text(form, "give") or None,
        minutes=whole_number(text(form, "minutes"), "minutes"),
        note=text(form, "note") or None,
        outcome=text(form, "outcome") or None,
        event=text(form, "event") or None,
        follow_up=text(form, "follow_up") == "on",
    )


def optional_date(form: FormData, name: str, today: dt.date) -> dt.date | None:
    value = text(form, name)
    return parse_date(value, today) if value else None


def debrief_sides(form: FormData) -> dict[str, SideOutcome]:
    """The debrief form: per side `{a,b}_outcome` (1–5, blank = not yet), business,
    referral, notes."""
    sides = {}
    for side in ("a", "b"):
        outcome = whole_number(text(form, f"{side}_outcome"), f"{side.upper()}'s outcome")
        if outcome is not None:
            sides[side] = SideOutcome(
                outcome=outcome,
                business=text(form, f"{side}_business") == "on",
                referral=text(form, f"{side}_referral") == "on",
                notes=text(form, f"{side}_notes") or None,
            )
    return sides


def refinement(form: FormData) -> Refinement:
    """The refinement questions (goal, context, ask, outcome); unanswered ones are None."""
    return Refinement(**{key: text(form, key) or None for key in QUESTIONS})
