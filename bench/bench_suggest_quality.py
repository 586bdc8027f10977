"""Quality of suggestions on the demo network: planted pairs and held-out acquaintances.

    .venv/bin/python bench/bench_suggest_quality.py            # 2,000 people (default)
    NETWEAVE_BENCH_QUALITY_PEOPLE=5000 .venv/bin/python bench/bench_suggest_quality.py

Planted pairs (`netweave.demo.generate(...).planted_pairs`): precision@k and recall@k over the
whole-network list (k = 10, 50, 100) and, per planted person, whether the partner is in their
top 5; for the reciprocal engine, a one-sided baseline (benefit A <- B alone) and whole-profile
TF-IDF cosine. Link split: 20% of acquaintance edges hidden, hits@k of the engine against
common neighbours and Adamic–Adar (sparse algebra). Then lexical vs static vs MiniLM matching.
"""

from __future__ import annotations

import datetime as dt
import os
import time

import numpy as np
import scipy.sparse as sp

from netweave.demo.generate import generate
from netweave.engine.candidates import for_person
from netweave.engine.network import FacetMatches, Network
from netweave.engine.playbooks import load_playbooks
from netweave.engine.prune import top_pairs
from netweave.engine.scoring import PairScorer
from netweave.engine.text.lexical import LexicalModel
from netweave.engine.text.match import match_items

PEOPLE = int(os.environ.get("NETWEAVE_BENCH_QUALITY_PEOPLE", "2000"))
TODAY = dt.date(2026, 11, 23)
KS = (10, 50, 100)


def network(demo, edges) -> Network:  # type: ignore[no-untyped-def]
    return Network.from_records(demo.people, acquaintances=edges)


def matches(net: Network, embedder) -> tuple[FacetMatches, float]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    offers = list(net.offers.texts)
    found = [
        match_items(list(net.facet(kind).texts), offers, k=10, embedder=embedder).scores
        for kind in ("needs", "objectives")
    ]
    return FacetMatches(*found), time.perf_counter() - started


def top_rows(m: sp.csr_matrix, k: int) -> list[list[int]]:
    """Each row's k largest entries (column ids), best first."""
    m = sp.csr_matrix(m)
    out = []
    for r in range(m.shape[0]):
        a, b = m.indptr[r], m.indptr[r + 1]
        order = np.argsort(-m.data[a:b], kind="stable")[:k]
        out.append(m.indices[a:b][order].tolist())
    return out


def pair_list(m: sp.csr_matrix, k: int) -> list[tuple[int, int]]:
    """The k best pairs i < j of a symmetric-ish score matrix."""
    up = sp.triu(sp.csr_matrix(m), k=1).tocoo()
    order = np.lexsort((up.col, up.row, -up.data))[:k]
    return list(zip(up.row[order].tolist(), up.col[order].tolist(), strict=True))


def masked(m: sp.csr_matrix, net: Network) -> sp.csr_matrix:
    """Drop self pairs and pairs already acquainted."""
    out = sp.csr_matrix(m, copy=True)
    out.setdiag(0)
    known = net.acquaintances.astype(np.float64)
    out = out - out.multiply(known)
    out.eliminate_zeros()
    return sp.csr_matrix(out)


def planted_metrics(ranked: list[tuple[int, int]], per_person, truth) -> list[str]:  # type: ignore[no-untyped-def]
    cells = []
    for k in KS:
        hit = sum(1 for p in ranked[:k] if frozenset(p) in truth)
        cells += [f"{hit / k:.2f}", f"{hit / len(truth):.2f}"]
    top5 = [int(b in per_person(a)) for pair in truth for a, b in (tuple(pair), tuple(pair)[::-1])]
    cells.append(f"{np.mean(top5):.2f}")
    return cells


def main() -> None:
    demo = generate(PEOPLE, 7, TODAY)
    email = {r.emails[0].value.lower(): k for k, r in enumerate(demo.people)}
    truth = {frozenset((email[p.a.lower()], email[p.b.lower()])) for p in demo.planted_pairs}
    net = network(demo, demo.acquaintances)
    books = load_playbooks()
    from netweave.engine.text.backends import default_embedder

    static = default_embedder(dense=False)
    m, _ = matches(net, static)
    scorer = PairScorer(net, m, playbooks=books)
    n = net.n
    lines = [
        "## Suggestion quality (demo network)",
        "",
        f"{n:,} people, {len(truth)} planted pairs, {len(demo.acquaintances):,} acquaintances; "
        f"matching: {static.name if static else 'lexical'}.",
        "",
        "| method | P@10 | R@10 | P@50 | R@50 | P@100 | R@100 | partner in top 5 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    engine_list = [(s.i, s.j) for s in top_pairs(scorer, 100)]
    cells = planted_metrics(engine_list, lambda a: [s.j for s in for_person(scorer, a, 5)], truth)
    lines.append("| reciprocal engine | " + " | ".join(cells) + " |")
    one_sided = masked(scorer.need_match, net)  # benefit(A <- B) from items
    best_one = top_rows(one_sided, 5)
    sym = one_sided.maximum(one_sided.T)
    cells = planted_metrics(pair_list(sym, 100), lambda a: best_one[a], truth)
    lines.append("| one-sided (A <- B only) | " + " | ".join(cells) + " |")
    profiles = [
        " ".join([r.title or "", *r.needs, *r.offers, *r.objectives, *r.interests])
        for r in demo.people
    ]
    _, tf = LexicalModel.fit_transform(profiles)
    cos = masked(sp.csr_matrix(tf @ tf.T), net)
    best_cos = top_rows(cos, 5)
    cells = planted_metrics(pair_list(cos, 100), lambda a: best_cos[a], truth)
    lines.append("| profile TF-IDF cosine | " + " | ".join(cells) + " |")

    lines += link_split(demo, m, books)
    lines += backends(demo, truth, books)
    print("\n".join(lines))


def link_split(demo, m: FacetMatches, books) -> list[str]:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(11)
    edges = np.asarray(demo.acquaintances)
    hide = rng.random(len(edges)) < 0.2
    hidden = {frozenset(e) for e in edges[hide].tolist()}
    net = network(demo, [tuple(e) for e in edges[~hide].tolist()])
    scorer = PairScorer(net, m, playbooks=books)
    a = net.acquaintances.astype(np.float64)
    deg = np.asarray(a.sum(axis=1)).ravel()
    inv = np.where(deg > 1, 1.0 / np.log(np.maximum(deg, 2)), 0.0)
    lists = {
        "reciprocal engine": [(s.i, s.j) for s in top_pairs(scorer, 500)],
        "common neighbours": pair_list(masked(a @ a, net), 500),
        "Adamic–Adar": pair_list(masked(a @ sp.diags(inv) @ a, net), 500),
    }
    out = [
        "",
        f"Held-out acquaintances: {hide.sum():,} of {len(edges):,} edges hidden (20%); hits@k "
        "= hidden edges among the k best new pairs.",
        "",
        "| method | hits@10 | hits@100 | hits@500 |",
        "| --- | --- | --- | --- |",
    ]
    for name, found in lists.items():
        hits = [sum(frozenset(p) in hidden for p in found[:k]) for k in (10, 100, 500)]
        out.append(f"| {name} | " + " | ".join(str(h) for h in hits) + " |")
    return out


def backends(demo, truth, books) -> list[str]:  # type: ignore[no-untyped-def]
    from netweave.engine.text.dense import MiniLMEmbedder, dense_available
    from netweave.engine.text.static import StaticEmbedder, static_available

    net = network(demo, demo.acquaintances)
    options = [("lexical TF-IDF", None)]
    if static_available():
        options.append(("lexical + static (WordLlama)", StaticEmbedder()))
    if dense_available() and os.environ.get("NETWEAVE_BENCH_DENSE", "1") != "0":
        options.append(("lexical + MiniLM", MiniLMEmbedder()))
    out = [
        "",
        f"Matching backends ({net.n:,} people, {len(net.needs) + len(net.objectives):,} wants x "
        f"{len(net.offers):,} offers; time includes embedding every item once):",
        "",
        "| matching | time (s) | P@100 | R@100 | partner in top 5 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, embedder in options:
        m, took = matches(net, embedder)
        scorer = PairScorer(net, m, playbooks=books)
        ranked = [(s.i, s.j) for s in top_pairs(scorer, 100)]
        cells = planted_metrics(
            ranked, lambda a, s=scorer: [x.j for x in for_person(s, a, 5)], truth
        )
        out.append(f"| {name} | {took:.1f} | {cells[4]} | {cells[5]} | {cells[6]} |")
    return out


if __name__ == "__main__":
    main()
