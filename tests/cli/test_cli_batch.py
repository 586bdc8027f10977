"""`netweave batch embed` and `batch suggest` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netweave.services import batch_exec
from tests.conftest import Cli


@pytest.fixture
def demo(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("NETWEAVE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NETWEAVE_TODAY", "2026-11-23")
    cli("demo", "--people", "120")
    return cli


def test_batch_embed_then_suggest_into_the_database(demo: Cli) -> None:
    embedded = json.loads(demo("batch", "embed", "--json"))
    assert embedded["engine"] == "local" and embedded["reused"] == 0
    again = json.loads(demo("batch", "embed", "--json"))
    assert again["rows"] == 0  # everything is cached now
    found = json.loads(demo("batch", "suggest", "--top", "3", "--partition-size", "25", "--json"))
    assert found["partitions"] == 5 and found["out"] == "the batch_suggestion table"
    assert found["rows"] > 100
    rerun = demo("batch", "suggest", "--top", "3", "--partition-size", "25")
    assert "0 partitions computed, 5 reused" in rerun


def test_batch_suggest_to_parquet(demo: Cli, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "matches.parquet"
    output = demo("batch", "suggest", "--top", "2", "--out", str(out))
    assert str(out) in output
    table = pq.read_table(out)
    assert table.column_names == ["person_id", "rank", "other_id", "score"]
    assert set(table.column("rank").to_pylist()) <= {0, 1}


def test_batch_suggest_on_dask_matches_local(demo: Cli, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    local, remote = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    demo("batch", "suggest", "--top", "3", "--out", str(local))
    demo(
        "batch", "suggest", "--top", "3", "--partition-size", "30", "--engine", "dask",
        "--out", str(remote),
    )  # fmt: skip
    assert pq.read_table(local).equals(pq.read_table(remote))


def test_dask_engine_without_dask_names_the_extra(
    demo: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_exec, "dask_available", lambda: False)
    output = demo.fails("batch", "suggest", "--engine", "dask")
    assert "pip install 'netweave[batch]'" in output
