"""`netweave intro`, `draft`, `calendar` and `calibration` through the real CLI."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import Cli


@pytest.fixture
def two(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("NETWEAVE_TODAY", "2026-11-02")
    cli("me", "set", "--name", "Robin Vale", "--interest", "cycling")
    cli("people", "edit", "Robin Vale", "--email", "robin@vale.io")
    cli(
        "people", "add", "Dana Reyes", "--email", "dana@reyes.law", "--org", "Reyes Law",
        "--link", "https://reyes.law", "--interest", "cycling", "--tier", "dormant",
    )  # fmt: skip
    cli("people", "add", "Lee Chen", "--email", "lee@chen.cpa", "--tier", "dormant")
    return cli


def at(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    monkeypatch.setenv("NETWEAVE_TODAY", day)


def test_the_whole_lifecycle_from_the_command_line(
    two: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = two("intro", "start", "Dana Reyes", "Lee Chen", "both serve divorcing clients",
              "--why-a", "Lee is a CPA.", "--why-b", "Dana refers clients.")  # fmt: skip
    assert "#1 Dana Reyes <> Lee Chen: suggested" in out
    out = two("intro", "ask", "1", "--eml", str(tmp_path / "ask.eml"))
    assert "Subject: Would you like to meet Lee Chen?" in out and "- Lee is a CPA." in out
    message = email.message_from_bytes((tmp_path / "ask.eml").read_bytes(), policy=policy.default)
    assert message["To"] == "dana@reyes.law" and message["From"] == "robin@vale.io"
    at(monkeypatch, "2026-11-09")
    due = json.loads(two("due", "--json"))
    assert [(i["kind"], i["person"]["name"]) for i in due["items"]] == [("nudge", "Dana Reyes")]
    assert two("intro", "nudge", "1", "--mailto").startswith("mailto:dana@reyes.law?subject=Re")
    two("intro", "agree", "1")
    two("intro", "ask", "1", "--mailto")
    two("intro", "agree", "1", "--on", "today")
    out = two("intro", "introduce", "1", "--json")
    data = json.loads(out)
    assert data["stage"] == "introduced" and data["drafts"][0]["to"] == [
        "dana@reyes.law",
        "lee@chen.cpa",
    ]
    assert "is in the future" in two.fails("intro", "met", "1", "--on", "2026-11-12")
    at(monkeypatch, "2026-11-12")
    two("intro", "met", "1", "--on", "2026-11-12")
    at(monkeypatch, "2026-12-03")
    assert "Follow-ups due" in two("week") and "ask how it went" in two("week")
    two("calendar", str(tmp_path / "due.ics"))
    cal = Calendar.from_ical((tmp_path / "due.ics").read_bytes())
    assert [str(e["UID"]) for e in cal.walk("VEVENT")] == ["follow-up-1@netweave.local"]
    out = two("intro", "follow-up", "1", "--eml", str(tmp_path / "f.eml"))
    assert (tmp_path / "f-1.eml").exists() and (tmp_path / "f-2.eml").exists()
    assert "How did it go with Lee Chen?" in out
    two("intro", "debrief", "1", "--a", "5", "--a-business", "--b", "4", "--b-notes", "useful")
    two("intro", "close", "1")
    shown = json.loads(two("intro", "show", "1", "--json"))
    assert shown["stage"] == "closed" and len(shown["history"]) == 12
    assert [r["stage"] for r in json.loads(two("intro", "list", "--json"))] == ["closed"]
    assert json.loads(two("intro", "list", "--stage", "met", "--json")) == []
    rot = json.loads(two("rot", "--json"))
    assert sum(r["debriefs"] for r in rot) == 2


def test_refusals_are_one_line_errors(two: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    two("intro", "start", "Dana Reyes", "Lee Chen")
    out = two.fails("intro", "agree", "1")
    assert "cannot agree an introduction that is suggested; allowed now: ask, dismiss" in out
    two("intro", "ask", "1")
    out = two.fails("intro", "nudge", "1")
    assert "too early to nudge: the reminder is due on 2026-11-09" in out
    two("intro", "decline", "1", "--note", "busy")
    assert "accepts nothing" in two.fails("intro", "ask", "1")
    assert "cooling down" in two.fails("intro", "start", "Lee Chen", "Dana Reyes")
    two("intro", "start", "Lee Chen", "Dana Reyes", "--anyway")
    two("intro", "ask", "2")
    two("intro", "agree", "2")
    assert "declined an introduction on 2026-11-02" in two.fails("intro", "ask", "2")
    at(monkeypatch, "2027-01-31")  # 90 days after Dana declined
    two("intro", "ask", "2")
    assert json.loads(two("intro", "show", "2", "--json"))["stage"] == "asked_b"


def test_unanswered_asks_close_on_their_own(two: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    two("intro", "start", "Dana Reyes", "Lee Chen")
    two("intro", "ask", "1")
    at(monkeypatch, "2026-11-20")
    assert two("intro", "sweep").strip() == "#1: expire"
    assert two("intro", "sweep").strip() == "nothing to do"
    assert json.loads(two("intro", "show", "1", "--json"))["stage"] == "no_reply"


def test_rules_draft_connect_and_calibration(two: Cli, tmp_path: Path) -> None:
    assert json.loads(two("intro", "rules", "--json"))["follow_up_days"] == 21
    assert "nudge-after-days: 10" in two("intro", "rules", "--nudge-days", "10")
    out = two("draft", "connect", "Dana Reyes")
    assert "people who care about cycling as much as I do" in out
    assert "add you to my network" not in out
    (tmp_path / "data" / "templates").mkdir(parents=True)
    two("intro", "start", "Dana Reyes", "Lee Chen")
    assert "Subject: Would you like" in two("draft", "intro", "1")
    report = json.loads(two("calibration", "--json"))
    assert report["outcomes"] == 0 and report["fitted"] is None
    assert "0 debriefed introductions" in two("calibration")


def test_start_from_a_suggestion(two: Cli) -> None:
    pytest.importorskip(
        "netweave.services.suggestions",
        reason="netweave.services.suggestions (issue #6, written concurrently) is absent",
    )
    two("people", "edit", "Dana Reyes", "--need", "referrals from accountants")
    two("people", "edit", "Lee Chen", "--offer", "referrals from accountants",
        "--need", "family-law advice for clients")  # fmt: skip
    two("people", "edit", "Dana Reyes", "--offer", "family-law advice for clients")
    data = json.loads(two("intro", "start", "--from-suggestion", "--json"))
    assert data["origin"] == "suggestion" and data["score"] is not None and data["terms"]
    assert data["reasons_a"] or data["reasons_b"]
    # The pair started is now blocked, so it is no longer among the suggestions.
    assert "there are only" in two.fails("intro", "start", "--from-suggestion", "9")
    assert "at most a RANK" in two.fails("intro", "start", "--from-suggestion", "x")
