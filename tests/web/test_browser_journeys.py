"""The main journeys in a real browser: Debian's Chromium driven by Playwright.

The app runs in uvicorn on a free loopback port with its own temporary database. Every
request the browser makes is recorded: none may leave the app's origin, and no page may
log an error (a CSP violation would).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from netweave.services import people
from netweave.web.background import serving
from tests.services.request_helpers import engine_network

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"{CHROMIUM} is missing (apt-get install -y chromium; make test does it as root)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
    )
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def site(app: FastAPI) -> Iterator[str]:
    with serving(app) as base:
        yield base


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context(base_url=site)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    requests: list[str] = []
    problems: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    yield tab
    context.close()
    assert requests, "the browser made no requests"
    foreign = [u for u in requests if not u.startswith(site)]
    assert not foreign, f"requests left the app: {foreign}"
    assert not problems, f"errors in the browser: {problems}"


def test_import_preview_then_commit(page: Any, app: FastAPI) -> None:
    page.goto("/import")
    page.set_input_files(
        "input[name=files]",
        [str(FIXTURES / "linkedin_connections.csv"), str(FIXTURES / "malformed.vcf")],
    )
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-totals")
    assert "Nothing has been written yet" in page.content()
    assert page.inner_text("#import-totals tbody td:first-child") == "7"
    assert "not a vCard property line" in page.inner_text("#import-errors")
    with app.state.store.read() as s:
        assert people.count_people(s) == 0, "the preview wrote nothing"
    page.click("#commit")
    page.wait_for_selector("text=Imported")
    page.click("text=See the people, newest first")
    assert "Zoë Ångström" in page.inner_text("#people-results")


def test_search_as_you_type_then_open_edit_and_log(page: Any, seeded: dict[str, int]) -> None:
    page.goto("/people")
    page.locator("input[name=q]").press_sequentially("tax", delay=30)
    page.wait_for_function(
        "() => !document.querySelector('#people-results').innerText.includes('Dana Reyes')"
    )
    rows = page.inner_text("#people-results")
    assert "Lee Chen" in rows and "1 person matching “tax”" in rows
    assert page.url.endswith("/people?q=tax")
    page.fill("input[name=q]", "")
    page.select_option("select[name=health]", "going-cold")
    page.wait_for_function(
        "() => document.querySelector('#people-results').innerText.includes('Dana Reyes')"
        " && !document.querySelector('#people-results').innerText.includes('Lee Chen')"
    )

    page.goto("/people?q=tax")
    page.click("text=Lee Chen")
    page.wait_for_selector("h1:has-text('Lee Chen')")
    assert "never scored" in page.inner_text(".strength-big")

    page.click("summary:has-text('Edit Lee Chen')")
    page.fill("#edit-form input[name=title]", "Tax adviser")
    page.fill("#edit-form textarea[name=why_connect]", "Dana's clients need tax help")
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector("text=Saved.")
    assert "Tax adviser" in page.inner_text(".sub")
    assert "Dana's clients need tax help" in page.inner_text("section[aria-labelledby=q-h]")

    page.select_option("#log-form select[name=channel]", "video")
    page.select_option("#log-form select[name=direction]", "give")
    page.select_option("#log-form select[name=give]", "advice")
    page.fill("#log-form input[name=minutes]", "25")
    page.fill("#log-form textarea[name=note]", "Walked Lee through the referral plan")
    page.click("#log-form button[type=submit]")
    page.wait_for_selector("text=Walked Lee through the referral plan")
    assert "give · advice" in page.inner_text("#timeline")
    totals = page.inner_text(".ledger-totals")
    assert re.search(r"1\s+gives", totals) and re.search(r"\+1\s+balance", totals)
    assert "never scored" not in page.inner_text(".strength-big")


def test_dashboard_shows_due_and_going_cold(page: Any, seeded: dict[str, int]) -> None:
    page.goto("/")
    cold = page.inner_text("section[aria-labelledby=cold-h]")
    assert "Dana Reyes" in cold and "no contact for" in cold
    due = page.inner_text(".due-follow-up")
    assert "Sam Ode" in due
    assert "Dana Reyes" in page.inner_text(".due-keep-in-touch")
    assert page.locator("svg.bars").count() >= 1
    page.click("section[aria-labelledby=cold-h] >> text=Dana Reyes")
    page.wait_for_selector("h1:has-text('Dana Reyes')")


def test_network_graph_draws_and_opens_a_person(
    page: Any, seeded: dict[str, int], app: FastAPI
) -> None:
    with app.state.store.write() as s:
        people.add_acquaintance(
            s, people.load_person(s, seeded["dana"]), people.load_person(s, seeded["lee"])
        )
    page.goto("/network")
    page.wait_for_selector("canvas[data-ready]")
    assert "3 people, 1 links" in page.inner_text("#graph-status")
    page.goto(f"/people/{seeded['dana']}")
    page.click("text=See the neighbourhood on the network")
    page.wait_for_selector("canvas[data-ready]")
    assert "2 people" in page.inner_text("#graph-status")


def test_suggestion_to_debrief_through_both_opt_ins(page: Any, pair: dict[str, int]) -> None:
    page.goto("/")
    page.wait_for_selector("#top-suggestions[data-loaded=yes]")
    assert "Dana Reyes" in page.inner_text("#top-suggestions")
    assert "<script>" in page.inner_text("#top-suggestions"), "a name shown as text"

    page.click("nav >> text=Suggestions")
    best = page.locator("li.suggestion").first
    assert "For Dana Reyes" in best.inner_text()
    best.locator("button:has-text('Start introduction')").click()
    page.wait_for_selector("text=Started introduction")
    iid = int(page.url.rsplit("/", 1)[1])
    copy = page.locator(f"#draft-{iid}-optin button.copy")
    copy.click()  # shown by the script; copies the opt-in ask
    page.wait_for_function(
        f"() => document.querySelector('#draft-{iid}-optin button.copy')"
        ".textContent !== 'Copy text'"
    )
    assert "mailto:dana@reyes.law" in page.get_attribute(
        f"#draft-{iid}-optin a[href^=mailto]", "href"
    )

    page.click("text=← the board")
    card = f"#intro-{iid}"
    for action, column in (
        ("ask", "asked"),
        ("agree", "agreed"),
        ("ask", "asked"),
        ("agree", "agreed"),
        ("introduce", "introduced"),
        ("met", "met"),
    ):
        page.click(f"{card} button[data-action={action}]")
        page.wait_for_selector(f"#col-{column} {card}")
    assert page.locator(f"{card} button[data-action]").evaluate_all(
        "bs => bs.map(b => b.dataset.action)"
    ) == ["follow-up", "close", "dismiss"]
    page.click(f"{card} summary:has-text('Debrief')")
    page.select_option(f"#debrief-{iid} select[name=a_outcome]", "4")
    page.check(f"#debrief-{iid} input[name=a_business]")
    page.select_option(f"#debrief-{iid} select[name=b_outcome]", "5")
    page.fill(f"#debrief-{iid} textarea[name=b_notes]", "already sent a client")
    page.click(f"#debrief-{iid} button[type=submit]")
    page.wait_for_selector(f"#col-debriefed {card}")

    page.click(f"{card} >> text=History and details")
    page.wait_for_selector("#history")
    steps = page.inner_text("#history")
    for word in ("start", "ask", "agree", "introduce", "met", "debrief"):
        assert word in steps
    assert "already sent a client" in page.inner_text("#debriefs")
    assert page.get_attribute("#calendar-feed a.button", "href").startswith("webcal://")


def test_vague_request_refined_then_routed_to_helpers(page: Any, app: FastAPI) -> None:
    with app.state.store.write() as s:
        engine_network(s)
    page.goto("/")
    page.click("nav >> text=Requests")
    page.fill("#add-request textarea[name=text]", "Can I pick your brain sometime?")
    page.fill("#add-request input[name=from]", "Dana Reyes")
    page.click("#add-request button[type=submit]")
    page.wait_for_selector("#refine-form")
    assert "pick your brain" in page.inner_text("#vague-reasons")
    page.fill("#refine-form input[name=goal]", "grow her referral network")
    page.fill("#refine-form input[name=ask]", "Who does tax filing for divorcing couples?")
    page.click("#save-refined")
    page.wait_for_selector("#helper-list")
    assert page.inner_text("#raw") == "Can I pick your brain sometime?"
    assert page.inner_text("#refined").startswith("Who does tax filing for divorcing couples?")
    first = page.locator("#helper-list > li").first
    assert "Lee Chen" in first.inner_text() and "score" in first.inner_text()
    page.wait_for_selector("#two-back-people")  # fetched after the page if the engine was cold
    assert "Tia Torres" in page.inner_text("#two-back-people")
    first.locator("button:has-text('Introduce Dana Reyes to Lee Chen')").click()
    page.wait_for_selector("text=linked to the request")
