"""Partitioned batch jobs (engine/batch.py): the cut never changes the answers."""

from __future__ import annotations

import numpy as np
import pytest

from netweave.engine.batch import (
    Partition,
    as_candidates,
    embed_partition,
    plan_partitions,
    score_partition,
)
from netweave.engine.candidates import top_k_per_person
from netweave.engine.scoring import PairScorer
from netweave.engine.text.cache import InMemoryCache, embed_with_cache
from netweave.engine.text.embedders import HashingEmbedder
from tests.engine.pair_fixtures import PLAYBOOKS, random_case


@pytest.fixture(scope="module")
def scorer() -> PairScorer:
    net, matches = random_case(3, 80)
    return PairScorer(net, matches, playbooks=PLAYBOOKS)


def test_plan_covers_every_row_once() -> None:
    parts = plan_partitions(23, 5)
    assert [(p.lo, p.hi) for p in parts] == [(0, 5), (5, 10), (10, 15), (15, 20), (20, 23)]
    assert [p.index for p in parts] == list(range(5))
    assert sum(len(p) for p in parts) == 23
    assert plan_partitions(0, 5) == []
    with pytest.raises(ValueError):
        plan_partitions(10, 0)


@pytest.mark.parametrize(("size", "budget"), [(7, None), (13, 50), (80, 1), (1, None)])
def test_stacked_partitions_equal_top_k_per_person(
    scorer: PairScorer, size: int, budget: int | None
) -> None:
    expected = top_k_per_person(scorer, 4)
    cand = as_candidates(scorer)
    found = [score_partition(cand, p, 4, budget=budget) for p in plan_partitions(scorer.n, size)]
    np.testing.assert_array_equal(np.concatenate([f[0] for f in found]), expected.people)
    np.testing.assert_array_equal(np.concatenate([f[1] for f in found]), expected.scores)


def test_score_partition_takes_a_scorer_or_a_range(scorer: PairScorer) -> None:
    by_range = score_partition(scorer, (10, 20), 3)
    by_part = score_partition(as_candidates(scorer), Partition(0, 10, 20), 3)
    assert by_range[0].shape == (10, 3)
    np.testing.assert_array_equal(by_range[0], by_part[0])
    assert np.all(np.diff(by_range[1], axis=1) <= 0)  # best first


def test_embed_partition_matches_the_cached_path() -> None:
    embedder = HashingEmbedder(64)
    texts = ["Family-law advice", "  tax filing ", "family-law ADVICE", "brand design"]
    expected = embed_with_cache(embedder, texts, InMemoryCache())
    np.testing.assert_array_equal(embed_partition(texts, embedder), expected)
    assert embed_partition([], embedder).shape == (0, 64)
