"""Write PersonRecords in the generic CSV layout that `generic_csv` reads back.

Lists are joined with "; ", labelled values written as `label: value`, and each `extra`
key gets its own `extra:KEY` column, so a round trip keeps every field.
"""

from __future__ import annotations

import csv
import io

from netweave.importers.records import FACET_FIELDS, Labelled, PersonRecord

COLUMNS = (
    "name", "given_name", "family_name", "email", "phone", "links", "organization", "title",
    "location", "how_met", "where_met", "met_on", "tags", "temperament", "networker_level",
    "openness", "tier", "cadence_days", *FACET_FIELDS, "notes", "knows",
)  # fmt: skip
_ATTRIBUTE = {
    "name": "full_name",
    "email": "emails",
    "phone": "phones",
    "organization": "organisation",
}


def _labelled(items: list[Labelled]) -> str:
    return "; ".join(f"{i.label}: {i.value}" if i.label else i.value for i in items)


def _cell(person: PersonRecord, column: str) -> str:
    value = getattr(person, _ATTRIBUTE.get(column, column))
    if value is None:
        return ""
    if isinstance(value, list):
        if value and isinstance(value[0], Labelled):
            return _labelled(value)
        return "; ".join(value)
    return value.isoformat() if column == "met_on" else str(value)


def people_to_csv(records: list[PersonRecord]) -> str:
    """All records as generic CSV text (UTF-8 without BOM is the caller's to write)."""
    extra_keys = sorted({key for record in records for key in record.extra})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*COLUMNS, *(f"extra:{key}" for key in extra_keys)])
    for person in records:
        cells = [_cell(person, column) for column in COLUMNS]
        writer.writerow(cells + [person.extra.get(key, "") for key in extra_keys])
    return out.getvalue()
