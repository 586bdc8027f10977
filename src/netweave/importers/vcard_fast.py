"""The fast path through a regular vCard file, with the same result as the general path.

Most files are regular: cards back to back, one property per (folded) line, no
quoted-printable soft breaks. Here cards are cut out with `str.find`, unfolded with one
regex, and each distinct property head (`EMAIL;TYPE=work`) is parsed once per file. A card
this cannot read alone (quoted-printable, unindented base64, blank lines, a line that is no
property) goes through the general path of `vcard_lines` by itself; a file whose cards are
not cleanly delimited (text between cards, nested AGENT cards) goes through it whole, and
from a card that does not read as exactly one card on, the rest of the file does.
`tests/reliability/test_fast_paths.py` checks that both paths agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netweave.importers.vcard_lines import (
    Block,
    Head,
    Prop,
    parse_line,
    parse_params,
    split_blocks,
)

_BEGIN = "BEGIN:VCARD\n"
_END = "\nEND:VCARD\n"
_FOLD = re.compile(r"\n[ \t]")
_NAME = re.compile(r"(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)")
_BEGIN_HEAD, _END_HEAD = Head("BEGIN"), Head("END")


@dataclass(slots=True)
class Card:
    """The text of one card from BEGIN:VCARD to END:VCARD, the line it starts on and where
    it starts in the file's text (line ends made LF)."""

    line: int
    text: str
    start: int


@dataclass(slots=True)
class CutFile:
    """A file's text with its line ends made LF, and the cards cut from it."""

    text: str
    cards: list[Card]


def cut_cards(text: str) -> CutFile | None:
    """The cards of a file holding nothing else but blank lines; None for anything else."""
    if "\r" in text:  # the same line ends as `split_lines` (each pass copies the file)
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            text = text.replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    cards: list[Card] = []
    pos, line = 0, 1
    while (begin := text.find(_BEGIN, pos)) >= 0:
        gap = text[pos:begin]
        end = text.find(_END, begin)
        if end < 0 or gap.strip() or (begin and text[begin - 1] != "\n"):
            return None
        line += gap.count("\n")
        card = text[begin : end + len(_END) - 1]
        cards.append(Card(line, card, begin))
        line += card.count("\n") + 1
        pos = end + len(_END)
    return None if text[pos:].strip() else CutFile(text, cards)


def read_head(head: str) -> Head | None:
    """Parse `group.NAME;PARAM=value` once; None for what only the general path reads."""
    if '"' in head or _general_only(head):
        return None
    base, semi, params = head.partition(";")
    match = _NAME.fullmatch(base)
    if match is None or match[2].upper() in ("BEGIN", "END"):
        return None
    return Head(match[2].upper(), parse_params(params) if semi else {}, match[1])


def _general_only(head: str) -> bool:
    """A head whose lines the general path may join differently: quoted-printable soft
    breaks, and base64 with unindented continuation lines (vCard 2.1 photos)."""
    upper = head.upper()
    return "QUOTED-PRINTABLE" in upper or "BASE64" in upper or "ENCODING=B" in upper


def card_props(card: Card, heads: dict[str, Head | None]) -> list[tuple[Head, str]] | None:
    """The properties of a card, or None if it needs the general path."""
    if "\n\n" in card.text:
        return None
    lines = _FOLD.sub("", card.text).split("\n")
    if lines[0] != "BEGIN:VCARD" or lines[-1] != "END:VCARD":
        return None
    props: list[tuple[Head, str]] = [(_BEGIN_HEAD, "VCARD")]
    for line in lines[1:-1]:
        name, colon, value = line.partition(":")
        try:
            head = heads[name]
        except KeyError:
            head = heads[name] = read_head(name)
        if head is not None and colon:
            props.append((head, value))
        elif (quoted := _quoted(line, name)) is not None:
            props.append(quoted)
        else:
            return None
    props.append((_END_HEAD, "VCARD"))
    return props


def _quoted(line: str, head: str) -> Prop | None:
    """A line with a quoted parameter (`TYPE="work,voice"`), read by the general parser."""
    if '"' not in head or _general_only(head):
        return None
    prop = parse_line(line)
    return None if prop is None or prop.name in ("BEGIN", "END") else prop


def general_block(card: Card) -> Block | None:
    """The card as the general path reads it, or None if it does not read as exactly one card."""
    blocks, stray = split_blocks(card.text, card.line)
    if stray or len(blocks) != 1 or blocks[0].error:
        return None
    return blocks[0]
