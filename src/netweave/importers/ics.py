"""Turn calendar events (.ics from Google Calendar, Outlook, Apple) into interactions.

One VEVENT with attendee emails → one InteractionRecord: the date it starts, the minutes it
lasts (None for all-day events), the channel guessed from LOCATION and conference links, the
SUMMARY as note, and `people` = organizer then attendees (declined ones and rooms left out),
lower-cased. Whether one of them is the user is for the service to decide. A recurring event
is imported once, at its first occurrence. Events without attendees, cancelled events and
events without a readable start become rejections.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import icalendar

from netweave.importers.records import InteractionRecord, ParseResult, Rejection
from netweave.importers.text import guess_decode, split_lines

FORMAT = "ics"
_VIDEO = re.compile(
    r"zoom\.us|\bzoom\b|teams\.microsoft|microsoft teams|\bteams\b|meet\.google|google meet|"
    r"\bmeet\b|webex|skype|whereby|jitsi|gotomeeting|facetime|hangouts",
    re.IGNORECASE,
)
_VIDEO_LINK = re.compile(
    r"zoom\.us/|teams\.microsoft\.com/|teams\.live\.com/|meet\.google\.com/|webex\.com/|"
    r"whereby\.com/|meet\.jit\.si/|gotomeeting\.com/|facetime\.apple\.com/",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_PHONE = re.compile(r"^(tel:)?[+\d][\d\s().\-/]{6,}$|dial[- ]in|conference call", re.IGNORECASE)
_CONFERENCE_PROPS = (
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)
_NOT_PEOPLE = {"ROOM", "RESOURCE"}


def parse_ics(data: bytes, name: str) -> ParseResult:
    """Parse a calendar file into interactions, one per event with attendees."""
    result = ParseResult(format=FORMAT)
    text = guess_decode(data)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as error:  # icalendar raises ValueError, KeyError, IndexError…
        result.rejected.append(Rejection(name, None, f"unreadable calendar: {error}"))
        return result
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    lines = event_lines(text, len(events))
    for event, line in zip(events, lines, strict=True):
        try:
            record = event_to_interaction(event, line)
        except Exception as error:  # a malformed property must not sink the other events
            record = f"unreadable event: {error}"
        if isinstance(record, str):
            result.rejected.append(Rejection(name, line, record))
        else:
            result.interactions.append(record)
    return result


def _is_begin_event(line: str) -> bool:
    return line.strip().upper() == "BEGIN:VEVENT"


def event_lines(text: str, count: int) -> list[int]:
    """The line where each of `count` events begins, folded lines unfolded.

    When the markers found and the events parsed disagree (a damaged file), each event gets
    the nearest marker at or before its position in the file, or line 1.
    """
    starts: list[int] = []
    logical, first = "", 1
    for number, line in enumerate([*split_lines(text), ""], 1):
        if line[:1] in (" ", "\t"):
            logical += line[1:]
            continue
        if _is_begin_event(logical):
            starts.append(first)
        logical, first = line, number
    return [starts[min(k, len(starts) - 1)] if starts else 1 for k in range(count)]


def event_to_interaction(event: Any, line: int | None) -> InteractionRecord | str:
    """One event as an interaction, or the reason it is not one."""
    summary = str(event.get("SUMMARY", "")).strip() or None
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return f"event {summary!r} was cancelled" if summary else "event was cancelled"
    start = _value(event.get("DTSTART"))
    if not isinstance(start, dt.date):
        return "event has no readable start date (DTSTART)"
    people = attendees(event)
    if not people:
        return f"event {summary!r} has no attendee emails" if summary else "event has no attendees"
    occurred = start.date() if isinstance(start, dt.datetime) else start
    uid = str(event.get("UID", "")).strip() or _fallback_uid(start, summary)
    return InteractionRecord(
        occurred_on=occurred,
        channel=channel(event),
        direction="neutral",
        people=people,
        minutes=minutes(event, start),
        note=summary,
        source=f"ics:{uid}",
        line=line,
    )


def _value(prop: Any) -> Any:
    try:
        return prop.dt
    except Exception:  # icalendar keeps unparsable values as "broken" properties that raise
        return None


def _fallback_uid(start: dt.date, summary: str | None) -> str:
    return hashlib.sha1(f"{start.isoformat()}|{summary}".encode()).hexdigest()


def _email(address: Any) -> str | None:
    value = str(address).strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    return value.lower() if "@" in value else None


def attendees(event: Any) -> list[str]:
    """Organizer then attendees' emails, without declined attendees, rooms or duplicates."""
    raw = event.get("ATTENDEE", [])
    candidates = [event.get("ORGANIZER"), *(raw if isinstance(raw, list) else [raw])]
    people: list[str] = []
    for address in candidates:
        if address is None:
            continue
        params = getattr(address, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
            continue
        email = _email(address)
        if email and email not in people:
            people.append(email)
    return people


def minutes(event: Any, start: dt.date) -> int | None:
    """Length in minutes; None for all-day events or when it cannot be told."""
    if not isinstance(start, dt.datetime):
        return None
    end = _value(event.get("DTEND"))
    duration = _value(event.get("DURATION"))
    if isinstance(end, dt.datetime) and (end.tzinfo is None) == (start.tzinfo is None):
        duration = end - start
    if isinstance(duration, dt.timedelta) and duration.total_seconds() >= 0:
        return int(duration.total_seconds() // 60)
    return None


def channel(event: Any) -> str:
    """in-person for a physical LOCATION, video for a meeting link, else call."""
    location = str(event.get("LOCATION", "")).strip()
    links = " ".join(str(event.get(p, "")) for p in _CONFERENCE_PROPS)
    description = str(event.get("DESCRIPTION", ""))
    if location and not _URL.search(location) and not _VIDEO.search(location):
        return "call" if _PHONE.search(location) else "in-person"
    if _VIDEO.search(location) or links.strip() or _VIDEO_LINK.search(description):
        return "video"
    return "call"
