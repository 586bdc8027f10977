"""Prepare the engine for the current network: load, match items, score; cold or from cache.

`prepare` answers from the cache when the fingerprint (see `engine_cache`) is unchanged, so a
warm call costs a few small queries; otherwise it reads the network, matches needs and
objectives to offers with the text layer (reusing cached matches when the item texts and the
embedder are unchanged, and cached vectors always) and builds the scorer.

Which embedder: MiniLM with `dense=True`; MiniLM too when `netweave embed --dense` has already
cached a MiniLM vector for every item (so suggestions use it without loading the model);
otherwise the static WordLlama model when installed; otherwise lexical TF-IDF alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.db.memo import read_memo
from netweave.db.models_engine import Embedding
from netweave.engine.explain import PairExplanation
from netweave.engine.network import FacetMatches, Network
from netweave.engine.scoring import PairScorer
from netweave.services.embeddings import embedding_cache
from netweave.services.engine_cache import (
    ENGINES,
    EXPLAINED,
    FileCache,
    digest,
    fingerprint,
    texts_digest,
)
from netweave.services.me import me_id
from netweave.services.network_load import LoadedNetwork, load_network

MATCH_K = 10  # offers kept per need or objective
Progress = Callable[[int], None]


@dataclass
class Engine:
    """A scorer over the current network, and how to reach people in it."""

    scorer: PairScorer
    loaded: LoadedNetwork
    embedder: str | None
    key: str = ""  # the fingerprint it was built under

    def explain(self, i: int, j: int) -> PairExplanation:
        """Why i and j should meet; remembered per engine (pages explain the same pairs on
        every load: the dashboard's 24 took 86 ms)."""
        from netweave.engine.explain import explain

        if not self.key:
            return explain(self.scorer, i, j)
        key = f"{self.key}:{i}:{j}"
        found: PairExplanation | None = EXPLAINED.get(key)
        if found is None:
            found = explain(self.scorer, i, j)
            EXPLAINED.put(key, found)
        return found


def _dense_name() -> str | None:
    from netweave.engine.text.dense import MiniLMEmbedder, dense_available

    return MiniLMEmbedder().name if dense_available() else None


def _embedder(session: Session, network: Network, dense: bool) -> Any:
    """The embedder to match with (see the module docstring)."""
    from netweave.engine.text.backends import default_embedder
    from netweave.engine.text.dense import MiniLMEmbedder
    from netweave.engine.text.normalize import item_key

    if dense or _dense_name() is None:
        return default_embedder(dense=dense)
    texts = {*network.needs.texts, *network.objectives.texts, *network.offers.texts}
    keys = [item_key(t) for t in texts]
    minilm = MiniLMEmbedder()
    if keys and len(embedding_cache(session).get_many(minilm.name, keys)) == len(set(keys)):
        return minilm  # every vector cached: the model itself is never loaded
    return default_embedder(dense=False)


def _match(
    session: Session, network: Network, embedder: Any, progress: Progress | None
) -> FacetMatches:
    from netweave.engine.text.match import match_items

    offers = list(network.offers.texts)
    empty = FacetMatches.empty(network)
    if not offers:
        return empty
    cache = embedding_cache(session)
    found = {}
    for kind in ("needs", "objectives"):
        queries = list(network.facet(kind).texts)
        if queries:
            result = match_items(
                queries, offers, k=MATCH_K, embedder=embedder, cache=cache, progress=progress
            )
            found[kind] = result.scores
    return FacetMatches(
        found.get("needs", empty.needs_offers), found.get("objectives", empty.objectives_offers)
    )


def _parts(session: Session, dense: bool, playbooks: Any, weights: Any) -> tuple[object, ...]:
    """Everything besides the data and the guards that a prepared engine depends on."""
    from netweave.engine.text.backends import default_embedder

    static = default_embedder(dense=False)
    dense_name = _dense_name()
    minilm_rows = (
        session.scalar(
            select(func.count()).select_from(Embedding).where(Embedding.model == dense_name)
        )
        if dense_name
        else 0
    )
    return (
        me_id(session),
        dense and dense_name is not None,
        static.name if static is not None else None,
        dense_name,
        minilm_rows,
        repr(weights),
        repr(playbooks),
        MATCH_K,
    )


def prepare(
    session: Session,
    today: dt.date,
    *,
    dense: bool = False,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
) -> Engine:
    """The engine for the network as it is on `today`, from cache when nothing changed."""
    engine = cached_engine(session, today, dense=dense, cache_dir=cache_dir)
    return engine if engine is not None else _build(session, today, dense, progress, cache_dir)


def cached_engine(
    session: Session, today: dt.date, *, dense: bool = False, cache_dir: Path | None = None
) -> Engine | None:
    """The engine if nothing changed since it was last built (in this process or on disk)."""
    from netweave.engine.playbooks import load_playbooks
    from netweave.engine.weights import Weights

    fp = read_memo(
        session,
        ("engine fingerprint", today, dense),
        lambda: fingerprint(session, today, _parts(session, dense, load_playbooks(), Weights())),
    )
    engine: Engine | None = ENGINES.get(fp.key) or FileCache(cache_dir).get("engine", fp.key)
    if engine is not None:
        ENGINES.put(fp.key, engine)
    return engine


def _build(
    session: Session,
    today: dt.date,
    dense: bool,
    progress: Progress | None,
    cache_dir: Path | None,
) -> Engine:
    """Read the network, match items (vectors from the DB cache) and prepare the scorer."""
    from netweave.engine.playbooks import load_playbooks
    from netweave.engine.weights import Weights

    playbooks, weights = load_playbooks(), Weights()
    fp = fingerprint(session, today, _parts(session, dense, playbooks, weights))
    files = FileCache(cache_dir)
    me = me_id(session)
    loaded = load_network(session, today, exclude={me} if me else set(), guards=fp.guards)
    net = loaded.network
    embedder = _embedder(session, net, dense)
    name = embedder.name if embedder is not None else None
    match_key = digest(
        texts_digest(net.needs.texts, net.objectives.texts, net.offers.texts), name, MATCH_K
    )
    matches = files.get("matches", match_key)
    if not isinstance(matches, FacetMatches):
        matches = _match(session, net, embedder, progress)
        files.put("matches", match_key, matches)
    scorer = PairScorer(net, matches, weights, playbooks)
    engine = Engine(scorer, loaded, name if len(net.offers) else None, fp.key)
    ENGINES.put(fp.key, engine)
    files.put("engine", fp.key, engine)
    return engine
