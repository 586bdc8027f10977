"""What the engine knows about a network of n people: arrays and sparse matrices, no database.

People are numbered 0..n-1 (positions, not database ids; `ids` maps back). Each free-text facet
is an `Items` list: item k belongs to person `owner[k]` and reads `texts[k]`. The relation
matrices are n x n CSR: `acquaintances` (symmetric) and `blocked` (pairs in a cool-down after an
introduction, a decline or a dismissal, computed by the service).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netweave.engine.weights import DIFFICULT, HARD_CHARGER, TAKES_CRITICISM_POORLY

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

OPEN, ASK_FIRST, NOT_NOW = 0, 1, 2
OPENNESS_CODES = {"open": OPEN, "ask_first": ASK_FIRST, "not_now": NOT_NOW}
FACET_KINDS = ("objectives", "needs", "offers", "interests", "referral_sources", "prospect_pool")

_TRAIT_ALIASES = {
    "hard charging": HARD_CHARGER,
    "difficult": DIFFICULT,
    "hard to deal with": DIFFICULT,
    "difficult to work with": DIFFICULT,
    "doesn't take criticism well": TAKES_CRITICISM_POORLY,
    "does not take criticism well": TAKES_CRITICISM_POORLY,
    "takes criticism badly": TAKES_CRITICISM_POORLY,
}


def normalise_trait(trait: str) -> str:
    """Lower-case a temperament note, fold hyphens and spacing, and map known wordings."""
    text = re.sub(r"[\s_-]+", " ", trait.strip().lower().replace("’", "'"))
    return _TRAIT_ALIASES.get(text, text)


def openness_code(value: str | None) -> int:
    """Map an openness string (open / ask_first / not_now, or None = open) to its code."""
    if value is None:
        return OPEN
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in OPENNESS_CODES:
        raise ValueError(f"unknown openness {value!r}; expected one of {sorted(OPENNESS_CODES)}")
    return OPENNESS_CODES[key]


@dataclass(frozen=True, eq=False)
class Items:
    """Free-text items of one facet kind: item k is `texts[k]`, owned by person `owner[k]`."""

    owner: IntArray
    texts: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.owner) != len(self.texts):
            raise ValueError("Items: owner and texts differ in length")

    def __len__(self) -> int:
        return len(self.texts)

    @classmethod
    def empty(cls) -> Items:
        return cls(np.zeros(0, dtype=np.int64), ())

    @classmethod
    def from_lists(cls, per_person: Sequence[Sequence[str]]) -> Items:
        """Flatten per-person lists of texts, skipping blank ones."""
        owner: list[int] = []
        texts: list[str] = []
        for person, items in enumerate(per_person):
            for text in items:
                if text and text.strip():
                    owner.append(person)
                    texts.append(text.strip())
        return cls(np.asarray(owner, dtype=np.int64), tuple(texts))

    def incidence(self, n: int) -> sp.csr_matrix:
        """Person x item indicator matrix (n x len(self)), float64 ones."""
        m = len(self)
        return sp.csr_matrix((np.ones(m), (self.owner, np.arange(m, dtype=np.int64))), shape=(n, m))

    def of(self, person: int) -> IntArray:
        """Indexes of the items of one person, in order."""
        return np.flatnonzero(self.owner == person).astype(np.int64)


def _empty_items() -> Items:
    return Items.empty()


def _relation(pairs: Iterable[tuple[int, int]], n: int, *, symmetric: bool) -> sp.csr_matrix:
    """Build an n x n boolean CSR from index pairs (self pairs dropped)."""
    arr = np.asarray(list(pairs), dtype=np.int64).reshape(-1, 2)
    arr = arr[arr[:, 0] != arr[:, 1]]
    rows, cols = arr[:, 0], arr[:, 1]
    if symmetric:
        rows, cols = np.concatenate([rows, cols]), np.concatenate([cols, rows])
    m = sp.csr_matrix((np.ones(len(rows), dtype=bool), (rows, cols)), shape=(n, n))
    m.sum_duplicates()
    m.data[:] = True
    return m


class PersonLike(Protocol):
    """The fields of `netweave.importers.records.PersonRecord` the engine reads."""

    full_name: str
    title: str | None
    temperament: list[str]
    networker_level: int | None
    openness: str | None
    objectives: list[str]
    needs: list[str]
    offers: list[str]
    interests: list[str]
    referral_sources: list[str]
    prospect_pool: list[str]


@dataclass(frozen=True, eq=False)
class Network:
    """n people with their facets, traits and relations (positions 0..n-1)."""

    ids: IntArray
    names: tuple[str, ...]
    titles: tuple[str, ...]
    networker_level: npt.NDArray[np.int8]
    openness: npt.NDArray[np.int8]
    temperament: tuple[frozenset[str], ...]
    acquaintances: sp.csr_matrix
    blocked: sp.csr_matrix
    optin_load: FloatArray
    objectives: Items = field(default_factory=_empty_items)
    needs: Items = field(default_factory=_empty_items)
    offers: Items = field(default_factory=_empty_items)
    interests: Items = field(default_factory=_empty_items)
    referral_sources: Items = field(default_factory=_empty_items)
    prospect_pool: Items = field(default_factory=_empty_items)

    def __post_init__(self) -> None:
        n = self.n
        sizes = {
            "names": len(self.names),
            "titles": len(self.titles),
            "networker_level": len(self.networker_level),
            "openness": len(self.openness),
            "temperament": len(self.temperament),
            "optin_load": len(self.optin_load),
        }
        bad = [k for k, v in sizes.items() if v != n]
        if bad:
            raise ValueError(f"Network: {', '.join(bad)} must have one entry per person ({n})")
        for name in ("acquaintances", "blocked"):
            if getattr(self, name).shape != (n, n):
                raise ValueError(f"Network: {name} must be {n} x {n}")
        for kind in FACET_KINDS:
            owner = getattr(self, kind).owner
            if len(owner) and (owner.min() < 0 or owner.max() >= n):
                raise ValueError(f"Network: {kind} has an owner outside 0..{n - 1}")

    @property
    def n(self) -> int:
        return len(self.ids)

    def facet(self, kind: str) -> Items:
        """The items of one facet kind by its name (see FACET_KINDS)."""
        if kind not in FACET_KINDS:
            raise KeyError(kind)
        items: Items = getattr(self, kind)
        return items

    @classmethod
    def from_records(
        cls,
        people: Sequence[PersonLike],
        *,
        ids: Sequence[int] | None = None,
        acquaintances: Iterable[tuple[int, int]] = (),
        blocked: Iterable[tuple[int, int]] = (),
        optin_load: Sequence[float] | None = None,
    ) -> Network:
        """Build a network from person records; pairs are positions in `people`."""
        n = len(people)
        facets = {
            kind: Items.from_lists([getattr(p, kind) for p in people]) for kind in FACET_KINDS
        }
        return cls(
            ids=np.asarray(ids if ids is not None else range(n), dtype=np.int64),
            names=tuple(p.full_name for p in people),
            titles=tuple((p.title or "").strip() for p in people),
            networker_level=np.asarray([p.networker_level or 0 for p in people], dtype=np.int8),
            openness=np.asarray([openness_code(p.openness) for p in people], dtype=np.int8),
            temperament=tuple(
                frozenset(normalise_trait(t) for t in p.temperament if t.strip()) for p in people
            ),
            acquaintances=_relation(acquaintances, n, symmetric=True),
            blocked=_relation(blocked, n, symmetric=True),
            optin_load=np.asarray(
                optin_load if optin_load is not None else np.zeros(n), dtype=np.float64
            ),
            **facets,
        )


@dataclass(frozen=True, eq=False)
class FacetMatches:
    """Item similarities from the text layer, CSR with values in [0, 1].

    `needs_offers` is len(needs) x len(offers), `objectives_offers` len(objectives) x
    len(offers); row q holds the top-k offers for need (or objective) q.
    """

    needs_offers: sp.csr_matrix
    objectives_offers: sp.csr_matrix

    @classmethod
    def empty(cls, network: Network) -> FacetMatches:
        n_off = len(network.offers)
        return cls(
            sp.csr_matrix((len(network.needs), n_off)),
            sp.csr_matrix((len(network.objectives), n_off)),
        )

    def check(self, network: Network) -> None:
        n_off = len(network.offers)
        if self.needs_offers.shape != (len(network.needs), n_off):
            raise ValueError("FacetMatches: needs_offers must be len(needs) x len(offers)")
        if self.objectives_offers.shape != (len(network.objectives), n_off):
            raise ValueError(
                "FacetMatches: objectives_offers must be len(objectives) x len(offers)"
            )
