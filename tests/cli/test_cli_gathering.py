"""`netweave gathering`, `share` and the get-to-know section of `week` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli


@pytest.fixture
def people(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("NETWEAVE_TODAY", "2026-11-23")
    cli("people", "add", "Dana Reyes", "--email", "dana@example.com", "--title",
        "Family-law attorney", "--need", "referrals from accountants", "--offer",
        "family-law advice", "--interest", "cycling")  # fmt: skip
    cli("people", "add", "Lee Chen", "--email", "lee@example.com", "--title", "CPA",
        "--need", "clients going through a divorce", "--offer", "tax planning for divorce",
        "--interest", "cycling")  # fmt: skip
    cli("people", "add", "Sam Okafor", "--email", "sam@example.com", "--title",
        "Divorce mediator", "--need", "referrals from family-law attorneys", "--offer",
        "divorce mediation", "--interest", "cycling")  # fmt: skip
    cli("people", "add", "Nora Quinn", "--where-met", "BNI breakfast", "--met-on",
        "2026-11-20", "--need", "divorce mediation")  # fmt: skip
    return cli


def test_gathering_plan_invite_held(people: Cli, tmp_path: Path) -> None:
    out = json.loads(people("gathering", "plan", "--size", "3", "--on", "2026-11-23", "--json"))
    assert len(out["guests"]) == 3 and out["pairs"]
    gid = str(out["id"])
    assert "Pairs who should talk" in people("gathering", "show", gid)
    assert f"#{gid} planned" in people("gathering", "list")
    people("gathering", "invite", gid, "--eml", str(tmp_path))
    assert len(list(tmp_path.glob("*.eml"))) == 3
    assert people("gathering", "invite", gid, "--mailto").count("mailto:") == 3
    first = out["guests"][0]["name"]
    assert "logged gathering" in people("gathering", "held", gid, "--came", first)
    assert "gathering-follow-up" not in people("due", "--json")  # due in two days


def test_share_ranks_then_sends_to_picks(people: Cli) -> None:
    ranking = json.loads(people("share", "tax planning when you divorce", "--json"))
    assert ranking[0]["person"]["name"] == "Lee Chen"
    sent = people("share", "tax planning when you divorce", "--pick", "1")
    assert "I thought you might find this of interest" in sent
    assert "logged a give (content) with Lee Chen" in sent


def test_week_shows_get_to_know_first(people: Cli) -> None:
    out = people("week")
    assert out.index("Get to know") < out.index("Introductions to make")
    assert "coffee with" in out and "Nora Quinn" in out
