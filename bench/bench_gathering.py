"""Benchmark gathering planning: table quality on the demo network, and speed at 30,000 people.

    .venv/bin/python bench/bench_gathering.py               # quality (1,000) + speed (30,000)
    .venv/bin/python bench/bench_gathering.py --no-service  # skip the 30,000-person database

Quality: on the demo network (`demo.generate` + `services.demo.load_demo` into a temporary
SQLite database, engine from `build_engine`), the mean pairwise score of planned tables
against (a) random groups of the same size and (b) the best-pairs-only heuristic (take the
network's top pairs in order, seating both people, until N are seated; clashes skipped).
Tables are planned around each of 20 random people and compared with random groups and
best-pairs tables around the same person (the heuristic then takes that person's best pairs,
then the best pairs of anyone seated). Also: tables with a clash, with a newcomer, distinct
titles. Speed: planning a table of 8 from 30,000 people (synthetic network of
bench_scoring) with the scorer built (warm), and the whole service path on a 30,000-person
demo database: `build_engine` cold and warm, then the plan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_seconds, timed

from netweave.engine.candidates import for_person, top_pairs
from netweave.engine.gathering import plan_gathering
from netweave.engine.scoring import CLASH, PairScorer

TODAY = dt.date(2026, 11, 23)
SIZES = (6, 8)
AROUND = 20
RANDOM_GROUPS = 200


def _mean_score(scorer: PairScorer, guests: list[int]) -> tuple[float, bool, bool]:
    g = np.asarray(guests, dtype=np.int64)
    iu, ju = np.triu_indices(len(g), 1)
    scored = scorer.score_pairs(g[iu], g[ju])
    clash = bool((scored.guard & CLASH).any())
    acq = scorer.network.acquaintances[g][:, g].toarray()
    newcomer = bool((acq.sum(axis=1) == 0).any())
    return float(scored.score.mean()), clash, newcomer


def _best_pairs(
    scorer: PairScorer, pairs: list[tuple[int, int]], size: int, seat: list[int]
) -> list[int]:
    seated = list(seat)
    for a, b in pairs:
        for p in (a, b):
            if len(seated) >= size or p in seated:
                continue
            others = np.asarray(seated, dtype=np.int64)
            if len(others) and scorer.clash(np.full(len(others), p), others).any():
                continue
            seated.append(p)
        if len(seated) >= size:
            break
    return seated


def _engine(people: int) -> tuple[object, float]:
    from netweave.db.migrate import upgrade
    from netweave.db.store import Store
    from netweave.services.demo import load_demo
    from netweave.services.suggestions import build_engine

    folder = tempfile.mkdtemp(prefix="gathering_bench_")
    store = Store(f"sqlite:///{folder}/nw.db")
    upgrade(store)
    with store.write() as session:
        load_demo(session, people, 7, TODAY)
    with store.write() as session:
        engine, cold = timed(lambda: build_engine(session, TODAY))
    return (store, engine), cold


def quality(people: int = 1000) -> list[str]:
    (_store, engine), _ = _engine(people)
    scorer = engine.scorer  # type: ignore[attr-defined]
    rng = np.random.default_rng(0)
    top = [(s.i, s.j) for s in top_pairs(scorer, 300)]
    lines = [
        f"### Table quality (demo network, {people} people; mean pairwise score)",
        "",
        "| table | size | planned | best pairs only | random | clash (planned) "
        "| newcomer (planned) | distinct titles (planned) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in SIZES:
        plan = plan_gathering(scorer, size)
        mean, clash, new = _mean_score(scorer, list(plan.guests))
        best_table = _best_pairs(scorer, top, size, [])
        best = _mean_score(scorer, best_table)[0]
        best_titles = len({scorer.network.titles[g] for g in best_table})
        rand = statistics.mean(
            _mean_score(scorer, list(rng.choice(scorer.n, size, replace=False)))[0]
            for _ in range(RANDOM_GROUPS)
        )
        titles = len({scorer.network.titles[g] for g in plan.guests})
        lines.append(
            f"| whole network | {size} | {mean:.3f} | {best:.3f} | {rand:.3f} | {clash} "
            f"| {new} | {titles}/{size} (best pairs: {best_titles}/{size}) |"
        )
        around = rng.choice(scorer.n, AROUND, replace=False)
        planned, bests, rands, clashes, news, distinct = [], [], [], 0, 0, []
        best_distinct: list[int] = []
        for p in around.tolist():
            g = plan_gathering(scorer, size, [p])
            m, c, nw = _mean_score(scorer, list(g.guests))
            planned.append(m)
            clashes += c
            news += nw
            distinct.append(len({scorer.network.titles[x] for x in g.guests}))
            mine = [(s.i, s.j) for s in for_person(scorer, p, 50)]
            best_table = _best_pairs(scorer, mine + top, size, [p])
            bests.append(_mean_score(scorer, best_table)[0])
            best_distinct.append(len({scorer.network.titles[x] for x in best_table}))
            others = np.delete(np.arange(scorer.n), p)
            rands.append(
                statistics.mean(
                    _mean_score(scorer, [p, *rng.choice(others, size - 1, replace=False)])[0]
                    for _ in range(20)
                )
            )
        lines.append(
            f"| around 1 of {AROUND} people (mean) | {size} | {statistics.mean(planned):.3f} | "
            f"{statistics.mean(bests):.3f} | {statistics.mean(rands):.3f} | {clashes}/{AROUND} | "
            f"{news}/{AROUND} | {statistics.mean(distinct):.1f}/{size} "
            f"(best pairs: {statistics.mean(best_distinct):.1f}/{size}) |"
        )
    return lines


def speed(service: bool) -> list[str]:
    from bench_scoring import synthetic

    from netweave.engine.playbooks import load_playbooks

    net, matches = synthetic(30_000)
    scorer, build = timed(lambda: PairScorer(net, matches, playbooks=load_playbooks()))
    first = timed(lambda: plan_gathering(scorer, 8))[1]
    warm = median_seconds(lambda: plan_gathering(scorer, 8), repeat=5)
    around = median_seconds(lambda: plan_gathering(scorer, 8, [123]), repeat=5)
    lines = [
        "### Speed: a table of 8 from 30,000 people",
        "",
        "| step | time |",
        "| --- | --- |",
        f"| synthetic network: build the scorer | {build:.2f} s |",
        f"| plan (whole network), first call | {first:.2f} s |",
        f"| plan (whole network), warm median | {warm:.2f} s |",
        f"| plan --around one person, warm median | {around:.2f} s |",
    ]
    if service:
        from netweave.services.gatherings import PlanRequest, plan
        from netweave.services.suggestions import build_engine

        (store, _engine1), cold = _engine(30_000)
        with store.write() as session:  # type: ignore[attr-defined]
            _, rebuilt = timed(lambda: build_engine(session, TODAY))
            _, full = timed(lambda: plan(session, PlanRequest(8), TODAY))
        lines += [
            f"| demo database: `build_engine` cold (embeds every item) | {cold:.1f} s |",
            f"| demo database: `build_engine` again (warm cache, if any) | {rebuilt:.1f} s |",
            "| demo database: `gathering plan --size 8` service "
            f"(engine + plan + reasons + save) | {full:.1f} s |",
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-service", action="store_true")
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    lines = [
        "## Gatherings (issue #10)",
        "",
        *quality(args.people),
        "",
        *speed(not args.no_service),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
