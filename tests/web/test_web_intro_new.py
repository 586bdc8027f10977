"""Starting an introduction by hand on `/introductions/new`: refusals are messages, never 500s."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of


def start(client: TestClient, **fields: str) -> tuple[int, str, str]:
    """(status, where it redirected to, the flashes of the page it landed on)."""
    form = {"csrf_token": csrf_of(client, "/introductions/new"), **fields}
    done = client.post("/introductions/new", data=form, follow_redirects=False)
    landed = client.get(done.headers["location"]) if done.status_code == 303 else done
    said = " ".join(re.findall(r'class="flash flash-\w+" role="status">(.*?)</p>', landed.text))
    return done.status_code, done.headers.get("location", ""), said


def test_start_by_hand_from_the_board(client: TestClient, pair: dict[str, int]) -> None:
    assert 'href="/introductions/new"' in client.get("/introductions").text
    status, where, said = start(client, a="dana@reyes.law", b="Sam Ortiz", why="both in Austin")
    assert status == 303 and re.fullmatch(r"/introductions/\d+", where)
    assert said == "Started introduction #1: Dana Reyes ↔ Sam Ortiz. Ask A first."
    intro = client.get(f"/api{where}").json()
    assert (intro["origin"], intro["stage"], intro["why"]) == (
        "manual",
        "suggested",
        "both in Austin",
    )


def test_refusals_come_back_on_the_form(client: TestClient, pair: dict[str, int]) -> None:
    _, where, said = start(client, a="Nobody Atall", b="Sam Ortiz")
    assert said == "No introduction started: nobody matches &#39;Nobody Atall&#39;."
    assert where.startswith("/introductions/new?a=Nobody+Atall&b=Sam+Ortiz")
    assert 'value="Nobody Atall"' in client.get(where).text, "what was typed is kept"
    _, _, said = start(client, a="Sam Ortiz", b=str(pair["sam"]))
    assert "an introduction needs two different people" in said
    _, _, said = start(client, a="Sam Ortiz", b="")
    assert "name both people" in said


def test_a_cooling_down_pair_needs_anyway(client: TestClient, pair: dict[str, int]) -> None:
    _, where, _ = start(client, a="Dana Reyes", b="Sam Ortiz")
    token = csrf_of(client, where)
    client.post(f"{where}/dismiss", data={"csrf_token": token})
    _, _, said = start(client, a="Dana Reyes", b="Sam Ortiz")
    assert "are cooling down" in said
    status, again, said = start(client, a="Dana Reyes", b="Sam Ortiz", anyway="on")
    assert status == 303 and again != where and "Started introduction" in said
    _, _, said = start(client, a="Dana Reyes", b="Sam Ortiz", anyway="on")
    assert "already have introduction" in said
