"""Read CSV exports into header + rows with line numbers, whatever preamble or quirks they have."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from netweave.importers.records import ParseResult, PersonRecord, Rejection
from netweave.importers.text import split_lines

# Notes and photos can exceed the csv module's 128 KiB default field limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_DELIMITERS = (",", ";", "\t")


def norm(header: str) -> str:
    """Normalise a header for matching: case, spaces, underscores."""
    return " ".join(header.strip().lower().replace("_", " ").split())


@dataclass
class Table:
    """A CSV file's header row and data rows, each data row with its starting line."""

    header: list[str]
    header_line: int
    delimiter: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @cached_property
    def keys(self) -> list[str]:
        return [norm(h) for h in self.header]

    def record(self, cells: list[str]) -> dict[str, str]:
        """Map normalised header → stripped cell; cells past the header get `column N`."""
        out: dict[str, str] = {}
        for index, cell in enumerate(cells):
            key = self.keys[index] if index < len(self.header) else f"column {index + 1}"
            if key and cell.strip() and key not in out:
                out[key] = cell.strip()
        return out

    def original(self, key: str) -> str:
        """The header as the file spelt it, for `extra` keys."""
        for raw in self.header:
            if norm(raw) == key:
                return raw.strip()
        return key


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the one of , ; TAB that occurs most outside quotes."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char in counts and not quoted:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def find_header(text: str, accept: Callable[[list[str]], bool], limit: int = 50) -> int | None:
    """The 0-based index of the first physical line whose cells satisfy accept."""
    for index, line in enumerate(split_lines(text)[:limit]):
        if not line.strip():
            continue
        cells = next(csv.reader([line], delimiter=sniff_delimiter(line)), [])
        if accept([norm(c) for c in cells]):
            return index
    return None


def read_table(text: str, header_index: int = 0) -> Table | None:
    """Parse the CSV starting at the header line; None if there is no header there."""
    lines = split_lines(text)
    if header_index >= len(lines):
        return None
    delimiter = sniff_delimiter(lines[header_index])
    body = "\n".join(lines[header_index:])
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return None
    table = Table(header=header, header_line=header_index + 1, delimiter=delimiter)
    _read_rows(reader, table, header_index)
    return table


def _read_rows(reader: Any, table: Table, offset: int) -> None:
    while True:
        start = reader.line_num + 1 + offset
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            table.errors.append((start, f"unreadable CSV row: {error}"))
            continue
        if not any(c.strip() for c in cells):
            continue
        table.rows.append((start, unwrap(cells, len(table.header), table.delimiter)))


def unwrap(cells: list[str], width: int, delimiter: str) -> list[str]:
    """Re-split a row that a client wrapped whole in quotes (one field holding the commas)."""
    if len(cells) == 1 and width > 1 and delimiter in cells[0]:
        inner = next(csv.reader([cells[0]], delimiter=delimiter), cells)
        if len(inner) > 1:
            return inner
    return cells


def split_list(value: str | None, separators: str = ";") -> list[str]:
    """Split a list cell on any of the separators, dropping blanks and duplicates."""
    if not value:
        return []
    for sep in separators[1:]:
        value = value.replace(sep, separators[0])
    out: list[str] = []
    for item in value.split(separators[0]):
        if item.strip() and item.strip() not in out:
            out.append(item.strip())
    return out


def people_from_table(
    table: Table,
    name: str,
    fmt: str,
    to_person: Callable[[Table, int, list[str]], PersonRecord | str],
) -> ParseResult:
    """Turn each data row into a record, or a rejection naming the row's line and reason."""
    result = ParseResult(format=fmt)
    result.rejected += [Rejection(name, line, why) for line, why in table.errors]
    for line, cells in table.rows:
        person = to_person(table, line, cells)
        if isinstance(person, str):
            result.rejected.append(Rejection(name, line, person))
        else:
            result.people.append(person)
    return result
