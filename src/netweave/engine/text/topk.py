"""Blocked top-k of similarity products, dense and sparse, with memory bounded by a budget.

Both compute, for each query row q, the k largest entries of q @ T.T without holding the whole
(queries x targets) product: dense blocks of `budget` scores at most; sparse blocks whose
multiply-add count (an upper bound on the block's stored entries) is at most `budget`.
"""

import itertools

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netweave.engine.text.embedders import Matrix

Ids = npt.NDArray[np.int64]
DENSE_BUDGET = 32_000_000  # float32 scores per block: 128 MB
SPARSE_BUDGET = 4_000_000  # multiply-adds per block: ~250 MB of temporaries at most


def dense_topk(
    queries: Matrix, targets: Matrix, k: int, budget: int = DENSE_BUDGET
) -> tuple[Matrix, Ids]:
    """Return (scores, ids), each (n_queries, min(k, n_targets)), best first, of Q @ T.T."""
    n_q, n_t = queries.shape[0], targets.shape[0]
    kk = min(k, n_t)
    scores = np.zeros((n_q, kk), dtype=np.float32)
    ids = np.zeros((n_q, kk), dtype=np.int64)
    if kk == 0:
        return scores, ids
    rows = max(1, budget // max(n_t, 1))
    for start in range(0, n_q, rows):
        block = queries[start : start + rows] @ targets.T
        if kk < n_t:
            part = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
        else:
            part = np.broadcast_to(np.arange(n_t), block.shape).copy()
        vals = np.take_along_axis(block, part, axis=1)
        order = np.argsort(-vals, axis=1, kind="stable")
        scores[start : start + rows] = np.take_along_axis(vals, order, axis=1)
        ids[start : start + rows] = np.take_along_axis(part, order, axis=1)
    return scores, ids


def csr_row_topk(matrix: sp.csr_matrix, k: int, buckets: int = 1024) -> sp.csr_matrix:
    """Keep the k largest stored entries of each row (ties: lower column first), in O(nnz).

    The matrix must hold no duplicate entries (true of any product or `tocsr` result).

    Values are binned into B equal bins over [min, max]; a per-row histogram gives the lowest
    bin that still holds the row's k-th largest value, and only entries in that bin or above
    (about k per row) are sorted exactly. B = min(`buckets`, max(16, 2 * mean entries of the
    rows holding more than k)), so the histogram never outgrows the matrix.
    """
    m = sp.csr_matrix(matrix)
    n_rows = m.shape[0]
    counts = np.diff(m.indptr)
    rows = np.repeat(np.arange(n_rows, dtype=np.int64), counts)
    data, cols = m.data, m.indices
    crowded = np.flatnonzero(counts > k) if k > 0 else np.zeros(0, dtype=np.int64)
    if len(crowded):
        slot = np.full(n_rows, -1, dtype=np.int64)
        slot[crowded] = np.arange(len(crowded))
        s = slot[rows]
        buckets = min(buckets, max(16, 2 * int(np.count_nonzero(s >= 0)) // len(crowded)))
        lo, hi = float(data.min()), float(data.max())
        scale = (buckets - 1) / (hi - lo) if hi > lo else 0.0
        binned = ((data - lo) * scale).astype(np.int64)
        hist = np.bincount(s[s >= 0] * buckets + binned[s >= 0], minlength=len(crowded) * buckets)
        at_or_above = np.cumsum(hist.reshape(len(crowded), buckets)[:, ::-1], axis=1)[:, ::-1]
        threshold = np.maximum((at_or_above >= k).sum(axis=1) - 1, 0)
        keep = (s < 0) | (binned >= threshold[np.maximum(s, 0)])
        rows, data, cols = rows[keep], data[keep], cols[keep]
    order = np.lexsort((cols, -data, rows))
    rows, data, cols = rows[order], data[order], cols[order]
    starts = np.searchsorted(rows, rows, side="left")
    top = np.arange(len(rows)) - starts < k
    return sp.csr_matrix((data[top], (rows[top], cols[top])), shape=m.shape)


def sparse_topk(
    queries: sp.csr_matrix, targets: sp.csr_matrix, k: int, budget: int = SPARSE_BUDGET
) -> sp.csr_matrix:
    """Return Q @ T.T with only each row's k largest entries kept, as CSR.

    Rows are grouped so that each block's work, sum over its rows of sum over the row's features
    f of df_T(f) (which bounds the block product's stored entries), stays within `budget`.
    """
    q, t = sp.csr_matrix(queries), sp.csr_matrix(targets)
    df = np.diff(sp.csc_matrix(t).indptr).astype(np.float64)
    work = (q != 0).astype(np.float64) @ df
    bounds = _blocks(np.asarray(work).ravel(), budget)
    t_t = sp.csr_matrix(t.T)
    parts = [csr_row_topk(sp.csr_matrix(q[a:b] @ t_t), k) for a, b in itertools.pairwise(bounds)]
    if not parts:
        return sp.csr_matrix((q.shape[0], t.shape[0]), dtype=np.float32)
    return sp.csr_matrix(sp.vstack(parts, format="csr"), dtype=np.float32)


def _blocks(work: npt.NDArray[np.float64], budget: int, max_rows: int = 4096) -> list[int]:
    """Return row boundaries [0, ..., n]: runs of 1 to `max_rows` rows, work sum <= budget."""
    bounds, start, n = [0], 0, len(work)
    cum = np.cumsum(work)
    while start < n:
        base = cum[start - 1] if start else 0.0
        end = int(np.searchsorted(cum, base + budget, side="right"))
        start = min(max(end, start + 1), start + max_rows)
        bounds.append(min(start, n))
    return bounds
