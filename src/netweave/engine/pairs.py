"""Vectorised operations on arrays of (row, col) pairs of sparse matrices."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

_CHUNK = 1_000_000


def canonical(m: sp.spmatrix | sp.sparray) -> sp.csr_matrix:
    """CSR with summed duplicates and sorted column indices (int64 index arrays)."""
    out = sp.csr_matrix(m, copy=False)
    if not out.has_canonical_format:
        out = out.copy()
        out.sum_duplicates()
    return out


def lookup(m: sp.csr_matrix, rows: IntArray, cols: IntArray) -> FloatArray:
    """Return m[rows[k], cols[k]] for every k (0 where absent) by bisection inside each row.

    Needs canonical CSR (sorted indices). Costs log2(longest row) vectorised passes and no
    extra memory per stored entry.
    """
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    out = np.zeros(len(rows), dtype=np.float64)
    if m.nnz == 0 or len(rows) == 0:
        return out
    indptr = m.indptr.astype(np.int64, copy=False)
    indices = m.indices
    lo = indptr[rows]
    end = indptr[rows + 1]
    hi = end.copy()
    while True:
        active = lo < hi
        if not active.any():
            break
        mid = (lo + hi) // 2
        probe = indices[np.where(active, mid, 0)]
        right = active & (probe < cols)
        left = active & ~right
        lo = np.where(right, mid + 1, lo)
        hi = np.where(left, mid, hi)
    hit = lo < end
    pos = np.where(hit, lo, 0)
    hit &= indices[pos] == cols
    out[hit] = m.data[pos[hit]]
    return out


class SparseLookup:
    """Values of one sparse matrix at arbitrary (row, col) pairs, by binary search over the
    sorted flat keys row * n_cols + col (8 bytes per stored entry; faster than `lookup`)."""

    def __init__(self, m: sp.spmatrix | sp.sparray) -> None:
        c = canonical(m)
        self.n_cols = max(int(c.shape[1]), 1)
        counts = np.diff(c.indptr).astype(np.int64)
        rows = np.repeat(np.arange(c.shape[0], dtype=np.int64), counts)
        self.keys = rows * self.n_cols + c.indices.astype(np.int64)
        self.data = np.asarray(c.data, dtype=np.float64)

    def __call__(self, rows: IntArray, cols: IntArray) -> FloatArray:
        out = np.zeros(len(rows), dtype=np.float64)
        if len(self.keys) == 0 or len(rows) == 0:
            return out
        query = np.asarray(rows, dtype=np.int64) * self.n_cols + np.asarray(cols, dtype=np.int64)
        pos = np.searchsorted(self.keys, query)
        pos[pos == len(self.keys)] = 0
        hit = self.keys[pos] == query
        out[hit] = self.data[pos[hit]]
        return out


def scatter(keys: IntArray, block: sp.csr_matrix, lo: int, n_cols: int) -> FloatArray:
    """Values of `block` (rows lo.. of a matrix) aligned to sorted pair keys row * n_cols + col;
    entries of `block` whose pair is not among `keys` are dropped, absent pairs read 0."""
    out = np.zeros(len(keys), dtype=np.float64)
    b = canonical(block)
    if b.nnz == 0 or len(keys) == 0:
        return out
    rows = np.repeat(np.arange(b.shape[0], dtype=np.int64) + lo, np.diff(b.indptr))
    query = rows * n_cols + b.indices.astype(np.int64)
    pos = np.searchsorted(keys, query)
    pos[pos == len(keys)] = 0
    hit = keys[pos] == query
    out[pos[hit]] = b.data[hit]
    return out


def weighted_overlap(
    incidence: sp.csr_matrix, weights: FloatArray, rows: IntArray, cols: IntArray
) -> FloatArray:
    """Return sum_s M[a, s] * M[b, s] * w[s] for each pair (a, b) = (rows[k], cols[k])."""
    out = np.zeros(len(rows), dtype=np.float64)
    if incidence.nnz == 0:
        return out
    for start in range(0, len(rows), _CHUNK):
        r = rows[start : start + _CHUNK]
        c = cols[start : start + _CHUNK]
        both = incidence[r].multiply(incidence[c])
        out[start : start + _CHUNK] = np.asarray(both @ weights).ravel()
    return out


def group_max(keys: IntArray, values: FloatArray) -> tuple[IntArray, FloatArray]:
    """Distinct keys (ascending) and the largest value for each."""
    if len(keys) == 0:
        return keys, values
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    return keys[starts], np.maximum.reduceat(values, starts)


def top2(keys: IntArray, values: FloatArray) -> tuple[IntArray, FloatArray, FloatArray]:
    """Distinct keys (ascending) with the best and second-best value for each (0 if none)."""
    if len(keys) == 0:
        return keys, values, values
    order = np.lexsort((-values, keys))
    keys, values = keys[order], values[order]
    first = np.concatenate([[True], keys[1:] != keys[:-1]])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(keys)))
    best = values[starts]
    second = np.zeros(len(starts), dtype=np.float64)
    has2 = counts > 1
    second[has2] = values[starts[has2] + 1]
    return keys[starts], best, second


def squash(x: FloatArray, tau: float) -> FloatArray:
    """Saturating map [0, inf) -> [0, 1): 1 - exp(-x / tau); 0 -> 0, tau -> 0.63, 3 tau -> 0.95."""
    return -np.expm1(-np.asarray(x, dtype=np.float64) / tau)


def top_k_rows(
    rows: IntArray, cols: IntArray, scores: FloatArray, k: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """Keep each row's k best pairs (ties broken by lower column), sorted by row then rank."""
    order = np.lexsort((cols, -scores, rows))
    rows, cols, scores = rows[order], cols[order], scores[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = (np.arange(len(rows)) - starts) < k
    return rows[keep], cols[keep], scores[keep]
