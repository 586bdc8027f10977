"""What to give someone before asking: content about their interests, people to meet.

`people_to_introduce` and `introductions_to_make` are placeholders until the matching
engine (`netweave.engine`) is wired in: they use the full-text index and word overlap, and
every result says so in `SOURCE`. Replace their bodies; keep the signatures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from netweave.db.models import FacetKind, Person
from netweave.services.me import me_id
from netweave.services.people import search_people
from netweave.services.textmatch import shared_words, significant_words

SOURCE = "full-text search (placeholder until the matching engine is connected)"


@dataclass
class IntroIdea:
    person_id: int
    name: str
    offer: str
    need: str


@dataclass
class GiveIdeas:
    content: list[str] = field(default_factory=list)
    introductions: list[IntroIdea] = field(default_factory=list)
    introductions_source: str = SOURCE


def _items(person: Person, kind: str) -> list[str]:
    return [f.text for f in person.facets if f.kind == kind]


def content_ideas(person: Person) -> list[str]:
    """Content to share, from their interests and objectives."""
    ideas = [f"share something about {i}" for i in _items(person, FacetKind.INTEREST)]
    ideas += [f"send a resource that helps with: {o}" for o in _items(person, FacetKind.OBJECTIVE)]
    return ideas


def people_to_introduce(session: Session, person: Person, limit: int = 3) -> list[IntroIdea]:
    """People whose offers share a word with one of `person`'s needs (placeholder)."""
    skip = {person.id, me_id(session)}
    found: dict[int, IntroIdea] = {}
    for need in _items(person, FacetKind.NEED):
        for word in sorted(significant_words(need)):
            for candidate in search_people(session, word, 20):
                if candidate.id in skip or candidate.id in found:
                    continue
                offer = next(
                    (o for o in _items(candidate, FacetKind.OFFER) if shared_words(o, need)), None
                )
                if offer is not None:
                    found[candidate.id] = IntroIdea(candidate.id, candidate.full_name, offer, need)
                if len(found) >= limit:
                    return list(found.values())
    return list(found.values())


def give_ideas(session: Session, person: Person, limit: int = 3) -> GiveIdeas:
    return GiveIdeas(content_ideas(person)[:limit], people_to_introduce(session, person, limit))


def introductions_to_make(session: Session, today: dt.date, limit: int = 5) -> list[IntroIdea]:
    """Proactive introductions for the week: empty until the matching engine fills it."""
    return []
