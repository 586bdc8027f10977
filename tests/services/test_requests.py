"""Requests: record and refine, link introductions, outcome checks in `due`, two back."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.db.models_intro import Introduction
from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.services import requests as service
from netweave.services.keep_in_touch import due
from netweave.services.request_refine import Refinement
from tests.services.ledger_helpers import TODAY, days_ago, person
from tests.services.request_helpers import engine_network


def test_raw_and_refined_text_are_both_kept(store: Store) -> None:
    with store.write() as s:
        dana = person(s, "Dana Reyes")
        r = service.add_request(
            s, "Can I pick your brain?", today=TODAY, requester="Dana Reyes",
            refinement=Refinement(goal="open a second clinic", ask="Who negotiates dental leases?"),
        )  # fmt: skip
        view = service.request_view(s, r)
    assert view["from"] == {"id": dana.id, "name": "Dana Reyes"}
    assert view["raw_text"] == "Can I pick your brain?" and view["vague"]
    assert view["text"] == "Who negotiates dental leases? open a second clinic."
    assert view["refined"] and view["check_on"] == "2026-12-07"


def test_mine_when_no_requester_and_list_by_status(store: Store) -> None:
    with store.write() as s:
        a = service.add_request(s, "Who audits biotech labs?", today=days_ago(3))
        b = service.add_request(s, "Who repairs roofs?", today=TODAY)
        service.close_request(s, a.id, TODAY, "found one")
        assert [v["id"] for v in service.list_requests(s)] == [b.id]
        assert [v["id"] for v in service.list_requests(s, None)] == [b.id, a.id]
        assert service.request_view(s, a)["from"] is None
        with pytest.raises(NetweaveError, match="already closed"):
            service.close_request(s, a.id, TODAY)
        with pytest.raises(NetweaveError, match="needs some text"):
            service.add_request(s, "  ", today=TODAY)


def test_open_loops_fall_due_and_close_the_loop(store: Store) -> None:
    with store.write() as s:
        ann, _bob, cy = (person(s, n) for n in ("Ann", "Bob", "Cy"))
        r = service.add_request(s, "Who has sold a bakery?", today=days_ago(14), requester="Ann")
        later = service.add_request(s, "Who fixes boilers?", today=days_ago(13), requester="Bob")
        intro = Introduction(a_id=ann.id, b_id=cy.id, stage="introduced", stage_on=days_ago(5),
                             created_on=days_ago(6))  # fmt: skip
        s.add(intro)
        s.flush()
        service.link_introduction(s, r.id, intro.id)
    with store.read() as s:
        items = [i for i in due(s, TODAY).items if i.kind == "request"]
    assert [(i.person, i.due_on) for i in items] == [("Ann", TODAY)]
    assert "led to 1 introduction" in items[0].reason
    with store.write() as s:
        assert [i["id"] for i in service.request_view(s, r)["introductions"]] == [intro.id]
        service.check_request(s, r.id, TODAY)  # still open: next check in 14 days
    with store.read() as s:
        assert not [i for i in due(s, TODAY).items if i.kind == "request"]
        nxt = [i.person for i in due(s, TODAY + dt.timedelta(days=14)).items if i.kind == "request"]
    assert sorted(nxt) == ["Ann", "Bob"]
    with store.write() as s:
        service.close_request(s, r.id, TODAY, "sold")
        service.delete_request(s, later.id)
        assert s.get(Introduction, intro.id) is not None
    with store.read() as s:
        assert not [i for i in due(s, TODAY + dt.timedelta(days=30)).items if i.kind == "request"]


def test_two_connections_back_with_a_note_naming_them(store: Store) -> None:
    with store.write() as s:
        net = engine_network(s)
        r = service.add_request(s, "Who sells ovens?", today=TODAY, requester="dana@reyes.law")
        result = service.two_back(s, r.id, today=TODAY, thanks_for="asking so clearly")
        mine = service.add_request(s, "Who fixes boilers?", today=TODAY)
        with pytest.raises(NetweaveError, match="is mine"):
            service.two_back(s, mine.id, today=TODAY)
    names = [p["name"] for p in result.people]
    assert sorted(names) == ["Lee Chen", "Tia Torres"]
    assert all(p["reasons"] for p in result.people)
    assert result.draft.to == ("dana@reyes.law",)
    assert result.draft.body.startswith("Hi Dana,\n\nThank you for asking so clearly.")
    for name in names:
        assert f"- {name}" in result.draft.body
    assert net["sam"].full_name not in result.draft.body
