"""Dates as people type them: ISO, "today", "yesterday", "last friday", "3 days ago"."""

from __future__ import annotations

import datetime as dt
import re

from netweave.errors import NetweaveError

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_AGO = re.compile(r"^(\d+)\s+(day|week)s?\s+ago$")


def parse_date(text: str, today: dt.date) -> dt.date:
    """Parse a user-typed date relative to `today`; raises NetweaveError with the accepted forms."""
    value = " ".join(text.strip().lower().split())
    if value == "today":
        return today
    if value == "yesterday":
        return today - dt.timedelta(days=1)
    if value.startswith("last ") and value[5:] in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS.index(value[5:])) % 7 or 7
        return today - dt.timedelta(days=back)
    if value in WEEKDAYS:  # the most recent such day, today included
        return today - dt.timedelta(days=(today.weekday() - WEEKDAYS.index(value)) % 7)
    ago = _AGO.match(value)
    if ago:
        days = int(ago.group(1)) * (7 if ago.group(2) == "week" else 1)
        return today - dt.timedelta(days=days)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise NetweaveError(
            f"cannot read the date {text!r}: use YYYY-MM-DD, today, yesterday, "
            "last friday, or 3 days ago"
        ) from None
