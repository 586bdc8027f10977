"""Relationship ledger at 30,000 people and 500,000 interactions: ledger, health, due, week."""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_seconds, ms, peak_rss_mib, timed
from netweave.db.migrate import upgrade
from netweave.db.store import Store
from netweave.importers.records import InteractionRecord, Labelled, PersonRecord
from netweave.services import goals, health, keep_in_touch, ledger, people, week
from netweave.services.bulk import insert_interactions
from netweave.services.new_people import insert_people

PEOPLE = 30_000
INTERACTIONS = 500_000
YEARS = 3
TODAY = dt.date(2026, 11, 23)
CHANNELS = ["in-person", "call", "video", "email", "message", "event", "content"]
DIRECTIONS = ["give", "give", "ask", "receive", "neutral"]
GIVES = [None, "referral", "introduction", "content", "advice", "favour"]
TIERS = ["inner", "active", "network", "network", "network", "network", "dormant"]
INTERESTS = ["cycling", "jazz", "sailing", "chess", "gardening", "running", "cooking", "film"]
TRADES = ["tax", "family law", "real estate", "marketing", "payroll", "insurance", "design"]


def network(rng: random.Random) -> tuple[list[PersonRecord], list[InteractionRecord]]:
    records = [
        PersonRecord(
            full_name=f"Person {i}",
            emails=[Labelled(f"p{i}@bench.example")],
            tier=rng.choice(TIERS),
            interests=[rng.choice(INTERESTS)],
            offers=[f"{rng.choice(TRADES)} advice"],
            needs=[f"clients needing {rng.choice(TRADES)}"],
        )
        for i in range(PEOPLE)
    ]
    days = YEARS * 365
    interactions = []
    for _ in range(INTERACTIONS):
        size = 1 if rng.random() < 0.85 else rng.randint(2, 3)
        # Skewed: a few people get most of the contact, as in a real network.
        who = [f"p{int(PEOPLE * rng.random() ** 2)}@bench.example"]
        who += [f"p{rng.randrange(PEOPLE)}@bench.example" for _ in range(size - 1)]
        direction = rng.choice(DIRECTIONS)
        interactions.append(
            InteractionRecord(
                occurred_on=TODAY - dt.timedelta(days=int(days * rng.random() ** 1.5)),
                channel=rng.choice(CHANNELS),
                direction=direction,
                people=who,
                give_kind=rng.choice(GIVES) if direction in ("give", "receive") else None,
                minutes=rng.choice([None, 10, 30, 60]),
            )
        )
    return records, interactions


def main() -> None:
    url = os.environ.get("NETWEAVE_BENCH_DB")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(url or f"sqlite:///{Path(tmp) / 'ledger.db'}")
        upgrade(store)
        (records, interactions), gen_s = timed(lambda: network(random.Random(5)))

        def load() -> None:
            with store.write() as s:
                ids = insert_people(s, records)
                by_email = {r.emails[0].value: pid for r, pid in zip(records, ids, strict=True)}
                insert_interactions(s, interactions, by_email)
                goals.set_goal(s, "introductions", "3/week", TODAY)

        _, load_s = timed(load)
        with store.read() as s:
            busiest = people.find_person(s, "p0@bench.example").id
            typical = people.find_person(s, f"p{PEOPLE // 2}@bench.example").id

        def read(fn: object) -> object:
            def run() -> None:
                with store.read() as s:
                    fn(s)  # type: ignore[operator]

            return run

        cases = {
            "ledger (busiest person)": lambda s: ledger.ledger(
                s, s.get(people.Person, busiest), TODAY
            ),
            "ledger (typical person)": lambda s: ledger.ledger(
                s, s.get(people.Person, typical), TODAY
            ),
            "health (busiest person)": lambda s: health.health(
                s, s.get(people.Person, busiest), TODAY
            ),
            "health --cold (top 20)": lambda s: health.going_cold(s, TODAY, 20),
            "due (top 20)": lambda s: keep_in_touch.due(s, TODAY, 20),
            "week": lambda s: week.week_plan(s, TODAY),
        }
        rows = [(name, median_seconds(read(fn), 7)) for name, fn in cases.items()]  # type: ignore[arg-type]
        with store.read() as s:
            due_total = keep_in_touch.due(s, TODAY, 1).total
            cold_total = health.going_cold(s, TODAY, 1)[1]
            totals = ledger.ledger(s, s.get(people.Person, busiest), TODAY).totals
            busiest_n = totals.gives + totals.asks + totals.receives + totals.neutral
        participants = sum(len(r.people) for r in interactions)
        store.dispose()
    print(f"## Relationship ledger ({store.dialect})\n")
    print(
        f"{PEOPLE:,} people, {INTERACTIONS:,} interactions ({participants:,} participant rows) "
        f"over {YEARS} years, skewed so the busiest person has {busiest_n:,} interactions;"
    )
    print(
        f"generated in {gen_s:.1f} s, bulk-loaded (with the contact summary) in {load_s:.1f} s. "
        f"{due_total:,} people are due and {cold_total:,} going cold on {TODAY}."
    )
    print("Each figure is the median of 7 runs, one read transaction each, target < 200 ms.\n")
    print("| query | median | under 200 ms |")
    print("| --- | ---: | :---: |")
    for name, seconds in rows:
        print(f"| {name} | {ms(seconds)} | {'yes' if seconds < 0.2 else 'NO'} |")
    print(f"\nPeak RSS {peak_rss_mib():.0f} MiB (the generated records dominate).")


if __name__ == "__main__":
    main()
