import numpy as np
import pytest
from text_helpers import corpus

from netweave.engine.text import build_index, faiss_available, l2_normalize
from netweave.engine.text import index as index_module
from netweave.engine.text.embedders import Embedder
from netweave.engine.text.topk import dense_topk

needs_faiss = pytest.mark.skipif(not faiss_available(), reason="faiss-cpu is not installed")


def score_recall(scores: np.ndarray, truth: np.ndarray) -> float:
    """Fraction of returned scores reaching the exact k-th best (robust to tied vectors)."""
    return float(np.mean(scores >= truth[:, -1:] - 1e-5))


@needs_faiss
def test_hnsw_agrees_with_exact_on_item_embeddings(realish_embedder: Embedder) -> None:
    vectors = realish_embedder.embed(corpus(1500))
    exact = build_index(vectors, method="exact")
    hnsw = build_index(vectors, method="hnsw")
    assert (exact.kind, hnsw.kind) == ("exact-faiss", "hnsw-faiss")
    queries = vectors[::7]
    truth, _ = exact.search(queries, 10)
    scores, _ = hnsw.search(queries, 10)
    assert score_recall(scores, truth) >= 0.95
    assert np.all(np.diff(scores, axis=1) <= 1e-6)


def test_numpy_exact_matches_faiss_or_brute_force(realish_embedder: Embedder) -> None:
    vectors = realish_embedder.embed(corpus(400))
    queries = vectors[:50]
    scores, ids = build_index(vectors, method="exact").search(queries, 5)
    full = queries @ vectors.T
    expected = -np.sort(-full, axis=1)[:, :5]
    assert np.allclose(scores, expected, atol=1e-5)
    assert np.allclose(np.take_along_axis(full, ids, axis=1), scores, atol=1e-5)


def test_without_faiss_exact_numpy_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "faiss_available", lambda: False)
    vectors = l2_normalize(np.random.default_rng(0).normal(size=(100, 16)))
    index = build_index(vectors, exact_max=10)
    assert index.kind == "exact-numpy"
    with pytest.raises(RuntimeError, match="faiss"):
        build_index(vectors, method="hnsw")


@needs_faiss
def test_auto_switches_to_hnsw_above_threshold() -> None:
    vectors = l2_normalize(np.random.default_rng(0).normal(size=(300, 16)))
    assert build_index(vectors, exact_max=1000).kind == "exact-faiss"
    assert build_index(vectors, exact_max=100).kind == "hnsw-faiss"


@pytest.mark.parametrize("method", ["exact", "hnsw"])
def test_k_larger_than_index(method: str) -> None:
    if method == "hnsw" and not faiss_available():
        pytest.skip("faiss-cpu is not installed")
    vectors = l2_normalize(np.eye(4, dtype=np.float32))
    scores, ids = build_index(vectors, method=method).search(vectors[:2], 10)
    assert scores.shape == ids.shape == (2, 4)
    assert list(ids[:, 0]) == [0, 1]


def test_dense_topk_blocks_give_the_same_answer() -> None:
    rng = np.random.default_rng(1)
    q, t = l2_normalize(rng.normal(size=(37, 8))), l2_normalize(rng.normal(size=(53, 8)))
    whole = dense_topk(q, t, 6)
    tiny = dense_topk(q, t, 6, budget=60)  # one query row per block
    assert np.allclose(whole[0], tiny[0]) and np.array_equal(whole[1], tiny[1])


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="method"):
        build_index(np.zeros((2, 2), dtype=np.float32), method="lsh")
