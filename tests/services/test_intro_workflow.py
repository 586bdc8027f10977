"""The introduction workflow on a fixed clock: transitions, refusals, no pressure, ledger."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netweave.db.models import ContactSummary, Interaction
from netweave.db.models_intro import Debrief, IntroductionStep
from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.services import introductions as intros
from netweave.services.intro_stages import Action, IllegalTransition
from netweave.services.intro_views import introduction_detail, list_introductions
from netweave.services.me import set_me
from netweave.services.people import PersonPatch
from tests.services.intro_helpers import begin, day, introduced
from tests.services.ledger_helpers import person


def _stage(store: Store, intro_id: int) -> str:
    with store.read() as s:
        return str(introduction_detail(s, intro_id)["stage"])


def test_full_lifecycle_is_dated_and_kept_as_history(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        iid = begin(s, a, b, day(0), why="both serve divorcing clients").id
        intros.ask(s, iid, day(0), day(0))
        intros.answer(s, iid, True, day(2), day(2))
        intros.ask(s, iid, day(2), day(2))
        intros.answer(s, iid, True, day(4), day(4), "keen")
        intros.introduce(s, iid, day(5), day(5))
        intros.met(s, iid, day(12), day(12))
        intros.sweep(s, day(33))  # 21 days after they met
        intros.follow_up(s, iid, day(34), day(34))
        sides = {"a": intros.SideOutcome(5, business=True), "b": intros.SideOutcome(3)}
        intros.debrief(s, iid, sides, day(35), day(35))
        intros.finish(s, iid, Action.CLOSE, day(36), day(36))
    with store.read() as s:
        detail = introduction_detail(s, iid)
    steps = [(h["on"], h["action"], h["to"]) for h in detail["history"]]
    assert steps == [
        (str(day(0)), "start", "suggested"),
        (str(day(0)), "ask", "asked_a"),
        (str(day(2)), "agree", "a_agreed"),
        (str(day(2)), "ask", "asked_b"),
        (str(day(4)), "agree", "b_agreed"),
        (str(day(5)), "introduce", "introduced"),
        (str(day(12)), "met", "met"),
        (str(day(33)), "fall_due", "follow_up_due"),
        (str(day(34)), "follow_up", "follow_up_due"),
        (str(day(35)), "debrief", "debriefed"),
        (str(day(36)), "close", "closed"),
    ]
    assert detail["history"][4]["note"] == "keen"
    assert [h["person_id"] for h in detail["history"][1:5]] == [a.id, a.id, b.id, b.id]
    assert [(d["side"], d["outcome"], d["business"]) for d in detail["debriefs"]] == [
        ("a", 5, True),
        ("b", 3, False),
    ]
    assert detail["allowed"] == [] and detail["next"] is None


def test_illegal_transitions_are_refused_naming_the_allowed_ones(store: Store) -> None:
    with store.write() as s:
        iid = begin(s, person(s, "Ann"), person(s, "Ben")).id
    for verb in (
        lambda s: intros.answer(s, iid, True, day(0), day(0)),
        lambda s: intros.introduce(s, iid, day(0), day(0)),
        lambda s: intros.met(s, iid, day(0), day(0)),
        lambda s: intros.follow_up(s, iid, day(0), day(0)),
        lambda s: intros.finish(s, iid, Action.CLOSE, day(0), day(0)),
    ):
        with (
            store.write() as s,
            pytest.raises(IllegalTransition, match="allowed now: ask, dismiss"),
        ):
            verb(s)
    with store.write() as s:
        intros.finish(s, iid, Action.DISMISS, day(1), day(1))
    with store.write() as s, pytest.raises(IllegalTransition, match="accepts nothing"):
        intros.ask(s, iid, day(2), day(2))
    assert _stage(store, iid) == "dismissed"


def test_dates_in_the_future_or_before_the_last_step_are_refused(store: Store) -> None:
    with store.write() as s:
        iid = begin(s, person(s, "Ann"), person(s, "Ben"), day(5)).id
    with store.write() as s, pytest.raises(NetweaveError, match="in the future"):
        intros.ask(s, iid, day(9), day(8))
    with store.write() as s, pytest.raises(NetweaveError, match="before the introduction's last"):
        intros.ask(s, iid, day(4), day(8))
    with store.write() as s, pytest.raises(NetweaveError, match="outcome is 1 to 5"):
        intros.debrief(s, iid, {"a": intros.SideOutcome(6)}, day(8), day(8))
    with store.write() as s, pytest.raises(NetweaveError, match="at least one side"):
        intros.debrief(s, iid, {}, day(8), day(8))


def test_start_refuses_the_same_person_me_and_an_open_pair(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        me = set_me(s, "Robin", PersonPatch())
        begin(s, a, b)
    with store.write() as s, pytest.raises(NetweaveError, match="two different people"):
        begin(s, a, a)
    with store.write() as s, pytest.raises(NetweaveError, match="you are the connector"):
        begin(s, a, me)
    with store.write() as s, pytest.raises(NetweaveError, match="already have introduction #1"):
        begin(s, b, a)


def test_a_decline_closes_records_who_and_cools_them_down(store: Store) -> None:
    with store.write() as s:
        a, b, c = person(s, "Ann"), person(s, "Ben"), person(s, "Cat")
        iid = begin(s, a, b).id
        intros.ask(s, iid, day(0), day(0))
        intros.answer(s, iid, False, day(3), day(3), "busy")
        other = begin(s, a, c, day(4)).id
    with store.read() as s:
        detail = introduction_detail(s, iid)
    assert detail["stage"] == "a_declined" and detail["declined_by"]["name"] == "Ann"
    # Ann is not asked again during the 90-day cool-down, whoever the other person is.
    with store.write() as s, pytest.raises(NetweaveError, match="declined an introduction on"):
        intros.ask(s, other, day(50), day(50))
    with store.write() as s:
        intros.ask(s, other, day(3 + 90), day(3 + 90))
    # The pair itself stays blocked for 180 days: a new start needs --anyway.
    with store.write() as s, pytest.raises(NetweaveError, match="cooling down"):
        begin(s, b, a, day(100))
    with store.write() as s:
        assert begin(s, b, a, day(3 + 180)).id > other


def test_b_declining_closes_too_and_not_now_is_never_asked(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben", openness="not_now")
        iid = begin(s, a, b).id
        intros.ask(s, iid, day(0), day(0))
        intros.answer(s, iid, True, day(1), day(1))
    with store.write() as s, pytest.raises(NetweaveError, match="not open to introductions"):
        intros.ask(s, iid, day(2), day(2))
    with store.write() as s:
        s.get(type(b), b.id).openness = "open"  # type: ignore[union-attr]
        intros.ask(s, iid, day(2), day(2))
        intros.answer(s, iid, False, day(3), day(3))
    with store.read() as s:
        detail = introduction_detail(s, iid)
    assert (detail["stage"], detail["declined_by"]["name"]) == ("b_declined", "Ben")


def test_nudge_once_after_seven_days_then_close_seven_days_later(store: Store) -> None:
    with store.write() as s:
        iid = begin(s, person(s, "Ann"), person(s, "Ben")).id
        intros.ask(s, iid, day(0), day(0))
    with store.write() as s, pytest.raises(NetweaveError, match="too early to nudge"):
        intros.nudge(s, iid, day(6), day(6))
    with store.write() as s:
        intros.nudge(s, iid, day(9), day(9))
    with store.write() as s, pytest.raises(NetweaveError, match="already nudged on"):
        intros.nudge(s, iid, day(10), day(10))
    with store.write() as s:
        assert intros.sweep(s, day(15)) == {}
        assert intros.sweep(s, day(16)) == {iid: ["expire"]}  # 7 days after the nudge
        assert intros.sweep(s, day(40)) == {}
    with store.read() as s:
        detail = introduction_detail(s, iid)
    assert detail["stage"] == "no_reply" and detail["since"] == str(day(16))


def test_an_unnudged_ask_closes_after_twice_the_delay_dated_on_its_rule(store: Store) -> None:
    with store.write() as s:
        iid = begin(s, person(s, "Ann"), person(s, "Ben")).id
        intros.ask(s, iid, day(0), day(0))
        intros.sweep(s, day(13))
        assert list_introductions(s)[0]["stage"] == "asked_a"
        intros.sweep(s, day(60))  # late sweep: the step is still dated on day 14
    with store.read() as s:
        assert introduction_detail(s, iid)["history"][-1]["on"] == str(day(14))


def test_a_late_answer_dated_before_the_no_reply_date_still_counts(store: Store) -> None:
    with store.write() as s:
        iid = begin(s, person(s, "Ann"), person(s, "Ben")).id
        intros.ask(s, iid, day(0), day(0))
        intros.answer(s, iid, True, day(10), day(30))  # recorded late, answered on day 10
    assert _stage(store, iid) == "a_agreed"


def test_follow_up_falls_due_21_days_after_they_met_or_the_introduction(store: Store) -> None:
    with store.write() as s:
        a, b, c, d = (person(s, n) for n in ("Ann", "Ben", "Cat", "Dan"))
        met_id = introduced(s, a, b).id
        intros.met(s, met_id, day(10), day(10))
        lone_id = introduced(s, c, d).id
        intros.sweep(s, day(20))
        assert [r["stage"] for r in list_introductions(s)] == ["met", "introduced"]
        assert intros.sweep(s, day(21)) == {lone_id: ["fall_due"]}
        assert intros.sweep(s, day(31)) == {met_id: ["fall_due"]}


def test_a_meeting_logged_after_the_follow_up_fell_due_moves_it_on(store: Store) -> None:
    with store.write() as s:
        iid = introduced(s, person(s, "Ann"), person(s, "Ben")).id
        intros.sweep(s, day(25))
        intros.met(s, iid, day(18), day(25))  # met before the due date, logged after it
    with store.read() as s:
        detail = introduction_detail(s, iid)
    assert (detail["stage"], detail["met_on"]) == ("met", str(day(18)))
    assert detail["next"] == {"what": "follow-up", "on": str(day(39))}
    with store.write() as s, pytest.raises(NetweaveError, match="already recorded"):
        intros.met(s, iid, day(26), day(26))


def test_introduce_is_a_give_to_both_and_refreshes_the_contact_summary(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        iid = introduced(s, a, b, on=3).id
        intros.follow_up(s, iid, day(20), day(20))
    with store.read() as s:
        logged = s.scalars(select(Interaction).order_by(Interaction.id)).all()
        summary = {
            r.person_id: (r.gives, r.interactions) for r in s.scalars(select(ContactSummary))
        }
        detail = introduction_detail(s, iid)
        give, check_in = logged
        assert (give.direction, give.give_kind, give.occurred_on) == (
            "give",
            "introduction",
            day(3),
        )
        assert sorted(p.person_id for p in give.participants) == [a.id, b.id]
        assert check_in.follow_up_of == give.id == detail["interaction_id"]
    assert summary[a.id] == (1, 2) and summary[b.id] == (1, 2)


def test_debrief_sides_can_come_separately_and_replace(store: Store) -> None:
    with store.write() as s:
        iid = introduced(s, person(s, "Ann"), person(s, "Ben")).id
        intros.debrief(s, iid, {"a": intros.SideOutcome(2)}, day(5), day(5))
        intros.debrief(s, iid, {"b": intros.SideOutcome(4, referral=True)}, day(6), day(6))
        intros.debrief(s, iid, {"a": intros.SideOutcome(3, notes=" ok ")}, day(7), day(7))
    with store.read() as s:
        rows = s.scalars(select(Debrief).order_by(Debrief.person_id)).all()
        sides = [(r.outcome, r.referral, r.notes) for r in rows]
        steps = s.scalars(select(IntroductionStep.action)).all()
    assert sides == [(3, False, "ok"), (4, True, None)]
    assert steps.count("debrief") == 3


def test_list_filters_by_stage(store: Store) -> None:
    with store.write() as s:
        a, b, c = person(s, "Ann"), person(s, "Ben"), person(s, "Cat")
        begin(s, a, b)
        intros.ask(s, begin(s, a, c).id, day(1), day(1))
    with store.read() as s:
        assert [r["b"]["name"] for r in list_introductions(s, "asked_a")] == ["Cat"]
        assert len(list_introductions(s)) == 2
        with pytest.raises(NetweaveError, match="unknown stage"):
            list_introductions(s, "limbo")
