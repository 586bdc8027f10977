"""Tables of the batch jobs (issue #12): everyone's best matches, as the last run left them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from netweave.db.models import Base, utcnow


class BatchSuggestion(Base):
    """Person `person_id`'s match at `rank` (0 = best), written by `netweave batch suggest`.

    A run replaces every row in one transaction; `engine_key` is the fingerprint of the
    scoring inputs it ran on, so a reader can tell whether the network has changed since.
    """

    __tablename__ = "batch_suggestion"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    engine_key: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
