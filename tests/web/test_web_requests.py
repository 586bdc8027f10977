"""The requests pages without JavaScript: refine a vague request, helpers, two back, actions."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.services.request_helpers import engine_network
from tests.web.conftest import csrf_of

VAGUE = "Can I pick your brain?"
ASK = "Who does tax filing for divorcing couples?"


@pytest.fixture
def net(app: FastAPI) -> dict[str, int]:
    """Dana (a family-law attorney), Lee (a CPA), Tia (a therapist), Sam (a plumber)."""
    with app.state.store.write() as s:
        return {key: p.id for key, p in engine_network(s).items()}


def flashes(html: str) -> list[str]:
    return re.findall(r'class="flash flash-\w+" role="status">(.*?)</p>', html)


def add(client: TestClient, **fields: str) -> str:
    """Post the add form; the Location of the new request's page."""
    form = {"csrf_token": csrf_of(client, "/requests"), **fields}
    done = client.post("/requests", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text[:500]
    return done.headers["location"]


def test_a_vague_request_asks_for_the_refinement_first(
    client: TestClient, net: dict[str, int]
) -> None:
    token = csrf_of(client, "/requests")
    form = {"csrf_token": token, "text": VAGUE, "from": "Dana Reyes"}
    asked = client.post("/requests", data=form)
    assert asked.status_code == 200
    assert 'id="refine-form"' in asked.text and "This request is vague" in asked.text
    assert "pick your brain" in asked.text and 'name="ask"' in asked.text
    assert client.get("/api/requests").json() == [], "nothing stored before it is refined"

    where = add(client, text=VAGUE, **{"from": "Dana Reyes"}, ask=ASK, goal="grow referrals")
    page = client.get(where).text
    assert f'id="raw">{VAGUE}</dd>' in page
    assert f'id="refined">{ASK} grow referrals.</dd>' in page
    helpers = page.split('id="helper-list"', 1)[1].split("</ol>", 1)[0]
    assert "Lee Chen" in helpers and "tax filing for divorcing couples" in helpers
    assert re.search(r"score \d\.\d\d", helpers)
    assert "Dana Reyes</a></strong>" not in helpers, "never the requester"
    stored = client.get("/api/requests").json()[0]
    assert (stored["raw_text"], stored["ask"], stored["vague"]) == (VAGUE, ASK, True)


def test_kept_as_asked_then_refined_on_its_page(client: TestClient, net: dict[str, int]) -> None:
    where = add(client, text=VAGUE, keep="1")
    page = client.get(where).text
    assert "Still vague" in page and '<details id="refine" open>' in page
    token = csrf_of(client, where)
    done = client.post(f"{where}/refine", data={"csrf_token": token, "ask": ASK})
    assert done.status_code == 200 and f"Refined: {ASK}" in done.text
    assert "Still vague" not in done.text
    helpers = done.text.split('id="helper-list"', 1)[1]
    assert helpers.index("Lee Chen") < helpers.index("</ol>")
    assert client.get(f"/api{where}").json()["text"] == ASK


def test_two_back_waits_for_a_warm_engine(
    client: TestClient, app: FastAPI, net: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    where = add(client, text=ASK, **{"from": "dana@reyes.law"})
    monkeypatch.setattr(app.state.warmer, "ready", lambda *a, **k: False)  # a big network
    cold = client.get(where).text
    assert "Computing" in cold and f'data-fragment="{where}/two-back"' in cold
    assert "Lee Chen" in cold.split('id="helper-list"', 1)[1], "helpers never wait"
    preparing = client.get(f"{where}/two-back")
    assert preparing.status_code == 202 and "Still preparing" in preparing.text
    monkeypatch.undo()
    fragment = client.get(f"{where}/two-back").text
    assert "Lee Chen" in fragment and "Tia Torres" in fragment
    assert "Hi Dana," in fragment and "mailto:dana@reyes.law" in fragment
    warm = client.get(where).text
    assert "Computing" not in warm and 'id="two-back-draft"' in warm


def test_start_an_introduction_from_a_helper(client: TestClient, net: dict[str, int]) -> None:
    where = add(client, text=ASK, **{"from": "Dana Reyes"})
    token = csrf_of(client, where)
    form = {"csrf_token": token, "helper": str(net["lee"])}
    started = client.post(f"{where}/start", data=form, follow_redirects=False)
    assert started.status_code == 303
    iid = int(started.headers["location"].rsplit("/", 1)[1])
    intro = client.get(f"/api/introductions/{iid}").json()
    assert {intro["a"]["name"], intro["b"]["name"]} == {"Dana Reyes", "Lee Chen"}
    assert intro["why"].startswith("Request #")
    page = client.get(where).text
    assert f'href="/introductions/{iid}">#{iid}</a> Dana Reyes ↔ Lee Chen' in page
    assert client.get("/requests").text.count(f'href="/introductions/{iid}"') == 1
    again = client.post(f"{where}/start", data=form)
    assert again.status_code == 200
    assert any("already have introduction" in f for f in flashes(again.text))
    nobody = client.post(f"{where}/start", data={"csrf_token": token, "helper": "Nobody Atall"})
    assert any("nobody matches" in f for f in flashes(nobody.text))


def test_check_then_close_the_loop(client: TestClient, net: dict[str, int]) -> None:
    where = add(client, text=ASK)
    page = client.get(where).text
    assert "From me" in page and "Introduce" not in page and "Your own request" in page
    token = csrf_of(client, where)
    checked = client.post(f"{where}/check", data={"csrf_token": token})
    assert "next check on 2026-12-07" in checked.text
    closed = client.post(f"{where}/close", data={"csrf_token": token, "result": "found a CPA"})
    assert "closed" in closed.text and "found a CPA" in closed.text
    assert client.get("/requests").text.count('href="/requests/1"') == 0
    assert 'href="/requests/1"' in client.get("/requests?status=closed").text
    again = client.post(f"{where}/close", data={"csrf_token": token})
    assert again.status_code == 400 and "already closed" in again.text


def test_an_unknown_requester_keeps_what_was_typed(client: TestClient, net: dict[str, int]) -> None:
    token = csrf_of(client, "/requests")
    form = {"csrf_token": token, "text": ASK, "from": "Nobody Atall"}
    refused = client.post("/requests", data=form)
    assert refused.status_code == 400
    assert flashes(refused.text) == ["Not recorded: nobody matches &#39;Nobody Atall&#39;."]
    assert f">{ASK}</textarea>" in refused.text
    assert client.post("/requests", data={"text": ASK}).status_code == 403, "CSRF"


def test_route_any_text_without_storing(client: TestClient, net: dict[str, int]) -> None:
    page = client.get("/requests/route", params={"q": "divorce mediation"})
    assert page.status_code == 200 and "Dana Reyes" in page.text
    assert "divorce mediation" in page.text
    assert client.get("/api/requests?status=all").json() == []
    assert "<script>" not in client.get("/requests/route", params={"q": "<script>x"}).text
