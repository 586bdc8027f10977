"""Turn one CSV row into a PersonRecord without losing a cell: what is not mapped goes to extra."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from netweave.importers.csvutil import Table, split_list
from netweave.importers.records import Labelled, PersonRecord

_DATE_FORMATS = (
    "%d %b %Y",
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%m/%d/%y",
    "%d %B %Y",
    "%b %d, %Y",
)
_MULTI = re.compile(r"\s+:::\s+")  # Google joins several values in one cell with " ::: "


@lru_cache(maxsize=4096)  # exports repeat dates (LinkedIn's "Connected On"): strptime is slow
def parse_date(value: str | None) -> dt.date | None:
    """Read the date formats contact exports use; None when it is not one."""
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def multi(value: str | None) -> list[str]:
    """Split a Google ` ::: ` multi-value cell."""
    return [v.strip() for v in _MULTI.split(value) if v.strip()] if value else []


class Row:
    """One data row; `take` marks cells as used so that `finish` can keep the rest in extra."""

    def __init__(self, table: Table, line: int, cells: list[str]) -> None:
        self.table = table
        self.values = table.record(cells)
        self.used: set[str] = set()
        self.person = PersonRecord(full_name="", line=line)

    def has(self, key: str) -> bool:
        return key in self.values

    def take(self, *keys: str) -> str | None:
        """The first non-empty value among keys; all of them count as used."""
        self.used.update(keys)
        for key in keys:
            if key in self.values:
                return self.values[key]
        return None

    def ignore(self, key: str, *defaults: str) -> None:
        """Treat a cell as not typed by the user when it holds one of the client's defaults."""
        if key in self.values and (not defaults or self.values[key] in defaults):
            self.used.add(key)

    def email(self, key: str, label: str | None = None) -> None:
        for value in multi(self.take(key)):
            self.person.emails.append(Labelled(value, label))

    def phone(self, key: str, label: str | None = None) -> None:
        for value in multi(self.take(key)):
            self.person.phones.append(Labelled(value, label))

    def link(self, key: str, label: str | None = None) -> None:
        for value in multi(self.take(key)):
            kind = "linkedin" if "linkedin.com" in value.lower() else label or "website"
            self.person.links.append(Labelled(value, kind))

    def tags(self, key: str, separators: str) -> None:
        for tag in split_list(self.take(key), separators):
            tag = tag.lstrip("* ").strip()
            if tag and tag not in self.person.tags:
                self.person.tags.append(tag)

    def finish(self, given: str | None = None, family: str | None = None) -> PersonRecord | str:
        """Fill the name and extra; return the reason instead when the row names nobody."""
        person = self.person
        person.given_name = person.given_name or given
        person.family_name = person.family_name or family
        parts = " ".join(p for p in (person.given_name, person.family_name) if p)
        emails = [e.value for e in person.emails]
        person.full_name = person.full_name or parts or (emails[0] if emails else "")
        for key, value in self.values.items():
            if key not in self.used:
                put(person, self.table.original(key), value)
        if not person.full_name:
            return "row has no name and no email"
        return person


def put(person: PersonRecord, key: str, value: str) -> None:
    """Store in extra, numbering a repeated key."""
    candidate, number = key, 1
    while candidate in person.extra and person.extra[candidate] != value:
        number += 1
        candidate = f"{key} {number}"
    person.extra[candidate] = value


def join_address(row: Row, keys: list[str]) -> str:
    """One address from its part columns, in order, blanks skipped."""
    return ", ".join(v for v in (row.take(k) for k in keys) if v)
