"""LinkedIn Connections.csv, both layouts, with the quirks LinkedIn's export really has."""

from __future__ import annotations

import datetime as dt

from conftest import by_name

from netweave.importers.linkedin import decode_url, parse_linkedin


def test_current_layout_with_preamble(parse):
    result = parse("linkedin_connections.csv")
    assert result.format == "linkedin" and not result.rejected
    people = by_name(result)
    jose = people["José García"]
    assert jose.links[0].value == "https://www.linkedin.com/in/josé-garcía-4b1a2c3"
    assert jose.links[0].label == "linkedin"
    assert jose.emails == []
    assert jose.organisation == "Constructora Sol, S.L."
    assert jose.title == "Director comercial 🏗️"
    assert (jose.met_on, jose.how_met) == (dt.date(2023, 3, 15), "LinkedIn")
    assert jose.line == 5
    assert people["Zoë Ångström"].emails[0].value == "zoe@nordlys.se"
    assert people["Priya Raman"].title == "Head of Partnerships\t(EMEA)"
    assert people["Amélie Dubois ✨"].title == 'Photographe "mariage" & portrait'


def test_row_wrapped_whole_in_quotes_is_resplit(parse):
    harold = by_name(parse("linkedin_connections.csv"))["Harold Whitfield"]
    assert harold.organisation == "Whitfield Insurance Brokers"
    assert harold.met_on == dt.date(2019, 11, 11)
    assert harold.line == 8


def test_older_layout_without_url(parse):
    result = parse("linkedin_connections_old.csv")
    assert result.format == "linkedin"
    tomas = by_name(result)["Tomás Ó Briain"]
    assert tomas.links == [] and tomas.emails[0].value == "tomas@obriain.ie"
    assert tomas.met_on == dt.date(2018, 2, 3)


def test_nameless_row_is_rejected_with_its_line():
    text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n,,,x@y.z,,,\n"
    result = parse_linkedin(text, "c.csv")
    assert result.people == []
    assert (result.rejected[0].line, result.rejected[0].reason) == (2, "row has no name")


def test_unparsable_connected_on_is_kept_in_extra():
    text = "First Name,Last Name,Connected On,Email Address,Position\nAna,Lima,someday,,\n"
    ana = parse_linkedin(text, "c.csv").people[0]
    assert ana.met_on is None and ana.extra["Connected On"] == "someday"


def test_decode_url_leaves_invalid_escapes_alone():
    assert decode_url("https://x/in/a%ZZ%C3") == "https://x/in/a%ZZ%C3"
    assert decode_url("https://x/in/%E6%9D%8E") == "https://x/in/李"
