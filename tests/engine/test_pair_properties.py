"""Invariants of pair scoring on random networks: symmetry, bounds, guards, monotonicity,
the harmonic-mean veto, and agreement with a brute-force all-pairs reference."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from pair_fixtures import PLAYBOOKS, allowed, brute_force, random_case

from netweave.engine.candidates import all_pairs, top_k_per_person
from netweave.engine.network import FacetMatches, Items
from netweave.engine.scoring import PairScorer
from netweave.engine.weights import Weights

cases = st.tuples(st.integers(0, 10_000), st.integers(2, 12))
SETTINGS = settings(max_examples=40, deadline=None)


def _all(n: int) -> tuple[np.ndarray, np.ndarray]:
    r, c = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    return r.ravel(), c.ravel()


@SETTINGS
@given(cases)
def test_score_is_symmetric_and_within_0_1(case: tuple[int, int]) -> None:
    net, matches = random_case(*case)
    scorer = PairScorer(net, matches, playbooks=PLAYBOOKS)
    rows, cols = _all(net.n)
    ab = scorer.score_pairs(rows, cols)
    ba = scorer.score_pairs(cols, rows)
    np.testing.assert_allclose(ab.score, ba.score, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(ab.guard, ba.guard)
    assert (ab.score >= 0).all() and (ab.score <= 1).all()
    for name, values in ab.terms.items():
        assert (values >= 0).all() and (values <= 1).all(), name
    np.testing.assert_allclose(ab.terms["benefit_ab"], ba.terms["benefit_ba"])


@SETTINGS
@given(cases)
def test_guarded_pairs_are_never_suggested(case: tuple[int, int]) -> None:
    net, matches = random_case(*case)
    w = Weights()
    scorer = PairScorer(net, matches, w, PLAYBOOKS)
    found = all_pairs(scorer)
    for a, b in zip(found.rows.tolist(), found.cols.tolist(), strict=True):
        assert allowed(net, w, a, b)
    top = top_k_per_person(scorer, 3)
    for a in range(net.n):
        for b in top.people[a]:
            if b >= 0:
                assert allowed(net, w, a, int(b))


@SETTINGS
@given(cases)
def test_sparse_scores_agree_with_brute_force(case: tuple[int, int]) -> None:
    net, matches = random_case(*case)
    w = Weights()
    expected = brute_force(net, matches, w, PLAYBOOKS)
    found = all_pairs(PairScorer(net, matches, w, PLAYBOOKS))
    got = {
        (int(a), int(b)): float(s)
        for a, b, s in zip(found.rows, found.cols, found.score, strict=True)
    }
    assert got.keys() == expected.keys()
    for pair, score in expected.items():
        assert got[pair] == pytest.approx(score, abs=1e-12), pair


@SETTINGS
@given(cases, st.data())
def test_adding_a_matching_offer_never_lowers_a_score(case: tuple[int, int], data) -> None:
    net, matches = random_case(*case)
    b = data.draw(st.integers(0, net.n - 1))
    sims = data.draw(
        st.lists(
            st.floats(0, 1),
            min_size=len(net.needs) + len(net.objectives),
            max_size=len(net.needs) + len(net.objectives),
        )
    )
    offers = Items(
        np.append(net.offers.owner, b).astype(np.int64), (*net.offers.texts, "a new offer")
    )
    bigger = dataclasses.replace(net, offers=offers)
    col_n = np.asarray(sims[: len(net.needs)]).reshape(-1, 1)
    col_o = np.asarray(sims[len(net.needs) :]).reshape(-1, 1)
    more = FacetMatches(
        sp.csr_matrix(sp.hstack([matches.needs_offers, sp.csr_matrix(col_n)])),
        sp.csr_matrix(sp.hstack([matches.objectives_offers, sp.csr_matrix(col_o)])),
    )
    rows, cols = _all(net.n)
    before = PairScorer(net, matches, playbooks=PLAYBOOKS).score_pairs(rows, cols)
    after = PairScorer(bigger, more, playbooks=PLAYBOOKS).score_pairs(rows, cols)
    assert (after.score >= before.score - 1e-12).all()


@SETTINGS
@given(cases)
def test_one_sided_benefit_gives_no_reciprocal_term(case: tuple[int, int]) -> None:
    net, matches = random_case(*case)
    rows, cols = _all(net.n)
    scored = PairScorer(net, matches, playbooks=PLAYBOOKS).score_pairs(rows, cols)
    t = scored.terms
    one_sided = (t["benefit_ab"] == 0) | (t["benefit_ba"] == 0)
    assert (t["reciprocal"][one_sided] == 0).all()
    both = ~one_sided
    lo = np.minimum(t["benefit_ab"], t["benefit_ba"])[both]
    hi = np.maximum(t["benefit_ab"], t["benefit_ba"])[both]
    assert (t["reciprocal"][both] >= lo - 1e-12).all() and (
        t["reciprocal"][both] <= hi + 1e-12
    ).all()


@settings(max_examples=15, deadline=None)
@given(cases)
def test_results_do_not_depend_on_block_or_chunk_size(case: tuple[int, int]) -> None:
    net, matches = random_case(*case)
    big = PairScorer(net, matches, playbooks=PLAYBOOKS)
    small = PairScorer(net, matches, Weights(block_pairs=1), PLAYBOOKS)
    a, b = all_pairs(big), all_pairs(small)
    np.testing.assert_array_equal(a.rows, b.rows)
    np.testing.assert_array_equal(a.cols, b.cols)
    np.testing.assert_allclose(a.score, b.score)
    from netweave.engine.benefit import need_match_matrix

    w = Weights()
    whole = need_match_matrix(net, matches, w)
    chunked = need_match_matrix(net, matches, w, budget=1)
    assert abs(whole - chunked).max() == 0 if whole.nnz else chunked.nnz == 0


@settings(max_examples=25, deadline=None)
@given(cases, st.integers(1, 3))
def test_batch_values_equal_pairwise_values(case: tuple[int, int], cap: int) -> None:
    """Blocks read terms off sparse products (small groups) plus pairwise large groups; the
    pairwise path computes everything directly: both must give the same numbers."""
    net, matches = random_case(*case)
    scorer = PairScorer(net, matches, Weights(max_group_size=cap), PLAYBOOKS)
    found = all_pairs(scorer)
    direct = scorer.score_pairs(found.rows, found.cols)
    np.testing.assert_allclose(found.score, direct.score, rtol=0, atol=1e-12)
    for name, values in found.terms.items():
        np.testing.assert_allclose(values, direct.terms[name], rtol=0, atol=1e-12, err_msg=name)
