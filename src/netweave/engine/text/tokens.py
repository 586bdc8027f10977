"""Lexical features of an item: words, word pairs and word prefixes (a crude, cheap stemmer)."""

import itertools
import re

from netweave.engine.text.normalize import normalize_text

_WORD = re.compile(r"[^\W_][\w+#]*")

# Function words and the filler of facet items ("help with", "looking for") that say nothing
# about what is needed or offered.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "do",
        "for",
        "from",
        "get",
        "getting",
        "has",
        "have",
        "help",
        "helping",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "looking",
        "me",
        "more",
        "my",
        "need",
        "needs",
        "new",
        "of",
        "on",
        "or",
        "our",
        "out",
        "over",
        "some",
        "someone",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "us",
        "want",
        "wants",
        "was",
        "we",
        "what",
        "when",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)

PREFIX_LENGTHS = (3, 4, 5)


def words(text: str) -> list[str]:
    """Return the content words of `text` after normalisation, stop words removed."""
    return [w for w in _WORD.findall(normalize_text(text)) if w not in STOP_WORDS]


def features(text: str) -> list[str]:
    """Return the lexical features of `text`, repeated as often as they occur.

    For each content word w: ``w:<w>``; ``p:<w[:n]>`` for n in PREFIX_LENGTHS with n <= len(w)
    (so "tax", "taxes" and "taxation" share ``p:tax``, "bookkeeper" and "bookkeeping" share
    ``p:bookk``); and ``b:<w1 w2>`` for adjacent content words.
    """
    ws = words(text)
    out = [f"w:{w}" for w in ws]
    out += [f"p:{w[:n]}" for w in ws for n in PREFIX_LENGTHS if n <= len(w)]
    out += [f"b:{a} {b}" for a, b in itertools.pairwise(ws)]
    return out
