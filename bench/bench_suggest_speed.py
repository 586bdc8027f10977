"""`netweave suggest` at 30,000 people as a user runs it: whole CLI processes, cold and warm.

A 30,000-person demo network in a temporary SQLite database; each row is one
`netweave suggest …` process (start-up included), wall-clock. "Cold" is the first call on a
new database (every facet item embedded and matched); "warm" repeats it with nothing changed
(median of 3); "after an edit" adds an offer to one person (items re-matched, vectors of the
unchanged items reused from the cache).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from netweave.db.migrate import upgrade  # noqa: E402
from netweave.db.store import Store  # noqa: E402
from netweave.services.demo import load_demo  # noqa: E402

PEOPLE = int(os.environ.get("NETWEAVE_BENCH_SUGGEST_PEOPLE", "30000"))
NETWEAVE = str(ROOT / ".venv" / "bin" / "netweave")


def timed(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([NETWEAVE, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench_suggest_") as tmp:
        db = Path(tmp) / "demo.db"
        store = Store(f"sqlite:///{db}")
        upgrade(store)
        with store.write() as session:
            load_demo(session, PEOPLE, 7, dt.date(2026, 11, 23))
        store.engine.dispose()
        env = {
            **os.environ,
            "NETWEAVE_DB": str(db),
            "NETWEAVE_TODAY": "2026-11-23",
            "XDG_DATA_HOME": str(Path(tmp) / "data"),
        }
        whole = ("suggest", "--limit", "100", "--json")
        one = ("suggest", "--for", str(PEOPLE // 2), "--limit", "20", "--json")
        rows = [("whole network, top 100", "cold (first call)", timed(env, *whole))]
        rows.append(
            (
                "whole network, top 100",
                "warm (median of 3)",
                statistics.median(timed(env, *whole) for _ in range(3)),
            )
        )
        rows.append(
            (
                "one person, top 20",
                "warm (median of 3)",
                statistics.median(timed(env, *one) for _ in range(3)),
            )
        )
        timed(env, "people", "edit", "1", "--offer", "bench: a brand-new offer")
        rows.append(("whole network, top 100", "after an edit", timed(env, *whole)))
        rows.append(("one person, top 20", "warm again", timed(env, *one)))
    print(f"## Suggestions as a user runs them ({PEOPLE:,} people)\n")
    print(__doc__.split("\n\n", 1)[1].strip() + "\n")
    print("| command | state | time |")
    print("| --- | --- | ---: |")
    for what, state, seconds in rows:
        print(f"| `netweave suggest`: {what} | {state} | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
