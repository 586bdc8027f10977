import numpy as np
import pytest
from text_helpers import CountingEmbedder

from netweave.engine.text import (
    HashingEmbedder,
    InMemoryCache,
    decode_vector,
    embed_with_cache,
    encode_vector,
    item_key,
)


def test_vector_bytes_round_trip() -> None:
    v = np.array([0.5, -0.25, 1.0], dtype=np.float32)
    blob = encode_vector(v)
    assert len(blob) == 12
    assert np.array_equal(decode_vector(blob), v)


def test_duplicates_and_variants_are_embedded_once(counting: CountingEmbedder) -> None:
    cache = InMemoryCache()
    texts = ["Tax filing", "tax  filing", "TAX FILING", "bookkeeping", "tax filing"]
    out = embed_with_cache(counting, texts, cache)
    assert sorted(counting.seen) == ["bookkeeping", "tax filing"]
    assert out.shape == (5, counting.dim)
    assert np.array_equal(out[0], out[1]) and np.array_equal(out[0], out[4])
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-6)
    assert len(cache) == 2


def test_second_run_embeds_nothing_and_changes_only_the_changed(
    counting: CountingEmbedder,
) -> None:
    cache = InMemoryCache()
    texts = [f"offer number {i}" for i in range(50)]
    first = embed_with_cache(counting, texts, cache)
    assert len(counting.seen) == 50
    counting.seen.clear()
    again = embed_with_cache(counting, texts, cache)
    assert counting.seen == []
    assert np.array_equal(first, again)
    changed = [*texts[:49], "a brand new offer"]
    embed_with_cache(counting, changed, cache)
    assert counting.seen == ["a brand new offer"]


def test_cache_is_keyed_by_model_name(counting: CountingEmbedder) -> None:
    cache = InMemoryCache()
    embed_with_cache(counting, ["estate planning"], cache)
    other = HashingEmbedder(32)
    vectors = embed_with_cache(other, ["estate planning"], cache)
    assert vectors.shape == (1, 32)
    assert len(cache) == 2
    assert set(cache.get_many(other.name, [item_key("estate planning")])) == {
        item_key("estate planning")
    }


def test_wrong_length_vector_in_cache_is_replaced(counting: CountingEmbedder) -> None:
    cache = InMemoryCache()
    cache.put_many(counting.name, {item_key("payroll"): np.ones(3, dtype=np.float32)})
    out = embed_with_cache(counting, ["payroll"], cache)
    assert counting.seen == ["payroll"]
    assert out.shape == (1, counting.dim)


def test_progress_counts_only_embedded_texts(counting: CountingEmbedder) -> None:
    cache = InMemoryCache()
    embed_with_cache(counting, ["a", "b"], cache)
    ticks: list[int] = []
    embed_with_cache(counting, ["a", "b", "c", "d"], cache, progress=ticks.append)
    assert sum(ticks) == 2


@pytest.mark.parametrize("texts", [[], ["only one"]])
def test_small_inputs(counting: CountingEmbedder, texts: list[str]) -> None:
    out = embed_with_cache(counting, texts, InMemoryCache())
    assert out.shape == (len(texts), counting.dim)
    assert out.dtype == np.float32
