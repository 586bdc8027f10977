"""`netweave import` / `export` through the real CLI on real client fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures"
CONTACT_FILES = sorted(
    p.name for p in FIXTURES.iterdir() if p.suffix in {".vcf", ".csv"} and "malformed" not in p.name
)


def imported(cli: Cli, *args: str) -> dict[str, object]:
    return json.loads(cli("import", *args, "--json"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", CONTACT_FILES)
def test_every_client_file_imports_and_reimport_changes_nothing(cli: Cli, name: str) -> None:
    first = imported(cli, str(FIXTURES / name))
    assert first["added"], first
    people = json.loads(cli("people", "list", "--json"))
    again = imported(cli, str(FIXTURES / name))
    assert (again["added"], again["updated"]) == (0, 0), again
    assert json.loads(cli("people", "list", "--json")) == people


def test_malformed_cards_are_reported_and_the_rest_kept(cli: Cli) -> None:
    result = imported(cli, str(FIXTURES / "malformed.vcf"))
    assert result["added"]
    rejected = result["rejected"]
    assert isinstance(rejected, list) and rejected
    for row in rejected:
        assert (
            row["file"].endswith("malformed.vcf") and isinstance(row["line"], int) and row["reason"]
        )


def test_strict_commits_nothing(cli: Cli) -> None:
    output = cli.fails("import", str(FIXTURES / "malformed.vcf"), "--strict")
    assert "--strict: nothing imported" in output
    assert json.loads(cli("people", "list", "--json")) == []


def test_dry_run_writes_nothing_and_shows_the_summary(cli: Cli) -> None:
    output = cli("import", str(FIXTURES / "linkedin_connections.csv"), "--dry-run")
    assert "dry run" in output and "added" in output
    assert json.loads(cli("people", "list", "--json")) == []


def test_not_contacts_names_the_formats_tried(cli: Cli) -> None:
    output = cli.fails("import", str(FIXTURES / "not_contacts.txt"))
    assert output.startswith("error: ") and "vcard" in output and "linkedin" in output


def test_calendar_after_contacts_logs_interactions_once(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(FIXTURES / "google_calendar.ics"), "--json")  # nobody known yet
    people_csv = tmp_path / "people.csv"
    ics = (FIXTURES / "google_calendar.ics").read_text(encoding="utf-8")
    emails = sorted(
        {
            line.split("mailto:")[1].strip()
            for line in ics.splitlines()
            if "mailto:" in line and "ATTENDEE" in line
        }
    )
    people_csv.write_text("name,email\n" + "".join(f"P{i},{e}\n" for i, e in enumerate(emails)))
    cli("import", str(people_csv))
    first = imported(cli, str(FIXTURES / "google_calendar.ics"))
    assert first["interactions"]
    assert imported(cli, str(FIXTURES / "google_calendar.ics"))["interactions"] == 0


def test_export_vcard_and_csv_round_trip_into_a_new_database(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(FIXTURES / "apple_iphone_3.0.vcf"), str(FIXTURES / "generic.csv"))
    original = json.loads(cli("people", "list", "--json"))
    for kind, name in (("vcard", "out.vcf"), ("csv", "out.csv")):
        out = tmp_path / name
        cli("export", kind, str(out))
        fresh = Cli(tmp_path / f"{kind}.db")
        fresh("import", str(out))
        names = sorted(p["name"] for p in json.loads(fresh("people", "list", "--json")))
        assert names == sorted(p["name"] for p in original)
        again = json.loads(fresh("import", str(out), "--json"))
        assert (again["added"], again["updated"]) == (0, 0)


def test_several_files_are_one_transaction(cli: Cli, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    shutil.copy(FIXTURES / "generic.csv", good)
    cli.fails("import", str(good), str(FIXTURES / "malformed.vcf"), "--strict")
    assert json.loads(cli("people", "list", "--json")) == []
