"""Ctrl-C during `render --all`: it stops within seconds, publishes nothing more, tells the truth.

A real `factcheck render --all` subprocess on the tiny fixture base; the second claim's notebook
sleeps, so the signal lands while a claim runs and others wait.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_batch_warm import notebook, orphans, project, sleeper, wait_for  # noqa: E402

pytestmark = pytest.mark.slow

FACTCHECK = str(Path(sys.executable).with_name("factcheck"))
STOP_BOUND = 5.0  # seconds from the signal to the exit


@pytest.mark.parametrize("target", ["the main process alone", "the process group (a terminal)"])
def test_sigint_at_claim_2_stops_the_batch_publishes_nothing_more_and_says_what_was_published(
    tmp_path, target, own_kernel_root
):
    started = tmp_path / "b-sleeps is in its sleeping cell"
    data = project(
        tmp_path,
        {"a-first": 1000, "b-sleeps": 2000, "c-later": 3000},
        {"b-sleeps": notebook(sleeper(started, 120))},
    )
    out = tmp_path / "reports"
    process = subprocess.Popen(
        [FACTCHECK, "render", "--all", "--jobs", "1", "--format", "html"]
        + ["--data", str(data), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    first = process.stdout.readline()  # "[1/5] a-first: rendered ..." (claim 2 is running now)
    assert "[1/5] a-first: rendered" in first, first + process.stderr.read()
    wait_for(started, timeout=60)
    before = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))

    signalled = time.monotonic()
    if target.startswith("the main"):
        process.send_signal(signal.SIGINT)
    else:
        os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    took = time.monotonic() - signalled

    assert process.returncode == 130, stderr
    assert took < STOP_BOUND, f"{took:.1f} s"
    assert "Traceback" not in stderr and "exception" not in stderr.lower(), stderr
    assert stderr.count("\n") == 1, stderr
    assert "published a-first" in stderr and "b-sleeps" in stderr and "c-later" in stderr
    after = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert after == before == ["a-first"]
    assert list(out.glob(".*.staging-*")) == []
    assert orphans(own_kernel_root) == []
