"""Build the suggestion engine ahead of need, without holding the database's writer.

A cold build reads the whole network and embeds the item texts it has not seen: at 30,000
people that takes half a minute. Done inside `Store.write()` it would hold SQLite's writer
lock all that time, so nobody could log a call meanwhile. Here the build reads in a read
session with the embedding writes deferred, then writes the new vectors in one short
transaction. The engine lands in the in-process (and, given a folder, on-disk) cache, so
the next `suggest` with the same inputs answers at once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from netweave.db.store import Store
from netweave.services.embeddings import deferred_embeddings, flush


def warm_engine(store: Store, today: dt.date, *, cache_dir: Path | None = None) -> bool:
    """Make sure the engine for `today` is cached; True if it had to be built."""
    from netweave.services.engine_build import cached_engine, prepare

    with store.read() as session:
        if cached_engine(session, today, cache_dir=cache_dir) is not None:
            return False
        with deferred_embeddings(session) as cache:
            prepare(session, today, cache_dir=cache_dir)
            pending = cache.pending
    if pending:
        with store.write() as session:
            flush(session, pending)
    return True


def engine_is_warm(store: Store, today: dt.date, *, cache_dir: Path | None = None) -> bool:
    """Whether `suggest` would answer from the cache (nothing changed since the last build)."""
    from netweave.services.engine_build import cached_engine

    with store.read() as session:
        return cached_engine(session, today, cache_dir=cache_dir) is not None
