"""Hybrid matching of free-text items: each query's top-k targets, as sparse score matrices.

For a query item q and a target item t, with unit dense vectors u, v and unit TF-IDF rows x, y::

    dense(q, t)   = clip(u . v, 0, 1)          (cosine; negative similarity counts as none)
    lexical(q, t) = x . y                      (cosine of non-negative rows: already in [0, 1])
    score(q, t)   = alpha * dense + (1 - alpha) * lexical      (alpha = 0 without an embedder)

Candidates for q are the union of its top-k targets by dense cosine (vector index) and by
lexical cosine (blocked sparse product); the k best by score are kept. Nothing loops over all
pairs, and every step works in blocks, so memory stays bounded at 150,000 x 150,000 items.

`refine` re-scores the pairs of an earlier result with another (better, slower) embedder: answer
at once with lexical + static vectors, then re-rank the top candidates with MiniLM.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netweave.engine.text.cache import EmbeddingCache, InMemoryCache, embed_with_cache
from netweave.engine.text.embedders import Embedder, Matrix, Progress
from netweave.engine.text.index import VectorIndex, build_index
from netweave.engine.text.lexical import LexicalModel, lexical_topk, pair_cosines
from netweave.engine.text.topk import Ids, csr_row_topk

FEW_QUERIES = 1_000  # below this, exact search beats building an HNSW graph (see index.py)
_PAIR_CHUNK = 32_768  # pairs per chunk: two 32 MB gathers at 256 dims


@dataclass(frozen=True)
class ItemMatches:
    """Hybrid `scores` and their `dense` and `lexical` parts: CSR (queries x targets), same pattern.

    Row i holds query i's kept targets (unordered within the row; see `ranked`). `embedder` is
    the name of the embedder behind `dense`, or None when matching was lexical only.
    """

    scores: sp.csr_matrix
    dense: sp.csr_matrix
    lexical: sp.csr_matrix
    alpha: float
    embedder: str | None


def ranked(matrix: sp.csr_matrix, row: int) -> tuple[Ids, Matrix]:
    """Return (target ids, scores) of one row of a score matrix, best first."""
    a, b = matrix.indptr[row], matrix.indptr[row + 1]
    cols, vals = matrix.indices[a:b], matrix.data[a:b]
    order = np.lexsort((cols, -vals))
    return cols[order].astype(np.int64), vals[order].astype(np.float32)


def match_vectors(
    query_lexical: sp.csr_matrix,
    target_lexical: sp.csr_matrix,
    query_dense: Matrix | None = None,
    target_dense: Matrix | None = None,
    *,
    k: int = 10,
    alpha: float = 0.5,
    index: VectorIndex | None = None,
    embedder: str | None = None,
) -> ItemMatches:
    """Match precomputed representations; `index` (over `target_dense`) is built if not given.

    The built index is exact for up to FEW_QUERIES queries, else `build_index`'s choice.
    """
    if not 0.0 <= alpha <= 1.0:
        raise ValueError("alpha must be within [0, 1]")
    shape = (query_lexical.shape[0], target_lexical.shape[0])
    lex_top = lexical_topk(query_lexical, target_lexical, k).tocoo()
    rows, cols = lex_top.row.astype(np.int64), lex_top.col.astype(np.int64)
    has_dense = query_dense is not None and target_dense is not None
    if query_dense is not None and target_dense is not None:
        if index is None:
            index = index_for(target_dense, query_dense.shape[0])
        _, ids = index.search(query_dense, k)
        dense_rows = np.repeat(np.arange(shape[0], dtype=np.int64), ids.shape[1])
        ok = ids.ravel() >= 0
        rows = np.concatenate([rows, dense_rows[ok]])
        cols = np.concatenate([cols, ids.ravel()[ok]])
    rows, cols = _unique_pairs(rows, cols, shape[1])
    lexical = pair_cosines(query_lexical, target_lexical, rows, cols)
    dense = np.zeros_like(lexical)
    if query_dense is not None and target_dense is not None:
        dense = dense_pair_cosines(query_dense, target_dense, rows, cols)
    weight = alpha if has_dense else 0.0
    return _assemble(rows, cols, dense, lexical, weight, k, shape, embedder if has_dense else None)


def match_items(
    queries: Sequence[str],
    targets: Sequence[str],
    *,
    k: int = 10,
    alpha: float = 0.5,
    embedder: Embedder | None = None,
    cache: EmbeddingCache | None = None,
    progress: Progress | None = None,
) -> ItemMatches:
    """Return each query's top-k targets by hybrid score (lexical only if `embedder` is None).

    Queries that repeat a text are matched once: a community repeats its needs ("SBA
    lenders" from thousands of people), and each query's cost grows with the targets, so
    matching every copy made the whole job grow with the square of the community. A query's
    row depends only on its own text, so the copies get exactly the row it would have had.
    The vocabulary (IDF) is still fitted on every item, and the index is chosen by the
    number of queries asked, as before.
    """
    _, lex = LexicalModel.fit_transform([*queries, *targets])
    t_lex = lex[len(queries) :]
    first, copies = distinct_positions(queries)
    q_lex = lex[first]
    if embedder is None:
        found = match_vectors(q_lex, t_lex, k=k, alpha=alpha)
        return rows_of(found, copies)
    store = cache if cache is not None else InMemoryCache()
    distinct = [queries[i] for i in first]
    vectors = embed_with_cache(embedder, [*distinct, *targets], store, progress)
    q_dense, t_dense = vectors[: len(distinct)], vectors[len(distinct) :]
    index = index_for(t_dense, len(queries))
    found = match_vectors(
        q_lex, t_lex, q_dense, t_dense, k=k, alpha=alpha, index=index, embedder=embedder.name
    )
    return rows_of(found, copies)


def index_for(targets: Matrix, queries: int) -> VectorIndex:
    """The vector index over `targets` for `queries` searches: exact for a few, else auto."""
    return build_index(targets, method="exact" if queries <= FEW_QUERIES else "auto")


def distinct_positions(texts: Sequence[str]) -> tuple[Ids, Ids]:
    """(first position of each distinct text, which distinct text each position holds)."""
    seen: dict[str, int] = {}
    copies = np.fromiter(
        (seen.setdefault(t, len(seen)) for t in texts), dtype=np.int64, count=len(texts)
    )
    first = np.zeros(len(seen), dtype=np.int64)
    first[copies[::-1]] = np.arange(len(texts) - 1, -1, -1, dtype=np.int64)
    return first, copies


def rows_of(matches: ItemMatches, rows: Ids) -> ItemMatches:
    """The matches with row i taken from row `rows[i]` (copies of a distinct query's row)."""
    return ItemMatches(
        sp.csr_matrix(matches.scores[rows]),
        sp.csr_matrix(matches.dense[rows]),
        sp.csr_matrix(matches.lexical[rows]),
        matches.alpha,
        matches.embedder,
    )


def refine(
    matches: ItemMatches,
    queries: Sequence[str],
    targets: Sequence[str],
    embedder: Embedder,
    *,
    alpha: float | None = None,
    keep: int | None = None,
    cache: EmbeddingCache | None = None,
    progress: Progress | None = None,
) -> ItemMatches:
    """Re-score the pairs of `matches` with `embedder`'s cosine in place of the earlier dense part.

    With `keep`, only each query's `keep` best pairs are re-scored and returned. Only the items
    that occur in those pairs are embedded (through `cache` when given). `alpha` defaults to
    the earlier one, or 0.5 if the earlier matching was lexical only.
    """
    weight = alpha if alpha is not None else (matches.alpha if matches.embedder else 0.5)
    pattern = csr_row_topk(matches.scores, keep) if keep is not None else matches.scores
    coo = pattern.tocoo()
    rows, cols = coo.row.astype(np.int64), coo.col.astype(np.int64)
    lexical = np.asarray(matches.lexical[rows, cols]).ravel().astype(np.float32)
    q_ids, q_pos = np.unique(rows, return_inverse=True)
    t_ids, t_pos = np.unique(cols, return_inverse=True)
    texts = [queries[i] for i in q_ids] + [targets[j] for j in t_ids]
    vectors = embed_with_cache(
        embedder, texts, cache if cache is not None else InMemoryCache(), progress
    )
    q_vec, t_vec = vectors[: len(q_ids)], vectors[len(q_ids) :]
    dense = dense_pair_cosines(q_vec, t_vec, q_pos.astype(np.int64), t_pos.astype(np.int64))
    shape = matches.scores.shape
    return _assemble(rows, cols, dense, lexical, weight, None, shape, embedder.name)


def dense_pair_cosines(
    queries: Matrix, targets: Matrix, rows: Ids, cols: Ids
) -> npt.NDArray[np.float32]:
    """Return clip(queries[rows[i]] . targets[cols[i]], 0, 1) for each pair, in chunks."""
    out = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), _PAIR_CHUNK):
        r, c = rows[start : start + _PAIR_CHUNK], cols[start : start + _PAIR_CHUNK]
        out[start : start + len(r)] = np.einsum("ij,ij->i", queries[r], targets[c])
    return np.clip(out, 0.0, 1.0)


def _unique_pairs(rows: Ids, cols: Ids, n_cols: int) -> tuple[Ids, Ids]:
    """Return the distinct (row, col) pairs sorted by row, then column."""
    codes = np.unique(rows * np.int64(max(n_cols, 1)) + cols)
    return codes // max(n_cols, 1), codes % max(n_cols, 1)


def _assemble(
    rows: Ids,
    cols: Ids,
    dense: npt.NDArray[np.float32],
    lexical: npt.NDArray[np.float32],
    alpha: float,
    k: int | None,
    shape: tuple[int, int],
    embedder: str | None,
) -> ItemMatches:
    """Combine parts, drop pairs scoring 0, keep each row's k best, and build the matrices."""
    scores = np.clip(alpha * dense + (1.0 - alpha) * lexical, 0.0, 1.0).astype(np.float32)
    chosen = np.flatnonzero(scores > 0.0)
    if k is not None:
        sub = chosen[np.lexsort((cols[chosen], -scores[chosen], rows[chosen]))]
        starts = np.searchsorted(rows[sub], rows[sub], side="left")
        chosen = np.sort(sub[np.arange(len(sub)) - starts < k])  # back to (row, col) order
    rows, cols = rows[chosen], cols[chosen]

    def csr(values: npt.NDArray[np.float32]) -> sp.csr_matrix:
        indptr = np.zeros(shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=shape[0]), out=indptr[1:])
        return sp.csr_matrix((values, cols, indptr), shape=shape)

    return ItemMatches(
        csr(scores[chosen]), csr(dense[chosen]), csr(lexical[chosen]), alpha, embedder
    )
