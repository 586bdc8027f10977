"""Warming the engine ahead of need: same answers, vectors saved, the writer never held."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from netweave.db.models_engine import Embedding
from netweave.db.store import Store
from netweave.importers.records import PersonRecord
from netweave.services import engine_build, people
from netweave.services.embeddings import DbEmbeddingCache
from netweave.services.engine_cache import ANSWERS, ENGINES
from netweave.services.engine_warm import engine_is_warm, warm_engine
from netweave.services.suggestions import suggest
from tests.services.test_suggestions import TODAY, seed


def _suggested(store: Store) -> list[dict[str, object]]:
    with store.write() as s:
        return [v.as_json() for v in suggest(s, today=TODAY, limit=5)]


def test_warm_engine_gives_the_cold_answers_and_saves_the_vectors(store: Store) -> None:
    seed(store)
    ENGINES.clear()
    ANSWERS.clear()
    cold = _suggested(store)
    with store.write() as s:
        DbEmbeddingCache(s).clear()
    ENGINES.clear()
    ANSWERS.clear()
    assert not engine_is_warm(store, TODAY)
    assert warm_engine(store, TODAY) is True
    assert engine_is_warm(store, TODAY)
    assert warm_engine(store, TODAY) is False  # nothing changed: nothing rebuilt
    with store.read() as s:
        assert DbEmbeddingCache(s).count() > 0  # the deferred vectors were written
    assert _suggested(store) == cold


def test_a_change_makes_the_engine_cold_again(store: Store) -> None:
    seed(store)
    warm_engine(store, TODAY)
    with store.write() as s:
        people.add_person(s, PersonRecord(full_name="Ada New", offers=["bookkeeping"]))
    assert not engine_is_warm(store, TODAY)


def test_writes_go_through_while_the_engine_builds(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A build holding the writer lock would make this write wait for it: a deadlock here."""
    seed(sqlite_store)
    ENGINES.clear()
    real_prepare = engine_build.prepare
    wrote: list[bool] = []

    def prepare_while_writing(*args: object, **kwargs: object) -> object:
        def write() -> None:
            with sqlite_store.write() as s:
                people.add_person(s, PersonRecord(full_name="Written Meanwhile"))
            wrote.append(True)

        writer = threading.Thread(target=write)
        writer.start()
        writer.join(10)
        return real_prepare(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_build, "prepare", prepare_while_writing)
    warm_engine(sqlite_store, TODAY)
    assert wrote == [True]
    with sqlite_store.read() as s:
        assert s.query(Embedding).count() > 0
