"""Gatherings, get-to-know meetings and sharing (#10), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from netweave.db.models import Acquaintance, Interaction
from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.importers.records import Labelled, PersonRecord
from netweave.services import gatherings, goals, sharing
from netweave.services.keep_in_touch import due
from netweave.services.people import add_person
from netweave.services.suggestions import build_engine
from netweave.services.week import week_plan

TODAY = dt.date(2026, 11, 23)

PEOPLE = [
    ("Dana Reyes", "Family-law attorney", ["referrals from accountants"], ["family-law advice"],
     ["cycling"], ["hard charger"]),
    ("Lee Chen", "Certified public accountant", ["clients going through a divorce"],
     ["tax planning for divorcing couples"], ["cycling"], ["takes criticism poorly"]),
    ("Ana Silva", "Financial advisor", ["clients going through a divorce"],
     ["retirement planning after divorce"], ["jazz"], ["hard charger"]),
    ("Sam Okafor", "Divorce mediator", ["referrals from financial advisors"],
     ["divorce mediation"], ["jazz"], []),
    ("Mia Novak", "Residential real-estate agent", ["divorcing home sellers"],
     ["home valuations"], ["hiking"], []),
    ("Ravi Shah", "Psychotherapist", ["referrals from family-law attorneys"],
     ["counselling for couples"], ["hiking"], []),
]  # fmt: skip


def _people(store: Store) -> dict[str, int]:
    ids = {}
    with store.write() as session:
        for name, title, needs, offers, interests, temperament in PEOPLE:
            first = name.split()[0].lower()
            person = add_person(
                session,
                PersonRecord(
                    full_name=name,
                    title=title,
                    emails=[Labelled(f"{first}@example.com")],
                    needs=needs,
                    offers=offers,
                    interests=interests,
                    temperament=temperament,
                    met_on=TODAY - dt.timedelta(days=400),
                ),
            )
            ids[name] = person.id
    return ids


def test_plan_invite_and_hold_a_gathering(store: Store) -> None:
    ids = _people(store)
    with store.write() as session:
        planned = gatherings.plan(
            session, gatherings.PlanRequest(4, around="Dana Reyes", on=TODAY), TODAY
        )
        view = gatherings.gathering_view(session, planned)
    guests = [g["name"] for g in view["guests"]]
    assert len(guests) == 4 and "Dana Reyes" in guests
    # Dana is a hard charger: no other hard charger, nobody who takes criticism poorly.
    assert "Ana Silva" not in guests and "Lee Chen" not in guests
    assert all(g["reasons"] for g in view["guests"])
    assert view["pairs"] and view["pairs"][0]["reasons_a"]
    with store.read() as session:
        drafts = gatherings.invitations(session, view["id"])
    assert len(drafts) == 4 and all("Around the table" in d.body for d in drafts)
    came = [g for g in guests if g != "Mia Novak"][:3]
    with store.write() as session:
        held = gatherings.held(session, view["id"], came, TODAY)
        interaction = session.get(Interaction, held.interaction_id)
        assert interaction is not None and interaction.channel == "in-person"
        assert len(interaction.participants) == 3
        edges = session.scalar(select(Acquaintance).limit(1))
        assert edges is not None  # they are recorded as knowing each other
        face = goals.count_face_to_face(session, TODAY, TODAY)
        assert face == {TODAY: 1}  # one outing, however many came
        with pytest.raises(NetweaveError, match="already"):
            gatherings.held(session, view["id"], None, TODAY)
    with store.read() as session:
        report = due(session, TODAY + dt.timedelta(days=3), 50)
        kinds = [i.kind for i in report.items if i.person_id in {ids[n] for n in came}]
        assert kinds.count("gathering-follow-up") == 3


def test_share_ranks_by_expertise_and_logs_a_give(store: Store) -> None:
    ids = _people(store)
    with store.write() as session:
        fits = sharing.rank(session, "New rules on tax planning for divorcing couples", 3)
        assert fits[0].person_id == ids["Lee Chen"]
        assert "tax planning" in fits[0].reasons()[0]
        done = sharing.share(
            session, "Tax planning guide", "https://example.com/t", ["Lee Chen"], TODAY
        )
        assert "I thought you might find this of interest" in done[0].draft.body
        logged = session.get(Interaction, done[0].interaction_id)
        assert logged is not None and (logged.direction, logged.give_kind) == ("give", "content")


def test_week_plan_proposes_getting_to_know_new_connections(store: Store) -> None:
    _people(store)
    with store.write() as session:
        add_person(
            session,
            PersonRecord(
                full_name="Nora Quinn",
                title="Bookkeeper",
                where_met="BNI breakfast",
                met_on=TODAY - dt.timedelta(days=3),
                needs=["divorce mediation"],
                objectives=["open a second office"],
            ),
        )
    with store.write() as session:
        assert week_plan(session, TODAY).get_to_know[0].helpers == []  # cold: no waiting
        build_engine(session, TODAY)  # `netweave suggest` or the web app warms it
    with store.read() as session:
        plan = week_plan(session, TODAY)
    assert [g.name for g in plan.get_to_know] == ["Nora Quinn"]
    item = plan.get_to_know[0]
    assert item.meeting == "coffee"
    assert any("second office" in q for q in item.questions)
    assert item.help[0] == "they need divorce mediation"
    assert [h.name for h in item.helpers][:1] == ["Sam Okafor"]
    assert plan.as_dict()["get_to_know"][0]["person"]["name"] == "Nora Quinn"
