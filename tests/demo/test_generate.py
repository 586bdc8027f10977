"""The demo generator: deterministic, well-formed, with planted truth that is knowable."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import time
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.demo import DemoNetwork, generate, truth_json
from netweave.demo.graph import MAX_DEGREE
from netweave.demo.history import CHANNELS, DIRECTIONS, GIVE_KINDS, HORIZON_DAYS, TIERS
from netweave.demo.planted import planted_counts
from netweave.demo.vocabulary import Vocabulary, load_vocabulary
from netweave.importers.records import PersonRecord

TODAY = dt.date(2025, 6, 1)
GUARDED = {"hard charger", "takes criticism poorly", "difficult to deal with"}


@pytest.fixture(scope="module")
def net() -> DemoNetwork:
    return generate(3000, seed=11, today=TODAY)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


def _by_email(network: DemoNetwork) -> dict[str, PersonRecord]:
    return {e.value: p for p in network.people for e in p.emails}


def _edge_set(network: DemoNetwork) -> set[tuple[int, int]]:
    return set(network.acquaintances)


def _fingerprint(network: DemoNetwork) -> str:
    return hashlib.sha256(repr(network).encode()).hexdigest()


def test_same_arguments_give_the_same_network() -> None:
    first, second = generate(400, 5, TODAY), generate(400, 5, TODAY)
    assert first == second
    assert _fingerprint(first) == _fingerprint(second)


def test_other_seed_or_day_gives_another_network() -> None:
    base = generate(200, 5, TODAY)
    assert generate(200, 6, TODAY) != base
    assert generate(200, 5, TODAY + dt.timedelta(days=1)).interactions != base.interactions


def test_determinism_does_not_depend_on_hash_randomisation() -> None:
    code = (
        "import datetime, hashlib, netweave.demo as d;"
        "n = d.generate(250, 9, datetime.date(2025, 6, 1));"
        "print(hashlib.sha256(repr(n).encode()).hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_emails_names_and_linkedin_urls_are_unique(net: DemoNetwork) -> None:
    emails = [e.value for p in net.people for e in p.emails]
    assert len(emails) == len(set(emails))
    assert all(e.isascii() and e == e.lower() and e.count("@") == 1 for e in emails)
    names = [p.full_name for p in net.people]
    assert len(names) == len(set(names))
    linkedin = [link.value for p in net.people for link in p.links if link.label == "linkedin"]
    assert len(linkedin) == len(set(linkedin))


def test_people_are_complete_and_plausible(net: DemoNetwork, vocab: Vocabulary) -> None:
    professions = {p.name: p for p in vocab.professions}
    traits = {t.trait for t in vocab.traits}
    for person in net.people:
        prof = professions[person.title or ""]
        assert person.given_name and person.family_name and person.location
        assert person.emails and person.tags[0] == prof.category
        assert 1 <= len(person.objectives) <= 3
        assert 1 <= len(person.needs) <= 3
        assert 2 <= len(person.offers) <= 4
        assert 2 <= len(person.interests) <= 4
        for items in (person.objectives, person.needs, person.offers, person.interests):
            assert len(items) == len(set(items))
        assert set(prof.referral_sources) <= set(person.referral_sources)
        assert person.prospect_pool == list(prof.prospect_pool)
        assert len(person.temperament) <= 2 and set(person.temperament) <= traits
        assert person.networker_level in (1, 2, 3, 4)
        assert person.openness in ("open", "ask_first", "not_now")
        assert person.tier in TIERS
        if person.met_on is not None:
            assert person.met_on < TODAY and person.how_met and person.where_met


def test_population_shares(net: DemoNetwork) -> None:
    n = len(net.people)
    share = Counter(t for p in net.people for t in p.temperament)
    assert 0.03 < share["hard charger"] / n < 0.07
    assert 0.02 < share["takes criticism poorly"] / n < 0.06
    assert 0.015 < share["difficult to deal with"] / n < 0.05
    openness = Counter(p.openness for p in net.people)
    assert openness["open"] > openness["ask_first"] > openness["not_now"] > 0.02 * n
    levels = Counter(p.networker_level for p in net.people)
    assert levels[4] < levels[3] < levels[2] and levels[4] < 0.1 * n
    tiers = Counter(p.tier for p in net.people)
    assert tiers["inner"] < tiers["active"] < tiers["network"]
    assert sum(any(link.label == "linkedin" for link in p.links) for p in net.people) > 0.75 * n
    websites = sum(any(link.label == "website" for link in p.links) for p in net.people)
    assert 0.1 * n < websites < 0.5 * n
    assert 0.2 * n < sum(bool(p.phones) for p in net.people) < 0.7 * n
    assert sum(p.how_met is not None for p in net.people) > 0.75 * n
    assert 0.05 * n < sum(p.organisation is None for p in net.people) < 0.4 * n
    assert sum(len(p.tags) > 1 for p in net.people) > 0.3 * n


def test_colleagues_share_their_organisation_domain(net: DemoNetwork) -> None:
    domains: dict[str, set[str]] = {}
    for p in net.people:
        if p.organisation and p.emails[0].label == "work":
            domains.setdefault(p.organisation, set()).add(p.emails[0].value.split("@")[1])
    assert all(len(d) == 1 for d in domains.values())
    assert max(Counter(p.organisation for p in net.people if p.organisation).values()) > 3


def test_acquaintances_are_a_community_graph(net: DemoNetwork) -> None:
    n = len(net.people)
    edges = net.acquaintances
    assert all(0 <= i < j < n for i, j in edges)
    assert len(set(edges)) == len(edges)
    degree = np.bincount(np.array(edges).ravel(), minlength=n)
    assert 6 <= degree.mean() <= 11
    assert degree.max() <= MAX_DEGREE
    same_city = sum(net.people[i].location == net.people[j].location for i, j in edges)
    assert same_city > 0.6 * len(edges)
    levels = np.array([p.networker_level for p in net.people])
    assert degree[levels == 4].mean() > 1.5 * degree[levels == 1].mean()


def test_interactions_are_recent_and_well_formed(net: DemoNetwork) -> None:
    people = _by_email(net)
    earliest = dt.date(1, 1, 1)
    first_seen: dict[str, dt.date] = {}
    assert len(net.interactions) > 1.5 * len(net.people)
    for x in net.interactions:
        assert TODAY - dt.timedelta(days=HORIZON_DAYS) <= x.occurred_on < TODAY
        assert x.occurred_on >= earliest
        earliest = x.occurred_on
        assert x.channel in CHANNELS and x.direction in DIRECTIONS
        assert (x.give_kind in GIVE_KINDS) if x.direction == "give" else x.give_kind is None
        assert x.minutes is not None and x.minutes > 0
        assert 1 <= len(x.people) <= 3 and len(set(x.people)) == len(x.people)
        assert all(e in people for e in x.people) and x.source is None
        for e in x.people:
            first_seen.setdefault(e, x.occurred_on)
    assert sum(len(x.people) > 1 for x in net.interactions) > 0.02 * len(net.interactions)
    for email, first in first_seen.items():
        met = people[email].met_on
        assert met is None or met <= first
    per_tier = Counter(people[x.people[0]].tier for x in net.interactions)
    tiers = Counter(p.tier for p in net.people)
    assert per_tier["inner"] / tiers["inner"] > 2 * per_tier["network"] / tiers["network"]


def _template_for(vocab: Vocabulary, a: PersonRecord, b: PersonRecord) -> tuple[str, str, str, str]:
    for t in vocab.pair_templates:
        if (t.a, t.b) != (a.title, b.title):
            continue
        for seg in t.segments:
            items = tuple(x.format(seg=seg) for x in (t.a_need, t.b_offer, t.b_need, t.a_offer))
            if items[0] in a.needs and items[1] in b.offers:
                return items[0], items[1], items[2], items[3]
    raise AssertionError(f"no template planted on {a.full_name} and {b.full_name}")


def test_planted_pairs_are_strangers_with_complementary_items(
    net: DemoNetwork, vocab: Vocabulary
) -> None:
    people, edges = _by_email(net), _edge_set(net)
    index = {p.emails[0].value: k for k, p in enumerate(net.people)}
    assert len(net.planted_pairs) == planted_counts(len(net.people))[0] == 120
    members = [e for pair in net.planted_pairs for e in (pair.a, pair.b)]
    assert len(members) == len(set(members))
    for pair in net.planted_pairs:
        a, b = people[pair.a], people[pair.b]
        i, j = sorted((index[pair.a], index[pair.b]))
        assert (i, j) not in edges
        a_need, b_offer, b_need, a_offer = _template_for(vocab, a, b)
        assert b_need in b.needs and a_offer in a.offers
        assert a_need != b_offer and b_need != a_offer
        assert set(a.referral_sources) & set(b.referral_sources)
        assert set(a.interests) & set(b.interests)
        assert a.location == b.location
        assert a.organisation is None or a.organisation != b.organisation
        for person in (a, b):
            assert person.openness == "open"
            assert not GUARDED & set(person.temperament)
            assert (person.networker_level or 0) >= 3
        assert a.full_name in pair.why and b_offer in pair.why and pair.why.endswith(".")


def test_planted_items_are_specific_to_their_pair(net: DemoNetwork) -> None:
    people = _by_email(net)
    offers = Counter(o for p in net.people for o in p.offers)
    for pair in net.planted_pairs:
        planted = people[pair.b].offers[0]
        holders = [p for p in net.people if planted in p.offers]
        assert offers[planted] == len(holders)
        assert all(
            p.location != people[pair.b].location for p in holders if p is not people[pair.b]
        )


def test_requests_have_a_single_clear_best_helper(net: DemoNetwork, vocab: Vocabulary) -> None:
    people = _by_email(net)
    offers = Counter(o for p in net.people for o in p.offers)
    assert len(net.requests) == planted_counts(len(net.people))[1] == 60
    specialties = {s.profession: s for s in vocab.specialties}
    for request in net.requests:
        helper, requester = people[request.best_helper], people[request.requester]
        assert helper is not requester
        assert helper.openness != "not_now" and not GUARDED & set(helper.temperament)
        specific = helper.offers[0]
        assert offers[specific] == 1
        assert specific not in request.text and specific.lower() not in request.text.lower()
        assert helper.title in specialties
        assert helper.location == requester.location
        assert (helper.location or "").split(",")[0] in request.text


def test_truth_json_round_trips(net: DemoNetwork) -> None:
    truth = truth_json(net)
    assert json.loads(json.dumps(truth)) == truth
    assert set(truth) == {"planted_pairs", "requests"}
    assert set(truth["planted_pairs"][0]) == {"a", "b", "why"}
    assert set(truth["requests"][0]) == {"text", "requester", "best_helper"}


@pytest.mark.parametrize(("n", "pairs", "requests"), [(0, 0, 0), (1, 0, 0), (2, 0, 1), (5, 1, 1)])
def test_tiny_networks(n: int, pairs: int, requests: int) -> None:
    network = generate(n, 1, TODAY)
    assert len(network.people) == n
    assert (len(network.planted_pairs), len(network.requests)) == (pairs, requests)


def test_small_network_still_has_planted_truth() -> None:
    network = generate(40, 2, TODAY)
    assert len(network.planted_pairs) >= 2 and len(network.requests) >= 3


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        generate(-1, 1, TODAY)


@settings(max_examples=15, deadline=None)
@given(n=st.integers(min_value=0, max_value=120), seed=st.integers(min_value=0, max_value=2**63))
def test_invariants_hold_for_any_size_and_seed(n: int, seed: int) -> None:
    network = generate(n, seed, TODAY)
    emails = [e.value for p in network.people for e in p.emails]
    assert len(emails) == len(set(emails))
    assert len({p.full_name for p in network.people}) == n
    assert all(0 <= i < j < n for i, j in network.acquaintances)
    assert len(set(network.acquaintances)) == len(network.acquaintances)
    edges = _edge_set(network)
    index = {p.emails[0].value: k for k, p in enumerate(network.people)}
    for pair in network.planted_pairs:
        assert tuple(sorted((index[pair.a], index[pair.b]))) not in edges
    known = set(emails)
    assert all(e in known for x in network.interactions for e in x.people)


def test_thirty_thousand_people_in_a_few_seconds() -> None:
    start = time.perf_counter()
    network = generate(30_000, 3, TODAY)
    elapsed = time.perf_counter() - start
    assert len(network.people) == 30_000
    assert len(network.planted_pairs) == 1200 and len(network.requests) == 600
    assert elapsed < 15, f"took {elapsed:.1f}s"
