"""Web fixtures: an app per test on its own temporary database, a client, a small network."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from netweave.importers.records import Labelled, PersonRecord
from netweave.services import interactions, people
from netweave.settings import Settings
from netweave.web.app import create_app

TODAY = dt.date(2026, 11, 23)
BASE = "http://127.0.0.1:8765"


@pytest.fixture
def settings(db_path: Path) -> Settings:
    # the routing index is cached under the data dir: the test's own folder, not ~/.local
    return Settings(db=str(db_path), data_dir=db_path.parent, secret_key="test-secret", today=TODAY)


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=BASE)


def csrf_of(client: TestClient, path: str = "/people") -> str:
    """The CSRF token of this client's session, read from a page like a browser would."""
    page = client.get(path)
    found = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def log(app: FastAPI, pid: int, days_ago: int, **kwargs: object) -> None:
    entry = interactions.InteractionInput(
        channel=str(kwargs.pop("channel", "call")),
        direction=str(kwargs.pop("direction", "give")),
        occurred_on=TODAY - dt.timedelta(days=days_ago),
        **kwargs,  # type: ignore[arg-type]
    )
    with app.state.store.write() as s:
        interactions.record_interaction(s, [str(pid)], entry)


@pytest.fixture
def seeded(app: FastAPI) -> dict[str, int]:
    """Dana (inner circle, going cold), Lee (never scored), Sam (introduced, follow-up due)."""
    with app.state.store.write() as s:
        dana = people.add_person(
            s,
            PersonRecord(
                full_name="Dana Reyes",
                emails=[Labelled("dana@reyeslaw.com")],
                organisation="Reyes Law",
                offers=["family-law advice"],
                needs=["CPA referrals"],
                tags=["lawyer"],
                tier="inner",
                notes="<script>alert('x')</script>",
            ),
        ).id
        lee = people.add_person(
            s, PersonRecord(full_name="Lee Chen", offers=["tax filing"], tags=["accountant"])
        ).id
        sam = people.add_person(s, PersonRecord(full_name="Sam Ode", needs=["a good lawyer"])).id
    for days in (90, 60, 45):
        log(app, dana, days, channel="in-person" if days == 90 else "call")
    log(app, sam, 20, give_kind="introduction", note="introduced Sam to a lawyer")
    return {"dana": dana, "lee": lee, "sam": sam}


SCRIPT_NAME = "Lee <script>alert('x')</script> Chen"


@pytest.fixture
def pair(app: FastAPI) -> dict[str, int]:
    """Two people the engine pairs first (a family-law attorney and a CPA), and a plumber.

    The CPA's name carries a script tag: every page must show it as text.
    """
    with app.state.store.write() as s:
        dana = people.add_person(
            s,
            PersonRecord(
                full_name="Dana Reyes",
                title="Family-law attorney",
                networker_level=3,
                emails=[Labelled("dana@reyes.law")],
                needs=["referrals from CPAs"],
                offers=["family-law advice"],
                referral_sources=["CPAs"],
            ),
        ).id
        lee = people.add_person(
            s,
            PersonRecord(
                full_name=SCRIPT_NAME,
                title="CPA",
                networker_level=3,
                emails=[Labelled("lee@chen.tax")],
                needs=["family-law advice for clients"],
                offers=["tax filing for divorcing couples"],
                referral_sources=["divorce attorneys"],
            ),
        ).id
        sam = people.add_person(
            s,
            PersonRecord(full_name="Sam Ortiz", title="Plumber", offers=["emergency plumbing"]),
        ).id
    return {"dana": dana, "lee": lee, "sam": sam}
