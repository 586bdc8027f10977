"""Drafts of the introduction workflow and the personalised connection request.

Each builds a template context from the database (people, their links, the stored
reasons, my profile) and renders it with `messages.drafts`; templates in `user_dir`
override the packaged ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from netweave.db.models import FacetKind, LinkKind, Person
from netweave.db.models_intro import Introduction
from netweave.errors import NetweaveError
from netweave.messages.drafts import Draft, render
from netweave.services.intro_stages import Stage
from netweave.services.introductions import load_introduction
from netweave.services.me import get_me
from netweave.services.people import load_person
from netweave.services.textmatch import shared_words


def person_context(person: Person | None) -> dict[str, Any]:
    """What a template may say about someone: names, role, email and links by kind."""
    if person is None:
        return {"name": "", "first_name": "", "role": "", "email": None, "website": None,
                "linkedin": None, "samples": [], "links": []}  # fmt: skip
    org = person.organisation.name if person.organisation else None
    website = next((lk.url for lk in person.links if lk.kind == LinkKind.WEBSITE), None)
    return {
        "name": person.full_name,
        "first_name": person.given_name or person.full_name.split(" ")[0],
        "title": person.title,
        "organisation": org,
        "role": " at ".join(x for x in (person.title, org) if x),
        "email": person.emails[0].address if person.emails else None,
        "website": website or (person.organisation.website if person.organisation else None),
        "linkedin": next((lk.url for lk in person.links if lk.kind == LinkKind.LINKEDIN), None),
        "samples": [lk.url for lk in person.links if lk.kind == LinkKind.SAMPLE],
        "links": [{"kind": lk.kind, "url": lk.url} for lk in person.links],
    }


def _to(person: Person) -> list[str]:
    return [person.emails[0].address] if person.emails else []


def sender(session: Session) -> str | None:
    """My first email, for the From line of `.eml` drafts."""
    me = get_me(session)
    return me.emails[0].address if me is not None and me.emails else None


def _sides(session: Session, intro: Introduction) -> tuple[Person, Person]:
    return load_person(session, intro.a_id), load_person(session, intro.b_id)


def optin_ask(session: Session, intro_id: int, user_dir: Path | None = None) -> Draft:
    """The opt-in ask to the side being (or about to be) asked."""
    intro = load_introduction(session, intro_id)
    a, b = _sides(session, intro)
    ask_b = intro.stage in (Stage.A_AGREED, Stage.ASKED_B, Stage.B_AGREED)
    asked, other, gains = (b, a, intro.reasons_b) if ask_b else (a, b, intro.reasons_a)
    context = {
        "me": person_context(get_me(session)),
        "me_to": person_context(asked),
        "other": person_context(other),
        "gains": list(gains),
        "why": intro.why or "",
    }
    return render("optin_ask", context, _to(asked), user_dir)


def nudge(session: Session, intro_id: int, user_dir: Path | None = None) -> Draft:
    """The one reminder to the side that has not answered."""
    intro = load_introduction(session, intro_id)
    if intro.stage not in (Stage.ASKED_A, Stage.ASKED_B):
        raise NetweaveError(f"introduction #{intro.id} is {intro.stage}: nobody to nudge")
    a, b = _sides(session, intro)
    asked, other = (b, a) if intro.stage == Stage.ASKED_B else (a, b)
    context = {
        "me": person_context(get_me(session)),
        "me_to": person_context(asked),
        "other": person_context(other),
        "asked_on": intro.asked_on.isoformat() if intro.asked_on else None,
    }
    return render("nudge", context, _to(asked), user_dir)


def introduction(session: Session, intro_id: int, user_dir: Path | None = None) -> Draft:
    """The introduction to both, with each side's links and the reasons to talk."""
    intro = load_introduction(session, intro_id)
    a, b = _sides(session, intro)
    reasons = list(dict.fromkeys([*intro.reasons_a, *intro.reasons_b]))
    context = {
        "me": person_context(get_me(session)),
        "a": person_context(a),
        "b": person_context(b),
        "reasons": reasons,
        "why": intro.why or "",
    }
    return render("introduction", context, _to(a) + _to(b), user_dir)


def follow_ups(session: Session, intro_id: int, user_dir: Path | None = None) -> list[Draft]:
    """The check-in to each side: how did it go?"""
    intro = load_introduction(session, intro_id)
    a, b = _sides(session, intro)
    drafts = []
    for me_to, other in ((a, b), (b, a)):
        context = {
            "me": person_context(get_me(session)),
            "me_to": person_context(me_to),
            "other": person_context(other),
            "met_on": intro.met_on.isoformat() if intro.met_on else None,
            "introduced_on": intro.introduced_on.isoformat() if intro.introduced_on else None,
        }
        drafts.append(render("follow_up", context, _to(me_to), user_dir))
    return drafts


def _facets(person: Person | None, kind: str) -> list[str]:
    return [f.text for f in person.facets if f.kind == kind] if person else []


def common_ground(me: Person | None, them: Person) -> list[str]:
    """Their interests that I share: the same item, or one sharing a significant word."""
    mine = _facets(me, FacetKind.INTEREST)
    folded = {m.casefold() for m in mine}
    return [
        theirs
        for theirs in _facets(them, FacetKind.INTEREST)
        if theirs.casefold() in folded or any(shared_words(theirs, m) for m in mine)
    ]


def connection_request(session: Session, person: Person, user_dir: Path | None = None) -> Draft:
    """A connection request that names common ground instead of the canned line."""
    me = get_me(session)
    if me is not None and me.id == person.id:
        raise NetweaveError("that is you: name someone to connect with")
    needs = _facets(person, FacetKind.NEED)
    context = {
        "me": person_context(me),
        "them": person_context(person),
        "where_met": person.where_met,
        "common": common_ground(me, person),
        "their_need": needs[0] if needs else None,
    }
    return render("connection_request", context, _to(person), user_dir)
