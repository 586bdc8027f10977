"""Which embedders this installation can run, and the default choice."""

from netweave.engine.text.dense import MiniLMEmbedder, dense_available
from netweave.engine.text.embedders import Embedder
from netweave.engine.text.static import StaticEmbedder, static_available


def available_backends() -> list[str]:
    """Return the names of the installed backends among "static" and "dense"."""
    return [
        name for name, ok in (("static", static_available()), ("dense", dense_available())) if ok
    ]


def default_embedder(dense: bool = False) -> Embedder | None:
    """Return MiniLM if `dense` and installed, else WordLlama if installed, else None (lexical)."""
    if dense and dense_available():
        return MiniLMEmbedder()
    if static_available():
        return StaticEmbedder()
    return None
