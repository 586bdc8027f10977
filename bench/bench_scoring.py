"""Benchmark pair scoring on synthetic networks: time and peak memory.

    .venv/bin/python bench/bench_scoring.py                 # 30k, 100k and 1M people
    .venv/bin/python bench/bench_scoring.py --sizes 30000   # one size only

Networks are drawn with numpy from the demo vocabulary (109 professions with their referral
sources, prospect pools and needs; ~200 interests), so group sizes are realistic for a
contact book with a few hundred distinct phrases. Item matches (needs/objectives x offers) are
random sparse top-k rows standing in for the text layer: k = 10 offers per want, similarity
~ Beta(2, 5). Acquaintances: a random graph of average degree 10.

Reported per step: wall time and the tracemalloc peak (numpy and scipy allocations), plus the
process's maximum resident size at the end. Results go to bench/results/scoring.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import scipy.sparse as sp
import yaml

from netweave.engine.candidates import for_person, top_k_per_person, top_pairs
from netweave.engine.network import ASK_FIRST, NOT_NOW, FacetMatches, Items, Network
from netweave.engine.playbooks import Playbook, load_playbooks
from netweave.engine.scoring import PairScorer
from netweave.engine.weights import DIFFICULT, HARD_CHARGER, TAKES_CRITICISM_POORLY

T = TypeVar("T")
RESULTS = Path(__file__).parent / "results" / "scoring.json"
K_MATCHES = 10


def _vocabulary() -> dict[str, Any]:
    data = resources.files("netweave.demo") / "data"
    professions = yaml.safe_load((data / "professions.yaml").read_text())["professions"]
    interests = yaml.safe_load((data / "interests.yaml").read_text())["interests"]
    return {"professions": professions, "interests": [str(x) for x in interests]}


def _items(
    rng: np.random.Generator, owner_choices: list[list[str]], title: np.ndarray, most: int
) -> Items:
    """Per person 0..most items drawn from their profession's list (numpy, no per-item loops
    beyond building the text tuple)."""
    n = len(title)
    counts = rng.integers(0, most + 1, size=n)
    owner = np.repeat(np.arange(n, dtype=np.int64), counts)
    lengths = np.array([max(len(c), 1) for c in owner_choices])
    pick = (rng.random(len(owner)) * lengths[title[owner]]).astype(np.int64)
    texts = tuple(
        owner_choices[t][k] if owner_choices[t] else ""
        for t, k in zip(title[owner].tolist(), pick.tolist(), strict=True)
    )
    keep = np.array([bool(x) for x in texts])
    return Items(owner[keep], tuple(t for t, ok in zip(texts, keep, strict=True) if ok))


def synthetic(n: int, seed: int = 0) -> tuple[Network, FacetMatches]:
    """A random network of n people with realistic facet vocabularies."""
    rng = np.random.default_rng(seed)
    vocab = _vocabulary()
    profs = vocab["professions"]
    weights = 1.0 / np.arange(1, len(profs) + 1) ** 0.5
    title = rng.choice(len(profs), size=n, p=weights / weights.sum())

    def field(name: str) -> list[list[str]]:
        return [list(p.get(name) or []) for p in profs]

    interests = vocab["interests"]
    n_int = rng.integers(0, 4, size=n)
    int_owner = np.repeat(np.arange(n, dtype=np.int64), n_int)
    int_texts = tuple(interests[k] for k in rng.integers(0, len(interests), len(int_owner)))

    needs = _items(rng, field("needs"), title, 2)
    objectives = _items(rng, field("objectives"), title, 1)
    offers = _items(rng, field("offers"), title, 3)

    def matches(rows: int) -> sp.csr_matrix:
        cols = rng.integers(0, len(offers), size=(rows, K_MATCHES)).ravel()
        vals = rng.beta(2, 5, size=rows * K_MATCHES).astype(np.float32)
        indptr = np.arange(0, rows * K_MATCHES + 1, K_MATCHES, dtype=np.int64)
        m = sp.csr_matrix((vals, cols, indptr), shape=(rows, len(offers)))
        m.sum_duplicates()
        return m

    edges = rng.integers(0, n, size=(5 * n, 2))
    acq = sp.coo_matrix((np.ones(len(edges), bool), (edges[:, 0], edges[:, 1])), shape=(n, n))
    acq = (acq + acq.T).tocsr()
    acq.setdiag(False)
    acq.eliminate_zeros()
    blocked_pairs = rng.integers(0, n, size=(n // 100, 2))
    blocked = sp.coo_matrix(
        (np.ones(len(blocked_pairs), bool), (blocked_pairs[:, 0], blocked_pairs[:, 1])),
        shape=(n, n),
    )
    blocked = (blocked + blocked.T).tocsr()

    trait_draw = rng.random(n)
    empty: frozenset[str] = frozenset()
    charger, touchy, difficult = (
        frozenset({HARD_CHARGER}),
        frozenset({TAKES_CRITICISM_POORLY}),
        frozenset({DIFFICULT}),
    )
    temperament = tuple(
        charger if x < 0.05 else touchy if x < 0.08 else difficult if x < 0.11 else empty
        for x in trait_draw.tolist()
    )
    openness = np.where(rng.random(n) < 0.03, NOT_NOW, 0)
    openness = np.where(rng.random(n) < 0.07, ASK_FIRST, openness).astype(np.int8)
    net = Network(
        ids=np.arange(n, dtype=np.int64),
        names=tuple(f"Person {k}" for k in range(n)),
        titles=tuple(profs[t]["name"] for t in title.tolist()),
        networker_level=rng.integers(0, 5, size=n).astype(np.int8),
        openness=openness,
        temperament=temperament,
        acquaintances=acq,
        blocked=blocked,
        optin_load=rng.exponential(0.3, size=n),
        objectives=objectives,
        needs=needs,
        offers=offers,
        interests=Items(int_owner, int_texts),
        referral_sources=_items(rng, field("referral_sources"), title, 3),
        prospect_pool=_items(rng, field("prospect_pool"), title, 2),
    )
    return net, FacetMatches(matches(len(needs)), matches(len(objectives)))


def measure(fn: Callable[[], T]) -> tuple[T, float, float]:
    """Run fn once; return its result, seconds, and tracemalloc peak in MB."""
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, seconds, peak / 1e6


def brute_force_top(scorer: PairScorer, n_top: int, rows_per_block: int = 200) -> list[Any]:
    """Baseline: score every pair i < j with the same vectorised scorer, no candidate step."""
    n = scorer.n
    best_s = np.zeros(0)
    best_p = np.zeros((0, 2), dtype=np.int64)
    for lo in range(0, n, rows_per_block):
        hi = min(n, lo + rows_per_block)
        r, c = _upper_block(lo, hi, n)
        got = scorer.score_pairs(r, c)
        ok = (got.guard == 0) & (got.score > 0)
        s = np.concatenate([best_s, got.score[ok]])
        p = np.concatenate([best_p, np.stack([r[ok], c[ok]], axis=1)])
        order = np.lexsort((p[:, 1], p[:, 0], -s))[:n_top]
        best_s, best_p = s[order], p[order]
    return list(zip(best_p[:, 0].tolist(), best_p[:, 1].tolist(), best_s.tolist(), strict=True))


def _upper_block(lo: int, hi: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rows = np.repeat(np.arange(lo, hi, dtype=np.int64), n)
    cols = np.tile(np.arange(n, dtype=np.int64), hi - lo)
    keep = cols > rows
    return rows[keep], cols[keep]


def bench_interactive(n: int, playbooks: tuple[Playbook, ...], brute_n: int) -> dict[str, Any]:
    (net, matches), t_gen, _ = measure(lambda: synthetic(n))
    scorer, t_build, m_build = measure(lambda: PairScorer(net, matches, playbooks=playbooks))
    top, t_top, m_top = measure(lambda: top_pairs(scorer, 100))
    people = np.random.default_rng(1).choice(n, size=20, replace=False)
    times = []
    for i in people.tolist():
        _, t, _ = measure(lambda i=i: for_person(scorer, i, 20))
        times.append(t)
    # brute force for one person: all n - 1 others through the same scorer
    i0 = int(people[0])
    others = np.delete(np.arange(n), i0)
    _, t_brute_one, m_brute_one = measure(
        lambda: scorer.score_pairs(np.full(len(others), i0), others)
    )
    row = {
        "people": n,
        "needs": len(net.needs),
        "objectives": len(net.objectives),
        "offers": len(net.offers),
        "item_matches": int(matches.needs_offers.nnz + matches.objectives_offers.nnz),
        "acquaintance_edges": int(net.acquaintances.nnz // 2),
        "generate_s": round(t_gen, 2),
        "build_scorer_s": round(t_build, 2),
        "build_scorer_peak_mb": round(m_build, 1),
        "top100_s": round(t_top, 2),
        "top100_peak_mb": round(m_top, 1),
        "top100_best_score": round(top[0].score, 4) if top else None,
        "for_person_median_s": round(statistics.median(times), 4),
        "for_person_max_s": round(max(times), 4),
        "brute_for_person_s": round(t_brute_one, 4),
        "brute_for_person_peak_mb": round(m_brute_one, 1),
    }
    # whole-network brute force only where it fits: on the first brute_n people
    if brute_n:
        small_net, small_m = synthetic(brute_n, seed=2)
        small = PairScorer(small_net, small_m, playbooks=playbooks)
        fast, t_fast, m_fast = measure(lambda: top_pairs(small, 100))
        slow, t_slow, m_slow = measure(lambda: brute_force_top(small, 100))
        same = [(s.i, s.j) for s in fast] == [(a, b) for a, b, _s in slow]
        row.update(
            {
                "brute_people": brute_n,
                "brute_pairs": brute_n * (brute_n - 1) // 2,
                "brute_top100_s": round(t_slow, 2),
                "brute_top100_peak_mb": round(m_slow, 1),
                "sparse_top100_same_people_s": round(t_fast, 2),
                "sparse_top100_same_people_peak_mb": round(m_fast, 1),
                "brute_agrees": same,
            }
        )
    return row


def bench_batch(n: int, playbooks: tuple[Playbook, ...], k: int = 10) -> dict[str, Any]:
    (net, matches), t_gen, _ = measure(lambda: synthetic(n))
    scorer, t_build, m_build = measure(lambda: PairScorer(net, matches, playbooks=playbooks))
    top, t_top, m_top = measure(lambda: top_k_per_person(scorer, k))
    filled = (top.people >= 0).sum(axis=1)
    return {
        "people": n,
        "k": k,
        "needs": len(net.needs),
        "offers": len(net.offers),
        "item_matches": int(matches.needs_offers.nnz + matches.objectives_offers.nnz),
        "benefit_nnz": int(scorer.need_match.nnz),
        "generate_s": round(t_gen, 2),
        "build_scorer_s": round(t_build, 2),
        "build_scorer_peak_mb": round(m_build, 1),
        "batch_topk_s": round(t_top, 2),
        "batch_topk_peak_mb": round(m_top, 1),
        "people_with_k": float(np.mean(filled == k)),
        "people_with_none": float(np.mean(filled == 0)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    big = "" if os.environ.get("NETWEAVE_BENCH_1M", "1") == "0" else ",1000000"
    parser.add_argument("--sizes", default="30000,100000" + big)
    parser.add_argument("--brute", type=int, default=4000, help="people for the brute-force run")
    args = parser.parse_args()
    playbooks = load_playbooks()
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "interactive": [],
        "batch": [],
    }
    for n in (int(x) for x in args.sizes.split(",")):
        if n <= 30_000:
            results["interactive"].append(bench_interactive(n, playbooks, args.brute))
        else:
            results["batch"].append(bench_batch(n, playbooks))
        print(json.dumps(results, indent=1)[-600:], file=sys.stderr, flush=True)
    results["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print("## Pair scoring (synthetic networks from the demo vocabulary)\n")
    print("Random item matches (10 per want, similarity ~ Beta(2,5)) and a random acquaintance")
    print("graph of average degree 10; tracemalloc peaks. NETWEAVE_BENCH_1M=0 skips 1,000,000.\n")
    print(table(results))


def table(results: dict[str, Any]) -> str:
    lines = ["| people | step | time (s) | peak MB (tracemalloc) |", "| --- | --- | --- | --- |"]
    for r in results["interactive"]:
        p = f"{r['people']:,}"
        lines += [
            f"| {p} | build scorer | {r['build_scorer_s']} | {r['build_scorer_peak_mb']} |",
            f"| {p} | whole-network top-100 | {r['top100_s']} | {r['top100_peak_mb']} |",
            f"| {p} | for_person top-20 (median / max of 20) | "
            f"{r['for_person_median_s']} / {r['for_person_max_s']} | |",
            f"| {p} | brute force, one person vs all | {r['brute_for_person_s']} | "
            f"{r['brute_for_person_peak_mb']} |",
        ]
        if "brute_people" in r:
            b = f"{r['brute_people']:,}"
            lines += [
                f"| {b} | sparse top-100 | {r['sparse_top100_same_people_s']} | "
                f"{r['sparse_top100_same_people_peak_mb']} |",
                f"| {b} | brute force all {r['brute_pairs']:,} pairs, top-100 | "
                f"{r['brute_top100_s']} | {r['brute_top100_peak_mb']} |",
                f"| {b} | same top-100? | {r['brute_agrees']} | |",
            ]
    for r in results["batch"]:
        p = f"{r['people']:,}"
        lines += [
            f"| {p} | build scorer | {r['build_scorer_s']} | {r['build_scorer_peak_mb']} |",
            f"| {p} | top-{r['k']} for everyone | {r['batch_topk_s']} | "
            f"{r['batch_topk_peak_mb']} |",
        ]
    lines.append(f"\nmax RSS: {results['max_rss_mb']} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
