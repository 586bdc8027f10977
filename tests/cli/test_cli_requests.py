"""`netweave request`, `route`, `who` and `event` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli


@pytest.fixture
def net(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("NETWEAVE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NETWEAVE_TODAY", "2026-11-23")
    cli("people", "add", "Bea Broker", "--email", "bea@example.com",
        "--offer", "lease negotiation for dental offices")  # fmt: skip
    cli("people", "add", "Lia Lawyer", "--email", "lia@example.com",
        "--offer", "patent prosecution for wearable sensors")  # fmt: skip
    cli("people", "add", "Dana Reyes", "--email", "dana@example.com")
    return cli


def test_route_json_shape_and_from_file(net: Cli, tmp_path: Path) -> None:
    found = json.loads(net("route", "who negotiates leases for dental offices?", "--json"))
    assert found[0]["person"] == {"id": 1, "name": "Bea Broker", "emails": ["bea@example.com"]}
    assert set(found[0]) == {"person", "score", "reasons"}
    assert 'offers "lease negotiation for dental offices"' in found[0]["reasons"][0]
    lines = tmp_path / "requests_lines.txt"
    lines.write_text("dental office lease\n\npatents for wearable sensors\n", encoding="utf-8")
    many = json.loads(net("route", "--from-file", str(lines), "--json", "-n", "1"))
    assert [[h["person"]["name"] for h in one] for one in many] == [["Bea Broker"], ["Lia Lawyer"]]
    assert "Lia Lawyer" in net("who", "patent law")


def test_vague_request_is_refined_by_prompts(net: Cli) -> None:
    answers = (
        "open a second clinic\nDana runs one dental practice\n"
        "who negotiates dental leases?\na signed lease\n"
    )
    out = net(
        "request", "add", "--from", "Dana Reyes", "I'd like to pick your brain", input=answers
    )
    assert "This request is vague" in out and "What is the specific ask?" in out
    shown = json.loads(net("request", "show", "1", "--json"))
    assert shown["raw_text"] == "I'd like to pick your brain"
    assert shown["text"].startswith("who negotiates dental leases?")
    assert shown["outcome"] == "a signed lease"
    routed = json.loads(net("request", "route", "1", "--json"))
    assert routed[0]["person"]["name"] == "Bea Broker"
    assert all(h["person"]["name"] != "Dana Reyes" for h in routed)


def test_flags_refine_without_prompts_and_close(net: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    out = net("request", "add", "Any advice?", "--ask", "who files wearable patents?", "--json")
    view = json.loads(out)
    assert view["detection"]["vague"] and view["ask"] == "who files wearable patents?"
    assert "What is" not in out
    specific = json.loads(
        net("request", "add", "Who files patents for wearable sensors?", "--json")
    )
    assert not specific["detection"]["vague"] and not specific["refined"]
    assert "#2" in net("request", "list")
    net("request", "close", "1", "--result", "filed")
    assert (
        json.loads(net("request", "list", "--status", "closed", "--json"))[0]["result"] == "filed"
    )
    monkeypatch.setenv("NETWEAVE_TODAY", "2026-12-08")
    due = json.loads(net("due", "--json"))
    assert any(i["kind"] == "request" for i in due["items"])


def test_event_add_attendees_plan_followup(net: Cli) -> None:
    net("event", "add", "Summit", "--on", "2026-11-20", "--place", "Austin")
    out = net("event", "attendees", "Summit", "-a", "Bea Broker <bea@example.com>",
              "-a", "Nia New <nia@new.example>")  # fmt: skip
    assert "2 added to the list" in out and "1 new" in out
    net("event", "attendees", "Summit", "-", input="Ola Other <ola@example.com>\n")
    plan = json.loads(net("event", "plan", "Summit", "--json"))
    assert {m["person"]["name"] for m in plan["meet"]} == {"Bea Broker", "Nia New", "Ola Other"}
    assert all(m["new"] for m in plan["meet"])
    assert "logged meeting Nia New" in net("event", "followup", "Summit", "--met", "Nia New")
    assert "(met 2026-11-20)" in net("event", "show", "Summit")
    assert "Summit" in net("event", "list")


def test_a_request_kept_vague_is_refined_later(net: Cli) -> None:
    added = net("request", "add", "--from", "Dana Reyes", "Can I pick your brain?", "--no-refine")
    assert "still vague" in added and "netweave request refine 1" in added
    answers = "open a second clinic\n\nwho negotiates dental office leases?\na signed lease\n"
    assert "refined:" in net("request", "refine", "1", input=answers)
    shown = json.loads(net("request", "show", "1", "--json"))
    assert shown["raw_text"] == "Can I pick your brain?"
    assert "dental office leases" in shown["text"]
    helpers = json.loads(net("request", "route", "1", "--json"))
    assert helpers[0]["person"]["name"] == "Bea Broker"
    assert "answer at least one question" in net.fails("request", "refine", "1", input="\n\n\n\n")
