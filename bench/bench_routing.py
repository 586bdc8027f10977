"""Routing quality (MRR, hits@5 against BM25-only and dense-only) and speed at 30,000 people."""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ms, timed
from netweave.db.migrate import upgrade
from netweave.db.store import Store
from netweave.demo.generate import DemoNetwork, generate
from netweave.engine.expertise import ALPHA, Bm25, aggregate, dense_scores, hybrid
from netweave.engine.text.backends import default_embedder
from netweave.services.demo import load_demo
from netweave.services.routing import Router

N = 30_000
SEED = 7
TODAY = dt.date(2026, 11, 23)
MODES = ("lexical", "dense", "hybrid")
LABEL = {"lexical": "BM25 only", "dense": "dense only (WordLlama)", "hybrid": "hybrid (routing)"}
QA_PEOPLE = 6_000
QA_QUESTIONS = 600
QA_TEMPLATE = "A client of mine is asking around for {offer}. Who would you send them to?"


def metrics(ranks: list[int | None]) -> tuple[float, float]:
    mrr = statistics.fmean(1 / r if r else 0.0 for r in ranks)
    return mrr, statistics.fmean(1.0 if r and r <= 5 else 0.0 for r in ranks)


def demo_quality(store: Store, net: DemoNetwork, data_dir: Path) -> dict[str, tuple[float, float]]:
    from sqlalchemy import select

    from netweave.db.models import Email

    out = {}
    with store.write() as s:
        by_email = dict(s.execute(select(Email.address, Email.person_id)).tuples().all())
        for mode in MODES:
            router = Router(s, TODAY, data_dir, store.url, mode=mode)
            ranks = []
            for r in net.requests:
                helpers = router.route(r.text, 10, [by_email[r.requester]])
                ids = [h.person_id for h in helpers]
                best = by_email[r.best_helper]
                ranks.append(ids.index(best) + 1 if best in ids else None)
            out[mode] = metrics(ranks)
    return out


def qa_quality(net: DemoNetwork) -> tuple[dict[str, tuple[float, float]], int, int]:
    """Past answers (offers) as documents; per profession, one offer held out of the whole
    corpus and asked back as a later question; a hit is a person of that profession."""
    rng = random.Random(SEED)
    people = net.people[:QA_PEOPLE]
    by_title: dict[str, list[str]] = {}
    for p in people:
        if p.title and len(p.offers) >= 2:
            by_title.setdefault(p.title, sorted(set(p.offers)))
    held = {title: rng.choice(offers) for title, offers in sorted(by_title.items())}
    gone = set(held.values())
    questions = [(QA_TEMPLATE.format(offer=o), title) for title, o in sorted(held.items())]
    texts: list[str] = []
    owner: list[int] = []
    for i, p in enumerate(people):
        for t in [*p.offers, *p.objectives]:
            if t not in gone:
                texts.append(t)
                owner.append(i)
    unique = sorted(set(texts))
    pos = {t: k for k, t in enumerate(unique)}
    item_text = np.array([pos[t] for t in texts])
    item_person = np.array(owner)
    bm = Bm25.fit(unique)
    embedder = default_embedder()
    vectors = embedder.embed(unique) if embedder else None
    titles = np.array([p.title or "" for p in people])
    out = {}
    for mode in MODES:
        ranks = []
        for question, title in questions:
            lex = bm.score(question)
            dense = None
            if vectors is not None and embedder is not None:
                dense = dense_scores(embedder.embed([question])[0], vectors)
            s = {"lexical": lex, "dense": dense if dense is not None else lex}.get(
                mode, hybrid(lex, dense, ALPHA)
            )
            per = aggregate(s[item_text], item_person, len(people))
            top = np.argsort(-per, kind="stable")[:10]
            hit = [k + 1 for k, p in enumerate(top) if titles[p] == title]
            ranks.append(hit[0] if hit else None)
        out[mode] = metrics(ranks)
    return out, len(unique), len(questions)


def speed(store: Store, net: DemoNetwork, data_dir: Path) -> dict[str, float]:
    texts = [r.text for r in net.requests[:100]]
    with store.write() as s:
        cold, cold_s = timed(lambda: Router(s, TODAY, data_dir, store.url, rebuild=True))
        warm, warm_s = timed(lambda: Router(s, TODAY, data_dir, store.url))
        warm.route(texts[0])  # loads the static model
        started = time.perf_counter()
        times = []
        for t in texts:
            began = time.perf_counter()
            warm.route(t, 10)
            times.append(time.perf_counter() - began)
        del started
        first, _first_s = timed(lambda: cold.route(texts[1], 10))
        del first
    env = {**os.environ, "NETWEAVE_DATA_DIR": str(data_dir), "NETWEAVE_TODAY": str(TODAY)}
    exe = str(Path(sys.executable).with_name("netweave"))
    cli = []
    for text in texts[:9]:
        began = time.perf_counter()
        subprocess.run(
            [exe, "--db", store.url, "route", text, "--json"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        cli.append(time.perf_counter() - began)
    return {
        "cold": cold_s,
        "warm_load": warm_s,
        "per_request": statistics.median(times),
        "p95": float(np.percentile(times, 95)),
        "cli": statistics.median(cli),
        "cli_best": min(cli),
        "items": float(len(warm.index.item_person)),
        "texts": float(len(warm.index.texts)),
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="requests_bench_") as tmp:
        folder = Path(tmp)
        store = Store(f"sqlite:///{folder / 'routing.db'}")
        upgrade(store)
        net = generate(N, SEED, TODAY)
        with store.write() as s:
            load_demo(s, N, SEED, TODAY)
        data_dir = folder / "data"
        fast = speed(store, net, data_dir)
        demo = demo_quality(store, net, data_dir)
        qa, qa_texts, qa_n = qa_quality(net)
        store.dispose()
    print("## Request routing (issue #8)\n")
    print(f"Demo network of {N:,} people (seed {SEED}); the routing index holds "
          f"{fast['items']:,.0f} items ({fast['texts']:,.0f} distinct texts): offers, objectives "
          "and interaction notes.\n")  # fmt: skip
    print(f"**Planted requests** ({len(net.requests)} requests with a known best helper, "
          "requester excluded; top 10 kept):\n")  # fmt: skip
    print("| method | MRR | hits@5 |\n| --- | ---: | ---: |")
    for mode in MODES:
        print(f"| {LABEL[mode]} | {demo[mode][0]:.3f} | {demo[mode][1]:.3f} |")
    print(
        f"\n**Question-and-answer split** (first {QA_PEOPLE:,} people; offers are past "
        f"answers. For each of {qa_n} professions one offer is held out of the whole corpus "
        f'and asked back as "{QA_TEMPLATE}"; documents are the remaining offers and the '
        f"objectives, {qa_texts:,} distinct texts; a hit is a person of that profession, found "
        "through their other answers; person score by the same aggregation):\n"
    )
    print("| method | MRR | hits@5 |\n| --- | ---: | ---: |")
    for mode in MODES:
        print(f"| {LABEL[mode]} | {qa[mode][0]:.3f} | {qa[mode][1]:.3f} |")
    print(f"\n**Speed** at {N:,} people (SQLite; WordLlama static vectors):\n")
    print("| step | time |\n| --- | ---: |")
    print(f"| cold: read items, embed, fit BM25, write the `.npz` cache | {fast['cold']:.2f} s |")
    print(f"| warm: fingerprint check + load the cache + adjustments | {ms(fast['warm_load'])} |")
    print(f"| per request, warm (median of 100) | {ms(fast['per_request'])} |")
    print(f"| per request, warm (95th percentile) | {ms(fast['p95'])} |")
    print(f"| whole `netweave route \"…\" --json` process, warm cache (median of 9) "
          f"| {fast['cli']:.2f} s |")  # fmt: skip
    print(f"| the same, fastest of the 9 | {fast['cli_best']:.2f} s |")


if __name__ == "__main__":
    main()
