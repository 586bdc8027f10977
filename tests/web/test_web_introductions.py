"""The suggestions page, the introductions board and an introduction's page, without JS."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import SCRIPT_NAME, csrf_of

ESCAPED = "Lee &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Chen"


def start_from_page(client: TestClient, pair: dict[str, int]) -> int:
    token = csrf_of(client, "/suggestions")
    form = {"csrf_token": token, "a": pair["dana"], "b": pair["lee"]}
    started = client.post("/suggestions/start", data=form, follow_redirects=False)
    assert started.status_code == 303, started.text
    found = re.fullmatch(r"/introductions/(\d+)", started.headers["location"])
    assert found
    return int(found.group(1))


def test_suggestions_page_escapes_and_filters(client: TestClient, pair: dict[str, int]) -> None:
    page = client.get("/suggestions")
    assert page.status_code == 200
    assert SCRIPT_NAME not in page.text and ESCAPED in page.text
    assert "For Dana Reyes" in page.text and "Start introduction" in page.text
    assert page.text.count('name="csrf_token"') == 2 * page.text.count('class="card suggestion"')
    mine = client.get("/suggestions", params={"for": pair["sam"]})
    assert "Suggestions: for Sam Ortiz" in mine.text
    by_name = client.get("/suggestions", params={"who": "Sam Ortiz"}, follow_redirects=False)
    assert by_name.headers["location"] == f"/suggestions?for={pair['sam']}"
    refused = client.post("/suggestions/start", data={"a": pair["dana"], "b": pair["lee"]})
    assert refused.status_code == 403


def test_dismiss_on_the_page_cools_the_pair_down(client: TestClient, pair: dict[str, int]) -> None:
    token = csrf_of(client, "/suggestions")
    form = {"csrf_token": token, "a": pair["dana"], "b": pair["lee"]}
    page = client.post("/suggestions/dismiss", data=form)
    assert "not suggested again for 180 days" in page.text
    assert (
        f'name="a" value="{pair["dana"]}"><input type="hidden" name="b" value="{pair["lee"]}"'
        not in page.text
    )
    board = client.get("/introductions").text
    assert "Dismissed" in board and "dismissed on 2026-11-23" in board


def test_board_shows_only_allowed_actions_and_drafts(
    client: TestClient, pair: dict[str, int]
) -> None:
    iid = start_from_page(client, pair)
    board = client.get("/introductions")
    assert board.status_code == 200
    assert SCRIPT_NAME not in board.text and ESCAPED in board.text
    card = board.text.split(f'id="intro-{iid}"', 1)[1].split("</article>", 1)[0]
    assert re.findall(r'data-action="([\w-]+)"', card) == ["ask", "dismiss"]
    assert "<textarea" in card and "mailto:dana@reyes.law?subject=" in card
    assert f"/introductions/{iid}/drafts/optin.eml" in card
    assert 'href="webcal://127.0.0.1:8765/calendar.ics"' in board.text
    assert 'href="/calendar.ics"' in board.text
    token = csrf_of(client, "/introductions")
    refused = client.post(f"/introductions/{iid}/introduce", data={"csrf_token": token})
    assert refused.status_code == 409
    assert "allowed now: ask, dismiss" in refused.text


def test_walk_to_a_debrief_on_the_pages(client: TestClient, pair: dict[str, int]) -> None:
    iid = start_from_page(client, pair)
    token = csrf_of(client, f"/introductions/{iid}")
    for action in ("ask", "agree", "ask", "agree", "introduce", "met"):
        done = client.post(
            f"/introductions/{iid}/{action}",
            data={"csrf_token": token, "back": f"/introductions/{iid}"},
        )
        assert done.status_code == 200, (action, done.text[:300])
    page = client.get(f"/introductions/{iid}").text
    assert "Follow-up to A" in page and 'id="debrief-' in page
    form = {
        "csrf_token": token,
        "a_outcome": "4",
        "a_business": "on",
        "a_notes": "<b>signed</b>",
        "b_outcome": "3",
        "back": "https://evil.example/",
    }
    done = client.post(f"/introductions/{iid}/debrief", data=form, follow_redirects=False)
    assert done.headers["location"] == f"/introductions/{iid}", "never redirects elsewhere"
    page = client.get(f"/introductions/{iid}").text
    assert "Debrief recorded" in page and "4/5 · business" in page
    assert "&lt;b&gt;signed&lt;/b&gt;" in page
    history = page.split('id="history"', 1)[1]
    assert history.count("<time>2026-11-23</time>") == 8
    eml = client.get(f"/introductions/{iid}/drafts/follow-up-b.eml")
    assert b"To: lee@chen.tax" in eml.content
    assert client.get(f"/introductions/{iid}/drafts/poem.eml").status_code == 404


def test_dashboard_card_loads_after_the_page(client: TestClient, pair: dict[str, int]) -> None:
    board = client.get("/").text
    assert "Top suggestions" in board and 'data-fragment="/suggestions/top"' in board
    assert 'href="/suggestions"' in board, "a link without JavaScript"
    top = client.get("/suggestions/top")
    assert "Dana Reyes" in top.text and ESCAPED in top.text and "<html" not in top.text
    nav = re.findall(r'<nav aria-label="Main">(.*?)</nav>', board, re.S)[0]
    assert "/suggestions" in nav and "/introductions" in nav


def test_network_draws_suggested_links(client: TestClient, pair: dict[str, int]) -> None:
    def suggested_links() -> list[dict[str, object]]:
        return [x for x in client.get("/api/network").json()["links"] if x.get("suggested")]

    assert client.get("/suggestions").status_code == 200  # builds (warms) the engine
    links = suggested_links()
    suggested = [(x["source"], x["target"]) for x in links if x.get("suggested")]
    assert suggested and set(suggested[0]) == {pair["dana"], pair["lee"]}
