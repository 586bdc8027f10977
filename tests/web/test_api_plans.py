"""Goals, the week plan, ROT and the network graph through the JSON API."""

from __future__ import annotations

from fastapi.testclient import TestClient

BEARER = {"Authorization": "Bearer script"}


def test_goals(client: TestClient, seeded: dict[str, int]) -> None:
    set_ = client.put("/api/goals/gives", headers=BEARER, json={"spec": "3/week"})
    assert set_.status_code == 200, set_.text
    assert set_.json()["target"] == 3 and set_.json()["period"] == "week"
    metrics = [g["metric"] for g in client.get("/api/goals").json()]
    assert "gives" in metrics and "face-to-face" in metrics
    history = client.get("/api/goals/gives/history", params={"periods": 4}).json()
    assert len(history["periods"]) == 4 and history["periods"][-1]["end"] == "2026-11-29"
    assert client.put("/api/goals/gives", headers=BEARER, json={"spec": "lots"}).status_code == 400
    assert client.delete("/api/goals/gives", headers=BEARER).status_code == 204
    assert client.delete("/api/goals/gives", headers=BEARER).status_code == 404


def test_week_and_rot(client: TestClient, seeded: dict[str, int]) -> None:
    week = client.get("/api/week").json()
    assert week["week"] == {"start": "2026-11-23", "end": "2026-11-29"}
    assert week["going_cold"][0]["person"]["name"] == "Dana Reyes"
    assert [f["person"]["name"] for f in week["follow_ups"]] == ["Sam Ode"]
    rot = client.get("/api/rot", params={"by": "channel"}).json()
    assert {r["key"] for r in rot} == {"call", "in-person"}
    assert client.get("/api/rot", params={"by": "moon"}).status_code == 400


def test_network_graph(client: TestClient, seeded: dict[str, int]) -> None:
    from netweave.services import people

    with client.app.state.store.write() as s:  # type: ignore[attr-defined]
        dana = people.load_person(s, seeded["dana"])
        people.add_acquaintance(s, dana, people.load_person(s, seeded["lee"]))
    graph = client.get("/api/network").json()
    assert graph["nodes"][0]["name"] in {"Dana Reyes", "Sam Ode"}
    assert graph["links"] == [
        {"source": seeded["dana"], "target": seeded["lee"], "suggested": False}
    ]
    around = client.get("/api/network", params={"around": seeded["lee"]}).json()
    assert {n["id"] for n in around["nodes"]} == {seeded["dana"], seeded["lee"]}
    assert around["nodes"][0]["id"] == seeded["lee"] and around["centre"] == seeded["lee"]
    assert client.get("/api/network", params={"limit": 1}).json()["links"] == []
    assert client.get("/api/network", params={"limit": 5000}).status_code == 422
    assert client.get("/api/network", params={"around": 999}).status_code == 404
