"""Whole-network top-N with exact upper-bound pruning: same answer as `candidates.top_pairs`.

Every factor of a pair's score is bounded by one side alone. For person a, with X_a the largest
benefit a can receive and Y_a the largest a can give (a noisy-OR of the row / column maximum of
need_match and whether any referral or prospect phrase covers a title at all)::

    H(benefit_ab, benefit_ba) <= H(X_a, Y_a)                  (H grows with both arguments)
    term_t(a, b)              <= U_t(a)                       shared groups are a's groups:
        U_t(a) = squash(sum of a's group weights over groups of 2+ people, tau_t); team: squash(
        number of events where a has a role); networkers: 1 if a is active
    multipliers(a, b)         <= m(a) * max_b m(b)            m = difficult factor x load factor

    score(a, b) <= B_a = m(a) * max m * (w_r H(X_a, Y_a) + sum_t w_t U_t(a))   (0 if a is guarded)

Rows are scanned by decreasing bound, each keeping only its pairs with a higher-numbered
partner, as `candidates.top_pairs` does, so every pair is found exactly once and from the same
candidates. Once the N-th best score found exceeds the bound of every row left, no remaining
pair can enter the list, and the scan stops. Mutual-benefit people (H > 0) come first by
construction: synergy-only people have bounds of at most 0.5 x multipliers.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from netweave.engine.benefit import combine
from netweave.engine.candidates import SMALL_GROUP_TERMS, Candidates, _concat, _order, _union
from netweave.engine.network import NOT_NOW
from netweave.engine.pairs import scatter, squash
from netweave.engine.scoring import PairScorer, PairTerms, Suggestion, harmonic

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

_SLACK = 1e-9  # relative margin against rounding: a bound must never fall below a score


def _row_max(m: object, n: int) -> FloatArray:
    import scipy.sparse as sp

    c = sp.csr_matrix(m)
    out = np.zeros(n)
    if c.nnz:
        out[: c.shape[0]] = c.max(axis=1).toarray().ravel()
    return out


def person_bounds(scorer: PairScorer) -> FloatArray:
    """B[a] >= score(a, b) for every allowed b (see the module docstring)."""
    n, w, net, syn = scorer.n, scorer.weights, scorer.network, scorer.synergy
    has_title = scorer.title_id >= 0
    covered_ref = np.zeros(n)
    covered_pro = np.zeros(n)
    for m, out in ((scorer.referral, covered_ref), (scorer.prospect, covered_pro)):
        col_nnz = np.diff(m.tocsc().indptr) > 0
        out[has_title] = col_nnz[scorer.title_id[has_title]]
    recv = combine(
        _row_max(scorer.need_match, n),
        (np.diff(scorer.referral.indptr) > 0).astype(np.float64),
        (np.diff(scorer.prospect.indptr) > 0).astype(np.float64),
        w,
    )
    give = combine(_row_max(scorer.need_match_t, n), covered_ref, covered_pro, w)
    weights = w.term_weights()
    base = weights["reciprocal"] * harmonic(recv, give)
    taus = {**syn.taus, "acquaintances": w.tau_acquaintances}
    for name, tau in taus.items():
        if name == "acquaintances":
            inc, gw = syn.acq, syn.acq_weight
        else:
            groups = syn.groups[name]
            inc, gw = groups.incidence, groups.weights * (groups.sizes >= 2)
        base += weights[name] * squash(np.asarray(inc @ gw).ravel(), tau)
    events = np.asarray((syn.roles >= 0).sum(axis=1), dtype=np.float64)
    base += weights["team"] * squash(events, w.tau_team)
    base += weights["networkers"] * syn.active
    mult = w.difficult_factor ** scorer.difficult.astype(np.float64)
    mult = mult / (1.0 + w.optin_load_slope * net.optin_load)
    bound = base * mult * (float(mult.max()) if n else 1.0)
    guarded = (net.openness == NOT_NOW) | (net.optin_load > w.max_optin_load)
    bound[guarded] = 0.0
    return np.asarray(bound * (1.0 + _SLACK) + _SLACK, dtype=np.float64)


def rows_block(cand: Candidates, rows: IntArray) -> PairTerms:
    """`Candidates.block(..., upper=True)` for a sorted array of rows instead of a range."""
    s = cand.scorer
    n = s.n
    products = cand.products_at(rows)
    pat = _union(products.values(), (len(rows), n))
    local = np.repeat(np.arange(len(rows), dtype=np.int64), np.diff(pat.indptr))
    cols = pat.indices.astype(np.int64)
    glob = rows[local]
    keep = cols > glob
    keep &= s.guard(glob, cols) == 0
    local, glob, cols = local[keep], glob[keep], cols[keep]
    keys = local * n + cols  # sorted: the pattern is canonical
    raw = {
        name: scatter(keys, products[name], 0, n)
        for name in ("need_match_ab", "need_match_ba", *SMALL_GROUP_TERMS)
        if name in products
    }
    for name in SMALL_GROUP_TERMS:
        raw.setdefault(name, np.zeros(len(keys)))
    scored = s.score_pairs(glob, cols, raw)
    return scored.select((scored.guard == 0) & (scored.score > 0))


def top_pairs(
    scorer: PairScorer, n_top: int = 100, *, budget: int | None = None
) -> list[Suggestion]:
    """The n_top best allowed pairs (i < j), exactly `candidates.top_pairs`, pruned by bounds."""
    n = scorer.n
    if n_top <= 0 or n < 2:
        return []
    bound = person_bounds(scorer)
    order = np.lexsort((np.arange(n), -bound))
    order = order[bound[order] > 0]
    cand = Candidates(scorer)
    budget = budget or max(scorer.weights.block_pairs // 8, 1)
    cum = np.cumsum(cand.expected[order])
    best: PairTerms | None = None
    threshold = -np.inf
    start = 0
    while start < len(order) and bound[order[start]] >= threshold:
        done = cum[start - 1] if start else 0.0
        stop = int(np.searchsorted(cum, done + budget, side="right"))
        stop = min(len(order), max(stop, start + 1))
        chunk = order[start:stop]
        chunk = np.sort(chunk[bound[chunk] >= threshold])
        found = rows_block(cand, chunk)
        if best is not None:
            found = _concat(best, found)
        best = found.select(_order(found.score, found.rows, found.cols)[:n_top])
        if len(best) >= n_top:
            threshold = float(best.score[-1])
        start = stop
    if best is None:
        return []
    return [best.suggestion(k) for k in range(len(best))]
