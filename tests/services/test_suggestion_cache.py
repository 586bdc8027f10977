"""Warm suggestions: cached answers equal cold ones, and any scoring input change invalidates."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from netweave.db.store import Store
from netweave.importers.records import PersonRecord
from netweave.services import people
from netweave.services.engine_cache import ANSWERS, ENGINES, FileCache, inputs_token
from netweave.services.give_ideas import introductions_to_make, people_to_introduce
from netweave.services.suggestions import suggest
from tests.services.test_suggestions import TODAY, seed


def _cold(store: Store, **kwargs: object) -> list[dict]:
    ENGINES.clear()
    ANSWERS.clear()
    with store.write() as s:
        return [v.as_json() for v in suggest(s, today=TODAY, **kwargs)]  # type: ignore[arg-type]


def _cached(store: Store, cache: Path, **kwargs: object) -> list[dict]:
    with store.write() as s:
        return [
            v.as_json()
            for v in suggest(s, today=TODAY, cache_dir=cache, **kwargs)  # type: ignore[arg-type]
        ]


def test_warm_answers_equal_cold_ones(store: Store, tmp_path: Path) -> None:
    ids = seed(store)
    cache = tmp_path / "cache"
    for kwargs in ({"limit": 5}, {"limit": 2}, {"for_person": ids["lee"], "limit": 3}):
        cold = _cold(store, **kwargs)
        first = _cached(store, cache, **kwargs)
        ENGINES.clear()
        ANSWERS.clear()
        from_files = _cached(store, cache, **kwargs)
        in_process = _cached(store, cache, **kwargs)
        assert cold == first == from_files == in_process
    kinds = {p.name.split("-")[0] for p in cache.glob("*.pickle")}
    assert kinds == {"engine", "matches", "answers"}


def test_edits_invalidate_the_cache(store: Store, tmp_path: Path) -> None:
    ids = seed(store)
    cache = tmp_path / "cache"
    before = _cached(store, cache, limit=10)
    with store.write() as s:
        token = inputs_token(s)
        newcomer = people.add_person(
            s,
            PersonRecord(
                full_name="Ana Ruiz",
                title="Therapist",
                needs=["family-law advice for clients"],
                offers=["counselling for divorcing couples"],
                referral_sources=["divorce attorneys"],
            ),
        )
        assert inputs_token(s) != token
    after = _cached(store, cache, limit=10)
    assert after != before and after == _cold(store, limit=10)
    assert any(newcomer.id in (v["a"]["id"], v["b"]["id"]) for v in after)
    # an acquaintance removes the pair at once
    with store.write() as s:
        people.add_acquaintance(
            s, people.load_person(s, ids["dana"]), people.load_person(s, ids["lee"]), "manual"
        )
    found = _cached(store, cache, limit=10)
    assert all({v["a"]["id"], v["b"]["id"]} != {ids["dana"], ids["lee"]} for v in found)
    assert found == _cold(store, limit=10)


def test_raw_sql_writes_also_change_the_token(store: Store) -> None:
    ids = seed(store)
    with store.write() as s:
        token = inputs_token(s)
        s.execute(
            text("UPDATE facet SET text = 'tax advice' WHERE person_id = :p"), {"p": ids["sam"]}
        )
        second = inputs_token(s)
        s.execute(
            text("UPDATE person SET notes = 'met at a fair' WHERE id = :p"), {"p": ids["sam"]}
        )
        assert token != second == inputs_token(s)  # notes are not a scoring input


def test_give_ideas_come_from_the_engine(store: Store, tmp_path: Path) -> None:
    ids = seed(store)
    with store.write() as s:
        ideas = people_to_introduce(s, people.load_person(s, ids["lee"]), 2)
        assert ideas and ideas[0].person_id == ids["dana"]
        assert ideas[0].offer == "family-law advice" and ideas[0].for_id == ids["lee"]
        week = introductions_to_make(s, TODAY, 3)
        assert week and {week[0].person_id, week[0].for_id} == {ids["dana"], ids["lee"]}
    assert FileCache(None).get("engine", "x") is None


def test_week_introductions_never_wait_for_a_cold_engine(store: Store, tmp_path: Path) -> None:
    ids = seed(store)
    cache = tmp_path / "cache"
    ENGINES.clear()
    ANSWERS.clear()
    with store.read() as s:
        assert introductions_to_make(s, TODAY, 3, cache) == []  # cold: empty, not a build
    _cached(store, cache, limit=5)  # `netweave suggest` builds and stores the engine
    ENGINES.clear()
    ANSWERS.clear()  # a new process: only the files remain
    with store.read() as s:
        week = introductions_to_make(s, TODAY, 3, cache)
    assert week and {week[0].person_id, week[0].for_id} == {ids["dana"], ids["lee"]}
