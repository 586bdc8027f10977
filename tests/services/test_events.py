"""Events: attendees merged with people, whom to meet (new first), follow-ups after."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netweave.db.models import Interaction
from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.services import events as service
from netweave.services.keep_in_touch import due
from tests.services.ledger_helpers import TODAY, days_ago, log, person
from tests.services.request_helpers import engine_network

ON = days_ago(3)


def test_attendees_merge_with_existing_people(store: Store) -> None:
    with store.write() as s:
        known = person(s, "Kim Known", emails=[])
        event = service.add_event(s, "Summit", ON, "Austin")
        parsed = service.parse_attendees(
            ["Kim Known", "Nia New <NIA@new.example>", "ora@solo.example", "<broken"]
        )
        done = service.import_attendees(s, event, parsed, "--attendee")
        view = service.event_view(s, event)
    assert [r.line for r in parsed.rejected] == [4]
    assert done.summary.added == 2 and done.added_to_event == 3
    assert {a["name"] for a in view["attendees"]} == {"Kim Known", "Nia New", "ora"}
    assert known.id in {a["id"] for a in view["attendees"]}
    with store.write() as s, pytest.raises(NetweaveError, match="already an event"):
        service.add_event(s, "summit", ON)


def test_plan_puts_new_people_first_and_pairs_attendees(store: Store, tmp_path: Path) -> None:
    with store.write() as s:
        net = engine_network(s)
        log(s, net["lee"], on=days_ago(30))  # Lee is known, Dana and Tia are new to me
        event = service.add_event(s, "Summit", ON)
        lines = [p.full_name for p in (net["lee"], net["dana"], net["tia"])]
        service.import_attendees(s, event, service.parse_attendees(lines), "x")
        result = service.plan(s, event, today=TODAY, data_dir=tmp_path, url=store.url)
    meet = result["meet"]
    assert [m["new"] for m in meet] == [True, True, False]
    assert meet[2]["person"]["name"] == "Lee Chen"
    # Dana's best match I know (Lee) gives her synergy; Tia's best is Dana, whom I don't know
    assert meet[0]["person"]["name"] == "Dana Reyes" and meet[0]["synergy"] > 0
    assert any("whom you know" in r for r in meet[0]["reasons"])
    pairs = [{v["a"]["name"], v["b"]["name"]} for v in result["introductions"]]
    assert {"Dana Reyes", "Tia Torres"} in pairs and {"Dana Reyes", "Lee Chen"} in pairs


def test_followup_logs_event_interactions_and_queues_follow_ups(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Bob")
        event = service.add_event(s, "Summit", ON)
        done = service.followup(s, event, ["Ann", str(b.id)], today=TODAY)
        logged = [s.get(Interaction, d["interaction"]) for d in done]
    assert all(i is not None and i.channel == "event" and i.event == "Summit" for i in logged)
    assert all(i is not None and i.occurred_on == ON for i in logged)
    with store.read() as s:
        items = [i for i in due(s, TODAY).items if i.kind == "event-follow-up"]
    assert {i.person for i in items} == {"Ann", "Bob"}
    with store.write() as s:
        log(s, a, on=TODAY)  # followed up with Ann
    with store.read() as s:
        items = [i for i in due(s, TODAY).items if i.kind == "event-follow-up"]
        late = [
            i for i in due(s, TODAY + dt.timedelta(days=40)).items if i.kind == "event-follow-up"
        ]
    assert [i.person for i in items] == ["Bob"] and late == []
    with store.write() as s, pytest.raises(NetweaveError, match="follow up after it"):
        service.followup(s, service.add_event(s, "Later", TODAY + dt.timedelta(days=5)),
                         ["Ann"], today=TODAY)  # fmt: skip
