"""Word-overlap matching of short facet texts (interests, needs, offers).

Deliberately simple and explainable: two items match when they share a significant word
(three letters or more, not a filler word: "tax" and "law" count). The matching engine
does the real scoring.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)
FILLER = frozenset(
    {
        "all",
        "and",
        "any",
        "are",
        "but",
        "can",
        "for",
        "get",
        "its",
        "new",
        "not",
        "our",
        "out",
        "the",
        "who",
        "you",
        "via",
        "per",
        "etc",
        "about",
        "after",
        "also",
        "from",
        "have",
        "help",
        "into",
        "like",
        "looking",
        "more",
        "need",
        "needs",
        "offer",
        "offers",
        "other",
        "over",
        "some",
        "that",
        "their",
        "them",
        "they",
        "this",
        "with",
        "work",
        "would",
        "your",
    }
)


def significant_words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if len(w) >= 3 and w not in FILLER}


def shared_words(a: str, b: str) -> set[str]:
    return significant_words(a) & significant_words(b)


def matching_pairs(left: list[str], right: list[str]) -> list[tuple[str, str]]:
    """(left item, right item) pairs that share a significant word, in input order."""
    return [(x, y) for x in left for y in right if shared_words(x, y)]
