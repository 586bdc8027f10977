"""Relationship health: the four requirements of a good connection, and who is going cold.

For one person, each requirement is met, partial, missing, unknown (not enough recorded)
or n/a, with the reason in words:

1. Common ground: interests they share with me (`netweave me set --interest`).
2. Mutual interest: my offers answer their needs and their offers answer mine (both: met,
   one way: partial). Items match when they share a significant word (`textmatch.py`).
3. Regular contact that gives: at least one interaction in each of the last three cadence
   periods, and gives >= asks over those periods. No cadence (dormant): n/a.
4. Occasional face-to-face: an in-person or event contact within `face_days` (182, about
   six months; `--face-to-face-days` or NETWEAVE_FACE_TO_FACE_DAYS changes it).

Plus the 0–100 strength (`strength.py`); no interactions at all is "never scored".

Going cold (the list): people with at least `COLD_MIN_INTERACTIONS` interactions, not
dormant, where contact has lapsed past the cadence, there was no face-to-face within
`face_days`, or asks outnumber gives. Ranked by strength, strongest first (the most to
lose). The list checks the contact-based requirements only, in one SQL query over the
contact summary; `health PERSON` checks all four.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from netweave.db.models import (
    ContactSummary,
    FacetKind,
    Interaction,
    InteractionParticipant,
    Person,
    Tier,
)
from netweave.services.keep_in_touch import cadence_expr, clock_start_expr
from netweave.services.me import get_me
from netweave.services.strength import components, rounded, strength_expr
from netweave.services.textmatch import matching_pairs
from netweave.services.views import effective_cadence

FACE_DAYS = 182
PERIODS = 3
COLD_MIN_INTERACTIONS = 3


@dataclass
class Requirement:
    name: str
    status: str  # met | partial | missing | unknown | n/a
    reason: str


@dataclass
class Health:
    person_id: int
    name: str
    strength: int | None
    components: dict[str, float]
    requirements: list[Requirement]

    @property
    def never_scored(self) -> bool:
        return self.strength is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": {"id": self.person_id, "name": self.name},
            "strength": self.strength,
            "never_scored": self.never_scored,
            "components": {k: round(v, 3) for k, v in self.components.items()},
            "requirements": [r.__dict__ for r in self.requirements],
        }


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _items(person: Person | None, kind: str) -> list[str]:
    return [f.text for f in person.facets if f.kind == kind] if person else []


def common_ground(me: Person | None, person: Person) -> Requirement:
    name = "common ground"
    mine, theirs = _items(me, FacetKind.INTEREST), _items(person, FacetKind.INTEREST)
    if not mine:
        return Requirement(name, "unknown", "record your interests: netweave me set --interest")
    if not theirs:
        return Requirement(name, "unknown", f"no interests recorded for {person.full_name}")
    shared = sorted({b for _a, b in matching_pairs(mine, theirs)})
    if shared:
        return Requirement(name, "met", f"you share: {', '.join(shared)}")
    return Requirement(name, "missing", f"no shared interests (theirs: {', '.join(theirs)})")


def mutual_interest(me: Person | None, person: Person) -> Requirement:
    name = "mutual interest"
    for_them = matching_pairs(_items(me, FacetKind.OFFER), _items(person, FacetKind.NEED))
    for_me = matching_pairs(_items(person, FacetKind.OFFER), _items(me, FacetKind.NEED))
    parts = []
    if for_them:
        parts.append(f"your {for_them[0][0]!r} answers their need {for_them[0][1]!r}")
    if for_me:
        parts.append(f"their {for_me[0][0]!r} answers your need {for_me[0][1]!r}")
    if for_them and for_me:
        return Requirement(name, "met", "; ".join(parts))
    if parts:
        return Requirement(name, "partial", "; ".join(parts) + "; nothing yet the other way")
    recorded = all(
        (_items(me, FacetKind.OFFER) or _items(me, FacetKind.NEED), _items(person, FacetKind.NEED))
    )
    if not recorded:
        return Requirement(name, "unknown", "record needs and offers (yours and theirs) to see")
    return Requirement(name, "missing", "no offer on either side answers a need of the other")


def regular_giving(session: Session, person: Person, today: dt.date) -> Requirement:
    name = "regular contact that gives"
    cadence = effective_cadence(person)
    if not cadence:
        return Requirement(name, "n/a", f"tier {person.tier}: no cadence to keep")
    start = today - dt.timedelta(days=cadence * PERIODS - 1)
    windows = [
        func.sum(
            case(
                (
                    Interaction.occurred_on.between(
                        today - dt.timedelta(days=cadence * (k + 1) - 1),
                        today - dt.timedelta(days=cadence * k),
                    ),
                    1,
                ),
                else_=0,
            )
        )
        for k in range(PERIODS)
    ]
    recent = Interaction.occurred_on.between(start, today)
    gives = func.sum(case((recent & (Interaction.direction == "give"), 1), else_=0))
    asks = func.sum(case((recent & (Interaction.direction == "ask"), 1), else_=0))
    row = session.execute(
        select(*windows, gives, asks)
        .select_from(Interaction)
        .join(InteractionParticipant, InteractionParticipant.interaction_id == Interaction.id)
        # No date term in WHERE: see ledger._flag (the planner must start from the person).
        .where(InteractionParticipant.person_id == person.id)
    ).one()
    counts = [int(c or 0) for c in row[:PERIODS]]
    n_gives, n_asks = int(row[PERIODS] or 0), int(row[PERIODS + 1] or 0)
    kept = sum(1 for c in counts if c)
    span = f"the last {PERIODS} periods of {cadence} days"
    balance = (
        f"{n_gives} give{'s' if n_gives != 1 else ''}, {n_asks} ask{'s' if n_asks != 1 else ''}"
    )
    if kept == PERIODS and n_gives >= n_asks:
        return Requirement(name, "met", f"contact in each of {span}; {balance}")
    problems = []
    if kept < PERIODS:
        problems.append(f"contact in {kept} of {span}")
    if n_gives < n_asks:
        problems.append(f"more asks than gives ({balance})")
    else:
        problems.append(balance)
    return Requirement(name, "partial" if kept else "missing", "; ".join(problems))


def face_to_face(last_face: dt.date | None, today: dt.date, face_days: int) -> Requirement:
    name = "occasional face-to-face"
    if last_face is None:
        return Requirement(name, "missing", "never met in person (or at an event) on record")
    ago = (today - last_face).days
    if ago <= face_days:
        return Requirement(name, "met", f"last met in person {last_face} ({ago} days ago)")
    return Requirement(
        name, "missing", f"last met in person {last_face}, {ago} days ago (over {face_days})"
    )


def health(session: Session, person: Person, today: dt.date, face_days: int = FACE_DAYS) -> Health:
    """The four requirements and the strength of my relationship with `person`."""
    parts = components(today)
    row = session.execute(
        select(strength_expr(today), *parts.values(), ContactSummary.last_face_day).where(
            ContactSummary.person_id == person.id
        )
    ).first()
    me = get_me(session)
    last_face = dt.date.fromordinal(row[-1]) if row is not None and row[-1] else None
    requirements = [
        common_ground(me, person),
        mutual_interest(me, person),
        regular_giving(session, person, today),
        face_to_face(last_face, today, face_days),
    ]
    if row is None:
        return Health(person.id, person.full_name, None, {}, requirements)
    values = {name: float(v) for name, v in zip(parts, row[1:-1], strict=True)}
    return Health(person.id, person.full_name, rounded(row[0]), values, requirements)


@dataclass
class ColdItem:
    person_id: int
    name: str
    strength: int | None
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "person": {"id": self.person_id, "name": self.name},
            "strength": self.strength,
            "reasons": self.reasons,
        }


def going_cold_condition(today: dt.date, face_days: int = FACE_DAYS) -> ColumnElement[bool]:
    """The going-cold rule as a WHERE term over `Person` joined to `ContactSummary`."""
    t = today.toordinal()
    cadence = cadence_expr()
    since = literal(t) - clock_start_expr()
    lapsed = cadence.is_not(None) & (since >= cadence)
    no_face = ContactSummary.last_face_day.is_(None) | (
        ContactSummary.last_face_day < t - face_days
    )
    taking = ContactSummary.asks > ContactSummary.gives
    return and_(
        ContactSummary.interactions >= COLD_MIN_INTERACTIONS,
        Person.tier != Tier.DORMANT,
        or_(lapsed, no_face, taking),
    )


def going_cold(
    session: Session, today: dt.date, limit: int = 20, face_days: int = FACE_DAYS
) -> tuple[list[ColdItem], int]:
    """Relationships losing their requirements, strongest first; and how many in all."""
    t = today.toordinal()
    cadence = cadence_expr()
    since = literal(t) - clock_start_expr()
    strength = strength_expr(today)
    query = (
        select(
            Person.id,
            Person.full_name,
            strength,
            cadence,
            since,
            ContactSummary.last_face_day,
            ContactSummary.gives,
            ContactSummary.asks,
        )
        .join(ContactSummary, ContactSummary.person_id == Person.id)
        .where(going_cold_condition(today, face_days))
    )
    me = get_me(session)
    if me is not None:
        query = query.where(Person.id != me.id)
    rows = session.execute(
        query.add_columns(func.count().over()).order_by(strength.desc(), Person.id).limit(limit)
    ).all()
    total = rows[0][-1] if rows else 0
    items = []
    for pid, name, score, cad, days, face_day, gives, asks, _total in rows:
        reasons = []
        if cad is not None and days >= cad:
            reasons.append(f"no contact for {days} days (keep in touch every {cad})")
        if face_day is None:
            reasons.append("never met face-to-face")
        elif t - face_day > face_days:
            reasons.append(f"no face-to-face for {t - face_day} days")
        if asks > gives:
            reasons.append(f"you asked {asks} times and gave {gives}")
        items.append(ColdItem(pid, name, rounded(score), reasons))
    return items, int(total)


def face_to_face_candidates(
    session: Session, today: dt.date, limit: int = 3, face_days: int = FACE_DAYS
) -> list[ColdItem]:
    """Strongest relationships with no face-to-face within `face_days`: whom to meet next."""
    t = today.toordinal()
    strength = strength_expr(today)
    query = (
        select(Person.id, Person.full_name, strength, ContactSummary.last_face_day)
        .join(ContactSummary, ContactSummary.person_id == Person.id)
        .where(
            Person.tier != Tier.DORMANT,
            ContactSummary.last_face_day.is_(None) | (ContactSummary.last_face_day < t - face_days),
        )
    )
    me = get_me(session)
    if me is not None:
        query = query.where(Person.id != me.id)
    items = []
    for pid, name, score, face_day in session.execute(
        query.order_by(strength.desc(), Person.id).limit(limit)
    ):
        reason = (
            "never met face-to-face"
            if face_day is None
            else (f"last face-to-face {t - face_day} days ago")
        )
        items.append(ColdItem(pid, name, rounded(score), [reason]))
    return items
