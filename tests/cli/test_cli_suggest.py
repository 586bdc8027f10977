"""`netweave suggest`, `why` and `playbook` through the real CLI."""

from __future__ import annotations

import json

from tests.conftest import Cli


def seed(cli: Cli) -> None:
    cli(
        "people",
        "add",
        "Dana Reyes",
        "--title",
        "Family-law attorney",
        "--email",
        "dana@reyes.law",
        "--need",
        "referrals from CPAs",
        "--offer",
        "family-law advice",
        "--referral-source",
        "CPAs",
        "--networker-level",
        "3",
    )
    cli(
        "people",
        "add",
        "Lee Chen",
        "--title",
        "CPA",
        "--need",
        "family-law advice for clients",
        "--offer",
        "tax filing for divorcing couples",
        "--referral-source",
        "divorce attorneys",
        "--networker-level",
        "3",
    )


def test_suggest_json_shape(cli: Cli) -> None:
    seed(cli)
    [top] = json.loads(cli("suggest", "--json", "--limit", "1"))
    assert set(top) >= {"a", "b", "score", "reasons_a", "reasons_b", "terms"}
    assert set(top["a"]) >= {"id", "name", "emails"}
    assert {top["a"]["name"], top["b"]["name"]} == {"Dana Reyes", "Lee Chen"}
    assert "dana@reyes.law" in top["a"]["emails"] + top["b"]["emails"]
    assert 0 < top["score"] <= 1


def test_suggest_for_a_person_and_human_output(cli: Cli) -> None:
    seed(cli)
    output = cli("suggest", "--for", "Lee Chen")
    assert "Dana Reyes" in output and "score" in output


def test_suggest_on_an_empty_book_says_what_to_record(cli: Cli) -> None:
    assert "no suggestions yet" in cli("suggest")


def test_why_prints_terms(cli: Cli) -> None:
    seed(cli)
    output = cli("why", "Dana Reyes", "Lee Chen")
    assert "reciprocal" in output and "for Dana Reyes" in output


def test_playbook_team_and_list(cli: Cli) -> None:
    cli("people", "add", "Mo Mediator", "--title", "Mediator")
    cli("people", "add", "Fay Planner", "--title", "Financial advisor")
    team = json.loads(cli("playbook", "team", "divorce", "--json"))
    assert [p["name"] for p in team["roles"]["mediator"]] == ["Mo Mediator"]
    assert len(team["not_yet_acquainted"]) == 1
    assert "divorce" in cli("playbook", "list")
    assert "known" in cli.fails("playbook", "team", "alien-invasion")
