"""Bulk inserts convert values exactly as SQLAlchemy would, each distinct value once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netweave.db.models import Person
from netweave.db.store import Store
from netweave.services.bulk import _converter

COLUMNS = ("temperament", "extra", "met_on", "full_name")
json_values = st.recursive(
    st.none() | st.text(max_size=5) | st.integers(0, 1) | st.booleans() | st.floats(0, 1),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


@given(st.lists(st.tuples(json_values, json_values, st.none() | st.dates()), max_size=8))
def test_remembered_conversions_equal_converting_each_value(rows: list[tuple]) -> None:  # type: ignore[type-arg]
    store = Store("sqlite://")
    dialect = store.engine.dialect
    table = Person.__table__
    convert = _converter(table, COLUMNS, dialect)  # type: ignore[arg-type]
    assert convert is not None
    # each row twice in a row (the same objects as the row before), then all again (equal
    # values seen before): converted once, then remembered
    for temperament, extra, met_on in [r for r in rows for _ in (1, 2)] + rows:
        row = (temperament, extra, met_on, "Ana")
        expected = [
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect)(value)  # type: ignore[misc]
            if name != "full_name"
            else value
            for name, value in zip(COLUMNS, row, strict=True)
        ]
        assert convert(row) == expected
    store.dispose()


def test_a_list_and_a_dict_with_the_same_items_are_kept_apart() -> None:
    store = Store("sqlite://")
    convert = _converter(Person.__table__, ("extra",), store.engine.dialect)  # type: ignore[arg-type]
    assert convert is not None
    assert convert([{"a": "b"}]) == ['{"a": "b"}']  # its texts are ("a", "b")
    assert convert([["a", "b"]]) == ['["a", "b"]']  # and so are this list's
    store.dispose()
