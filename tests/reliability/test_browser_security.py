"""Web security in a real browser (Chromium through Playwright), attacks included.

Script and HTML in names and notes render as text on every page; a form on another
loopback origin that posts to the app is refused (403) and changes nothing; an upload
over the limit is refused with a message; wrong passwords are slowed down; `serve`
beyond loopback without a password refuses to start.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from netweave.importers.records import Labelled, PersonRecord
from netweave.services import people
from netweave.settings import Settings
from netweave.web.app import create_app
from netweave.web.background import serving
from tests.conftest import Cli
from tests.web.test_browser_journeys import ARGS, CHROMIUM

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned = 1; alert('x')</script>",
    '<img src=x onerror="window.__pwned = 1; alert(1)">',
    "<b id=injected>bold</b>",
    '"><svg onload=alert(1) id=injected>',
]


@pytest.fixture
def app(db_path: Path) -> FastAPI:
    return create_app(Settings(db=str(db_path), secret_key="test-secret"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


def page_on(browser: Any, base: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(base_url=base)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    return context, tab, dialogs


def test_payloads_render_as_text_everywhere(browser: Any, app: FastAPI) -> None:
    with app.state.store.write() as s:
        ids = [
            people.add_person(
                s,
                PersonRecord(
                    full_name=f"Eve {payload}",
                    emails=[Labelled(f"eve{i}@example.org")],
                    notes=payload,
                    organisation=payload,
                    tags=["xss"],
                    needs=[payload],
                ),
            ).id
            for i, payload in enumerate(PAYLOADS)
        ]
    paths = ["/", "/people", "/people?q=Eve", "/suggestions", "/network", "/introductions"]
    paths += [f"/people/{pid}" for pid in ids]
    with serving(app) as base:
        context, tab, dialogs = page_on(browser, base)
        for path in paths:
            tab.goto(path)
            tab.wait_for_load_state("load")
            assert tab.evaluate("window.__pwned") is None, path
            assert tab.locator("#injected").count() == 0, path
        tab.goto(f"/people/{ids[0]}")
        assert PAYLOADS[0] in tab.inner_text("body"), "the payload is shown, as text"
        context.close()
    assert dialogs == []


class _Attacker(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:
        body = (
            "<!doctype html><form id=f method=post action='"
            f"{self.target}/people'><input name=full_name value='Forged Person'></form>"
            "<script>document.getElementById('f').submit()</script>"
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_cross_site_form_post_is_refused(browser: Any, app: FastAPI) -> None:
    with app.state.store.read() as s:
        before = people.count_people(s)
    with serving(app) as base:
        handler = type("Attacker", (_Attacker,), {"target": base})
        evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=evil.serve_forever, daemon=True)
        thread.start()
        try:
            context, tab, _ = page_on(browser, base)
            with tab.expect_response(lambda r: r.url.startswith(f"{base}/people")) as answer:
                tab.goto(f"http://127.0.0.1:{evil.server_address[1]}/")
            assert answer.value.status == 403
            context.close()
        finally:
            evil.shutdown()
            evil.server_close()
    with app.state.store.read() as s:
        assert people.count_people(s) == before, "the forged post changed the database"


def test_upload_over_the_limit_is_refused_with_a_message(
    browser: Any, db_path: Path, tmp_path: Path
) -> None:
    limited = create_app(Settings(db=str(db_path), secret_key="k", upload_limit_bytes=2048))
    big = tmp_path / "big.csv"
    big.write_text("name,email\n" + "".join(f"P{i},p{i}@example.org\n" for i in range(500)))
    with serving(limited) as base:
        context, tab, _ = page_on(browser, base)
        tab.goto("/import")
        tab.set_input_files("input[name=files]", str(big))
        with tab.expect_response(lambda r: "/import" in r.url and r.request.method == "POST") as r:
            tab.click("#import-form button[type=submit]")
        assert r.value.status == 413
        tab.wait_for_load_state("load")
        assert "too large" in tab.inner_text("body")
        context.close()


def test_wrong_passwords_are_rate_limited(browser: Any, db_path: Path) -> None:
    gated = create_app(Settings(db=str(db_path), secret_key="k", password="s3cret"))
    with serving(gated) as base:
        context, tab, _ = page_on(browser, base)
        statuses = []
        for _ in range(3):
            tab.goto("/login")
            tab.fill("input[name=password]", "wrong")
            posted = lambda r: r.url.endswith("/login") and r.request.method == "POST"  # noqa: E731
            with tab.expect_response(posted) as r:
                tab.press("input[name=password]", "Enter")
            statuses.append(r.value.status)
        assert statuses[0] == 401
        assert 429 in statuses[1:], statuses
        context.close()


def test_serve_beyond_loopback_without_password_refuses(cli: Cli) -> None:
    output = cli.fails("serve", "--host", "0.0.0.0", code=1)
    assert "refusing to listen on 0.0.0.0 without a password" in output
