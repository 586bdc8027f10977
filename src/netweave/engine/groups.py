"""People grouped by a normalised phrase: a referral source, a prospect pool, an interest, a title.

`Groups` is the person x group incidence M (0/1, CSR) with the size of each group, and the
Adamic–Adar style weight of a group of size c, w = 1 / log(1 + c), so that a rare source shared
by two people (w = 0.91) counts far more than one shared by a hundred (w = 0.22).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netweave.engine.network import Items
from netweave.engine.phrases import Phrase, normalise, vocabulary

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Groups:
    """Person x group incidence with group sizes and weights."""

    phrases: tuple[Phrase, ...]
    item_group: IntArray  # group of each item (-1: blank after normalisation)
    incidence: sp.csr_matrix  # n x g, 0/1
    sizes: IntArray  # people per group

    @property
    def weights(self) -> FloatArray:
        """Adamic–Adar weight 1 / log(1 + size) of each group (0 for empty groups)."""
        w = np.zeros(len(self.sizes))
        nz = self.sizes > 0
        w[nz] = 1.0 / np.log1p(self.sizes[nz])
        return w

    def capped(self, max_size: int) -> sp.csr_matrix:
        """The incidence without the columns of groups larger than max_size (for candidates)."""
        keep = (self.sizes <= max_size).astype(np.float64)
        return sp.csr_matrix(self.incidence @ sp.diags(keep))


def _build(phrases: Sequence[Phrase], owner: IntArray, n: int) -> Groups:
    vocab = vocabulary(dict.fromkeys(phrases))
    item_group = np.fromiter((vocab.get(p, -1) for p in phrases), np.int64, len(phrases))
    ok = item_group >= 0
    g = len(vocab)
    m = sp.csr_matrix(
        (np.ones(int(ok.sum())), (owner[ok], item_group[ok])), shape=(n, g), dtype=np.float64
    )
    m.sum_duplicates()
    m.data[:] = 1.0
    m.eliminate_zeros()
    sizes = np.asarray(m.sum(axis=0)).ravel().astype(np.int64)
    return Groups(tuple(vocab), item_group, m, sizes)


def normalise_all(texts: Sequence[str]) -> list[Phrase]:
    """`phrases.normalise` of every text, each distinct text normalised once."""
    seen: dict[str, Phrase] = {}
    return [seen[t] if t in seen else seen.setdefault(t, normalise(t)) for t in texts]


def item_groups(items: Items, n: int) -> Groups:
    """Group the people by the normalised text of their items (one facet kind)."""
    return _build(normalise_all(items.texts), items.owner, n)


def title_groups(titles: Sequence[str]) -> Groups:
    """Group the people by normalised title (one group per distinct title)."""
    n = len(titles)
    return _build(normalise_all(titles), np.arange(n, dtype=np.int64), n)
