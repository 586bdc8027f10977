"""People CRUD through the JSON API, and a precise OpenAPI document."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_create_get_patch_delete(client: TestClient) -> None:
    created = client.post(
        "/api/people",
        headers={"Authorization": "Bearer x"},
        json={
            "full_name": "Ana Silva",
            "emails": ["ana@silva.dev"],
            "organisation": "Silva Dev",
            "title": "CTO",
            "offers": ["code review"],
            "tags": ["Engineer"],
            "why_connect": "she hires juniors",
            "networker_level": "connector",
        },
    )
    assert created.status_code == 201, created.text
    ana = created.json()
    assert ana["name"] == "Ana Silva" and ana["tags"] == ["engineer"]
    assert ana["facets"]["offers"][0]["text"] == "code review"
    assert ana["four_questions"]["why_connect"] == "she hires juniors"
    assert ana["networker_level"] == "connector"
    pid = ana["id"]

    patched = client.patch(
        f"/api/people/{pid}",
        headers={"Authorization": "Bearer x"},
        json={
            "location": "Lisbon",
            "add_facets": {"needs": ["a designer"]},
            "remove_tags": ["engineer"],
            "add_tags": ["founder"],
            "clear": ["title"],
            "remove_facet_ids": [ana["facets"]["offers"][0]["id"]],
        },
    ).json()
    assert patched["location"] == "Lisbon" and patched["title"] is None
    assert patched["tags"] == ["founder"] and patched["facets"]["offers"] == []
    assert [f["text"] for f in patched["facets"]["needs"]] == ["a designer"]
    assert client.get(f"/api/people/{pid}").json()["location"] == "Lisbon"

    assert (
        client.delete(f"/api/people/{pid}", headers={"Authorization": "Bearer x"}).status_code
        == 204
    )
    assert client.get(f"/api/people/{pid}").status_code == 404


def test_errors_are_json(client: TestClient, seeded: dict[str, int]) -> None:
    bearer = {"Authorization": "Bearer x"}
    assert client.post("/api/people", headers=bearer, json={"full_name": ""}).status_code == 422
    taken = client.post(
        "/api/people", headers=bearer, json={"full_name": "X", "emails": ["dana@reyeslaw.com"]}
    )
    assert taken.status_code == 400 and "already belongs" in taken.json()["detail"]
    assert client.patch("/api/people/999", headers=bearer, json={}).status_code == 404
    bad_tier = client.patch(f"/api/people/{seeded['lee']}", headers=bearer, json={"tier": "vip"})
    assert bad_tier.status_code == 400 and "unknown tier" in bad_tier.json()["detail"]
    assert client.get("/api/people", params={"limit": 0}).status_code == 422


def test_list_is_paginated(client: TestClient, seeded: dict[str, int]) -> None:
    first = client.get("/api/people", params={"limit": 2}).json()
    rest = client.get("/api/people", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] == 3
    assert [p["name"] for p in first["people"] + rest["people"]] == [
        "Dana Reyes",
        "Lee Chen",
        "Sam Ode",
    ]
    dana = first["people"][0]
    assert dana["strength"] is not None and dana["last_contact"] == "2026-10-09"


def test_openapi_names_the_models(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    person = paths["/api/people/{person_id}"]
    assert person["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PersonDetail"
    }
    assert {"get", "patch", "delete"} <= set(person)
    for path in (
        "/api/interactions",
        "/api/people/{person_id}/ledger",
        "/api/due",
        "/api/people/{person_id}/health",
        "/api/goals",
        "/api/week",
        "/api/rot",
        "/api/import/dry-run",
        "/api/import/commit",
        "/api/network",
    ):
        assert path in paths, path
    schemas = spec["components"]["schemas"]
    for name in ("LedgerOut", "DueOut", "HealthOut", "WeekOut", "ImportBatch", "GraphOut"):
        assert name in schemas
    assert not any(p.startswith(("/people", "/import")) for p in paths), "pages stay out"


def test_docs_page_is_local(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/api/people/{person_id}" in docs.text and "PersonDetail" in docs.text
    assert "cdn" not in docs.text.lower() and '<script src="http' not in docs.text
    assert client.get("/redoc").status_code == 404
