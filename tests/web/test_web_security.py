"""Security: CSRF, Origin, Host, headers, escaping, upload limit, sign-in and its backoff."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from netweave.settings import Settings
from netweave.web.app import create_app
from tests.web.conftest import BASE, csrf_of


def test_forms_need_the_session_csrf_token(client: TestClient, seeded: dict[str, int]) -> None:
    url = f"/people/{seeded['lee']}/edit"
    assert client.post(url, data={"title": "x"}).status_code == 403
    assert client.post(url, data={"title": "x", "csrf_token": "guess"}).status_code == 403
    token = csrf_of(client)
    ok = client.post(
        url, data={"title": "Tax adviser", "csrf_token": token}, follow_redirects=False
    )
    assert ok.status_code == 303
    other = TestClient(client.app, base_url=BASE)  # another browser: its own session and token
    csrf_of(other)
    assert other.post(url, data={"title": "x", "csrf_token": token}).status_code == 403


def test_cross_site_origin_and_referer_are_refused(
    client: TestClient, seeded: dict[str, int]
) -> None:
    token = csrf_of(client)
    url = f"/people/{seeded['lee']}/edit"
    evil = client.post(url, data={"csrf_token": token}, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403 and "another site" in evil.text
    referer = client.post(
        url, data={"csrf_token": token}, headers={"Referer": "http://evil.example/x"}
    )
    assert referer.status_code == 403
    same = client.post(
        url, data={"csrf_token": token}, headers={"Origin": BASE}, follow_redirects=False
    )
    assert same.status_code == 303
    bearer = client.delete(
        f"/api/people/{seeded['lee']}",
        headers={"Authorization": "Bearer x", "Origin": "http://evil.example"},
    )
    assert bearer.status_code == 403


def test_api_with_cookie_needs_header_token_bearer_is_exempt(
    client: TestClient, seeded: dict[str, int]
) -> None:
    url = f"/api/people/{seeded['lee']}"
    assert client.patch(url, json={"title": "a"}).status_code == 403
    token = csrf_of(client)
    assert (
        client.patch(url, json={"title": "a"}, headers={"X-CSRF-Token": token}).status_code == 200
    )
    assert (
        client.patch(url, json={"title": "b"}, headers={"Authorization": "Bearer s"}).status_code
        == 200
    )


def test_host_header_must_be_loopback(app: object) -> None:
    rebound = TestClient(app, base_url="http://attacker.example")  # type: ignore[arg-type]
    assert rebound.get("/people").status_code == 400
    for host in ("http://localhost:8765", "http://127.0.0.1:8765", "http://[::1]:8765"):
        assert TestClient(app, base_url=host).get("/people").status_code == 200  # type: ignore[arg-type]


def test_headers_keep_everything_local(client: TestClient, seeded: dict[str, int]) -> None:
    for path in ("/", "/people", f"/people/{seeded['dana']}", "/import", "/network", "/docs"):
        page = client.get(path)
        assert page.status_code == 200, path
        csp = page.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert page.headers["x-frame-options"] == "DENY"
        assert page.headers["x-content-type-options"] == "nosniff"
        assert not re.search(r'(src|href)="(https?:)?//', page.text), f"external asset on {path}"
        assert "<script>" not in page.text, f"inline script on {path}"


def test_user_text_is_escaped_everywhere(client: TestClient) -> None:
    evil = '<img src=x onerror="alert(1)">'
    made = client.post(
        "/api/people",
        headers={"Authorization": "Bearer x"},
        json={
            "full_name": evil,
            "tags": [evil],
            "offers": [evil],
            "notes": evil,
            "how_keep_up": evil,
        },
    ).json()
    log = client.post(
        "/api/interactions",
        headers={"Authorization": "Bearer x"},
        json={"people": [str(made["id"])], "channel": "call", "direction": "give", "note": evil},
    )
    assert log.status_code == 201
    for path in (
        f"/people/{made['id']}",
        "/people",
        "/people?q=img",
        "/",
        f"/network?around={made['id']}",
    ):
        text = client.get(path).text
        assert "<img src=x" not in text, path


def test_upload_limit_is_refused_with_413(db_path: Path) -> None:
    app = create_app(Settings(db=str(db_path), secret_key="k", upload_limit_bytes=1000))
    client = TestClient(app, base_url=BASE)
    token = csrf_of(client, "/import")
    big = [("files", ("big.csv", b"x" * 5000, "text/csv"))]
    page = client.post("/import/preview", data={"csrf_token": token}, files=big)
    assert (
        page.status_code == 413
        and "too large" in page.text
        and "<html" not in page.text.lower()[:5]
    )
    api = client.post("/api/import/dry-run", headers={"Authorization": "Bearer x"}, files=big)
    assert api.status_code == 413 and "limit is" in api.json()["detail"]

    def chunks() -> object:
        yield b"a" * 800
        yield b"b" * 800

    streamed = client.post(
        "/api/people",
        headers={"Authorization": "Bearer x", "content-type": "application/json"},
        content=chunks(),  # type: ignore[arg-type]
    )
    assert streamed.status_code == 413


def test_session_cookie_is_httponly_and_strict(client: TestClient) -> None:
    cookie = client.get("/people").headers["set-cookie"]
    assert "netweave_session=" in cookie
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def password_app(db_path: Path) -> TestClient:
    app = create_app(Settings(db=str(db_path), password="s3cret", secret_key="k", host="0.0.0.0"))
    return TestClient(app, base_url="http://192.168.1.5:8765")


def test_password_gate(db_path: Path) -> None:
    client = password_app(db_path)
    assert client.get("/api/people").status_code == 401
    assert client.get("/people", follow_redirects=False).headers["location"] == "/login"
    token = csrf_of(client, "/login")
    assert client.post("/login", data={"password": "s3cret"}).status_code == 403  # no token
    signed = client.post("/login", data={"password": "s3cret", "csrf_token": token})
    assert signed.status_code == 200 and "This week" in signed.text
    assert client.get("/api/people").status_code == 200
    bearer = TestClient(client.app, base_url="http://192.168.1.5:8765")
    assert bearer.get("/api/people", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert bearer.get("/api/people", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_wrong_passwords_back_off(db_path: Path) -> None:
    client = password_app(db_path)
    now = [1000.0]
    client.app.state.login_throttle.clock = lambda: now[0]  # type: ignore[attr-defined]
    token = csrf_of(client, "/login")

    def attempt(password: str) -> int:
        form = {"password": password, "csrf_token": token}
        return client.post("/login", data=form).status_code

    assert attempt("wrong") == 401
    assert attempt("s3cret") == 429, "even the right password waits out the backoff"
    now[0] += 1.1
    assert attempt("wrong") == 401
    now[0] += 1.1
    blocked = client.post("/login", data={"password": "s3cret", "csrf_token": token})
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "1"
    now[0] += 1.0
    assert attempt("s3cret") == 200
    token = csrf_of(client, "/login")  # signing in starts a fresh session and token
    assert attempt("wrong") == 401, "success resets the count"
    api = TestClient(client.app, base_url="http://192.168.1.5:8765")
    assert api.get("/api/people", headers={"Authorization": "Bearer s3cret"}).status_code == 429


def test_serve_refuses_non_loopback_without_password(cli: object) -> None:
    from tests.conftest import Cli

    assert isinstance(cli, Cli)
    output = cli.fails("serve", "--host", "0.0.0.0", code=1)
    assert "refusing to listen on 0.0.0.0 without a password" in output
