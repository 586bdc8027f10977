"""Shared builders for the pair-scoring tests: random networks and a brute-force reference."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

from netweave.engine.network import NOT_NOW, FacetMatches, Network
from netweave.engine.phrases import covers, normalise
from netweave.engine.playbooks import Playbook, Role
from netweave.engine.weights import DIFFICULT, Weights

PLAYBOOKS = (
    Playbook(
        "divorce",
        "Divorce",
        "A separation or divorce.",
        (
            Role("mediator", ("Divorce mediator",)),
            Role("family-law attorney", ("Family-law attorney",)),
            Role("real-estate agent", ("Residential real-estate agent",)),
            Role("accountant", ("Certified public accountant",)),
            Role("financial advisor", ("Financial advisor",)),
            Role("therapist", ("Psychotherapist", "Marriage and family therapist")),
        ),
    ),
    Playbook(
        "new_business",
        "New business",
        "Someone starts a company.",
        (
            Role("business attorney", ("Corporate attorney",)),
            Role("accountant", ("Certified public accountant", "Bookkeeper")),
            Role("brand and design", ("Graphic designer",)),
        ),
    ),
)

TITLES = [
    "",
    "Divorce mediator",
    "Family-law attorney",
    "Residential real-estate agent",
    "CPA",
    "Accountant",
    "Certified public accountant",
    "Financial advisor",
    "Psychotherapist",
    "Corporate attorney",
    "Bookkeeper",
    "Graphic designer",
    "Realtor",
]
SOURCES = ["CPAs", "accountants", "divorce attorneys", "therapists", "bankers", "attorneys"]
POOLS = ["people going through a divorce", "small business owners", "graphic designers", "CPAs"]
INTERESTS = ["cycling", "fajitas", "jazz", "chess", "hiking"]
TRAITS = ["hard charger", "takes criticism poorly", DIFFICULT, "generous"]


@dataclass
class Person:
    full_name: str
    title: str | None = None
    temperament: list[str] = field(default_factory=list)
    networker_level: int | None = None
    openness: str | None = None
    objectives: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    referral_sources: list[str] = field(default_factory=list)
    prospect_pool: list[str] = field(default_factory=list)


def random_case(seed: int, n: int) -> tuple[Network, FacetMatches]:
    """A small random network with random item similarities (some below the noise floor)."""
    rng = np.random.default_rng(seed)

    def pick(vocab: list[str], most: int) -> list[str]:
        k = int(rng.integers(0, most + 1))
        return [str(x) for x in rng.choice(vocab, size=min(k, len(vocab)), replace=False)]

    people = []
    for p in range(n):
        people.append(
            Person(
                full_name=f"Person {p}",
                title=str(rng.choice(TITLES)),
                temperament=pick(TRAITS, 2),
                networker_level=int(rng.integers(0, 5)),
                openness=str(rng.choice(["open", "open", "open", "ask_first", "not_now"])),
                objectives=[f"objective {p}.{k}" for k in range(int(rng.integers(0, 2)))],
                needs=[f"need {p}.{k}" for k in range(int(rng.integers(0, 3)))],
                offers=[f"offer {p}.{k}" for k in range(int(rng.integers(0, 3)))],
                interests=pick(INTERESTS, 2),
                referral_sources=pick(SOURCES, 2),
                prospect_pool=pick(POOLS, 1),
            )
        )
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    acq = [pairs[k] for k in np.flatnonzero(rng.random(len(pairs)) < 0.2)]
    blocked = [pairs[k] for k in np.flatnonzero(rng.random(len(pairs)) < 0.05)]
    load = rng.choice([0.0, 0.0, 1.0, 2.5, 4.0], size=n)
    net = Network.from_records(people, acquaintances=acq, blocked=blocked, optin_load=load)
    matches = FacetMatches(
        random_matrix(rng, len(net.needs), len(net.offers)),
        random_matrix(rng, len(net.objectives), len(net.offers)),
    )
    return net, matches


def random_matrix(rng: np.random.Generator, rows: int, cols: int) -> sp.csr_matrix:
    dense = rng.random((rows, cols))
    dense[rng.random((rows, cols)) < 0.6] = 0.0
    return sp.csr_matrix(dense)


# ---- brute-force reference (loops over all pairs, written from the docstrings) ----------


def _need_match(net: Network, m: FacetMatches, w: Weights, a: int, b: int) -> float:
    offers = [k for k in range(len(net.offers)) if net.offers.owner[k] == b]
    dense = [(m.needs_offers.toarray(), net.needs, 1.0)]
    dense.append((m.objectives_offers.toarray(), net.objectives, w.objective_factor))
    values = []
    for matrix, items, factor in dense:
        for q in range(len(items)):
            if items.owner[q] != a:
                continue
            best = 0.0
            for o in offers:
                s = matrix[q, o]
                if s >= w.min_item_similarity:
                    best = max(best, s * factor)
            if best > 0:
                values.append(best)
    values.sort(reverse=True)
    m1 = values[0] if values else 0.0
    m2 = values[1] if len(values) > 1 else 0.0
    return m1 + w.second_match_weight * m2 * (1 - m1)


def _phrases(net: Network, kind: str, person: int) -> list[tuple[str, ...]]:
    items = net.facet(kind)
    return [normalise(items.texts[k]) for k in range(len(items)) if items.owner[k] == person]


def _covers_title(net: Network, kind: str, a: int, b: int) -> float:
    title = normalise(net.titles[b])
    return float(bool(title) and any(covers(p, title) for p in _phrases(net, kind, a)))


def _aa(net: Network, kind: str, a: int, b: int) -> float:
    sizes: dict[tuple[str, ...], set[int]] = {}
    for p in range(net.n):
        for ph in _phrases(net, kind, p):
            if ph:
                sizes.setdefault(ph, set()).add(p)
    shared = {ph for ph in _phrases(net, kind, a) if ph} & set(_phrases(net, kind, b))
    return sum(1.0 / math.log(1 + len(sizes[ph])) for ph in shared)


def _role(title: str, book: Playbook) -> int:
    t = normalise(title)
    for r, role in enumerate(book.roles):
        names = [role.role, *role.professions]
        if any(normalise(x) and covers(normalise(x), t) for x in names):
            return r
    return -1


def brute_force(
    net: Network, m: FacetMatches, w: Weights, playbooks: tuple[Playbook, ...]
) -> dict[tuple[int, int], float]:
    """Score of every allowed pair (i < j) with a positive score, by loops."""
    graph = nx.Graph()
    graph.add_nodes_from(range(net.n))
    coo = sp.triu(net.acquaintances).tocoo()
    graph.add_edges_from(zip(coo.row.tolist(), coo.col.tolist(), strict=True))
    sq = lambda x, tau: 1 - math.exp(-x / tau)  # noqa: E731
    out = {}
    for a in range(net.n):
        for b in range(a + 1, net.n):
            ben = []
            for x, y in ((a, b), (b, a)):
                need = _need_match(net, m, w, x, y)
                ref = _covers_title(net, "referral_sources", x, y)
                pro = _covers_title(net, "prospect_pool", x, y)
                ben.append(
                    1 - (1 - need) * (1 - w.referral_bonus * ref) * (1 - w.prospect_bonus * pro)
                )
            recip = 0.0 if sum(ben) == 0 else 2 * ben[0] * ben[1] / (ben[0] + ben[1])
            src = sq(_aa(net, "referral_sources", a, b), w.tau_sources)
            pools = sq(_aa(net, "prospect_pool", a, b), w.tau_pools)
            ints = sq(_aa(net, "interests", a, b), w.tau_interests)
            aa = sum(s for _u, _v, s in nx.adamic_adar_index(graph, [(a, b)]))
            acq = sq(aa, w.tau_acquaintances)
            events = 0
            for book in playbooks:
                ra, rb = _role(net.titles[a], book), _role(net.titles[b], book)
                events += ra >= 0 and rb >= 0 and ra != rb
            team = sq(events, w.tau_team)
            active = bool(
                net.networker_level[a] >= w.active_level
                and net.networker_level[b] >= w.active_level
            )
            others = any(v > 0 for v in (recip, src, pools, ints, acq, team))
            netw = 1.0 if active and others else 0.0
            base = (
                w.w_reciprocal * recip
                + w.w_shared_sources * src
                + w.w_shared_pools * pools
                + w.w_team * team
                + w.w_networkers * netw
                + w.w_interests * ints
                + w.w_acquaintances * acq
            )
            difficult = (DIFFICULT in net.temperament[a]) + (DIFFICULT in net.temperament[b])
            la, lb = net.optin_load[a], net.optin_load[b]
            score = base * w.difficult_factor**difficult
            score /= (1 + w.optin_load_slope * la) * (1 + w.optin_load_slope * lb)
            if not allowed(net, w, a, b) or score <= 0:
                continue
            out[(a, b)] = score
    return out


def allowed(net: Network, w: Weights, a: int, b: int) -> bool:
    """The guards, written out."""
    if net.acquaintances[a, b] or net.blocked[a, b]:
        return False
    if NOT_NOW in (net.openness[a], net.openness[b]):
        return False
    if max(net.optin_load[a], net.optin_load[b]) > w.max_optin_load:
        return False
    ta, tb = net.temperament[a], net.temperament[b]
    return not any((x in ta and y in tb) or (y in ta and x in tb) for x, y in w.clashes)
