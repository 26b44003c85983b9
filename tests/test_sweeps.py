"""Full sweeps of the heap put off where large graphs live (a kernel; the engine), no longer."""

from __future__ import annotations

import gc
import threading

import pytest

from factcheck.sweeps import FULL_SWEEP_AFTER, full_sweeps_put_off, sweep_old_objects_rarely
from factcheck.verdict import assess


@pytest.fixture
def defaults():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's
    yield
    gc.set_threshold(*before)


def test_a_kernel_puts_off_only_the_full_sweep_and_twice_changes_nothing_more(defaults):
    sweep_old_objects_rarely()
    assert gc.get_threshold() == (700, 10, FULL_SWEEP_AFTER)
    sweep_old_objects_rarely()
    assert gc.get_threshold() == (700, 10, FULL_SWEEP_AFTER)
    assert gc.isenabled()


def test_the_engine_puts_full_sweeps_off_while_it_runs_and_restores_them(defaults, monkeypatch):
    import factcheck.verdict as verdict

    seen = []
    monkeypatch.setattr(verdict, "_assess", lambda *a: seen.append(gc.get_threshold()))
    assess(None, object())
    assert seen == [(700, 10, FULL_SWEEP_AFTER)]
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_and_concurrent_uses_restore_the_thresholds_once_the_last_ends(defaults):
    inside, release = threading.Event(), threading.Event()

    def other():
        with full_sweeps_put_off():
            inside.set()
            release.wait(5)

    with full_sweeps_put_off():
        thread = threading.Thread(target=other)
        thread.start()
        inside.wait(5)
        with full_sweeps_put_off():
            assert gc.get_threshold()[2] == FULL_SWEEP_AFTER
    assert gc.get_threshold()[2] == FULL_SWEEP_AFTER  # the other thread is still inside
    release.set()
    thread.join(5)
    assert gc.get_threshold() == (700, 10, 10)


def test_an_error_inside_still_restores_them(defaults):
    with pytest.raises(ValueError), full_sweeps_put_off():
        raise ValueError
    assert gc.get_threshold() == (700, 10, 10)
