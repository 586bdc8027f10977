"""What the web app does with an event's attendees (issue #9), as `netweave event attendees`.

- `attendee_lists`: an uploaded contacts file and/or pasted "Name <email>" lines, parsed
  apart so that each rejected row keeps its own source and line number;
- `upload_attendees`: merge them with my people (`events.import_attendees`), put them on the
  event, and report what was added, matched and rejected.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from netweave.errors import NetweaveError
from netweave.importers.records import ParseResult
from netweave.services.events import event_view, find_event, import_attendees, parse_attendees

PASTED = "pasted list"
COUNTS = ("added", "updated", "unchanged", "interactions", "acquaintances")
LISTS = ("rejected", "conflicts", "skipped")


def attendee_lists(
    upload: tuple[str, bytes] | None, pasted: list[str]
) -> list[tuple[ParseResult, str]]:
    """(parsed, source) for the file (any contacts format) and for the pasted lines."""
    from netweave.importers.detect import parse_bytes

    parts = []
    if upload is not None:
        name, data = upload
        parts.append((parse_bytes(data, name), name))
    if any(line.strip() for line in pasted):
        parts.append((parse_attendees(pasted, PASTED), PASTED))
    if not parts:
        raise NetweaveError("choose a file or paste attendees, one 'Name <email>' a line")
    return parts


def upload_attendees(
    session: Session, event_id: int, parts: list[tuple[ParseResult, str]]
) -> dict[str, Any]:
    """Import each list onto the event; the import's totals and problems summed over lists."""
    event = find_event(session, str(event_id))
    report: dict[str, Any] = {key: 0 for key in COUNTS} | {key: [] for key in LISTS}
    added = 0
    for result, source in parts:
        done = import_attendees(session, event, result, source)
        added += done.added_to_event
        summary = done.summary.as_json()
        for key in COUNTS:
            report[key] += summary[key]
        for key in LISTS:
            report[key] += summary[key]
    view = event_view(session, event)
    return {
        "event": view,
        "attendees": len(view["attendees"]),
        "added_to_event": added,
        "import": report,
    }
