"""`/introductions`: the board by stage, one introduction's page, its actions and drafts.

Every action is a plain form post (CSRF token included) that redirects back; a refused
one (not allowed at this stage) answers 409 with the service's message naming the
actions allowed now. Drafts come as text, a `mailto:` link and an `.eml` download.
"""

from __future__ import annotations

import datetime as dt

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from netweave.services.calibration import calibration_report
from netweave.services.intro_actions import perform, record_debrief
from netweave.services.intro_board import board, current_card
from netweave.services.intro_drafts import sender
from netweave.services.intro_step_drafts import render_draft
from netweave.web.deps import Form, ReadSession, StoreDep, Today, UserTemplates, settings_of
from netweave.web.forms import debrief_sides, optional_date, text, whole_number
from netweave.web.pages.common import page_router
from netweave.web.templating import flash, redirect, render

router = page_router()
DONE = {
    "ask": "asked",
    "agree": "agreed",
    "decline": "declined (no pressure: no new asks during the cool-down)",
    "nudge": "nudged",
    "introduce": "introduced (logged as a give to both)",
    "met": "met",
    "follow-up": "followed up",
    "close": "closed",
    "dismiss": "dismissed (the pair cools down)",
}


def back_to(form: Form, intro_id: int) -> str:
    """Where the form came from (our board or the introduction's page), never elsewhere."""
    back = text(form, "back")
    ok = back.startswith("/introductions") and "//" not in back and "\\" not in back
    return back if ok else f"/introductions/{intro_id}"


def page_context(request: Request, today: dt.date) -> dict[str, object]:
    base = str(request.base_url).rstrip("/")
    feed = f"{base}/calendar.ics"
    return {
        "today": today,
        "calendar_url": feed,
        "webcal_url": "webcal://" + feed.split("://", 1)[1],
    }


@router.get("/introductions", response_class=HTMLResponse)
def board_page(
    request: Request, store: StoreDep, today: Today, user_dir: UserTemplates
) -> Response:
    with store.write() as session:  # the clock closes unanswered asks and marks follow-ups due
        found = board(session, today, user_dir)
        calibration = calibration_report(session)
    context = {"board": found, "calibration": calibration, **page_context(request, today)}
    return render(request, "introductions.html", context)


@router.get("/introductions/{intro_id}", response_class=HTMLResponse)
def intro_page(
    request: Request, intro_id: int, store: StoreDep, today: Today, user_dir: UserTemplates
) -> Response:
    with store.write() as session:
        card = current_card(session, intro_id, today, user_dir)
    return render(request, "introduction.html", {"i": card, **page_context(request, today)})


@router.get("/introductions/{intro_id}/drafts/{key}.eml")
def draft_eml(
    request: Request, intro_id: int, key: str, session: ReadSession, user_dir: UserTemplates
) -> Response:
    """The draft as an RFC 5322 message that mail clients open as a draft."""
    fixed = settings_of(request).today
    when = dt.datetime.combine(fixed, dt.time(9, 0), tzinfo=dt.UTC) if fixed else None
    body = render_draft(session, intro_id, key, user_dir).eml(sender=sender(session), when=when)
    name = f"introduction-{intro_id}-{key}.eml"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="message/rfc822", headers=headers)


@router.post("/introductions/{intro_id}/debrief")
def debrief_form(
    request: Request, intro_id: int, form: Form, store: StoreDep, today: Today
) -> Response:
    sides = debrief_sides(form)
    on = optional_date(form, "on", today)
    with store.write() as session:
        record_debrief(session, intro_id, sides, today, on)
    flash(request, f"Debrief recorded for #{intro_id} ({' and '.join(s.upper() for s in sides)}).")
    return redirect(back_to(form, intro_id))


@router.post("/introductions/{intro_id}/{action}")
def act(
    request: Request, intro_id: int, action: str, form: Form, store: StoreDep, today: Today
) -> Response:
    on = optional_date(form, "on", today)
    minutes = whole_number(text(form, "minutes"), "minutes")
    with store.write() as session:
        detail = perform(session, intro_id, action, today, on, text(form, "note"), minutes)
    names = f"{detail['a']['name']} ↔ {detail['b']['name']}"
    flash(request, f"#{intro_id} {names}: {DONE.get(action, action)}.")
    return redirect(back_to(form, intro_id))
