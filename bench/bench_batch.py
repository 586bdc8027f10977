"""Benchmark the batch jobs (issue #12): local loop vs Dask LocalCluster, workers, partition size.

Run: .venv/bin/python bench/bench_batch.py [--small 100000] [--big 1000000]
The big run (1,000,000 demo people, many minutes and several GB) is on by default; set
NETWEAVE_BENCH_1M=0 to skip it. Prints a markdown section and writes bench/results/batch.json.
Every figure is one run (each takes tens of seconds or more); Dask times include shipping
the scorer to the workers (scatter, broadcast) but not starting the cluster, shown apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from netweave.demo import generate
from netweave.engine.network import FacetMatches, Network
from netweave.engine.playbooks import load_playbooks
from netweave.engine.scoring import PairScorer
from netweave.engine.text.backends import default_embedder
from netweave.engine.text.cache import InMemoryCache
from netweave.engine.text.match import match_items
from netweave.engine.text.normalize import item_key
from netweave.services.batch import (
    EMBED_PARTITION,
    embed_texts,
    item_texts,
    score_everyone,
)
from netweave.services.batch_exec import DaskExecutor, LocalExecutor, local_cluster

ROOT = Path(__file__).resolve().parent
TODAY = dt.date(2026, 1, 1)
K = 10
SIZES = (2_000, 10_000, 25_000)
SCALING_SIZE = 10_000  # people per partition in the local/1/2-worker comparison


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def network_of(n: int) -> Network:
    demo = generate(n, 7, TODAY)
    return Network.from_records(demo.people, acquaintances=demo.acquaintances)


def scorer_of(network: Network, texts: list[str], vectors: np.ndarray, embedder: Any) -> Any:
    """Item matches from the vectors the embedding job made (nothing embedded twice)."""
    cache = InMemoryCache()
    cache.put_many(embedder.name, {item_key(t): v for t, v in zip(texts, vectors, strict=True)})
    offers = list(network.offers.texts)
    found = {
        kind: match_items(
            list(network.facet(kind).texts), offers, k=10, embedder=embedder, cache=cache
        ).scores
        for kind in ("needs", "objectives")
    }
    return PairScorer(
        network, FacetMatches(found["needs"], found["objectives"]), None, load_playbooks()
    )


class Dask:
    """A LocalCluster of `workers` processes on 127.0.0.1, and its start-up time."""

    def __init__(self, workers: int) -> None:
        from distributed import Client

        started = time.perf_counter()
        self.cluster = local_cluster(workers)
        self.client = Client(self.cluster)
        self.start_s = time.perf_counter() - started
        self.executor = DaskExecutor(client=self.client)

    def close(self) -> None:
        self.client.close()
        self.cluster.close()


def run_size(n: int, *, scaling: bool) -> dict[str, Any]:
    """Embed and score n demo people locally and on Dask (and, if scaling, 1 vs 2 workers)."""
    out: dict[str, Any] = {"people": n}
    network, out["generate_s"] = timed(lambda: network_of(n))
    texts = item_texts(network)
    embedder = default_embedder()
    out["items"] = len(texts)
    (vectors, _, _), out["embed_local_s"] = timed(
        lambda: embed_texts(texts, embedder, LocalExecutor(), size=EMBED_PARTITION)
    )
    scorer, out["match_and_scorer_s"] = timed(lambda: scorer_of(network, texts, vectors, embedder))
    local, out["score_local_s"] = timed(
        lambda: score_everyone(scorer, K, LocalExecutor(), size=SCALING_SIZE)[0]
    )
    for workers in (1, 2) if scaling else (2,):
        dask = Dask(workers)
        try:
            out[f"dask{workers}_start_s"] = round(dask.start_s, 2)
            if workers == 2:
                (remote_vectors, _, _), out["embed_dask2_s"] = timed(
                    lambda d=dask: embed_texts(texts, embedder, d.executor, size=EMBED_PARTITION)
                )
                out["embed_same"] = bool(np.array_equal(vectors, remote_vectors))
            sizes = SIZES if scaling and workers == 2 else (SCALING_SIZE,)
            for size in sizes:
                top, took = timed(
                    lambda d=dask, s=size: score_everyone(scorer, K, d.executor, size=s)[0]
                )
                out[f"score_dask{workers}_p{size}_s"] = took
                same = np.array_equal(top.people, local.people)
                out[f"same_dask{workers}_p{size}"] = bool(
                    same and np.array_equal(top.scores, local.scores)
                )
        finally:
            dask.close()
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in out.items()}


def table(small: dict[str, Any], big: dict[str, Any] | None) -> str:
    p = SCALING_SIZE
    lines = [
        "## Batch jobs: local vs Dask (bench_batch.py)",
        "",
        f"Everyone's top {K} matches and embedding every item (WordLlama), on the local loop",
        "and on a Dask LocalCluster (single-threaded worker processes on 127.0.0.1). One run",
        "per figure. This machine has 2 cores, so 2 Dask workers can at best halve the time",
        "and the big run shows parity rather than speed-up; answers are compared exactly.",
        "",
        "| people | items | job | local | Dask 2 workers | same answers |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in (small, big):
        if r is None:
            continue
        lines.append(
            f"| {r['people']:,} | {r['items']:,} | embed | {r['embed_local_s']} s | "
            f"{r['embed_dask2_s']} s | {r['embed_same']} |"
        )
        lines.append(
            f"| {r['people']:,} | {r['items']:,} | top {K} | {r['score_local_s']} s | "
            f"{r[f'score_dask2_p{p}_s']} s | {r[f'same_dask2_p{p}']} |"
        )
    if big is None:
        lines += ["", "The 1,000,000-people run was skipped (NETWEAVE_BENCH_1M=0)."]
    n = small["people"]
    lines += [
        "",
        f"Scaling per worker process, top {K} for {n:,} people, {p:,} people per partition "
        f"(cluster start-up {small['dask1_start_s']} s / {small['dask2_start_s']} s, not "
        "included):",
        "",
        "| engine | seconds | speed-up vs local |",
        "| --- | --- | --- |",
        f"| local loop | {small['score_local_s']} | 1.00x |",
    ]
    for w in (1, 2):
        t = small[f"score_dask{w}_p{p}_s"]
        lines.append(
            f"| Dask, {w} worker{'s' if w > 1 else ''} | {t} | {small['score_local_s'] / t:.2f}x |"
        )
    lines += [
        "",
        f"Partition size, Dask 2 workers, {n:,} people:",
        "",
        "| people per partition | partitions | seconds |",
        "| --- | --- | --- |",
    ]
    for size in SIZES:
        lines.append(f"| {size:,} | {-(-n // size)} | {small[f'score_dask2_p{size}_s']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    args = parser.parse_args()
    small = run_size(args.small, scaling=True)
    big = (
        run_size(args.big, scaling=False)
        if os.environ.get("NETWEAVE_BENCH_1M", "1") != "0"
        else None
    )
    results = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "small": small,
        "big": big,
    }
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "batch.json").write_text(json.dumps(results, indent=2) + "\n")
    print(table(small, big))


if __name__ == "__main__":
    main()
