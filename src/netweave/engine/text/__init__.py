"""Text representations of facet items and their matching: embedders, cache, index, hybrid match.

Importing this package loads nothing: each name below is imported from its module on first
use (PEP 562), so a command that only needs tokens or BM25 never loads scipy or the models.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> the module of this package that defines it
_MODULES = {
    "Embedder": "embedders",
    "EmbeddingCache": "cache",
    "HashingEmbedder": "embedders",
    "InMemoryCache": "cache",
    "ItemMatches": "match",
    "LexicalModel": "lexical",
    "MiniLMEmbedder": "dense",
    "StaticEmbedder": "static",
    "VectorIndex": "index",
    "available_backends": "backends",
    "build_index": "index",
    "decode_vector": "cache",
    "default_embedder": "backends",
    "dense_available": "dense",
    "embed_with_cache": "cache",
    "encode_vector": "cache",
    "faiss_available": "index",
    "item_key": "normalize",
    "l2_normalize": "embedders",
    "lexical_topk": "lexical",
    "match_items": "match",
    "match_vectors": "match",
    "normalize_text": "normalize",
    "ranked": "match",
    "refine": "match",
    "static_available": "static",
}
__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
