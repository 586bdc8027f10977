"""Expert finding: score free-text items against a query and aggregate them per person.

Lexical part, Okapi BM25 over the features of `text.tokens.features` (words, prefixes, word
pairs) of each distinct item text d, with k1 = 1.2, b = 0.75::

    idf(t)     = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
    bm25(q, d) = sum over t in q of idf(t) * tf(t,d) (k1+1) / (tf(t,d) + k1 (1 - b + b |d| / avgdl))
    lex(q, d)  = min(1, bm25(q, d) / sum over t in q of idf(t))

(the denominator is what a text matching every query feature once, at average length, scores;
a feature the corpus lacks counts with the largest idf). Dense part, cosine of unit vectors u
(query) and v_d, centred on the query's mean cosine mu over all texts, since static vectors
give unrelated texts a cosine of 0.2–0.4::

    dense(q, d) = clip((u . v_d - mu) / (1 - mu), 0, 1)
    s(q, d)     = alpha dense + (1 - alpha) lex      (alpha = 0 without vectors)

Per person e (the document model of expert finding: a person is the sum of their items),
with w_k the weight of the item's kind (offer 1, objective 0.8, interaction note 0.5)::

    S(e) = tau * ln(1 + sum over items d of e of (exp(w_k s(q, d) / tau) - 1)),  tau = 0.05

a smoothed max: one item scores exactly its own w s; a second equally good one adds
tau ln 2 ~ 0.035; items that do not match add nothing, however many a person has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netweave.engine.text.tokens import features

K1 = 1.2
B = 0.75
TAU = 0.05
ALPHA = 0.35
KIND_WEIGHTS = {"offer": 1.0, "objective": 0.8, "note": 0.5}

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Columns:
    """An N x V matrix in compressed sparse columns (scipy's CSC arrays) that only sums
    columns: routing needs nothing more, and so never imports scipy on its warm path."""

    data: Floats
    indices: npt.NDArray[np.int32]
    indptr: npt.NDArray[np.int64]
    shape: tuple[int, int]

    def weighted_sum(self, cols: Ints, counts: Ints) -> Floats:
        """Return sum over j of counts[j] * column cols[j], as a dense length-N vector."""
        starts, ends = self.indptr[cols], self.indptr[cols + 1]
        picked = np.concatenate([np.arange(a, b) for a, b in zip(starts, ends, strict=True)])
        repeats = np.repeat(counts.astype(np.float64), ends - starts)
        rows = self.indices[picked]
        out: Floats = np.bincount(
            rows, weights=self.data[picked] * repeats, minlength=self.shape[0]
        ).astype(np.float32)
        return out


@dataclass(frozen=True)
class Bm25:
    """BM25 weights of N texts: W (N x V, CSC) so that bm25(q, .) = W[:, features(q)].sum(1)."""

    vocabulary: dict[str, int]
    idf: Floats
    weights: Columns

    @classmethod
    def fit(cls, texts: Sequence[str]) -> Bm25:
        """Fit vocabulary, idf and the saturated term weights of `texts`."""
        import scipy.sparse as sp

        vocabulary: dict[str, int] = {}
        indices: list[int] = []
        indptr = [0]
        for text in texts:
            indices += [vocabulary.setdefault(f, len(vocabulary)) for f in features(text)]
            indptr.append(len(indices))
        n, v = len(texts), max(len(vocabulary), 1)
        counts = sp.csr_matrix((np.ones(len(indices), np.float64), indices, indptr), shape=(n, v))
        counts.sum_duplicates()
        lengths = np.diff(indptr).astype(np.float64)
        avg = max(float(lengths.mean()) if n else 1.0, 1.0)
        df = np.diff(sp.csc_matrix(counts).indptr)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        rows = np.repeat(np.arange(n), np.diff(counts.indptr))
        tf = counts.data
        norm = K1 * (1.0 - B + B * lengths[rows] / avg)
        counts.data = idf[counts.indices] * tf * (K1 + 1.0) / (tf + norm)
        w = sp.csc_matrix(counts, dtype=np.float32)
        weights = Columns(w.data, w.indices.astype(np.int32), w.indptr.astype(np.int64), (n, v))
        return cls(vocabulary, idf.astype(np.float32), weights)

    @property
    def max_idf(self) -> float:
        n = self.weights.shape[0]
        return float(np.log(1.0 + (n + 0.5) / 0.5))

    def score(self, query: str) -> Floats:
        """Return lex(q, d) for every text d, in [0, 1]."""
        found: list[int] = []
        denominator = 0.0
        for f in features(query):
            col = self.vocabulary.get(f)
            if col is None:
                denominator += self.max_idf
            else:
                found.append(col)
                denominator += float(self.idf[col])
        n = self.weights.shape[0]
        if not found or denominator <= 0:
            return np.zeros(n, np.float32)
        cols, counts = np.unique(found, return_counts=True)
        raw = self.weights.weighted_sum(cols, counts)
        out: Floats = np.minimum(raw / denominator, 1.0).astype(np.float32)
        return out


def dense_scores(query: Floats, vectors: Floats) -> Floats:
    """Return clip((u . v_d - mu) / (1 - mu), 0, 1) for every row v_d."""
    if len(vectors) == 0:
        return np.zeros(0, np.float32)
    cos = vectors @ query.astype(vectors.dtype)
    mu = float(cos.mean())
    out: Floats = np.clip((cos - mu) / max(1.0 - mu, 1e-6), 0.0, 1.0).astype(np.float32)
    return out


def hybrid(lex: Floats, dense: Floats | None, alpha: float = ALPHA) -> Floats:
    """Return alpha dense + (1 - alpha) lex (lex alone when `dense` is None)."""
    if dense is None:
        return lex
    out: Floats = (alpha * dense + (1.0 - alpha) * lex).astype(np.float32)
    return out


def aggregate(item_scores: Floats, item_person: Ints, n_people: int, tau: float = TAU) -> Floats:
    """Return S(e) for people 0..n_people-1 from weighted item scores (see the module doc)."""
    gains = np.expm1(np.asarray(item_scores, np.float64) / tau)
    totals = np.bincount(item_person, weights=gains, minlength=n_people)
    out: Floats = (tau * np.log1p(totals)).astype(np.float32)
    return out
