"""Write a screenshot of each page to docs/screenshots/<page>.png (`make screenshots`).

A 200-person demo network (seed 7, today fixed at 2026-11-23) in a temporary database,
a few goals set, the app served on a free loopback port and Debian's Chromium driven by
Playwright: dashboard, people, a person, import preview, network, suggestions, the
introductions board (a few introductions walked to different stages first), requests and a
request's helpers, an event's attendees and whom to meet there, API docs.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TODAY = dt.date(2026, 11, 23)
FIXTURE = ROOT / "tests" / "importers" / "fixtures" / "linkedin_connections.csv"


def demo_app(folder: Path) -> object:
    from netweave.db.migrate import upgrade
    from netweave.db.store import Store
    from netweave.services.demo import load_demo
    from netweave.services.goals import set_goal
    from netweave.settings import Settings
    from netweave.web.app import create_app

    settings = Settings(db=str(folder / "demo.db"), secret_key="screenshots", today=TODAY)
    store = Store(settings.url)
    upgrade(store)
    with store.write() as session:
        load_demo(session, 200, 7, TODAY)
        set_goal(session, "gives", "3/week", TODAY)
        set_goal(session, "introductions", "1/week", TODAY)
        set_goal(session, "new-people", "2/month", TODAY)
    return create_app(settings, store)


def strongest_person(base: str) -> int:
    import httpx

    rows = httpx.get(f"{base}/api/people", params={"sort": "strength", "limit": 1}).json()
    return int(rows["people"][0]["id"])


# Introductions started from the top suggestions, each walked this far (by the JSON API).
WALKS = [
    [],
    ["ask"],
    ["ask", "agree"],
    ["ask", "agree", "ask", "agree"],
    ["ask", "agree", "ask", "agree", "introduce"],
    ["ask", "agree", "ask", "agree", "introduce", "met"],
    ["ask", "agree", "ask", "agree", "introduce", "met", "debrief"],
    ["ask", "decline"],
    ["dismiss"],
]


def walk_introductions(base: str) -> None:
    import httpx

    api = httpx.Client(base_url=base, headers={"Authorization": "Bearer screenshots"})
    top = api.get("/api/suggestions", params={"limit": 40}).json()
    used: set[int] = set()
    picks = []
    for s in top:  # people in one introduction each, so no cool-down gets in the way
        ids = {s["a"]["id"], s["b"]["id"]}
        if not ids & used:
            used |= ids
            picks.append(s)
    for steps, s in zip(WALKS, picks, strict=False):
        body = {"a": s["a"]["id"], "b": s["b"]["id"], "from_suggestion": True}
        iid = api.post("/api/introductions", json=body).raise_for_status().json()["id"]
        for step in steps:
            if step == "debrief":
                sides = {"a": {"outcome": 4, "business": True}, "b": {"outcome": 5}}
                api.post(f"/api/introductions/{iid}/debrief", json=sides).raise_for_status()
            else:
                api.post(f"/api/introductions/{iid}/{step}").raise_for_status()


def add_requests_and_events(base: str) -> tuple[int, int]:
    """Two requests (one vague, refined) and an event with ten attendees; their ids."""
    import httpx

    api = httpx.Client(base_url=base, headers={"Authorization": "Bearer screenshots"})
    people = api.get("/api/people", params={"sort": "strength", "limit": 12}).json()["people"]
    vague = {
        "text": "Could I pick your brain sometime?",
        "from": str(people[0]["id"]),
        "goal": "open a second office",
        "ask": "who has negotiated a commercial lease recently?",
        "outcome": "a signed lease by spring",
    }
    rid = api.post("/api/requests", json=vague).raise_for_status().json()["id"]
    specific = {"text": "Who knows a good accountant for a small business?"}
    api.post("/api/requests", json=specific).raise_for_status()
    event = {"name": "Austin Founders Summit", "on": "2026-11-20", "place": "Austin"}
    eid = api.post("/api/events", json=event).raise_for_status().json()["id"]
    lines = "\n".join(p["name"] for p in people[2:12])
    api.post(f"/api/events/{eid}/attendees", data={"lines": lines}).raise_for_status()
    return rid, eid


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    from netweave.web.background import serving

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, serving(demo_app(Path(tmp))) as base:  # type: ignore[arg-type]
        person = strongest_person(base)
        walk_introductions(base)
        request_id, event_id = add_requests_and_events(base)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            shots = {
                "dashboard": "/",
                "people": "/people?sort=strength",
                "person": f"/people/{person}",
                "network": "/network",
                "suggestions": "/suggestions?limit=10",
                "introductions": "/introductions",
                "requests": "/requests?status=all",
                "request": f"/requests/{request_id}",
                "event": f"/events/{event_id}",
                "docs": "/docs",
            }
            for name, path in shots.items():
                page.goto(base + path)
                if name == "dashboard":
                    page.wait_for_selector("#top-suggestions[data-loaded]")
                for box in ("#two-back-box", "#plan-box"):  # fetched once the engine is warm
                    if page.locator(box).count():
                        page.wait_for_selector(f"{box}[data-loaded]", timeout=120_000)
                if name == "network":
                    page.wait_for_selector("canvas[data-ready]")
                    page.wait_for_timeout(4000)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=name != "docs")
                print(f"wrote docs/screenshots/{name}.png")
            page.goto(base + "/import")
            page.set_input_files("input[name=files]", str(FIXTURE))
            page.click("#import-form button[type=submit]")
            page.wait_for_selector("#import-totals")
            page.screenshot(path=str(OUT / "import.png"), full_page=True)
            print("wrote docs/screenshots/import.png")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
