"""Embedding cache keyed by (embedder name, content key), and embedding through it.

A stored vector is the little-endian float32 bytes of one unit row (`encode_vector`), so a
database cache is a table (model, key, blob) and `get_many`/`put_many` are one query each.
"""

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from netweave.engine.text.embedders import Embedder, Matrix, Progress
from netweave.engine.text.normalize import item_key, normalize_text

_CHUNK = 4096


class EmbeddingCache(Protocol):
    """Stores vectors by model name and content key (`normalize.item_key`)."""

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, Matrix]:
        """Return the vectors found for `keys`; absent keys are left out."""
        ...

    def put_many(self, model: str, vectors: Mapping[str, Matrix]) -> None:
        """Store (or overwrite) the given vectors."""
        ...


def encode_vector(vector: Matrix) -> bytes:
    """Return the little-endian float32 bytes of a 1-d vector."""
    return np.asarray(vector, dtype="<f4").tobytes()


def decode_vector(blob: bytes) -> Matrix:
    """Return the float32 vector stored by `encode_vector`."""
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


class InMemoryCache:
    """An `EmbeddingCache` in a dict, holding bytes as a database would."""

    def __init__(self) -> None:
        self._store: dict[tuple[str, str], bytes] = {}

    def __len__(self) -> int:
        return len(self._store)

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, Matrix]:
        """Return the vectors found for `keys`."""
        found = ((k, self._store.get((model, k))) for k in keys)
        return {k: decode_vector(blob) for k, blob in found if blob is not None}

    def put_many(self, model: str, vectors: Mapping[str, Matrix]) -> None:
        """Store the given vectors."""
        for k, v in vectors.items():
            self._store[(model, k)] = encode_vector(v)


def embed_with_cache(
    embedder: Embedder,
    texts: Sequence[str],
    cache: EmbeddingCache,
    progress: Progress | None = None,
) -> Matrix:
    """Return vectors of `texts`, embedding only canonical forms the cache lacks, each once.

    Identical items (after `normalize_text`) are embedded once; new vectors are stored in chunks
    of 4,096 so that an interrupted run keeps what it finished. A cached vector of the wrong
    length counts as missing. `progress` sees only texts actually embedded.
    """
    keys = [item_key(t) for t in texts]
    first: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        first.setdefault(key, text)
    unique = list(first)
    vectors = {
        k: v for k, v in cache.get_many(embedder.name, unique).items() if v.shape == (embedder.dim,)
    }
    missing = [k for k in unique if k not in vectors]
    for start in range(0, len(missing), _CHUNK):
        chunk = missing[start : start + _CHUNK]
        fresh = embedder.embed([normalize_text(first[k]) for k in chunk], progress)
        new = dict(zip(chunk, fresh, strict=True))
        cache.put_many(embedder.name, new)
        vectors.update(new)
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i, key in enumerate(keys):
        out[i] = vectors[key]
    return out
