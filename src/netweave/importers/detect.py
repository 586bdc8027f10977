"""Pick the parser for a file from its content (or from --format) and run it.

`parse_file` and `parse_bytes` only ever raise NetweaveError subclasses: a file that is no
known format raises UnrecognisedFormat naming the formats tried; a malformed record inside a
known format is a Rejection in the result, not an exception. `stream_file` and
`stream_bytes` give the same records part by part (see `ParseStream`), with the same promise
kept while the parts are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

from netweave.collector import collector_paused
from netweave.errors import NetweaveError
from netweave.importers import google_csv, linkedin, outlook_csv, thunderbird_csv
from netweave.importers.csvutil import find_header
from netweave.importers.generic_csv import is_header as is_generic_header
from netweave.importers.generic_csv import parse_generic
from netweave.importers.records import ParseResult, ParseStream
from netweave.importers.text import guess_decode
from netweave.importers.vcard import parse_vcard, stream_vcard

Parser = Callable[[bytes, str], ParseResult]
FORMATS = ("vcard", "linkedin", "google", "outlook", "thunderbird", "csv", "ics", "mbox", "eml")
_SNIFF_BYTES = 65536
_HEADER_FIELD = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:[ \t]?")
_MAIL_HEADERS = {"from", "to", "date", "subject", "message-id", "received", "return-path"}


class UnrecognisedFormat(NetweaveError):
    """The file is not one of the formats netweave imports."""


class UnreadableFile(NetweaveError):
    """The file could not be read from disk."""


def _text_parser(parse: Callable[[str, str], ParseResult]) -> Parser:
    return lambda data, name: parse(guess_decode(data), name)


def _on_first_use(module: str, function: str) -> Parser:
    """A parser imported when first called: icalendar and the mail modules take ~80 ms to
    load, which a contacts import would otherwise pay at start-up."""

    def parse(data: bytes, name: str) -> ParseResult:
        parser: Parser = getattr(import_module(f"netweave.importers.{module}"), function)
        return parser(data, name)

    return parse


# Formats whose files can be read part by part (see `ParseStream`).
STREAMS: dict[str, Callable[[bytes, str], ParseStream]] = {"vcard": stream_vcard}
PARSERS: dict[str, Parser] = {
    "vcard": parse_vcard,
    "linkedin": _text_parser(linkedin.parse_linkedin),
    "google": _text_parser(google_csv.parse_google),
    "outlook": _text_parser(outlook_csv.parse_outlook),
    "thunderbird": _text_parser(thunderbird_csv.parse_thunderbird),
    "csv": _text_parser(parse_generic),
    "ics": _on_first_use("ics", "parse_ics"),
    "mbox": _on_first_use("mail", "parse_mbox"),
    "eml": _on_first_use("mail", "parse_eml"),
}


@collector_paused()
def parse_file(path: Path, format: str | None = None) -> ParseResult:
    """Parse the file at path, detecting its format unless one is given."""
    return stream_file(path, format).collect()


def stream_file(path: Path, format: str | None = None) -> ParseStream:
    """The records of the file at path, read part by part as they are asked for."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"cannot read {path}: {error.strerror or error}") from error
    return stream_bytes(data, path.name, format)


@collector_paused()
def parse_bytes(data: bytes, name: str, format: str | None = None) -> ParseResult:
    """Parse data read from a file called name (a large file makes many small objects)."""
    return stream_bytes(data, name, format).collect()


@collector_paused()  # for formats read whole, here; the parts are read where they are used
def stream_bytes(data: bytes, name: str, format: str | None = None) -> ParseStream:
    """The records of data read from a file called name, part by part where the format
    allows it (vCard); raises only NetweaveError, while reading the parts too."""
    if format is not None and format not in PARSERS:
        raise UnrecognisedFormat(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    chosen = format or detect(data, name)
    with _as_unreadable(name, chosen):
        if chosen in STREAMS:
            stream = STREAMS[chosen](data, name)
        else:
            stream = ParseStream.whole(PARSERS[chosen](data, name))
    return ParseStream(chosen, stream.expected, _guarded(stream.parts, name, chosen))


def _guarded(parts: Iterator[ParseResult], name: str, chosen: str) -> Iterator[ParseResult]:
    with _as_unreadable(name, chosen):
        for part in parts:
            part.format = chosen
            yield part


@contextmanager
def _as_unreadable(name: str, chosen: str) -> Iterator[None]:
    """The last line of defence: never a traceback for a bad file."""
    try:
        yield
    except NetweaveError:
        raise
    except Exception as error:
        raise UnrecognisedFormat(f"{name}: could not be read as {chosen}: {error}") from error


def detect(data: bytes, name: str) -> str:
    """Name the format of data, or raise UnrecognisedFormat listing the formats tried."""
    if not data or data.isspace():  # not `strip`, which copies a whole large file
        raise UnrecognisedFormat(f"{name} is empty")
    head = guess_decode(data[:_SNIFF_BYTES])
    found = _detect_text(head)
    if found is None:
        tried = ", ".join(FORMATS)
        raise UnrecognisedFormat(f"{name}: not a contacts, calendar or mail file (tried {tried})")
    return found


def _detect_text(head: str) -> str | None:
    lines = [line.strip() for line in head.splitlines()]
    upper = {line.upper() for line in lines[:2000]}
    if "BEGIN:VCARD" in upper:
        return "vcard"
    if "BEGIN:VCALENDAR" in upper:
        return "ics"
    first = next((line for line in lines if line), "")
    if first.startswith("From ") and _looks_like_mail(lines[1:]):
        return "mbox"
    if _looks_like_mail(lines):
        return "eml"
    return _detect_csv(head)


def _looks_like_mail(lines: list[str]) -> bool:
    """RFC 5322 headers up to the first blank line, with From and Date/Subject/To among them."""
    names: set[str] = set()
    for line in lines[:200]:
        if not line:
            break
        if _HEADER_FIELD.match(line):
            names.add(line.split(":", 1)[0].lower())
    return "from" in names and len(names & _MAIL_HEADERS) >= 2


def _detect_csv(head: str) -> str | None:
    if linkedin.find(head) is not None:
        return "linkedin"
    index = find_header(head, lambda cells: any(cells), limit=5)
    if index is None:
        return None
    clients = (
        (google_csv.FORMAT, google_csv.is_header),
        (outlook_csv.FORMAT, outlook_csv.is_header),
        (thunderbird_csv.FORMAT, thunderbird_csv.is_header),
    )
    for format, is_header in clients:
        if find_header(head, is_header, limit=index + 1) is not None:
            return format
    if find_header(head, is_generic_header, limit=index + 1) is not None:
        return "csv"
    return None
