"""The database-backed embedding cache: vectors keyed by embedder name and content hash."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from netweave.db.models_engine import Embedding
from netweave.engine.text.cache import decode_vector, encode_vector
from netweave.engine.text.embedders import Matrix

_CHUNK = 900


class DbEmbeddingCache:
    """`EmbeddingCache` over the `embedding` table, inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, Matrix]:
        found: dict[str, Matrix] = {}
        unique = sorted(set(keys))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            rows = self.session.execute(
                select(Embedding.key, Embedding.vector).where(
                    Embedding.model == model, Embedding.key.in_(chunk)
                )
            )
            found.update((key, decode_vector(blob)) for key, blob in rows)
        return found

    def put_many(self, model: str, vectors: Mapping[str, Matrix]) -> None:
        known = set(self.get_many(model, list(vectors)))
        rows = [
            {"model": model, "key": key, "dim": int(vec.shape[0]), "vector": encode_vector(vec)}
            for key, vec in vectors.items()
            if key not in known
        ]
        if rows:
            self.session.execute(insert(Embedding), rows)

    def count(self, model: str | None = None) -> int:
        query = select(func.count()).select_from(Embedding)
        if model:
            query = query.where(Embedding.model == model)
        return self.session.scalar(query) or 0

    def clear(self, model: str | None = None) -> None:
        statement = delete(Embedding)
        if model:
            statement = statement.where(Embedding.model == model)
        self.session.execute(statement)
