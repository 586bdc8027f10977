"""Web pages at 30,000 people: the real server in a subprocess, timed from this process.

Loads a 30,000-person demo network (seed 7, today fixed) into a temporary SQLite file,
starts `netweave serve` on a free loopback port, then requests each page with httpx:
2 warm-up requests, then REQUESTS timed ones, one at a time; p50 and p95 of wall time.
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from bench.common import timed
from netweave.db.migrate import upgrade
from netweave.db.store import Store
from netweave.services.demo import load_demo
from netweave.web.background import free_port

PEOPLE = 30_000
REQUESTS = 30
TODAY = dt.date(2026, 11, 23)
BUDGET_MS = 200.0
ROUTE_TEXT = "who has negotiated a commercial lease for an office?"


def load(db: Path) -> float:
    store = Store(f"sqlite:///{db}")
    upgrade(store)

    def fill() -> None:
        with store.write() as session:
            load_demo(session, PEOPLE, 7, TODAY)

    _, seconds = timed(fill)
    store.dispose()
    return seconds


def start(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NETWEAVE_TODAY": TODAY.isoformat()}
    netweave = Path(sys.executable).with_name("netweave")
    server = subprocess.Popen(
        [str(netweave), "--db", str(db), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/netweave.css", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def add_request_and_event(client: httpx.Client, people: list[dict[str, Any]]) -> tuple[int, int]:
    """A refined request from the strongest contact, and an event with 50 attendees."""
    bearer = {"Authorization": "Bearer bench"}  # no password on loopback: passes CSRF
    body = {"text": "Can I pick your brain?", "from": str(people[0]["id"]), "ask": ROUTE_TEXT}
    rid = client.post("/api/requests", json=body, headers=bearer).raise_for_status().json()["id"]
    event = {"name": "Bench Summit", "on": TODAY.isoformat(), "place": "Austin"}
    made = client.post("/api/events", json=event, headers=bearer).raise_for_status()
    eid = made.json()["id"]
    lines = "\n".join(p["name"] for p in people[1:51])
    client.post(f"/api/events/{eid}/attendees", data={"lines": lines}, headers=bearer)
    # the network changed: wait for the engine's rebuild, so the pages below are timed warm
    client.get(f"/api/requests/{rid}/two-back", timeout=600)
    return rid, eid


def measure(client: httpx.Client, path: str) -> tuple[float, float]:
    for _ in range(2):
        client.get(path).raise_for_status()
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(path).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1) + 0.5)]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        load_s = load(db)
        port = free_port()
        server = start(db, port)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                strongest = client.get("/api/people", params={"sort": "strength", "limit": 51})
                person = strongest.json()["people"][0]["id"]
                request_id, event_id = add_request_and_event(client, strongest.json()["people"])
                pages = {
                    "dashboard `/`": "/",
                    "people, by name": "/people",
                    "people, page 300": "/people?page=300",
                    "people, by strength": "/people?sort=strength",
                    "people, going cold": "/people?health=going-cold&sort=strength",
                    "people, has needs + tag": "/people?facet=needs&tag=client",
                    "search as you type `tax`": "/people?q=tax",
                    "person page": f"/people/{person}",
                    "import": "/import",
                    "network page": "/network",
                    "network data (300 strongest)": "/api/network?limit=300",
                    "network data (neighbourhood, depth 2)": (
                        f"/api/network?around={person}&depth=2"
                    ),
                    "requests": "/requests",
                    "request page (helpers, two back)": f"/requests/{request_id}",
                    "route a text": f"/requests/route?q={ROUTE_TEXT}",
                    "`/api/route`": f"/api/route?text={ROUTE_TEXT}",
                    "events": "/events",
                    "event page (50 attendees: whom to meet)": f"/events/{event_id}",
                    "API docs": "/docs",
                    "`/api/people`": "/api/people",
                    "`/api/week`": "/api/week",
                    "`/api/due`": "/api/due",
                }
                rows = [(name, *measure(client, path)) for name, path in pages.items()]
        finally:
            server.terminate()
            server.wait(10)
    print(f"## Web pages ({PEOPLE:,} people)\n")
    print(f"Demo network loaded in {load_s:.1f} s; `netweave serve` in a subprocess, requests")
    print(f"from this process with httpx, one at a time: {REQUESTS} timed after 2 warm-ups.")
    print(f"Budget: p50 under {BUDGET_MS:.0f} ms.\n")
    print("| page | p50 | p95 | within budget |")
    print("| --- | ---: | ---: | :---: |")
    for name, p50, p95 in rows:
        ok = "yes" if p50 < BUDGET_MS else "**no**"
        print(f"| {name} | {p50:.1f} ms | {p95:.1f} ms | {ok} |")


if __name__ == "__main__":
    main()
