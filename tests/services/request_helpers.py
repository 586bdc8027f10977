"""A small network the engine can pair: complementary needs and offers, shared interests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from netweave.db.models import Person
from netweave.importers.records import Labelled, PersonRecord
from netweave.services.people import add_person


def engine_network(session: Session) -> dict[str, Person]:
    def add(name: str, **fields: object) -> Person:
        return add_person(session, PersonRecord(full_name=name, networker_level=3, **fields))  # type: ignore[arg-type]

    return {
        "dana": add(
            "Dana Reyes", title="Family-law attorney", emails=[Labelled("dana@reyes.law")],
            needs=["referrals from CPAs", "an accountant for divorcing clients' taxes"],
            offers=["family-law advice", "divorce mediation"],
            referral_sources=["CPAs", "therapists"], interests=["cycling"],
        ),
        "lee": add(
            "Lee Chen", title="CPA",
            needs=["family-law advice for clients going through divorce"],
            offers=["tax filing for divorcing couples", "accounting"],
            referral_sources=["divorce attorneys", "therapists"], interests=["cycling"],
        ),
        "tia": add(
            "Tia Torres", title="Therapist",
            needs=["a family-law attorney for clients who separate"],
            offers=["counselling for divorcing couples"],
            referral_sources=["family-law attorneys", "CPAs"], interests=["cycling"],
        ),
        "sam": add("Sam Ortiz", title="Plumber", offers=["emergency plumbing"],
                   needs=["new homeowners"]),
    }  # fmt: skip
