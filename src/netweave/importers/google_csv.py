"""Parse Google Contacts CSV exports, legacy ("Given Name", "Group Membership") and current
("First Name", "Labels"). A cell may hold several values joined by " ::: ".
"""

from __future__ import annotations

from netweave.importers.csvfields import Row, multi, put
from netweave.importers.csvutil import Table, people_from_table, read_table
from netweave.importers.records import ParseResult, PersonRecord

FORMAT = "google"
_ADDRESS_PARTS = (
    "street",
    "po box",
    "extended address",
    "city",
    "region",
    "postal code",
    "country",
)


def is_header(keys: list[str]) -> bool:
    """True for either Google layout."""
    found = set(keys)
    legacy = {"given name", "family name"} <= found and (
        "group membership" in found or "e-mail 1 - value" in found
    )
    current = {"first name", "last name", "labels"} <= found or (
        "first name" in found and "e-mail 1 - label" in found
    )
    return legacy or current


def parse_google(text: str, name: str) -> ParseResult:
    """Parse a Google Contacts CSV."""
    table = read_table(text)
    if table is None:
        return ParseResult(format=FORMAT)
    return people_from_table(table, name, FORMAT, _person)


def _numbered(row: Row, kind: str) -> list[tuple[str, str]]:
    """`(prefix, label)` for each "Kind N - …" group present, e.g. ("e-mail 2 - ", "work")."""
    groups = []
    for number in range(1, 100):
        prefix = f"{kind} {number} - "
        if not any(key.startswith(prefix) for key in row.table.keys):
            break
        raw = row.take(prefix + "type", prefix + "label") or ""
        label = " ".join(raw.replace("*", " ").split()).lower() or None
        groups.append((prefix, label or ""))
    return groups


def _person(table: Table, line: int, cells: list[str]) -> PersonRecord | str:
    row = Row(table, line, cells)
    person = row.person
    person.full_name = row.take("name") or ""
    given = row.take("given name", "first name")
    family = row.take("family name", "last name")
    for key, title in (("additional name", "middle name"), ("middle name", "middle name")):
        if value := row.take(key):
            put(person, title, value)
    person.notes = row.take("notes")
    person.location = row.take("location")
    row.tags("group membership", ":::")
    row.tags("labels", ":::")
    _contacts(row)
    _organisations(row)
    _others(row)
    return row.finish(given, family)


def _contacts(row: Row) -> None:
    for prefix, label in _numbered(row, "e-mail"):
        row.email(prefix + "value", label or None)
    for prefix, label in _numbered(row, "phone"):
        row.phone(prefix + "value", label or None)
    for prefix, label in _numbered(row, "website"):
        link = "website" if label in ("", "home page", "homepage") else label
        row.link(prefix + "value", link)


def _organisations(row: Row) -> None:
    person = row.person
    person.organisation = row.take("organization name")
    person.title = row.take("organization title")
    if department := row.take("organization department"):
        put(person, "department", department)
    for prefix, _label in _numbered(row, "organization"):
        org, title = row.take(prefix + "name"), row.take(prefix + "title")
        if person.organisation is None and org:
            person.organisation, person.title = org, title
            org = title = None
        for key, value in (("organisation", org), ("title", title)):
            if value:
                put(person, key, value)
        if department := row.take(prefix + "department"):
            put(person, "department", department)


def _others(row: Row) -> None:
    person = row.person
    for prefix, label in _numbered(row, "address"):
        parts = [row.take(prefix + part) for part in _ADDRESS_PARTS]
        formatted = row.take(prefix + "formatted") or ", ".join(p for p in parts if p)
        key = f"address ({label})" if label else "address"
        for value in multi(formatted):
            put(person, key, value)
        if person.location is None:
            place = [parts[3], parts[4], parts[6]]
            person.location = ", ".join(p for p in place if p) or None
    for kind, key in (("relation", "related"), ("event", "date"), ("custom field", "")):
        for prefix, label in _numbered(row, kind):
            for value in multi(row.take(prefix + "value")):
                put(person, f"{key} ({label})" if key and label else key or label or kind, value)
    for prefix, label in _numbered(row, "im"):
        service = (row.take(prefix + "service") or "").lower()
        tag = ", ".join(filter(None, (service, label)))
        for value in multi(row.take(prefix + "value")):
            put(person, f"impp ({tag})" if tag else "impp", value)
