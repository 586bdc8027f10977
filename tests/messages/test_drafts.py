"""Drafts: text, .eml and mailto from templates the user can override."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from netweave.errors import NetweaveError
from netweave.messages.drafts import render

ME = {"name": "Robin Vale"}
DANA = {
    "name": "Dana Reyes",
    "first_name": "Dana",
    "title": "Family-law attorney",
    "organisation": "Reyes Law",
    "role": "Family-law attorney at Reyes Law",
    "email": "dana@reyes.law",
    "website": "https://reyes.law",
    "linkedin": "https://www.linkedin.com/in/danareyes",
    "samples": ["https://reyes.law/guide.pdf"],
    "links": [{"kind": "website", "url": "https://reyes.law"}],
}
LEE = {
    "name": "Lee Chen",
    "first_name": "Lee",
    "title": "CPA",
    "organisation": None,
    "role": "CPA",
    "email": "lee@chen.cpa",
    "website": None,
    "linkedin": None,
    "samples": [],
    "links": [],
}


def optin(user_dir: Path | None = None):  # type: ignore[no-untyped-def]
    context = {
        "me": ME,
        "me_to": LEE,
        "other": DANA,
        "why": "",
        "gains": ["Dana needs referrals from CPAs; you are a CPA."],
    }
    return render("optin_ask", context, ["lee@chen.cpa"], user_dir)


def test_optin_ask_names_the_gain_the_other_person_and_an_easy_no() -> None:
    draft = optin()
    assert draft.subject == "Would you like to meet Dana Reyes?"
    assert "Dana needs referrals from CPAs" in draft.body
    assert "https://reyes.law" in draft.body
    assert "LinkedIn: https://www.linkedin.com/in/danareyes" in draft.body
    assert "work sample: https://reyes.law/guide.pdf" in draft.body
    assert "just say so" in draft.body
    assert "only put you two in touch if you both want it" in draft.body


def test_eml_is_a_valid_unsent_draft() -> None:
    message = email.message_from_bytes(optin().eml(sender="robin@vale.io"), policy=policy.default)
    assert message["To"] == "lee@chen.cpa" and message["X-Unsent"] == "1"
    assert message["Subject"] == "Would you like to meet Dana Reyes?"
    assert "Dana needs referrals" in message.get_body().get_content()  # type: ignore[union-attr]


def test_mailto_round_trips_subject_and_body() -> None:
    draft = optin()
    parts = urlsplit(draft.mailto())
    query = parse_qs(parts.query)
    assert parts.path == "lee@chen.cpa"
    assert query["subject"] == [draft.subject] and query["body"] == [draft.body]


def test_user_templates_override_the_packaged_ones(tmp_path: Path) -> None:
    (tmp_path / "optin_ask.txt.j2").write_text(
        "Subject: Coffee with {{ other.first_name }}?\nShort."
    )
    draft = optin(tmp_path)
    assert (draft.subject, draft.body) == ("Coffee with Dana?", "Short.\n")


def test_a_broken_template_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "optin_ask.txt.j2").write_text("no subject line")
    with pytest.raises(NetweaveError, match="Subject"):
        optin(tmp_path)
    with pytest.raises(NetweaveError, match="no message template"):
        render("nonexistent", {}, [])


def test_connection_request_references_common_ground_not_the_canned_line() -> None:
    draft = render(
        "connection_request",
        {
            "me": ME,
            "them": LEE,
            "where_met": "the BNI lunch",
            "common": ["bicycles", "cycling", "fajitas"],
            "their_need": None,
        },
        ["lee@chen.cpa"],
    )
    assert "bicycles, cycling and fajitas" in draft.body
    assert "add you to my network" not in draft.body


def test_introduction_and_follow_up_templates_render() -> None:
    intro = render(
        "introduction",
        {"me": ME, "a": DANA, "b": LEE, "reasons": ["Dana needs CPAs."], "why": "Same clients."},
        ["dana@reyes.law", "lee@chen.cpa"],
    )
    assert intro.subject == "Introduction: Dana Reyes <> Lee Chen"
    assert "Dana Reyes, Family-law attorney at Reyes Law." in intro.body
    assert "- Dana needs CPAs." in intro.body and "- Same clients." in intro.body
    follow = render(
        "follow_up",
        {"me": ME, "me_to": LEE, "other": DANA, "met_on": None, "introduced_on": "2026-11-02"},
        ["lee@chen.cpa"],
    )
    assert "since I introduced you to Dana (on 2026-11-02)" in follow.body
    assert "1 to 5" in follow.body
