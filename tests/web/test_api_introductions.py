"""Suggestions and the introduction workflow through the JSON API, on a temporary database."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def api(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf_of(client)}


def pairs(client: TestClient, **params: Any) -> list[set[int]]:
    listed = client.get("/api/suggestions", params=params)
    assert listed.status_code == 200, listed.text
    return [{s["a"]["id"], s["b"]["id"]} for s in listed.json()]


def test_suggestions_list_both_sides_reasons(client: TestClient, pair: dict[str, int]) -> None:
    found = client.get("/api/suggestions", params={"limit": 5}).json()
    best = found[0]
    assert {best["a"]["id"], best["b"]["id"]} == {pair["dana"], pair["lee"]}
    assert best["reasons_a"] and best["reasons_b"] and 0 < best["score"] <= 1
    assert set(best) >= {"notes", "terms"}
    for_sam = client.get("/api/suggestions", params={"for": pair["sam"]}).json()
    assert all(pair["sam"] in (s["a"]["id"], s["b"]["id"]) for s in for_sam)


def test_full_double_opt_in_from_a_suggestion(client: TestClient, pair: dict[str, int]) -> None:
    headers = api(client)
    body = {"a": pair["dana"], "b": pair["lee"], "from_suggestion": True}
    started = client.post("/api/introductions", json=body, headers=headers)
    assert started.status_code == 201, started.text
    intro = started.json()
    iid = intro["id"]
    assert intro["stage"] == "suggested" and intro["origin"] == "suggestion"
    assert intro["score"] and intro["terms"] and intro["reasons_a"] and intro["reasons_b"]
    assert intro["allowed"] == ["ask", "dismiss"]
    assert {pair["dana"], pair["lee"]} not in pairs(client), "an open pair is not suggested"

    def step(action: str, **payload: Any) -> dict[str, Any]:
        done = client.post(f"/api/introductions/{iid}/{action}", json=payload, headers=headers)
        assert done.status_code == 200, (action, done.text)
        result: dict[str, Any] = done.json()
        return result

    optin = client.get(f"/api/introductions/{iid}/drafts").json()
    assert [d["key"] for d in optin] == ["optin"]
    assert optin[0]["to"] == ["dana@reyes.law"] and optin[0]["mailto"].startswith("mailto:")
    assert step("ask")["stage"] == "asked_a"
    assert step("agree")["stage"] == "a_agreed"
    to_b = client.get(f"/api/introductions/{iid}/drafts").json()
    assert to_b[0]["key"] == "optin" and to_b[0]["to"] == ["lee@chen.tax"]
    assert step("ask")["stage"] == "asked_b"
    assert step("agree", note="happy to")["stage"] == "b_agreed"
    made = client.get(f"/api/introductions/{iid}/drafts").json()
    assert [d["key"] for d in made] == ["introduction"]
    assert set(made[0]["to"]) == {"dana@reyes.law", "lee@chen.tax"}
    eml = client.get(made[0]["eml_url"])
    assert eml.headers["content-type"].startswith("message/rfc822")
    assert b"X-Unsent: 1" in eml.content and "attachment" in eml.headers["content-disposition"]
    assert step("introduce", minutes=10)["stage"] == "introduced"
    assert step("met")["stage"] == "met"
    debriefed = client.post(
        f"/api/introductions/{iid}/debrief",
        json={"a": {"outcome": 4, "business": True}, "b": {"outcome": 5, "notes": "great"}},
        headers=headers,
    )
    assert debriefed.status_code == 200, debriefed.text
    assert debriefed.json()["stage"] == "debriefed"
    assert {d["side"]: d["outcome"] for d in debriefed.json()["debriefs"]} == {"a": 4, "b": 5}
    closed = step("close")
    assert closed["stage"] == "closed" and closed["allowed"] == []
    actions = [h["action"] for h in closed["history"]]
    assert actions == [
        "start", "ask", "agree", "ask", "agree", "introduce", "met", "debrief", "close"
    ]  # fmt: skip
    assert all(h["on"] == "2026-11-23" for h in closed["history"])
    listed = client.get("/api/introductions").json()
    assert [(i["id"], i["stage"]) for i in listed] == [(iid, "closed")]
    report = client.get("/api/calibration").json()
    assert report["outcomes"] == 1 and report["good"] == 1 and report["fitted"] is None


def test_illegal_action_names_the_allowed_ones(client: TestClient, pair: dict[str, int]) -> None:
    headers = api(client)
    body = {"a": str(pair["dana"]), "b": "Sam Ortiz", "why": "both local"}
    iid = client.post("/api/introductions", json=body, headers=headers).json()["id"]
    refused = client.post(f"/api/introductions/{iid}/introduce", headers=headers)
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "cannot introduce an introduction that is suggested; allowed now: ask, dismiss"
    )
    assert client.post(f"/api/introductions/{iid}/dance", headers=headers).status_code == 422
    too_early = client.post(f"/api/introductions/{iid}/debrief", json={}, headers=headers)
    assert too_early.status_code == 400 and "at least one side" in too_early.json()["detail"]
    assert client.get("/api/introductions/999").status_code == 404
    unsafe = client.post(f"/api/introductions/{iid}/ask")
    assert unsafe.status_code == 403, "no CSRF token, no Bearer header"


def test_dismiss_from_suggestions_removes_the_pair(
    client: TestClient, pair: dict[str, int]
) -> None:
    assert pairs(client)[0] == {pair["dana"], pair["lee"]}
    gone = client.post(
        "/api/suggestions/dismiss", json={"a": pair["lee"], "b": pair["dana"]}, headers=api(client)
    )
    assert gone.status_code == 201, gone.text
    assert gone.json()["stage"] == "dismissed"
    assert {pair["dana"], pair["lee"]} not in pairs(client)
    again = client.post(
        "/api/suggestions/dismiss", json={"a": pair["lee"], "b": pair["dana"]}, headers=api(client)
    )
    assert again.status_code == 400 and "no longer among the suggestions" in again.json()["detail"]
