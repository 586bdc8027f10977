"""The contact book through the real CLI on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

from netweave.db.migrate import HEAD_REVISION
from tests.conftest import Cli


def add_dana(cli: Cli) -> None:
    cli(
        "people",
        "add",
        "Dana Reyes",
        "--org",
        "Reyes Law",
        "--offer",
        "family-law advice",
        "--need",
        "referrals from CPAs",
        "--interest",
        "cycling",
        "--email",
        "dana@reyeslaw.com",
    )


def test_add_show_list_search(cli: Cli) -> None:
    add_dana(cli)
    cli("people", "add", "Lee Chen", "--title", "CPA", "--knows", "Dana Reyes", "--tag", "bni")
    shown = cli("people", "show", "Dana Reyes")
    assert "family-law advice" in shown and "referrals from CPAs" in shown
    assert "knows: Lee Chen" in shown
    listed = json.loads(cli("people", "list", "--json"))
    assert [(p["id"], p["name"]) for p in listed] == [(1, "Dana Reyes"), (2, "Lee Chen")]
    assert listed[0] == {
        "id": 1,
        "name": "Dana Reyes",
        "emails": ["dana@reyeslaw.com"],
        "organisation": "Reyes Law",
        "title": None,
    }
    assert len(json.loads(cli("people", "list", "--json", "--limit", "1"))) == 1
    found = json.loads(cli("people", "search", "cpa", "--json"))
    assert [p["name"] for p in found] == ["Dana Reyes", "Lee Chen"] or {
        p["name"] for p in found
    } == {"Dana Reyes", "Lee Chen"}
    tagged = json.loads(cli("people", "list", "--tag", "bni", "--json"))
    assert [p["name"] for p in tagged] == ["Lee Chen"]


def test_edit_and_remove_with_confirmation(cli: Cli) -> None:
    add_dana(cli)
    cli("people", "edit", "dana@reyeslaw.com", "--offer", "mediation", "--why", "sends clients")
    detail = json.loads(cli("people", "show", "1", "--json"))
    assert [i["text"] for i in detail["facets"]["offers"]] == ["family-law advice", "mediation"]
    assert detail["four_questions"]["why_connect"] == "sends clients"
    cli("people", "remove", "1", input="n\n", code=1)
    assert len(json.loads(cli("people", "list", "--json"))) == 1
    cli("people", "remove", "1", input="y\n")
    assert json.loads(cli("people", "list", "--json")) == []


def test_new_connection_prompts_the_four_questions(cli: Cli) -> None:
    answers = "to learn from her\nat the chamber lunch\nI send family-law work\nmonthly coffee\n"
    cli("people", "add", "Ana Ruiz", "--new", input=answers)
    questions = json.loads(cli("people", "show", "Ana Ruiz", "--json"))["four_questions"]
    assert questions == {
        "why_connect": "to learn from her",
        "how_connect": "at the chamber lunch",
        "why_they_connect": "I send family-law work",
        "how_keep_up": "monthly coffee",
    }


def test_knows_records_an_edge_once(cli: Cli) -> None:
    add_dana(cli)
    cli("people", "add", "Lee Chen")
    assert "know each other" in cli(
        "people", "knows", "Dana Reyes", "Lee Chen", "--since", "2024-01-05"
    )
    assert "already known" in cli("people", "knows", "Lee Chen", "Dana Reyes")


def test_export_bundle_and_restore_round_trip(cli: Cli, tmp_path: Path) -> None:
    add_dana(cli)
    bundle = tmp_path / "backup.json"
    cli("export", "bundle", str(bundle))
    restored = Cli(tmp_path / "restored.db")
    assert "restored 1 people" in restored("restore", str(bundle))
    assert json.loads(restored("people", "show", "1", "--json")) == json.loads(
        cli("people", "show", "1", "--json")
    )


def test_db_upgrade_and_current(cli: Cli) -> None:
    assert f"upgraded database from empty to {HEAD_REVISION}" in cli("db", "upgrade")
    assert "already at" in cli("db", "upgrade")
    assert HEAD_REVISION in cli("db", "current")


def test_netweave_db_environment_variable(tmp_path: Path, monkeypatch: object) -> None:
    from typer.testing import CliRunner

    from netweave.cli import app

    db = tmp_path / "env.db"
    result = CliRunner().invoke(app, ["people", "add", "Env Person"], env={"NETWEAVE_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert db.exists()
