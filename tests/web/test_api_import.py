"""Import through the API and the page: dry-run preview writes nothing, then commit."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures"
BEARER = {"Authorization": "Bearer script"}


def files(*names: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (n, (FIXTURES / n).read_bytes(), "application/octet-stream")) for n in names]


def count(client: TestClient) -> int:
    return int(client.get("/api/people").json()["total"])


def test_dry_run_reports_rows_and_writes_nothing_then_commit(client: TestClient) -> None:
    client.post(
        "/api/people",
        headers=BEARER,
        json={
            "full_name": "Zoë Ångström",
            "emails": ["zoe@nordlys.se"],
            "organisation": "Other AB",
        },
    )
    upload = files("linkedin_connections.csv", "malformed.vcf", "not_contacts.txt")
    preview = client.post("/api/import/dry-run", headers=BEARER, files=upload)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["dry_run"] is True and body["token"]
    assert body["totals"]["added"] == 6 and body["totals"]["updated"] == 1
    assert body["totals"]["errors"] == 1 and body["totals"]["rejected"] == 3
    by_name = {f["name"]: f for f in body["files"]}
    assert by_name["linkedin_connections.csv"]["format"] == "linkedin"
    assert "not a contacts" in by_name["not_contacts.txt"]["error"]
    rejected = by_name["malformed.vcf"]["summary"]["rejected"]
    assert {"file": "malformed.vcf", "line": 9}.items() <= rejected[0].items()
    conflict = by_name["linkedin_connections.csv"]["summary"]["conflicts"][0]
    assert conflict["field"] == "organisation" and conflict["existing"] == "Other AB"
    assert count(client) == 1, "a dry run writes nothing"

    done = client.post("/api/import/commit", headers=BEARER, data={"token": body["token"]})
    assert done.status_code == 200 and done.json()["totals"]["added"] == 6
    assert count(client) == 7
    again = client.post("/api/import/commit", headers=BEARER, data={"token": body["token"]})
    assert again.status_code == 400 and "expired" in again.json()["detail"]


def test_commit_reposted_files_and_bad_requests(client: TestClient) -> None:
    done = client.post("/api/import/commit", headers=BEARER, files=files("generic.csv"))
    assert done.status_code == 200
    summary = done.json()["files"][0]["summary"]
    assert summary["added"] == 4 and summary["rejected"][0]["line"] == 4
    assert client.post("/api/import/commit", headers=BEARER).status_code == 400
    forged = client.post("/api/import/commit", headers=BEARER, data={"token": "../../etc"})
    assert forged.status_code == 400
    unknown = client.post(
        "/api/import/dry-run", headers=BEARER, files=files("generic.csv"), data={"format": "xls"}
    )
    assert "unknown format" in unknown.json()["files"][0]["error"]


def test_import_page_preview_then_commit(client: TestClient) -> None:
    token = csrf_of(client, "/import")
    page = client.post(
        "/import/preview",
        data={"csrf_token": token, "format": ""},
        files=files("linkedin_connections.csv", "malformed.vcf"),
    )
    assert page.status_code == 200, page.text
    assert "Import preview" in page.text and "Nothing has been written yet" in page.text
    assert "malformed.vcf" in page.text and "not a vCard property line" in page.text
    assert count(client) == 0
    held = page.text.split('name="token" value="')[1].split('"')[0]
    done = client.post("/import/commit", data={"csrf_token": token, "token": held})
    assert done.status_code == 200 and "Imported" in done.text
    assert count(client) == 7
    stranger = TestClient(client.app, base_url=str(client.base_url))
    other = csrf_of(stranger, "/import")
    refused = stranger.post("/import/commit", data={"csrf_token": other, "token": held})
    assert refused.status_code == 400, "a token only commits in the session that previewed"
