"""Parse Outlook's contact CSV (classic Outlook "Export to a file" and Outlook.com).

Outlook writes windows-1252 unless told otherwise; "Title" is the honorific ("Dr.") and
"Job Title" the job. Cells Outlook fills by itself (Gender "Unspecified", Birthday "0/0/00")
are not kept.
"""

from __future__ import annotations

from netweave.importers.csvfields import Row, join_address, put
from netweave.importers.csvutil import Table, people_from_table, read_table
from netweave.importers.records import ParseResult, PersonRecord

FORMAT = "outlook"
_DEFAULTS = {
    "gender": ("Unspecified",), "priority": ("Normal",), "sensitivity": ("Normal",),
    "private": ("False",), "birthday": ("0/0/00", "0/0/0000"),
    "anniversary": ("0/0/00", "0/0/0000"),
    "initials": (), "e-mail type": (), "e-mail 2 type": (), "e-mail 3 type": (),
    "e-mail display name": (), "e-mail 2 display name": (), "e-mail 3 display name": (),
}  # fmt: skip
_PLACES = {"business": "work", "home": "home", "other": "other"}
_ADDRESS_PARTS = (
    "street", "street 2", "street 3", "address po box", "city", "state", "postal code",
    "country/region", "country",
)  # fmt: skip
_PHONE_WORDS = ("phone", "fax", "pager", "callback", "isdn", "telex")


def is_header(keys: list[str]) -> bool:
    """True for Outlook's header: E-mail Address plus Job Title or phone columns."""
    found = set(keys)
    return "e-mail address" in found and bool(
        found & {"job title", "mobile phone", "business phone", "e-mail 2 address"}
    )


def parse_outlook(text: str, name: str) -> ParseResult:
    """Parse an Outlook contacts CSV."""
    table = read_table(text)
    if table is None:
        return ParseResult(format=FORMAT)
    return people_from_table(table, name, FORMAT, _person)


def phone_label(key: str) -> str:
    """ "Business Phone 2" → "work", "Home Fax" → "home fax", "Mobile Phone" → "mobile"."""
    words = [w for w in key.replace("'s", "").split() if not w.isdigit() and w != "phone"]
    words = [_PLACES.get(w, w) for w in words]
    return " ".join(words) or "phone"


def _person(table: Table, line: int, cells: list[str]) -> PersonRecord | str:
    row = Row(table, line, cells)
    person = row.person
    for key, defaults in _DEFAULTS.items():
        row.ignore(key, *defaults)
    given, family = row.take("first name"), row.take("last name")
    middle, prefix, suffix = row.take("middle name"), row.take("title"), row.take("suffix")
    person.full_name = " ".join(p for p in (prefix, given, middle, family, suffix) if p)
    for key, value in (("middle name", middle), ("name prefix", prefix), ("name suffix", suffix)):
        if value:
            put(person, key, value)
    person.organisation, person.title = row.take("company"), row.take("job title")
    if department := row.take("department"):
        put(person, "department", department)
    for key in ("e-mail address", "e-mail 2 address", "e-mail 3 address"):
        row.email(key)
    for key in table.keys:
        if any(word in key for word in _PHONE_WORDS) and "address" not in key:
            row.phone(key, phone_label(key))
    row.link("web page")
    row.link("personal web page")
    row.tags("categories", ";")
    person.notes = row.take("notes")
    _addresses(row)
    return row.finish(given, family)


def _addresses(row: Row) -> None:
    row.person.location = row.take("location")
    for place, label in _PLACES.items():
        keys = [f"{place} {part}" for part in _ADDRESS_PARTS]
        city, region = row.values.get(f"{place} city"), row.values.get(f"{place} state")
        country = row.values.get(f"{place} country/region") or row.values.get(f"{place} country")
        if address := join_address(row, keys):
            put(row.person, f"address ({label})", address)
            place_text = ", ".join(p for p in (city, region, country) if p)
            row.person.location = row.person.location or place_text or None
