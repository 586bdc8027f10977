"""`netweave intro ask/agree/decline/nudge/introduce/met/follow-up/debrief/close/dismiss`."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.orm import Session

from netweave.cli.context import AppState, JsonOption, state
from netweave.cli.draft_output import EmlOption, MailtoOption, templates_dir
from netweave.cli.intro_common import IdArg, NoteOption, OnOption, app, run, when
from netweave.messages.drafts import Draft
from netweave.services import intro_drafts as drafts
from netweave.services import introductions as service
from netweave.services.intro_stages import Action


@app.command("ask")
def ask(
    ctx: typer.Context,
    intro_id: IdArg,
    on: OnOption = None,
    eml: EmlOption = None,
    mailto: MailtoOption = False,
    json_out: JsonOption = False,
) -> None:
    """Ask the next side (A first, then B once A agreed) and print the opt-in draft.

    Example: netweave intro ask 3 --eml ask.eml
    """

    def act(session: Session, app_state: AppState) -> None:
        service.ask(session, intro_id, when(app_state, on), app_state.today())

    def render(session: Session) -> list[Draft]:
        return [drafts.optin_ask(session, intro_id, templates_dir(state(ctx)))]

    run(ctx, intro_id, act, render, eml=eml, mailto=mailto, json_out=json_out)


def _answer(
    ctx: typer.Context,
    intro_id: int,
    agreed: bool,
    on: str | None,
    note: str | None,
    json_out: bool,
) -> None:
    def act(session: Session, app_state: AppState) -> None:
        day = when(app_state, on)
        service.answer(session, intro_id, agreed, day, app_state.today(), note or "")

    run(ctx, intro_id, act, json_out=json_out)


@app.command("agree")
def agree(
    ctx: typer.Context,
    intro_id: IdArg,
    on: OnOption = None,
    note: NoteOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record that the side asked said yes.

    Example: netweave intro agree 3 --on yesterday
    """
    _answer(ctx, intro_id, True, on, note, json_out)


@app.command("decline")
def decline(
    ctx: typer.Context,
    intro_id: IdArg,
    on: OnOption = None,
    note: NoteOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record that the side asked said no: the introduction closes and they are not asked
    again during the cool-down (no pressure).

    Example: netweave intro decline 3 --note "busy until spring"
    """
    _answer(ctx, intro_id, False, on, note, json_out)


@app.command("nudge")
def nudge(
    ctx: typer.Context,
    intro_id: IdArg,
    on: OnOption = None,
    eml: EmlOption = None,
    mailto: MailtoOption = False,
    json_out: JsonOption = False,
) -> None:
    """Send the one reminder to an unanswered ask (due after the nudge delay) and print it.

    Example: netweave intro nudge 3 --mailto
    """

    def act(session: Session, app_state: AppState) -> None:
        service.nudge(session, intro_id, when(app_state, on), app_state.today())

    def render(session: Session) -> list[Draft]:
        return [drafts.nudge(session, intro_id, templates_dir(state(ctx)))]

    run(ctx, intro_id, act, render, eml=eml, mailto=mailto, json_out=json_out)


@app.command("introduce")
def introduce(
    ctx: typer.Context,
    intro_id: IdArg,
    on: OnOption = None,
    minutes: Annotated[int | None, typer.Option("--minutes", min=0, help="Time spent.")] = None,
    eml: EmlOption = None,
    mailto: MailtoOption = False,
    json_out: JsonOption = False,
) -> None:
    """Both agreed: print the introduction to both and log it as a give to each.

    Example: netweave intro introduce 3 --eml intro.eml
    """

    def act(session: Session, app_state: AppState) -> None:
        service.introduce(session, intro_id, when(app_state, on), app_state.today(), minutes)

    def render(session: Session) -> list[Draft]:
        return [drafts.introduction(session, intro_id, templates_dir(state(ctx)))]

    run(ctx, intro_id, act, render, eml=eml, mailto=mailto, json_out=json_out)


@app.command("met")
def met(
    ctx: typer.Context, intro_id: IdArg, on: OnOption = None, json_out: JsonOption = False
) -> None:
    """Record that they met (the follow-up then falls due after the follow-up delay).

    Example: netweave intro met 3 --on 2026-11-20
    """

    def act(session: Session, app_state: AppState) -> None:
        service.met(session, intro_id, when(app_state, on), app_state.today())

    run(ctx, intro_id, act, json_out=json_out)


@app.command("follow-up")
def follow_up(
    ctx: typer.Context,
    intro_id: IdArg,
    on: OnOption = None,
    eml: EmlOption = None,
    mailto: MailtoOption = False,
    json_out: JsonOption = False,
) -> None:
    """Print the check-in to each side and log it as a follow-up of the introduction.

    Example: netweave intro follow-up 3 --eml checkin.eml
    """

    def act(session: Session, app_state: AppState) -> None:
        service.follow_up(session, intro_id, when(app_state, on), app_state.today())

    def render(session: Session) -> list[Draft]:
        return drafts.follow_ups(session, intro_id, templates_dir(state(ctx)))

    run(ctx, intro_id, act, render, eml=eml, mailto=mailto, json_out=json_out)


@app.command("debrief")
def debrief(
    ctx: typer.Context,
    intro_id: IdArg,
    a: Annotated[int | None, typer.Option("--a", min=1, max=5, help="A's outcome, 1–5.")] = None,
    b: Annotated[int | None, typer.Option("--b", min=1, max=5, help="B's outcome, 1–5.")] = None,
    a_business: Annotated[bool, typer.Option(help="Business resulted for A.")] = False,
    b_business: Annotated[bool, typer.Option(help="Business resulted for B.")] = False,
    a_referral: Annotated[bool, typer.Option(help="A referral resulted for A.")] = False,
    b_referral: Annotated[bool, typer.Option(help="A referral resulted for B.")] = False,
    a_notes: Annotated[str | None, typer.Option(help="Notes on A's side.")] = None,
    b_notes: Annotated[str | None, typer.Option(help="Notes on B's side.")] = None,
    on: OnOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record how it went for each side: outcome 1–5, business or referral resulted, notes.
    One side may be recorded now and the other later.

    Example: netweave intro debrief 3 --a 4 --a-business --b 3 --b-notes "useful call"
    """
    sides = {}
    if a is not None:
        sides["a"] = service.SideOutcome(a, a_business, a_referral, a_notes)
    if b is not None:
        sides["b"] = service.SideOutcome(b, b_business, b_referral, b_notes)

    def act(session: Session, app_state: AppState) -> None:
        service.debrief(session, intro_id, sides, when(app_state, on), app_state.today())

    run(ctx, intro_id, act, json_out=json_out)


def _finish(
    ctx: typer.Context,
    intro_id: int,
    action: Action,
    on: str | None,
    note: str | None,
    json_out: bool,
) -> None:
    def act(session: Session, app_state: AppState) -> None:
        day = when(app_state, on)
        service.finish(session, intro_id, action, day, app_state.today(), note or "")

    run(ctx, intro_id, act, json_out=json_out)


@app.command("close")
def close(
    ctx: typer.Context,
    intro_id: IdArg,
    on: OnOption = None,
    note: NoteOption = None,
    json_out: JsonOption = False,
) -> None:
    """Close an introduction once made (after the debrief, or without one).

    Example: netweave intro close 3
    """
    _finish(ctx, intro_id, Action.CLOSE, on, note, json_out)


@app.command("dismiss")
def dismiss(
    ctx: typer.Context,
    intro_id: IdArg,
    on: OnOption = None,
    note: NoteOption = None,
    json_out: JsonOption = False,
) -> None:
    """Dismiss an open introduction at any stage (the pair then cools down).

    Example: netweave intro dismiss 3 --note "not the right moment"
    """
    _finish(ctx, intro_id, Action.DISMISS, on, note, json_out)
