"""Pages never wait half a minute for a cold suggestion engine.

`EngineWarmer` builds the engine in one background thread (`services.engine_warm`: a read
session, then a short write of the new vectors). A page that needs suggestions asks
`ready(today, wait)`: on a small network the build finishes within the wait and the page
renders as usual; on a large one the page says the suggestions are being prepared and
reloads itself. `netweave serve` starts a build as soon as it is up.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from fastapi import Request

from netweave.db.store import Store
from netweave.services.engine_warm import engine_is_warm, warm_engine

log = logging.getLogger(__name__)

WAIT_SECONDS = 1.5  # how long a page waits for a build before saying "being prepared"
RETRY_SECONDS = 3  # how soon a "being prepared" page or fragment asks again


class EngineWarmer:
    """At most one engine build at a time, in a daemon thread."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self, today: dt.date) -> threading.Thread:
        """The running build, or a new one for `today`."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._build, args=(today,), name="engine-warmup", daemon=True
                )
                self._thread.start()
            return self._thread

    def _build(self, today: dt.date) -> None:
        try:
            warm_engine(self.store, today)
        except Exception:  # the page that needs the engine rebuilds it and shows the error
            log.exception("building the suggestion engine in the background failed")

    def ready(self, today: dt.date, wait: float | None = WAIT_SECONDS) -> bool:
        """Whether the engine is warm now or becomes so within `wait` seconds (None: wait
        for the build to end).

        A finished build counts as ready even if it failed: the caller then builds in the
        foreground, which shows the real error instead of "being prepared" forever.
        """
        if engine_is_warm(self.store, today):
            return True
        build = self.start(today)
        build.join(wait)
        return not build.is_alive()


def warmer(request: Request) -> EngineWarmer:
    found = request.app.state.warmer
    assert isinstance(found, EngineWarmer)
    return found
