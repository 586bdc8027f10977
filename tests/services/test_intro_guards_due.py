"""Guards for the engine, due items, the week plan, goals, ROT and the rules' settings."""

from __future__ import annotations

import pytest

from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.services import introductions as intros
from netweave.services.cooldown import blocked_pairs, cooled_down, optin_load
from netweave.services.goals import count_follow_ups, count_introductions
from netweave.services.intro_rules import IntroRules, load_rules, save_rules
from netweave.services.intro_stages import Action
from netweave.services.keep_in_touch import due
from netweave.services.rot import rot_report
from netweave.services.week import week_plan
from tests.services.intro_helpers import begin, day, introduced
from tests.services.ledger_helpers import person


def test_blocked_pairs_open_recent_and_expired(store: Store) -> None:
    with store.write() as s:
        a, b, c, d, e = (person(s, n, tier="dormant") for n in "ABCDE")
        begin(s, a, b, day(0))  # open
        made = introduced(s, c, d, on=0).id  # introduced, then closed
        intros.finish(s, made, Action.CLOSE, day(30), day(30))
        gone = begin(s, e, a, day(0)).id
        intros.finish(s, gone, Action.DISMISS, day(10), day(10))  # dismissed
        ids = {p.full_name: p.id for p in (a, b, c, d, e)}
    pair = lambda x, y: tuple(sorted((ids[x], ids[y])))  # noqa: E731
    with store.read() as s:
        assert set(blocked_pairs(s, day(20))) == {pair("A", "B"), pair("C", "D"), pair("A", "E")}
        # Introduced on day 0: blocked for 180 days; dismissed on day 10: until day 190.
        assert set(blocked_pairs(s, day(185))) == {pair("A", "B"), pair("A", "E")}
        assert blocked_pairs(s, day(190)) == [pair("A", "B")]
        assert blocked_pairs(s, day(190), IntroRules(pair_cooldown_days=500)) == sorted(
            [pair("A", "B"), pair("C", "D"), pair("A", "E")]
        )


def test_optin_load_decays_with_a_30_day_half_life(store: Store) -> None:
    with store.write() as s:
        a, b, c = person(s, "Ann"), person(s, "Ben"), person(s, "Cat")
        first = begin(s, a, b, day(0)).id
        intros.ask(s, first, day(0), day(0))
        intros.answer(s, first, True, day(0), day(0))
        intros.ask(s, first, day(30), day(30))  # Ben asked on day 30
        intros.ask(s, begin(s, a, c, day(30)).id, day(30), day(30))  # Ann again on day 30
    with store.read() as s:
        load = optin_load(s, day(60))
    assert load[a.id] == pytest.approx(0.25 + 0.5)
    assert load[b.id] == pytest.approx(0.5)
    assert c.id not in load


def test_cooled_down_for_90_days_after_a_decline(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        iid = begin(s, a, b).id
        intros.ask(s, iid, day(0), day(0))
        intros.answer(s, iid, False, day(1), day(1))
    with store.read() as s:
        assert cooled_down(s, day(1)) == {a.id}
        assert cooled_down(s, day(90)) == {a.id}
        assert cooled_down(s, day(91)) == set()


def test_rules_are_stored_and_checked(store: Store) -> None:
    with store.write() as s:
        assert load_rules(s) == IntroRules()
        save_rules(s, {"nudge_after_days": 3, "follow_up_days": None})
        with pytest.raises(NetweaveError, match="follow-up-days must be between 14 and 30"):
            save_rules(s, {"follow_up_days": 40})
    with store.read() as s:
        assert load_rules(s) == IntroRules(nudge_after_days=3)


def test_due_lists_nudges_and_follow_ups_and_the_legacy_source_skips_them(store: Store) -> None:
    with store.write() as s:
        a, b, c, d = (person(s, n, tier="dormant") for n in ("Ann", "Ben", "Cat", "Dan"))
        asked = begin(s, a, b).id
        intros.ask(s, asked, day(0), day(0))
        made = introduced(s, c, d, on=0).id
    with store.read() as s:
        assert due(s, day(6)).items == []
        seven = due(s, day(7))
        assert [(i.kind, i.person) for i in seven.items] == [("nudge", "Ann")]
        assert "netweave intro nudge" in seven.items[0].reason
        late = due(s, day(21))  # the ask expired on day 14; Cat and Dan are due a follow-up
        assert sorted((i.kind, i.person) for i in late.items) == [
            ("follow-up", "Cat"),
            ("follow-up", "Dan"),
        ]
        assert late.by_kind == {"follow-up": 2}  # not counted twice by the legacy source
    with store.write() as s:
        intros.follow_up(s, made, day(22), day(22))
    with store.read() as s:
        assert due(s, day(23)).items == []


def test_week_plan_lists_follow_ups_falling_due_this_week(store: Store) -> None:
    with store.write() as s:
        introduced(s, person(s, "Ann", tier="dormant"), person(s, "Ben", tier="dormant"), on=0)
    with store.read() as s:
        # day(21) is a Thursday: the week of day(18) (Monday) ends on day(24).
        plan = week_plan(s, day(18))
    assert sorted(f.person for f in plan.follow_ups) == ["Ann", "Ben"]


def test_goals_count_introductions_and_follow_ups(store: Store) -> None:
    with store.write() as s:
        a, b, c, d = (person(s, n) for n in ("Ann", "Ben", "Cat", "Dan"))
        first = introduced(s, a, b, on=1).id
        second = introduced(s, c, d, on=2).id
        intros.follow_up(s, first, day(20), day(20))
        intros.debrief(s, second, {"a": intros.SideOutcome(4)}, day(25), day(25))
        intros.debrief(s, first, {"a": intros.SideOutcome(4)}, day(26), day(26))
    with store.read() as s:
        assert count_introductions(s, day(0), day(30)) == {day(1): 1, day(2): 1}
        # The follow-up sent counts, and so does the debrief of the one never followed up.
        assert count_follow_ups(s, day(0), day(30)) == {day(20): 1, day(25): 1}


def test_debriefs_count_toward_return_on_time(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann"), person(s, "Ben")
        iid = introduced(s, a, b, on=1).id
        sides = {
            "a": intros.SideOutcome(5, business=True),
            "b": intros.SideOutcome(3, referral=True),
        }
        intros.debrief(s, iid, sides, day(40), day(40))
    with store.read() as s:
        months = {r.key: r for r in rot_report(s, "month")}
        people = {r.name: r for r in rot_report(s, "person")}
        channels = {r.key: r for r in rot_report(s, "channel")}
    november = months["2026-11"]  # day 40 = 10 November; it has no hours of its own
    assert (november.debriefs, november.business, november.referrals) == (2, 1, 1)
    assert november.points == pytest.approx(1.0 + 0.6 + 3 + 1)
    assert november.rot is None and months["2026-10"].debriefs == 0
    assert people["Ann"].points == pytest.approx(1.0 + 3) and people["Ben"].referrals == 1
    assert channels["email"].debriefs == 2 and channels["email"].hours > 0
