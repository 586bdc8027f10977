"""The network graph, with suggested links when the suggestions service provides them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from netweave.services.network_view import Graph, GraphLink, network_graph
from netweave.web.extensions import SUGGESTION_VIEWS, optional_function


def graph_with_suggestions(
    session: Session, today: dt.date, limit: int, around: int | None, depth: int
) -> Graph:
    graph = network_graph(session, today, limit, around, depth)
    links = optional_function(SUGGESTION_VIEWS, "graph_links")
    if links is None:
        graph.notes.append("suggested links appear once the suggestions service is available")
        return graph
    ids = [n.id for n in graph.nodes]
    graph.links += [
        GraphLink(int(a), int(b), suggested=True) for a, b in links(session, today, ids)
    ]
    return graph
