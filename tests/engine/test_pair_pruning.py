"""Bound-pruned whole-network top-N equals the unpruned scan and the brute-force reference."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from pair_fixtures import PLAYBOOKS, brute_force, random_case

from netweave.engine import candidates, prune
from netweave.engine.scoring import PairScorer
from netweave.engine.weights import Weights

cases = st.tuples(st.integers(0, 10_000), st.integers(2, 14), st.integers(1, 12))


def _key(found: list) -> list[tuple[int, int, float]]:
    return [(s.i, s.j, round(s.score, 12)) for s in found]


@settings(max_examples=60, deadline=None)
@given(cases, st.sampled_from([1, 7, 10_000]))
def test_pruned_top_equals_brute_force_and_unpruned_scan(case, budget: int) -> None:
    seed, n, n_top = case
    net, m = random_case(seed, n)
    w = Weights()
    scorer = PairScorer(net, m, w, PLAYBOOKS)
    pruned = prune.top_pairs(scorer, n_top, budget=budget)
    assert _key(pruned) == _key(candidates.top_pairs(scorer, n_top))
    reference = sorted(brute_force(net, m, w, PLAYBOOKS).items(), key=lambda kv: (-kv[1], kv[0]))
    assert [(s.i, s.j) for s in pruned] == [pair for pair, _ in reference[:n_top]]
    assert np.allclose([s.score for s in pruned], [v for _, v in reference[:n_top]])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 14))
def test_person_bound_is_at_least_every_pair_score(seed: int, n: int) -> None:
    net, m = random_case(seed, n)
    scorer = PairScorer(net, m, Weights(), PLAYBOOKS)
    bound = prune.person_bounds(scorer)
    rows, cols = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    rows, cols = rows.ravel(), cols.ravel()
    got = scorer.score_pairs(rows, cols)
    ok = (got.guard == 0) & (rows != cols)
    assert np.all(got.score[ok] <= bound[rows[ok]])
