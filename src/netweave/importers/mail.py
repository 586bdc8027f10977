"""Turn mail (.mbox, .eml) into email interactions, reading headers only, never bodies.

Each message → InteractionRecord(channel="email", direction="neutral", note=Subject,
source="mail:"+Message-ID) whose `people` are the sender first, then To, Cc and Bcc,
lower-cased and without duplicates. The records carry no notion of "me": the service drops
the user's own addresses and, knowing whether the sender was the user, sets the direction.
"""

from __future__ import annotations

import datetime as dt
import email.header
import email.utils
import hashlib
import mailbox
import re
from email import policy
from email.message import Message
from email.parser import BytesParser

from netweave.importers.records import InteractionRecord, ParseResult, Rejection

_FROM_LINE = re.compile(rb"^From \S+\s+(.+?)\s*$")
_PARSER = BytesParser(policy=policy.compat32)


def parse_eml(data: bytes, name: str) -> ParseResult:
    """Parse one message file."""
    result = ParseResult(format="eml")
    _add(result, name, data, 1, None)
    return result


def parse_mbox(data: bytes, name: str) -> ParseResult:
    """Parse an mbox; a bad message is rejected at the line of its "From " separator."""
    result = ParseResult(format="mbox")
    for line, separator, message in split_mbox(data):
        _add(result, name, message, line, separator)
    return result


def split_mbox(data: bytes) -> list[tuple[int, bytes, bytes]]:
    """Split at "From " lines that start the file or follow a blank line (mboxo/mboxrd)."""
    chunks: list[tuple[int, bytes, bytes]] = []
    body: list[bytes] = []
    start, separator = 0, b""
    previous_blank = True
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        if raw.startswith(b"From ") and previous_blank:
            if start:
                chunks.append((start, separator, b"".join(body)))
            start, separator, body = number, raw, []
        elif start:
            body.append(raw)
        previous_blank = not raw.strip()
    if start:
        chunks.append((start, separator, b"".join(body)))
    return chunks


def _add(result: ParseResult, name: str, data: bytes, line: int, separator: bytes | None) -> None:
    try:
        message = mailbox.mboxMessage(_PARSER.parsebytes(data, headersonly=True))
        record = message_to_interaction(message, line, separator)
    except Exception as error:  # the email package raises many kinds on broken headers
        record = f"unreadable message: {error}"
    if isinstance(record, str):
        result.rejected.append(Rejection(name, line, record))
    else:
        result.interactions.append(record)


def message_date(message: Message, separator: bytes | None) -> dt.date | None:
    """The Date header; only when it is missing, the date on the mbox "From " line."""
    raw = message.get("Date")
    if raw is None:
        raw = _separator_date(separator)
    try:
        return email.utils.parsedate_to_datetime(str(raw)).date() if raw else None
    except (TypeError, ValueError, IndexError):
        return None


def _separator_date(separator: bytes | None) -> str | None:
    match = _FROM_LINE.match(separator or b"")
    if not match:
        return None
    # "Mon Mar 15 10:00:00 2024" is asctime; parsedate wants the day before the month.
    parts = match.group(1).decode("ascii", "replace").split()
    if len(parts) >= 5:
        return f"{parts[0]}, {parts[2]} {parts[1]} {parts[4]} {parts[3]}"
    return None


def addresses(message: Message) -> list[str]:
    """Sender first, then To, Cc, Bcc; lower-cased, deduplicated."""
    people: list[str] = []
    for header in ("From", "To", "Cc", "Bcc"):
        values = [str(v) for v in message.get_all(header, [])]
        for _name, address in email.utils.getaddresses(values):
            address = address.strip().lower()
            if "@" in address and address not in people:
                people.append(address)
    return people


def _subject(message: Message) -> str | None:
    raw = message.get("Subject")
    if raw is None:
        return None
    text = str(email.header.make_header(email.header.decode_header(str(raw))))
    return " ".join(text.split()) or None


def message_to_interaction(
    message: Message, line: int, separator: bytes | None
) -> InteractionRecord | str:
    """One message as an interaction, or the reason it is not one."""
    occurred = message_date(message, separator)
    if occurred is None:
        shown = message.get("Date")
        return f"unreadable Date header: {shown!r}" if shown else "message has no Date header"
    people = addresses(message)
    if not people:
        return "message has no From, To or Cc addresses"
    subject = _subject(message)
    message_id = str(message.get("Message-ID", "")).strip().strip("<>")
    if not message_id:
        seed = f"{occurred}|{'/'.join(people)}|{subject}"
        message_id = "sha1:" + hashlib.sha1(seed.encode()).hexdigest()
    return InteractionRecord(
        occurred_on=occurred,
        channel="email",
        direction="neutral",
        people=people,
        note=subject,
        source=f"mail:{message_id}",
        line=line,
    )
