"""One-sided benefit, benefit(A <- B): what A gains from meeting B.

Item level. The text layer gives s(q, o) in [0, 1] for A's want q (a need, or an objective) and
B's offer o. Similarities below `min_item_similarity` count as 0; objectives are scaled by
`objective_factor`. Each of A's wants takes its best answer among B's offers::

    u(q, B) = max_{o in offers(B)} f_q * s(q, o)

Person level ("top-2" aggregation). With m1 >= m2 the two largest u(q, B) over A's wants::

    need_match(A <- B) = m1 + beta * m2 * (1 - m1)        (beta = second_match_weight)

so a second answered need adds a little, never more than the gap to 1. It is monotone in every
u, so a new matching offer never lowers it. Everything is sort-and-reduce over the sparse
entries: no loop over pairs, and wants are processed in chunks of people to bound memory.

Professions. referral(A <- B) = 1 when one of A's referral sources covers B's title ("CPAs"
covers "CPA", see `phrases`), prospect(A <- B) = 1 when one of A's prospect-pool phrases covers
it (B is a potential client). The three combine as a noisy-OR, which stays in [0, 1]::

    benefit(A <- B) = 1 - (1 - need_match) * (1 - r * referral) * (1 - p * prospect)
"""

from __future__ import annotations

import itertools

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netweave.engine.groups import Groups
from netweave.engine.network import FacetMatches, Network
from netweave.engine.pairs import canonical, top2
from netweave.engine.phrases import PhraseIndex
from netweave.engine.weights import Weights

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

_CHUNK_ENTRIES = 4_000_000


def _chunks(owner: IntArray, entries: IntArray, n: int, budget: int) -> list[tuple[int, int]]:
    """Split people 0..n-1 into ranges whose wants hold about `budget` matrix entries."""
    per_person = np.bincount(owner, weights=entries, minlength=n)
    cum = np.cumsum(per_person)
    bounds = [0]
    while bounds[-1] < n:
        done = cum[bounds[-1] - 1] if bounds[-1] > 0 else 0.0
        nxt = int(np.searchsorted(cum, done + budget, side="right"))
        bounds.append(min(n, max(nxt, bounds[-1] + 1)))
    return list(itertools.pairwise(bounds))


def need_match_matrix(
    network: Network, matches: FacetMatches, weights: Weights, *, budget: int = _CHUNK_ENTRIES
) -> sp.csr_matrix:
    """need_match(A <- B) for all pairs as a canonical n x n CSR (row A, column B)."""
    n = network.n
    matches.check(network)
    parts = [
        (canonical(matches.needs_offers), network.needs.owner, 1.0),
        (canonical(matches.objectives_offers), network.objectives.owner, weights.objective_factor),
    ]
    want_owner = np.concatenate([p[1] for p in parts])
    want_entries = np.concatenate([np.diff(p[0].indptr) for p in parts]).astype(np.int64)
    sorted_parts = [(m, owner, np.argsort(owner, kind="stable"), f) for m, owner, f in parts]
    offer_owner = network.offers.owner
    rows_out: list[IntArray] = []
    cols_out: list[IntArray] = []
    vals_out: list[FloatArray] = []
    for lo, hi in _chunks(want_owner, want_entries, n, budget):
        keys: list[IntArray] = []
        vals: list[FloatArray] = []
        owners: list[IntArray] = []  # owner of each chunk-local want, in numbering order
        base = 0
        for m, owner, order, factor in sorted_parts:
            a, b = np.searchsorted(owner[order], [lo, hi])
            idx = order[a:b]
            if len(idx) == 0 or m.nnz == 0:
                continue
            sub = m[idx].tocoo()
            v = sub.data.astype(np.float64)
            keep = v >= weights.min_item_similarity
            want = sub.row[keep].astype(np.int64) + base
            keys.append(want * n + offer_owner[sub.col[keep]])
            vals.append(v[keep] * factor)
            owners.append(owner[idx])
            base += len(idx)
        k1 = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
        if len(k1) == 0:
            continue
        v1 = np.concatenate(vals)
        # stage 1: best offer of B for each of A's wants
        order1 = np.argsort(k1, kind="stable")
        k1, v1 = k1[order1], v1[order1]
        starts = np.flatnonzero(np.concatenate([[True], k1[1:] != k1[:-1]]))
        best = np.maximum.reduceat(v1, starts)
        want_local, b_person = np.divmod(k1[starts], n)
        a_person = np.concatenate(owners)[want_local]
        # stage 2: top-2 over A's wants for each (A, B)
        k2, m1, m2 = top2(a_person * n + b_person, best)
        value = m1 + weights.second_match_weight * m2 * (1.0 - m1)
        a_out, b_out = np.divmod(k2, n)
        off_diag = a_out != b_out
        rows_out.append(a_out[off_diag])
        cols_out.append(b_out[off_diag])
        vals_out.append(value[off_diag])
    if not rows_out:
        return sp.csr_matrix((n, n), dtype=np.float64)
    out = sp.csr_matrix(
        (np.concatenate(vals_out), (np.concatenate(rows_out), np.concatenate(cols_out))),
        shape=(n, n),
    )
    return canonical(out)


def profession_matrix(phrases: Groups, titles: Groups) -> sp.csr_matrix:
    """Person x title 0/1: one of the person's phrases covers that title (see `phrases.covers`)."""
    index = PhraseIndex(titles.phrases)
    rows: list[int] = []
    cols: list[int] = []
    for g, phrase in enumerate(phrases.phrases):
        for t in index.covered_by(phrase):
            rows.append(g)
            cols.append(t)
    phrase_title = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(phrases.phrases), len(titles.phrases))
    )
    out = canonical(phrases.incidence @ phrase_title)
    out.data[:] = 1.0
    return out


def combine(
    need_match: FloatArray, referral: FloatArray, prospect: FloatArray, weights: Weights
) -> FloatArray:
    """Noisy-OR of the three parts of benefit(A <- B) (see the module docstring)."""
    return 1.0 - (1.0 - need_match) * (1.0 - weights.referral_bonus * referral) * (
        1.0 - weights.prospect_bonus * prospect
    )
