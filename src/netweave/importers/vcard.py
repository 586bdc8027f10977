"""Parse vCard 2.1, 3.0 and 4.0 files into PersonRecords, one card at a time.

A regular file takes the fast path of `vcard_fast`. Otherwise the file is split into
BEGIN:VCARD … END:VCARD blocks first (tracking line numbers), so that one malformed card is
rejected alone. Each block is read by the content-line parser in `vcard_lines`; blocks it
refuses (nested AGENT cards, irregular lines) go to vobject, which is about ten times slower
(8 s for 30,000 simple cards) but more forgiving.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from netweave.importers.records import (
    PART_RECORDS,
    ParseResult,
    ParseStream,
    PersonRecord,
    Rejection,
)
from netweave.importers.vcard_fast import Card, CutFile, card_person, cut_cards, general_block
from netweave.importers.vcard_lines import (
    Block,
    Head,
    Prop,
    bom_less_bytes,
    decode_vcard,
    parse_line,
    split_blocks,
)
from netweave.importers.vcard_map import Entries, props_to_person


class UnreadableCard(Exception):
    """A block that neither the content-line parser nor vobject can read."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def parse_vcard(data: bytes, name: str) -> ParseResult:
    """Parse every card in a vCard file; bad cards become rejections."""
    return stream_vcard(data, name).collect()


def stream_vcard(data: bytes, name: str) -> ParseStream:
    """The cards of a vCard file, parsed a part at a time as they are asked for. A UTF-8
    file is cut into cards as bytes; any other is decoded first (`decode_vcard`)."""
    body = bom_less_bytes(data)
    if body is not None:
        try:
            return _stream(cut_cards(body), lambda: decode_vcard(data), name, PART_RECORDS)
        except UnicodeDecodeError:  # another charset: decoded whole, then cut
            pass
    return stream_vcard_text(decode_vcard(data), name)


def parse_vcard_text(text: str, name: str) -> ParseResult:
    """Parse every card in already-decoded vCard text."""
    return stream_vcard_text(text, name).collect()


def stream_vcard_text(text: str, name: str, part_cards: int = PART_RECORDS) -> ParseStream:
    """Cut a regular file into cards now and parse them later, part by part (`vcard_fast`);
    read any other file whole with the general path."""
    try:
        body = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file decodes to that
        return ParseStream.whole(_parse_general(text, name))
    return _stream(cut_cards(body), lambda: text, name, part_cards)


def _stream(
    cut: CutFile | None, text: Callable[[], str], name: str, part_cards: int
) -> ParseStream:
    """The fast path's parts, or the whole file by the general path if it was not cut."""
    if cut is None:
        return ParseStream.whole(_parse_general(text(), name))
    return ParseStream("vcard", len(cut.cards), _fast_parts(cut, name, part_cards))


def _fast_parts(cut: CutFile, name: str, part_cards: int) -> Iterator[ParseResult]:
    """Parts of `part_cards` cards. From a card that does not read as exactly one card alone
    (a quoted-printable soft break swallowing its END:VCARD, say), the rest of the file goes
    through the general path: the cards before it read the same either way."""
    entries = Entries()
    for first in range(0, len(cut.cards), part_cards):
        part = ParseResult(format="vcard")
        for card in cut.cards[first : first + part_cards]:
            if not _add_card(part, card, cut.eol, entries, name):
                yield part
                yield _parse_general(cut.rest(card), name, card.line)
                return
        yield part


def _add_card(part: ParseResult, card: Card, eol: str, entries: Entries, name: str) -> bool:
    """Parse one card into part; False if it needs the general path of the rest of the file."""
    person = card_person(card, eol, entries)
    if person is not None:
        _add_person(part, person, name, card.line)
        return True
    block = general_block(card)
    if block is None:
        return False
    _add_block(part, block, name)
    return True


def _parse_general(text: str, name: str, first: int = 1) -> ParseResult:
    """Parse text, whose first line is line `first` of the file, with the general path."""
    result = ParseResult(format="vcard")
    blocks, stray = split_blocks(text, first)
    if stray:
        count = len(stray)
        reason = f"{count} line(s) outside any BEGIN:VCARD … END:VCARD ignored"
        result.rejected.append(Rejection(name, stray[0][0], reason))
    for block in blocks:
        if block.error:
            result.rejected.append(Rejection(name, block.line, block.error))
        else:
            _add_block(result, block, name)
    result.rejected.sort(key=lambda r: r.line or 0)  # in file order, the stray lines' too
    return result


def _add_block(result: ParseResult, block: Block, name: str) -> None:
    try:
        props = read_block(block)
    except UnreadableCard as bad:
        result.rejected.append(Rejection(name, bad.line, bad.reason))
        return
    _add_person(result, props_to_person(props, block.line), name, block.line)


def _add_person(result: ParseResult, person: PersonRecord | str, name: str, line: int) -> None:
    if isinstance(person, str):
        result.rejected.append(Rejection(name, line, person))
    else:
        result.people.append(person)


def read_block(block: Block) -> list[Prop]:
    """The properties of one card: the content-line parser first, vobject for what it refuses."""
    props: list[Prop] = []
    bad: tuple[int, str] | None = None
    if not block.nested:
        for number, line in block.lines:
            prop = parse_line(line)
            if prop is None:
                bad = (number, line)
                break
            props.append(prop)
        else:
            return props
    return read_block_vobject(block, bad)


def read_block_vobject(block: Block, bad: tuple[int, str] | None = None) -> list[Prop]:
    """Read a block line by line with vobject's grammar, skipping nested (AGENT) cards.

    `bad` is the line the content-line parser refused, the reason if vobject fails too.
    """
    import vobject  # only for the rare irregular card: not loaded at every start-up

    props: list[Prop] = []
    depth = 0
    for number, line in block.lines:
        try:
            child = vobject.base.textLineToContentLine(line, number)
        except Exception as error:  # vobject raises ParseError, codec and lookup errors
            shown = (bad or (number, line))[1]
            shown = shown if len(shown) <= 60 else shown[:57] + "…"
            where = bad[0] if bad else number
            raise UnreadableCard(where, f"not a vCard property line: {shown!r}") from error
        depth += child.name == "BEGIN"
        if depth == 1:
            props.append(_from_vobject(child))
        depth -= child.name == "END"
    return props


def _from_vobject(child: Any) -> Prop:
    """Convert a vobject ContentLine (no behaviour applied, so still escaped) to a Prop."""
    params: dict[str, list[str]] = {k.upper(): list(v) for k, v in child.params.items()}
    for single in child.singletonparams:
        bare = single.upper()
        key = "ENCODING" if bare in {"BASE64", "B", "8BIT", "7BIT"} else "TYPE"
        params.setdefault(key, []).append(single)
    if "TYPE" in params:
        params["TYPE"] = [part for value in params["TYPE"] for part in value.split(",")]
    return Prop(Head(child.name.upper(), params, child.group), str(child.value))


__all__ = [
    "UnreadableCard",
    "parse_vcard",
    "parse_vcard_text",
    "read_block",
    "stream_vcard",
    "stream_vcard_text",
]
