"""The time rules of introductions, stored with the data so every reader agrees.

nudge due     = asked_on + nudge_after_days                  (once)
no reply      = nudged_on + nudge_after_days, or asked_on + 2 * nudge_after_days
                when no nudge was sent (the ask then closes as "no_reply")
follow-up due = (met_on, else introduced_on) + follow_up_days     (14 to 30)
pair blocked  = introduced, declined, unanswered or dismissed within pair_cooldown_days,
                or an introduction of the pair still open
person cooled = declined an introduction within person_cooldown_days: no new ask
opt-in load   = sum over asks of 0.5 ** (age in days / optin_half_life_days)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace

from sqlalchemy.orm import Session

from netweave.errors import NetweaveError
from netweave.services.me import get_setting, put_setting

_PREFIX = "intro."
LIMITS = {
    "nudge_after_days": (1, 60),
    "follow_up_days": (14, 30),
    "pair_cooldown_days": (0, 3650),
    "person_cooldown_days": (0, 3650),
    "optin_half_life_days": (1, 365),
}


@dataclass(frozen=True)
class IntroRules:
    nudge_after_days: int = 7
    follow_up_days: int = 21
    pair_cooldown_days: int = 180
    person_cooldown_days: int = 90
    optin_half_life_days: int = 30

    def nudge_on(self, asked_on: dt.date) -> dt.date:
        return asked_on + dt.timedelta(days=self.nudge_after_days)

    def expires_on(self, asked_on: dt.date, nudged_on: dt.date | None) -> dt.date:
        start = nudged_on or self.nudge_on(asked_on)
        return start + dt.timedelta(days=self.nudge_after_days)

    def follow_up_on(self, introduced_on: dt.date, met_on: dt.date | None) -> dt.date:
        return (met_on or introduced_on) + dt.timedelta(days=self.follow_up_days)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def load_rules(session: Session) -> IntroRules:
    """The stored rules, defaults for anything not set."""
    values = {}
    for f in fields(IntroRules):
        raw = get_setting(session, _PREFIX + f.name)
        if raw is not None and raw.lstrip("-").isdecimal():
            values[f.name] = int(raw)
    return IntroRules(**values)


def save_rules(session: Session, changes: dict[str, int | None]) -> IntroRules:
    """Set some rules (None leaves one alone); each must be within its documented range."""
    wanted = {k: v for k, v in changes.items() if v is not None}
    for name, value in wanted.items():
        if name not in LIMITS:
            raise NetweaveError(f"unknown introduction rule {name!r}")
        low, high = LIMITS[name]
        if not low <= value <= high:
            label = name.replace("_", "-")
            raise NetweaveError(f"{label} must be between {low} and {high}, not {value}")
    rules = replace(load_rules(session), **wanted)
    for name, value in wanted.items():
        put_setting(session, _PREFIX + name, str(value))
    return rules
