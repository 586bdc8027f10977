"""Crash safety: SIGKILL the real CLI at random points of an import, a merge and a bulk edit.

Each run forks a child from this (already warmed-up) process; the child runs the real
`netweave` CLI on its own copy of a demo database, and the parent kills it with SIGKILL
at a random moment inside the operation's write transaction (the child reports when
it begins) (forking rather than starting
a new interpreter keeps 300 kills to a couple of minutes). After every kill, SQLite's
`PRAGMA integrity_check` is "ok", no foreign key dangles, and the content equals either
the state before the operation or the state after it: all of it or none of it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import random
import select
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, event

from netweave.cli import app as cli_app
from netweave.db.migrate import upgrade
from netweave.db.store import Store
from netweave.services.demo import load_demo

RUNS = 100
DEMO_PEOPLE = 150
IMPORT_PEOPLE = 300
TODAY = dt.date(2026, 11, 23)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")


def fingerprint(path: Path) -> str:
    """Hash of every table's rows, without wall-clock columns (`*_at`) and the change token.

    `engine_state` holds a random token that triggers renew on every write: it is checked
    on its own (`change_token`), since two complete runs never produce the same one.
    """
    digest = hashlib.sha256()
    with sqlite3.connect(path) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'engine_state' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        for table in tables:
            columns = [
                r[1]
                for r in conn.execute(f"PRAGMA table_info('{table}')")
                if not r[1].endswith("_at")
            ]
            cols = ", ".join(f'"{c}"' for c in columns)
            digest.update(f"{table}:{cols}\n".encode())
            for row in conn.execute(f'SELECT {cols} FROM "{table}" ORDER BY {cols}'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def change_token(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM engine_state ORDER BY 1").fetchall()


def check_integrity(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def run_cli_in_child(db: Path, args: list[str]) -> tuple[int, int]:
    """Fork; the child runs `netweave --db db *args` and exits; returns (pid, signal fd).

    The child writes b"b" to the pipe when a write transaction begins and b"c" when one
    commits, so the parent can aim its kill inside the transaction.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns to pytest
        os.close(read_end)

        def began(conn: Connection) -> None:
            if conn.get_execution_options().get("netweave_write"):
                os.write(write_end, b"b")

        event.listen(Engine, "begin", began)
        event.listen(Engine, "commit", lambda conn: os.write(write_end, b"c"))
        code = 0
        try:
            cli_app(["--db", str(db), *args], standalone_mode=False)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_end)
    return pid, read_end


def wait_for(fd: int, marker: bytes, timeout: float = 30.0) -> bool:
    """Read the child's pipe until marker arrives (True) or it closes (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], deadline - time.monotonic())
        if not ready:
            break
        got = os.read(fd, 1)
        if not got:
            return False
        if got == marker:
            return True
    return False


def finish(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    return status


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reliability_crash")
    path = folder / "demo.db"
    store = Store(f"sqlite:///{path}")
    upgrade(store)
    with store.write() as s:
        load_demo(s, DEMO_PEOPLE, 7, TODAY)
    store.dispose()
    with sqlite3.connect(path) as conn:  # fold the WAL in so a file copy is the whole database
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def new_people_csv(folder: Path) -> Path:
    path = folder / "new_people.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "email", "company", "tags", "notes"])
        for i in range(IMPORT_PEOPLE):
            writer.writerow(
                [f"Crash Person {i}", f"crash{i}@example.org", f"Org {i % 17}", "crash", "n" * 40]
            )
    return path


def bulk_edit_csv(demo: Path, folder: Path) -> Path:
    """A file that updates every person already in the demo: a new tag and phone each."""
    with sqlite3.connect(demo) as conn:
        rows = conn.execute(
            "SELECT p.full_name, MIN(e.address) FROM person p JOIN email e ON e.person_id = p.id "
            "GROUP BY p.id ORDER BY p.id"
        ).fetchall()
    path = folder / "bulk_edit.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "email", "phone", "tags"])
        for i, (name, address) in enumerate(rows):
            writer.writerow([name, address, f"+44 20 7946 {i:04d}", "bulk-edited"])
    return path


def busiest_pair(demo: Path) -> list[str]:
    """The two people with the most interactions: the merge with the most rows to move."""
    with sqlite3.connect(demo) as conn:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT person_id FROM interaction_participant GROUP BY person_id "
                "ORDER BY COUNT(*) DESC, person_id LIMIT 2"
            )
        ]
    return [str(ids[0]), str(ids[1]), "--yes"]


def kill_runs(demo: Path, folder: Path, args: list[str], seed: int) -> tuple[dict[str, int], float]:
    """RUNS kills of `netweave args`; returns outcome counts and the operation's duration."""
    reference = folder / "reference.db"
    shutil.copy(demo, reference)
    before, token = fingerprint(reference), change_token(reference)
    pid, fd = run_cli_in_child(reference, args)
    assert wait_for(fd, b"b"), "the operation never began a write transaction"
    started = time.monotonic()
    assert wait_for(fd, b"c"), "the operation never committed"
    duration = time.monotonic() - started
    os.close(fd)
    assert os.waitstatus_to_exitcode(finish(pid)) == 0
    after = fingerprint(reference)
    assert before != after, "the operation changed nothing: nothing to test"
    rng = random.Random(seed)
    outcomes = {"none": 0, "all": 0, "killed": 0}
    for run in range(RUNS):
        db = folder / f"run-{run % 2}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(demo, db)
        pid, fd = run_cli_in_child(db, args)
        began = wait_for(fd, b"b")
        # anywhere inside the transaction, and a little past its commit
        time.sleep(rng.uniform(0, duration * 1.1) if began else 0)
        os.kill(pid, signal.SIGKILL)
        status = finish(pid)
        os.close(fd)
        outcomes["killed"] += os.WIFSIGNALED(status)
        check_integrity(db)
        state = fingerprint(db)
        assert state in (before, after), f"run {run}: a partial operation survived a kill"
        if state == before:
            assert change_token(db) == token, f"run {run}: change token moved, content did not"
        outcomes["none" if state == before else "all"] += 1
    return outcomes, duration


def report(kind: str, outcomes: dict[str, int], duration: float) -> None:
    print(f"{kind}: {RUNS} runs, {outcomes}, write transaction {duration * 1000:.0f} ms")
    # the kill time is drawn from the measured transaction length; on a loaded machine some
    # runs finish first, but at least half must die mid-write for the test to mean anything
    assert outcomes["killed"] >= RUNS * 0.5, "most runs should be killed mid-transaction"


OPERATIONS: dict[str, Callable[[Path, Path], list[str]]] = {
    "import": lambda demo, folder: ["import", str(new_people_csv(folder))],
    "merge": lambda demo, folder: ["people", "merge", *busiest_pair(demo)],
    "bulk-edit": lambda demo, folder: ["import", str(bulk_edit_csv(demo, folder))],
}


@pytest.mark.parametrize("kind", sorted(OPERATIONS))
def test_sigkill_leaves_all_or_nothing(kind: str, demo_db: Path, tmp_path: Path) -> None:
    args = OPERATIONS[kind](demo_db, tmp_path)
    outcomes, duration = kill_runs(demo_db, tmp_path, args, seed=sorted(OPERATIONS).index(kind))
    report(kind, outcomes, duration)
