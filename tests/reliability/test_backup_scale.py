"""Export, restore, export again: exact bar the timestamp (bench_backup.py times 30k/500k)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from netweave.db.migrate import upgrade
from netweave.db.store import Store
from netweave.services.backup import export_bundle, restore_bundle

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.bench_backup import build_network

TODAY = dt.date(2026, 11, 23)


def exported(store: Store) -> dict[str, object]:
    with store.read() as s:
        bundle = export_bundle(s)
    bundle.pop("exported_at")
    return json.loads(json.dumps(bundle))  # what a file round trip gives back


def test_restore_then_export_equals_the_first_export(tmp_path: Path) -> None:
    source = Store(f"sqlite:///{tmp_path / 'source.db'}")
    upgrade(source)
    build_network(source, people=600, interactions=10_000)
    first = exported(source)
    target = Store(f"sqlite:///{tmp_path / 'target.db'}")
    upgrade(target)
    with target.write() as s:
        counts = restore_bundle(s, first)
    assert counts["interaction"] >= 10_000
    assert exported(target) == first
    source.dispose()
    target.dispose()
