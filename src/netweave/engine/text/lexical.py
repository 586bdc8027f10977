"""TF-IDF over words, word pairs and word prefixes (`tokens.features`), as unit sparse rows.

Weight of feature f in item d, fitted on a corpus of n items where f occurs in df(f) of them::

    w(f, d) = (1 + ln tf(f, d)) * (ln((1 + n) / (1 + df(f))) + 1)

(sublinear tf, smoothed idf), rows then L2-normalised, so the dot product of two rows is their
cosine, in [0, 1]. Features in more than `max_df` (half) of the items are dropped once the
corpus has `min_docs_to_prune` items: corpus-specific stop words. Frequent features that remain
count in scores but not in candidate generation (`lexical_topk`).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netweave.engine.text.tokens import features
from netweave.engine.text.topk import csr_row_topk, sparse_topk

CANDIDATE_MAX_DF = 0.01


@dataclass(frozen=True)
class LexicalModel:
    """A fitted vocabulary (feature -> column) with its idf weights."""

    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float32]

    @classmethod
    def fit(
        cls, texts: Sequence[str], max_df: float = 0.5, min_docs_to_prune: int = 100
    ) -> "LexicalModel":
        """Fit vocabulary and idf on `texts` (for matching: queries and targets together)."""
        return cls.fit_transform(texts, max_df, min_docs_to_prune)[0]

    @classmethod
    def fit_transform(
        cls, texts: Sequence[str], max_df: float = 0.5, min_docs_to_prune: int = 100
    ) -> tuple["LexicalModel", sp.csr_matrix]:
        """Fit on `texts` and return the model with their rows, tokenising each text once."""
        grow: dict[str, int] = {}
        counts = _counts(texts, grow, add=True)
        n = len(texts)
        df = np.diff(sp.csc_matrix(counts).indptr)[: len(grow)]
        keep = np.ones(len(grow), dtype=bool)
        if n >= min_docs_to_prune:
            keep = df <= max_df * n
        new_col = np.cumsum(keep) - 1
        vocabulary = {f: int(new_col[c]) for f, c in grow.items() if keep[c]}
        idf = (np.log((1.0 + n) / (1.0 + df[keep])) + 1.0).astype(np.float32)
        model = cls(vocabulary, idf)
        kept = sp.csr_matrix(counts[:, np.flatnonzero(keep)], shape=(n, max(len(idf), 1)))
        return model, model._weigh(kept)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return the (len(texts), n_features) float32 CSR of unit TF-IDF rows."""
        return self._weigh(_counts(texts, self.vocabulary, add=False))

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Turn raw counts into unit TF-IDF rows."""
        counts = sp.csr_matrix(counts, dtype=np.float64)
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        counts = sp.csr_matrix(sp.diags(1.0 / np.maximum(norms, 1e-12)) @ counts)
        return sp.csr_matrix(counts, dtype=np.float32)


def lexical_topk(
    queries: sp.csr_matrix,
    targets: sp.csr_matrix,
    k: int,
    max_df: float = CANDIDATE_MAX_DF,
    min_cap: int = 1000,
) -> sp.csr_matrix:
    """Return each query's k best targets by lexical cosine, as CSR (queries x targets).

    Candidates are blocked on selective features: a query feature found in more than
    cap = max(max_df * n_targets, min_cap) targets is left out of the candidate product (unless
    it is the query's rarest feature), which bounds the work per query near 20 * cap. The 2k
    best candidates by that partial product are then scored by their full cosine and the k best
    kept. Pairs sharing only very common features can be missed; the dense index covers those.
    """
    q, t = sp.csr_matrix(queries), sp.csr_matrix(targets)
    df = np.diff(sp.csc_matrix(t).indptr)
    cap = max(max_df * t.shape[0], min_cap)
    entry_df = df[q.indices]
    counts = np.diff(q.indptr)
    rarest = np.zeros(q.shape[0], dtype=df.dtype)
    nonempty = counts > 0
    if q.nnz:
        rarest[nonempty] = np.minimum.reduceat(entry_df, q.indptr[:-1][nonempty])
    keep = (entry_df <= cap) | (entry_df == np.repeat(rarest, counts))
    rows = np.repeat(np.arange(q.shape[0]), counts)[keep]
    blocked = sp.csr_matrix((q.data[keep], (rows, q.indices[keep])), shape=q.shape)
    coarse = sparse_topk(blocked, t, 2 * k).tocoo()
    r, c = coarse.row.astype(np.int64), coarse.col.astype(np.int64)
    full = sp.csr_matrix((pair_cosines(q, t, r, c), (r, c)), shape=(q.shape[0], t.shape[0]))
    return csr_row_topk(full, k)


def pair_cosines(
    queries: sp.csr_matrix,
    targets: sp.csr_matrix,
    rows: npt.NDArray[np.int64],
    cols: npt.NDArray[np.int64],
    chunk: int = 65_536,
) -> npt.NDArray[np.float32]:
    """Return the lexical cosine of each (rows[i], cols[i]) pair, in chunks of `chunk` pairs."""
    out = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), chunk):
        r, c = rows[start : start + chunk], cols[start : start + chunk]
        prod = queries[r].multiply(targets[c])
        out[start : start + len(r)] = np.asarray(prod.sum(axis=1)).ravel()
    return np.clip(out, 0.0, 1.0)


def _counts(texts: Sequence[str], vocabulary: dict[str, int], add: bool) -> sp.csr_matrix:
    """Return raw feature counts; with `add`, unseen features are appended to `vocabulary`."""
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        for f in features(text):
            col = vocabulary.setdefault(f, len(vocabulary)) if add else vocabulary.get(f)
            if col is not None:
                indices.append(col)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    m = sp.csr_matrix((data, indices, indptr), shape=(len(texts), max(len(vocabulary), 1)))
    m.sum_duplicates()
    return m
