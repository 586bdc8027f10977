"""The `Embedder` protocol and a tiny dependency-free hashing embedder.

Backends with model weights live in `static.py` (wordllama, no torch) and `dense.py` (MiniLM,
optional extra "dense").
"""

import zlib
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from netweave.engine.text.tokens import features

Matrix = npt.NDArray[np.float32]
Progress = Callable[[int], None]


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to unit-length float32 vectors.

    `name` is a stable id of model and version: the embedding cache is keyed by it, so it must
    change whenever the vectors would. `progress`, when given, is called with the number of texts
    finished since its previous call (the shape of `rich.progress.Progress.advance`).
    """

    name: str
    dim: int

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> Matrix:
        """Return a (len(texts), dim) float32 array with L2-normalised rows."""
        ...


def l2_normalize(vectors: npt.ArrayLike) -> Matrix:
    """Return float32 rows scaled to unit length; all-zero rows stay zero."""
    v = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    out: Matrix = (v / np.maximum(norms, np.float32(1e-12))).astype(np.float32, copy=False)
    return out


class HashingEmbedder:
    """Hashing-trick embedder over the lexical features of `tokens.features`.

    Each feature f adds sign(f) * 1 to bucket crc32(f) mod dim, sign taken from another bit of
    the hash; rows are then L2-normalised. No model, no fitting, stable across processes. It
    only knows shared words and prefixes, not meaning: a fallback and a test double.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hashing-v1-{dim}"

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> Matrix:
        """Return hashed feature vectors of `texts`, one unit row each (zero if no features)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for feature in features(text):
                h = zlib.crc32(feature.encode("utf-8"))
                out[i, h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        if progress is not None:
            progress(len(texts))
        return l2_normalize(out)
