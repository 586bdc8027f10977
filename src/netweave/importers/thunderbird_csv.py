"""Parse Thunderbird's address book CSV export ("First Name,Last Name,Display Name,…")."""

from __future__ import annotations

from netweave.importers.csvfields import Row, join_address, put
from netweave.importers.csvutil import Table, people_from_table, read_table
from netweave.importers.records import ParseResult, PersonRecord

FORMAT = "thunderbird"
_PHONES = {
    "work phone": "work", "home phone": "home", "fax number": "fax",
    "pager number": "pager", "mobile number": "mobile",
}  # fmt: skip
_ADDRESS_PARTS = ("address", "address 2", "city", "state", "zipcode", "country")


def is_header(keys: list[str]) -> bool:
    """True for Thunderbird's header (Primary Email and Display Name)."""
    return {"primary email", "display name"} <= set(keys)


def parse_thunderbird(text: str, name: str) -> ParseResult:
    """Parse a Thunderbird address book CSV."""
    table = read_table(text)
    if table is None:
        return ParseResult(format=FORMAT)
    return people_from_table(table, name, FORMAT, _person)


def _person(table: Table, line: int, cells: list[str]) -> PersonRecord | str:
    row = Row(table, line, cells)
    person = row.person
    given, family = row.take("first name"), row.take("last name")
    person.full_name = row.take("display name") or ""
    if nickname := row.take("nickname"):
        put(person, "nickname", nickname)
    row.email("primary email")
    row.email("secondary email")
    for key, label in _PHONES.items():
        row.phone(key, label)
    person.title, person.organisation = row.take("job title"), row.take("organization")
    if department := row.take("department"):
        put(person, "department", department)
    row.link("web page 1")
    row.link("web page 2")
    person.notes = row.take("notes")
    for place, label in (("work", "work"), ("home", "home")):
        city, country = row.values.get(f"{place} city"), row.values.get(f"{place} country")
        if address := join_address(row, [f"{place} {part}" for part in _ADDRESS_PARTS]):
            put(person, f"address ({label})", address)
            person.location = person.location or ", ".join(p for p in (city, country) if p)
    year, month, day = (row.take(f"birth {part}") for part in ("year", "month", "day"))
    if year or month or day:
        put(
            person,
            "birthday",
            f"{year or '????'}-{(month or '??').zfill(2)}-{(day or '??').zfill(2)}",
        )
    if screen := row.take("screen name"):
        put(person, "impp", screen)
    return row.finish(given, family)
