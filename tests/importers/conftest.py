"""Shared helpers for importer tests: fixture paths and a one-call parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from netweave.importers.detect import parse_file
from netweave.importers.records import ParseResult, PersonRecord

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def parse() -> object:
    def _parse(name: str, format: str | None = None) -> ParseResult:
        return parse_file(FIXTURES / name, format)

    return _parse


def by_name(result: ParseResult) -> dict[str, PersonRecord]:
    return {person.full_name: person for person in result.people}


def labels(items: list) -> dict[str, str | None]:
    return {item.value: item.label for item in items}
