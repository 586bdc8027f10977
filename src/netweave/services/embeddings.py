"""The database-backed embedding cache: vectors keyed by embedder name and content hash."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from netweave.db.models_engine import Embedding
from netweave.engine.text.cache import decode_vector, encode_vector
from netweave.engine.text.embedders import Matrix

_CHUNK = 900
_DEFERRED = "netweave.deferred_embeddings"


class DbEmbeddingCache:
    """`EmbeddingCache` over the `embedding` table, inside the caller's transaction.

    Deferred, new vectors wait in `pending` (and are found there) instead of being
    written, so a long job can read in a read session and write them afterwards in one
    short transaction (`flush`): the writer lock is never held for the job's length.
    """

    def __init__(self, session: Session, *, deferred: bool = False) -> None:
        self.session = session
        self.deferred = deferred
        self.pending: dict[str, dict[str, Matrix]] = {}

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, Matrix]:
        waiting = self.pending.get(model, {})
        found: dict[str, Matrix] = {k: waiting[k] for k in keys if k in waiting}
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
        if self.deferred:
            self.pending.setdefault(model, {}).update(vectors)
            return
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


def embedding_cache(session: Session) -> DbEmbeddingCache:
    """The cache to use in `session`: the deferred one inside `deferred_embeddings`."""
    found = session.info.get(_DEFERRED)
    return found if isinstance(found, DbEmbeddingCache) else DbEmbeddingCache(session)


@contextmanager
def deferred_embeddings(session: Session) -> Iterator[DbEmbeddingCache]:
    """Within the block, code asking `embedding_cache(session)` defers its writes."""
    cache = DbEmbeddingCache(session, deferred=True)
    session.info[_DEFERRED] = cache
    try:
        yield cache
    finally:
        session.info.pop(_DEFERRED, None)


def flush(session: Session, pending: Mapping[str, Mapping[str, Matrix]]) -> int:
    """Write deferred vectors (those another writer has not written meanwhile); the count."""
    cache = DbEmbeddingCache(session)
    for model, vectors in pending.items():
        cache.put_many(model, vectors)
    return sum(len(v) for v in pending.values())
