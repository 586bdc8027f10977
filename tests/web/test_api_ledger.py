"""Interactions, the ledger, due, health and going cold through the JSON API."""

from __future__ import annotations

from fastapi.testclient import TestClient

BEARER = {"Authorization": "Bearer script"}


def test_log_edit_delete_interaction(client: TestClient, seeded: dict[str, int]) -> None:
    lee = seeded["lee"]
    logged = client.post(
        "/api/interactions",
        headers=BEARER,
        json={
            "people": [str(lee)],
            "channel": "call",
            "direction": "ask",
            "note": "pick your brain",
        },
    )
    assert logged.status_code == 201, logged.text
    body = logged.json()
    assert body["interaction"]["on"] == "2026-11-23"  # NETWEAVE_TODAY
    assert body["warnings"][0]["person_id"] == lee  # an ask before three gives
    iid = body["interaction"]["id"]

    edited = client.patch(
        f"/api/interactions/{iid}", headers=BEARER, json={"direction": "give", "give": "advice"}
    )
    assert edited.json()["direction"] == "give" and edited.json()["give"] == "advice"
    timeline = client.get(f"/api/people/{lee}/interactions").json()
    assert [i["id"] for i in timeline] == [iid]
    assert client.delete(f"/api/interactions/{iid}", headers=BEARER).status_code == 204
    assert client.get(f"/api/people/{lee}/interactions").json() == []
    bad = client.post(
        "/api/interactions",
        headers=BEARER,
        json={"people": ["Lee Chen"], "channel": "fax", "direction": "give"},
    )
    assert bad.status_code == 400 and "unknown channel" in bad.json()["detail"]


def test_ledger(client: TestClient, seeded: dict[str, int]) -> None:
    ledger = client.get(f"/api/people/{seeded['dana']}/ledger").json()
    assert ledger["totals"]["gives"] == 3 and ledger["balance"] == 3
    assert ledger["jab"]["ready_to_ask"] is True
    assert ledger["last_interaction"] == "2026-10-09"
    assert client.get("/api/people/999/ledger").status_code == 404


def test_due_health_and_going_cold(client: TestClient, seeded: dict[str, int]) -> None:
    due = client.get("/api/due").json()
    kinds = {(i["kind"], i["person"]["name"]) for i in due["items"]}
    assert ("keep-in-touch", "Dana Reyes") in kinds and ("follow-up", "Sam Ode") in kinds
    health = client.get(f"/api/people/{seeded['dana']}/health").json()
    assert [r["name"] for r in health["requirements"]] == [
        "common ground",
        "mutual interest",
        "regular contact that gives",
        "occasional face-to-face",
    ]
    assert health["strength"] is not None
    assert client.get(f"/api/people/{seeded['lee']}/health").json()["never_scored"] is True
    cold = client.get("/api/going-cold").json()
    assert cold["total"] == 1 and cold["items"][0]["person"]["name"] == "Dana Reyes"
