"""Tables of the introduction engine (issue #6): the embedding cache.

The `engine_state` change token (migration 0006) has no model on purpose: it is maintained by
triggers and read by `services.engine_cache`, and backups must neither export nor restore it.
"""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from netweave.db.models import Base


class Embedding(Base):
    """A cached vector: float32 bytes keyed by embedder name and the text's content hash."""

    __tablename__ = "embedding"

    model: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
