"""Processes for the concurrency test: `serve`, `write` (service calls) and `post` (HTTP).

python concurrency_driver.py serve DB PORT
python concurrency_driver.py write DB COUNT      # prints a JSON report
python concurrency_driver.py post URL COUNT      # prints a JSON report
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import Any


def serve(db: str, port: int) -> None:
    import uvicorn

    from netweave.settings import Settings
    from netweave.web.app import create_app

    settings = Settings(db=db, secret_key="reliability-concurrency")
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


def write(db: str, count: int) -> dict[str, Any]:
    """`count` writes through the services, one transaction each, as the CLI does."""
    from netweave.db.store import Store
    from netweave.importers.records import Labelled, PersonRecord
    from netweave.services import people

    store = Store(f"sqlite:///{db}")
    errors: list[str] = []
    started = time.monotonic()
    for i in range(count):
        record = PersonRecord(
            full_name=f"Service {i}", emails=[Labelled(f"service{i}@example.org")]
        )
        try:
            with store.write() as session:
                people.add_person(session, record)
        except Exception as error:  # reported, not raised: the test counts them
            errors.append(repr(error))
        time.sleep(0.01)  # pace like a person at a terminal, so both writers overlap longer
    return {
        "done": count - len(errors),
        "errors": errors[:5],
        "seconds": time.monotonic() - started,
    }


def post(url: str, count: int) -> dict[str, Any]:
    """`count` POST /api/people requests, one after the other."""
    import httpx

    statuses: Counter[int] = Counter()
    problems: list[str] = []
    started = time.monotonic()
    headers = {"Authorization": "Bearer loopback"}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        for i in range(count):
            answer = client.post(
                "/api/people", json={"full_name": f"Web {i}", "emails": [f"web{i}@example.org"]}
            )
            statuses[answer.status_code] += 1
            if answer.status_code != 201 or "locked" in answer.text:
                problems.append(f"{answer.status_code}: {answer.text[:200]}")
    return {
        "statuses": {str(k): v for k, v in statuses.items()},
        "problems": problems[:5],
        "seconds": time.monotonic() - started,
    }


def main() -> None:
    mode, target, number = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "serve":
        serve(target, number)
        return
    report = write(target, number) if mode == "write" else post(target, number)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
