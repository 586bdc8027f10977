"""Suggestions from the store: the engine fed with real rows, guards from the workflow."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.importers.records import Labelled, PersonRecord
from netweave.services import people
from netweave.services.embeddings import DbEmbeddingCache
from netweave.services.suggestions import suggest, why

TODAY = dt.date(2026, 11, 23)


def seed(store: Store) -> dict[str, int]:
    with store.write() as s:
        dana = people.add_person(
            s,
            PersonRecord(
                full_name="Dana Reyes",
                title="Family-law attorney",
                networker_level=3,
                emails=[Labelled("dana@reyes.law")],
                needs=["referrals from CPAs", "an accountant for divorcing clients' taxes"],
                offers=["family-law advice", "divorce mediation"],
                referral_sources=["CPAs", "therapists"],
                interests=["cycling"],
            ),
        )
        lee = people.add_person(
            s,
            PersonRecord(
                full_name="Lee Chen",
                title="CPA",
                networker_level=3,
                needs=["family-law advice for clients going through divorce"],
                offers=["tax filing for divorcing couples", "accounting"],
                referral_sources=["divorce attorneys", "therapists"],
                interests=["cycling"],
            ),
        )
        sam = people.add_person(
            s,
            PersonRecord(
                full_name="Sam Ortiz",
                title="Plumber",
                offers=["emergency plumbing"],
                needs=["new homeowners"],
            ),
        )
        return {"dana": dana.id, "lee": lee.id, "sam": sam.id}


def test_complementary_pair_comes_first_with_reasons_for_both(store: Store) -> None:
    ids = seed(store)
    with store.write() as s:
        found = suggest(s, limit=5, today=TODAY)
    best = found[0]
    assert {best.a_id, best.b_id} == {ids["dana"], ids["lee"]}
    assert 0 < best.score <= 1
    text = " ".join(best.reasons_a + best.reasons_b)
    assert "CPA" in text and "family-law advice" in text
    assert "plumbing" not in text


def test_for_person_and_unknown_me(store: Store) -> None:
    ids = seed(store)
    with store.write() as s:
        found = suggest(s, for_person=ids["lee"], limit=5, today=TODAY)
    assert found and all(ids["lee"] in (v.a_id, v.b_id) for v in found)
    assert {found[0].a_id, found[0].b_id} == {ids["dana"], ids["lee"]}


def test_acquainted_pairs_are_never_suggested(store: Store) -> None:
    ids = seed(store)
    with store.write() as s:
        people.add_acquaintance(
            s, people.load_person(s, ids["dana"]), people.load_person(s, ids["lee"]), "manual"
        )
        found = suggest(s, limit=10, today=TODAY)
    assert all({v.a_id, v.b_id} != {ids["dana"], ids["lee"]} for v in found)


def test_why_shows_terms_and_guards(store: Store) -> None:
    ids = seed(store)
    with store.write() as s:
        people.add_acquaintance(
            s, people.load_person(s, ids["dana"]), people.load_person(s, ids["lee"]), "manual"
        )
        result = why(s, "Dana Reyes", "Lee Chen", TODAY)
        assert "reciprocal" in result["terms"] and "already acquainted" in result["guards"]
        with pytest.raises(NetweaveError):
            why(s, "Dana Reyes", "Dana Reyes", TODAY)


def test_vectors_are_cached_and_nothing_is_embedded_twice(sqlite_store: Store) -> None:
    seed(sqlite_store)
    with sqlite_store.write() as s:
        suggest(s, limit=5, today=TODAY)
        first = DbEmbeddingCache(s).count()
    with sqlite_store.write() as s:
        suggest(s, limit=5, today=TODAY)
        assert DbEmbeddingCache(s).count() == first
        people.edit_person(
            s,
            people.find_person(s, "Sam Ortiz"),
            people.PersonPatch(add_facets={"offers": ["water heater repair"]}),
        )
    with sqlite_store.write() as s:
        suggest(s, limit=5, today=TODAY)
        grown = DbEmbeddingCache(s).count()
    from netweave.engine.text.backends import default_embedder

    if default_embedder() is not None:
        assert grown == first + 1  # only the new offer was embedded


def test_an_engine_explains_each_pair_once_and_as_the_scorer_does(sqlite_store: Store) -> None:
    from netweave.engine.explain import explain
    from netweave.services.suggestions import build_engine

    ids = seed(sqlite_store)
    with sqlite_store.read() as s:
        engine = build_engine(s, TODAY)
    i, j = engine.loaded.pos(ids["dana"]), engine.loaded.pos(ids["lee"])
    first = engine.explain(i, j)
    assert engine.explain(i, j) is first  # remembered, not recomputed
    assert first == explain(engine.scorer, i, j)
