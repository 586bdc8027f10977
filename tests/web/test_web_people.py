"""The minimal web app through FastAPI's test client on a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netweave.importers.records import Labelled, PersonRecord
from netweave.services import people
from netweave.settings import Settings
from netweave.web.app import create_app


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(db=str(db_path), secret_key="test-secret")


@pytest.fixture
def client(settings: Settings) -> TestClient:
    app = create_app(settings)
    with app.state.store.write() as s:
        people.add_person(
            s,
            PersonRecord(
                full_name="Dana Reyes",
                emails=[Labelled("dana@reyeslaw.com")],
                organisation="Reyes Law",
                offers=["family-law advice"],
                notes="<script>alert('x')</script>",
            ),
        )
        people.add_person(s, PersonRecord(full_name="Lee Chen", offers=["tax filing"]))
    return TestClient(app)


def test_people_page_lists_and_searches(client: TestClient) -> None:
    page = client.get("/people")
    assert page.status_code == 200
    assert "Dana Reyes" in page.text and "Lee Chen" in page.text
    found = client.get("/people", params={"q": "family law"})
    assert "Dana Reyes" in found.text and "Lee Chen" not in found.text


def test_search_as_you_type_returns_only_the_rows(client: TestClient) -> None:
    partial = client.get("/people", params={"q": "tax"}, headers={"X-Requested-With": "fetch"})
    assert "Lee Chen" in partial.text and "<html" not in partial.text


def test_person_page_escapes_notes(client: TestClient) -> None:
    page = client.get("/people/1")
    assert page.status_code == 200
    assert "family-law advice" in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert client.get("/people/999").status_code == 404


def test_api_lists_searches_and_shows(client: TestClient) -> None:
    listing = client.get("/api/people").json()
    assert listing["total"] == 2
    assert listing["people"][0]["name"] == "Dana Reyes"
    assert client.get("/api/people", params={"q": "tax"}).json()["people"][0]["name"] == "Lee Chen"
    assert client.get("/api/people/1").json()["emails"] == ["dana@reyeslaw.com"]
    assert client.get("/api/people/999").status_code == 404
    assert client.get("/api/people", params={"limit": 0}).status_code == 422
    assert "/api/people" in client.get("/openapi.json").json()["paths"]


def test_password_gate_when_configured(db_path: Path) -> None:
    app = create_app(Settings(db=str(db_path), password="s3cret", secret_key="k"))
    client = TestClient(app)
    assert client.get("/api/people").status_code == 401
    assert client.get("/people", follow_redirects=False).headers["location"] == "/login"
    assert client.post("/login", data={"password": "wrong"}).status_code == 401
    client.post("/login", data={"password": "s3cret"})
    assert client.get("/api/people").status_code == 200
    cookie = client.cookies.jar
    assert any(c.name == "netweave_session" for c in cookie)
    bearer = TestClient(app).get("/api/people", headers={"Authorization": "Bearer s3cret"})
    assert bearer.status_code == 200


def test_serve_refuses_non_loopback_without_password(cli: object) -> None:
    from tests.conftest import Cli

    assert isinstance(cli, Cli)
    output = cli.fails("serve", "--host", "0.0.0.0", code=1)
    assert "refusing to listen on 0.0.0.0 without a password" in output
