"""The people directory, the network graph and batch imports, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netweave.db.store import Store
from netweave.importers.records import PersonRecord
from netweave.services import interactions, people
from netweave.services.dashboard import dashboard
from netweave.services.directory import DirectoryQuery, browse, popular_tags
from netweave.services.import_batch import Upload, import_uploads
from netweave.services.network_view import network_graph

TODAY = dt.date(2026, 11, 23)
FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures"


def _seed(store: Store) -> dict[str, int]:
    with store.write() as s:
        dana = people.add_person(
            s,
            PersonRecord(
                full_name="Dana Reyes", offers=["family law"], tags=["lawyer"], tier="inner"
            ),
        )
        lee = people.add_person(s, PersonRecord(full_name="lee Chen", needs=["clients"]))
        people.add_acquaintance(s, dana, lee)
        for days in (90, 60, 45):
            entry = interactions.InteractionInput("call", "give", TODAY - dt.timedelta(days=days))
            interactions.log_interaction(s, [dana], entry)
        return {"dana": dana.id, "lee": lee.id}


def test_browse_filters_sorts_and_counts(store: Store) -> None:
    ids = _seed(store)
    with store.read() as s:

        def names(**kwargs: object) -> list[str]:
            page = browse(s, TODAY, DirectoryQuery(**kwargs))  # type: ignore[arg-type]
            return [r.name for r in page.rows]

        assert names() == ["Dana Reyes", "lee Chen"]  # case-insensitive name order
        assert names(sort="strength") == ["Dana Reyes", "lee Chen"]
        assert names(sort="recent") == ["lee Chen", "Dana Reyes"]
        assert names(health="going-cold") == ["Dana Reyes"]
        assert names(health="never-scored") == ["lee Chen"]
        assert names(facet="needs") == ["lee Chen"]
        assert names(tag="LAWYER") == ["Dana Reyes"]
        assert names(q="family") == ["Dana Reyes"]
        assert names(limit=1, offset=1) == ["lee Chen"]
        page = browse(s, TODAY, DirectoryQuery())
        assert page.total == 2 and page.rows[0].strength is not None
        assert page.rows[0].last_contact == TODAY - dt.timedelta(days=45)
        assert popular_tags(s) == ["lawyer"]
        graph = network_graph(s, TODAY, 10, around=ids["lee"])
        assert graph.nodes[0].id == ids["lee"] and len(graph.links) == 1
        board = dashboard(s, TODAY)
        assert any(g.kind == "keep-in-touch" and g.total for g in board.due)


def test_import_uploads_reports_per_file(store: Store) -> None:
    uploads = [
        Upload("linkedin_connections.csv", (FIXTURES / "linkedin_connections.csv").read_bytes()),
        Upload("not_contacts.txt", (FIXTURES / "not_contacts.txt").read_bytes()),
    ]
    with store.write(dry_run=True) as s:
        preview = import_uploads(s, uploads)
    assert preview.totals()["added"] == 5 and preview.totals()["errors"] == 1
    with store.read() as s:
        assert people.count_people(s) == 0
    with store.write() as s:
        import_uploads(s, uploads)
    with store.read() as s:
        assert people.count_people(s) == 5
