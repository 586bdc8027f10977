"""Static (no torch) embeddings from the `wordllama` package, whose 16 MB model ships in its wheel.

WordLlama averages token vectors taken from a large language model's embedding table: fast
(tens of thousands of items a second on two cores) and weaker than MiniLM on meaning, so it
serves as the prefilter and the always-available dense signal.
"""

import importlib
import importlib.metadata
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from netweave.engine.text.embedders import Matrix, Progress, l2_normalize
from netweave.engine.text.normalize import normalize_text
from netweave.errors import NetweaveError

_BATCH = 4096


def static_available() -> bool:
    """Return whether the wordllama package is installed."""
    try:
        importlib.metadata.version("wordllama")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def _import_quietly(module: str) -> Any:
    """Import `module`, undoing any change it makes to the root logger.

    wordllama calls ``logging.basicConfig(level=INFO)`` on import, which would make every
    library's INFO records appear in netweave's output.
    """
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        return importlib.import_module(module)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


class StaticEmbedder:
    """WordLlama ``l2_supercat`` at 256 dimensions, loaded offline from the package folder."""

    dim = 256

    def __init__(self) -> None:
        if not static_available():
            raise NetweaveError(
                "Static embeddings need the wordllama package: pip install netweave"
            )
        self.name = f"wordllama-l2_supercat-256@{importlib.metadata.version('wordllama')}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            wordllama = _import_quietly("wordllama")
            self._model = wordllama.WordLlama.load(
                config="l2_supercat",
                cache_dir=Path(str(wordllama.__file__)).parent,
                dim=self.dim,
                disable_download=True,
            )
        return self._model

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> Matrix:
        """Return unit vectors of the canonical forms of `texts`."""
        model = self._load()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), _BATCH):
            batch = [normalize_text(t) for t in texts[start : start + _BATCH]]
            out[start : start + len(batch)] = model.embed(batch, norm=False)
            if progress is not None:
                progress(len(batch))
        return l2_normalize(out)
