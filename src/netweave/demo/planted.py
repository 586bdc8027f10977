"""Ground truth planted in the demo network: complementary pairs and requests with a best helper.

Planting happens before people are written out: it picks people, sets their profession and city
and records the specific items they must carry. Each planted item is unique per
(template, segment, city) or (specialty, variant, city) so that the truth is knowable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from netweave.demo.text import city_name
from netweave.demo.vocabulary import PairTemplate, Specialty, Vocabulary

IntArray = npt.NDArray[np.int64]
_CITY_TRIES = 40


@dataclass
class PlannedPair:
    """A planted pair before names exist: who, which template and niche, the shared source."""

    a: int
    b: int
    template: PairTemplate
    segment: str
    shared_source: str


@dataclass
class PlannedRequest:
    """A planted request: who asks, who answers best, and the text of the ask."""

    requester: int
    helper: int
    text: str


@dataclass
class Plan:
    """Everything planting decided, keyed by person index."""

    pairs: list[PlannedPair] = field(default_factory=list)
    requests: list[PlannedRequest] = field(default_factory=list)
    offers: dict[int, str] = field(default_factory=dict)
    needs: dict[int, str] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)
    interests: dict[int, int] = field(default_factory=dict)

    def pair_array(self) -> IntArray:
        """The planted pairs as a (k, 2) array of person indexes."""
        return np.array([(p.a, p.b) for p in self.pairs], dtype=np.int64).reshape(-1, 2)

    def guarded(self) -> IntArray:
        """Everyone whose temperament and openness planting must keep clear."""
        people = [x for p in self.pairs for x in (p.a, p.b)] + [r.helper for r in self.requests]
        return np.array(people, dtype=np.int64)


def planted_counts(n: int) -> tuple[int, int]:
    """How many pairs (about 1 per 25, at least 2) and requests (1 per 50, at least 3) fit."""
    pairs = min(max(2, round(n / 25)), max(n, 0) // 4)
    requests = min(max(3, round(n / 50)), max(n - 2 * pairs, 0) // 2)
    return pairs, requests


class _Planter:
    """Stateful helper that assigns planted roles to a shuffled queue of people."""

    def __init__(
        self,
        vocab: Vocabulary,
        profession: IntArray,
        city: IntArray,
        city_weights: npt.NDArray[np.float64],
        rng: random.Random,
    ) -> None:
        """Keep references to the arrays that planting overwrites."""
        self.vocab = vocab
        self.index = vocab.profession_index()
        self.profession = profession
        self.city = city
        self.cum_weights = np.cumsum(city_weights).tolist()
        self.cities = list(range(len(vocab.cities)))
        self.rng = rng
        self.used: set[tuple[int, int, int, int]] = set()

    def free_city(self, kind: int, item: int, variant: int, preferred: int) -> int | None:
        """A city where (kind, item, variant) is not planted yet, preferring `preferred`."""
        city = preferred
        for attempt in range(_CITY_TRIES):
            if (kind, item, variant, city) not in self.used:
                self.used.add((kind, item, variant, city))
                return city
            if attempt < _CITY_TRIES // 4:
                city = self.rng.choices(self.cities, cum_weights=self.cum_weights)[0]
            else:
                city = self.rng.randrange(len(self.cities))
        return None

    def pair(self, t: int, s: int, a: int, b: int, plan: Plan) -> bool:
        """Plant template `t` with segment `s` on people a and b; False if no city is free."""
        template = self.vocab.pair_templates[t]
        city = self.free_city(0, t, s, int(self.city[a]))
        if city is None:
            return False
        segment = template.segments[s]
        self.profession[a] = self.index[template.a]
        self.profession[b] = self.index[template.b]
        self.city[a] = self.city[b] = city
        plan.needs[a] = template.a_need.format(seg=segment)
        plan.offers[a] = template.a_offer.format(seg=segment)
        plan.needs[b] = template.b_need.format(seg=segment)
        plan.offers[b] = template.b_offer.format(seg=segment)
        source = self.rng.choice(self.vocab.professions[self.index[template.a]].referral_sources)
        plan.sources[a] = plan.sources[b] = source
        plan.interests[a] = plan.interests[b] = self.rng.randrange(len(self.vocab.interests))
        plan.pairs.append(PlannedPair(a, b, template, segment, source))
        return True

    def request(self, k: int, v: int, helper: int, requester: int, plan: Plan) -> bool:
        """Plant specialty `k`, variant `v` on a helper and a requester in the same city."""
        specialty: Specialty = self.vocab.specialties[k]
        city = self.free_city(1, k, v, int(self.city[helper]))
        if city is None:
            return False
        variant = specialty.variants[v]
        self.profession[helper] = self.index[specialty.profession]
        if specialty.askers:
            self.profession[requester] = self.index[self.rng.choice(specialty.askers)]
        self.city[helper] = self.city[requester] = city
        plan.offers[helper] = specialty.offer.format(v=variant)
        text = specialty.ask.format(v=variant, city=city_name(self.vocab.cities[city]))
        plan.requests.append(PlannedRequest(requester, helper, text))
        return True


def _combos(sizes: list[int], rng: random.Random) -> list[tuple[int, int]]:
    """Every (item, variant) combination, shuffled."""
    combos = [(item, variant) for item, size in enumerate(sizes) for variant in range(size)]
    rng.shuffle(combos)
    return combos


def plant(
    vocab: Vocabulary,
    profession: IntArray,
    city: IntArray,
    city_weights: npt.NDArray[np.float64],
    rng: random.Random,
    np_rng: np.random.Generator,
) -> Plan:
    """Choose planted pairs and requests, overwriting the chosen people's profession and city."""
    n = profession.size
    n_pairs, n_requests = planted_counts(n)
    chosen = np_rng.choice(n, size=2 * n_pairs + 2 * n_requests, replace=False).tolist()
    planter = _Planter(vocab, profession, city, city_weights, rng)
    plan = Plan()
    pair_combos = _combos([len(t.segments) for t in vocab.pair_templates], rng)
    for k in range(n_pairs):
        t, s = pair_combos[k % len(pair_combos)]
        planter.pair(t, s, chosen[2 * k], chosen[2 * k + 1], plan)
    rest = chosen[2 * n_pairs :]
    request_combos = _combos([len(s.variants) for s in vocab.specialties], rng)
    for k in range(n_requests):
        spec, v = request_combos[k % len(request_combos)]
        planter.request(spec, v, rest[2 * k], rest[2 * k + 1], plan)
    return plan
