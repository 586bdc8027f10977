"""Calendar events and mail as interactions."""

from __future__ import annotations

import datetime as dt

from netweave.importers.detect import parse_bytes


def test_google_calendar(parse):
    result = parse("google_calendar.ics")
    assert result.format == "ics"
    lunch, call, breakfast = result.interactions
    assert (lunch.occurred_on, lunch.channel, lunch.minutes) == (
        dt.date(2024, 3, 15),
        "in-person",
        90,
    )
    assert lunch.people == ["nadia@haddad-cpa.com", "marco@rossi-law.it"]
    assert (lunch.note, lunch.source, lunch.direction) == (
        "Lunch with Marco",
        "ics:4f1b2c3d5e6f@google.com",
        "neutral",
    )
    assert lunch.line == 26
    assert call.channel == "video" and call.minutes == 30
    assert "soren@kh-advokat.dk" not in call.people  # declined
    assert breakfast.minutes is None and breakfast.channel == "in-person"
    assert [(r.line, r.reason) for r in result.rejected] == [
        (55, "event 'Out of office' has no attendee emails"),
        (62, "event has no readable start date (DTSTART)"),
    ]


def test_outlook_calendar(parse):
    result = parse("outlook_calendar.ics")
    teams, phone = result.interactions
    assert teams.channel == "video" and teams.minutes == 45
    assert teams.people == ["j.mueller@kanzlei-mueller.de", "chloe@martin.fr"]  # no room
    assert teams.note == "Mandantenübergabe Martin"
    assert phone.channel == "call" and phone.occurred_on == dt.date(2024, 4, 23)
    assert result.rejected[0].reason == "event 'Abgesagt: Kaffee' was cancelled"


def test_mbox_headers_only(parse):
    result = parse("thunderbird_local_folder.mbox")
    assert result.format == "mbox"
    intro, reply = result.interactions
    assert intro.people == ["nadia@haddad-cpa.com", "marco@rossi-law.it", "zoe@nordlys.se"]
    assert (intro.channel, intro.direction, intro.note) == (
        "email",
        "neutral",
        "Intro: Marco ↔ Zoë",
    )
    assert intro.source == "mail:CAF1234abcd@mail.gmail.com"
    assert intro.occurred_on == dt.date(2024, 3, 15) and intro.line == 1
    assert reply.people[0] == "marco@rossi-law.it"  # the sender comes first
    assert reply.source.startswith("mail:sha1:") and reply.line == 25
    assert [(r.line, r.reason) for r in result.rejected] == [
        (16, "unreadable Date header: 'sometime next week'")
    ]
    assert not any("body" in (i.note or "") for i in result.interactions)


def test_eml(parse):
    result = parse("outlook_message.eml")
    assert result.format == "eml"
    (message,) = result.interactions
    assert message.people == ["chloe@martin.fr", "j.mueller@kanzlei-mueller.de"]
    assert message.note == "Merci pour l'échange"
    assert message.source == "mail:AM0PR01MB1234.eurprd01.prod.outlook.com"


def test_mbox_without_date_uses_separator_date():
    data = b"From a@b.c Mon Mar 18 09:30:00 2024\nFrom: a@b.c\nTo: d@e.f\nSubject: hi\n\nx\n"
    (message,) = parse_bytes(data, "x.mbox").interactions
    assert message.occurred_on == dt.date(2024, 3, 18)
