"""Parse vCard 2.1, 3.0 and 4.0 files into PersonRecords, one card at a time.

A regular file takes the fast path of `vcard_fast`. Otherwise the file is split into
BEGIN:VCARD … END:VCARD blocks first (tracking line numbers), so that one malformed card is
rejected alone. Each block is read by the content-line parser in `vcard_lines`; blocks it
refuses (nested AGENT cards, irregular lines) go to vobject, which is about ten times slower
(8 s for 30,000 simple cards) but more forgiving.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netweave.importers.records import ParseResult, PersonRecord, Rejection
from netweave.importers.vcard_fast import Card, card_props, cut_cards, general_block
from netweave.importers.vcard_lines import (
    Block,
    Head,
    Prop,
    decode_vcard,
    parse_line,
    split_blocks,
)
from netweave.importers.vcard_map import props_to_person


class UnreadableCard(Exception):
    """A block that neither the content-line parser nor vobject can read."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def parse_vcard(data: bytes, name: str) -> ParseResult:
    """Parse every card in a vCard file; bad cards become rejections."""
    return parse_vcard_text(decode_vcard(data), name)


def parse_vcard_text(text: str, name: str) -> ParseResult:
    """Parse every card in already-decoded vCard text."""
    fast = _parse_fast(text, name)
    return fast if fast is not None else _parse_general(text, name)


def _parse_fast(text: str, name: str) -> ParseResult | None:
    """Parse a regular file card by card (see `vcard_fast`); None if it is not one."""
    cards = cut_cards(text)
    return None if cards is None else _parse_cards(cards, name)


def _parse_cards(cards: Sequence[Card], name: str) -> ParseResult | None:
    """Parse cards cut from a file; None if one of them needs the general path of the file."""
    result = ParseResult(format="vcard")
    heads: dict[str, Head | None] = {}
    for card in cards:
        props = card_props(card, heads)
        if props is None:
            block = general_block(card)
            if block is None:
                return None
            _add_block(result, block, name)
        else:
            _add_person(result, props_to_person(props, card.line), name, card.line)
    return result


def _parse_general(text: str, name: str) -> ParseResult:
    result = ParseResult(format="vcard")
    blocks, stray = split_blocks(text)
    if stray:
        count = len(stray)
        reason = f"{count} line(s) outside any BEGIN:VCARD … END:VCARD ignored"
        result.rejected.append(Rejection(name, stray[0][0], reason))
    for block in blocks:
        if block.error:
            result.rejected.append(Rejection(name, block.line, block.error))
        else:
            _add_block(result, block, name)
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


__all__ = ["UnreadableCard", "parse_vcard", "parse_vcard_text", "read_block"]
