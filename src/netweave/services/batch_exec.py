"""Where a batch job's partitions run: a plain loop here, or Dask (one machine or a cluster).

An executor shares one object with every task (`share`) and runs `fn(shared, item)` for each
item, handing results back to the caller as they finish (`run`). The caller, in this process,
is the only one that touches the database or the partition cache; tasks get plain data.

Dask is imported only when a Dask executor is made. With no scheduler address it starts a
`LocalCluster` of worker processes listening on 127.0.0.1 only.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from netweave.errors import NetweaveError

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")
INSTALL_HINT = "pip install 'netweave[batch]'"
RETRIES = 3  # a task whose worker dies, or that raises, is re-run up to this many times
ENGINES = ("local", "dask")
LOST_INPUT = (
    "the Dask cluster lost the job's shared input (the worker holding its last copy "
    "stopped) and cancelled the tasks still to run; run the command again: the partitions "
    "already finished are kept (see docs/scale.md for keeping a copy on every worker)"
)


class Executor(Protocol):
    """Runs one function over many items with a shared argument."""

    name: str
    dashboard: str | None

    def share(self, obj: Any) -> Any:
        """A handle to `obj` to pass to every task (sent to each worker once)."""
        ...

    def run(
        self, fn: Callable[[Any, T], R], shared: Any, items: Sequence[T], keys: Sequence[str]
    ) -> Iterator[tuple[int, R]]:
        """Yield (position in `items`, result) as tasks finish, in any order."""
        ...

    def close(self) -> None:
        """Release workers this executor started."""
        ...


class LocalExecutor:
    """A plain loop in this process: the reference the other engines must agree with."""

    name = "local"
    dashboard: str | None = None

    def share(self, obj: Any) -> Any:
        return obj

    def run(
        self, fn: Callable[[Any, T], R], shared: Any, items: Sequence[T], keys: Sequence[str]
    ) -> Iterator[tuple[int, R]]:
        for position, item in enumerate(items):
            yield position, fn(shared, item)

    def close(self) -> None:
        return None


def dask_available() -> bool:
    """Whether dask.distributed can be imported (the `batch` extra)."""
    return importlib.util.find_spec("distributed") is not None


def distributed() -> Any:
    """The `distributed` module, imported on first use (it takes about a second)."""
    return importlib.import_module("distributed")


class DaskExecutor:
    """Tasks on a Dask cluster: an existing scheduler at `address`, or a local one we start."""

    name = "dask"

    def __init__(
        self,
        address: str | None = None,
        *,
        workers: int = 2,
        retries: int = RETRIES,
        client: Any = None,
    ) -> None:
        if client is None and not dask_available():
            raise NetweaveError(f"the Dask engine needs dask[distributed]: {INSTALL_HINT}")
        self.retries = retries
        self._cluster: Any = None
        self._own_client = client is None
        if client is not None:
            self.client = client
        else:
            if address:
                try:
                    self.client = distributed().Client(address, timeout="10s")
                except OSError as exc:
                    raise NetweaveError(f"cannot reach the Dask scheduler at {address}") from exc
            else:
                self._cluster = local_cluster(workers)
                self.client = distributed().Client(self._cluster)
        self.dashboard = _dashboard(self.client, started_here=self._cluster is not None)

    def share(self, obj: Any) -> Any:
        return self.client.scatter(obj, broadcast=True)

    def run(
        self, fn: Callable[[Any, T], R], shared: Any, items: Sequence[T], keys: Sequence[str]
    ) -> Iterator[tuple[int, R]]:
        futures = [
            self.client.submit(fn, shared, item, key=key, retries=self.retries, pure=False)
            for item, key in zip(items, keys, strict=True)
        ]
        where = {f.key: position for position, f in enumerate(futures)}
        try:
            for future in distributed().as_completed(futures):
                if future.cancelled():  # only by the cluster: its input is gone
                    raise NetweaveError(LOST_INPUT)
                yield where[future.key], future.result()
                future.release()
        finally:
            self.client.cancel(futures)

    def close(self) -> None:
        if self._own_client:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def local_cluster(workers: int = 2) -> Any:
    """A LocalCluster of single-threaded worker processes on 127.0.0.1 (dashboard if bokeh).

    Its scheduler runs without the active memory manager, whose default policy drops the
    copies `share` broadcasts to every worker down to one within seconds: when the worker
    holding the last copy died, the shared object was lost for good ("lost scattered data")
    and every task still to run was cancelled instead of retried on the other workers.
    """
    has_bokeh = importlib.util.find_spec("bokeh") is not None
    import dask.config

    with dask.config.set({"distributed.scheduler.active-memory-manager.start": False}):
        return distributed().LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0" if has_bokeh else None,
        )


def _dashboard(client: Any, *, started_here: bool) -> str | None:
    """The dashboard link when one is actually served (it needs bokeh on the scheduler)."""
    if started_here and importlib.util.find_spec("bokeh") is None:
        return None
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:  # pragma: no cover - a scheduler that does not answer: no link
        return None
    return str(client.dashboard_link) if "dashboard" in services else None


def make_executor(engine: str = "local", scheduler: str | None = None) -> Executor:
    """The executor for `--engine` (local or dask) and `--scheduler`."""
    if engine == "local":
        if scheduler:
            raise NetweaveError("--scheduler needs --engine dask")
        return LocalExecutor()
    if engine == "dask":
        return DaskExecutor(scheduler)
    raise NetweaveError(f"unknown engine {engine!r}: choose {' or '.join(ENGINES)}")
