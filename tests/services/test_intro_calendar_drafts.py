"""The iCalendar feed (parsed back with icalendar) and drafts built from the database."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from netweave.db.store import Store
from netweave.importers.records import Labelled
from netweave.services import intro_drafts
from netweave.services import introductions as intros
from netweave.services.calendar import calendar_feed
from netweave.services.me import set_me
from netweave.services.people import PersonPatch
from tests.services.intro_helpers import begin, day, introduced
from tests.services.ledger_helpers import person


def _events(data: bytes) -> dict[str, dict[str, object]]:
    cal = Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and cal["METHOD"] == "PUBLISH" and "netweave" in cal["PRODID"]
    out = {}
    for event in cal.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all-day
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 10, 20, tzinfo=dt.UTC)
        out[str(event["UID"])] = {
            "on": start,
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
        }
    return out


def test_feed_has_follow_ups_nudges_and_keep_in_touch_with_stable_uids(store: Store) -> None:
    with store.write() as s:
        a, b = person(s, "Ann", tier="dormant"), person(s, "Ben", tier="dormant")
        c = person(s, "Cat", tier="inner", met_on=day(10))
        made = introduced(s, a, b, on=1).id
        asked = begin(s, c, a, day(15)).id
        intros.ask(s, asked, day(15), day(15))
    with store.read() as s:
        first, again = calendar_feed(s, day(19)), calendar_feed(s, day(19))
    assert first == again
    events = _events(first)
    assert set(events) == {
        f"follow-up-{made}@netweave.local",
        f"nudge-{asked}@netweave.local",
        f"keep-in-touch-{c.id}@netweave.local",
    }
    follow = events[f"follow-up-{made}@netweave.local"]
    assert follow["on"] == day(22) and follow["summary"] == "Follow up with Ann and Ben"
    assert events[f"nudge-{asked}@netweave.local"]["on"] == day(22)
    assert events[f"keep-in-touch-{c.id}@netweave.local"]["on"] == day(24)


def test_drafts_use_links_reasons_and_common_ground(store: Store) -> None:
    with store.write() as s:
        set_me(s, "Robin Vale", PersonPatch(add_emails=["robin@vale.io"]))
        me = set_me(s, None, PersonPatch(add_facets={"interests": ["cycling", "fajitas"]}))
        dana = person(
            s,
            "Dana Reyes",
            organisation="Reyes Law",
            title="Family-law attorney",
            emails=[Labelled("dana@reyes.law")],
            links=[
                Labelled("https://reyes.law"),
                Labelled("https://www.linkedin.com/in/dana"),
                Labelled("https://reyes.law/guide.pdf", "sample"),
            ],
            interests=["road cycling", "opera"],
            needs=["referrals from CPAs"],
            where_met="the BNI lunch",
        )
        lee = person(s, "Lee Chen", emails=[Labelled("lee@chen.cpa")])
        iid = begin(s, dana, lee, reasons_a=["Lee is a CPA."], reasons_b=["Dana refers."]).id
        ask = intro_drafts.optin_ask(s, iid)
        intros.ask(s, iid, day(0), day(0))
        intros.answer(s, iid, True, day(0), day(0))
        ask_b = intro_drafts.optin_ask(s, iid)
        connect = intro_drafts.connection_request(s, dana)
        sender = intro_drafts.sender(s)
        assert me.id != dana.id
    assert ask.to == ("dana@reyes.law",) and "- Lee is a CPA." in ask.body
    assert ask.body.rstrip().endswith("Robin Vale")
    assert ask_b.to == ("lee@chen.cpa",) and "- Dana refers." in ask_b.body
    assert "LinkedIn: https://www.linkedin.com/in/dana" in ask_b.body
    assert "work sample: https://reyes.law/guide.pdf" in ask_b.body
    assert "Family-law attorney at Reyes Law" in ask_b.body
    assert "road cycling" in connect.body and "opera" not in connect.body
    assert "referrals from CPAs" in connect.body and "at the BNI lunch" in connect.subject
    assert "add you to my network" not in connect.body
    assert sender == "robin@vale.io"


def test_follow_up_drafts_go_to_each_side(store: Store) -> None:
    with store.write() as s:
        a = person(s, "Ann", emails=[Labelled("ann@x.org")])
        b = person(s, "Ben", emails=[Labelled("ben@x.org")])
        iid = introduced(s, a, b, on=2).id
        intros.met(s, iid, day(9), day(9))
        drafts = intro_drafts.follow_ups(s, iid)
        introduction = intro_drafts.introduction(s, iid)
    assert [d.to for d in drafts] == [("ann@x.org",), ("ben@x.org",)]
    assert "You and Ben met on 2026-10-10" in drafts[0].body
    assert introduction.to == ("ann@x.org", "ben@x.org")
