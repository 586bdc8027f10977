"""The people directory and person page through the real app on a temporary database."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_people_page_lists_and_searches(client: TestClient, seeded: dict[str, int]) -> None:
    page = client.get("/people")
    assert page.status_code == 200
    assert "Dana Reyes" in page.text and "Lee Chen" in page.text
    found = client.get("/people", params={"q": "family law"})
    assert "Dana Reyes" in found.text and "Lee Chen" not in found.text


def test_search_as_you_type_returns_only_the_rows(
    client: TestClient, seeded: dict[str, int]
) -> None:
    partial = client.get("/people", params={"q": "tax"}, headers={"X-Requested-With": "fetch"})
    assert "Lee Chen" in partial.text and "<html" not in partial.text


def test_people_filters_and_sorts(client: TestClient, seeded: dict[str, int]) -> None:
    def names(**params: str) -> list[str]:
        rows = client.get("/api/people", params=params).json()["people"]
        return [r["name"] for r in rows]

    assert names(tag="accountant") == ["Lee Chen"]
    assert names(facet="needs") == ["Dana Reyes", "Sam Ode"]
    assert names(health="never-scored") == ["Lee Chen"]
    assert names(health="going-cold") == ["Dana Reyes"]
    assert names(sort="strength")[-1] == "Lee Chen"  # never scored sorts last
    assert names(sort="recent")[0] == "Sam Ode"
    assert names(q="law", facet="offers") == ["Dana Reyes"]
    page = client.get("/people", params={"health": "going-cold", "sort": "strength"})
    assert "Dana Reyes" in page.text and "Lee Chen" not in page.text
    assert client.get("/api/people", params={"sort": "shoe size"}).status_code == 400


def test_people_pages(client: TestClient, app: object, seeded: dict[str, int]) -> None:
    from netweave.importers.records import PersonRecord
    from netweave.services import people

    with client.app.state.store.write() as s:  # type: ignore[attr-defined]
        for i in range(60):
            people.add_person(s, PersonRecord(full_name=f"Zed {i:02d}"))
    first = client.get("/people")
    assert "page 1 of 2" in first.text and "next →" in first.text
    second = client.get("/people", params={"page": 2})
    assert "Zed 59" in second.text and "Dana Reyes" not in second.text


def test_person_page_shows_everything_escaped(client: TestClient, seeded: dict[str, int]) -> None:
    page = client.get(f"/people/{seeded['dana']}")
    assert page.status_code == 200
    text = page.text
    assert "family-law advice" in text and "The four questions" in text
    assert "Ledger" in text and "Health" in text and "Timeline" in text
    assert "<script>alert" not in text and "&lt;script&gt;" in text
    assert client.get("/people/999").status_code == 404
    assert "Not found" in client.get("/people/999").text
