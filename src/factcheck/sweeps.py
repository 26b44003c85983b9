"""How often Python's cyclic garbage collector sweeps the whole heap, where that costs most.

The verdict engine builds large object graphs that live until it returns (an assessment per
figure, their reasons, the history's comparisons), and a report kernel loads the evidence and
the verdict whole and keeps them to its end. CPython's default sweeps every one of those old
objects again each time ten middle-generation collections have passed and the heap grew by a
quarter: on a claim over 10,000 figures that was 30% of the engine's time and 25% of the
kernel's (README, Benchmarks). Young objects, where short-lived cycles die (a drawn matplotlib
figure, a traceback's frames), are collected as often as by default either way.

A long-lived process (a batch worker renders claim after claim) puts the full sweep off only
while the engine runs: kept off for good, cycles left by one claim's PDF waited for the next
claims, and the workers' memory grew with the number of claims.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Middle-generation collections between two full sweeps (CPython's default is 10). With the
# default young thresholds that is a full sweep after about 7 million objects kept, not 70,000.
FULL_SWEEP_AFTER = 1000

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] = (700, 10, 10)


def sweep_old_objects_rarely() -> None:
    """For the rest of this process (a report kernel: it runs one notebook and exits)."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_SWEEP_AFTER)


@contextmanager
def full_sweeps_put_off() -> Iterator[None]:
    """Within: full sweeps as `sweep_old_objects_rarely`; after: the thresholds as before (the
    outermost of nested or concurrent uses restores them)."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], max(_saved[2], FULL_SWEEP_AFTER))
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.set_threshold(*_saved)
