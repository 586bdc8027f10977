"""The content-line layer of vCard: decoding, unfolding, splitting into cards, parameters.

This is the general path (see `vcard.py`): it reads the grammar shared by vCard 2.1, 3.0
and 4.0, line by line, and leaves anything irregular to vobject. Regular files take the
faster `vcard_fast`, which gives the same result.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from netweave.importers.text import (
    decode_western,
    guess_decode,
    normalise_charset,
    split_lines,
    strip_bom,
)

_CHARSET = re.compile(rb"CHARSET=\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_LINE = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)([;:])")
_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)")
_BASE64 = re.compile(r"[A-Za-z0-9+/]+=*")
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_CARET = re.compile(r"\^[n^']")
_CARET_MAP = {"^n": "\n", "^^": "^", "^'": '"'}


@dataclass(slots=True)
class Head:
    """What precedes the value of a content line: `group.NAME;PARAM=a,b`.

    The fast path (`vcard_fast`) parses each distinct head of a file once and shares it
    between the lines that have it, so treat a Head and its `params` as read-only.
    """

    name: str
    params: dict[str, list[str]] = field(default_factory=dict)
    group: str | None = None
    types: tuple[str, ...] = field(init=False)  # the TYPE values, lower-cased

    def __post_init__(self) -> None:
        self.types = tuple(t.lower() for t in self.params.get("TYPE", ()) if t)


class Prop(NamedTuple):
    """One content line, its value still escaped (any `(head, value)` pair will do)."""

    head: Head
    value: str

    @property
    def name(self) -> str:
        return self.head.name

    @property
    def group(self) -> str | None:
        return self.head.group

    def types(self) -> list[str]:
        """The TYPE parameter values, lower-cased."""
        return list(self.head.types)


@dataclass
class Block:
    """The logical lines of one BEGIN:VCARD … END:VCARD, with where it starts."""

    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None
    nested: bool = False


def bom_less_bytes(data: bytes) -> bytes | None:
    """The file's bytes if they may be UTF-8: None for a byte-order mark or the NUL bytes
    of UTF-16."""
    body, bom = strip_bom(data)
    return None if bom or b"\x00" in body[:4000] else body


def decode_vcard(data: bytes) -> str:
    """Decode a vCard file, honouring CHARSET= parameters line by line when not UTF-8."""
    body = bom_less_bytes(data)
    if body is None:
        return guess_decode(data)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(body)
    if not declared:
        return guess_decode(body)
    return _decode_per_line(body, normalise_charset(declared.group(1).decode("ascii")))


def _decode_line(raw: bytes, codec: str | None) -> str:
    """Decode one physical line, falling back to windows-1252 when the codec refuses it."""
    if codec:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_western(raw)


def _decode_per_line(body: bytes, default: str | None) -> str:
    """Decode each line with its own CHARSET; folded lines inherit the property's one."""
    out: list[str] = []
    codec = default
    for raw in body.split(b"\n"):
        if not raw[:1].isspace():
            head = raw.split(b":", 1)[0]
            found = _CHARSET.search(head)
            codec = normalise_charset(found.group(1).decode("ascii")) if found else default
        out.append(_decode_line(raw, codec))
    return "\n".join(out)


def _head(line: str) -> str:
    return line.split(":", 1)[0].upper()


def logical_lines(text: str, first: int = 1) -> Iterator[tuple[int, str]]:
    """Unfold 3.0/4.0 folding and 2.1 quoted-printable soft breaks, keeping start lines.

    `first` is the number of the text's first line (a card cut out of a longer file).
    """
    current: list[str] = []
    start = 0
    qp = b64 = qp_soft = False
    for number, line in enumerate(split_lines(text), start=first):
        if qp_soft:
            current.append(line)
        elif line[:1] in (" ", "\t") and current:
            current.append(line[1:])
        elif b64 and current and _BASE64.fullmatch(line):
            # 2.1 writers sometimes leave base64 continuation lines unindented.
            current.append(line)
        elif not line.strip():
            if current:
                yield start, "".join(current)
            current, qp_soft = [], False
            continue
        else:
            if current:
                yield start, "".join(current)
            current, start = [line], number
            head = _head(line) if "=" in line else ""
            qp = "QUOTED-PRINTABLE" in head
            b64 = "BASE64" in head or "ENCODING=B" in head
        qp_soft = qp and line.endswith("=")
        if qp_soft:
            current[-1] = current[-1][:-1]
    if current:
        yield start, "".join(current)


def _is(line: str, keyword: str) -> bool:
    if len(line) > 20 or line[:1] not in "BbEe \t":
        return False
    return line.strip().upper().replace(" ", "") == keyword


def split_blocks(text: str, first: int = 1) -> tuple[list[Block], list[tuple[int, str]]]:
    """Group logical lines into cards; also return lines found outside any card."""
    blocks: list[Block] = []
    stray: list[tuple[int, str]] = []
    block: Block | None = None
    depth = 0
    for number, line in logical_lines(text, first):
        if _is(line, "BEGIN:VCARD"):
            if block is not None and not _after_agent(block):
                block.error = "card has no END:VCARD before the next BEGIN:VCARD"
                blocks.append(block)
                block, depth = None, 0
            if block is None:
                block = Block(line=number)
            else:
                block.nested = True
            depth += 1
        elif block is None:
            stray.append((number, line))
            continue
        block.lines.append((number, line))
        if _is(line, "END:VCARD"):
            depth -= 1
            if depth == 0:
                blocks.append(block)
                block = None
    if block is not None:
        block.error = "card never ends (no END:VCARD)"
        blocks.append(block)
    return blocks, stray


def _after_agent(block: Block) -> bool:
    """True when the previous line opened a 2.1 AGENT property, whose value is a nested card."""
    last = block.lines[-1][1] if block.lines else ""
    return last.upper().split(":", 1)[0].split(";", 1)[0].endswith("AGENT")


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    if '"' not in text:
        return text.split(sep)
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            parts.append("".join(buf))
            buf = []
            continue
        buf.append(char)
    parts.append("".join(buf))
    return parts


def _param_value(raw: str) -> str:
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        # RFC 6868 caret escapes only appear inside quoted 4.0 parameter values in practice.
        return _CARET.sub(lambda m: _CARET_MAP[m.group()], raw[1:-1])
    return raw


def parse_params(segment: str) -> dict[str, list[str]]:
    """Parse `;TYPE=a,b;QUOTED-PRINTABLE` (2.1 bare values go to TYPE or ENCODING)."""
    params: dict[str, list[str]] = {}
    for item in _split_outside_quotes(segment, ";"):
        if not item:
            continue
        key, eq, raw = item.partition("=")
        if not eq:
            bare = key.strip().upper()
            key, raw = ("ENCODING" if bare in _BARE_ENCODINGS else "TYPE"), key.strip()
        name = key.strip().upper()
        values = [_param_value(v.strip()) for v in _split_outside_quotes(raw, ",")]
        if name == "TYPE":  # 4.0 writes TYPE="work,voice" for two types
            values = [part for value in values for part in value.split(",")]
        params.setdefault(name, []).extend(values)
    return params


def read_head(head: str) -> Head | None:
    """Parse `group.NAME;PARAM=value` once; None for what only the general path reads:
    a quoted parameter, BEGIN and END, and the heads of `general_only`."""
    if '"' in head or general_only(head):
        return None
    base, semi, params = head.partition(";")
    match = _NAME.fullmatch(base)
    if match is None or match[2].upper() in ("BEGIN", "END"):
        return None
    return Head(match[2].upper(), parse_params(params) if semi else {}, match[1])


def general_only(head: str) -> bool:
    """A head whose lines the general path may join differently: quoted-printable soft
    breaks, and base64 with unindented continuation lines (vCard 2.1 photos)."""
    upper = head.upper()
    return "QUOTED-PRINTABLE" in upper or "BASE64" in upper or "ENCODING=B" in upper


def _find_colon(rest: str) -> int:
    if '"' not in rest:
        return rest.find(":")
    quoted = False
    for index, char in enumerate(rest):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def parse_line(text: str) -> Prop | None:
    """Parse one logical line, or return None if it is not a well-formed property."""
    match = _LINE.match(text)
    if match is None:
        return None
    group, name, sep = match.groups()
    rest = text[match.end() - 1 :]
    params: dict[str, list[str]] = {}
    if sep == ";":
        colon = _find_colon(rest)
        if colon < 0:
            return None
        params, rest = parse_params(rest[1:colon]), rest[colon:]
    value = rest[1:]
    if "ENCODING" in params and any(e.upper() == "QUOTED-PRINTABLE" for e in params["ENCODING"]):
        value = decode_qp(value, params.get("CHARSET", [""])[0])
    return Prop(Head(name.upper(), params, group), value)


def decode_qp(value: str, charset: str) -> str:
    """Decode a quoted-printable value written in the given charset (soft breaks removed)."""
    raw = binascii.a2b_qp(value.encode("utf-8"))
    return _decode_line(raw, normalise_charset(charset) if charset else "utf-8")
