"""The fast path through a regular vCard file, with the same result as the general path.

Most files are regular: cards back to back, one property per (folded) line, no
quoted-printable soft breaks. Here cards are cut out with `str.find`, unfolded with one
regex, each distinct property head (`EMAIL;TYPE=work`) is parsed once per file, and a card
is read into its person in one pass over its lines. A card this cannot read alone
(quoted-printable, unindented base64, blank lines, a line that is no property) goes
through the general path of `vcard_lines` by itself; a file whose cards are not cleanly
delimited (text between cards, nested AGENT cards) goes through it whole, and from a card
that does not read as exactly one card on, the rest of the file does.
`tests/reliability/test_fast_paths.py` checks that both paths agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netweave.importers.records import PersonRecord
from netweave.importers.vcard_lines import (
    Block,
    Head,
    Prop,
    general_only,
    parse_line,
    split_blocks,
)
from netweave.importers.vcard_map import Entries, lines_to_person, props_to_person

_BEGIN = "BEGIN:VCARD\n"
_END = "\nEND:VCARD\n"
_FOLD = re.compile(r"\n[ \t]")
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


def card_person(card: Card, entries: Entries) -> PersonRecord | str | None:
    """The person a regular card describes, or why it describes nobody; None if the card
    needs the general path. Most cards are read in one pass (`lines_to_person`); a card
    with grouped properties or a quoted parameter takes two (`card_props`)."""
    lines = card_lines(card)
    if lines is None:
        return None
    person = lines_to_person(lines, entries, card.line)
    if person is not None:
        return person
    props = card_props(lines, entries)
    return None if props is None else props_to_person(props, card.line)


def card_lines(card: Card) -> list[str] | None:
    """The card's content lines, unfolded, without BEGIN and END; None if it is irregular."""
    if "\n\n" in card.text:
        return None
    lines = _FOLD.sub("", card.text).split("\n")
    if lines[0] != "BEGIN:VCARD" or lines[-1] != "END:VCARD":
        return None
    return lines[1:-1]


def card_props(lines: list[str], entries: Entries) -> list[tuple[Head, str]] | None:
    """The properties of a card's content lines, or None if it needs the general path."""
    props: list[tuple[Head, str]] = [(_BEGIN_HEAD, "VCARD")]
    for line in lines:
        name, colon, value = line.partition(":")
        entry = entries[name]
        if entry is not None and colon:
            props.append((entry[0], value))
        elif (quoted := _quoted(line, name)) is not None:
            props.append(quoted)
        else:
            return None
    props.append((_END_HEAD, "VCARD"))
    return props


def _quoted(line: str, head: str) -> Prop | None:
    """A line with a quoted parameter (`TYPE="work,voice"`), read by the general parser."""
    if '"' not in head or general_only(head):
        return None
    prop = parse_line(line)
    return None if prop is None or prop.name in ("BEGIN", "END") else prop


def general_block(card: Card) -> Block | None:
    """The card as the general path reads it, or None if it does not read as exactly one card."""
    blocks, stray = split_blocks(card.text, card.line)
    if stray or len(blocks) != 1 or blocks[0].error:
        return None
    return blocks[0]
