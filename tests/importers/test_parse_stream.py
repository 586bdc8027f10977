"""A file handed on in parts holds exactly what it holds read at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netweave.importers.records import ParseResult, ParseStream, PersonRecord, Rejection

results = st.builds(
    ParseResult,
    people=st.lists(st.builds(PersonRecord, full_name=st.text(max_size=3)), max_size=9),
    rejected=st.lists(st.builds(Rejection, st.just("f.csv"), st.integers(1, 99), st.text())),
    format=st.just("csv"),
)


@given(results, st.integers(1, 4))
def test_parts_put_back_together_are_the_file(result: ParseResult, size: int) -> None:
    stream = ParseStream.whole(result, size)
    assert stream.expected == len(result.people)
    assert stream.collect() == result


def test_parts_have_at_most_the_part_size_and_the_first_has_the_rejections() -> None:
    people = [PersonRecord(full_name=f"P{i}") for i in range(5)]
    rejected = [Rejection("f.csv", 3, "bad")]
    parts = list(ParseStream.whole(ParseResult(people, rejected=rejected), 2).parts)
    assert [[p.full_name for p in part.people] for part in parts] == [
        ["P0", "P1"],
        ["P2", "P3"],
        ["P4"],
    ]
    assert [part.rejected for part in parts] == [rejected, [], []]
