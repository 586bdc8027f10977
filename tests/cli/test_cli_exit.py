"""A command closes its database on the way out: SQLite's write-ahead log is folded back
into the database file and removed, never left beside it (`cli.main` freezes what is left
in memory for a quick exit, so nothing may depend on the interpreter's teardown)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = "import sys; from netweave.cli import main; sys.argv[0] = 'netweave'; main()"


def netweave(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN, "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NETWEAVE_TODAY": "2026-11-23", "HOME": str(db.parent)},
    )


def test_a_write_leaves_no_write_ahead_log_behind(tmp_path: Path) -> None:
    db = tmp_path / "nw.db"
    done = netweave(db, "people", "add", "Dana Reyes", "--org", "Reyes Law")
    assert done.returncode == 0, done.stderr
    assert not Path(f"{db}-wal").exists()
    assert not Path(f"{db}-shm").exists()
    listed = netweave(db, "people", "list", "--json")
    assert "Dana Reyes" in listed.stdout


def test_a_failing_command_still_closes_the_database(tmp_path: Path) -> None:
    db = tmp_path / "nw.db"
    netweave(db, "people", "add", "Dana Reyes")
    done = netweave(db, "people", "show", "999")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert not Path(f"{db}-wal").exists()
