"""Behaviour of pair suggestions on small hand-made networks."""

from __future__ import annotations

import math
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from pair_fixtures import PLAYBOOKS, Person, random_case

from netweave.engine.candidates import all_pairs, for_person, top_k_per_person, top_pairs
from netweave.engine.explain import explain, explain_pair
from netweave.engine.network import FacetMatches, Network
from netweave.engine.reasons import reasons, with_article
from netweave.engine.scoring import PairScorer
from netweave.engine.weights import Weights


def divorce_network() -> tuple[Network, FacetMatches]:
    people = [
        Person(
            "Dana",
            title="Family-law attorney",
            needs=["referrals from CPAs"],
            offers=["family-law advice for divorcing clients"],
            referral_sources=["therapists"],
        ),
        Person(
            "Lee",
            title="CPA",
            needs=["a family-law attorney for clients who are divorcing"],
            offers=["tax planning for divorcing couples"],
            referral_sources=["therapists", "divorce attorneys"],
        ),
        Person("Sam", title="Divorce mediator", temperament=["difficult to deal with"]),
        Person("Kim", title="Realtor", temperament=["hard charger"]),
        Person("Pat", title="Psychotherapist", temperament=["Hard-charger"]),
        Person("Ann", title="Graphic designer"),
    ]
    net = Network.from_records(people, acquaintances=[(2, 5)])
    # needs: Dana's, Lee's; offers: Dana's, Lee's
    no = sp.csr_matrix(np.array([[0.0, 0.7], [0.85, 0.0]]))
    return net, FacetMatches(no, sp.csr_matrix((0, 2)))


def test_divorce_team_pairs_complementary_professionals() -> None:
    net, matches = divorce_network()
    scorer = PairScorer(net, matches, playbooks=PLAYBOOKS)
    best = top_pairs(scorer, 10)
    assert (best[0].i, best[0].j) == (0, 1)  # both gain and both serve divorces
    pairs = {(s.i, s.j) for s in best}
    assert (3, 4) not in pairs  # two hard chargers
    # the graphic designer is on no divorce team, only on the new-business one with the CPA
    assert {p for p in pairs if 5 in p} == {(1, 5)}
    team_pairs = {
        p
        for p in pairs
        if scorer.score_pairs(np.array([p[0]]), np.array([p[1]])).terms["team"][0] > 0
    }
    assert {(0, 2), (0, 3), (1, 2), (2, 3)} <= team_pairs
    ex = explain(scorer, 0, 1)
    assert ex.team_events[0].key == "divorce"
    assert (ex.team_events[0].role_a, ex.team_events[0].role_b) == (
        "family-law attorney",
        "accountant",
    )


def test_reasons_name_real_items_and_nothing_else() -> None:
    net, matches = divorce_network()
    scorer = PairScorer(net, matches, playbooks=PLAYBOOKS)
    r = reasons(explain(scorer, 0, 1), net)
    assert (
        r.for_i[0]
        == "Dana needs referrals from CPAs; Lee offers tax planning for divorcing couples."
    )
    assert r.for_j[0] == (
        "Lee needs a family-law attorney for clients who are divorcing; "
        "Dana offers family-law advice for divorcing clients."
    )
    text = " ".join(r.for_i + r.for_j + r.notes)
    assert "You both get referrals from therapists." in text
    assert (
        "Lee gets referrals from divorce attorneys" not in text
    )  # "divorce" is not in Dana's title
    for absent in ("interest", "know", "networker", "clients include", "difficult"):
        assert absent not in text
    assert len(r.for_i) <= 3 and len(r.for_j) <= 3
    # a difficult person is named, in a note
    r2 = reasons(explain(scorer, 0, 2), net)
    assert r2.notes == ["Note: Sam can be difficult to deal with."]
    assert scorer.score_pairs(np.array([0]), np.array([2])).terms["difficult_multiplier"][0] == 0.6


def test_weak_item_matches_are_hedged_or_left_out() -> None:
    net, _ = divorce_network()
    weak = FacetMatches(sp.csr_matrix(np.array([[0.0, 0.3], [0.16, 0.0]])), sp.csr_matrix((0, 2)))
    r = reasons(explain_pair(net, weak, 0, 1, playbooks=PLAYBOOKS), net)
    assert r.for_i[0] == (
        "Lee's offer (tax planning for divorcing couples) is loosely related to Dana's need "
        "(referrals from CPAs)."
    )
    assert not any("family-law attorney for clients" in s for s in r.for_j)  # 0.16 < 0.2


def test_referral_source_and_prospect_bonus_match_titles() -> None:
    people = [
        Person(
            "Ada",
            title="Divorce attorney",
            referral_sources=["CPAs"],
            prospect_pool=["bookkeepers"],
        ),
        Person("Bo", title="Accountant"),
        Person("Cy", title="Bookkeeper"),
        Person("Di", title="Attorney"),
    ]
    net = Network.from_records(people)
    scorer = PairScorer(net)
    t = scorer.score_pairs(np.array([0, 0, 0, 3]), np.array([1, 2, 3, 0])).terms
    assert t["referral_ab"].tolist() == [1.0, 0.0, 0.0, 0.0]  # a CPA is an accountant
    assert t["prospect_ab"].tolist() == [0.0, 1.0, 0.0, 0.0]
    r = reasons(explain(scorer, 0, 1), net)
    assert r.for_i == ["Ada gets referrals from CPAs; Bo is an accountant."]
    assert r.for_j == []  # Bo gains nothing and they share nothing: nothing is invented
    assert for_person(scorer, 0) == []  # one-sided benefit alone is vetoed


def test_rare_shared_sources_count_more_than_common_ones() -> None:
    people = [Person(f"P{k}", referral_sources=["bankers"]) for k in range(6)]
    people += [Person("R1", referral_sources=["divorce attorneys"])]
    people += [Person("R2", referral_sources=["divorce attorneys"])]
    net = Network.from_records(people)
    t = PairScorer(net).score_pairs(np.array([0, 6]), np.array([1, 7])).terms
    common, rare = t["shared_sources"]
    assert rare > common > 0
    assert rare == pytest.approx(1 - math.exp(-1 / math.log(3)))
    assert common == pytest.approx(1 - math.exp(-1 / math.log(7)))


def test_common_acquaintances_match_networkx_adamic_adar() -> None:
    g = nx.gnm_random_graph(40, 120, seed=3)
    people = [Person(f"P{k}") for k in range(40)]
    net = Network.from_records(people, acquaintances=list(g.edges()))
    scorer = PairScorer(net)
    pairs = list(nx.non_edges(g))
    rows = np.array([p[0] for p in pairs])
    cols = np.array([p[1] for p in pairs])
    got = scorer.synergy.terms(rows, cols)["acquaintances"]
    expected = [1 - math.exp(-s / 2.0) for _u, _v, s in nx.adamic_adar_index(g, pairs)]
    np.testing.assert_allclose(got, expected, atol=1e-12)


def test_interests_only_network_still_yields_suggestions() -> None:
    people = [
        Person("A", interests=["cycling", "jazz"]),
        Person("B", interests=["Cycling"]),
        Person("C", interests=["jazz"]),
        Person("D", interests=["chess"]),
    ]
    net = Network.from_records(people, acquaintances=[(0, 3), (2, 3)])
    scorer = PairScorer(net)
    pairs = [(s.i, s.j) for s in top_pairs(scorer, 10)]
    assert pairs == [(0, 2), (0, 1)]  # jazz and a common acquaintance beat cycling alone
    r = reasons(explain(scorer, 0, 2), net)
    assert "You share an interest in jazz." in r.for_i
    assert "You both know D." in r.for_i


def test_for_person_matches_the_whole_network_result() -> None:
    net, matches = random_case(11, 40)
    scorer = PairScorer(net, matches, playbooks=PLAYBOOKS)
    whole = all_pairs(scorer)
    top = top_k_per_person(scorer, 5)
    for i in range(net.n):
        mine = for_person(scorer, i, k=None)
        mask = (whole.rows == i) | (whole.cols == i)
        expected = {
            int(b if a == i else a): float(s)
            for a, b, s in zip(whole.rows[mask], whole.cols[mask], whole.score[mask], strict=True)
        }
        assert {s.j: s.score for s in mine} == expected
        assert [s.j for s in mine[:5]] == [p for p in top.people[i].tolist() if p >= 0]
        assert [s.score for s in mine[:5]] == top.scores[i][: len(mine[:5])].tolist()
    assert [(s.i, s.j) for s in top_pairs(scorer, 7)] == list(
        zip(whole.rows[:7].tolist(), whole.cols[:7].tolist(), strict=True)
    )


def test_guards_opt_in_load_and_not_now() -> None:
    people = [Person("A", interests=["jazz"]), Person("B", interests=["jazz"])]
    people += [Person("C", interests=["jazz"], openness="not_now")]
    people += [Person("D", interests=["jazz"])]
    net = Network.from_records(people, optin_load=[0.0, 1.0, 0.0, 5.0], blocked=[(0, 1)])
    scorer = PairScorer(net)
    assert top_pairs(scorer) == []  # 0-1 blocked, C not now, D overloaded
    net2 = Network.from_records(
        [*people[:2], Person("E", interests=["jazz"])], optin_load=[0.0, 2.0, 0.0]
    )
    s = {(x.i, x.j): x.score for x in top_pairs(PairScorer(net2))}
    assert s[(0, 2)] > s[(0, 1)] == pytest.approx(s[(0, 2)] / (1 + 0.25 * 2.0))


def test_small_candidate_caps_only_drop_pairs() -> None:
    from pair_fixtures import brute_force

    net, matches = random_case(5, 30)
    w = Weights(max_group_size=2)
    expected = brute_force(net, matches, w, PLAYBOOKS)
    found = all_pairs(PairScorer(net, matches, w, PLAYBOOKS))
    for a, b, s in zip(found.rows.tolist(), found.cols.tolist(), found.score.tolist(), strict=True):
        assert expected[(a, b)] == pytest.approx(s, abs=1e-12)
    assert len(found) < len(expected)


def test_tfidf_matches_feed_the_scores() -> None:
    sklearn = pytest.importorskip("sklearn.feature_extraction.text")
    people = [
        Person("Ivy", needs=["bookkeeping for a small bakery"], offers=["wedding cakes"]),
        Person(
            "Joe",
            needs=["wedding cakes for my clients"],
            offers=["bookkeeping for small businesses"],
        ),
        Person("Kai", needs=["a graphic designer"], offers=["dog walking"]),
    ]
    net = Network.from_records(people)
    vec = sklearn.TfidfVectorizer().fit(list(net.needs.texts + net.offers.texts))
    sims = (vec.transform(net.needs.texts) @ vec.transform(net.offers.texts).T).tocsr()
    scorer = PairScorer(net, FacetMatches(sims, sp.csr_matrix((0, len(net.offers)))))
    best = top_pairs(scorer, 5)
    assert [(s.i, s.j) for s in best] == [(0, 1)]
    r = reasons(explain(scorer, 0, 1), net)
    assert any(
        "bookkeeping for a small bakery" in x and "bookkeeping for small businesses" in x
        for x in r.for_i
    )


def test_with_article() -> None:
    assert with_article("CPA") == "a CPA"
    assert with_article("accountant") == "an accountant"
    assert with_article("MBA coach") == "an MBA coach"
    assert with_article("Realtor") == "a realtor"


def test_engine_package_import_stays_light() -> None:
    code = (
        "import sys, netweave.engine, netweave.engine.candidates, netweave.engine.reasons, "
        "netweave.engine.explain, netweave.engine.playbooks;"
        "heavy = {'sklearn', 'torch', 'faiss', 'networkx'} & set(sys.modules);"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
