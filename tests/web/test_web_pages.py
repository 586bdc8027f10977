"""Pages without JavaScript: dashboard, edit in place, logging, adding, removing, hooks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def test_dashboard_shows_due_cold_and_goal_charts(
    client: TestClient, seeded: dict[str, int]
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    text = page.text
    assert "This week" in text and "2026-11-23" in text
    assert "Follow-ups due" in text and "Sam Ode" in text
    assert "Keep in touch" in text and "Going cold" in text and "Dana Reyes" in text
    assert 'class="bars"' in text and "face-to-face" in text  # the default goal's chart
    assert "(log it with --follow-up)" not in text


def test_edit_in_place_without_javascript(client: TestClient, seeded: dict[str, int]) -> None:
    dana = seeded["dana"]
    token = csrf_of(client)
    detail = client.get(f"/api/people/{dana}").json()
    form = {
        "csrf_token": token,
        "full_name": "Dana Reyes-Ortiz",
        "organisation": "Reyes Law",
        "title": "Partner",
        "location": "",
        "notes": "",
        "how_keep_up": "lunch every quarter",
        "tier": "active",
        "openness": "ask_first",
        "networker_level": "3",
        "add_tags": "Family Law, mentor",
        "remove_tag": "lawyer",
        "add_interests": "cycling\nfajitas",
        "remove_facet": str(detail["facets"]["needs"][0]["id"]),
        "cadence_days": "21",
    }
    done = client.post(f"/people/{dana}/edit", data=form)
    assert done.status_code == 200 and "Saved." in done.text
    after = client.get(f"/api/people/{dana}").json()
    assert after["name"] == "Dana Reyes-Ortiz" and after["title"] == "Partner"
    assert after["notes"] is None, "an emptied field is cleared"
    assert after["tags"] == ["family law", "mentor"]
    assert [f["text"] for f in after["facets"]["interests"]] == ["cycling", "fajitas"]
    assert after["facets"]["needs"] == []
    assert after["four_questions"]["how_keep_up"] == "lunch every quarter"
    assert (after["tier"], after["openness"], after["networker_level"]) == (
        "active",
        "ask_first",
        "active",
    )
    assert after["cadence_days"] == 21
    bad = client.post(f"/people/{dana}/edit", data={"csrf_token": token, "met_on": "someday"})
    assert bad.status_code == 400 and "cannot read the date" in bad.text


def test_log_interaction_form_updates_timeline_and_ledger(
    client: TestClient, seeded: dict[str, int]
) -> None:
    lee = seeded["lee"]
    token = csrf_of(client)
    form = {
        "csrf_token": token,
        "channel": "in-person",
        "direction": "ask",
        "give": "",
        "on": "2026-11-20",
        "minutes": "45",
        "note": "asked about <b>tax</b> season",
        "event": "",
    }
    page = client.post(f"/people/{lee}/interactions", data=form)
    assert page.status_code == 200
    assert "Logged a ask by in-person on 2026-11-20." in page.text
    assert "give 3 more before asking" in page.text  # the jab warning as a flash
    assert "2026-11-20" in page.text and "asked about &lt;b&gt;tax&lt;/b&gt; season" in page.text
    ledger = client.get(f"/api/people/{lee}/ledger").json()
    assert ledger["totals"]["asks"] == 1 and ledger["totals"]["minutes"] == 45
    wrong = client.post(f"/people/{lee}/interactions", data={**form, "minutes": "lots"})
    assert wrong.status_code == 400 and "whole number" in wrong.text


def test_add_and_remove_a_person(client: TestClient) -> None:
    token = csrf_of(client)
    added = client.post(
        "/people", data={"csrf_token": token, "full_name": "Kim Park", "email": "kim@park.io"}
    )
    assert added.status_code == 200 and "Added Kim Park." in added.text
    pid = int(str(added.url).rsplit("/", 1)[-1])
    gone = client.post(f"/people/{pid}/delete", data={"csrf_token": token})
    assert "Removed Kim Park." in gone.text
    assert client.get(f"/people/{pid}").status_code == 404


def test_network_page(client: TestClient, seeded: dict[str, int]) -> None:
    page = client.get("/network", params={"around": seeded["dana"], "depth": 2})
    assert page.status_code == 200 and "around Dana Reyes" in page.text
    assert "/api/network?limit=300&amp;around=" in page.text and "/static/network.js" in page.text
    assert client.get("/network", params={"around": 999}).status_code == 404


def test_calendar_feed_hook(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from netweave.web.pages import session

    monkeypatch.setattr(session, "optional_function", lambda module, name: None)
    assert client.get("/calendar.ics").status_code == 404

    def feed(s: Any, today: dt.date) -> bytes:
        return f"BEGIN:VCALENDAR\r\nX-TODAY:{today}\r\nEND:VCALENDAR\r\n".encode()

    monkeypatch.setattr(session, "optional_function", lambda module, name: feed)
    served = client.get("/calendar.ics")
    assert served.headers["content-type"].startswith("text/calendar")
    assert "X-TODAY:2026-11-23" in served.text


def test_extension_points(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, seeded: dict[str, int]
) -> None:
    from netweave.web import extensions, graph
    from netweave.web.pages import dashboard, suggestions

    monkeypatch.setattr(dashboard, "optional_module", lambda name: None)
    assert "Top suggestions" not in client.get("/").text
    top = [
        {
            "a": {"id": 1, "name": "Dana Reyes"},
            "b": {"id": 2, "name": "Lee Chen"},
            "score": 0.8,
            "reasons": ["tax meets law"],
        }
    ]
    monkeypatch.setattr(dashboard, "optional_module", lambda name: object())
    monkeypatch.setattr(dashboard, "optional_function", lambda module, name: lambda s, t, n: top)
    board = client.get("/").text
    assert "Top suggestions" in board and 'data-fragment="/suggestions/top"' in board
    monkeypatch.setattr(suggestions, "optional_function", lambda module, name: lambda s, t, n: top)
    assert "tax meets law" in client.get("/suggestions/top").text
    monkeypatch.setattr(suggestions, "optional_function", lambda module, name: None)
    assert client.get("/suggestions/top").status_code == 404

    monkeypatch.setattr(
        graph, "optional_function", lambda module, name: lambda s, t, ids: [(ids[0], ids[1])]
    )
    links = client.get("/api/network").json()["links"]
    assert links[-1]["suggested"] is True

    from starlette.routing import Route

    routes = [Route("/introductions", lambda r: None)]
    monkeypatch.setattr(extensions, "optional_module", lambda name: object())
    assert ("Introductions", "/introductions") in extensions.nav_entries(routes)  # type: ignore[arg-type]
    assert ("Suggestions", "/suggestions") not in extensions.nav_entries(routes)  # type: ignore[arg-type]
