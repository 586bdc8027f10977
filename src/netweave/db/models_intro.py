"""Tables of the double opt-in introduction workflow (issue #7).

A first cut; the workflow's owner may reshape these freely until 0004 lands.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from netweave.db.models import Base, utcnow


class Introduction(Base):
    __tablename__ = "introduction"

    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(30), index=True)
    why: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    terms: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    declined_by: Mapped[int | None] = mapped_column(Integer)
    created_on: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class IntroductionStep(Base):
    """One dated transition of an introduction (its history)."""

    __tablename__ = "introduction_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("introduction.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(30))
    on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_introduction_step_stage_on", "stage", "on"),)


class Debrief(Base):
    """How an introduction went, for one side."""

    __tablename__ = "debrief"

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("introduction.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    outcome: Mapped[int] = mapped_column(Integer)
    business: Mapped[bool] = mapped_column(Boolean, default=False)
    referral: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    on: Mapped[dt.date] = mapped_column(Date)
