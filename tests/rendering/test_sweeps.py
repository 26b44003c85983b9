"""A report process sweeps its whole heap seldom, and its young objects as often as before."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from factcheck.rendering.sweeps import FULL_SWEEP_AFTER, sweep_old_objects_rarely


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's defaults
    yield
    gc.set_threshold(*before)


def test_only_the_full_sweep_is_put_off_and_twice_changes_nothing_more(thresholds):
    sweep_old_objects_rarely()
    assert gc.get_threshold() == (700, 10, FULL_SWEEP_AFTER)
    sweep_old_objects_rarely()
    assert gc.get_threshold() == (700, 10, FULL_SWEEP_AFTER)
    assert gc.isenabled()


def test_the_command_line_process_sweeps_seldom():
    code = (
        "import gc, sys; from factcheck import cli; sys.argv = ['factcheck', '--version']\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "print(gc.get_threshold()[2])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-1] == str(FULL_SWEEP_AFTER)
