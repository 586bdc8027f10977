"""Gathering search: never a clash at the table, the size respected, a newcomer when possible."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from pair_fixtures import PLAYBOOKS, random_case

from netweave.engine.gathering import (
    TableParams,
    TableProblem,
    evaluate,
    plan_gathering,
    plan_table,
)
from netweave.engine.scoring import CLASH, PairScorer

SETTINGS = settings(max_examples=60, deadline=None)


def _problem(seed: int, p: int) -> TableProblem:
    rng = np.random.default_rng(seed)
    value = np.triu(rng.random((p, p)) * (rng.random((p, p)) < 0.6), 1)
    conflict = np.triu(rng.random((p, p)) < 0.2, 1)
    acquainted = np.triu(rng.random((p, p)) < 0.4, 1)
    title = rng.integers(-1, 3, p).astype(np.int64)
    return TableProblem(
        value + value.T, conflict | conflict.T, acquainted | acquainted.T, title, title % 2
    )


def _feasible(problem: TableProblem, size: int) -> tuple[bool, bool]:
    """Brute force: can `size` guests sit without a clash; and with a newcomer too?"""
    any_ok = newcomer_ok = False
    for combo in itertools.combinations(range(problem.size), size):
        idx = np.asarray(combo)
        if problem.conflict[np.ix_(idx, idx)].any():
            continue
        any_ok = True
        if (problem.acquainted[np.ix_(idx, idx)].sum(axis=1) == 0).any():
            newcomer_ok = True
            break
    return any_ok, newcomer_ok


@SETTINGS
@given(st.integers(0, 10_000), st.integers(2, 9), st.integers(2, 5))
def test_planned_table_has_no_clash_and_a_newcomer_when_possible(
    seed: int, p: int, size: int
) -> None:
    problem = _problem(seed, p)
    size = min(size, p)
    table = plan_table(problem, size, [[k] for k in range(p)])
    idx = np.asarray(table.members)
    assert len(set(table.members)) == len(table.members) <= size
    assert not problem.conflict[np.ix_(idx, idx)].any()
    possible, with_newcomer = _feasible(problem, size)
    if possible:
        assert len(table.members) == size
    if with_newcomer:
        assert table.has_newcomer


@SETTINGS
@given(st.integers(0, 10_000), st.integers(4, 12), st.integers(2, 6))
def test_planned_gathering_on_a_network_respects_clashes_and_size(
    seed: int, n: int, size: int
) -> None:
    net, matches = random_case(seed, n)
    scorer = PairScorer(net, matches, playbooks=PLAYBOOKS)
    plan = plan_gathering(scorer, size)
    guests = np.asarray(plan.guests)
    assert len(guests) <= size and len(set(plan.guests)) == len(guests)
    iu, ju = np.triu_indices(len(guests), 1)
    guard = scorer.guard(guests[iu], guests[ju])
    assert not (guard & CLASH).any()
    around = plan_gathering(scorer, size, [0])
    assert 0 in around.guests


def test_variety_is_preferred_over_a_second_of_the_same_title() -> None:
    value = np.full((4, 4), 0.3)
    np.fill_diagonal(value, 0)
    value[0, 1] = value[1, 0] = 0.32  # 0 and 1 share a title: slightly better pair
    problem = TableProblem(
        value,
        np.zeros((4, 4), dtype=bool),
        np.zeros((4, 4), dtype=bool),
        np.array([0, 0, 1, 2]),
        np.array([0, 0, 1, 2]),
    )
    table = plan_table(problem, 3, [[0]], fixed=[0])
    assert 1 not in table.members
    assert (
        evaluate(problem, [0, 2, 3], TableParams()).objective
        > evaluate(problem, [0, 1, 2], TableParams()).objective
    )
