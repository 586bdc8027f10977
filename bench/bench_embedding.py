"""Benchmark text embedding, nearest-neighbour indexes and hybrid matching at 30,000 people.

Run: .venv/bin/python bench/bench_embedding.py [--people 30000] [--minilm 2000] [--quick]
Prints a markdown table per section and writes bench/results/embedding.json.
Figures are medians of 3 runs where a run is cheap (marked runs=3), else one run.
"""

import argparse
import datetime as dt
import json
import platform
import random
import resource
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from netweave.engine.text import (
    HashingEmbedder,
    LexicalModel,
    MiniLMEmbedder,
    StaticEmbedder,
    build_index,
    dense_available,
    faiss_available,
    match_items,
    match_vectors,
    refine,
    static_available,
)
from netweave.engine.text.index import NumpyExactIndex
from netweave.engine.text.topk import dense_topk

ROOT = Path(__file__).resolve().parent
VOCAB = ROOT.parent / "src" / "netweave" / "demo" / "data" / "professions.yaml"
QUALIFIERS = [
    "in Austin",
    "in Denver",
    "near downtown",
    "for a small firm",
    "for a family business",
    "this quarter",
    "before year end",
    "on a tight budget",
    "with bilingual support",
    "for first-time clients",
    "for nonprofits",
    "for a growing team",
    "in the suburbs",
    "for startups",
    "for retirees",
    "remotely",
    "on weekends",
    "for high-net-worth clients",
]
OPENERS = {
    "needs": ["", "", "looking for ", "need ", "would love ", "searching for "],
    "offers": ["", "", "can offer ", "happy to provide ", "offering "],
}
ALL = {"match", "embed", "index", "quality"}
FALLBACK = {
    "needs": [
        "bookkeeping help",
        "a web designer",
        "seed investors",
        "a tax accountant",
        "referrals from realtors",
        "a wedding photographer",
        "office space",
    ],
    "offers": [
        "small-business accounting",
        "website design",
        "angel investing",
        "tax preparation",
        "home staging",
        "portrait photography",
        "coworking desks",
    ],
}


def timed(fn: Callable[[], Any], runs: int = 1) -> tuple[float, Any]:
    """Return (median seconds, last result) of `runs` calls."""
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def synthesize(people: int, seed: int) -> tuple[list[str], list[str], str]:
    """Return (needs, offers, source): 5 items a person, 2 or 3 of them needs."""
    rng = random.Random(seed)
    try:
        from netweave.demo import generate as demo  # type: ignore[attr-defined]

        records = demo.generate(people, seed, dt.date(2026, 1, 1)).people
        needs = [n for p in records for n in list(p.needs)[:3]]
        offers = [o for p in records for o in list(p.offers)[:3]]
        if needs and offers:
            return needs, offers, "netweave.demo.generate"
    except (ImportError, AttributeError, TypeError):
        pass
    pools, source = FALLBACK, "built-in list"
    if VOCAB.exists():
        import yaml

        profs = yaml.safe_load(VOCAB.read_text())["professions"]
        pools = {kind: [i for p in profs for i in p.get(kind, [])] for kind in ("needs", "offers")}
        source = "synthesised from demo/data/professions.yaml"
    needs, offers = [], []
    for _ in range(people):
        n_needs = rng.choice((2, 3))
        for kind, count, out in (("needs", n_needs, needs), ("offers", 5 - n_needs, offers)):
            for _ in range(count):
                text = rng.choice(OPENERS[kind]) + rng.choice(pools[kind])
                if rng.random() < 0.7:
                    text += " " + rng.choice(QUALIFIERS)
                out.append(text)
    return needs, offers, source


def table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Mean fraction of b's top-k ids found in a's top-k, row by row."""
    return float(
        np.mean([len(set(x) & set(y)) / max(len(y), 1) for x, y in zip(a, b, strict=True)])
    )


def bench_embedders(texts: list[str], minilm_n: int, out: dict[str, Any]) -> dict[str, Any]:
    rows, vecs = [], {}
    t, lex = timed(lambda: LexicalModel.fit(texts), runs=3)
    t2, _ = timed(lambda: lex.transform(texts), runs=3)
    rows.append(
        [
            "lexical TF-IDF (fit + transform)",
            len(texts),
            f"{t + t2:.2f}",
            f"{len(texts) / (t + t2):,.0f}",
            "runs=3",
        ]
    )
    hashing = HashingEmbedder()
    t, _ = timed(lambda: hashing.embed(texts), runs=3)
    rows.append(["hashing-v1-256", len(texts), f"{t:.2f}", f"{len(texts) / t:,.0f}", "runs=3"])
    if static_available():
        static = StaticEmbedder()
        cold, _ = timed(lambda: static.embed(texts[:1]))
        t, vecs["static"] = timed(lambda: static.embed(texts), runs=3)
        rows.append(
            [
                f"static {static.name}",
                len(texts),
                f"{t:.2f}",
                f"{len(texts) / t:,.0f}",
                f"runs=3, cold start {cold:.2f} s",
            ]
        )
    if dense_available():
        minilm = MiniLMEmbedder()
        cold, _ = timed(lambda: minilm.embed(texts[:1]))
        sub = texts[:minilm_n]
        t, _ = timed(lambda: minilm.embed(sub), runs=3)
        rate = len(sub) / t
        rows.append(
            [
                f"dense {minilm.name}",
                len(sub),
                f"{t:.2f}",
                f"{rate:,.0f}",
                f"runs=3, cold start {cold:.1f} s; {len(texts):,} extrapolated: "
                f"{len(texts) / rate / 60:.1f} min",
            ]
        )
    table("Embedding throughput", ["backend", "texts", "seconds", "texts/s", "note"], rows)
    out["embedding"] = rows
    return vecs


def bench_index(vectors: np.ndarray, sizes: list[int], out: dict[str, Any]) -> None:
    rows = []
    rng = np.random.default_rng(0)
    for n in sizes:
        data = vectors[:n]
        q = data[rng.choice(n, size=min(n, 5000), replace=False)]
        methods: list[tuple[str, Callable[[], Any]]] = [
            ("exact", partial(build_index, data, method="exact"))
        ]
        if faiss_available():
            methods.append(("hnsw", partial(build_index, data, method="hnsw")))
        methods.append(("numpy", partial(NumpyExactIndex, data)))
        truth: np.ndarray | None = None
        for label, make in methods:
            build, index = timed(make, runs=3 if label != "hnsw" or n <= 30_000 else 1)
            search, (scores, _) = timed(partial(index.search, q, 10), runs=1)
            one, _ = timed(partial(index.search, q[:5], 10), runs=3)
            truth = scores if truth is None else truth
            # score-based recall: identical items make ids of tied neighbours arbitrary
            recall = float(np.mean(scores >= truth[:, -1:] - 1e-5))
            all_vs_all = build + search * n / len(q)
            rows.append(
                [
                    f"{n:,}",
                    index.kind,
                    f"{build:.2f}",
                    f"{len(q) / search:,.0f}",
                    f"{one * 1000:.1f}",
                    f"{recall:.3f}",
                    f"{all_vs_all:.1f}",
                ]
            )
    table(
        "Nearest neighbours (256-d static vectors, top-10)",
        [
            "items",
            "index",
            "build s",
            "queries/s (5,000 batch)",
            "one person (5 q) ms",
            "recall@10 vs exact",
            "all-vs-all s (extrapolated)",
        ],
        rows,
    )
    out["index"] = rows


def bench_quality(
    needs: list[str], offers: list[str], n_q: int, n_t: int, out: dict[str, Any]
) -> None:
    """Top-10 overlap with MiniLM's ranking of n_t offers for n_q needs."""
    if not dense_available():
        print("\n(quality: MiniLM not installed, skipped)")
        return
    q = list(dict.fromkeys(needs))[:n_q]  # distinct items: ties would blur overlap
    t = list(dict.fromkeys(offers))[:n_t]
    n_q = len(q)
    minilm = MiniLMEmbedder()
    secs, both = timed(lambda: minilm.embed(q + t))
    ref = dense_topk(both[:n_q], both[n_q:], 10)[1]
    lex = LexicalModel.fit(q + t)
    ql, tl = lex.transform(q), lex.transform(t)
    rows = []

    def ids_of(m: Any) -> list[list[int]]:
        return [
            list(m.scores.indices[m.scores.indptr[i] : m.scores.indptr[i + 1]]) for i in range(n_q)
        ]

    rows.append(["lexical only", f"{overlap(ids_of(match_vectors(ql, tl, k=10)), ref):.3f}"])
    h = HashingEmbedder().embed(q + t)
    rows.append(["hashing dense only", f"{overlap(dense_topk(h[:n_q], h[n_q:], 10)[1], ref):.3f}"])
    if static_available():
        s = StaticEmbedder().embed(q + t)
        rows.append(
            ["static dense only", f"{overlap(dense_topk(s[:n_q], s[n_q:], 10)[1], ref):.3f}"]
        )
        for alpha in (0.5, 0.7):
            hyb = match_vectors(ql, tl, s[:n_q], s[n_q:], k=10, alpha=alpha)
            rows.append(
                [f"hybrid lexical + static, alpha {alpha}", f"{overlap(ids_of(hyb), ref):.3f}"]
            )
        wide = match_vectors(ql, tl, s[:n_q], s[n_q:], k=50, alpha=0.5)
        r_secs, ref_m = timed(lambda: refine(wide, q, t, minilm, alpha=1.0))
        top = [
            list(ids[np.argsort(-vals, kind="stable")][:10])
            for ids, vals in (
                (
                    ref_m.scores.indices[ref_m.scores.indptr[i] : ref_m.scores.indptr[i + 1]],
                    ref_m.scores.data[ref_m.scores.indptr[i] : ref_m.scores.indptr[i + 1]],
                )
                for i in range(n_q)
            )
        ]
        rows.append(
            [f"hybrid top-50 then MiniLM refine ({r_secs:.0f} s)", f"{overlap(top, ref):.3f}"]
        )
    table(
        f"Quality: top-10 overlap with MiniLM ({n_q:,} needs x {n_t:,} offers; "
        f"MiniLM took {secs:.0f} s)",
        ["method", "top-10 overlap"],
        rows,
    )
    out["quality"] = rows


def bench_match(needs: list[str], offers: list[str], all_pairs: bool, out: dict[str, Any]) -> None:
    """Run first, before any model is loaded, so that peak RSS reflects matching."""
    rows = []
    static = StaticEmbedder() if static_available() else None
    cases: list[tuple[str, Any, list[str], list[str]]] = [("lexical", None, needs, offers)]
    if static is not None:
        cases.append(("lexical + static", static, needs, offers))
        if all_pairs:
            every = needs + offers
            cases.append(("lexical + static, every item x every item", static, every, every))
    for label, emb, q, t in cases:
        secs, m = timed(partial(match_items, q, t, k=10, embedder=emb))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(
            [label, f"{len(q):,} x {len(t):,}", f"{secs:.1f}", f"{m.scores.nnz:,}", f"{rss:,.0f}"]
        )
    table(
        "match_items end to end (k=10, embeddings computed, no cache)",
        ["method", "queries x targets", "seconds", "pairs kept", "peak RSS MB (process)"],
        rows,
    )
    out["match"] = rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--people", type=int, default=30_000)
    ap.add_argument("--minilm", type=int, default=2_000)
    ap.add_argument("--quick", action="store_true", help="3,000 people, small samples")
    ap.add_argument("--only", default=",".join(sorted(ALL)), help="sections to run")
    args = ap.parse_args()
    people = 3_000 if args.quick else args.people
    needs, offers, source = synthesize(people, seed=7)
    texts = needs + offers
    random.Random(1).shuffle(texts)
    out: dict[str, Any] = {
        "people": people,
        "items": len(texts),
        "source": source,
        "machine": platform.processor() or platform.machine(),
        "distinct_items": len(set(texts)),
    }
    print("## Text representations: embedding, matching, nearest neighbours\n")
    print(f"{people:,} people, {len(texts):,} items ({len(set(texts)):,} distinct), {source}")
    only = set(args.only.split(","))
    if "match" in only:
        bench_match(needs, offers, not args.quick, out)
    vecs = bench_embedders(texts, min(args.minilm, len(texts)), out) if "embed" in only else {}
    if "static" in vecs and "index" in only:
        sizes = [n for n in (30_000, len(texts)) if n <= len(texts)] or [len(texts)]
        bench_index(vecs["static"], sizes, out)
    if "quality" in only:
        bench_quality(needs, offers, min(2_000, len(needs) // 2), min(8_000, len(offers)), out)
    path = ROOT / "results" / "embedding.json"
    path.parent.mkdir(exist_ok=True)
    merged = json.loads(path.read_text()) if path.exists() and only != ALL else {}
    path.write_text(json.dumps(merged | out, indent=2))


if __name__ == "__main__":
    main()
