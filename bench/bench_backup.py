"""Backups at scale: export and restore 30,000 people with 500,000 interactions (#11)."""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from bench.common import peak_rss_mib, timed
from netweave.db.migrate import upgrade
from netweave.db.store import Store
from netweave.importers.records import InteractionRecord
from netweave.services.backup import export_bundle, restore_bundle, write_json_atomic
from netweave.services.bulk import insert_interactions
from netweave.services.demo import load_demo

PEOPLE = 30_000
INTERACTIONS = 500_000
TODAY = dt.date(2026, 11, 23)
CHANNELS = ("email", "call", "in-person", "message")


def build_network(store: Store, people: int, interactions: int) -> None:
    """The demo network, topped up with random interactions to `interactions` in all."""
    with store.write() as s:
        summary = load_demo(s, people, 7, TODAY)
        by_email = {
            str(a): int(p) for a, p in s.execute(text("SELECT address, person_id FROM email"))
        }
        emails = sorted(by_email)
        rng = random.Random(11)
        extra = [
            InteractionRecord(
                occurred_on=TODAY - dt.timedelta(days=rng.randrange(1, 2000)),
                channel=rng.choice(CHANNELS),
                direction=rng.choice(("give", "ask", "both")),
                people=rng.sample(emails, 2),
                note=f"note {i}",
            )
            for i in range(max(0, interactions - summary.interactions))
        ]
        insert_interactions(s, extra, by_email)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="reliability_backup_") as tmp:
        folder = Path(tmp)
        source = Store(f"sqlite:///{folder / 'source.db'}")
        upgrade(source)
        _, build_s = timed(lambda: build_network(source, PEOPLE, INTERACTIONS))

        def export() -> dict[str, object]:
            with source.read() as s:
                return export_bundle(s)

        bundle, export_s = timed(export)
        _, write_s = timed(lambda: write_json_atomic(folder / "bundle.json", bundle))
        data = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))
        target = Store(f"sqlite:///{folder / 'target.db'}")
        upgrade(target)

        def restore() -> dict[str, int]:
            with target.write() as s:
                return restore_bundle(s, data)

        counts, restore_s = timed(restore)
        with target.read() as s:
            again = export_bundle(s)
        exact = {k: v for k, v in again.items() if k != "exported_at"} == {
            k: v for k, v in bundle.items() if k != "exported_at"
        }
        size = (folder / "bundle.json").stat().st_size / 1024 / 1024
    print("## Backups (export / restore, SQLite)\n")
    print(f"{counts['person']:,} people and {counts['interaction']:,} interactions (demo network")
    print(f"topped up with random interactions; built in {build_s:.0f} s). Exact: re-export equals")
    print("the first export, bar the timestamp.\n")
    print("| export | write file | bundle | restore | exact | peak RSS |")
    print("| ---: | ---: | ---: | ---: | :---: | ---: |")
    print(
        f"| {export_s:.1f} s | {write_s:.1f} s | {size:.0f} MB | {restore_s:.1f} s "
        f"| {'yes' if exact else 'NO'} | {peak_rss_mib():.0f} MiB |"
    )


if __name__ == "__main__":
    main()
