"""Parse netweave's own CSV layout, the one to use when writing a spreadsheet by hand.

Columns (any subset, any order; headers are case-insensitive and `_`, `-` or spaces alike):

    name, given_name, family_name, email, phone, links, organization, title, location,
    how_met, where_met, met_on, tags, temperament, networker_level, openness, tier,
    cadence_days, objectives, needs, offers, interests, referral_sources, prospect_pool,
    notes, knows

Aliases: `full name`/`display name` for name, `first name`+`last name`, `company`/`org`/
`organisation` for organization, `job title`/`position` for title, `e-mail`/`email address`,
`website`/`url`/`linkedin` for links, `labels`/`categories` for tags, `note`/`comments`.

List cells (email, phone, links, tags, temperament, the six facets, knows) are separated by
`;`. An email, phone or link may carry a label before `: ` (`work: jane@acme.com`,
`linkedin: https://…`). `knows` holds emails or names of people this person knows.
`met_on` is an ISO date. Any other column is kept in `extra` under its header; a column named
`extra:KEY` is kept under KEY. A row with neither a name nor an email is rejected.
"""

from __future__ import annotations

import datetime as dt
import re

from netweave.importers.csvfields import Row, put
from netweave.importers.csvutil import Table, find_header, people_from_table, read_table, split_list
from netweave.importers.records import FACET_FIELDS, Labelled, ParseResult, PersonRecord

FORMAT = "csv"
_LABEL = re.compile(r"^([^:@/;]{1,30}):\s+(.+)$")
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "fullname", "display name", "contact name", "contact"),
    "given_name": ("given name", "first name", "first", "firstname", "givenname"),
    "family_name": ("family name", "last name", "surname", "last", "lastname", "familyname"),
    "emails": ("email", "e-mail", "email address", "e-mail address", "emails", "mail"),
    "phones": ("phone", "phones", "telephone", "phone number", "mobile", "tel"),
    "links": ("links", "link", "url", "urls", "website", "web", "web page", "linkedin"),
    "organisation": ("organization", "organisation", "company", "org", "employer"),
    "title": ("title", "job title", "position", "role"),
    "location": ("location", "city", "place"),
    "how_met": ("how met",),
    "where_met": ("where met",),
    "met_on": ("met on",),
    "tags": ("tags", "tag", "labels", "categories", "groups"),
    "temperament": ("temperament",),
    "networker_level": ("networker level",),
    "openness": ("openness",),
    "tier": ("tier",),
    "cadence_days": ("cadence days", "cadence"),
    "notes": ("notes", "note", "comments"),
    "knows": ("knows",),
    **{facet: (facet.replace("_", " "),) for facet in FACET_FIELDS},
}
LIST_FIELDS = ("tags", "temperament", "knows", *FACET_FIELDS)


def is_header(keys: list[str]) -> bool:
    """True when the header has a name or email column."""
    found = set(keys)
    return bool(found & set(ALIASES["name"] + ALIASES["emails"] + ALIASES["given_name"]))


def parse_generic(text: str, name: str) -> ParseResult:
    """Parse a CSV in the generic layout."""
    index = find_header(text, lambda cells: any(c for c in cells))
    table = read_table(text, index) if index is not None else None
    if table is None:
        return ParseResult(format=FORMAT)
    return people_from_table(table, name, FORMAT, _person)


def labelled(value: str, default: str | None = None) -> Labelled:
    """`work: jane@acme.com` → Labelled("jane@acme.com", "work")."""
    match = _LABEL.match(value)
    if match:
        return Labelled(match.group(2).strip(), match.group(1).strip())
    return Labelled(value, default)


def _person(table: Table, line: int, cells: list[str]) -> PersonRecord | str:
    row = Row(table, line, cells)
    person = row.person
    person.full_name = row.take(*ALIASES["name"]) or ""
    given, family = row.take(*ALIASES["given_name"]), row.take(*ALIASES["family_name"])
    for field in ("emails", "phones"):
        for key in ALIASES[field]:
            getattr(person, field).extend(labelled(v) for v in split_list(row.take(key)))
    for key in ALIASES["links"]:
        for value in split_list(row.take(key)):
            default = "linkedin" if key == "linkedin" or "linkedin.com" in value else "website"
            person.links.append(labelled(value, default))
    for field in ("organisation", "title", "location", "how_met", "where_met", "openness", "tier"):
        setattr(person, field, row.take(*ALIASES[field]))
    person.notes = row.take(*ALIASES["notes"])
    for field in LIST_FIELDS:
        for key in ALIASES[field]:
            getattr(person, field).extend(split_list(row.take(key)))
    _typed(row)
    for key in [k for k in row.values if k.startswith("extra:") and k not in row.used]:
        put(person, row.table.original(key)[len("extra:") :].strip(), row.take(key) or "")
    if not person.full_name and not person.emails and not (given or family):
        row.finish()
        return "row has no name and no email"
    return row.finish(given, family)


def _typed(row: Row) -> None:
    """Dates and numbers; a cell that does not parse stays in extra rather than vanish."""
    person = row.person
    for field in ("networker_level", "cadence_days"):
        key = next((k for k in ALIASES[field] if k in row.values), None)
        if key and row.values[key].lstrip("-").isdecimal():
            setattr(person, field, int(row.take(key) or 0))
    key = next((k for k in ALIASES["met_on"] if k in row.values), None)
    if key:
        try:
            person.met_on = dt.date.fromisoformat(row.values[key])
            row.take(key)
        except ValueError:
            pass
