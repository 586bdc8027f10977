"""The events pages without JavaScript: add, upload attendees, whom to meet, follow up."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.services.request_helpers import engine_network
from tests.web.conftest import TODAY, csrf_of, log

CSV = b"Name,Email\nOra Ode,ora@ode.example\nBad Row,not an email\nLee Chen,\n"


@pytest.fixture
def net(app: FastAPI) -> dict[str, int]:
    with app.state.store.write() as s:
        return {key: p.id for key, p in engine_network(s).items()}


def add_event(client: TestClient, name: str = "Summit", on: dt.date = TODAY) -> str:
    form = {"csrf_token": csrf_of(client, "/events"), "name": name, "on": on.isoformat()}
    done = client.post("/events", data={**form, "place": "Austin"}, follow_redirects=False)
    assert done.status_code == 303, done.text[:400]
    return done.headers["location"]


def upload(client: TestClient, where: str, pasted: str, csv: bytes | None = None) -> str:
    token = csrf_of(client, where)
    files = {"file": ("attendees.csv", csv, "text/csv")} if csv else None
    done = client.post(
        f"{where}/attendees", data={"csrf_token": token, "attendees": pasted}, files=files
    )
    assert done.status_code == 200, done.text[:400]
    return done.text


def test_upload_reports_a_bad_line_and_keeps_the_rest(
    client: TestClient, net: dict[str, int]
) -> None:
    where = add_event(client)
    assert "Austin" in client.get("/events").text
    pasted = "Tia Torres\nNia New <nia@new.example>\nBob <not-an-email>\n\ndana@reyes.law"
    page = upload(client, where, pasted, CSV)
    totals = re.findall(r"<td>(\d+)</td>", page.split('id="upload-totals"', 1)[1])[:5]
    # on the list: Ora, Lee, Tia, Nia, Dana; new: Ora, Nia; matched: Lee, Tia, Dana
    assert totals == ["5", "5", "2", "3", "2"]
    rejected = page.split('id="upload-rejected"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<td>([^<]+)</td><td class="num">(\d+)</td><td>([^<]+)</td>', rejected)
    assert [(source, line) for source, line, _ in rows] == [
        ("attendees.csv", "3"),
        ("pasted list", "3"),
    ]
    assert "not-an-email" in rows[1][2]
    attendees = page.split('id="attendee-list"', 1)[1].split("</ul>", 1)[0]
    for name in ("Ora Ode", "Lee Chen", "Tia Torres", "Nia New", "Dana Reyes"):
        assert name in attendees
    again = upload(client, where, "Nia New <nia@new.example>")
    assert "0 added to the attendee list (5 attendees)" in again, "merged, not duplicated"


def test_upload_without_anything_is_a_message(client: TestClient, net: dict[str, int]) -> None:
    where = add_event(client)
    token = csrf_of(client, where)
    done = client.post(f"{where}/attendees", data={"csrf_token": token, "attendees": " "})
    assert done.status_code == 200
    assert "Nothing imported: choose a file or paste attendees" in done.text


def test_plan_lists_new_people_first(client: TestClient, app: FastAPI, net: dict[str, int]) -> None:
    log(app, net["lee"], 30)  # Lee is known; Dana and Tia are new to me
    where = add_event(client, on=TODAY - dt.timedelta(days=3))
    upload(client, where, "Lee Chen\nDana Reyes\nTia Torres")
    plan = client.get(f"{where}/plan").text
    meet = plan.split('id="meet-list"', 1)[1].split("</ol>", 1)[0]
    order = re.findall(r'<a href="/people/\d+">([^<]+)</a> <span class="pill[^"]*">(\w+)', meet)
    assert order[0] == ("Dana Reyes", "new") and order[-1] == ("Lee Chen", "known")
    assert [kind for _, kind in order] == ["new", "new", "known"]
    assert "whom you know" in meet
    intros = plan.split('id="event-intros"', 1)[1]
    assert "Dana Reyes</a> ↔" in intros and 'action="/introductions/new"' in intros
    fragment = client.get(f"{where}/plan", headers={"X-Requested-With": "fetch"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert 'id="meet-list"' in fragment.text


def test_plan_is_fetched_after_the_page(
    client: TestClient, app: FastAPI, net: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    where = add_event(client)
    upload(client, where, "Lee Chen\nDana Reyes")
    monkeypatch.setattr(app.state.warmer, "ready", lambda *a, **k: False)  # a big network
    page = client.get(where).text
    assert f'data-fragment="{where}/plan"' in page and f'href="{where}/plan"' in page
    preparing = client.get(f"{where}/plan", headers={"X-Requested-With": "fetch"})
    assert preparing.status_code == 202 and "Still preparing" in preparing.text
    without_js = client.get(f"{where}/plan")
    assert without_js.status_code == 200 and "Still preparing" in without_js.text
    assert '<meta http-equiv="refresh" content="3">' in without_js.text


def test_follow_up_after_the_event(client: TestClient, net: dict[str, int]) -> None:
    coming = add_event(client, "Later", TODAY + dt.timedelta(days=5))
    upload(client, coming, "Lee Chen")
    assert 'id="followup-form"' not in client.get(coming).text, "not before the event"
    where = add_event(client, "Past", TODAY - dt.timedelta(days=2))
    upload(client, where, "Lee Chen\nTia Torres")
    token = csrf_of(client, where)
    form = {"csrf_token": token, "met": str(net["lee"]), "met_others": "Sam Ortiz"}
    done = client.post(f"{where}/followup", data=form)
    assert "Logged meeting Lee Chen, Sam Ortiz; follow-ups are due from 2026-11-23" in done.text
    assert (
        f'<a href="/people/{net["lee"]}">Lee Chen</a> <span class="pill ok">met</span>' in done.text
    )
    due = client.get("/api/due").json()["items"]
    assert {i["person"]["name"] for i in due if i["kind"] == "event-follow-up"} == {
        "Lee Chen",
        "Sam Ortiz",
    }
    none = client.post(f"{where}/followup", data={"csrf_token": token})
    assert none.status_code == 400 and "tick the people you met" in none.text


def test_adding_an_event_twice_is_refused(client: TestClient) -> None:
    add_event(client)
    form = {"csrf_token": csrf_of(client, "/events"), "name": "summit", "on": "2026-12-01"}
    refused = client.post("/events", data=form)
    assert refused.status_code == 400
    assert "there is already an event called &#39;summit&#39;" in refused.text
    assert 'value="summit"' in refused.text, "what was typed is kept"
