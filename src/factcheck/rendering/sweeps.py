"""How often Python's cyclic garbage collector sweeps the whole heap in a report process.

A render builds large object graphs that live until it ends: the evidence (tens of thousands
of figures on a large base), the verdict with an assessment per figure, the page's tables.
CPython's default sweeps every one of those old objects again each time ten middle-generation
collections have passed and the heap grew by a quarter. On a claim over 10,000 figures that
was 30% of the verdict engine's time and 25% of the kernel's (`scripts/bench.py`'s scale row
and README). Young objects, where short-lived cycles die (a drawn matplotlib figure, a
traceback's frames), are collected as often as by default; only the full sweep waits longer,
and it still runs.
"""

from __future__ import annotations

import gc

# Middle-generation collections between two full sweeps (CPython's default is 10). With the
# default young thresholds that is a full sweep after about 7 million objects kept, not 70,000.
FULL_SWEEP_AFTER = 1000


def sweep_old_objects_rarely() -> None:
    """For this process and the processes it forks from now on; idempotent."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_SWEEP_AFTER)
