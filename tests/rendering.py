"""Shared by the slow tests: render every seed claim once per test session.

The render is incremental and locked per claim, so modules (and xdist workers) that ask for
the same folder reuse one set of reports instead of rendering again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FACTCHECK = str(Path(sys.executable).with_name("factcheck"))


def render_all_into(tmp_path_factory) -> Path:
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this session
    out = root / "all-reports"
    result = subprocess.run(
        [FACTCHECK, "render", "--all", "--jobs", "2", "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise AssertionError(f"factcheck render --all failed:\n{result.stdout}\n{result.stderr}")
    return out
