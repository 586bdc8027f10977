"""Plain records that importers and the demo generator produce and services merge.

Nothing here touches the database: a record is what a file said about a person, with
the line it came from so that rejections and conflicts can name it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

FACET_FIELDS = (
    "objectives",
    "needs",
    "offers",
    "interests",
    "referral_sources",
    "prospect_pool",
)


@dataclass
class Labelled:
    """A value with an optional type label (`work`, `home`, `mobile`, …)."""

    value: str
    label: str | None = None


@dataclass
class PersonRecord:
    full_name: str
    given_name: str | None = None
    family_name: str | None = None
    emails: list[Labelled] = field(default_factory=list)
    phones: list[Labelled] = field(default_factory=list)
    links: list[Labelled] = field(default_factory=list)  # label: website|linkedin|sample|other
    organisation: str | None = None
    title: str | None = None
    location: str | None = None
    how_met: str | None = None
    where_met: str | None = None
    met_on: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    temperament: list[str] = field(default_factory=list)
    networker_level: int | None = None
    openness: str | None = None
    tier: str | None = None
    cadence_days: int | None = None
    objectives: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    referral_sources: list[str] = field(default_factory=list)
    prospect_pool: list[str] = field(default_factory=list)
    notes: str | None = None
    knows: list[str] = field(default_factory=list)  # emails or names of people this one knows
    extra: dict[str, str] = field(default_factory=dict)  # fields netweave has no column for
    line: int | None = None  # where the record starts in its file (1-based)

    def facets(self) -> dict[str, list[str]]:
        return {name: getattr(self, name) for name in FACET_FIELDS}


@dataclass
class InteractionRecord:
    """A dated contact; `people` are indexes into the accompanying people list or emails."""

    occurred_on: dt.date
    channel: str
    direction: str
    people: list[str]
    minutes: int | None = None
    give_kind: str | None = None
    note: str | None = None
    source: str | None = None  # stable id (ICS UID, Message-ID) making re-imports idempotent
    line: int | None = None


@dataclass
class Rejection:
    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


@dataclass
class ParseResult:
    people: list[PersonRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    format: str = ""


# Records per part of a stream: enough that each part's rows fill whole multi-row
# statements, few enough that writing one part overlaps reading the next.
PART_RECORDS = 2_000


@dataclass
class ParseStream:
    """A file's records in parts, each read only when asked for.

    Merging a large file can then start before all of it is read: an import writes one
    part's new people to the database while the next part is parsed. `expected` is how many
    records the parts hold in all, known before they are read: it sizes the progress bar,
    and from 1,000 on the bulk insert pauses per-row triggers (`db.token_triggers`).
    """

    format: str
    expected: int
    parts: Iterator[ParseResult]

    @classmethod
    def whole(cls, result: ParseResult, part_records: int = PART_RECORDS) -> ParseStream:
        """A file read at once, handed on in parts all the same (matching and building the
        rows of one part then overlaps writing the one before)."""
        expected = len(result.people) + len(result.interactions)
        return cls(result.format, expected, _parts_of(result, part_records))

    def collect(self) -> ParseResult:
        """Every part read and joined, in order."""
        whole = ParseResult(format=self.format)
        for part in self.parts:
            whole.people += part.people
            whole.interactions += part.interactions
            whole.rejected += part.rejected
        return whole


def _parts_of(result: ParseResult, size: int) -> Iterator[ParseResult]:
    """The people of result in parts of `size`; the first part has all the rest."""
    people = result.people
    yield ParseResult(people[:size], result.interactions, result.rejected, result.format)
    for start in range(size, len(people), size):
        yield ParseResult(people[start : start + size], format=result.format)
