"""Which drafts belong to an introduction's current step, each under a stable key.

Keys: `optin` (the ask to the side being asked), `nudge`, `introduction`, `follow-up-a`
and `follow-up-b` (the check-in to each side). `render_draft` renders any key at any
stage, so a link to an `.eml` keeps working after the introduction moves on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from netweave.errors import NotFound
from netweave.messages.drafts import Draft
from netweave.services import intro_drafts as drafts
from netweave.services.intro_stages import Stage
from netweave.services.introductions import load_introduction

LABELS = {
    "optin": "Opt-in ask",
    "nudge": "Nudge (the one reminder)",
    "introduction": "The introduction to both",
    "follow-up-a": "Follow-up to A",
    "follow-up-b": "Follow-up to B",
}
FOLLOW_UPS = ("follow-up-a", "follow-up-b")
BY_STAGE: dict[Stage, tuple[str, ...]] = {
    Stage.SUGGESTED: ("optin",),
    Stage.ASKED_A: ("nudge", "optin"),
    Stage.A_AGREED: ("optin",),
    Stage.ASKED_B: ("nudge", "optin"),
    Stage.B_AGREED: ("introduction",),
    Stage.INTRODUCED: ("introduction", *FOLLOW_UPS),
    Stage.MET: FOLLOW_UPS,
    Stage.FOLLOW_UP_DUE: FOLLOW_UPS,
}


@dataclass(frozen=True)
class StepDraft:
    key: str
    label: str
    draft: Draft

    def as_dict(self) -> dict[str, Any]:
        d = self.draft
        return {
            "key": self.key,
            "label": self.label,
            "to": list(d.to),
            "subject": d.subject,
            "body": d.body,
            "text": d.text(),
            "mailto": d.mailto(),
        }


def render_draft(session: Session, intro_id: int, key: str, user_dir: Path | None = None) -> Draft:
    """The draft named `key` for this introduction (see the module docstring)."""
    if key == "optin":
        return drafts.optin_ask(session, intro_id, user_dir)
    if key == "nudge":
        return drafts.nudge(session, intro_id, user_dir)
    if key == "introduction":
        return drafts.introduction(session, intro_id, user_dir)
    if key in FOLLOW_UPS:
        return drafts.follow_ups(session, intro_id, user_dir)[FOLLOW_UPS.index(key)]
    raise NotFound(f"no draft {key!r}; one of: {', '.join(LABELS)}")


def step_drafts(session: Session, intro_id: int, user_dir: Path | None = None) -> list[StepDraft]:
    """The drafts to send at the introduction's current stage (none once it has ended)."""
    stage = Stage(load_introduction(session, intro_id).stage)
    return [
        StepDraft(key, LABELS[key], render_draft(session, intro_id, key, user_dir))
        for key in BY_STAGE.get(stage, ())
    ]
