"""The introduction state machine: the table, refusals, terminal stages, random walks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.errors import NetweaveError
from netweave.services.intro_stages import (
    OPEN,
    TERMINAL,
    TRANSITIONS,
    Action,
    IllegalTransition,
    Stage,
    advance,
    allowed,
    parse_stage,
)

LIFECYCLE = [
    (Action.ASK, Stage.ASKED_A),
    (Action.AGREE, Stage.A_AGREED),
    (Action.ASK, Stage.ASKED_B),
    (Action.AGREE, Stage.B_AGREED),
    (Action.INTRODUCE, Stage.INTRODUCED),
    (Action.MET, Stage.MET),
    (Action.FALL_DUE, Stage.FOLLOW_UP_DUE),
    (Action.DEBRIEF, Stage.DEBRIEFED),
    (Action.CLOSE, Stage.CLOSED),
]


def test_the_happy_path_goes_through_every_main_stage() -> None:
    stage = Stage.SUGGESTED
    for action, expected in LIFECYCLE:
        stage = advance(stage, action)
        assert stage == expected


@pytest.mark.parametrize(("stage", "action"), sorted(TRANSITIONS, key=str))
def test_every_transition_in_the_table(stage: Stage, action: Action) -> None:
    assert advance(stage, action) == TRANSITIONS[stage, action]
    assert stage in OPEN


ILLEGAL = [(s, a) for s in Stage for a in Action if (s, a) not in TRANSITIONS]


@pytest.mark.parametrize(("stage", "action"), ILLEGAL, ids=lambda x: str(x))
def test_every_other_pair_is_refused_naming_what_is_allowed(stage: Stage, action: Action) -> None:
    with pytest.raises(IllegalTransition) as refused:
        advance(stage, action)
    message = str(refused.value)
    assert f"is {stage.value}" in message
    if stage in TERMINAL:
        assert "accepts nothing" in message
    else:
        options = message.split("allowed now: ")[1].split(", ")
        assert options == [a.value.replace("_", "-") for a in allowed(stage)]


def test_declines_close_and_dismiss_works_from_every_open_stage() -> None:
    assert advance(Stage.ASKED_A, Action.DECLINE) == Stage.A_DECLINED
    assert advance(Stage.ASKED_B, Action.DECLINE) == Stage.B_DECLINED
    assert advance(Stage.ASKED_B, Action.EXPIRE) == Stage.NO_REPLY
    for stage in OPEN:
        assert advance(stage, Action.DISMISS) == Stage.DISMISSED
    for stage in TERMINAL:
        assert allowed(stage) == []


def test_clock_actions_are_not_offered_to_users() -> None:
    assert Action.EXPIRE not in allowed(Stage.ASKED_A)
    assert Action.FALL_DUE not in allowed(Stage.MET)


def test_parse_stage() -> None:
    assert parse_stage("Follow-up due") == Stage.FOLLOW_UP_DUE
    with pytest.raises(NetweaveError, match="unknown stage"):
        parse_stage("limbo")


# Stages reachable from "suggested": what a walk may legally visit.
REACHABLE = {Stage.SUGGESTED}
while True:
    grown = REACHABLE | {t for (s, _a), t in TRANSITIONS.items() if s in REACHABLE}
    if grown == REACHABLE:
        break
    REACHABLE = grown


@given(st.lists(st.sampled_from(list(Action)), max_size=40))
def test_random_actions_never_reach_an_illegal_state(actions: list[Action]) -> None:
    stage = Stage.SUGGESTED
    asked_b_before_a_agreed = False
    for action in actions:
        before = stage
        try:
            stage = advance(stage, action)
        except IllegalTransition:
            assert stage == before  # a refusal changes nothing
            continue
        assert stage in REACHABLE
        assert before not in TERMINAL  # terminal stages accept nothing
        entered = stage != before  # self-loops (a nudge, a logged follow-up) stay put
        if entered and stage == Stage.ASKED_B and before != Stage.A_AGREED:
            asked_b_before_a_agreed = True
        if entered and stage == Stage.INTRODUCED:
            assert before == Stage.B_AGREED  # only after both said yes
    assert not asked_b_before_a_agreed
    assert set(Stage) == REACHABLE  # every stage is reachable and nothing else is
