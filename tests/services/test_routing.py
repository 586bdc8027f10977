"""Routing a request: who can help, adjustments, reasons, and the on-disk index cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy import text as sql

from netweave.db.models import Interaction, Person
from netweave.db.models_intro import Introduction, IntroductionStep
from netweave.db.store import Store
from netweave.engine.expertise import Bm25, aggregate
from netweave.engine.text.tokens import features
from netweave.services.interactions import delete_interaction
from netweave.services.people import remove_person
from netweave.services.routing import Router, route
from netweave.services.routing_index import cache_path
from tests.services.ledger_helpers import TODAY, days_ago, log, person


def _network(store: Store) -> dict[str, int]:
    with store.write() as s:
        people = {
            "broker": person(s, "Bea Broker", offers=["lease negotiation for dental offices"]),
            "baker": person(s, "Ben Baker", offers=["sourdough bread classes"]),
            "lawyer": person(
                s,
                "Lia Lawyer",
                offers=["patent prosecution for wearable sensors"],
                objectives=["grow a medical-device patent practice"],
            ),
            "busy": person(
                s, "Nat Busy", offers=["lease negotiation for dental offices"], openness="not_now"
            ),
            "noted": person(s, "Nora Notes"),
        }
        log(s, people["noted"], note="Nora walked me through wine import licensing")
        return {k: p.id for k, p in people.items()}


def _route(store: Store, tmp_path: Path, text: str, **kw: object) -> list[dict[str, object]]:
    with store.write() as s:
        found = route(s, [text], today=TODAY, data_dir=tmp_path, url=store.url, **kw)  # type: ignore[arg-type]
    return [h.as_json() for h in found[0]]


def test_best_helper_first_with_quoted_reasons(store: Store, tmp_path: Path) -> None:
    ids = _network(store)
    found = _route(store, tmp_path, "Who has done lease deals for a dental office?")
    first = found[0]
    assert first["person"] == {"id": ids["broker"], "name": "Bea Broker", "emails": []}
    assert 'offers "lease negotiation for dental offices"' in first["reasons"][0]  # type: ignore[index]
    assert "shared words: dental" in first["reasons"][0]  # type: ignore[index]
    # "not now" people are never routed to
    assert ids["busy"] not in [h["person"]["id"] for h in found]  # type: ignore[index]


def test_objectives_and_interaction_notes_count(store: Store, tmp_path: Path) -> None:
    ids = _network(store)
    assert _route(store, tmp_path, "medical device patents")[0]["person"]["id"] == ids["lawyer"]  # type: ignore[index]
    found = _route(store, tmp_path, "wine import licensing")
    assert found[0]["person"]["id"] == ids["noted"]  # type: ignore[index]
    assert found[0]["reasons"][0].startswith('noted "nora walked me through')  # type: ignore[index]


def test_ask_first_and_optin_load_lower_the_score(store: Store, tmp_path: Path) -> None:
    with store.write() as s:
        open_ = person(s, "Open Olga", offers=["tax returns for freelancers"])
        shy = person(s, "Shy Sam", offers=["tax returns for freelancers"], openness="ask_first")
        busy = person(s, "Busy Bo", offers=["tax returns for freelancers"])
        other = person(s, "Other", offers=["x"])
        intro = Introduction(a_id=busy.id, b_id=other.id, stage="asked", stage_on=days_ago(1),
                             created_on=days_ago(1))  # fmt: skip
        s.add(intro)
        s.flush()
        s.add(IntroductionStep(introduction_id=intro.id, action="ask", stage="asked",
                               person_id=busy.id, on=days_ago(1)))  # fmt: skip
    found = _route(store, tmp_path, "tax returns for a freelancer")
    order = [h["person"]["id"] for h in found]  # type: ignore[index]
    assert order[0] == open_.id and set(order[1:3]) == {shy.id, busy.id}
    reasons = {h["person"]["id"]: h["reasons"] for h in found}  # type: ignore[index]
    assert "asks to be asked first" in reasons[shy.id]
    assert any("opt-ins recently" in r for r in reasons[busy.id])


def test_strength_breaks_ties_and_requester_is_excluded(store: Store, tmp_path: Path) -> None:
    with store.write() as s:
        a = person(s, "Stranger", offers=["roof repair"])
        b = person(s, "Friend", offers=["roof repair"])
        log(s, b, on=TODAY, channel="in-person")
    found = _route(store, tmp_path, "roof repair")
    assert [h["person"]["id"] for h in found] == [b.id, a.id]  # type: ignore[index]
    found = _route(store, tmp_path, "roof repair", exclude=[b.id])
    assert [h["person"]["id"] for h in found] == [a.id]  # type: ignore[index]


def test_index_is_cached_and_rebuilt_when_the_network_changes(store: Store, tmp_path: Path) -> None:
    _network(store)
    with store.write() as s:
        assert Router(s, TODAY, tmp_path, store.url).index.built
    assert cache_path(tmp_path, store.url).exists()
    with store.write() as s:
        assert not Router(s, TODAY, tmp_path, store.url).index.built
        person(s, "Cat Cooper", offers=["barrel making"])
    with store.write() as s:
        router = Router(s, TODAY, tmp_path, store.url)
        assert router.index.built
        assert router.route("barrel making")[0].name == "Cat Cooper"


def _routing_token(store: Store) -> str:
    with store.read() as s:
        return str(s.scalar(sql("SELECT token FROM engine_state WHERE id = 2")))


def test_the_routing_token_moves_only_with_what_routing_reads(store: Store) -> None:
    """Triggers (migration 0009) renew it for items, notes and participants; not otherwise."""
    ids = _network(store)
    token = _routing_token(store)
    with store.write() as s:
        s.get(Person, ids["baker"]).full_name = "Ben B. Baker"  # type: ignore[union-attr]
        person(s, "No Offers Yet")
        log(s, [s.get(Person, ids["baker"]), s.get(Person, ids["lawyer"])])  # no note
    assert _routing_token(store) == token
    changes = [
        lambda s: log(s, s.get(Person, ids["baker"]), note="asked about rye flour"),
        lambda s: person(s, "Cat Cooper", offers=["barrel making"]),
        lambda s: remove_person(s, s.get(Person, ids["broker"])),  # its facets cascade
        lambda s: delete_interaction(
            s, s.scalar(select(Interaction.id).where(Interaction.note.is_not(None)))
        ),
    ]
    for change in changes:
        with store.write() as s:
            change(s)
        assert _routing_token(store) != token
        token = _routing_token(store)


def test_empty_network_and_empty_text(store: Store, tmp_path: Path) -> None:
    assert _route(store, tmp_path, "anything") == []
    _network(store)
    assert _route(store, tmp_path, "   ") == []


def test_bm25_is_bounded_and_aggregation_is_a_smoothed_max() -> None:
    bm = Bm25.fit(["tax returns", "tax law", "bread"])
    scores = bm.score("tax returns")
    assert scores.shape == (3,) and scores.min() >= 0 and scores.max() <= 1
    assert scores[0] > scores[1] > scores[2] == 0
    s = aggregate(np.array([0.5, 0.0, 0.0, 0.5, 0.5], np.float32), np.array([0, 0, 0, 1, 1]), 3)
    assert abs(s[0] - 0.5) < 1e-5  # non-matching items add nothing
    assert 0.5 < s[1] < 0.5 + 0.05 * np.log(2) + 1e-5  # a second good item adds tau ln 2
    assert s[2] == 0


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text("ab cd ef gh", min_size=1, max_size=20), min_size=1, max_size=12),
    query=st.text("ab cd ef gh", max_size=20),
)
def test_bm25_column_sums_equal_scipys(texts: list[str], query: str) -> None:
    """BM25 sums columns without scipy; the sums must be scipy's own sparse product."""
    import scipy.sparse as sp

    bm = Bm25.fit(texts)
    w = bm.weights
    matrix = sp.csc_matrix((w.data, w.indices, w.indptr), shape=w.shape)
    cols = np.array(sorted({bm.vocabulary[f] for f in features(query) if f in bm.vocabulary}))
    if len(cols) == 0:
        return
    counts = np.arange(1, len(cols) + 1)
    expected = np.asarray(matrix[:, cols] @ counts.astype(np.float32)).ravel()
    np.testing.assert_allclose(w.weighted_sum(cols, counts), expected, rtol=1e-5)
