"""Static (no torch) embeddings from the `wordllama` package, whose 16 MB model ships in its wheel.

WordLlama averages token vectors taken from a large language model's embedding table: fast
(tens of thousands of items a second on two cores) and weaker than MiniLM on meaning, so it
serves as the prefilter and the always-available dense signal.

The model is read here straight from the package's files (its tokenizer with `tokenizers`,
its float16 table memory-mapped from the safetensors file) and pooled exactly as
`WordLlamaInference.embed` does (a test checks the vectors are identical), without
importing `wordllama` itself: that import pulls in `requests` and converts the whole table
to float32, a third of a second a `netweave route` process need not spend on one query.
"""

import functools
import importlib.metadata
import importlib.util
import json
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from netweave.engine.text.embedders import Matrix, Progress, l2_normalize
from netweave.engine.text.normalize import normalize_text
from netweave.errors import NetweaveError

CONFIG = "l2_supercat"
_BATCH = 4096


@functools.cache
def _version() -> str | None:
    """The installed wordllama's version (looked up once: each lookup reads package metadata)."""
    try:
        return importlib.metadata.version("wordllama")
    except importlib.metadata.PackageNotFoundError:
        return None


def static_available() -> bool:
    """Return whether the wordllama package is installed."""
    return _version() is not None


def _package_dir() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise NetweaveError("Static embeddings need the wordllama package: pip install netweave")
    return Path(next(iter(spec.submodule_search_locations)))


def _float16_table(path: Path, key: str = "embedding.weight") -> npt.NDArray[np.float16]:
    """The tensor `key` of a safetensors file, memory-mapped: a query touches a few rows only.

    The format: an 8-byte little-endian header length, a JSON header giving each tensor's
    dtype, shape and byte range, then the data.
    """
    with path.open("rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
    meta = header.get(key, {})
    if meta.get("dtype") != "F16" or len(meta.get("shape", ())) != 2:
        raise NetweaveError(f"unexpected WordLlama weights in {path}: {meta}")
    start = 8 + length + int(meta["data_offsets"][0])
    table: npt.NDArray[np.float16] = np.memmap(
        path, dtype=np.float16, mode="r", offset=start, shape=tuple(meta["shape"])
    )
    return table


class _Model:
    """WordLlama's tokenizer and float16 token table; `embed` is its mean pooling."""

    def __init__(self, dim: int) -> None:
        from tokenizers import Tokenizer

        root = _package_dir()
        self.tokenizer = Tokenizer.from_file(
            str(root / "tokenizers" / f"{CONFIG}_tokenizer_config.json")
        )
        self.tokenizer.enable_padding()
        self.tokenizer.no_truncation()
        self.table = _float16_table(root / "weights" / f"{CONFIG}_{dim}.safetensors")

    def embed(self, texts: list[str]) -> Matrix:
        """Mean of the texts' token vectors (float32), 64 texts per padded batch."""
        out = np.empty((len(texts), self.table.shape[1]), np.float32)
        for start in range(0, len(texts), 64):
            encoded = self.tokenizer.encode_batch(
                texts[start : start + 64], is_pretokenized=False, add_special_tokens=False
            )
            ids = np.array([e.ids for e in encoded], dtype=np.int32)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            np.clip(ids, 0, self.table.shape[0] - 1, out=ids)
            vectors = self.table[ids].astype(np.float32)
            total = np.maximum(mask.sum(axis=1, keepdims=True), 1.0).astype(np.float32)
            pooled = np.sum(vectors * mask[..., np.newaxis], axis=1, dtype=np.float32) / total
            out[start : start + len(encoded)] = pooled
        return out


@functools.cache
def _wordllama(dim: int) -> _Model:
    """The model, loaded once per process however many embedders are made."""
    return _Model(dim)


class StaticEmbedder:
    """WordLlama ``l2_supercat`` at 256 dimensions, loaded offline from the package folder."""

    dim = 256

    def __init__(self) -> None:
        if not static_available():
            raise NetweaveError(
                "Static embeddings need the wordllama package: pip install netweave"
            )
        self.name = f"wordllama-{CONFIG}-256@{_version()}"

    def embed(self, texts: Sequence[str], progress: Progress | None = None) -> Matrix:
        """Return unit vectors of the canonical forms of `texts`."""
        model = _wordllama(self.dim)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), _BATCH):
            batch = [normalize_text(t) for t in texts[start : start + _BATCH]]
            out[start : start + len(batch)] = model.embed(batch)
            if progress is not None:
                progress(len(batch))
        return l2_normalize(out)
