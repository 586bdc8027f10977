"""Helpers shared by the benchmark scripts: timing medians and peak memory."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def median_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall-clock time of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def reference_loop_seconds() -> float:
    """Seconds a fixed pure-Python loop (10,000,000 additions) takes right now: how fast this
    machine runs Python at the moment (the same 2-core machines have varied 2-4x)."""
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
