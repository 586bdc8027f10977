"""Nearest-neighbour search by inner product over unit vectors (= cosine).

`build_index` picks exact search up to `EXACT_MAX` vectors and faiss HNSW (M=16, efSearch 64)
above it. Measured on these 2-core machines (bench/bench_embedding.py, 256-d WordLlama vectors
of 150,000 synthetic items, 5,000 queries, top-10; recall counts a result reaching the exact
10th score):

    items    index          build   queries/s  5 queries  recall@10  all-vs-all (extrapolated)
    30,000   exact (faiss)  0.0 s    14,600     3 ms      1.000        2 s
    30,000   HNSW           0.6 s    42,600    <1 ms      0.946        1 s
    150,000  exact (faiss)  0.1 s     3,050    30 ms      1.000       49 s
    150,000  HNSW           4.4 s    26,900    <1 ms      0.963       10 s
    (numpy exact: 4-8x slower than faiss exact; 758 queries/s at 150,000. Figures vary up to
    3x between runs on these shared machines.)

Exact search needs no build and gives recall 1; its all-vs-all cost grows as n^2 while HNSW's
grows as about n log n. Below 50,000 items a full exact pass takes seconds (~6 s at 50,000), so
exact wins on recall at a small cost; above it the n^2 term dominates (5x at 150,000). A
handful of queries (one person's items) should always use `method="exact"`: tens of
milliseconds at 150,000, no build (`match_vectors` does so up to 1,000 queries). faiss is
optional: without it, exact search runs as blocked numpy matmul at every size.
"""

import importlib.util
from typing import Any, Protocol

import numpy as np

from netweave.engine.text.embedders import Matrix
from netweave.engine.text.topk import Ids, dense_topk

EXACT_MAX = 50_000
HNSW_M = 16
HNSW_EF_SEARCH = 64
HNSW_EF_CONSTRUCTION = 40


class VectorIndex(Protocol):
    """Finds the targets with the largest inner product with each query."""

    kind: str
    size: int

    def search(self, queries: Matrix, k: int) -> tuple[Matrix, Ids]:
        """Return (scores, ids), each (n_queries, min(k, size)), best first."""
        ...


def faiss_available() -> bool:
    """Return whether faiss can be imported."""
    return importlib.util.find_spec("faiss") is not None


class NumpyExactIndex:
    """Exact search by blocked numpy matrix products (`topk.dense_topk`)."""

    kind = "exact-numpy"

    def __init__(self, vectors: Matrix) -> None:
        self._vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.size = len(vectors)

    def search(self, queries: Matrix, k: int) -> tuple[Matrix, Ids]:
        """Return the exact top-k by inner product."""
        return dense_topk(np.asarray(queries, dtype=np.float32), self._vectors, k)


class FaissIndex:
    """A faiss inner-product index: flat (exact) or HNSW (approximate)."""

    def __init__(self, vectors: Matrix, hnsw: bool) -> None:
        import faiss

        data = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = data.shape[1]
        self.size = len(data)
        self.kind = "hnsw-faiss" if hnsw else "exact-faiss"
        index: Any
        if hnsw:
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            index = faiss.IndexFlatIP(dim)
        index.add(data)
        self._index = index

    def search(self, queries: Matrix, k: int) -> tuple[Matrix, Ids]:
        """Return the top-k by inner product (approximate for HNSW)."""
        kk = min(k, self.size)
        q = np.ascontiguousarray(queries, dtype=np.float32)
        if kk == 0 or len(q) == 0:
            return np.zeros((len(q), kk), np.float32), np.zeros((len(q), kk), np.int64)
        scores, ids = self._index.search(q, kk)
        return np.asarray(scores, np.float32), np.asarray(ids, np.int64)


def build_index(vectors: Matrix, exact_max: int = EXACT_MAX, method: str = "auto") -> VectorIndex:
    """Return an index over unit `vectors`.

    `method` is "auto" (exact up to `exact_max` vectors, HNSW above when faiss is installed),
    "exact" or "hnsw" (which needs faiss).
    """
    if method not in ("auto", "exact", "hnsw"):
        raise ValueError(f"unknown index method {method!r}")
    have_faiss = faiss_available()
    if method == "hnsw" and not have_faiss:
        raise RuntimeError("HNSW needs faiss-cpu")
    hnsw = method == "hnsw" or (method == "auto" and have_faiss and len(vectors) > exact_max)
    if have_faiss:
        return FaissIndex(vectors, hnsw=hnsw)
    return NumpyExactIndex(vectors)
