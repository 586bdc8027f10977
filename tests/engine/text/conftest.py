"""Fixtures for engine/text tests."""

import pytest
from text_helpers import CountingEmbedder

from netweave.engine.text import HashingEmbedder, StaticEmbedder, static_available
from netweave.engine.text.embedders import Embedder


@pytest.fixture
def counting() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture(scope="session")
def realish_embedder() -> Embedder:
    """WordLlama when installed (meaningful vectors), else the hashing embedder."""
    return StaticEmbedder() if static_available() else HashingEmbedder(256)
