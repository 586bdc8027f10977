"""The 0–100 strength of a relationship, computed in SQL from `contact_summary`.

With t = today and day numbers from the summary row:

    R (recency)       = 60 / (60 + days since the last interaction)          0.5 after 60 days
    F (frequency)     = W / (W + 4),  W = sum over interactions of exp(-age_days / 180)
                        (a contact count where recent ones weigh more; 0.5 at W = 4)
    G (reciprocity)   = (gives + 1) / (gives + asks + 2)    my gives against my asks, 0.5 even
    P (face-to-face)  = 182 / (182 + days since the last in-person or event contact); 0 if never

    strength = 100 * (0.35 R + 0.30 F + 0.15 G + 0.20 P)

A person with no interactions has no summary row: "never scored" (None), distinct from 0.
Future-dated interactions count as today. W is `weight * exp(-(t - T0) / 180)` where
`weight` is stored (see `contact_summary.py`), so the whole score is arithmetic in SQL and
a list of 30,000 people is ranked by the database.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sqlalchemy import Float, case, cast, literal
from sqlalchemy.sql.elements import ColumnElement

from netweave.db.models import ContactSummary
from netweave.services.contact_summary import T0, TAU_DAYS

RECENCY_HALF_DAYS = 60.0
FREQUENCY_HALF = 4.0
FACE_HALF_DAYS = 182.0
WEIGHTS = {"recency": 0.35, "frequency": 0.30, "reciprocity": 0.15, "face_to_face": 0.20}


def _f(value: float) -> ColumnElement[float]:
    return literal(value, Float)


def _halving(days_col: Any, today: int, half: float) -> ColumnElement[float]:
    """half / (half + days since `days_col`), 1 when that day is today or later."""
    return case(
        (days_col >= today, _f(1.0)),
        else_=_f(half) / (_f(half) + cast(today - days_col, Float)),
    )


def components(today: dt.date) -> dict[str, ColumnElement[Any]]:
    """The four terms, each in [0, 1], as SQL expressions over `ContactSummary`."""
    t = today.toordinal()
    decay = math.exp(-(t - T0.toordinal()) / TAU_DAYS)
    decayed = cast(ContactSummary.weight, Float) * _f(decay)
    return {
        "recency": _halving(ContactSummary.last_day, t, RECENCY_HALF_DAYS),
        "frequency": decayed / (decayed + _f(FREQUENCY_HALF)),
        "reciprocity": (cast(ContactSummary.gives, Float) + _f(1.0))
        / (cast(ContactSummary.gives + ContactSummary.asks, Float) + _f(2.0)),
        "face_to_face": case(
            (ContactSummary.last_face_day.is_(None), _f(0.0)),
            else_=_halving(ContactSummary.last_face_day, t, FACE_HALF_DAYS),
        ),
    }


def strength_expr(today: dt.date) -> ColumnElement[Any]:
    """100 * weighted sum of the components (NULL when the person has no summary row)."""
    parts = components(today)
    total: ColumnElement[Any] = _f(0.0)
    for name, weight in WEIGHTS.items():
        total = total + _f(weight) * parts[name]
    return _f(100.0) * total


def rounded(value: float | None) -> int | None:
    return None if value is None else round(value)
