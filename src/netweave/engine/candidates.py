"""Candidate pairs and the best suggestions: whole network, one person, everyone (batch).

Candidates for a block of rows R are the union of the nonzeros of sparse products restricted to
R, never all pairs:

    need_match[R], need_match^T[R]             item benefit either way
    referral[R] @ T^T, prospect[R] @ T^T       A's sources / pool cover B's title (T: title x
                                               person)
    M[R] @ M^T for sources, pools, interests   shared groups
    A[R] @ D @ A                               common acquaintances
    E[R] @ E^T - Q[R] @ Q^T                    same event team, different role (E: person x event,
                                               Q: person x (event, role))

Groups larger than `Weights.max_group_size` are left out of the products (not out of the
scores), which keeps each product sparse; on networks where no group is that large the
candidates hold every pair with a positive score. Rows are processed in blocks holding about
`Weights.block_pairs` candidates, estimated from group sizes, so memory stays bounded at a
million people. Results are ordered by score, then by the lower index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netweave.engine.pairs import canonical, scatter, top_k_rows
from netweave.engine.scoring import PairScorer, PairTerms, Suggestion

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def _title_owner(scorer: PairScorer, max_group: int) -> sp.csr_matrix:
    """Title x person 0/1 for titles held by at most max_group people."""
    t = scorer.titles
    keep = sp.diags((t.sizes <= max_group).astype(np.float64))
    return sp.csr_matrix((t.incidence @ keep).T)


class Candidates:
    """Block-wise candidate generation for one scorer."""

    def __init__(self, scorer: PairScorer) -> None:
        self.scorer = scorer
        self.max_group = scorer.weights.max_group_size
        self.title_owner = _title_owner(scorer, self.max_group)
        est = scorer.synergy.expected_per_row()
        est += np.diff(scorer.need_match.indptr) + np.diff(scorer.need_match_t.indptr)
        title_sizes = np.asarray(self.title_owner.sum(axis=1)).ravel()
        est += scorer.referral @ title_sizes + scorer.prospect @ title_sizes
        self.expected = np.asarray(est, dtype=np.float64) + 1.0

    def blocks(self, budget: int | None = None) -> Iterator[tuple[int, int]]:
        """Contiguous row ranges, each expected to generate about `budget` candidates."""
        budget = budget or self.scorer.weights.block_pairs
        cum = np.cumsum(self.expected)
        lo, n = 0, self.scorer.n
        while lo < n:
            done = cum[lo - 1] if lo else 0.0
            hi = int(np.searchsorted(cum, done + budget, side="right"))
            hi = min(n, max(hi, lo + 1))
            yield lo, hi
            lo = hi

    def products(self, lo: int, hi: int) -> dict[str, sp.csr_matrix]:
        """The generating products for rows lo..hi-1, by name ((hi - lo) x n each)."""
        return self.products_at(slice(lo, hi))

    def products_at(self, rows: slice | IntArray) -> dict[str, sp.csr_matrix]:
        """The generating products for a slice or a sorted array of rows, by name."""
        s = self.scorer
        found = {"need_match_ab": s.need_match[rows], "need_match_ba": s.need_match_t[rows]}
        if self.title_owner.nnz:
            found["referral"] = sp.csr_matrix(s.referral[rows] @ self.title_owner)
            found["prospect"] = sp.csr_matrix(s.prospect[rows] @ self.title_owner)
        found.update(s.synergy.generate_at(rows))
        return found

    def pattern(self, lo: int, hi: int) -> sp.csr_matrix:
        """0/1 (hi - lo) x n matrix of the candidates of rows lo..hi-1 (self pairs included)."""
        return _union(self.products(lo, hi).values(), (hi - lo, self.scorer.n))

    def block(self, lo: int, hi: int, *, upper: bool = False) -> PairTerms:
        """Scored, allowed candidates of rows lo..hi-1 with a positive score (j > i if upper)."""
        s = self.scorer
        n = s.n
        products = self.products(lo, hi)
        pat = _union(products.values(), (hi - lo, n))
        rows = np.repeat(np.arange(lo, hi, dtype=np.int64), np.diff(pat.indptr))
        cols = pat.indices.astype(np.int64)
        keep = cols > rows if upper else cols != rows
        keep &= s.guard(rows, cols) == 0  # cheap: skip the terms of excluded pairs
        rows, cols = rows[keep], cols[keep]
        keys = rows * n + cols  # sorted: the pattern is canonical
        raw = {
            name: scatter(keys, products[name], lo, n)
            for name in ("need_match_ab", "need_match_ba", *SMALL_GROUP_TERMS)
            if name in products
        }
        for name in SMALL_GROUP_TERMS:
            raw.setdefault(name, np.zeros(len(keys)))
        scored = s.score_pairs(rows, cols, raw)
        return scored.select((scored.guard == 0) & (scored.score > 0))


SMALL_GROUP_TERMS = ("shared_sources", "shared_pools", "interests", "acquaintances")


def _union(parts: Iterable[sp.csr_matrix], shape: tuple[int, int]) -> sp.csr_matrix:
    """0/1 matrix of the union of the nonzero patterns (values are ignored: they may cancel)."""
    total = sp.csr_matrix(shape)
    for part in parts:
        p = sp.csr_matrix(part, copy=True)
        p.data = np.ones(len(p.data))
        total = total + p
    total = canonical(total)
    total.data[:] = 1.0
    return total


def _order(scores: FloatArray, rows: IntArray, cols: IntArray) -> IntArray:
    """Best score first; ties by lower row, then lower column (deterministic)."""
    return np.lexsort((cols, rows, -scores)).astype(np.int64)


def top_pairs(scorer: PairScorer, n_top: int = 100) -> list[Suggestion]:
    """The n_top best allowed pairs of the whole network (each pair once, i < j)."""
    cand = Candidates(scorer)
    best: PairTerms | None = None
    for lo, hi in cand.blocks():
        found = cand.block(lo, hi, upper=True)
        if best is not None:
            found = _concat(best, found)
        order = _order(found.score, found.rows, found.cols)[:n_top]
        best = found.select(order)
    if best is None:
        return []
    return [best.suggestion(k) for k in range(len(best))]


def all_pairs(scorer: PairScorer) -> PairTerms:
    """Every allowed candidate pair with a positive score (i < j), best first. Small networks."""
    cand = Candidates(scorer)
    found = [cand.block(lo, hi, upper=True) for lo, hi in cand.blocks()]
    merged = found[0] if found else scorer.score_pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))
    for extra in found[1:]:
        merged = _concat(merged, extra)
    return merged.select(_order(merged.score, merged.rows, merged.cols))


def for_person(scorer: PairScorer, i: int, k: int | None = 20) -> list[Suggestion]:
    """The best k people for person i to meet (all of them if k is None), best first."""
    if not 0 <= i < scorer.n:
        raise IndexError(f"person {i} is outside 0..{scorer.n - 1}")
    found = Candidates(scorer).block(i, i + 1)
    order = _order(found.score, found.rows, found.cols)
    if k is not None:
        order = order[:k]
    chosen = found.select(order)
    return [chosen.suggestion(x) for x in range(len(chosen))]


@dataclass(frozen=True, eq=False)
class TopK:
    """Each person's k best matches: `people[i]` (index, -1 = none) and `scores[i]`, best first."""

    people: IntArray
    scores: FloatArray


def top_k_per_person(scorer: PairScorer, k: int = 10, *, budget: int | None = None) -> TopK:
    """Batch: every person's k best allowed matches, block by block (memory-bounded)."""
    n = scorer.n
    people = np.full((n, k), -1, dtype=np.int64)
    scores = np.zeros((n, k), dtype=np.float64)
    cand = Candidates(scorer)
    for lo, hi in cand.blocks(budget):
        found = cand.block(lo, hi)
        rows, cols, vals = top_k_rows(found.rows, found.cols, found.score, k)
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
        people[rows, rank] = cols
        scores[rows, rank] = vals
    return TopK(people, scores)


def _concat(a: PairTerms, b: PairTerms) -> PairTerms:
    return PairTerms(
        np.concatenate([a.rows, b.rows]),
        np.concatenate([a.cols, b.cols]),
        {name: np.concatenate([a.terms[name], b.terms[name]]) for name in a.terms},
        np.concatenate([a.score, b.score]),
        np.concatenate([a.guard, b.guard]),
    )
