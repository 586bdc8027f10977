"""Batch jobs on the demo network: Dask gives the local answers, survives a dead worker, resumes.

One LocalCluster of 2 worker processes on 127.0.0.1 serves the whole module.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from netweave.db.store import Store
from netweave.engine.batch import Partition
from netweave.errors import NetweaveError
from netweave.services import batch_exec
from netweave.services.batch import (
    PartitionCache,
    ScoringJob,
    batch_embed,
    batch_suggest,
    embed_texts,
    run_partitions,
    score_everyone,
    score_task,
)
from netweave.services.batch_exec import DaskExecutor, LocalExecutor
from netweave.services.demo import load_demo
from netweave.services.embeddings import DbEmbeddingCache
from netweave.services.suggestions import build_engine

pytest.importorskip("distributed")

TODAY = dt.date(2026, 11, 23)
PEOPLE = 300


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import tests
    cluster = batch_exec.local_cluster(2)
    from distributed import Client

    with Client(cluster) as connected:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        for address in connected.scheduler_info()["workers"]:
            assert address.startswith("tcp://127.0.0.1:")
        yield connected
    cluster.close()


@pytest.fixture
def dask(client: Any) -> DaskExecutor:
    return DaskExecutor(client=client)


@pytest.fixture
def demo_store(sqlite_store: Store) -> Store:
    with sqlite_store.write() as s:
        load_demo(s, PEOPLE, 7, TODAY)
    return sqlite_store


def _suggest(store: Store, executor: Any, cache: Path | None = None, **kw: Any) -> Any:
    with store.write() as s:
        return batch_suggest(s, TODAY, executor, k=5, size=40, cache_dir=cache, **kw)


def test_dask_gives_exactly_the_local_suggestions(demo_store: Store, dask: DaskExecutor) -> None:
    local, local_report = _suggest(demo_store, LocalExecutor())
    remote, remote_report = _suggest(demo_store, dask)
    assert local_report.partitions == remote_report.partitions == 8
    assert local_report.engine == "local" and remote_report.engine == "dask"
    assert len(local.person_id) > PEOPLE  # most people have several matches
    for name, column in local.columns().items():
        np.testing.assert_array_equal(column, remote.columns()[name], err_msg=name)
    with demo_store.read() as s:
        from netweave.engine.candidates import top_k_per_person

        engine = build_engine(s, TODAY)
        whole = top_k_per_person(engine.scorer, 5)
    assert np.count_nonzero(whole.people >= 0) == len(local.person_id)


def test_dask_embeds_exactly_the_local_vectors(demo_store: Store, dask: DaskExecutor) -> None:
    from netweave.engine.text.embedders import HashingEmbedder
    from netweave.services.batch import item_texts
    from netweave.services.network_load import load_network

    with demo_store.read() as s:
        texts = item_texts(load_network(s, TODAY).network)
    embedder = HashingEmbedder(128)
    local, computed, parts = embed_texts(texts, embedder, LocalExecutor(), size=150)
    remote, _, _ = embed_texts(texts, embedder, dask, size=150)
    assert parts == computed == -(-len(texts) // 150) > 2
    np.testing.assert_array_equal(local, remote)


def test_batch_embed_fills_the_cache_once(demo_store: Store, dask: DaskExecutor) -> None:
    from netweave.engine.text.backends import default_embedder

    if default_embedder() is None:
        pytest.skip("no embedding model installed")
    with demo_store.write() as s:
        report = batch_embed(s, TODAY, dask, size=200)
        assert report.rows > 0 and report.computed == report.partitions > 1
        assert DbEmbeddingCache(s).count(report.embedder) == report.rows
    with demo_store.write() as s:
        again = batch_embed(s, TODAY, LocalExecutor(), size=200)
    assert again.rows == again.partitions == 0


@dataclass(frozen=True)
class CrashOnce:
    """A scoring job whose worker process dies at `victim` the first time (marker file)."""

    job: ScoringJob
    marker: str
    victim: int


def crashing_score_task(shared: CrashOnce, part: Partition) -> dict[str, Any]:
    if part.index == shared.victim and not os.path.exists(shared.marker):
        Path(shared.marker).write_text(str(os.getpid()))
        os._exit(1)  # the worker process dies; its nanny starts a new one
    return score_task(shared.job, part)


def test_a_killed_worker_is_retried_and_the_answer_is_unchanged(
    demo_store: Store, dask: DaskExecutor, tmp_path: Path
) -> None:
    from netweave.engine.batch import plan_partitions
    from netweave.engine.candidates import Candidates

    with demo_store.read() as s:
        scorer = build_engine(s, TODAY).scorer
    expected, _, _ = score_everyone(scorer, 5, LocalExecutor(), size=40)
    marker = tmp_path / "batch_crashed"
    shared = CrashOnce(ScoringJob(Candidates(scorer), 5), str(marker), victim=3)
    parts = plan_partitions(scorer.n, 40)
    keys = [f"crash-test-{p.index}-{os.getpid()}" for p in parts]
    found, computed = run_partitions(dask, crashing_score_task, shared, parts, keys)
    assert marker.exists()  # a worker really died mid-job
    assert computed == len(parts)
    np.testing.assert_array_equal(np.concatenate([f["people"] for f in found]), expected.people)
    np.testing.assert_array_equal(np.concatenate([f["scores"] for f in found]), expected.scores)


def test_a_shared_object_stays_on_every_worker(dask: DaskExecutor) -> None:
    """What lets a killed worker's tasks run elsewhere: the other workers still hold the
    shared input. Dask's default memory manager cut the broadcast copies to one within its
    2 s interval, and then the death of that one worker lost the input for good."""
    dask.client.wait_for_workers(2, timeout=60)  # a worker killed by another test restarts
    handle = dask.share("the scorer stands in here " * 100)
    time.sleep(3)
    assert len(dask.client.who_has(handle)[handle.key]) == 2


def test_a_job_whose_shared_input_is_lost_stops_with_a_clear_error(dask: DaskExecutor) -> None:
    handle = dask.share("the scorer stands in here")
    dask.client.cancel(handle)  # as when the only worker holding it dies
    with pytest.raises(NetweaveError, match="lost the job's shared input"):
        list(dask.run(lambda shared, item: item, handle, [1, 2], ["lost-1", "lost-2"]))


class Interrupted(Exception):
    pass


def _stop_after(count: int) -> Any:
    def progress(done: int, total: int) -> None:
        if done >= count:
            raise Interrupted

    return progress


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_an_interrupted_job_resumes_with_only_the_missing_partitions(
    demo_store: Store, dask: DaskExecutor, tmp_path: Path, engine: str
) -> None:
    executor = LocalExecutor() if engine == "local" else dask
    cache = tmp_path / "cache" / "batch"
    with pytest.raises(Interrupted):
        _suggest(demo_store, executor, cache, progress=_stop_after(3))
    finished = len(list((cache / "suggest").glob("*.npz")))
    assert finished >= 3
    resumed, report = _suggest(demo_store, executor, cache)
    assert report.reused == finished and report.computed == report.partitions - finished
    fresh, _ = _suggest(demo_store, LocalExecutor())
    np.testing.assert_array_equal(resumed.other_id, fresh.other_id)
    np.testing.assert_array_equal(resumed.score, fresh.score)
    _, third = _suggest(demo_store, executor, cache)
    assert third.computed == 0 and third.reused == third.partitions


def test_a_partition_cache_round_trips(tmp_path: Path) -> None:
    cache = PartitionCache(tmp_path, "x")
    assert cache.get("k") is None
    cache.put("k", {"a": np.arange(3), "b": np.ones((2, 2))})
    got = cache.get("k")
    assert got is not None and got["a"].tolist() == [0, 1, 2]
    assert not list((tmp_path / "x").glob("*.tmp"))


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_exec, "dask_available", lambda: False)
    with pytest.raises(NetweaveError, match=r"pip install 'netweave\[batch\]'"):
        batch_exec.make_executor("dask")
    with pytest.raises(NetweaveError, match="--scheduler needs --engine dask"):
        batch_exec.make_executor("local", "tcp://127.0.0.1:8786")
    with pytest.raises(NetweaveError, match="unknown engine"):
        batch_exec.make_executor("spark")
