"""Reciprocal pair scores with guards, term by term, for arrays of pairs.

For a pair (a, b), with the one-sided benefits of `benefit` and the synergies of `synergy`::

    reciprocal = H(benefit_ab, benefit_ba) = 2 x y / (x + y)     (0 when either is 0)
    base  = sum_t w_t * term_t     over reciprocal, shared_sources, shared_pools, team,
                                   networkers, interests, acquaintances  (weights sum to 1)
    score = base * difficult_factor ** (difficult people in the pair)
                 * 1 / (1 + slope * load_a) * 1 / (1 + slope * load_b)

The harmonic mean lets either side veto the benefit term: one-sided help is not a reciprocal
introduction. Synergies are symmetric, so the score is too, and every factor is in [0, 1], so
the score is in [0, 1]. When nobody has needs or offers recorded (only interests, sources,
acquaintances), the reciprocal term is 0 for every pair and the synergy terms alone rank the
pairs: the scores are lower (at most 1 - w_reciprocal) but the order is still meaningful.
"Both active networkers" counts only when some other term is positive: it says two people will
make something of an introduction, not what the introduction is for.

Guards exclude a pair whatever its score (bit flags in `PairTerms.guard`): already acquainted,
blocked (cool-down after an introduction, a decline or a dismissal), a temperament clash (see
`Weights.clashes`: two hard chargers, a hard charger with someone who takes criticism poorly),
either side "not now", either side asked for opt-in more than `max_optin_load` (decayed count).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netweave.engine.benefit import combine, need_match_matrix, profession_matrix
from netweave.engine.groups import item_groups, title_groups
from netweave.engine.network import NOT_NOW, FacetMatches, Network
from netweave.engine.pairs import SparseLookup, canonical
from netweave.engine.playbooks import Playbook
from netweave.engine.synergy import Synergy
from netweave.engine.weights import DIFFICULT, Weights

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

ACQUAINTED, BLOCKED, CLASH, NOT_NOW_GUARD, OVERLOADED = 1, 2, 4, 8, 16
GUARD_NAMES = {
    ACQUAINTED: "already acquainted",
    BLOCKED: "cooling down after an earlier introduction, decline or dismissal",
    CLASH: "temperament clash",
    NOT_NOW_GUARD: "not open to introductions now",
    OVERLOADED: "asked for opt-in too often recently",
}
SYMMETRIC_TERMS = (
    "shared_sources",
    "shared_pools",
    "team",
    "networkers",
    "interests",
    "acquaintances",
)


def harmonic(x: FloatArray, y: FloatArray) -> FloatArray:
    """2xy / (x + y), and 0 where x + y == 0."""
    total = x + y
    out = np.zeros_like(total)
    nz = total > 0
    out[nz] = 2.0 * x[nz] * y[nz] / total[nz]
    return out


def guard_names(bits: int) -> list[str]:
    """Plain names of the guards set in a bit mask."""
    return [name for bit, name in GUARD_NAMES.items() if bits & bit]


@dataclass(frozen=True)
class Suggestion:
    """A scored pair (i < j for whole-network results; i is the asking person otherwise)."""

    i: int
    j: int
    score: float
    terms: dict[str, float]


@dataclass(frozen=True, eq=False)
class PairTerms:
    """Scores and every term for arrays of pairs; `guard` holds bit flags (0 = allowed)."""

    rows: IntArray
    cols: IntArray
    terms: dict[str, FloatArray]
    score: FloatArray
    guard: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.rows)

    def select(self, mask: npt.NDArray[np.bool_] | IntArray) -> PairTerms:
        return PairTerms(
            self.rows[mask],
            self.cols[mask],
            {k: v[mask] for k, v in self.terms.items()},
            self.score[mask],
            self.guard[mask],
        )

    def suggestion(self, k: int) -> Suggestion:
        return Suggestion(
            int(self.rows[k]),
            int(self.cols[k]),
            float(self.score[k]),
            {name: float(v[k]) for name, v in self.terms.items()},
        )


class PairScorer:
    """Everything needed to score any pair of one network, precomputed once (sparse)."""

    def __init__(
        self,
        network: Network,
        matches: FacetMatches | None = None,
        weights: Weights | None = None,
        playbooks: Sequence[Playbook] = (),
    ) -> None:
        n = network.n
        self.network = network
        self.matches = matches if matches is not None else FacetMatches.empty(network)
        self.weights = weights if weights is not None else Weights()
        self.playbooks = tuple(playbooks)
        w = self.weights
        self.need_match = need_match_matrix(network, self.matches, w)  # row A <- column B
        self.need_match_t = canonical(self.need_match.T.tocsr())
        self.titles = title_groups(network.titles)
        self.title_id = self.titles.item_group
        self.referral = profession_matrix(item_groups(network.referral_sources, n), self.titles)
        self.prospect = profession_matrix(item_groups(network.prospect_pool, n), self.titles)
        self.synergy = Synergy(network, w, self.playbooks, self.titles)
        self._need = SparseLookup(self.need_match)
        self._referral = SparseLookup(self.referral)
        self._prospect = SparseLookup(self.prospect)
        self._acquainted = SparseLookup(network.acquaintances)
        self._blocked = SparseLookup(network.blocked)
        self.difficult = np.array([DIFFICULT in t for t in network.temperament], dtype=bool)
        traits = sorted({t for pair in w.clashes for t in pair})
        self.trait_bits = {t: 1 << k for k, t in enumerate(traits)}
        self.trait_mask = np.array(
            [sum(b for t, b in self.trait_bits.items() if t in tm) for tm in network.temperament],
            dtype=np.int64,
        )

    @property
    def n(self) -> int:
        return self.network.n

    def _profession(self, m: SparseLookup, rows: IntArray, cols: IntArray) -> FloatArray:
        """1 where a phrase of person rows[k] covers the title of person cols[k]."""
        tid = self.title_id[cols]
        has = tid >= 0
        out = np.zeros(len(rows))
        out[has] = (m(rows[has], tid[has]) > 0).astype(np.float64)
        return out

    def clash(self, rows: IntArray, cols: IntArray) -> npt.NDArray[np.bool_]:
        """True where the two temperaments hold a pair of traits from the clash table."""
        ma, mb = self.trait_mask[rows], self.trait_mask[cols]
        out = np.zeros(len(rows), dtype=bool)
        for t1, t2 in self.weights.clashes:
            b1, b2 = self.trait_bits[t1], self.trait_bits[t2]
            out |= ((ma & b1) > 0) & ((mb & b2) > 0)
            out |= ((ma & b2) > 0) & ((mb & b1) > 0)
        return out

    def score_pairs(
        self, rows: IntArray, cols: IntArray, raw: dict[str, FloatArray] | None = None
    ) -> PairTerms:
        """Every term, the score and the guard flags of the pairs (rows[k], cols[k]).

        `raw` lets batch code pass values it already read off sparse products: need_match_ab,
        need_match_ba, and per group term the sums over small groups (see `Synergy.terms`).
        Anything missing is computed pairwise; both ways give the same numbers.
        """
        rows = np.asarray(rows, dtype=np.int64)
        cols = np.asarray(cols, dtype=np.int64)
        raw = raw or {}
        w = self.weights
        net = self.network
        terms: dict[str, FloatArray] = {}
        for side, (x, y) in {"ab": (rows, cols), "ba": (cols, rows)}.items():
            need = raw.get(f"need_match_{side}")
            if need is None:
                need = self._need(x, y)
            referral = self._profession(self._referral, x, y)
            prospect = self._profession(self._prospect, x, y)
            terms[f"need_match_{side}"] = need
            terms[f"referral_{side}"] = referral
            terms[f"prospect_{side}"] = prospect
            terms[f"benefit_{side}"] = combine(need, referral, prospect, w)
        terms["reciprocal"] = harmonic(terms["benefit_ab"], terms["benefit_ba"])
        terms.update(self.synergy.terms(rows, cols, raw))
        others = terms["reciprocal"] > 0
        for name in SYMMETRIC_TERMS:
            if name != "networkers":
                others |= terms[name] > 0
        terms["networkers"] = np.where(others, terms["networkers"], 0.0)
        weights = w.term_weights()
        base = sum((weights[name] * terms[name] for name in weights), np.zeros(len(rows)))
        n_difficult = self.difficult[rows].astype(np.int64) + self.difficult[cols]
        terms["difficult_multiplier"] = w.difficult_factor**n_difficult
        load = net.optin_load
        terms["load_multiplier"] = 1.0 / (
            (1.0 + w.optin_load_slope * load[rows]) * (1.0 + w.optin_load_slope * load[cols])
        )
        score = base * terms["difficult_multiplier"] * terms["load_multiplier"]

        guard = self.guard(rows, cols)
        return PairTerms(rows, cols, terms, score, guard)

    def guard(self, rows: IntArray, cols: IntArray) -> npt.NDArray[np.int8]:
        """Guard bit flags of the pairs (0: the pair may be suggested)."""
        net, w = self.network, self.weights
        load = net.optin_load
        guard = np.zeros(len(rows), dtype=np.int8)
        guard |= np.where(self._acquainted(rows, cols) > 0, ACQUAINTED, 0).astype(np.int8)
        guard |= np.where(rows == cols, ACQUAINTED, 0).astype(np.int8)  # oneself
        guard |= np.where(self._blocked(rows, cols) > 0, BLOCKED, 0).astype(np.int8)
        guard |= np.where(self.clash(rows, cols), CLASH, 0).astype(np.int8)
        not_now = (net.openness[rows] == NOT_NOW) | (net.openness[cols] == NOT_NOW)
        guard |= np.where(not_now, NOT_NOW_GUARD, 0).astype(np.int8)
        over = (load[rows] > w.max_optin_load) | (load[cols] > w.max_optin_load)
        guard |= np.where(over, OVERLOADED, 0).astype(np.int8)
        return guard

    def contributions(self, terms: dict[str, float]) -> dict[str, float]:
        """Each additive term's weighted share of the score (before the multipliers)."""
        return {name: wt * terms[name] for name, wt in self.weights.term_weights().items()}
