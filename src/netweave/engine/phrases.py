"""Normalised short phrases: professions, referral sources, prospect pools, interests.

A phrase becomes a tuple of tokens: lower-cased, split on anything that is not a letter or
digit (so "family-law" == "family law"), stop words dropped, simple plural folding, and a small
alias table. The plural folding is deliberately naive, not a stemmer::

    "attorneys" -> "attorney"   "companies" -> "company"   "coaches" -> "coach"
    "CPAs" -> "cpa"             "business" stays (ends in "ss")   "analysis" stays ("is")

Aliases map a token to the canonical tokens of the same profession, and nothing looser:
"cpa" -> "accountant" (every CPA is an accountant), "lawyer" -> "attorney", "realtor" ->
"real estate agent", "adviser" -> "advisor". "Divorce attorney" is *not* folded into
"family-law attorney": the engine would rather miss a match than claim one that isn't said.

`covers(general, specific)` is the matching rule between a phrase someone wrote (a referral
source "attorneys") and a title ("Family-Law Attorney"): every token of the first appears in
the second. So "attorneys" covers "family-law attorney", but "divorce attorneys" does not
cover a bare "attorney".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

Phrase = tuple[str, ...]

_SPLIT = re.compile(r"[^0-9a-z]+")
STOP_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "with", "who", "or", "&"}
)
ALIASES: dict[str, Phrase] = {
    "cpa": ("accountant",),
    "lawyer": ("attorney",),
    "realtor": ("real", "estate", "agent"),
    "adviser": ("advisor",),
}
_KEEP_S = ("ss", "us", "is")


def fold_plural(token: str) -> str:
    """Strip an English plural ending from one lower-case token (naive and documented)."""
    if len(token) <= 3 or not token.endswith("s"):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("sses", "ches", "shes", "xes")):
        return token[:-2]
    if token.endswith("ys"):
        return token[:-1]
    if token.endswith(_KEEP_S):
        return token
    return token[:-1]


def normalise(text: str) -> Phrase:
    """Return the canonical token tuple of a short phrase (empty for blank text)."""
    tokens: list[str] = []
    for raw in _SPLIT.split(text.lower()):
        if not raw or raw in STOP_WORDS:
            continue
        token = fold_plural(raw)
        tokens.extend(ALIASES.get(token, (token,)))
    return tuple(tokens)


def covers(general: Phrase, specific: Phrase) -> bool:
    """True when every token of `general` appears in `specific` (and `general` is not empty)."""
    return bool(general) and set(general) <= set(specific)


class PhraseIndex:
    """An inverted index over a fixed list of phrases (e.g. the distinct titles)."""

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self.phrases = list(phrases)
        self._postings: dict[str, set[int]] = {}
        for k, phrase in enumerate(self.phrases):
            for token in phrase:
                self._postings.setdefault(token, set()).add(k)

    def covered_by(self, general: Phrase) -> list[int]:
        """Indexes of the indexed phrases that `general` covers, ascending."""
        if not general:
            return []
        sets = sorted((self._postings.get(t, set()) for t in set(general)), key=len)
        found = set(sets[0]).intersection(*sets[1:])
        return sorted(found)


def vocabulary(phrases: Iterable[Phrase]) -> dict[Phrase, int]:
    """Number distinct non-empty phrases in order of first appearance."""
    vocab: dict[Phrase, int] = {}
    for phrase in phrases:
        if phrase and phrase not in vocab:
            vocab[phrase] = len(vocab)
    return vocab
