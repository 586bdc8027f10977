"""Canonical form of a facet item and its content key for the embedding cache."""

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Return `text` in canonical form: NFKC, case-folded, whitespace collapsed, trimmed.

    Two items that differ only in case, Unicode form or spacing share one canonical form, hence
    one cache entry and one vector. Punctuation is kept: it can carry meaning ("C++", "M&A").
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", folded).strip()


def item_key(text: str) -> str:
    """Return the cache key of an item: hex SHA-256 of its UTF-8 canonical form (64 chars)."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
