"""The introductions board: open introductions in columns by stage, ended ones apart.

Open cards carry the full detail (dates, reasons, allowed actions) and the drafts of the
current step; ended ones (closed, declined or unanswered, dismissed) only their summary,
the most recently moved first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from netweave.services.intro_stages import Stage
from netweave.services.intro_step_drafts import step_drafts
from netweave.services.intro_views import introduction_detail, list_introductions
from netweave.services.introductions import sweep

S = Stage
COLUMNS: list[tuple[str, str, tuple[Stage, ...]]] = [
    ("suggested", "Suggested", (S.SUGGESTED,)),
    ("asked", "Asked", (S.ASKED_A, S.ASKED_B)),
    ("agreed", "Agreed", (S.A_AGREED, S.B_AGREED)),
    ("introduced", "Introduced", (S.INTRODUCED,)),
    ("met", "Met", (S.MET,)),
    ("follow-up-due", "Follow-up due", (S.FOLLOW_UP_DUE,)),
    ("debriefed", "Debriefed", (S.DEBRIEFED,)),
]
ENDED: list[tuple[str, str, tuple[Stage, ...]]] = [
    ("closed", "Closed", (S.CLOSED,)),
    ("declined", "Declined or unanswered", (S.A_DECLINED, S.B_DECLINED, S.NO_REPLY)),
    ("dismissed", "Dismissed", (S.DISMISSED,)),
]
STAGE_LABELS = {
    S.SUGGESTED: "suggested: ask A",
    S.ASKED_A: "A asked",
    S.A_AGREED: "A agreed: ask B",
    S.A_DECLINED: "A declined",
    S.ASKED_B: "B asked",
    S.B_AGREED: "both agreed: introduce",
    S.B_DECLINED: "B declined",
    S.NO_REPLY: "no reply",
    S.INTRODUCED: "introduced",
    S.MET: "met",
    S.FOLLOW_UP_DUE: "follow-up due",
    S.DEBRIEFED: "debriefed",
    S.CLOSED: "closed",
    S.DISMISSED: "dismissed",
}
ENDED_SHOWN = 50


def card(session: Session, intro_id: int, user_dir: Path | None = None) -> dict[str, Any]:
    """One introduction's detail plus the drafts of its current step."""
    detail = introduction_detail(session, intro_id)
    detail["stage_label"] = STAGE_LABELS[Stage(detail["stage"])]
    detail["drafts"] = [d.as_dict() for d in step_drafts(session, intro_id, user_dir)]
    return detail


def current_card(
    session: Session, intro_id: int, today: dt.date, user_dir: Path | None = None
) -> dict[str, Any]:
    """`card` once the clock has caught up."""
    sweep(session, today)
    return card(session, intro_id, user_dir)


def board(session: Session, today: dt.date, user_dir: Path | None = None) -> dict[str, Any]:
    """Sweep, then every open introduction by column and the latest ended ones by kind."""
    sweep(session, today)
    rows = list_introductions(session)
    columns = []
    for key, title, stages in COLUMNS:
        ids = [r["id"] for r in rows if r["stage"] in stages]
        columns.append(
            {"key": key, "title": title, "cards": [card(session, i, user_dir) for i in ids]}
        )
    ended = []
    for key, title, stages in ENDED:
        found = [r for r in rows if r["stage"] in stages]
        for r in found:
            r["stage_label"] = STAGE_LABELS[Stage(r["stage"])]
        ended.append(
            {"key": key, "title": title, "total": len(found), "cards": found[:ENDED_SHOWN]}
        )
    return {"columns": columns, "ended": ended, "open": sum(len(c["cards"]) for c in columns)}
