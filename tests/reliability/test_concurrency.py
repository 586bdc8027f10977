"""The CLI's services and the web app write to one SQLite database at the same time.

Three processes: uvicorn serving `create_app` on 127.0.0.1, one process sending 1,000
`POST /api/people`, one process making 1,000 service writes (one `Store.write()` each, as
a CLI command does). Every write must land, and no "database is locked" (nor any other
error) may reach the user: writers queue on `BEGIN IMMEDIATE` and the busy timeout.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from netweave.db.migrate import upgrade
from netweave.db.models import Email, Person
from netweave.db.store import Store

WRITES = 1_000
DRIVER = Path(__file__).with_name("concurrency_driver.py")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(db_path: Path) -> Iterator[str]:
    store = Store(f"sqlite:///{db_path}")
    upgrade(store)
    store.dispose()
    port = free_port()
    process = subprocess.Popen([sys.executable, str(DRIVER), "serve", str(db_path), str(port)])
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/api/people", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, "the server exited"
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_cli_and_web_write_at_once_nothing_lost(server: str, db_path: Path) -> None:
    started = time.monotonic()
    web = subprocess.Popen(
        [sys.executable, str(DRIVER), "post", server, str(WRITES)], stdout=subprocess.PIPE
    )
    cli = subprocess.Popen(
        [sys.executable, str(DRIVER), "write", str(db_path), str(WRITES)], stdout=subprocess.PIPE
    )
    web_out, _ = web.communicate(timeout=300)
    cli_out, _ = cli.communicate(timeout=300)
    elapsed = time.monotonic() - started
    web_report, cli_report = json.loads(web_out), json.loads(cli_out)
    print(f"web {web_report}\ncli {cli_report}\n{2 * WRITES / elapsed:.0f} writes/s overall")
    assert web_report["statuses"] == {"201": WRITES}, web_report
    assert cli_report["done"] == WRITES, cli_report
    store = Store(f"sqlite:///{db_path}")
    try:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == 2 * WRITES
            emails = set(s.scalars(select(Email.address)))
    finally:
        store.dispose()
    expected = {f"web{i}@example.org" for i in range(WRITES)}
    expected |= {f"service{i}@example.org" for i in range(WRITES)}
    assert emails == expected
