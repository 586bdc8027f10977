"""Backups: export → restore is exact, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.importers.records import InteractionRecord, Labelled, PersonRecord
from netweave.services import backup, bulk, people


def fill(store: Store) -> None:
    with store.write() as s:
        a = people.add_person(
            s,
            PersonRecord(
                full_name="Zoë Øyvind-Nguyễn",
                emails=[Labelled("zoe@example.org", "home")],
                phones=[Labelled("+47 22 00 00 00", "mobile")],
                links=[Labelled("https://www.linkedin.com/in/zoe")],
                organisation="Fjord & Co",
                met_on=dt.date(2024, 2, 29),
                temperament=["generous"],
                networker_level=4,
                needs=["a CPA who knows Norwegian tax"],
                notes="Line one\nline two <b>not html</b>",
            ),
        )
        b = people.add_person(s, PersonRecord(full_name="Lee Chen", offers=["tax filing"]))
        people.add_acquaintance(s, a, b, "bni", dt.date(2023, 1, 5))
        bulk.insert_interactions(
            s,
            [
                InteractionRecord(
                    dt.date(2026, 1, 2),
                    "in-person",
                    "give",
                    ["zoe@example.org"],
                    minutes=45,
                    give_kind="introduction",
                    note="lunch",
                )
            ],
            {"zoe@example.org": a.id},
        )


def test_round_trip_is_exact(store: Store, sqlite_store: Store, tmp_path: Path) -> None:
    source = store
    fill(source)
    with source.read() as s:
        first = backup.export_bundle(s)
    path = tmp_path / "bundle.json"
    backup.write_json_atomic(path, first)
    target = Store(f"sqlite:///{tmp_path / 'restored.db'}")
    from netweave.db.migrate import upgrade

    upgrade(target)
    with target.write() as s:
        counts = backup.restore_bundle(s, backup.read_bundle(path))
    assert counts["person"] == 2
    with target.read() as s:
        second = backup.export_bundle(s)
    first.pop("exported_at"), second.pop("exported_at")
    assert second == first
    with target.read() as s:  # the full-text index is rebuilt too
        assert [p.full_name for p in people.search_people(s, "norwegian")] == ["Zoë Øyvind-Nguyễn"]


def test_restore_refuses_a_non_empty_database(sqlite_store: Store) -> None:
    fill(sqlite_store)
    with sqlite_store.read() as s:
        data = backup.export_bundle(s)
    with pytest.raises(NetweaveError, match="empty database"), sqlite_store.write() as s:
        backup.restore_bundle(s, data)


def test_a_bundle_from_a_revision_with_the_same_tables_restores_and_an_older_one_is_named(
    sqlite_store: Store, tmp_path: Path
) -> None:
    from netweave.db.migrate import upgrade

    fill(sqlite_store)
    with sqlite_store.read() as s:
        data = backup.export_bundle(s)
    for revision, restores in (("0009_routing_token", True), ("0008_batch", False)):
        target = Store(f"sqlite:///{tmp_path / f'{revision}.db'}")
        upgrade(target)
        with target.write() as s:
            if restores:  # 0010 only dropped an index: 0009's bundles hold the same rows
                assert backup.restore_bundle(s, {**data, "schema_revision": revision})["person"]
            else:
                with pytest.raises(NetweaveError, match="bundle schema 0008_batch differs"):
                    backup.restore_bundle(s, {**data, "schema_revision": revision})
        target.dispose()


def test_bad_bundles_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("not json")
    with pytest.raises(NetweaveError, match="not a netweave bundle"):
        backup.read_bundle(bad)
    bad.write_text(json.dumps({"format": "other"}))
    with pytest.raises(NetweaveError, match="not a netweave bundle"):
        backup.read_bundle(bad)
    with pytest.raises(NetweaveError, match="no such file"):
        backup.read_bundle(tmp_path / "missing.json")


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text('{"old": true}')
    with pytest.raises(TypeError):
        backup.write_json_atomic(target, {"bad": object()})
    assert json.loads(target.read_text()) == {"old": True}
    assert list(tmp_path.iterdir()) == [target]
