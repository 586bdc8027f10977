"""Tables of planned gatherings: lunches and small tables of guests (issue #10).

A gathering keeps the plan as it was made (guests in seating order, why each is there, the
pairs that should talk, the objective), so `gathering show` reads back what was proposed even
after the network changes. Once held, `interaction_id` names the one in-person interaction
logged with everyone who came (a plain id, cleared if that interaction is deleted).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netweave.db.models import Base, utcnow


class Gathering(Base):
    """A planned (then held) lunch or small gathering."""

    __tablename__ = "gathering"

    id: Mapped[int] = mapped_column(primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(300))
    around_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="planned")  # planned | held
    planned_on: Mapped[dt.date] = mapped_column(Date)
    held_on: Mapped[dt.date | None] = mapped_column(Date)
    interaction_id: Mapped[int | None] = mapped_column(Integer)
    objective: Mapped[float] = mapped_column(Float, default=0.0)
    mean_score: Mapped[float] = mapped_column(Float, default=0.0)
    pairs: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # who should talk
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    guests: Mapped[list[GatheringGuest]] = relationship(
        cascade="all, delete-orphan", order_by="GatheringGuest.position", passive_deletes=True
    )


class GatheringGuest(Base):
    """One guest of a gathering: seat order, why they are there, and whether they came."""

    __tablename__ = "gathering_guest"

    gathering_id: Mapped[int] = mapped_column(
        ForeignKey("gathering.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    newcomer: Mapped[bool] = mapped_column(Boolean, default=False)
    came: Mapped[bool | None] = mapped_column(Boolean)
