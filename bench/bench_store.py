"""Contact book at 30,000 people: bulk load, full-text search, listing, lookup by email."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import median_seconds, ms, peak_rss_mib, timed
from netweave.db.migrate import upgrade
from netweave.db.store import Store
from netweave.demo.generate import generate
from netweave.services import people
from netweave.services.demo import load_demo

SIZES = (1_000, 30_000)
QUERIES = ("family law", "tax", "real estate", "cycling", "marketing agency", "ther", "zo")


def bench_size(n: int, folder: Path) -> list[str]:
    store = Store(f"sqlite:///{folder / f'store-{n}.db'}")
    upgrade(store)
    today = dt.date(2026, 11, 23)
    network, gen_s = timed(lambda: generate(n, 7, today))

    def load() -> None:
        with store.write() as s:
            load_demo(s, n, 7, today)

    _, load_s = timed(load)
    email = network.people[n // 2].emails[0].value

    def search() -> None:
        with store.read() as s:
            for q in QUERIES:
                people.search_people(s, q, 50)

    def list_page() -> None:
        with store.read() as s:
            people.list_people(s, limit=50, offset=n // 2)

    def by_email() -> None:
        with store.read() as s:
            people.find_person(s, email)

    search_s = median_seconds(search, 7) / len(QUERIES)
    list_s = median_seconds(list_page, 7)
    email_s = median_seconds(by_email, 7)
    store.dispose()
    return [
        f"| {n:,} | {gen_s:.2f} s | {load_s:.2f} s | {ms(search_s)} | {ms(list_s)} "
        f"| {ms(email_s)} | {peak_rss_mib():.0f} MiB |"
    ]


def main() -> None:
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            rows += bench_size(n, Path(tmp))
    print("## Contact book (SQLite, FTS5)\n")
    print("Demo network generated, then bulk-loaded in one transaction; search is the median")
    print(f"per query over {len(QUERIES)} queries (top 50), 7 runs; list is one page of 50 at")
    print("the middle offset; peak memory is the benchmark process so far.\n")
    print("| people | generate | load | search / query | list page | find by email | peak RSS |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
