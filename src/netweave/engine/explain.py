"""`netweave why A B`: one pair's score term by term, with the facts behind each term.

The terms come from the same `PairScorer.score_pairs` as every suggestion, so an explanation
always agrees with the ranking; the facts (which need met which offer, which sources are
shared…) are read back from the inputs, so reasons can name them and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from netweave.engine.network import ASK_FIRST, FacetMatches, Items, Network
from netweave.engine.phrases import covers, normalise
from netweave.engine.playbooks import Playbook
from netweave.engine.scoring import PairScorer, guard_names
from netweave.engine.weights import Weights


@dataclass(frozen=True)
class ItemMatch:
    """One of A's wants (a need or an objective) and B's offer that answers it best."""

    kind: str  # "need" | "objective"
    want: str
    offer: str
    similarity: float


@dataclass(frozen=True)
class Shared:
    """A group both belong to: each side's own wording and how many people are in it."""

    text_a: str
    text_b: str
    size: int


@dataclass(frozen=True)
class TeamEvent:
    key: str
    label: str
    role_a: str
    role_b: str


@dataclass(frozen=True)
class Side:
    """What one person gains from the other (facts for the reasons on that side)."""

    person: int
    other: int
    wants: list[ItemMatch] = field(default_factory=list)
    referral_sources: list[str] = field(default_factory=list)  # own sources covering other's title
    prospect_pool: list[str] = field(default_factory=list)  # own pool phrases covering it


@dataclass(frozen=True)
class PairExplanation:
    i: int
    j: int
    score: float
    terms: dict[str, float]
    contributions: dict[str, float]
    guards: list[str]
    side_a: Side
    side_b: Side
    shared_sources: list[Shared]
    shared_pools: list[Shared]
    shared_interests: list[Shared]
    common_acquaintances: list[int]  # rarest (most telling) first
    team_events: list[TeamEvent]
    difficult: list[int]
    ask_first: list[int]


def _wants(scorer: PairScorer, a: int, b: int) -> list[ItemMatch]:
    net, w = scorer.network, scorer.weights
    offers = net.offers.of(b)
    found: list[ItemMatch] = []
    if len(offers) == 0:
        return found
    kinds = (
        ("need", net.needs, scorer.matches.needs_offers, 1.0),
        ("objective", net.objectives, scorer.matches.objectives_offers, w.objective_factor),
    )
    for kind, items, matrix, _factor in kinds:
        wants = items.of(a)
        if len(wants) == 0:
            continue
        sub = matrix[wants][:, offers].toarray()
        for x, q in enumerate(wants):
            y = int(np.argmax(sub[x]))
            sim = float(sub[x, y])
            if sim >= w.min_item_similarity:
                found.append(ItemMatch(kind, items.texts[q], net.offers.texts[offers[y]], sim))
    factor = {"need": 1.0, "objective": w.objective_factor}
    found.sort(key=lambda m: -m.similarity * factor[m.kind])
    return found


def _covering(items: Items, person: int, title: str) -> list[str]:
    phrase = normalise(title)
    return [items.texts[k] for k in items.of(person) if covers(normalise(items.texts[k]), phrase)]


def _shared(scorer: PairScorer, name: str, items: Items, a: int, b: int) -> list[Shared]:
    groups = scorer.synergy.groups[name]
    first: dict[int, dict[int, str]] = {a: {}, b: {}}
    for person in (a, b):
        for k in items.of(person):
            g = int(groups.item_group[k])
            if g >= 0:
                first[person].setdefault(g, items.texts[k])
    common = sorted(set(first[a]) & set(first[b]), key=lambda g: (groups.sizes[g], g))
    return [Shared(first[a][g], first[b][g], int(groups.sizes[g])) for g in common]


def _side(scorer: PairScorer, a: int, b: int) -> Side:
    net = scorer.network
    title = net.titles[b]
    return Side(
        a,
        b,
        _wants(scorer, a, b),
        _covering(net.referral_sources, a, title) if title else [],
        _covering(net.prospect_pool, a, title) if title else [],
    )


def _team(scorer: PairScorer, a: int, b: int) -> list[TeamEvent]:
    roles = scorer.synergy.roles
    out = []
    for e, book in enumerate(scorer.playbooks):
        ra, rb = int(roles[a, e]), int(roles[b, e])
        if ra >= 0 and rb >= 0 and ra != rb:
            out.append(TeamEvent(book.key, book.label, book.roles[ra].role, book.roles[rb].role))
    return out


def explain(scorer: PairScorer, i: int, j: int) -> PairExplanation:
    """Explain the pair (i, j) with a prepared scorer."""
    n = scorer.n
    if not (0 <= i < n and 0 <= j < n):
        raise IndexError(f"people must be in 0..{n - 1}")
    scored = scorer.score_pairs(np.array([i]), np.array([j]))
    terms = {name: float(v[0]) for name, v in scored.terms.items()}
    net = scorer.network
    acq = scorer.synergy.acq
    common = np.intersect1d(acq[i].indices, acq[j].indices).astype(np.int64)
    common = common[np.argsort(-scorer.synergy.acq_weight[common], kind="stable")]
    return PairExplanation(
        i=i,
        j=j,
        score=float(scored.score[0]),
        terms=terms,
        contributions=scorer.contributions(terms),
        guards=guard_names(int(scored.guard[0])),
        side_a=_side(scorer, i, j),
        side_b=_side(scorer, j, i),
        shared_sources=_shared(scorer, "shared_sources", net.referral_sources, i, j),
        shared_pools=_shared(scorer, "shared_pools", net.prospect_pool, i, j),
        shared_interests=_shared(scorer, "interests", net.interests, i, j),
        common_acquaintances=[int(k) for k in common],
        team_events=_team(scorer, i, j),
        difficult=[p for p in (i, j) if scorer.difficult[p]],
        ask_first=[p for p in (i, j) if net.openness[p] == ASK_FIRST],
    )


def explain_pair(
    network: Network,
    matches: FacetMatches | None,
    i: int,
    j: int,
    *,
    weights: Weights | None = None,
    playbooks: Sequence[Playbook] = (),
) -> PairExplanation:
    """Explain one pair from scratch (builds a scorer; reuse `explain` for many pairs)."""
    return explain(PairScorer(network, matches, weights, playbooks), i, j)
