"""ledger, due, health, goal, week, rot and me through the real CLI, on a fixed clock."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Cli


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWEAVE_TODAY", "2026-11-23")  # a Monday


@pytest.fixture
def network(cli: Cli) -> Cli:
    cli(
        "me",
        "set",
        "--name",
        "Alex Doe",
        "--interest",
        "cycling",
        "--offer",
        "estate planning",
        "--need",
        "referrals from accountants",
    )
    cli(
        "people",
        "add",
        "Dana Reyes",
        "--tier",
        "inner",
        "--interest",
        "road cycling",
        "--need",
        "estate planning for clients",
        "--offer",
        "referrals from accountants",
    )
    cli("people", "add", "Lee Chen", "--tier", "active")
    for on in ("2026-10-01", "2026-10-15", "2026-11-02"):
        cli("log", "Dana Reyes", "-c", "in-person", "-d", "give", "--on", on, "coffee")
    cli("log", "Lee Chen", "-c", "call", "-d", "ask", "--on", "2026-09-01", "-m", "30", "help?")
    return cli


def test_ledger(network: Cli) -> None:
    data = json.loads(network("ledger", "Dana Reyes", "--json"))
    assert [(m["month"], m["gives"]) for m in data["months"]] == [("2026-10", 2), ("2026-11", 1)]
    assert data["jab"]["ready_to_ask"] is True
    assert "an ask is fair" in network("ledger", "Dana Reyes")


def test_due_lists_overdue_with_reasons(network: Cli) -> None:
    data = json.loads(network("due", "--json"))
    # Lee: 83 days since, cadence 30, strength 24 -> (1 + 1.77) * 0.43 = 1.19;
    # Dana: 21 days since, cadence 14, strength 67 -> (1 + 0.5) * 0.75 = 1.13.
    assert [i["person"]["name"] for i in data["items"]] == ["Lee Chen", "Dana Reyes"]
    assert "keep in touch every 14 days (tier inner): 7 days overdue" in data["items"][1]["reason"]
    assert "Lee Chen" in network("due")


def test_health_person_and_cold(network: Cli) -> None:
    data = json.loads(network("health", "Dana Reyes", "--json"))
    assert data["strength"] is not None and not data["never_scored"]
    statuses = {r["name"]: r["status"] for r in data["requirements"]}
    assert statuses["common ground"] == "met" and statuses["mutual interest"] == "met"
    out = network("health", "Dana Reyes", "--face-to-face-days", "7")
    assert "occasional face-to-face: missing" in out
    cold = json.loads(network("health", "--cold", "--json"))
    assert [i["person"]["name"] for i in cold["items"]] == ["Dana Reyes"]
    assert "no contact for 21 days (keep in touch every 14)" in cold["items"][0]["reasons"]
    network("people", "add", "Nobody Yet")
    assert "never scored" in network("health", "Nobody Yet")


def test_goals_and_week(network: Cli) -> None:
    assert "goal: 3 introductions per week" in network("goal", "set", "introductions", "3/week")
    listed = json.loads(network("goal", "list", "--json"))
    assert [(g["metric"], g["default"]) for g in listed] == [
        ("introductions", False),
        ("face-to-face", True),
    ]
    history = json.loads(network("goal", "history", "face-to-face", "--periods", "3", "--json"))
    # Fortnights 10-19..11-01, 11-02..11-15, 11-16..11-29.
    assert [p["count"] for p in history["periods"]] == [0, 1, 0]
    week = network("week")
    assert "no suggested introductions yet" in week
    assert "Going cold (1 in all)" in week
    assert "due 2026-11-16 (overdue); last face-to-face 2026-11-02" in week
    assert "introductions: 0/3 this week (3 to go)" in week
    plan = json.loads(network("week", "--json"))
    assert plan["next_outing"]["due_on"] == "2026-11-16"
    network("goal", "remove", "introductions")


def test_rot(network: Cli) -> None:
    network(
        "log",
        "Lee Chen",
        "-c",
        "call",
        "-d",
        "receive",
        "-g",
        "referral",
        "-m",
        "30",
        "--on",
        "2026-11-10",
        "sent a client",
    )
    rows = json.loads(network("rot", "--by", "person", "--json"))
    lee = next(r for r in rows if r["name"] == "Lee Chen")
    assert (lee["hours"], lee["referrals"], lee["rot"]) == (1.0, 1, 1.0)
    assert "Return on time by month" in network("rot")


def test_me_show(network: Cli) -> None:
    assert "cycling" in network("me", "show")
    assert "is you" in network.fails("log", "Alex Doe", "-c", "call", "-d", "give")
