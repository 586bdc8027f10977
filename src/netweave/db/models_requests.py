"""Tables of requests for help and of events (issue #8).

A request keeps both what was asked (`raw_text`) and its refinement (goal, context, specific
ask, desired outcome); `text` is what routing matches. Introductions it led to point at it
through the nullable `introduction.request_id` (added by 0005_requests). An event has
attendees (people rows, merged like any import) and, after it, who I met.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from netweave.db.models import Base, utcnow


class Request(Base):
    """An ask for help, from a contact (`requester_id`) or from me (NULL)."""

    __tablename__ = "request"

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    raw_text: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)  # refined if it was refined, else the raw text
    goal: Mapped[str | None] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    ask: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    vague: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | closed
    created_on: Mapped[dt.date] = mapped_column(Date)
    check_after_days: Mapped[int] = mapped_column(Integer, default=14)
    checked_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(Text)  # how it ended, in the user's words
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_request_status_created", "status", "created_on"),)


class Event(Base):
    """A conference or meetup."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    on: Mapped[dt.date] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class EventAttendee(Base):
    """Someone on an event's attendee list; `met_on` once I met them there."""

    __tablename__ = "event_attendee"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    met_on: Mapped[dt.date | None] = mapped_column(Date)
