"""An iCalendar feed of what is due: introduction follow-ups, nudges and keep-in-touch dates.

One all-day VEVENT per item, with a UID derived from what it is about (`follow-up-7@…`,
`nudge-7@…`, `keep-in-touch-12@…`), so re-importing or subscribing again updates events
instead of duplicating them. DTSTAMP is the start of `today` (UTC): the feed is a pure
function of the data and the date. Keep-in-touch dates run from overdue ones up to
`KEEP_IN_TOUCH_HORIZON_DAYS` ahead, at most `KEEP_IN_TOUCH_LIMIT` of them, soonest first.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event
from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from netweave.db.models import ContactSummary, Person
from netweave.services.intro_due import introduction_dates
from netweave.services.keep_in_touch import cadence_expr, clock_start_expr
from netweave.services.me import me_id

PRODID = "-//netweave//netweave due dates//EN"
UID_DOMAIN = "netweave.local"
KEEP_IN_TOUCH_HORIZON_DAYS = 90
KEEP_IN_TOUCH_LIMIT = 1000


def _event(uid: str, on: dt.date, summary: str, description: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", on)  # a date: VALUE=DATE, an all-day event
    event.add("dtend", on + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def keep_in_touch_dates(
    session: Session, today: dt.date, horizon: int = KEEP_IN_TOUCH_HORIZON_DAYS
) -> list[tuple[int, str, dt.date, int]]:
    """(person id, name, next contact date, cadence) up to `horizon` days ahead."""
    due_day = clock_start_expr() + cadence_expr()
    query = (
        select(Person.id, Person.full_name, due_day, cadence_expr())
        .outerjoin(ContactSummary, ContactSummary.person_id == Person.id)
        .where(cadence_expr().is_not(None), due_day <= literal(today.toordinal() + horizon))
        .order_by(due_day, Person.id)
        .limit(KEEP_IN_TOUCH_LIMIT)
    )
    mine = me_id(session)
    if mine is not None:
        query = query.where(Person.id != mine)
    return [
        (int(pid), name, dt.date.fromordinal(int(day)), int(cadence))
        for pid, name, day, cadence in session.execute(query)
    ]


def calendar_feed(session: Session, today: dt.date) -> bytes:
    """Every due (and upcoming) follow-up, nudge and keep-in-touch date as iCalendar."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "netweave")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for item in introduction_dates(session, today):
        names = " and ".join(name for _pid, name in item.people)
        verb = "Follow up with" if item.kind == "follow-up" else "Nudge"
        uid = f"{item.kind}-{item.intro_id}"
        cal.add_component(_event(uid, item.due_on, f"{verb} {names}", item.reason, stamp))
    for pid, name, on, cadence in keep_in_touch_dates(session, today):
        description = f"keep in touch every {cadence} days (netweave person #{pid})"
        cal.add_component(
            _event(f"keep-in-touch-{pid}", on, f"Keep in touch: {name}", description, stamp)
        )
    return bytes(cal.to_ical())
