"""netweave's own CSV layout."""

from __future__ import annotations

import datetime as dt

from conftest import by_name

from netweave.importers.generic_csv import parse_generic


def test_facets_tags_knows_and_extra(parse):
    result = parse("generic.csv")
    assert result.format == "csv"
    nadia = by_name(result)["Nadia Haddad"]
    assert nadia.needs == ["divorce attorneys", "financial planners"]
    assert nadia.referral_sources == ["divorce attorneys", "bankers"]
    assert nadia.interests == ["cycling", "fajitas"]
    assert nadia.objectives == ["open a second office"]
    assert nadia.tags == ["cpa", "tier-a"]
    assert nadia.knows == ["marco@rossi-law.it", "Priya Raman"]
    assert nadia.notes == "Met at the chamber lunch, very generous."
    assert nadia.extra == {"Birthday": "1975-04-02"}
    assert by_name(result)["Marco Rossi"].needs == ["CPAs", "therapists"]


def test_rows_without_name_or_email_are_rejected_with_line(parse):
    result = parse("generic.csv")
    assert [(r.line, r.reason) for r in result.rejected] == [(4, "row has no name and no email")]
    assert by_name(result)["ghost@example.com"].line == 7
    assert by_name(result)["Lena Vogel"].line == 5


def test_aliases_semicolons_and_spaces(parse):
    oscar = parse("generic_semicolon_aliases.csv").people[0]
    assert (oscar.full_name, oscar.organisation) == ("Oscar Lindqvist", "Lindqvist AB")
    assert oscar.emails[0].value == "oscar@lindqvist.se"
    assert oscar.extra == {"Favourite Wine": "Barolo"}


def test_first_and_last_name_labels_and_typed_fields():
    text = (
        "First Name,Last Name,E-mail,links,met_on,networker_level,cadence\n"
        "Ana,Lima,work: ana@lima.br; ana@gmail.com,linkedin: https://linkedin.com/in/ana,"
        "2024-02-30,3,not a number\n"
    )
    ana = parse_generic(text, "x.csv").people[0]
    assert (ana.full_name, ana.given_name, ana.family_name) == ("Ana Lima", "Ana", "Lima")
    assert [(e.value, e.label) for e in ana.emails] == [
        ("ana@lima.br", "work"),
        ("ana@gmail.com", None),
    ]
    assert ana.links[0].label == "linkedin"
    assert ana.networker_level == 3
    # Cells that do not parse stay visible rather than vanish.
    assert ana.met_on is None and ana.extra["met_on"] == "2024-02-30"
    assert ana.extra["cadence"] == "not a number"


def test_met_on_iso_date():
    ana = parse_generic("name,met_on\nAna,2024-02-03\n", "x.csv").people[0]
    assert ana.met_on == dt.date(2024, 2, 3)
