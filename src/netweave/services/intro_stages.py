"""The introduction lifecycle as data: stages, actions and the one transition table.

Pure (no database): `advance(stage, action)` returns the next stage or refuses with the
actions allowed from `stage`. Self-loops record an action without moving (a nudge, a
follow-up sent, the second side's debrief). `expire` and `fall_due` are the clock's actions
(see `intro_rules`); everything else is a user's verb. Terminal stages accept nothing.
"""

from __future__ import annotations

import enum

from netweave.errors import NetweaveError


class Stage(enum.StrEnum):
    SUGGESTED = "suggested"
    ASKED_A = "asked_a"
    A_AGREED = "a_agreed"
    A_DECLINED = "a_declined"
    ASKED_B = "asked_b"
    B_AGREED = "b_agreed"
    B_DECLINED = "b_declined"
    NO_REPLY = "no_reply"
    INTRODUCED = "introduced"
    MET = "met"
    FOLLOW_UP_DUE = "follow_up_due"
    DEBRIEFED = "debriefed"
    CLOSED = "closed"
    DISMISSED = "dismissed"


class Action(enum.StrEnum):
    START = "start"
    ASK = "ask"
    AGREE = "agree"
    DECLINE = "decline"
    NUDGE = "nudge"
    EXPIRE = "expire"
    INTRODUCE = "introduce"
    MET = "met"
    FALL_DUE = "fall_due"
    FOLLOW_UP = "follow_up"
    DEBRIEF = "debrief"
    CLOSE = "close"
    DISMISS = "dismiss"


S, A = Stage, Action
TERMINAL = frozenset({S.A_DECLINED, S.B_DECLINED, S.NO_REPLY, S.CLOSED, S.DISMISSED})
OPEN = frozenset(s for s in Stage if s not in TERMINAL)
AWAITING_REPLY = frozenset({S.ASKED_A, S.ASKED_B})
AFTER_INTRODUCTION = frozenset({S.INTRODUCED, S.MET, S.FOLLOW_UP_DUE})
CLOCK_ACTIONS = frozenset({A.EXPIRE, A.FALL_DUE})

# (stage, action) -> next stage; `dismiss` is added for every open stage below.
TRANSITIONS: dict[tuple[Stage, Action], Stage] = {
    (S.SUGGESTED, A.ASK): S.ASKED_A,
    (S.ASKED_A, A.AGREE): S.A_AGREED,
    (S.ASKED_A, A.DECLINE): S.A_DECLINED,
    (S.ASKED_A, A.NUDGE): S.ASKED_A,
    (S.ASKED_A, A.EXPIRE): S.NO_REPLY,
    (S.A_AGREED, A.ASK): S.ASKED_B,
    (S.ASKED_B, A.AGREE): S.B_AGREED,
    (S.ASKED_B, A.DECLINE): S.B_DECLINED,
    (S.ASKED_B, A.NUDGE): S.ASKED_B,
    (S.ASKED_B, A.EXPIRE): S.NO_REPLY,
    (S.B_AGREED, A.INTRODUCE): S.INTRODUCED,
    (S.INTRODUCED, A.MET): S.MET,
    (S.INTRODUCED, A.FALL_DUE): S.FOLLOW_UP_DUE,
    (S.INTRODUCED, A.FOLLOW_UP): S.INTRODUCED,
    (S.INTRODUCED, A.DEBRIEF): S.DEBRIEFED,
    (S.INTRODUCED, A.CLOSE): S.CLOSED,
    (S.MET, A.FALL_DUE): S.FOLLOW_UP_DUE,
    (S.MET, A.FOLLOW_UP): S.MET,
    (S.MET, A.DEBRIEF): S.DEBRIEFED,
    (S.MET, A.CLOSE): S.CLOSED,
    (S.FOLLOW_UP_DUE, A.MET): S.MET,
    (S.FOLLOW_UP_DUE, A.FOLLOW_UP): S.FOLLOW_UP_DUE,
    (S.FOLLOW_UP_DUE, A.DEBRIEF): S.DEBRIEFED,
    (S.FOLLOW_UP_DUE, A.CLOSE): S.CLOSED,
    (S.DEBRIEFED, A.DEBRIEF): S.DEBRIEFED,
    (S.DEBRIEFED, A.CLOSE): S.CLOSED,
    **{(stage, A.DISMISS): S.DISMISSED for stage in OPEN},
}


class IllegalTransition(NetweaveError):
    """An action the current stage does not allow."""


def allowed(stage: Stage) -> list[Action]:
    """The actions `stage` accepts, in table order (the clock's own actions left out)."""
    return [a for (s, a) in TRANSITIONS if s == stage and a not in CLOCK_ACTIONS]


def advance(stage: Stage, action: Action) -> Stage:
    """The stage after `action`, or IllegalTransition naming what is allowed instead."""
    nxt = TRANSITIONS.get((stage, action))
    if nxt is None:
        options = ", ".join(a.value.replace("_", "-") for a in allowed(stage))
        raise IllegalTransition(
            f"cannot {action.value.replace('_', '-')} an introduction that is {stage.value}; "
            + (f"allowed now: {options}" if options else "it is closed and accepts nothing")
        )
    return nxt


def parse_stage(value: str) -> Stage:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Stage(key)
    except ValueError:
        names = ", ".join(s.value for s in Stage)
        raise NetweaveError(f"unknown stage {value!r}; choose one of: {names}") from None
