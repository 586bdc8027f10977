"""Portable SQL date functions: day numbers and year-month keys on SQLite and PostgreSQL.

A day number is `date.toordinal()` (0001-01-01 is day 1), so SQL arithmetic on days is
plain integer arithmetic on both databases.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

# julianday('0001-01-01') is 1721425.5, the ordinal of that day is 1.
_JULIAN_OFFSET = 1721424.5


class day_number(FunctionElement[int]):
    """The day number (`date.toordinal()`) of a date or datetime column."""

    type = Integer()
    inherit_cache = True


class year_month(FunctionElement[str]):
    """'YYYY-MM' of a date column."""

    type = String()
    inherit_cache = True


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: Any, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(julianday({arg}) - {_JULIAN_OFFSET} AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_number_postgresql(element: day_number, compiler: Any, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"(CAST({arg} AS DATE) - DATE '0001-01-01' + 1)"


@compiles(year_month, "sqlite")
def _year_month_sqlite(element: year_month, compiler: Any, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(year_month, "postgresql")
def _year_month_postgresql(element: year_month, compiler: Any, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"
