"""Deterministic demo network: people, acquaintances, interaction history and planted truth.

`generate(people, seed, today)` depends only on its arguments (its own `random.Random` and numpy
generator, never global state). Work is O(N): population traits are drawn as numpy arrays,
communities and edges are vectorised, and one pass builds the records.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from netweave.collector import collector_paused
from netweave.demo import graph, history, planted
from netweave.demo.text import city_name, short_code, slug, unique_email, unique_full_name
from netweave.demo.vocabulary import Profession, Vocabulary, load_vocabulary
from netweave.importers.records import InteractionRecord, Labelled, PersonRecord

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

LEVEL_P = (0.35, 0.40, 0.18, 0.07)  # networker level 1..4: few connectors
OPENNESS = ("open", "ask_first", "not_now")
OPENNESS_P = (0.75, 0.20, 0.05)
TIER_P = (0.03, 0.17, 0.55, 0.25)  # inner, active, network, dormant
CADENCE_DAYS = (14, 30, 90, None)
SELF_EMPLOYED = {"coaching": 0.45, "creative": 0.40, "wellness": 0.35, "personal-services": 0.25}
SELF_EMPLOYED_DEFAULT = 0.12
CITY_ZIPF = 1.0
MAX_TRAITS = 2


@dataclass
class PlantedPair:
    a: str  # email of person A
    b: str  # email of person B
    why: str  # one sentence: the complementary items planted


@dataclass
class DemoRequest:
    text: str  # a specific request, worded differently from the helper's offer
    requester: str  # email
    best_helper: str  # email of the person whose offer answers it best


@dataclass
class DemoNetwork:
    people: list[PersonRecord]
    acquaintances: list[tuple[int, int]]  # index pairs into people, i < j, no duplicates
    interactions: list[InteractionRecord]  # `people` field holds emails
    planted_pairs: list[PlantedPair]
    requests: list[DemoRequest]


@dataclass
class _Population:
    """Per-person attributes drawn as arrays before any record exists."""

    profession: IntArray
    city: IntArray
    given: IntArray
    family: IntArray
    level: IntArray
    openness: IntArray
    tier: IntArray
    trait1: IntArray
    trait2: IntArray


@dataclass
class _Orgs:
    """Organisation of each person (-1: self-employed) and each organisation's name and domain."""

    of: IntArray
    names: list[str]
    domains: list[str]


@dataclass
class _Groups:
    """Group community ids and group kinds (indexes into vocabulary groups), -1 where none."""

    community1: IntArray
    community2: IntArray
    kind1: IntArray
    kind2: IntArray


def city_weights(count: int) -> FloatArray:
    """Zipf-like weights over the cities, most common first."""
    weights = 1.0 / np.arange(1, count + 1, dtype=np.float64) ** CITY_ZIPF
    return np.asarray(weights / weights.sum(), dtype=np.float64)


def _choice(rng: np.random.Generator, p: tuple[float, ...], n: int) -> IntArray:
    """n draws of category indexes with probabilities p."""
    return rng.choice(len(p), size=n, p=np.asarray(p)).astype(np.int64)


def _traits(vocab: Vocabulary, n: int, rng: np.random.Generator) -> tuple[IntArray, IntArray]:
    """Up to two trait indexes per person (guard traits kept first), -1 where none."""
    order = sorted(range(len(vocab.traits)), key=lambda t: not vocab.traits[t].guard)
    shares = np.array([vocab.traits[t].share for t in order])
    has = rng.random((n, len(order))) < shares
    has &= np.cumsum(has, axis=1) <= MAX_TRAITS
    columns = np.array(order, dtype=np.int64)
    first = np.where(has.any(axis=1), columns[np.argmax(has, axis=1)], -1)
    rest = has.copy()
    rest[np.arange(n), np.argmax(has, axis=1)] = False
    second = np.where(rest.any(axis=1), columns[np.argmax(rest, axis=1)], -1)
    return first.astype(np.int64), second.astype(np.int64)


def _population(vocab: Vocabulary, n: int, rng: np.random.Generator) -> _Population:
    """Draw professions, places, names, levels, openness, tiers and temperaments."""
    trait1, trait2 = _traits(vocab, n, rng)
    return _Population(
        profession=rng.integers(0, len(vocab.professions), size=n, dtype=np.int64),
        city=rng.choice(len(vocab.cities), size=n, p=city_weights(len(vocab.cities))).astype(
            np.int64
        ),
        given=rng.integers(0, len(vocab.given_names), size=n, dtype=np.int64),
        family=rng.integers(0, len(vocab.family_names), size=n, dtype=np.int64),
        level=_choice(rng, LEVEL_P, n) + 1,
        openness=_choice(rng, OPENNESS_P, n),
        tier=_choice(rng, TIER_P, n),
        trait1=trait1,
        trait2=trait2,
    )


def _clear_for_planting(vocab: Vocabulary, pop: _Population, plan: planted.Plan) -> None:
    """Make planted people open, without guarded traits; pair members active networkers."""
    guarded = plan.guarded()
    guard = np.array([t.guard for t in vocab.traits] + [False])  # index -1 maps to False
    for column in (pop.trait1, pop.trait2):
        column[guarded[guard[column[guarded]]]] = -1
    pop.openness[guarded] = 0
    pairs = plan.pair_array().ravel()
    pop.level[pairs] = np.maximum(pop.level[pairs], 3)


def _org_name(
    vocab: Vocabulary, category: str, city: int, used: set[str], rng: random.Random
) -> str:
    """A unique organisation name from the category's patterns."""
    place = city_name(vocab.cities[city])
    for _ in range(4):
        name = rng.choice(vocab.org_patterns[category]).format(
            family=rng.choice(vocab.family_names),
            family2=rng.choice(vocab.family_names),
            word=rng.choice(vocab.org_words),
            city=place,
        )
        if name not in used:
            break
    if name in used and place not in name:
        name = f"{name} {place}"
    base, number = name, 2
    while name in used:
        name, number = f"{base} {number}", number + 1
    used.add(name)
    return name


def _org_domain(name: str, used: set[str], rng: random.Random, tlds: tuple[str, ...]) -> str:
    """A unique ASCII domain for an organisation name."""
    stem, tld = (name[:-3], "io") if name.endswith(".io") else (name, rng.choice(tlds))
    base = slug(stem)[:28] or "org"
    domain, number = f"{base}.{tld}", 2
    while domain in used:
        domain, number = f"{base}{number}.{tld}", number + 1
    used.add(domain)
    return domain


def _orgs(
    vocab: Vocabulary, pop: _Population, rng: np.random.Generator, py: random.Random
) -> _Orgs:
    """Group people of one category and city into organisations; some are self-employed."""
    categories = sorted({p.category for p in vocab.professions})
    cat_of_prof = np.array([categories.index(p.category) for p in vocab.professions])
    category = cat_of_prof[pop.profession]
    share = np.array([SELF_EMPLOYED.get(c, SELF_EMPLOYED_DEFAULT) for c in categories])
    n_cities = len(vocab.cities)
    key = category * n_cities + pop.city
    employed = np.flatnonzero(rng.random(pop.profession.size) >= share[category])
    members = employed[np.argsort(key[employed], kind="stable")]
    keys = key[members]
    new_org_chance = rng.uniform(0.08, 0.5, size=len(categories) * n_cities)
    starts = rng.random(members.size) < new_org_chance[keys]
    if members.size:
        starts[0] = True
        starts[1:] |= keys[1:] != keys[:-1]
    org = np.full(pop.profession.size, -1, dtype=np.int64)
    org[members] = np.cumsum(starts) - 1
    used_names: set[str] = set()
    used_domains: set[str] = set()
    names: list[str] = []
    domains: list[str] = []
    for first in members[starts].tolist():
        name = _org_name(
            vocab, categories[int(category[first])], int(pop.city[first]), used_names, py
        )
        names.append(name)
        domains.append(_org_domain(name, used_domains, py, vocab.org_tlds))
    return _Orgs(org, names, domains)


def _separate_planted(orgs: _Orgs, plan: planted.Plan) -> None:
    """Planted pairs are strangers, so they must not be colleagues: B goes self-employed."""
    for pair in plan.pairs:
        if orgs.of[pair.a] >= 0 and orgs.of[pair.a] == orgs.of[pair.b]:
            orgs.of[pair.b] = -1


def _groups(vocab: Vocabulary, city: IntArray, rng: np.random.Generator) -> _Groups:
    """Up to two networking groups per person, split into local chapters of typical size."""
    n, kinds, n_cities = city.size, len(vocab.groups), len(vocab.cities)
    member = rng.random((n, kinds)) < np.array([g.share for g in vocab.groups])
    member &= np.cumsum(member, axis=1) <= 2
    person, kind = np.nonzero(member)
    local = kind * n_cities + city[person]
    count = np.bincount(local, minlength=kinds * n_cities)
    size = np.array([g.size for g in vocab.groups])[kind]
    chapters = np.maximum(1, np.ceil(count[local] / size)).astype(np.int64)
    chapter = np.floor(rng.random(person.size) * chapters).astype(np.int64)
    community, _ = graph.dense_ids(local * (int(chapters.max(initial=1)) + 1) + chapter)
    out = [np.full(n, -1, dtype=np.int64) for _ in range(4)]
    first = np.ones(person.size, dtype=np.bool_)
    first[1:] = person[1:] != person[:-1]
    for slot, mask in ((0, first), (1, ~first)):
        out[slot][person[mask]] = community[mask]
        out[slot + 2][person[mask]] = kind[mask]
    return _Groups(*out)


def _picks(lengths: IntArray, width: int, rng: np.random.Generator) -> list[list[int]]:
    """A random order of each person's item indexes (row i holds 0..lengths[i]-1 shuffled)."""
    keys = rng.random((lengths.size, width))
    keys[np.arange(width)[None, :] >= lengths[:, None]] = 2.0
    order = np.argsort(keys, axis=1)
    return [row[:length] for row, length in zip(order.tolist(), lengths.tolist(), strict=True)]


def _take(items: tuple[str, ...], order: list[int], k: int, first: str | None) -> list[str]:
    """The first k items in the drawn order, led by the planted item `first` when given."""
    if first is None:
        return [items[j] for j in order[:k]]
    return [first, *(items[j] for j in order[: k - 1])]


def _interests(vocab: Vocabulary, row: list[int], k: int, forced: int | None) -> list[str]:
    """k distinct interests from the drawn row, including the forced one when planting asked."""
    picked = list(dict.fromkeys(row))[:k]
    if forced is not None and forced not in picked:
        picked[0] = forced
    return [vocab.interests[i] for i in picked]


@dataclass
class _Draws:
    """Per-person random switches, drawn as arrays and turned into lists for the record loop."""

    k_objectives: list[int]
    k_needs: list[int]
    k_offers: list[int]
    k_interests: list[int]
    objectives: list[list[int]]
    needs: list[list[int]]
    offers: list[list[int]]
    interests: list[list[int]]
    phone: list[bool]
    phone_mid: list[int]
    phone_end: list[int]
    linkedin: list[bool]
    website: list[bool]
    webmail: list[bool]
    webmail_domain: list[int]
    second_email: list[bool]
    email_style: list[int]
    met: list[bool]
    how_met: list[int]
    met_days: list[int]


def _lengths(vocab: Vocabulary, profession: IntArray, field: str) -> IntArray:
    """How many items of `field` each person's profession has."""
    sizes = np.array([len(getattr(p, field)) for p in vocab.professions], dtype=np.int64)
    return np.asarray(sizes[profession], dtype=np.int64)


def _draws(
    vocab: Vocabulary, profession: IntArray, earliest: IntArray, rng: np.random.Generator
) -> _Draws:
    """Draw every per-person switch the record loop needs."""
    n = profession.size
    base = np.maximum(earliest, 0) + 1

    def order(field: str) -> list[list[int]]:
        """Shuffled item indexes of one profession field, per person."""
        lengths = _lengths(vocab, profession, field)
        return _picks(lengths, int(lengths.max(initial=1)), rng)

    return _Draws(
        k_objectives=rng.integers(1, 4, size=n).tolist(),
        k_needs=rng.integers(1, 4, size=n).tolist(),
        k_offers=rng.integers(2, 5, size=n).tolist(),
        k_interests=rng.integers(2, 5, size=n).tolist(),
        objectives=order("objectives"),
        needs=order("needs"),
        offers=order("offers"),
        interests=rng.integers(0, len(vocab.interests), size=(n, 6)).tolist(),
        phone=(rng.random(n) < 0.45).tolist(),
        phone_mid=rng.integers(200, 1000, size=n).tolist(),
        phone_end=rng.integers(0, 10000, size=n).tolist(),
        linkedin=(rng.random(n) < 0.85).tolist(),
        website=(rng.random(n) < 0.30).tolist(),
        webmail=(rng.random(n) < 0.10).tolist(),
        webmail_domain=rng.integers(0, len(vocab.webmail_domains), size=n).tolist(),
        second_email=(rng.random(n) < 0.08).tolist(),
        email_style=rng.integers(0, 3, size=n).tolist(),
        met=(rng.random(n) < 0.88).tolist(),
        how_met=rng.integers(0, len(vocab.how_met), size=n).tolist(),
        met_days=(base + rng.integers(0, 2500, size=n)).tolist(),
    )


class _Builder:
    """Builds one PersonRecord at a time from the drawn arrays and the planting plan."""

    def __init__(
        self,
        vocab: Vocabulary,
        pop: _Population,
        orgs: _Orgs,
        groups: _Groups,
        plan: planted.Plan,
        draws: _Draws,
        today: dt.date,
        rng: random.Random,
    ) -> None:
        """Keep the inputs and precompute slugs and per-person lists."""
        self.vocab, self.orgs, self.plan, self.draws, self.today, self.rng = (
            vocab,
            orgs,
            plan,
            draws,
            today,
            rng,
        )
        self.given_slugs = [slug(g) or "contact" for g in vocab.given_names]
        self.family_slugs = [slug(f) or "person" for f in vocab.family_names]
        self.cols = {
            name: getattr(pop, name).tolist()
            for name in ("profession", "city", "given", "family", "level", "openness", "tier")
        }
        self.traits = list(zip(pop.trait1.tolist(), pop.trait2.tolist(), strict=True))
        self.org_of = orgs.of.tolist()
        self.group_kinds = list(zip(groups.kind1.tolist(), groups.kind2.tolist(), strict=True))
        self.used_names: set[str] = set()
        self.used_emails: dict[str, int] = {}
        self.places: dict[tuple[int, str, int], str] = {}  # shared where_met strings
        self.days: dict[int, dt.date] = {}  # shared met_on dates

    def _emails(self, i: int, g: str, f: str, domain: str | None) -> list[Labelled]:
        """Primary (work or personal) address, sometimes with a second personal one."""
        d = self.draws
        style = d.email_style[i]
        webmail = self.vocab.webmail_domains[d.webmail_domain[i]]
        if domain is None or d.webmail[i]:
            local = f"{g}.{f}" if style else f"{g}{f}"
            emails = [Labelled(unique_email(local, webmail, self.used_emails), "personal")]
        else:
            local = (f"{g}.{f}", f"{g[0]}{f}", f"{g}")[style]
            emails = [Labelled(unique_email(local, domain, self.used_emails), "work")]
            if d.second_email[i]:
                extra = unique_email(f"{g}.{f}", webmail, self.used_emails)
                emails.append(Labelled(extra, "personal"))
        return emails

    def _links(self, i: int, g: str, f: str, domain: str | None) -> list[Labelled]:
        """LinkedIn for most, a website for some."""
        links = []
        if self.draws.linkedin[i]:
            url = f"https://www.linkedin.com/in/{g}-{f}-{short_code(i + 1)}"
            links.append(Labelled(url, "linkedin"))
        if self.draws.website[i]:
            links.append(Labelled(f"https://www.{domain or f'{g}{f}.com'}", "website"))
        return links

    def _met(
        self, i: int, location: str, kind: tuple[int, int]
    ) -> tuple[str | None, str | None, dt.date | None]:
        """How, where and when the connector met person i (None for a few)."""
        if not self.draws.met[i]:
            return None, None, None
        how = self.vocab.how_met[self.draws.how_met[i]]
        key = (self.draws.how_met[i], location, kind[0])
        where = self.places.get(key)
        if where is None:
            group = self.vocab.groups[kind[0]].label if kind[0] >= 0 else "networking group"
            where = self.places[key] = how.where.format(city=city_name(location), group=group)
        days = self.draws.met_days[i]
        met_on = self.days.get(days)
        if met_on is None:
            met_on = self.days[days] = self.today - dt.timedelta(days=days)
        return how.how, where, met_on

    def _tags(self, profession: Profession, kind: tuple[int, int]) -> list[str]:
        """Profession category plus group tags."""
        return [profession.category, *(self.vocab.groups[k].tag for k in kind if k >= 0)]

    def person(self, i: int) -> PersonRecord:
        """The record of person i."""
        c, d, v, plan = self.cols, self.draws, self.vocab, self.plan
        prof = v.professions[c["profession"][i]]
        given, family = v.given_names[c["given"][i]], v.family_names[c["family"][i]]
        g, f = self.given_slugs[c["given"][i]], self.family_slugs[c["family"][i]]
        org = self.org_of[i]
        domain = self.orgs.domains[org] if org >= 0 else None
        location = v.cities[c["city"][i]]
        kind = self.group_kinds[i]
        how, where, met_on = self._met(i, location, kind)
        sources = list(prof.referral_sources)
        if i in plan.sources and plan.sources[i] not in sources:
            sources.append(plan.sources[i])
        phones = []
        if d.phone[i]:
            number = f"+1-555-{d.phone_mid[i]}-{d.phone_end[i]:04d}"
            phones.append(Labelled(number, "mobile" if d.phone_end[i] % 3 else "work"))
        tier = c["tier"][i]
        return PersonRecord(
            full_name=unique_full_name(given, family, self.used_names, self.rng),
            given_name=given,
            family_name=family,
            emails=self._emails(i, g, f, domain),
            phones=phones,
            links=self._links(i, g, f, domain),
            organisation=self.orgs.names[org] if org >= 0 else None,
            title=prof.name,
            location=location,
            how_met=how,
            where_met=where,
            met_on=met_on,
            tags=self._tags(prof, kind),
            temperament=[v.traits[t].trait for t in self.traits[i] if t >= 0],
            networker_level=c["level"][i],
            openness=OPENNESS[c["openness"][i]],
            tier=history.TIERS[tier],
            cadence_days=CADENCE_DAYS[tier],
            objectives=_take(prof.objectives, d.objectives[i], d.k_objectives[i], None),
            needs=_take(prof.needs, d.needs[i], d.k_needs[i], plan.needs.get(i)),
            offers=_take(prof.offers, d.offers[i], d.k_offers[i], plan.offers.get(i)),
            interests=_interests(v, d.interests[i], d.k_interests[i], plan.interests.get(i)),
            referral_sources=sources,
            prospect_pool=list(prof.prospect_pool),
        )


def _why(pair: planted.PlannedPair, a: PersonRecord, b: PersonRecord) -> str:
    """One sentence naming the complementary items planted on a pair."""
    t, seg = pair.template, pair.segment
    return (
        f"{a.full_name} ({a.title}) needs {t.a_need.format(seg=seg)}, which "
        f"{b.full_name} ({b.title}) offers as {t.b_offer.format(seg=seg)}; in return "
        f"{b.given_name} needs {t.b_need.format(seg=seg)}, which {a.given_name} offers as "
        f"{t.a_offer.format(seg=seg)}; both get referrals from {pair.shared_source}."
    )


def generate(people: int, seed: int, today: dt.date) -> DemoNetwork:
    """Generate a demo network of `people` contacts, identical for identical arguments."""
    if people < 0:
        raise ValueError("people must be zero or more")
    with collector_paused():
        return _generate(people, seed, today)


def _generate(people: int, seed: int, today: dt.date) -> DemoNetwork:
    """Build the network; see `generate`."""
    vocab = load_vocabulary()
    rng = np.random.default_rng(seed)
    py = random.Random(seed)
    pop = _population(vocab, people, rng)
    weights = city_weights(len(vocab.cities))
    plan = planted.plant(vocab, pop.profession, pop.city, weights, py, rng)
    _clear_for_planting(vocab, pop, plan)
    orgs = _orgs(vocab, pop, rng, py)
    _separate_planted(orgs, plan)
    groups = _groups(vocab, pop.city, rng)
    comm = graph.Communities(orgs.of, groups.community1, groups.community2, pop.city)
    i, j = graph.acquaintances(comm, pop.level, rng)
    i, j = graph.drop_edges(i, j, plan.pair_array(), people)
    indptr, indices = graph.adjacency(i, j, people)
    drawn = history.draw_history(pop.tier, indptr, indices, rng)
    draws = _draws(vocab, pop.profession, drawn.earliest(people), rng)
    builder = _Builder(vocab, pop, orgs, groups, plan, draws, today, py)
    records = [builder.person(k) for k in range(people)]
    del builder, draws  # release the per-person draw lists before the history is built
    email = [r.emails[0].value for r in records]
    return DemoNetwork(
        people=records,
        acquaintances=list(zip(i.tolist(), j.tolist(), strict=True)),
        interactions=history.interactions(drawn, records, vocab.notes, today, rng),
        planted_pairs=[
            PlantedPair(email[p.a], email[p.b], _why(p, records[p.a], records[p.b]))
            for p in plan.pairs
        ],
        requests=[DemoRequest(r.text, email[r.requester], email[r.helper]) for r in plan.requests],
    )


def truth_json(network: DemoNetwork) -> dict[str, Any]:
    """The planted ground truth as JSON-serialisable data."""
    return {
        "planted_pairs": [asdict(p) for p in network.planted_pairs],
        "requests": [asdict(r) for r in network.requests],
    }
