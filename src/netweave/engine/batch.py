"""Batch jobs cut into partitions: plan them, embed one, score one. Pure: arrays in, arrays out.

The same functions run in a plain loop and on Dask workers (`services.batch`), so both
engines give the same answers by construction. A partition is a contiguous range of rows
(people, or item texts); its result depends only on its rows and the shared inputs:

    embed_partition(texts, embedder)       -> (len(texts), dim) float32 unit rows
    score_partition(scorer, (lo, hi), k)   -> people (hi - lo, k) int64 (-1 = none),
                                              scores (hi - lo, k) float64, best first

Scoring a partition walks its rows in candidate blocks of about `budget` pairs, exactly as
`candidates.top_k_per_person` does for the whole network; a row's candidates and scores come
from that row's own products, so the cut changes nothing: stacking the partitions' arrays
gives `top_k_per_person(scorer, k)` exactly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netweave.engine.candidates import Candidates
from netweave.engine.pairs import top_k_rows
from netweave.engine.scoring import PairScorer
from netweave.engine.text.embedders import Embedder, Matrix
from netweave.engine.text.normalize import normalize_text

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Partition:
    """Rows `lo`..`hi - 1` of a job; `index` is its place in the plan."""

    index: int
    lo: int
    hi: int

    def __len__(self) -> int:
        return self.hi - self.lo


def plan_partitions(n: int, size: int) -> list[Partition]:
    """Cut rows 0..n-1 into contiguous partitions of `size` rows (the last may be shorter)."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    return [Partition(index, lo, min(n, lo + size)) for index, lo in enumerate(range(0, n, size))]


def embed_partition(texts: Sequence[str], embedder: Embedder) -> Matrix:
    """Unit vectors of the canonical forms of `texts` (what `embed_with_cache` stores)."""
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return embedder.embed([normalize_text(t) for t in texts])


def as_candidates(scorer: PairScorer | Candidates) -> Candidates:
    """The candidate generator of a scorer; share one across partitions to build it once."""
    return scorer if isinstance(scorer, Candidates) else Candidates(scorer)


def _blocks_within(cand: Candidates, lo: int, hi: int, budget: int) -> Iterator[tuple[int, int]]:
    """Contiguous row ranges inside lo..hi-1, each expected to yield about `budget` candidates."""
    cum = np.cumsum(cand.expected[lo:hi])
    start = 0
    while start < hi - lo:
        done = cum[start - 1] if start else 0.0
        stop = int(np.searchsorted(cum, done + budget, side="right"))
        stop = min(hi - lo, max(stop, start + 1))
        yield lo + start, lo + stop
        start = stop


def score_partition(
    scorer: PairScorer | Candidates,
    rows: tuple[int, int] | Partition,
    k: int = 10,
    *,
    budget: int | None = None,
) -> tuple[IntArray, FloatArray]:
    """Each row's k best allowed matches: (people, scores), (hi - lo) x k, best first."""
    cand = as_candidates(scorer)
    lo, hi = (rows.lo, rows.hi) if isinstance(rows, Partition) else rows
    people = np.full((hi - lo, k), -1, dtype=np.int64)
    scores = np.zeros((hi - lo, k), dtype=np.float64)
    for a, b in _blocks_within(cand, lo, hi, budget or cand.scorer.weights.block_pairs):
        found = cand.block(a, b)
        r, c, v = top_k_rows(found.rows, found.cols, found.score, k)
        rank = np.arange(len(r)) - np.searchsorted(r, r, side="left")
        people[r - lo, rank] = c
        scores[r - lo, rank] = v
    return people, scores
