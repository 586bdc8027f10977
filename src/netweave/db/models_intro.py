"""Tables of the double opt-in introduction workflow (issue #7).

An introduction keeps its current stage plus the dates the time rules need (asked, nudged,
introduced, met), so `due`, the calendar feed and the engine's guards are plain queries;
`introduction_step` is the dated history of every transition and recorded action.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from netweave.db.models import Base, utcnow


class Introduction(Base):
    __tablename__ = "introduction"

    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    b_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(30), index=True)
    stage_on: Mapped[dt.date] = mapped_column(Date)
    origin: Mapped[str] = mapped_column(String(20), default="manual")  # manual | suggestion
    why: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    terms: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reasons_a: Mapped[list[str]] = mapped_column(JSON, default=list)
    reasons_b: Mapped[list[str]] = mapped_column(JSON, default=list)
    declined_by: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    asked_on: Mapped[dt.date | None] = mapped_column(Date)
    nudged_on: Mapped[dt.date | None] = mapped_column(Date)
    introduced_on: Mapped[dt.date | None] = mapped_column(Date)
    met_on: Mapped[dt.date | None] = mapped_column(Date)
    # The interaction that recorded the introduction (a give to both); follow-ups point at it.
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL")
    )
    created_on: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # The request (issue #8) this introduction answers; a plain id added by 0005_requests
    # (no FK, as 0002 did for follow_up_of), cleared by `services.requests` on delete.
    request_id: Mapped[int | None] = mapped_column(Integer, index=True)

    __table_args__ = (CheckConstraint("a_id <> b_id", name="ck_introduction_two_people"),)


class IntroductionStep(Base):
    """One dated action on an introduction: a transition, or a nudge or follow-up sent."""

    __tablename__ = "introduction_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("introduction.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    from_stage: Mapped[str | None] = mapped_column(String(30))
    stage: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_introduction_step_action_on", "action", "on"),)


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

    __table_args__ = (
        UniqueConstraint("introduction_id", "person_id", name="uq_debrief_side"),
        CheckConstraint("outcome BETWEEN 1 AND 5", name="ck_debrief_outcome"),
    )
