"""Suggestions shaped for the web app, and introductions started or dismissed from them.

`top_suggestions` and `graph_links` are the hooks `netweave.web.extensions` looks for (the
dashboard card and the network's dashed links). A pair is started or dismissed by its two
ids, looked up again in the same list the user saw, so the introduction keeps the
suggestion's score, terms and both sides' reasons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from netweave.db.models_intro import Introduction
from netweave.errors import NetweaveError
from netweave.services.intro_stages import Action
from netweave.services.intro_start import NewIntroduction, start
from netweave.services.intro_views import introduction_detail
from netweave.services.introductions import finish
from netweave.services.people import load_person
from netweave.services.suggestions import SuggestionView, suggest, suggest_if_warm

SEARCH_DEPTH = 100  # a pair is looked up among this many suggestions (the page shows fewer)
GRAPH_POOL = 200  # the graph's dashed links come from the top GRAPH_POOL pairs…
GRAPH_LINKS = 40  # …and are at most this many
DISMISS_NOTE = "dismissed from the suggestions"


def top_suggestions(session: Session, today: dt.date, limit: int) -> list[dict[str, Any]]:
    """The best pairs for the dashboard: both sides as {id, name}, score, reasons."""
    return [
        {
            "a": {"id": v.a_id, "name": v.a["name"]},
            "b": {"id": v.b_id, "name": v.b["name"]},
            "score": v.score,
            "reasons_a": v.reasons_a,
            "reasons_b": v.reasons_b,
            "reasons": list(dict.fromkeys([*v.reasons_a, *v.reasons_b])),
        }
        for v in suggest(session, limit=limit, today=today)
    ]


def graph_links(session: Session, today: dt.date, ids: list[int]) -> list[tuple[int, int]]:
    """Suggested pairs with both people among `ids` (the nodes drawn), best first; none
    while the engine is cold, so the map never waits for a build."""
    shown = set(ids)
    found = suggest_if_warm(session, limit=GRAPH_POOL, today=today) or []
    pairs = [(v.a_id, v.b_id) for v in found if v.a_id in shown and v.b_id in shown]
    return pairs[:GRAPH_LINKS]


def find_suggestion(
    session: Session, today: dt.date, a_id: int, b_id: int, for_person: int | None = None
) -> SuggestionView:
    """The suggestion pairing `a_id` and `b_id`, or an error saying it is no longer listed."""
    found = suggest(session, for_person=for_person, limit=SEARCH_DEPTH, today=today)
    for view in found:
        if {view.a_id, view.b_id} == {a_id, b_id}:
            return view
    raise NetweaveError(
        f"#{a_id} and #{b_id} are no longer among the suggestions (already started, "
        "dismissed or outranked); reload the list"
    )


def _start(
    session: Session, today: dt.date, a_id: int, b_id: int, for_person: int | None, anyway: bool
) -> Introduction:
    view = find_suggestion(session, today, a_id, b_id, for_person)
    new = NewIntroduction(
        a=load_person(session, view.a_id),
        b=load_person(session, view.b_id),
        reasons_a=list(view.reasons_a),
        reasons_b=list(view.reasons_b),
        score=float(view.score),
        terms={k: float(v) for k, v in view.terms.items()},
        origin="suggestion",
    )
    return start(session, new, today, anyway)


def start_suggested(
    session: Session,
    today: dt.date,
    a_id: int,
    b_id: int,
    for_person: int | None = None,
    anyway: bool = False,
) -> dict[str, Any]:
    """Start an introduction from a listed suggestion, keeping its score, terms and reasons."""
    return introduction_detail(session, _start(session, today, a_id, b_id, for_person, anyway).id)


def dismiss_suggested(
    session: Session,
    today: dt.date,
    a_id: int,
    b_id: int,
    for_person: int | None = None,
    note: str = "",
) -> dict[str, Any]:
    """Record the suggestion as a dismissed introduction, so the pair cools down."""
    intro = _start(session, today, a_id, b_id, for_person, anyway=False)
    finish(session, intro.id, Action.DISMISS, today, today, note or DISMISS_NOTE)
    return introduction_detail(session, intro.id)
