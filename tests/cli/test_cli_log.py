"""Logging and editing interactions through the real CLI, on a fixed clock."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Cli


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWEAVE_TODAY", "2026-11-23")  # a Monday


@pytest.fixture
def people(cli: Cli) -> Cli:
    cli("people", "add", "Dana Reyes", "--interest", "cycling", "--need", "tax advice")
    cli("people", "add", "Lee Chen", "--offer", "tax planning", "--title", "CPA")
    return cli


def test_log_note_positional_or_option_and_dates(people: Cli) -> None:
    out = people(
        "log",
        "Dana Reyes",
        "--channel",
        "call",
        "--dir",
        "give",
        "--on",
        "last friday",
        "sent the article",
    )
    assert "logged #1: give by call with Dana Reyes on 2026-11-20" in out
    people(
        "log",
        "Dana Reyes",
        "Lee Chen",
        "-c",
        "in-person",
        "-d",
        "give",
        "-g",
        "introduction",
        "--note",
        "lunch",
        "--on",
        "yesterday",
        "--minutes",
        "60",
    )
    people("log", "Lee Chen", "-c", "email", "-d", "neutral", "--on", "2026-11-01")
    rows = json.loads(people("interaction", "list", "--json"))
    assert [(r["id"], r["on"], r["note"]) for r in rows] == [
        (2, "2026-11-22", "lunch"),
        (1, "2026-11-20", "sent the article"),
        (3, "2026-11-01", None),
    ]
    assert [p["name"] for p in rows[0]["people"]] == ["Dana Reyes", "Lee Chen"]
    shown = json.loads(people("people", "show", "Dana Reyes", "--json"))
    assert [p["name"] for p in shown["knows"]] == ["Lee Chen"]
    only_lee = json.loads(people("interaction", "list", "Lee Chen", "--json"))
    assert [r["id"] for r in only_lee] == [2, 3]


def test_ask_warns_and_suggests_gives(people: Cli) -> None:
    out = people("log", "Dana Reyes", "-c", "email", "-d", "ask", "could you intro me?")
    assert "warning: only 0 gives to Dana Reyes so far; give 3 more before asking" in out
    assert "give: share something about cycling" in out
    assert "introduce Lee Chen (#2), who offers 'tax planning'" in out
    assert "introduction engine" in out
    data = json.loads(people("log", "Dana Reyes", "-c", "email", "-d", "ask", "--json", "another?"))
    assert data["warnings"][0]["content_ideas"] == ["share something about cycling"]


def test_edit_and_delete(people: Cli) -> None:
    people("log", "Dana Reyes", "-c", "call", "-d", "neutral", "catch-up")
    people(
        "interaction",
        "edit",
        "1",
        "--dir",
        "give",
        "--give",
        "advice",
        "--add-person",
        "Lee Chen",
        "--note",
        "",
    )
    row = json.loads(people("interaction", "list", "--json"))[0]
    assert (row["direction"], row["give"], row["note"]) == ("give", "advice", None)
    assert len(row["people"]) == 2
    assert "deleted #1" in people("interaction", "delete", "1")
    assert json.loads(people("interaction", "list", "--json")) == []


def test_business_outcome_and_follow_up(people: Cli) -> None:
    people(
        "log",
        "Dana Reyes",
        "Lee Chen",
        "-c",
        "video",
        "-d",
        "give",
        "-g",
        "introduction",
        "--on",
        "2026-11-01",
        "meet each other",
    )
    people("log", "Dana Reyes", "-c", "call", "-d", "neutral", "--follow-up", "how did it go")
    people("log", "Lee Chen", "-c", "call", "-d", "receive", "--outcome", "business", "a client")
    rows = json.loads(people("interaction", "list", "--json"))
    assert rows[1]["follow_up_of"] == 1 and rows[0]["outcome"] == "business"
