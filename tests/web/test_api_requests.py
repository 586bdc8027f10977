"""Requests, routing and events through the JSON API, on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Cli
from tests.services.request_helpers import engine_network
from tests.web.conftest import csrf_of, log

ASK = "Who does tax filing for divorcing couples?"


@pytest.fixture
def net(app: FastAPI) -> dict[str, int]:
    with app.state.store.write() as s:
        return {key: p.id for key, p in engine_network(s).items()}


@pytest.fixture
def headers(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf_of(client)}


def post(client: TestClient, path: str, headers: dict[str, str], code: int, **body: Any) -> Any:
    done = client.post(path, json=body, headers=headers)
    assert done.status_code == code, done.text
    return done.json()


def test_add_refine_and_list_requests(
    client: TestClient, net: dict[str, int], headers: dict[str, str]
) -> None:
    added = post(
        client, "/api/requests", headers, 201, text="Any advice?", **{"from": "Dana Reyes"}
    )
    assert added["detection"]["vague"] and added["vague"] and not added["refined"]
    assert added["from"] == {"id": net["dana"], "name": "Dana Reyes"}
    assert added["check_on"] == "2026-12-07"
    rid = added["id"]
    refined = post(client, f"/api/requests/{rid}/refine", headers, 200, ask=ASK, goal="grow")
    assert (refined["raw_text"], refined["text"], refined["refined"]) == (
        "Any advice?",
        f"{ASK} grow.",
        True,
    )
    assert client.get(f"/api/requests/{rid}").json() == refined
    helpers = client.get(f"/api/requests/{rid}/helpers", params={"limit": 3}).json()
    assert helpers[0]["person"]["name"] == "Lee Chen" and helpers[0]["reasons"]
    assert net["dana"] not in [h["person"]["id"] for h in helpers]
    specific = post(client, "/api/requests", headers, 201, text=ASK, ask="a CPA")
    assert not specific["detection"]["vague"] and specific["from"] is None
    assert [r["id"] for r in client.get("/api/requests").json()] == [specific["id"], rid]
    post(client, f"/api/requests/{rid}/refine", headers, 400)
    post(client, "/api/requests", headers, 404, text=ASK, **{"from": "nobody@nowhere.example"})
    assert client.get("/api/requests/999").status_code == 404


def test_two_back_start_check_close(
    client: TestClient, net: dict[str, int], headers: dict[str, str]
) -> None:
    rid = post(client, "/api/requests", headers, 201, text=ASK, **{"from": "dana@reyes.law"})["id"]
    back = client.get(f"/api/requests/{rid}/two-back").json()
    assert sorted(p["name"] for p in back["people"]) == ["Lee Chen", "Tia Torres"]
    assert back["draft"]["to"] == ["dana@reyes.law"] and "- Lee Chen" in back["draft"]["body"]
    intro = post(client, f"/api/requests/{rid}/introductions", headers, 201, helper="Lee Chen")
    assert {intro["a"]["name"], intro["b"]["name"]} == {"Dana Reyes", "Lee Chen"}
    linked = client.get(f"/api/requests/{rid}").json()["introductions"]
    assert linked == [{"id": intro["id"], "a": "Dana Reyes", "b": "Lee Chen", "stage": "suggested"}]
    post(client, f"/api/requests/{rid}/introductions", headers, 400, helper="Lee Chen")
    assert post(client, f"/api/requests/{rid}/check", headers, 200)["status"] == "open"
    closed = post(client, f"/api/requests/{rid}/close", headers, 200, result="found a CPA")
    assert (closed["status"], closed["result"], closed["check_on"]) == (
        "closed",
        "found a CPA",
        None,
    )
    mine = post(client, "/api/requests", headers, 201, text=ASK)["id"]
    assert "Your own request" in client.get(f"/api/requests/{mine}/two-back").json()["detail"]


def test_route_answers_as_the_cli_does(
    client: TestClient, net: dict[str, int], headers: dict[str, str], db_path: Path
) -> None:
    text = "divorce mediation and family-law advice"
    by_get = client.get("/api/route", params={"text": text, "limit": 3}).json()
    by_post = post(client, "/api/route", headers, 200, text=text, limit=3)
    assert by_get == by_post and by_get[0]["person"]["name"] == "Dana Reyes"
    assert json.loads(Cli(db_path)("route", text, "--limit", "3", "--json")) == by_get
    assert client.get("/api/route", params={"text": " "}).status_code == 400
    assert client.get("/api/requests", params={"status": "all"}).json() == []


def test_events_upload_plan_and_follow_up(
    client: TestClient, app: FastAPI, net: dict[str, int], headers: dict[str, str]
) -> None:
    log(app, net["lee"], 30)
    event = post(
        client, "/api/events", headers, 201, name="Summit", on="2026-11-20", place="Austin"
    )
    eid = event["id"]
    post(client, "/api/events", headers, 400, name="SUMMIT", on="2026-11-20")
    post(client, "/api/events", headers, 201, name="Ëvent", on="2026-11-20")
    post(client, "/api/events", headers, 400, name="Ëvent", on="2026-11-21")
    lines = "Lee Chen\nDana Reyes\nBob <not-an-email>\nTia Torres <tia@torres.example>"
    done = client.post(f"/api/events/{eid}/attendees", data={"lines": lines}, headers=headers)
    assert done.status_code == 200, done.text
    report = done.json()
    assert report["attendees"] == 3 and report["added_to_event"] == 3
    assert [(r["file"], r["line"]) for r in report["import"]["rejected"]] == [("pasted list", 3)]
    csv = ("more.csv", b"Name,Email\nOra Ode,ora@ode.example\n", "text/csv")
    more = client.post(f"/api/events/{eid}/attendees", files={"file": csv}, headers=headers)
    assert more.json()["import"]["added"] == 1 and more.json()["attendees"] == 4
    assert [e["attendees"] for e in client.get("/api/events").json()] == [4, 0]
    plan = client.get(f"/api/events/{eid}/plan").json()
    assert [m["new"] for m in plan["meet"]] == [True, True, True, False]
    assert plan["meet"][-1]["person"]["name"] == "Lee Chen" and plan["event"]["attendees"] == 4
    assert plan["introductions"] and plan["introductions"][0]["reasons_a"]
    met = post(client, f"/api/events/{eid}/followup", headers, 200, met=["Tia Torres"])
    assert met[0]["person"]["name"] == "Tia Torres" and met[0]["follow_up_on"] == "2026-11-22"
    shown = client.get(f"/api/events/{eid}").json()
    assert [a["met_on"] for a in shown["attendees"] if a["name"] == "Tia Torres"] == ["2026-11-20"]
    nothing = client.post(f"/api/events/{eid}/attendees", data={"lines": ""}, headers=headers)
    assert nothing.status_code == 400 and "choose a file" in nothing.json()["detail"]
