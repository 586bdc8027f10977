"""Parse LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data).

LinkedIn puts a free-text "Notes:" preamble before the header, has shipped the layout with and
without the URL column, and leaves Email Address blank for most connections.
"""

from __future__ import annotations

from urllib.parse import unquote

from netweave.importers.csvfields import Row, parse_date
from netweave.importers.csvutil import Table, find_header, people_from_table, read_table
from netweave.importers.records import Labelled, ParseResult, PersonRecord, Rejection

FORMAT = "linkedin"


def is_header(keys: list[str]) -> bool:
    """True for the Connections.csv header (either layout)."""
    return {"first name", "last name"} <= set(keys) and (
        "connected on" in keys or ("position" in keys and "email address" in keys)
    )


def find(text: str) -> int | None:
    """Index of the header line, past the preamble."""
    return find_header(text, is_header)


def parse_linkedin(text: str, name: str) -> ParseResult:
    """Parse a Connections.csv; rows without a name are rejected."""
    result = ParseResult(format=FORMAT)
    index = find(text)
    table = read_table(text, index) if index is not None else None
    if table is None:
        result.rejected.append(
            Rejection(name, None, "no LinkedIn header row (First Name, Last Name)")
        )
        return result
    return people_from_table(table, name, FORMAT, _person)


def decode_url(url: str) -> str:
    """Decode %-escapes (LinkedIn writes /in/jos%C3%A9-garc%C3%ADa) when they are valid UTF-8."""
    try:
        return unquote(url, errors="strict")
    except UnicodeDecodeError:
        return url


def _person(table: Table, line: int, cells: list[str]) -> PersonRecord | str:
    row = Row(table, line, cells)
    person = row.person
    given, family = row.take("first name"), row.take("last name")
    if url := row.take("url", "profile url"):
        person.links.append(Labelled(decode_url(url), "linkedin"))
    if email := row.take("email address"):
        person.emails.append(Labelled(email, None))
    person.organisation = row.take("company")
    person.title = row.take("position")
    connected = row.values.get("connected on")
    if met_on := parse_date(connected):
        row.take("connected on")
        person.met_on = met_on
    person.how_met = "LinkedIn"
    if not (given or family):
        return "row has no name"
    return row.finish(given, family)
