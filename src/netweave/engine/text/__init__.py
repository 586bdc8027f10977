"""Text representations of facet items and their matching: embedders, cache, index, hybrid match.

Importing this package loads numpy and scipy only; model libraries load on first use.
"""

from netweave.engine.text.backends import available_backends, default_embedder
from netweave.engine.text.cache import (
    EmbeddingCache,
    InMemoryCache,
    decode_vector,
    embed_with_cache,
    encode_vector,
)
from netweave.engine.text.dense import MiniLMEmbedder, dense_available
from netweave.engine.text.embedders import Embedder, HashingEmbedder, l2_normalize
from netweave.engine.text.index import VectorIndex, build_index, faiss_available
from netweave.engine.text.lexical import LexicalModel, lexical_topk
from netweave.engine.text.match import ItemMatches, match_items, match_vectors, ranked, refine
from netweave.engine.text.normalize import item_key, normalize_text
from netweave.engine.text.static import StaticEmbedder, static_available

__all__ = [
    "Embedder",
    "EmbeddingCache",
    "HashingEmbedder",
    "InMemoryCache",
    "ItemMatches",
    "LexicalModel",
    "MiniLMEmbedder",
    "StaticEmbedder",
    "VectorIndex",
    "available_backends",
    "build_index",
    "decode_vector",
    "default_embedder",
    "dense_available",
    "embed_with_cache",
    "encode_vector",
    "faiss_available",
    "item_key",
    "l2_normalize",
    "lexical_topk",
    "match_items",
    "match_vectors",
    "normalize_text",
    "ranked",
    "refine",
    "static_available",
]
