"""The network graph to draw."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from netweave.services.network_view import MAX_NODES
from netweave.web.api.schemas_plans import GraphOut
from netweave.web.deps import ReadSession, Today
from netweave.web.graph import graph_with_suggestions

router = APIRouter(tags=["network"])


@router.get("/network", response_model=GraphOut)
def network(
    session: ReadSession,
    today: Today,
    limit: Annotated[int, Query(ge=1, le=MAX_NODES)] = 300,
    around: Annotated[int | None, Query(description="a person's neighbourhood")] = None,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
) -> dict[str, Any]:
    """The strongest relationships (or one person's neighbourhood) and who knows whom."""
    return graph_with_suggestions(session, today, limit, around, depth).as_dict()
