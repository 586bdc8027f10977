"""User mistakes: one line, exit 1 (2 for usage), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli

BAD_INPUT = [
    ("people", "show", "Nobody"),
    ("people", "show", "999"),
    ("people", "show", "ghost@example.com"),
    ("people", "add", "X", "--email", "not-an-email"),
    ("people", "add", "X", "--openness", "sometimes"),
    ("people", "add", "X", "--networker-level", "7"),
    ("people", "add", "X", "--tier", "bestie"),
    ("people", "add", "X", "--met-on", "the other day"),
    ("people", "add", "X", "--knows", "Nobody"),
    ("people", "edit", "Nobody", "--tag", "x"),
    ("people", "edit", "1", "--remove-item", "999"),
    ("people", "list", "--sort", "bogus"),
    ("people", "remove", "999", "--yes"),
    ("people", "knows", "1", "1"),
    ("restore", "/nonexistent/bundle.json"),
    ("demo", "--people", "5"),  # the database already has people
    # The relationship ledger (#5).
    ("log", "Nobody", "-c", "call", "-d", "give"),
    ("log", "1", "-c", "pigeon", "-d", "give"),
    ("log", "1", "-c", "call", "-d", "take"),
    ("log", "1", "-c", "call", "-d", "neutral", "-g", "referral"),
    ("log", "1", "-c", "call", "-d", "give", "-g", "hug"),
    ("log", "1", "-c", "call", "-d", "give", "--on", "someday"),
    ("log", "1", "-c", "call", "-d", "give", "--outcome", "fame"),
    ("log", "1", "-c", "call", "-d", "give", "--follow-up"),
    ("interaction", "edit", "999", "--note", "x"),
    ("interaction", "delete", "999"),
    ("interaction", "list", "Nobody"),
    ("ledger", "Nobody"),
    ("health", "Nobody"),
    ("goal", "set", "hugs", "3/week"),
    ("goal", "set", "gives", "lots"),
    ("goal", "set", "gives", "3/year"),
    ("goal", "history", "gives"),
    ("goal", "remove", "gives"),
    ("rot", "--by", "planet"),
    ("me", "show"),
    # Double opt-in introductions (#7); the database holds one person, #1.
    ("intro", "start", "1"),
    ("intro", "start", "1", "1"),
    ("intro", "start", "1", "Nobody"),
    ("intro", "start", "--from-suggestion", "first"),
    ("intro", "show", "999"),
    ("intro", "list", "--stage", "limbo"),
    ("intro", "ask", "999"),
    ("intro", "agree", "999"),
    ("intro", "decline", "999"),
    ("intro", "nudge", "999"),
    ("intro", "introduce", "999"),
    ("intro", "met", "999"),
    ("intro", "met", "999", "--on", "someday"),
    ("intro", "follow-up", "999"),
    ("intro", "debrief", "999", "--a", "4"),
    ("intro", "debrief", "999"),
    ("intro", "close", "999"),
    ("intro", "dismiss", "999"),
    ("intro", "rules", "--follow-up-days", "60"),
    ("intro", "rules", "--nudge-days", "0"),
    ("draft", "connect", "Nobody"),
    ("draft", "intro", "999"),
    ("draft", "intro", "1", "--kind", "poem"),
    ("calendar", "/proc/netweave/x.ics"),
    # Requests and events (#8).
    ("request", "add", "   ", "--no-refine"),
    ("request", "add", "x", "--from", "Nobody", "--no-refine"),
    ("request", "show", "999"),
    ("request", "close", "999"),
    ("request", "check", "999"),
    ("request", "route", "999"),
    ("request", "two-back", "999"),
    ("request", "link", "999", "1"),
    ("request", "list", "--status", "pending"),
    ("route",),
    ("route", "   "),
    ("route", "--from-file", "/nonexistent/requests.txt"),
    ("who", "  "),
    ("event", "add", "X", "--on", "someday"),
    ("event", "show", "Nowhere"),
    ("event", "plan", "Nowhere"),
    ("event", "attendees", "Nowhere", "-a", "A <a@example.com>"),
    ("event", "followup", "Nowhere", "--met", "1"),
    # Gatherings and sharing (#10).
    ("gathering", "plan", "--size", "4"),  # one person: no candidates
    ("gathering", "plan", "--around", "Nobody"),
    ("gathering", "plan", "--on", "someday"),
    ("gathering", "show", "999"),
    ("gathering", "invite", "999"),
    ("gathering", "held", "999"),
    ("gathering", "list", "--status", "cancelled"),
    ("share", "   "),
    ("share", "tax tips", "--to", "Nobody"),
    ("share", "tax tips", "--pick", "one"),
    # Batch jobs (#12).
    ("batch", "suggest", "--engine", "spark"),
    ("batch", "embed", "--scheduler", "tcp://127.0.0.1:9"),  # needs --engine dask
    ("batch", "suggest", "--out", "matches.csv"),
    ("batch", "suggest", "--out", "/nonexistent/dir/m.parquet"),
]

USAGE = [
    ("batch", "suggest", "--top", "0"),
    ("people", "add"),
    ("people", "list", "--limit", "0"),
    ("people", "bogus-command"),
    ("people", "add", "X", "--cadence", "-3"),
    ("log", "1", "--dir", "give"),  # --channel is required
    ("log", "1", "-c", "call", "-d", "give", "--minutes", "-5"),
    ("intro", "debrief", "1", "--a", "6"),
    ("intro", "ask", "one"),
    ("gathering", "plan", "--size", "1"),
]


@pytest.fixture
def populated(cli: Cli) -> Cli:
    cli("people", "add", "Only Person", "--email", "only@example.com")
    return cli


@pytest.mark.parametrize("args", BAD_INPUT, ids=lambda a: " ".join(a))
def test_bad_input_gives_one_line_and_exit_1(populated: Cli, args: tuple[str, ...]) -> None:
    output = populated.fails(*args, code=1)
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), output


@pytest.mark.parametrize("args", USAGE, ids=lambda a: " ".join(a))
def test_usage_errors_exit_2(populated: Cli, args: tuple[str, ...]) -> None:
    populated.fails(*args, code=2)


def test_unreadable_database_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cli = Cli(blocker / "sub" / "nw.db")
    output = cli.fails("people", "list", code=1)
    assert output.startswith("error: ")


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake.db"
    fake.write_text("this is not sqlite" * 100)
    output = Cli(fake).fails("people", "list", code=1)
    assert "error: database error: file is not a database" in output
