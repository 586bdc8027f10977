import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from text_helpers import CountingEmbedder, corpus

from netweave.engine.text import (
    HashingEmbedder,
    InMemoryCache,
    LexicalModel,
    StaticEmbedder,
    lexical_topk,
    match_items,
    normalize_text,
    ranked,
    refine,
    static_available,
)
from netweave.engine.text.embedders import Embedder

NEED = "help with bookkeeping and quarterly taxes"
OFFERS = [
    "wedding photography for couples",
    "dog walking and pet sitting",
    "small-business accounting and tax filing",
    "kitchen and bathroom remodeling",
    "yoga classes for beginners",
    "social media marketing for restaurants",
    "piano lessons for kids",
]
GOOD = 2

embedders: list[Embedder | None] = [None, HashingEmbedder()]
if static_available():
    embedders.append(StaticEmbedder())


@pytest.mark.parametrize("embedder", embedders, ids=lambda e: e.name if e else "lexical")
def test_hybrid_finds_the_accountant_for_the_bookkeeping_need(embedder: Embedder | None) -> None:
    m = match_items([NEED], OFFERS, k=3, embedder=embedder)
    ids, scores = ranked(m.scores, 0)
    assert ids[0] == GOOD
    assert scores[0] > 0
    assert m.embedder == (embedder.name if embedder else None)


def test_parts_share_one_pattern_and_combine_by_alpha() -> None:
    q, t = corpus(40, seed=1), corpus(60, seed=2)
    m = match_items(q, t, k=5, alpha=0.3, embedder=HashingEmbedder())
    for part in (m.dense, m.lexical):
        assert np.array_equal(part.indptr, m.scores.indptr)
        assert np.array_equal(part.indices, m.scores.indices)
    combined = np.clip(0.3 * m.dense.data + 0.7 * m.lexical.data, 0, 1)
    assert np.allclose(m.scores.data, combined, atol=1e-6)


def test_lexical_only_ignores_alpha() -> None:
    m = match_items([NEED], OFFERS, k=3, alpha=0.9)
    assert m.alpha == 0.0 and m.embedder is None
    assert np.array_equal(m.scores.data, m.lexical.data)


def test_alpha_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="alpha"):
        match_items([NEED], OFFERS, alpha=1.5)


def test_refine_rescoring_embeds_only_items_in_pairs() -> None:
    q, t = corpus(30, seed=3), corpus(200, seed=4)
    first = match_items(q, t, k=10)  # lexical only, the fast answer
    better = CountingEmbedder(dim=128)
    cache = InMemoryCache()
    refined = refine(first, q, t, better, keep=3, cache=cache)
    assert refined.embedder == better.name and refined.alpha == 0.5
    assert np.all(np.diff(refined.scores.indptr) <= 3)
    coo = refined.scores.tocoo()
    used_targets = {t[j] for j in np.unique(first.scores.tocoo().col)}
    assert set(better.seen) <= {normalize_text(x) for x in [*q, *used_targets]}
    assert len(better.seen) < len(q) + len(t)
    # the lexical part is carried over unchanged
    assert np.allclose(refined.lexical.data, np.asarray(first.lexical[coo.row, coo.col]).ravel())
    # a second refine reuses the cache
    better.seen.clear()
    refine(first, q, t, better, keep=3, cache=cache)
    assert better.seen == []


def test_lexical_topk_is_exact_on_small_corpora() -> None:
    texts = corpus(300, seed=5)
    model = LexicalModel.fit(texts)
    x = model.transform(texts)
    got = lexical_topk(x[:40], x, 5)
    full = (x[:40] @ x.T).toarray()
    for i in range(40):
        _, scores = ranked(got, i)
        assert np.allclose(scores, -np.sort(-full[i])[: len(scores)], atol=1e-5)


def test_lexical_blocking_keeps_each_querys_rarest_feature() -> None:
    texts = [f"marketing plan {i}" for i in range(50)] + ["zebra marketing"]
    model = LexicalModel.fit(texts)
    x = model.transform(texts)
    query = model.transform(["marketing"])  # its only word is in every target
    got = lexical_topk(query, x, 3, max_df=0.0, min_cap=1)
    assert got.nnz == 3


def test_transform_rows_are_unit_or_empty() -> None:
    model = LexicalModel.fit(["tax filing", "tax law"])
    x = model.transform(["tax filing", "the and of", "unknown words"])
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    assert np.allclose(norms, [1, 0, 0], atol=1e-6)


WORDS = [
    "tax",
    "taxes",
    "accounting",
    "bookkeeping",
    "wedding",
    "photos",
    "seed",
    "investors",
    "marketing",
    "design",
    "legal",
    "visa",
    "coach",
    "yoga",
    "the",
    "for",
]
items = st.lists(st.sampled_from(WORDS), min_size=0, max_size=5).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    queries=st.lists(items, min_size=1, max_size=12),
    targets=st.lists(items, min_size=1, max_size=20),
    k=st.integers(min_value=1, max_value=6),
    alpha=st.floats(min_value=0.0, max_value=1.0),
    dense=st.booleans(),
)
def test_match_invariants(
    queries: list[str], targets: list[str], k: int, alpha: float, dense: bool
) -> None:
    m = match_items(
        queries, targets, k=k, alpha=alpha, embedder=HashingEmbedder(32) if dense else None
    )
    s = m.scores
    assert isinstance(s, sp.csr_matrix) and s.shape == (len(queries), len(targets))
    assert np.all((s.data > 0) & (s.data <= 1.0))
    assert np.all((m.dense.data >= 0) & (m.dense.data <= 1) & (m.lexical.data >= 0))
    assert np.all(np.diff(s.indptr) <= k)
    for row in range(len(queries)):
        ids, scores = ranked(s, row)
        assert np.all(np.diff(scores) <= 0)
        assert len(set(ids.tolist())) == len(ids)


def test_items_without_content_words_match_nothing() -> None:
    m = match_items(["the and", ""], ["for the"], k=3, embedder=HashingEmbedder())
    assert m.scores.shape == (2, 1) and m.scores.nnz == 0


@pytest.mark.parametrize("embedder", embedders, ids=lambda e: e.name if e else "lexical")
def test_repeated_queries_get_exactly_the_row_of_matching_every_copy(
    embedder: Embedder | None,
) -> None:
    from netweave.engine.text.cache import embed_with_cache
    from netweave.engine.text.match import match_vectors

    distinct = corpus(30, seed=3)
    queries = [distinct[i % 7 * 3] for i in range(60)] + distinct  # many copies, some once
    targets = [*corpus(80, seed=4), NEED, NEED]
    m = match_items(queries, targets, k=4, embedder=embedder)
    _, lex = LexicalModel.fit_transform([*queries, *targets])
    dense: list[np.ndarray] = []
    if embedder is not None:
        vectors = embed_with_cache(embedder, [*queries, *targets], InMemoryCache())
        dense = [vectors[: len(queries)], vectors[len(queries) :]]
    every_copy = match_vectors(
        lex[: len(queries)], lex[len(queries) :], *dense, k=4, embedder=m.embedder
    )
    for part in ("scores", "dense", "lexical"):
        a, b = getattr(m, part), getattr(every_copy, part)
        assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
        assert np.array_equal(a.data, b.data)
